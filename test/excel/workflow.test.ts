import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import {
  countersignStaff,
  loadAwaitingCountersign,
  enrolDevice,
  fileRequest,
  revokeStaff,
  stampRequests,
} from "../../src/excel/actions/workflow";
import { postRequests } from "../../src/excel/actions/post-requests";
import {
  createDeviceKey,
  fingerprint,
  sign,
  unlockDeviceKey,
  type WrappedKey,
} from "../../src/domain/stamps/keys";
import { staffMessage } from "../../src/domain/stamps/staff";
import { intake, register } from "../../src/domain/schema/sheets";
import { sampleCustomer } from "../../src/domain/sample";
import { bookOf, envOf } from "./fixtures";
import { staffOf } from "./integrity/world";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import type { ExcelEnv } from "../../src/excel/env";

const now = { date: "2026-11-24", time: "16:10" };
/** The PKCS#8 header every P-256 private key starts with, in base64: it must be in no cell. */
const PKCS8_P256 = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg";

interface Device {
  name: string;
  department: string;
  role: string;
  pin: string;
  key: WrappedKey;
}

async function device(name: string, department: string, role: string, pin: string): Promise<Device> {
  return { name, department, role, pin, key: await createDeviceKey(pin) };
}

async function unlocked(d: Device) {
  const u = await unlockDeviceKey(d.key, d.pin);
  assert.ok(u.ok);
  return {
    entry: {
      row: 0,
      name: d.name,
      department: d.department,
      role: d.role,
      device: "pc",
      publicKey: d.key.publicKey,
      countersign: "",
      revoked: false,
      // Enrolled at `now`: the row's 生效时间, which the countersignature covers.
      since: `${now.date}T${now.time}`,
    },
    privateKey: u.privateKey,
    fingerprint: await fingerprint(d.key.publicKey),
  };
}

function entryFor(i: number): Record<string, string> {
  const c = sampleCustomer(i, "zh");
  const out: Record<string, string> = {};
  register.columns.forEach((col, k) => {
    if (intake.columns.some((x) => x.key === col.key) && !["stamps", "notes", "requestNo"].includes(col.key))
      out[col.key] = String(c[k]);
  });
  return { ...out, class: "A", department: "业务一部", responsible: "王建国", firstTradeDate: "" };
}

describe("intake to posting through the pane's actions (in-memory host)", function () {
  this.timeout(60_000);

  it("enrols, countersigns, files, stamps twice and posts; no private key ever reaches the workbook", async () => {
    const host = new MemoryExcelHost();
    const env = envOf(host);
    await setUpWorkbook(env);
    const admin = await device("赵管理", "财务科", "admin", "Ad1n-Qx7m");
    const head = await device("王主管", "业务一部", "deptHead", "Tz8q-Wm4k");
    const chairman = await device("李董事长", "总务部", "chairman", "Rb7x-Lp2n");

    // The first administrator countersigns their own row as they enrol.
    const a = await unlocked(admin);
    const self = await sign(a.privateKey, staffMessage({ ...a.entry, device: "pc" }));
    assert.ok(
      (
        await enrolDevice(
          env,
          { ...a.entry, device: "pc", countersign: self, fingerprint: a.fingerprint },
          now,
        )
      ).ok,
    );
    const settingsRows = host.sheet("设置").values;
    assert.ok(
      settingsRows.some((r) => r[4] === "管理员密钥指纹" && r[5] === a.fingerprint),
      "Settings shows the administrator's fingerprint",
    );
    const fingerprints: string[] = [];
    for (const d of [head, chairman]) {
      const u = await unlocked(d);
      fingerprints.push(u.fingerprint);
      assert.ok((await enrolDevice(env, { ...u.entry, device: "pc" }, now)).ok);
    }
    const pinned = a.fingerprint;
    // The administrator sees who waits, with the fingerprint each person's own pane shows…
    const awaiting = await loadAwaitingCountersign(env, pinned);
    assert.ok(awaiting.ok);
    assert.deepEqual(
      awaiting.awaiting.map((p) => `${p.name} ${p.department} ${p.role} ${p.device} ${p.fingerprint}`),
      [`王主管 业务一部 deptHead pc ${fingerprints[0]}`, `李董事长 总务部 chairman pc ${fingerprints[1]}`],
    );
    // …and countersigns only whom they chose.
    const adminKey = { name: a.entry.name, fingerprint: a.fingerprint, privateKey: a.privateKey };
    const first = await countersignStaff(env, pinned, adminKey, now, [fingerprints[0]!]);
    assert.ok(first.ok);
    assert.deepEqual(first.changed, ["王主管"]);
    const left = await loadAwaitingCountersign(env, pinned);
    assert.ok(left.ok);
    assert.deepEqual(
      left.awaiting.map((p) => p.name),
      ["李董事长"],
    );
    const signed = await countersignStaff(env, pinned, adminKey, now, fingerprints);
    assert.ok(signed.ok);
    assert.deepEqual(signed.changed, ["李董事长"], "the one already countersigned is not signed again");
    const none = await loadAwaitingCountersign(env, pinned);
    assert.ok(none.ok && none.awaiting.length === 0);

    const filed = await fileRequest(env, entryFor(0), "王建国", now);
    assert.ok(filed.ok && filed.problems.length === 0, JSON.stringify(filed));
    host.resetCounters();
    const h = await unlocked(head);
    const byHead = await stampRequests(env, pinned, ["R000001"], h, "approve", "", now);
    assert.ok(byHead.ok);
    assert.deepEqual(byHead.stamped, [{ requestNo: "R000001", status: "pending" }]);
    // Read as it needs (issue 15): names, headers and sizes, the columns, the rows they pick, one write.
    // The sheet names of the last action (the filing) stand for this one's listing, checked in its first sync.
    assert.equal(host.syncs, 4, "names and headers, columns, rows, one write");
    const c = await unlocked(chairman);
    const byChair = await stampRequests(env, pinned, ["R000001"], c, "approve", "", now);
    assert.ok(byChair.ok);
    assert.deepEqual(byChair.stamped, [{ requestNo: "R000001", status: "approved" }]);
    const posted = await postRequests(env, { name: "陈会计" }, pinned, "all", now);
    assert.ok(posted.ok);
    assert.deepEqual(
      posted.posted.map((p) => p.id),
      ["C000001"],
    );

    const everything = host.sheetNames().flatMap((n) => host.sheet(n).values.flat().map(String));
    for (const d of [admin, head, chairman]) {
      assert.ok(
        !everything.some((v) => v.includes(d.key.wrapped) || v.includes(d.key.salt)),
        "no wrapped key in any cell",
      );
    }
    assert.ok(!everything.some((v) => v.includes(PKCS8_P256)), "no private key in any cell");
  });

  it("refuses a wrong PIN without touching the workbook, and a revoked device's stamps", async () => {
    const host = new MemoryExcelHost();
    const env = envOf(host);
    await setUpWorkbook(env);
    const admin = await device("赵管理", "财务科", "admin", "Ad1n-Qx7m");
    const a = await unlocked(admin);
    const self = await sign(a.privateKey, staffMessage({ ...a.entry, device: "pc" }));
    await enrolDevice(env, { ...a.entry, device: "pc", countersign: self }, now);
    const head = await device("王主管", "业务一部", "deptHead", "Tz8q-Wm4k");
    const h = await unlocked(head);
    await enrolDevice(env, { ...h.entry, device: "pc" }, now);
    await countersignStaff(
      env,
      a.fingerprint,
      { name: a.entry.name, fingerprint: a.fingerprint, privateKey: a.privateKey },
      now,
      [h.fingerprint],
    );
    await fileRequest(env, entryFor(0), "王建国", now);

    assert.deepEqual(await unlockDeviceKey(head.key, "999999"), { ok: false, rule: "pin.wrong" });
    const revoked = await revokeStaff(env, { name: "王主管", device: "pc" }, "赵管理", "设备丢失", now);
    assert.ok(revoked.ok && revoked.changed.length === 1);
    const attempt = await stampRequests(env, a.fingerprint, ["R000001"], h, "approve", "", now);
    assert.ok(attempt.ok);
    assert.deepEqual(
      attempt.problems.map((p) => p.rule),
      ["stamp.revoked"],
    );
    assert.deepEqual(attempt.stamped, []);
  });

  it("revokes a key reading the log's skeleton, not the whole log (issue 15)", async () => {
    const people = await staffOf();
    const host = await bookOf(3000, people);
    const logBytes = JSON.stringify(host.sheet("变更记录").values).length;
    const admin: ExcelEnv = {
      ...envOf(host),
      signer: () => ({ fingerprint: people.admin.fp, privateKey: people.admin.privateKey }),
    };
    host.resetCounters();
    const revoked = await revokeStaff(admin, { name: people.head.entry.name }, "赵管理", "离职", now);
    assert.ok(revoked.ok && revoked.problems.length === 0, JSON.stringify(revoked));
    const read = host.syncLog.reduce((n, s) => n + s.responseBytes, 0);
    assert.ok(read * 10 < logBytes, `read ${read} bytes; the log holds ${logBytes}`);
    // The revocation counts: the head's stamp is refused from now on, and the log holds.
    const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.problems.filter((p) => p.rule.startsWith("log.")),
      [],
    );
    const attempt = await fileRequest(envOf(host), entryFor(9000), "王建国", now);
    assert.ok(attempt.ok && attempt.requestNo, JSON.stringify(attempt));
    const stamp = await stampRequests(
      envOf(host),
      people.admin.fp,
      [attempt.requestNo!],
      { entry: people.head.entry, privateKey: people.head.privateKey, fingerprint: people.head.fp },
      "approve",
      "",
      now,
    );
    assert.ok(stamp.ok, JSON.stringify(stamp));
    assert.deepEqual(
      stamp.problems.map((p) => p.rule),
      ["stamp.revoked"],
    );
  });

  it("enrols a device and countersigns it reading the log's skeleton, not the whole log (issue 15)", async () => {
    const people = await staffOf();
    const host = await bookOf(3000, people);
    const logBytes = JSON.stringify(host.sheet("变更记录").values).length;
    const env = envOf(host);
    const newcomer = await device("钱会计", "财务科", "clerk", "Qn5v-Lp8r");
    const n = await unlocked(newcomer);
    const read = async <T extends { ok: boolean }>(act: () => Promise<T>) => {
      host.resetCounters();
      const result = await act();
      assert.ok(result.ok, JSON.stringify(result));
      const bytes = host.syncLog.reduce((sum, s) => sum + s.responseBytes, 0);
      assert.ok(bytes * 10 < logBytes, `read ${bytes} bytes; the log holds ${logBytes}`);
      return result;
    };
    await read(() => enrolDevice(env, { ...n.entry, device: "pc" }, now));
    const signed = await read(() =>
      countersignStaff(
        env,
        people.admin.fp,
        { name: people.admin.entry.name, fingerprint: people.admin.fp, privateKey: people.admin.privateKey },
        now,
        [n.fingerprint],
      ),
    );
    assert.ok(signed.ok && signed.changed.length === 1, JSON.stringify(signed));
    const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.problems.filter((p) => p.rule.startsWith("log.") || p.sheet === "staff"),
      [],
    );
  });
});
