/**
 * Worksheet.delete() in the in-memory host, as Excel does it (Excel.Worksheet.delete,
 * ExcelApi 1.1): a returned loan's extract sheet is deleted by the pane, so the host must
 * refuse what Excel refuses and move the active sheet as Excel does.
 */
import assert from "node:assert/strict";

import { book, failure, run } from "./support";

describe("in-memory Excel host: deleting a worksheet", () => {
  it("deletes a protected sheet (worksheet protection guards cells, not the sheet)", async () => {
    const host = book("客户原簿", "借阅-L000001");
    await run(host, async (c) => {
      c.workbook.worksheets.getItem("借阅-L000001").protection.protect();
      await c.sync();
      c.workbook.worksheets.getItem("借阅-L000001").delete();
      await c.sync();
    });
    assert.deepEqual(host.sheetNames(), ["客户原簿"]);
  });

  it("refuses to delete the last visible sheet, hidden sheets besides it or not", async () => {
    const host = book("客户原簿", "借阅-L000001");
    host.store.get("客户原簿").visibility = "Hidden";
    const code = await failure(
      run(host, async (c) => {
        c.workbook.worksheets.getItem("借阅-L000001").delete();
        await c.sync();
      }),
    );
    assert.equal(code, "InvalidOperation");
    assert.deepEqual(host.sheetNames(), ["客户原簿", "借阅-L000001"]);
  });

  it("refuses to delete a very hidden sheet until it is made hidden or visible", async () => {
    const host = book("客户原簿", "借阅-L000001");
    host.store.get("借阅-L000001").visibility = "VeryHidden";
    const remove = () =>
      run(host, async (c) => {
        c.workbook.worksheets.getItem("借阅-L000001").delete();
        await c.sync();
      });
    assert.equal(await failure(remove()), "InvalidOperation");
    host.store.get("借阅-L000001").visibility = "Hidden";
    assert.equal(await failure(remove()), "no error");
    assert.deepEqual(host.sheetNames(), ["客户原簿"]);
  });

  it("deleting the active sheet makes the next visible sheet to its right active (else to its left), with the selection there", async () => {
    const host = book("客户原簿", "借阅-L000001", "隐藏", "使用登记簿");
    host.store.get("隐藏").visibility = "Hidden";
    host.userSelects("借阅-L000001", "B3");
    const active = await run(host, async (c) => {
      c.workbook.worksheets.getItem("借阅-L000001").delete();
      const sheet = c.workbook.worksheets.getActiveWorksheet();
      sheet.load("name");
      await c.sync();
      return sheet.name;
    });
    assert.equal(active, "使用登记簿", "the hidden sheet between is skipped");
    assert.equal(host.selection?.sheet, "使用登记簿");
    host.userSelects("使用登记簿", "A1");
    await run(host, async (c) => {
      c.workbook.worksheets.getItem("使用登记簿").delete();
      await c.sync();
    });
    assert.equal(host.activeSheet, "客户原簿", "the last sheet: the one to its left");
  });

  it("refuses to hide the last visible sheet; hides any other, very hidden too", async () => {
    const host = book("客户原簿", "变更记录");
    await run(host, async (c) => {
      c.workbook.worksheets.getItem("变更记录").visibility = "VeryHidden";
      await c.sync();
    });
    assert.equal(host.store.get("变更记录").visibility, "VeryHidden");
    for (const to of ["Hidden", "VeryHidden"] as const) {
      const code = await failure(
        run(host, async (c) => {
          c.workbook.worksheets.getItem("客户原簿").visibility = to;
          await c.sync();
        }),
      );
      assert.equal(code, "InvalidOperation", to);
      assert.equal(host.store.get("客户原簿").visibility, "Visible");
    }
  });
});
