/**
 * Issue 16, printing, through the adapter and the host: the host refuses what Excel
 * refuses (a cell over 32,767 characters, a header or footer over 255), and the adapter
 * never sends either — page texts are escaped and fitted, a cell too long stops the plan
 * before anything is written, with the cell named.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { Book } from "../../src/excel/book";
import { listPageSetup, type Write } from "../../src/domain/workbook";

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => "accepted",
    (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
  );

describe("Excel's limits on cells and page headers (issue 16)", () => {
  it("the host refuses a cell over 32,767 characters, and a header over 255, writing neither", async () => {
    const host = new MemoryExcelHost({ sheets: ["S"] });
    const cell = await refusal(
      host.run(async (c: Excel.RequestContext) => {
        c.workbook.worksheets.getItem("S").getRange("A1").values = [["x".repeat(32_768)]];
        await c.sync();
      }),
    );
    assert.match(cell, /^InvalidArgument: .*32,767/);
    const header = await refusal(
      host.run(async (c: Excel.RequestContext) => {
        const pages = c.workbook.worksheets.getItem("S").pageLayout.headersFooters.defaultForAllPages;
        pages.leftHeader = "x".repeat(100);
        pages.centerHeader = "y".repeat(160);
        await c.sync();
      }),
    );
    assert.match(header, /^InvalidArgument: .*255/);
    assert.deepEqual(host.sheet("S").values, []);
    assert.equal(host.sheet("S").pageLayout.centerHeader, undefined);
    // At the limits themselves Excel takes them (the left part set before the refusal stays:
    // a batch is not a transaction).
    await host.run(async (c: Excel.RequestContext) => {
      const sheet = c.workbook.worksheets.getItem("S");
      sheet.getRange("A1").values = [["x".repeat(32_767)]];
      sheet.pageLayout.headersFooters.defaultForAllPages.leftHeader = "";
      sheet.pageLayout.headersFooters.defaultForAllPages.centerHeader = "y".repeat(253);
      await c.sync();
    });
    assert.equal(String(host.sheet("S").values[0]![0]).length, 32_767);
  });

  it('a list of "R&D" with a very long title prints its name, within 255 characters', async () => {
    const host = new MemoryExcelHost({ sheets: ["一览表-R&D"] });
    const title = `R&D ${"研究与开发".repeat(80)} 客户一览表`;
    const write: Write = { kind: "pageLayout", sheet: "一览表-R&D", ...listPageSetup(title, 1, 6, 10, "zh") };
    await host.run((c: Excel.RequestContext) => new Book(c, "web", "zh").apply([write]));
    const layout = host.sheet("一览表-R&D").pageLayout as Record<string, string>;
    assert.ok(layout.centerHeader!.startsWith("R&&D 研究与开发"), layout.centerHeader);
    assert.ok(layout.centerHeader!.endsWith("…") && layout.centerHeader!.length <= 253);
    assert.equal(layout.leftFooter, "&D");
    assert.equal(layout.centerFooter, "第 &P 页 / 共 &N 页");
  });

  it("a plan with a cell too long is refused before anything is written, naming the cell", async () => {
    const host = new MemoryExcelHost({ sheets: ["客户原簿"] });
    const writes: Write[] = [
      { kind: "values", sheet: "客户原簿", row: 0, col: 0, values: [["客户编号", "备注"]] },
      { kind: "values", sheet: "客户原簿", row: 1, col: 0, values: [["C000001", "长".repeat(40_000)]] },
    ];
    const failed = await refusal(
      host.run((c: Excel.RequestContext) => new Book(c, "web", "zh").apply(writes)),
    );
    assert.match(failed, /^CellTooLong: 客户原簿!B2 .*32767/);
    assert.deepEqual(host.sheet("客户原簿").values, []);
    assert.equal(host.syncs, 0);
  });
});
