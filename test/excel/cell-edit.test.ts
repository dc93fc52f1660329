/**
 * Cell edit mode (issue 16): while the person is typing in a cell, Excel fails a batch with
 * InvalidOperationInCellEditMode unless its run asked to wait (Excel.RunOptions
 * .delayForCellEdit: "if the user is in cell edit mode then the batch request is delayed
 * until the user exits cell edit mode"). The pane's environments ask to wait.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { officeEnv } from "../../src/excel/env";
import { setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import { envOf } from "./fixtures";

const later = () => new Promise((r) => setTimeout(r, 20));

describe("a batch while the person is typing in a cell (issue 16)", () => {
  it("the host fails a run that did not ask to wait, and applies nothing", async () => {
    const host = new MemoryExcelHost({ sheets: ["Sheet1"] });
    host.enterCellEdit();
    const failed = await host
      .run(async (c: Excel.RequestContext) => {
        c.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["x"]];
        await c.sync();
      })
      .then(
        () => "ran",
        (e: { code: string }) => e.code,
      );
    assert.equal(failed, "InvalidOperationInCellEditMode");
    assert.equal(host.sheet("Sheet1").values.length, 0);
  });

  it("a run that asked to wait goes through when the person leaves the cell", async () => {
    const host = new MemoryExcelHost({ sheets: ["Sheet1"] });
    host.enterCellEdit();
    let done = false;
    const run = host
      .run({ delayForCellEdit: true }, async (c: Excel.RequestContext) => {
        c.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["x"]];
        await c.sync();
      })
      .then(() => (done = true));
    await later();
    assert.equal(done, false, "held while the cell is being edited");
    host.leaveCellEdit();
    await run;
    assert.deepEqual(host.sheet("Sheet1").values, [["x"]]);
  });

  it("the pane's actions, in Excel and in the preview, wait instead of failing", async () => {
    const host = new MemoryExcelHost({ sheets: ["Sheet1"] });
    // Excel, as officeEnv sees it: Office.js's globals, its Excel.run the host's.
    const globals = globalThis as unknown as { Office?: unknown; Excel?: unknown };
    const saved = { Office: globals.Office, Excel: globals.Excel };
    globals.Office = {
      context: { diagnostics: { platform: "PC" }, displayLanguage: "zh-CN", document: {} },
      PlatformType: { OfficeOnline: "OfficeOnline" },
    };
    globals.Excel = { run: (options: Excel.RunOptions, batch: never) => host.run(options, batch) };
    try {
      for (const env of [{ ...officeEnv(), lease: undefined }, envOf(host)]) {
        host.enterCellEdit();
        let done = false;
        const setUp = setUpWorkbook(env).then((r) => ((done = true), r));
        await later();
        assert.equal(done, false);
        host.leaveCellEdit();
        const result = await setUp;
        assert.ok(result.ok, JSON.stringify(result));
      }
    } finally {
      globals.Office = saved.Office;
      globals.Excel = saved.Excel;
    }
  });
});
