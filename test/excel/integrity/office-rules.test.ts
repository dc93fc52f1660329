/**
 * Issue 13: every rule Settings holds is the administrator's signed record, not a cell.
 * Departments, regions, credit ratings, review months, the monthly target and the close of
 * business are signed with the stamping rules (policy message v2); after that, a cell that
 * differs is reported where it stands and ignored. Before the first signing the cells apply.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { fileRequest, signStampPolicy } from "../../../src/excel/actions/workflow";
import { validateWorkbook } from "../../../src/excel/actions/validate-workbook";
import { canonicalJson } from "../../../src/domain/stamps/encoding";
import { sign } from "../../../src/domain/stamps/keys";
import { envOf, workbook } from "../fixtures";
import { entryFor, now, stamper, staffOf, type People } from "./world";
import { rewriteLogFrom } from "./insider";

const SETTINGS = "设置";

describe("every rule Settings holds takes effect only as the administrator signed it (issue 13)", function () {
  this.timeout(120_000);
  let people: People;
  before(async () => {
    people = await staffOf();
  });
  /** Validate's problems on one sheet, as "where rule value" (where: the cell's address, or the row). */
  const problemsOn = async (host: MemoryExcelHost, sheet: string, where: "address" | "row") => {
    const result = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(result.ok, JSON.stringify(result));
    return result.problems.filter((p) => p.sheet === sheet).map((p) => `${p[where]} ${p.rule} ${p.value}`);
  };
  const settingsProblems = (host: MemoryExcelHost) => problemsOn(host, "settings", "address");
  const sign1 = async (host: MemoryExcelHost) => {
    const signed = await signStampPolicy(envOf(host), people.admin.fp, stamper(people.admin), now);
    assert.ok(signed.ok && signed.problems.length === 0, JSON.stringify(signed));
    return signed.version;
  };
  const setCell = (host: MemoryExcelHost, address: string, value: string) =>
    host.seedSheet(SETTINGS, [[value]], { at: address, raw: true });
  /** The Excel row of a single setting by its label, and of a list's first empty cell. */
  const settingRow = (host: MemoryExcelHost, label: string) =>
    host.sheet(SETTINGS).values.findIndex((r) => r[4] === label) + 1;
  const freeRow = (host: MemoryExcelHost, col: number) => {
    const values = host.sheet(SETTINGS).values;
    const i = values.findIndex((r, k) => k > 0 && String(r[col] ?? "") === "");
    return (i < 0 ? values.length : i) + 1;
  };
  /** A request filed by the department head (their key seals it), for this department. */
  const file = (host: MemoryExcelHost, department: string) =>
    fileRequest(
      { ...envOf(host), signer: () => ({ fingerprint: people.head.fp, privateKey: people.head.privateKey }) },
      { ...entryFor(104), department },
      people.head.entry.name,
      now,
    );
  const departmentRefused = async (filing: ReturnType<typeof file>) => {
    const filed = await filing;
    assert.ok(filed.ok, JSON.stringify(filed));
    return filed.problems.some((p) => p.column === "department");
  };
  const accepted = async (filing: ReturnType<typeof file>) => {
    const filed = await filing;
    assert.ok(filed.ok && filed.problems.length === 0, JSON.stringify(filed));
    return true;
  };

  it("a department typed into Settings after the rules were signed is reported on its row and ignored: a request for it is refused", async () => {
    const host = await workbook(people, 0);
    await sign1(host);
    assert.deepEqual(await settingsProblems(host), []);
    const row = freeRow(host, 0);
    setCell(host, `A${row}`, "影子部");
    setCell(host, `B${row}`, "业务部门");
    const reported = await settingsProblems(host);
    assert.equal(reported.length, 1, reported.join("\n"));
    assert.match(reported[0]!, new RegExp(`^A${row} settings.unsigned 业务一部,`));
    assert.ok(await departmentRefused(file(host, "影子部")), "the unsigned department takes no request");
    assert.ok(await accepted(file(host, "业务一部")), "a signed one still does");
  });

  it("review months, the monthly target, the close of business and a region changed in their cells are each reported; put back, nothing is", async () => {
    const host = await workbook(people, 0);
    await sign1(host);
    const months = settingRow(host, "复核月份");
    const target = settingRow(host, "每月新增目标");
    const close = settingRow(host, "下班时间");
    setCell(host, `F${months}`, "3,9");
    setCell(host, `F${target}`, "1");
    setCell(host, `F${close}`, "23:59");
    setCell(host, "C2", "火星");
    assert.deepEqual(
      (await settingsProblems(host)).sort(),
      [
        `C2 settings.unsigned 华北,东北,华东,华中,华南,西南,西北,港澳台,海外`,
        `F${close} settings.unsigned 17:30`,
        `F${months} settings.unsigned 2,8`,
        `F${target} settings.unsigned 300`,
      ].sort(),
    );
    setCell(host, `F${months}`, "2,8");
    setCell(host, `F${target}`, "300");
    setCell(host, `F${close}`, "17:30");
    setCell(host, "C2", "华北");
    assert.deepEqual(await settingsProblems(host), []);
  });

  it("the administrator's signed change of the departments applies from its version on", async () => {
    const host = await workbook(people, 0);
    await sign1(host);
    const row = freeRow(host, 0);
    setCell(host, `A${row}`, "新业务部");
    setCell(host, `B${row}`, "业务部门");
    assert.ok(await departmentRefused(file(host, "新业务部")));
    assert.equal(await sign1(host), 2);
    assert.deepEqual(await settingsProblems(host), []);
    assert.ok(await accepted(file(host, "新业务部")), "signed, it takes requests");
  });

  it("before the administrator first signs the rules, the cells apply", async () => {
    const host = await workbook(people, 0);
    const row = freeRow(host, 0);
    setCell(host, `A${row}`, "新业务部");
    setCell(host, `B${row}`, "业务部门");
    assert.ok(await accepted(file(host, "新业务部")));
    assert.deepEqual(await settingsProblems(host), []);
  });

  it("a version signed before the rules were covered (message v1) still verifies: its chains apply and the cells of the other rules do", async () => {
    const host = await workbook(people, 0);
    // Version 1 as a session-6 pane signed it: chains and covered fields only.
    const chainA = settingRow(host, "盖章顺序-A类");
    setCell(host, `F${chainA}`, "deptHead");
    const fields = String(host.sheet(SETTINGS).values[settingRow(host, "盖章覆盖字段") - 1]![5]);
    const v1 = canonicalJson({
      v: 1,
      kind: "stamp-policy",
      version: 1,
      stampChain: { A: ["deptHead"], B: ["deptHead"], C: ["deptHead"] },
      stampedFields: fields.split(","),
    });
    const signature = await sign(people.admin.privateKey, v1);
    setCell(host, `F${settingRow(host, "盖章规则版本")}`, "1");
    setCell(
      host,
      `F${settingRow(host, "盖章规则签名")}`,
      `${people.admin.fp.replace(/\s+/g, "")} ${signature}`,
    );
    // Were v1 not to verify, the built-in chain (head, then chairman) would apply and the cell be reported.
    assert.deepEqual(await settingsProblems(host), [], "v1 in force, its chain is the cell's");
    const row = freeRow(host, 0);
    setCell(host, `A${row}`, "新业务部");
    assert.ok(await accepted(file(host, "新业务部")), "v1 does not cover departments");
  });

  describe("变更记录须全员签名: once signed, every Change log row needs a countersigned key's seal, a clerk's too", () => {
    const LOG = "变更记录";
    const logProblems = (host: MemoryExcelHost) => problemsOn(host, "changeLog", "row");
    const everything = (host: MemoryExcelHost) =>
      JSON.stringify(host.sheetNames().map((n) => [n, host.sheet(n).values]));
    const byClerk = (host: MemoryExcelHost, i: number) =>
      fileRequest(envOf(host), { ...entryFor(i), department: "业务一部" }, "陈会计", now);
    const sealedHead = (host: MemoryExcelHost) => ({
      ...envOf(host),
      signer: () => ({ fingerprint: people.head.fp, privateKey: people.head.privateKey }),
    });

    it("a clerk with no key files before the rules are signed; after, nothing of hers is written and she is told why", async () => {
      const host = await workbook(people, 0);
      const before = await byClerk(host, 104);
      assert.ok(before.ok && before.problems.length === 0, JSON.stringify(before));
      await sign1(host);
      const unchanged = everything(host);
      const refused = await byClerk(host, 105);
      assert.ok(!refused.ok && refused.failure.code === "SealRequired", JSON.stringify(refused));
      assert.equal(everything(host), unchanged, "nothing written");
      // A keyholder's filing is sealed, and the log holds: the clerk's earlier row came before the rule.
      const sealed = await fileRequest(sealedHead(host), entryFor(105), people.head.entry.name, now);
      assert.ok(sealed.ok && sealed.problems.length === 0, JSON.stringify(sealed));
      assert.deepEqual(await logProblems(host), []);
    });

    it("an unsealed row put into the log after the rule, with the chain recomputed, is reported; one before it is not", async () => {
      const host = await workbook(people, 0);
      assert.ok((await byClerk(host, 104)).ok);
      await sign1(host);
      const rows = host.sheet(LOG).values;
      const clerkRow = rows.findIndex((r, i) => i > 0 && r.includes("陈会计"));
      // A copy of the clerk's row appended at the end, every hash made to hold again.
      const copy = [...rows[clerkRow]!];
      host.seedSheet(LOG, [copy], { at: `A${rows.length + 1}`, raw: true });
      rewriteLogFrom(host, rows.length - 1, String(copy[rows[0]!.indexOf("原因")] ?? ""));
      assert.deepEqual(await logProblems(host), [`${rows.length + 1} log.unsigned 陈会计`]);
    });

    it("typed to 否 in the cell it changes nothing and is reported; the administrator's signed 否 lets keyless clerks write again", async () => {
      const host = await workbook(people, 0);
      await sign1(host);
      const row = settingRow(host, "变更记录须全员签名");
      assert.ok(row > 0, "a new workbook has the setting");
      setCell(host, `F${row}`, "否");
      assert.deepEqual(await settingsProblems(host), [`F${row} settings.unsigned 是`]);
      const refused = await byClerk(host, 105);
      assert.ok(!refused.ok && refused.failure.code === "SealRequired");
      assert.equal(await sign1(host), 2);
      const filed = await byClerk(host, 105);
      assert.ok(filed.ok && filed.problems.length === 0, JSON.stringify(filed));
      assert.deepEqual(await logProblems(host), []);
      assert.deepEqual(await settingsProblems(host), []);
    });
  });
});
