/**
 * Issue 15: a one-customer action reads what it needs — the ID columns, its rows, the
 * Change log's trust skeleton and last row — and decides exactly what a whole read decides.
 * Recording a contact and the customer card are read this way (excel/partial.ts).
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import {
  addAnnualResult,
  addContact,
  loadMajorMatters,
  markReported,
} from "../../src/excel/actions/contacts";
import { printCard } from "../../src/excel/actions/card";
import { readPlanApply } from "../../src/excel/actions/read-plan-apply";
import { guarded } from "../../src/excel/actions/result";
import { revokeStaff, signStampPolicy } from "../../src/excel/actions/workflow";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import type { ExcelEnv } from "../../src/excel/env";
import {
  majorToReport,
  planAnnualResult,
  planContact,
  planReported,
  type ContactEntry,
} from "../../src/domain/contacts";
import {
  annualResults,
  archivePast,
  archiveSuspended,
  changeLog,
  contacts,
  register,
} from "../../src/domain/schema/sheets";
import { bookOf, envOf } from "./fixtures";
import { now, stamper, staffOf, world, type People } from "./integrity/world";
import { cellOf, typeInto } from "./integrity/insider";
import { difference } from "./support/same-book";
import { SPACINGS, atSpacing, spacingLabel } from "./support/checkpoint-spacing";

const LOG = "变更记录";
const contact = (customerId: string, summary = "电话回访"): ContactEntry => ({
  customerId,
  date: now.date,
  staff: "王建国",
  channel: "电话",
  summary,
  major: false,
});
const everything = (host: MemoryExcelHost) =>
  JSON.stringify(host.sheetNames().map((n) => [n, host.sheet(n).values]));
/** Recording a contact as it was done before issue 15: the sheets read whole. */
const wholeRead = (env: ExcelEnv, entry: ContactEntry, person: string) =>
  guarded(() =>
    readPlanApply(
      env,
      [register, archiveSuspended, archivePast, contacts, changeLog],
      undefined,
      ({ snapshot, settings }) => planContact(snapshot, settings, entry, person, now, "zh"),
    ),
  );
const lastLogRow = (host: MemoryExcelHost) => host.sheet(LOG).values.length;

for (const spacing of SPACINGS)
  describe(`${"a one-customer action reads what it needs (issue 15): recording a contact"}${spacingLabel(spacing)}`, function () {
    atSpacing(spacing);
    this.timeout(180_000);
    let people: People;
    let base: MemoryExcelHost;
    before(async () => {
      people = await staffOf();
      base = await world(people);
      // History a whole read would see: a revoked key, a second policy.
      const admin: ExcelEnv = {
        ...envOf(base),
        signer: () => ({ fingerprint: people.admin.fp, privateKey: people.admin.privateKey }),
      };
      const revoked = await revokeStaff(admin, { name: people.manager.entry.name }, "赵管理", "离职", now);
      assert.ok(revoked.ok && revoked.problems.length === 0, JSON.stringify(revoked));
      // Rows after it: the revocation is not the log's last row, which is read anyway.
      assert.ok((await addContact(envOf(base), contact("C000002"), "陈会计", now)).ok);
    });

    it("writes exactly what a whole read writes: for a known customer, an archived one, an unknown one", async () => {
      for (const [id, expectOk] of [
        ["C000001", true],
        ["C000003", true],
        ["C000999", false],
      ] as const) {
        const whole = base.clone();
        const partial = base.clone();
        const a = await wholeRead(envOf(whole), contact(id), "陈会计");
        const b = await addContact(envOf(partial), contact(id), "陈会计", now);
        assert.ok(a.ok && b.ok, JSON.stringify([a, b]));
        assert.deepEqual(b.problems, a.problems);
        assert.equal(b.problems.length === 0, expectOk, JSON.stringify(b.problems));
        assert.equal(difference(partial, whole), "", id);
        // The new row chains to the log's last row: Validate finds in both exactly the same.
        const problems = async (host: MemoryExcelHost) => {
          const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
          assert.ok(checked.ok);
          return checked.problems;
        };
        assert.deepEqual(await problems(partial), await problems(whole));
      }
    });

    it("a year's results: the same writes as a whole read, for a known customer and an unknown one", async () => {
      for (const id of ["C000001", "C000999"]) {
        const whole = base.clone();
        const partial = base.clone();
        const entry = { customerId: id, year: "2025", revenue: "1,200", financialNotes: "稳健" };
        const a = await guarded(() =>
          readPlanApply(
            envOf(whole),
            [register, archiveSuspended, archivePast, annualResults, changeLog],
            undefined,
            ({ snapshot, settings }) => planAnnualResult(snapshot, settings, entry, "陈会计", now, "zh"),
          ),
        );
        const b = await addAnnualResult(envOf(partial), entry, "陈会计", now);
        assert.ok(a.ok && b.ok, JSON.stringify([a, b]));
        assert.deepEqual(b.problems, a.problems);
        assert.equal(difference(partial, whole), "", id);
      }
    });

    it("major matters: the same list, and marking one reported writes what a whole read writes", async () => {
      const host = base.clone();
      const major = { ...contact("C000001", "客户破产风险"), major: true };
      for (const entry of [major, { ...major, customerId: "C000002" }, contact("C000007")])
        assert.ok((await addContact(envOf(host), entry, "陈会计", now)).ok);
      const list = await loadMajorMatters(envOf(host));
      const wholeList = await guarded(() =>
        readPlanApply(envOf(host), [contacts], undefined, async ({ snapshot }) => ({
          matters: majorToReport(snapshot),
          writes: [],
        })),
      );
      assert.ok(list.ok && wholeList.ok);
      assert.deepEqual(list.matters, wholeList.matters);
      assert.equal(list.matters.length, 2);
      const no = list.matters[0]!.contactNo;
      const whole = host.clone();
      const partial = host.clone();
      const a = await guarded(() =>
        readPlanApply(envOf(whole), [contacts, changeLog], undefined, ({ snapshot }) =>
          planReported(snapshot, [no], "信息部 刘主任", now),
        ),
      );
      const b = await markReported(envOf(partial), [no], "信息部 刘主任", now);
      assert.ok(a.ok && b.ok && b.problems.length === 0, JSON.stringify([a, b]));
      assert.equal(difference(partial, whole), "");
      const left = await loadMajorMatters(envOf(partial));
      assert.deepEqual(left.ok && left.matters.map((m) => m.customerId), ["C000002"]);
    });

    it("reads a small part of what a whole read reads, on a register of 3,000 customers", async () => {
      const people3000 = await bookOf(3000, people);
      const whole = people3000.clone();
      const partial = people3000.clone();
      assert.ok((await wholeRead(envOf(whole), contact("C000010"), "陈会计")).ok);
      assert.ok((await addContact(envOf(partial), contact("C000010"), "陈会计", now)).ok);
      assert.equal(difference(partial, whole), "");
      const read = (host: MemoryExcelHost) => host.syncLog.reduce((sum, s) => sum + s.responseBytes, 0);
      assert.ok(
        read(partial) * 10 < read(whole),
        `partial read ${read(partial)} bytes, whole read ${read(whole)} bytes`,
      );
    });

    for (const [what, act] of [
      [
        "recording a contact",
        (env: ExcelEnv, name: string) => addContact(env, contact("C000001"), name, now),
      ],
      [
        "printing a card",
        (env: ExcelEnv, name: string) => printCard(env, "C000001", name, people.admin.fp, now),
      ],
    ] as const)
      it(`a key revoked in the log and typed back to 否 seals nothing (${what}): the row goes in unsealed, as a whole read decides`, async () => {
        const host = base.clone();
        const staffRows = host.sheet("人员").values;
        const revocation = staffRows.map((r) => r[0]).lastIndexOf(people.manager.entry.name) + 1;
        assert.equal(cellOf(host, "人员", revocation, "已吊销"), "是");
        typeInto(host, "人员", revocation, "已吊销", "否");
        const manager = people.manager;
        const env: ExcelEnv = {
          ...envOf(host),
          signer: () => ({ fingerprint: manager.fp, privateKey: manager.privateKey }),
        };
        const done = await act(env, manager.entry.name);
        assert.ok(done.ok && done.problems.length === 0, JSON.stringify(done));
        assert.equal(cellOf(host, LOG, lastLogRow(host), "操作人"), manager.entry.name);
        assert.equal(cellOf(host, LOG, lastLogRow(host), "签名"), "", "no seal by a revoked key");
        const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
        assert.ok(checked.ok);
        assert.ok(
          !checked.problems.some((p) => p.rule === "log.badSignature"),
          JSON.stringify(checked.problems),
        );
      });

    it("变更记录须全员签名 signed and typed back to 否 in its cell: a clerk with no key still writes nothing", async () => {
      const host = base.clone();
      const signed = await signStampPolicy(envOf(host), people.admin.fp, stamper(people.admin), now);
      assert.ok(signed.ok && signed.problems.length === 0, JSON.stringify(signed));
      const settings = host.sheet("设置").values;
      const row = settings.findIndex((r) => r[4] === "变更记录须全员签名") + 1;
      assert.ok(row > 0);
      host.seedSheet("设置", [["否"]], { at: `F${row}`, raw: true });
      // A row after the policy's (written before the cell was typed over by the clerk's key-holding colleague).
      const sealedHead: ExcelEnv = {
        ...envOf(host),
        signer: () => ({ fingerprint: people.head.fp, privateKey: people.head.privateKey }),
      };
      const after = await addContact(sealedHead, contact("C000002"), people.head.entry.name, now);
      assert.ok(after.ok && after.problems.length === 0, JSON.stringify(after));
      const unchanged = everything(host);
      const refused = await addContact(envOf(host), contact("C000001"), "陈会计", now);
      assert.ok(!refused.ok && refused.failure.code === "SealRequired", JSON.stringify(refused));
      assert.equal(everything(host), unchanged, "nothing written");
    });
  });
