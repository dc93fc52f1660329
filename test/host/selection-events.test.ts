/**
 * workbook.onSelectionChanged in the in-memory host (ExcelApi 1.2): a handler hears of
 * the selection moving — by the person or by an add-in's select() — once the sync that
 * added it has run, after the change and never inside the batch that made it.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";

type Ctx = Excel.RequestContext;
/** Lets the host deliver what it has queued (events are delivered after the change, in a later task). */
const later = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("in-memory host: workbook.onSelectionChanged", () => {
  it("calls a handler after the person selects a cell, once the sync that added it has run", async () => {
    const host = new MemoryExcelHost({ sheets: ["名单"] });
    const heard: string[] = [];
    await host.run(async (c: Ctx) => {
      c.workbook.onSelectionChanged.add(async () => {
        heard.push(host.selection?.address ?? "");
      });
      host.userSelects("名单", "B3");
      await later();
      assert.deepEqual(heard, [], "not registered before its sync");
      await c.sync();
    });
    host.userSelects("名单", "C4");
    assert.deepEqual(heard, [], "not inside the click: after it");
    await later();
    assert.deepEqual(heard, ["名单!C4"]);
    // The same cell again is no change.
    host.userSelects("名单", "C4");
    await later();
    assert.deepEqual(heard, ["名单!C4"]);
    host.userSelects("名单", "C5");
    await later();
    assert.deepEqual(heard, ["名单!C4", "名单!C5"]);
  });

  it("gives the documented arguments: workbook, whose use the host refuses", async () => {
    const host = new MemoryExcelHost({ sheets: ["名单"] });
    const args: Excel.SelectionChangedEventArgs[] = [];
    await host.run(async (c: Ctx) => {
      c.workbook.onSelectionChanged.add(async (e) => {
        args.push(e);
      });
      await c.sync();
    });
    host.userSelects("名单", "A2");
    await later();
    assert.equal(args.length, 1);
    assert.deepEqual(Object.keys(args[0]!), ["workbook"]);
    assert.throws(() => args[0]!.workbook.getSelectedRange(), { code: "InvalidOperation" });
  });

  it("calls it for the add-in's own range.select(), after the sync that applies it", async () => {
    const host = new MemoryExcelHost({ sheets: ["名单", "设置"] });
    const heard: string[] = [];
    await host.run(async (c: Ctx) => {
      c.workbook.onSelectionChanged.add(async () => {
        heard.push(host.selection?.address ?? "");
      });
      await c.sync();
    });
    await host.run(async (c: Ctx) => {
      c.workbook.worksheets.getItem("设置").getRange("D2").select();
      await later();
      assert.deepEqual(heard, [], "queued, not applied");
      await c.sync();
      assert.deepEqual(heard, [], "not inside the batch");
    });
    await later();
    assert.deepEqual(heard, ["设置!D2"]);
  });

  it("stops calling a handler once the sync that removes it has run", async () => {
    const host = new MemoryExcelHost({ sheets: ["名单"] });
    let calls = 0;
    await host.run(async (c: Ctx) => {
      const added = c.workbook.onSelectionChanged.add(async () => {
        calls++;
      });
      await c.sync();
      host.userSelects("名单", "A2");
      await later();
      assert.equal(calls, 1);
      added.remove();
      host.userSelects("名单", "A3");
      await later();
      assert.equal(calls, 2, "removal waits for its sync");
      await c.sync();
    });
    host.userSelects("名单", "A4");
    await later();
    assert.equal(calls, 2);
  });
});
