/**
 * How the host shows a number through a date/time number format (src/host/number-format.ts):
 * Range.text and the preview's grid (SheetView.shownAt). Excel's 1900 date system with its
 * fictitious 1900-02-29; what the host does not model is refused (Range.text) or left as
 * stored (the preview), never guessed.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { dateText, isDateFormat } from "../../src/host/number-format";

describe("in-memory host: dates through number formats", () => {
  it("shows serials as Excel's 1900 date system does, leap-year bug included", () => {
    assert.equal(dateText(1, "yyyy-mm-dd"), "1900-01-01");
    assert.equal(dateText(59, "yyyy-mm-dd"), "1900-02-28");
    assert.equal(dateText(60, "yyyy-mm-dd"), "1900-02-29");
    assert.equal(dateText(61, "yyyy-mm-dd"), "1900-03-01");
    assert.equal(dateText(25569, "yyyy-mm-dd"), "1970-01-01");
    assert.equal(dateText(46327, "yyyy-mm-dd"), "2026-11-01");
    assert.equal(dateText(2958465, "yyyy-mm-dd"), "9999-12-31");
  });

  it("shows times to the minute for the product's date-time format, minutes told from months", () => {
    assert.equal(dateText(46327 + (17 * 60 + 30) / 1440, "yyyy-mm-dd hh:mm"), "2026-11-01 17:30");
    assert.equal(dateText(46327 + 1 / 1440, "yyyy-mm-dd hh:mm"), "2026-11-01 00:01");
    // A fraction a hair under midnight rounds to the next day, as Excel rounds to the second.
    assert.equal(dateText(46327.9999999999, "yyyy-mm-dd hh:mm"), "2026-11-02 00:00");
    assert.equal(dateText(46327.5, "d/m/yy h:mm:ss"), "1/11/26 12:00:00");
    assert.equal(dateText(46327, "YYYY/MM/DD"), "2026/11/01");
  });

  it("knows date formats from others, and leaves alone what it does not model", () => {
    for (const f of ["yyyy-mm-dd", "yyyy-mm-dd hh:mm", "hh:mm", "[h]:mm", "mmm d"])
      assert.ok(isDateFormat(f), f);
    for (const f of ["General", "@", "#,##0.00", "#,##0", "0%", '"day"0']) assert.ok(!isDateFormat(f), f);
    for (const f of ["mmm d, yyyy", "dddd", "h:mm AM/PM", "[h]:mm", 'yyyy"年"m"月"', "yyyy-mm-dd;@"])
      assert.equal(dateText(46327, f), undefined, f);
    // Below 1 Excel shows pound signs (or 1900-01-00); past 9999-12-31 no date at all.
    for (const serial of [-1, 0, 0.5, 2958466]) assert.equal(dateText(serial, "yyyy-mm-dd"), undefined);
  });

  it("reads Range.text through the format, and refuses a date cell it cannot show", async () => {
    const host = new MemoryExcelHost();
    await host.run(async (c) => {
      const cells = c.workbook.worksheets.getItem("Sheet1").getRange("A1:C1");
      cells.numberFormat = [["yyyy-mm-dd", "yyyy-mm-dd hh:mm", "#,##0.00"]];
      cells.values = [[46327, 46327.75, 46327]];
      cells.load("text");
      await c.sync();
      assert.deepEqual(cells.text, [["2026-11-01", "2026-11-01 18:00", "46327"]]);
    });
    await assert.rejects(
      host.run(async (c) => {
        const cell = c.workbook.worksheets.getItem("Sheet1").getRange("D1");
        cell.numberFormat = [["yyyy-mm-dd"]];
        cell.values = [[-3]];
        cell.load("text");
        await c.sync();
      }),
      { code: "InvalidOperation" },
    );
  });

  it("shows each cell of a sheet view as the grid does: dates formatted, the rest as stored", async () => {
    const host = new MemoryExcelHost();
    await host.run(async (c) => {
      const cells = c.workbook.worksheets.getItem("Sheet1").getRange("A1:E1");
      cells.numberFormat = [["yyyy-mm-dd", "yyyy-mm-dd hh:mm", "#,##0", "@", "yyyy-mm-dd"]];
      cells.values = [[46327, 46327.75, 1234, "010", "备注"]];
      await c.sync();
    });
    host.seedSheet("Sheet1", [[true, -2]], { at: "F1", raw: true });
    await host.run(async (c) => {
      c.workbook.worksheets.getItem("Sheet1").getRange("G1").numberFormat = [["yyyy-mm-dd"]];
      await c.sync();
    });
    const view = host.sheet("Sheet1");
    const shown = Array.from({ length: 8 }, (_, c) => view.shownAt(0, c));
    assert.deepEqual(shown, ["2026-11-01", "2026-11-01 18:00", "1234", "010", "备注", "true", "-2", ""]);
  });
});
