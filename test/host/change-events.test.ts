/**
 * worksheets.onChanged in the in-memory host (ExcelApi 1.9): every change to cells — the
 * add-in's writes and the person's edits alike — reaches a handler once the sync that added
 * it has run, after the change, never within the batch or the edit that made it; with the
 * change's type, the sheet's id and the range's address (Excel.WorksheetChangedEventArgs).
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";

type Ctx = Excel.RequestContext;
type Heard = {
  changeType: string;
  address: string;
  source: string;
  triggerSource: string;
  worksheetId: string;
};

async function listening(host: MemoryExcelHost): Promise<Heard[]> {
  const heard: Heard[] = [];
  await host.run(async (c: Ctx) => {
    c.workbook.worksheets.onChanged.add(async (e) => {
      const { changeType, address, source, worksheetId } = e;
      heard.push({ changeType, address, source, worksheetId, triggerSource: e.triggerSource });
    });
    await c.sync();
  });
  return heard;
}

describe("in-memory host: worksheets.onChanged", () => {
  it("announces the person's edit after it, with the cell's address and the sheet's id", async () => {
    const host = new MemoryExcelHost({ sheets: ["名簿"] });
    const heard = await listening(host);
    host.seedSheet("名簿", [["甲"]], { at: "C5", raw: true });
    assert.deepEqual(heard, [], "not within the edit: after it");
    await host.eventsDelivered();
    const id = await host.run(async (c: Ctx) => {
      const sheet = c.workbook.worksheets.getItem("名簿");
      sheet.load("id");
      await c.sync();
      return sheet.id;
    });
    assert.deepEqual(heard, [
      {
        changeType: "RangeEdited",
        address: "C5",
        source: "Local",
        triggerSource: "Unknown",
        worksheetId: id,
      },
    ]);
  });

  it("announces the add-in's write after the sync's answer, as one edit of the range written", async () => {
    const host = new MemoryExcelHost({ sheets: ["名簿"] });
    const heard = await listening(host);
    await host.run(async (c: Ctx) => {
      c.workbook.worksheets.getItem("名簿").getRange("B2:D4").values = [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ];
      await c.sync();
      assert.deepEqual(heard, [], "the answer comes first");
    });
    await host.eventsDelivered();
    assert.deepEqual(
      heard.map((h) => [h.changeType, h.address, h.triggerSource]),
      [["RangeEdited", "B2:D4", "ThisLocalAddin"]],
    );
  });

  it("announces deleted and inserted rows and cells as such, not as edits of the cells they move", async () => {
    const host = new MemoryExcelHost({ sheets: ["名簿"] });
    host.seedSheet("名簿", [["a"], ["b"], ["c"], ["d"], ["e"]]);
    const heard = await listening(host);
    await host.run(async (c: Ctx) => {
      const sheet = c.workbook.worksheets.getItem("名簿");
      sheet.getRange("3:4").delete("Up");
      sheet.getRange("A2:B2").insert("Down");
      await c.sync();
    });
    await host.eventsDelivered();
    assert.deepEqual(
      heard.map((h) => [h.changeType, h.address]),
      [
        ["RowDeleted", "3:4"],
        ["CellInserted", "A2:B2"],
      ],
    );
  });

  it("hears nothing before the sync that adds it, nor after the sync that removes it", async () => {
    const host = new MemoryExcelHost({ sheets: ["名簿"] });
    const heard: string[] = [];
    await host.run(async (c: Ctx) => {
      const handle = c.workbook.worksheets.onChanged.add(async (e) => void heard.push(e.address));
      host.seedSheet("名簿", [["before"]], { at: "A1" });
      await c.sync();
      await host.eventsDelivered();
      assert.deepEqual(heard, [], "the edit came before the handler's sync");
      host.seedSheet("名簿", [["heard"]], { at: "A2" });
      await host.eventsDelivered();
      assert.deepEqual(heard, ["A2"]);
      // Removed through the context that added it, as Office.js requires.
      handle.remove();
      await c.sync();
    });
    host.seedSheet("名簿", [["after"]], { at: "A3" });
    await host.eventsDelivered();
    assert.deepEqual(heard, ["A2"]);
  });

  it("refuses the members it does not model, and holds events back when a test says so", async () => {
    const host = new MemoryExcelHost({ sheets: ["名簿"] });
    const args: Excel.WorksheetChangedEventArgs[] = [];
    await host.run(async (c: Ctx) => {
      c.workbook.worksheets.onChanged.add(async (e) => void args.push(e));
      await c.sync();
    });
    host.holdEvents();
    host.seedSheet("名簿", [["x"]], { at: "B2" });
    await host.eventsDelivered();
    assert.equal(args.length, 0, "held");
    host.releaseEvents();
    await host.eventsDelivered();
    assert.equal(args.length, 1);
    assert.throws(() => args[0]!.details, /does not model WorksheetChangedEventArgs.details/);
  });
});
