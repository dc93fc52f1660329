/**
 * Applying Validate's suggested fix (issue 17): a Register cell's fix goes in as a logged
 * correction of that customer; a row the journal does not know as the customer's is not
 * corrected; the next Validate no longer lists it.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { applySuggestedFix } from "../../src/excel/actions/workflow";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { envOf } from "./fixtures";
import { now, snapshotOf, staffOf, world, type People } from "./integrity/world";
import { cellOf, pasteRow, typeInto } from "./integrity/insider";

describe("a suggested fix applied from Validate", function () {
  this.timeout(60_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });
  const problemsAt = async (host: MemoryExcelHost, address: string) => {
    const r = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(r.ok);
    return r.problems.filter((p) => `${p.sheetName}!${p.address}` === address);
  };
  const rowOf = (host: MemoryExcelHost, id: string) =>
    host.sheet("客户原簿").values.findIndex((r) => r[0] === id) + 1;

  it("writes the fix into the customer's row as a logged correction, and Validate no longer lists it", async () => {
    const host = base.clone();
    const row = rowOf(host, "C000002");
    const postcode = cellOf(host, "客户原簿", row, "邮编");
    typeInto(
      host,
      "客户原簿",
      row,
      "邮编",
      postcode.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
    );
    const column = host.sheet("客户原簿").values[0]!.indexOf("邮编");
    const address = `客户原簿!${String.fromCharCode(65 + column)}${row}`;
    const [found] = await problemsAt(host, address);
    assert.ok(found && found.fix === postcode, JSON.stringify(found));

    const fixed = await applySuggestedFix(
      envOf(host),
      { row: found.row, column: found.column, value: found.fix! },
      "采用校验建议",
      "陈会计",
      now,
    );
    assert.ok(fixed.ok && fixed.problems.length === 0, JSON.stringify(fixed));
    assert.equal(cellOf(host, "客户原簿", row, "邮编"), postcode);
    const log = host.sheet("变更记录").values;
    const at = (h: string) => log[0]!.indexOf(h);
    // The correction's rows: the change itself carries who, which customer, what and why.
    const change = log.find((r) => r[at("客户编号")] === "C000002" && r[at("字段")] === "postcode")!;
    assert.ok(change, "the change is in the Change log");
    assert.deepEqual(
      [change[at("操作人")], change[at("操作")], change[at("新值")], change[at("原因")]],
      ["陈会计", "correct", postcode, "采用校验建议"],
    );
    assert.deepEqual(await problemsAt(host, address), []);
  });

  it("a row pasted beside the customer's is not the customer's: nothing is written", async () => {
    const host = base.clone();
    const source = host.sheet("客户原簿").values[rowOf(host, "C000002") - 1]!.slice();
    const column = host.sheet("客户原簿").values[0]!.indexOf("邮编");
    source[column] = "１０００２０";
    const row = pasteRow(host, "客户原簿", source);
    const before = snapshotOf(host);
    const r = await applySuggestedFix(
      envOf(host),
      { row, column: "postcode", value: "100020" },
      "采用校验建议",
      "陈会计",
      now,
    );
    assert.ok(r.ok);
    assert.deepEqual(
      r.problems.map((p) => `${p.row} ${p.rule}`),
      [`${row} journal.notInJournal`],
    );
    assert.deepEqual(snapshotOf(host), before);
  });
});
