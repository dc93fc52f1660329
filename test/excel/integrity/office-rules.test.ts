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

const SETTINGS = "设置";

describe("every rule Settings holds takes effect only as the administrator signed it (issue 13)", function () {
  this.timeout(120_000);
  let people: People;
  before(async () => {
    people = await staffOf();
  });
  const settingsProblems = async (host: MemoryExcelHost) => {
    const result = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(result.ok, JSON.stringify(result));
    return result.problems
      .filter((p) => p.sheet === "settings")
      .map((p) => `${p.address} ${p.rule} ${p.value}`);
  };
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
  const file = (host: MemoryExcelHost, department: string) =>
    fileRequest(envOf(host), { ...entryFor(104), department }, "陈会计", now);
  const departmentRefused = (filed: Awaited<ReturnType<typeof file>>) =>
    filed.ok && filed.problems.some((p) => p.column === "department");

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
    assert.ok(departmentRefused(await file(host, "影子部")), "the unsigned department takes no request");
    assert.ok(!departmentRefused(await file(host, "业务一部")), "a signed one still does");
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
    assert.ok(departmentRefused(await file(host, "新业务部")));
    assert.equal(await sign1(host), 2);
    assert.deepEqual(await settingsProblems(host), []);
    assert.ok(!departmentRefused(await file(host, "新业务部")), "signed, it takes requests");
  });

  it("before the administrator first signs the rules, the cells apply", async () => {
    const host = await workbook(people, 0);
    const row = freeRow(host, 0);
    setCell(host, `A${row}`, "新业务部");
    setCell(host, `B${row}`, "业务部门");
    assert.ok(!departmentRefused(await file(host, "新业务部")));
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
    assert.ok(!departmentRefused(await file(host, "新业务部")), "v1 does not cover departments");
  });
});
