/**
 * The pane's change watch (excel/change-watch.ts): which rows an event names, what makes a
 * whole sheet changed, and what a take hands over and leaves for the next.
 */
import assert from "node:assert/strict";
import { ChangeWatch, joinSpans, rowsOf } from "../../src/excel/change-watch";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { envOf } from "./fixtures";

describe("change watch: what an event says changed", () => {
  it("reads rows from the addresses Excel gives; whole columns or anything else are not rows", () => {
    assert.deepEqual(rowsOf("C5"), [[4, 5]]);
    assert.deepEqual(rowsOf("B2:D4"), [[1, 4]]);
    assert.deepEqual(rowsOf("3:7"), [[2, 7]]);
    assert.deepEqual(rowsOf("$A$1:$B$2, F9"), [
      [0, 2],
      [8, 9],
    ]);
    assert.deepEqual(rowsOf("'客户 原簿'!A10:XFD12"), [[9, 12]]);
    assert.deepEqual(rowsOf("AA3:AB4"), [[2, 4]]);
    assert.equal(rowsOf("A:C"), undefined);
    assert.equal(rowsOf(""), undefined);
    assert.equal(rowsOf("R1C1"), undefined);
    assert.equal(rowsOf("A5:B3"), undefined);
  });

  it("an edit marks its rows; an insertion, a deletion or a calculation without an address marks the whole sheet", () => {
    const watch = new ChangeWatch();
    watch.heard("{1}", "RangeEdited", "A2:C3");
    watch.heard("{1}", "RangeEdited", "B9");
    watch.heard("{2}", "RowDeleted", "5:5");
    watch.heard("{3}", "Calculated", "");
    watch.wrote("名簿", [10, 12]);
    watch.wrote("日志", "whole");
    const taken = watch.take();
    assert.deepEqual(taken.byId.get("{1}"), {
      whole: false,
      rows: [
        [1, 3],
        [8, 9],
      ],
    });
    assert.equal(taken.byId.get("{2}")!.whole, true);
    assert.equal(taken.byId.get("{3}")!.whole, true);
    assert.deepEqual(taken.byName.get("名簿"), { whole: false, rows: [[10, 12]] });
    assert.equal(taken.byName.get("日志")!.whole, true);
    // Taken once: what is heard from now on is the next take's.
    assert.equal(watch.take().byId.size, 0);
    watch.heard("{1}", "CellInserted", "A1:B1");
    assert.equal(watch.take().byId.get("{1}")!.whole, true);
  });

  it("joins row spans that touch or overlap, in order", () => {
    assert.deepEqual(
      joinSpans([
        [3, 5],
        [1, 3],
      ]),
      [[1, 5]],
      "touching: one block to read",
    );
    assert.deepEqual(
      joinSpans([
        [8, 9],
        [1, 3],
        [3, 5],
        [2, 4],
        [20, 21],
      ]),
      [
        [1, 5],
        [8, 9],
        [20, 21],
      ],
    );
  });

  it("gives every read an id no other read or watch gave", () => {
    const ids = new Set<string>();
    for (const watch of [new ChangeWatch(), new ChangeWatch()])
      for (let i = 0; i < 100; i++) ids.add(watch.newReadId());
    assert.equal(ids.size, 200);
  });

  it("a formula calculated marks the rows Excel names, or the whole sheet when it names none", async () => {
    const host = new MemoryExcelHost({ sheets: ["名簿"] });
    const watch = new ChangeWatch();
    await watch.start(envOf(host));
    assert.ok(watch.live);
    // What Excel would tell after calculating (the host holds no formulas and never does).
    for (const handler of host.calculationHandlers) {
      await handler(calculated({ type: "WorksheetCalculated", worksheetId: "{名簿}", address: "B5:C6" }));
      await handler(calculated({ type: "WorksheetCalculated", worksheetId: "{其他}" }));
    }
    const taken = watch.take();
    assert.deepEqual(taken.byId.get("{名簿}"), { whole: false, rows: [[4, 6]] });
    assert.equal(taken.byId.get("{其他}")!.whole, true);
  });
});

const calculated = (args: Record<string, string>) => args as unknown as Excel.WorksheetCalculatedEventArgs;
