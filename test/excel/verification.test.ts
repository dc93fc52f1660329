import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { postRequests } from "../../src/excel/actions/post-requests";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { changeLog, register } from "../../src/domain/schema/sheets";
import { columnLetter } from "../../src/domain/workbook";
import { office } from "../domain/support/people";
import { envOf, workbook } from "./fixtures";

const now = { date: "2026-11-24", time: "15:00" };
const col = (key: string) => register.columns.findIndex((c) => c.key === key);

/** Types into a cell the way a person does in Excel: no add-in involved. */
async function typeInto(host: MemoryExcelHost, sheet: string, row: number, column: number, value: string) {
  await host.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRangeByIndexes(row - 1, column, 1, 1).values = [[value]];
    await context.sync();
  });
}

describe("Validate verifies stamps and the change log (adapter through the in-memory host)", function () {
  this.timeout(60_000);
  let people: Awaited<ReturnType<typeof office>>;
  let host: MemoryExcelHost;
  beforeEach(async () => {
    people ??= await office();
    host = await workbook(people, 3);
    const posted = await postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, "all", now);
    assert.ok(posted.ok && posted.posted.length === 3);
  });
  const validate = async () => {
    const result = await validateWorkbook(envOf(host), "2026-11-24", people.admin.fp);
    assert.ok(result.ok, JSON.stringify(result));
    return result.problems.filter((p) => p.rule.startsWith("stamp.") || p.rule.startsWith("log."));
  };

  it("finds nothing wrong right after posting", async () => {
    assert.deepEqual(await validate(), []);
  });

  it("flags a Register row edited straight in Excel after stamping, with the cell to jump to", async () => {
    await typeInto(host, "客户原簿", 3, col("address"), "上海市浦东新区世纪大道999号");
    const found = await validate();
    assert.deepEqual(
      found.map((p) => [p.sheetName, p.address, p.rule]),
      [["客户原簿", `${columnLetter(col("stamps"))}3`, "stamp.contentChanged"]],
    );
  });

  it("flags a stamp cell copied from another row: not the approval the customer was posted with", async () => {
    const stamps = host.sheet("客户原簿").values[1]![col("stamps")]!;
    await typeInto(host, "客户原簿", 4, col("stamps"), String(stamps));
    assert.deepEqual(
      (await validate()).map((p) => [p.row, p.rule]),
      [[4, "stamp.notAsPosted"]],
    );
  });

  it("flags a name typed into a posted row's Stamps cell: it is not the approval it was posted with", async () => {
    await typeInto(host, "客户原簿", 2, col("stamps"), "王主管 同意");
    assert.deepEqual(
      (await validate()).map((p) => [p.row, p.rule]),
      [[2, "stamp.notAsPosted"]],
    );
  });

  it("flags a name typed into a request's Stamps cell: it is not a stamp", async () => {
    const stampsCol = host.sheet("交易开始调查书").values[0]!.indexOf("盖章");
    assert.ok(stampsCol >= 0);
    await typeInto(host, "交易开始调查书", 2, stampsCol, "王主管 同意");
    assert.deepEqual(
      (await validate()).map((p) => [p.sheet, p.row, p.rule]),
      [["intake", 2, "stamp.unreadable"]],
    );
  });

  it("flags stamps whose key was revoked on the Staff sheet", async () => {
    await typeInto(host, "人员", 3, 6, "是"); // the department head's row, 已吊销 column
    const rules = new Set((await validate()).map((p) => p.rule));
    assert.deepEqual([...rules], ["stamp.revoked"]);
  });

  it("flags an edited or deleted Change log row", async () => {
    const time = changeLog.columns.findIndex((c) => c.key === "newValue");
    await typeInto(host, "变更记录", 3, time, "R999999");
    assert.deepEqual(
      (await validate()).map((p) => [p.sheet, p.row, p.rule]),
      [["changeLog", 3, "log.chainBroken"]],
    );
  });
});
