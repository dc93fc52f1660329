/**
 * Worksheet.findAll / findAllOrNullObject in the in-memory host (ExcelApi 1.9), for finding a
 * customer's Change log rows without reading the customer-ID column. What Microsoft documents
 * (Excel.Worksheet.findAll, Excel.WorksheetSearchCriteria, Excel.RangeAreas): every cell of
 * the worksheet that matches, as a RangeAreas of "one or more rectangular ranges";
 * ItemNotFound when none does (findAllOrNullObject: a null object); `completeMatch` and
 * `matchCase` default to false; "Content in hidden worksheets is not returned". How found
 * cells are cut into areas is not documented: the host cuts them one way (by default a run of
 * cells one below the other is one area) and the adapter must read each area's rowIndex and
 * rowCount. Where Excel's behaviour is not documented, the host refuses (docs/excel-host.md).
 */
import assert from "node:assert/strict";
import { CoAuthoring } from "../../src/host/co-authoring";
import { MemoryExcelHost } from "../../src/host/memory-host";
import type { AreaSplit } from "../../src/host/range-areas";
import { refusal, refusedBatch, thrown } from "./support";

type Ctx = Excel.RequestContext;
const LOG = "变更记录";
const EXACT = { completeMatch: true, matchCase: true };

/**
 * A Change log: C000123's intent and done rows next to each other (rows 2-3), its ID also in
 * a note (D4) and twice in row 7 (C7:D7, side by side); a lower-case c000123 (C5) and a longer
 * ID holding it (C6) that only a kinder search would find.
 */
function book(options: { findAllAreas?: AreaSplit; platform?: "web" | "desktop" } = {}) {
  const host = new MemoryExcelHost({ sheets: [LOG, "设置"], ...options });
  host.seedSheet(LOG, [
    ["时间", "操作", "客户编号", "备注"],
    ["t1", "intent", "C000123", ""],
    ["t2", "done", "C000123", ""],
    ["t3", "intent", "C000200", "C000123"],
    ["t4", "intent", "c000123", ""],
    ["t5", "intent", "C0001234", ""],
    ["t6", "done", "C000123", "C000123"],
  ]);
  return host;
}
const log = (c: Ctx) => c.workbook.worksheets.getItem(LOG);
const failure = refusal;

interface Area {
  rowIndex: number;
  rowCount: number;
  columnIndex: number;
  columnCount: number;
}
/** Every cell the areas cover, as "C2", in reading order: what the adapter learns, whatever the cut. */
const cellsOf = (areas: Area[]) =>
  areas
    .flatMap((a) =>
      Array.from({ length: a.rowCount * a.columnCount }, (_, i) => ({
        row: a.rowIndex + Math.floor(i / a.columnCount),
        col: a.columnIndex + (i % a.columnCount),
      })),
    )
    .sort((x, y) => x.row - y.row || x.col - y.col)
    .map(({ row, col }) => `${String.fromCharCode(65 + col)}${row + 1}`);
const rowsOf = (areas: Area[]) => [...new Set(cellsOf(areas).map((a) => Number(a.slice(1))))];

/** The cells a search finds, read through `areas`, or null for a null object. */
const found = (host: MemoryExcelHost, text: string, criteria: Excel.WorksheetSearchCriteria) =>
  host.run(async (c: Ctx) => {
    const hits = log(c).findAllOrNullObject(text, criteria);
    hits.load("areas/items/rowIndex,areas/items/rowCount,areas/items/columnIndex,areas/items/columnCount");
    await c.sync();
    return hits.isNullObject ? null : cellsOf(hits.areas.items);
  });

describe("Worksheet.findAll in the in-memory host", () => {
  it("finds every matching cell of the sheet; consecutive rows come as one area, and each row is learned from rowIndex and rowCount", async () => {
    const host = book();
    const { rows, areas, address, areaCount, cellCount, values } = await host.run(async (c: Ctx) => {
      const hits = log(c).findAll("C000123", EXACT);
      hits.load("address, areaCount, cellCount");
      hits.areas.load(
        "items/address,items/rowIndex,items/rowCount,items/columnIndex,items/columnCount,items/values",
      );
      await c.sync();
      return {
        rows: rowsOf(hits.areas.items),
        areas: hits.areas.items.map((a) => a.address),
        address: hits.address,
        areaCount: hits.areaCount,
        cellCount: hits.cellCount,
        values: hits.areas.items.map((a) => a.values),
      };
    });
    assert.deepEqual(rows, [2, 3, 4, 7]);
    // The cut the host makes by default (runs down a column); the adapter must not rely on it.
    assert.deepEqual(areas, [`${LOG}!C2:C3`, `${LOG}!D4`, `${LOG}!C7`, `${LOG}!D7`]);
    // As Microsoft's example shows it: "Sheet1!A1:B4, Sheet1!D1:D4".
    assert.equal(address, `${LOG}!C2:C3, ${LOG}!D4, ${LOG}!C7, ${LOG}!D7`);
    assert.equal(areaCount, 4);
    assert.equal(cellCount, 5);
    assert.deepEqual(values, [[["C000123"], ["C000123"]], [["C000123"]], [["C000123"]], [["C000123"]]]);
  });

  it("matches the whole cell and its case only when asked, both false by default", async () => {
    const host = book();
    const exact = ["C2", "C3", "D4", "C7", "D7"];
    const sorted = (cells: string[]) =>
      [...cells].sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)) || x.localeCompare(y));
    assert.deepEqual(await found(host, "C000123", EXACT), exact);
    assert.deepEqual(
      await found(host, "C000123", { completeMatch: true }),
      sorted([...exact, "C5"]),
      "any case",
    );
    assert.deepEqual(
      await found(host, "C000123", { matchCase: true }),
      sorted([...exact, "C6"]),
      "part of a cell",
    );
    assert.deepEqual(await found(host, "C000123", {}), sorted([...exact, "C5", "C6"]));
    assert.deepEqual(await found(host, "0001", { completeMatch: true }), null, "no cell is only 0001");
    assert.deepEqual(await found(host, "intent", EXACT), ["B2", "B4", "B5", "B6"]);
  });

  it("every cut into areas covers exactly the found cells, so the adapter learns the same rows whatever Excel's cut", async () => {
    const counts: Record<string, number> = {};
    for (const split of ["columnRuns", "rowRuns", "cells"] as const) {
      const host = book({ findAllAreas: split });
      const { cells, areaCount } = await host.run(async (c: Ctx) => {
        const hits = log(c).findAll("C000123", EXACT).load("areaCount, cellCount");
        hits.areas.load("rowIndex, rowCount, columnIndex, columnCount");
        await c.sync();
        assert.equal(hits.cellCount, 5);
        return { cells: cellsOf(hits.areas.items), areaCount: hits.areaCount };
      });
      assert.deepEqual(cells, ["C2", "C3", "D4", "C7", "D7"], split);
      counts[split] = areaCount;
    }
    assert.deepEqual(counts, { columnRuns: 4, rowRuns: 4, cells: 5 });
  });

  it("fails with ItemNotFound where nothing matches, the operations before it applied and none after", async () => {
    const host = book();
    const e = await failure(
      host.run(async (c: Ctx) => {
        log(c).getRange("B2").values = [["intent2"]];
        log(c).findAll("C999999", EXACT).load("address");
        log(c).getRange("B3").values = [["done2"]];
        await c.sync();
      }),
    );
    assert.equal(e.code, "ItemNotFound");
    const column = host.sheet(LOG).values.map((r) => r[1]);
    assert.deepEqual(column.slice(1, 3), ["intent2", "done"]);
  });

  it("findAllOrNullObject gives a null object instead: isNullObject true, nothing else to read", async () => {
    const host = book();
    await host.run(async (c: Ctx) => {
      const hits = log(c).findAllOrNullObject("C999999", EXACT).load("address, areas/items/rowIndex");
      log(c).getRange("B2").values = [["after"]];
      await c.sync();
      assert.equal(hits.isNullObject, true);
      assert.equal(thrown(() => hits.address).code, "PropertyNotLoaded");
      assert.equal(thrown(() => hits.areas.items).code, "PropertyNotLoaded");
    });
    assert.equal(host.sheet(LOG).values[1]![1], "after", "the batch went on");
  });

  it("reads nothing before the sync: PropertyNotLoaded, and ValueNotLoaded for getCount", async () => {
    const host = book();
    await host.run(async (c: Ctx) => {
      const hits = log(c).findAll("C000123", EXACT).load("address");
      hits.areas.load("items/rowIndex");
      const count = hits.areas.getCount();
      assert.equal(thrown(() => hits.address).code, "PropertyNotLoaded");
      assert.equal(thrown(() => hits.isNullObject).code, "PropertyNotLoaded");
      assert.equal(thrown(() => hits.areas.items).code, "PropertyNotLoaded");
      assert.equal(thrown(() => count.value).code, "ValueNotLoaded");
      await c.sync();
      assert.equal(hits.isNullObject, false);
      assert.equal(count.value, 4);
      assert.equal(hits.areas.items[0]!.rowIndex, 1);
      // Only what was loaded: neither the RangeAreas' other properties nor the items'.
      assert.equal(thrown(() => hits.cellCount).code, "PropertyNotLoaded");
      assert.equal(thrown(() => hits.areas.items[0]!.rowCount).code, "PropertyNotLoaded");
    });
  });

  it("finds the cells as they stand where the call is in the batch: a write before it counts, one after it does not", async () => {
    const host = book();
    const address = await host.run(async (c: Ctx) => {
      log(c).getRange("C9").values = [["C000123"]];
      const hits = log(c).findAll("C000123", EXACT);
      log(c).getRange("C11").values = [["C000123"]];
      hits.load("address");
      await c.sync();
      return hits.address;
    });
    assert.equal(address, `${LOG}!C2:C3, ${LOG}!D4, ${LOG}!C7, ${LOG}!D7, ${LOG}!C9`);
  });

  it("finds nothing in a hidden or very hidden sheet, as documented: ItemNotFound, or a null object", async () => {
    for (const visibility of ["Hidden", "VeryHidden"] as const) {
      const host = book();
      await host.run(async (c: Ctx) => {
        log(c).visibility = visibility;
        const hits = log(c).findAllOrNullObject("C000123", EXACT).load("address");
        await c.sync();
        assert.equal(hits.isNullObject, true, visibility);
      });
      const e = await failure(
        host.run(async (c: Ctx) => {
          log(c).findAll("C000123", EXACT).load("address");
          await c.sync();
        }),
      );
      assert.equal(e.code, "ItemNotFound", visibility);
      // Shown again, the same search finds the cells.
      await host.run(async (c: Ctx) => {
        log(c).visibility = "Visible";
        await c.sync();
      });
      assert.deepEqual(await found(host, "C000123", EXACT), ["C2", "C3", "D4", "C7", "D7"], visibility);
    }
  });

  it("refuses what Excel does not document: wildcards, empty text, unknown criteria, a match in a hidden column, members the host does not model", async () => {
    const host = book();
    const run = (work: (c: Ctx) => void) => refusedBatch(host, work);
    const wildcard = await run((c) => log(c).findAll("C00012?", EXACT).load("address"));
    assert.match(wildcard.message, /wildcard/);
    assert.equal((await run((c) => log(c).findAll("", EXACT).load("address"))).code, "InvalidArgument");
    const direction = { ...EXACT, searchDirection: "Forward" } as Excel.WorksheetSearchCriteria;
    assert.match(
      (await run((c) => log(c).findAll("C000123", direction).load("address"))).message,
      /not searchDirection/,
    );
    assert.match(
      (await run((c) => log(c).findAll("C000123", EXACT).load("style"))).message,
      /RangeAreas\.style/,
    );
    assert.match(
      (await run((c) => log(c).findAll("C000123", EXACT).load("areas/items/format/fill/color"))).message,
      /no property 'format\/fill\/color'/,
    );
    assert.match(
      (await run((c) => log(c).findAll("C000123", EXACT).areas.getItemAt(4).load("address"))).message,
      /4 areas/,
    );
    await host.run(async (c: Ctx) => {
      const hits = log(c).findAll("C000123", EXACT);
      const touched = thrown(() => (hits as unknown as { format: unknown }).format);
      assert.equal(touched.code, "InvalidOperation");
      assert.match(touched.message, /RangeAreas\.format/);
      await c.sync();
    });
    await host.run(async (c: Ctx) => {
      log(c).getRange("D:D").columnHidden = true;
      await c.sync();
    });
    const hidden = await run((c) => log(c).findAll("C000123", EXACT).load("address"));
    assert.equal(hidden.code, "InvalidOperation");
    assert.match(hidden.message, /D4 matches in a hidden column/);
    assert.deepEqual(await found(host, "C000200", EXACT), ["C4"], "no match hidden: searched as usual");
  });

  it("getEntireRow then getIntersectionOrNullObject: the found cells' rows across a block of columns, read in the same sync, under every cut", async () => {
    for (const split of ["columnRuns", "rowRuns", "cells"] as const) {
      const host = book({ findAllAreas: split });
      const { rows, values } = await host.run(async (c: Ctx) => {
        // Columns B:C of rows 1 to 7: each found row's action and ID, not its time or note.
        const block = log(c).getRangeByIndexes(0, 1, 7, 2);
        const lines = log(c).findAll("C000123", {}).getEntireRow().getIntersectionOrNullObject(block);
        lines.load("areas/items/rowIndex,areas/items/rowCount,areas/items/values");
        await c.sync();
        const rows = new Map<number, unknown[]>();
        for (const a of lines.areas.items)
          a.values.forEach((cells, k) => rows.set(a.rowIndex + k + 1, cells));
        return { rows: [...rows.keys()].sort((x, y) => x - y), values: rows };
      });
      // Every row holding the text in any cell, in any case (C5), in part (C6), twice (7).
      assert.deepEqual(rows, [2, 3, 4, 5, 6, 7], split);
      assert.deepEqual(values.get(4), ["intent", "C000200"], split);
      assert.deepEqual(values.get(7), ["done", "C000123"], split);
    }
    const host = book();
    // Nothing of the found rows in the block: a null object, not an error.
    const outside = await host.run(async (c: Ctx) => {
      const lines = log(c)
        .findAll("C000200", EXACT)
        .getEntireRow()
        .getIntersectionOrNullObject(log(c).getRangeByIndexes(10, 0, 5, 4));
      lines.load("areaCount");
      await c.sync();
      return lines.isNullObject;
    });
    assert.equal(outside, true);
  });

  it("refuses a null object's rows and an intersection with another sheet's range: neither is documented", async () => {
    const host = book();
    const nothing = await refusedBatch(host, (c) =>
      log(c).findAllOrNullObject("C999999", EXACT).getEntireRow().load("areas/items/values"),
    );
    assert.equal(nothing.code, "InvalidOperation");
    assert.match(nothing.message, /null object/);
    const elsewhere = await refusedBatch(host, (c) =>
      log(c)
        .findAll("C000123", EXACT)
        .getEntireRow()
        .getIntersectionOrNullObject(c.workbook.worksheets.getItem("设置").getRange("A1:D9"))
        .load("areas/items/values"),
    );
    assert.equal(elsewhere.code, "InvalidArgument");
    await host.run(async (c: Ctx) => {
      const rows = log(c).findAll("C000123", EXACT).getEntireRow();
      const address = thrown(() => rows.getIntersectionOrNullObject("A1:D9" as unknown as Excel.Range));
      assert.equal(address.code, "InvalidArgument");
      await c.sync();
    });
  });

  it("refuses the result once cells of its sheet moved after the search, in the same batch or a later one, or its sheet is gone", async () => {
    const host = book();
    const moved = await failure(
      host.run(async (c: Ctx) => {
        const hits = log(c).findAll("C000123", EXACT);
        log(c).getRange("A2:D2").insert("Down");
        hits.areas.load("items/rowIndex");
        await c.sync();
      }),
    );
    assert.match(moved.message, /moved after these cells were found/);
    const later = await failure(
      host.run(async (c: Ctx) => {
        const hits = log(c).findAll("C000123", EXACT);
        hits.areas.load("items/rowIndex");
        await c.sync();
        log(c).getRange("5:5").delete("Up");
        hits.areas.items[0]!.load("values");
        await c.sync();
      }),
    );
    assert.match(later.message, /moved after these cells were found/);
    const deleted = await failure(
      host.run(async (c: Ctx) => {
        const hits = log(c).findAll("C000123", EXACT);
        log(c).delete();
        hits.load("address");
        await c.sync();
      }),
    );
    assert.match(deleted.message, /not the sheet this view held/);
  });

  it("searches this co-author's view when the batch runs, and refuses the result once another co-author's changes arrived after it", async () => {
    const session = new CoAuthoring(book(), { delay: 100 });
    const wang = session.author("王");
    const li = session.author("李");
    const insertRow = () =>
      li.run(async (c: Ctx) => {
        log(c).getRange("A2:D2").insert("Down");
        await c.sync();
      });
    // 李 inserts a row at the top of the log; once it has reached 王, 王's search finds the rows moved down.
    await insertRow();
    assert.deepEqual(await found(wang, "C000123", EXACT), ["C2", "C3", "D4", "C7", "D7"], "not arrived yet");
    session.advance(100);
    assert.deepEqual(await found(wang, "C000123", EXACT), ["C3", "C4", "D5", "C8", "D8"]);
    // 王 searches, then reads the found cells in a later sync: fine while nothing has arrived...
    await wang.run(async (c: Ctx) => {
      const hits = log(c).findAll("C000123", EXACT);
      await c.sync();
      const first = hits.areas.getItemAt(0).load("values");
      await c.sync();
      assert.deepEqual(first.values, [["C000123"], ["C000123"]]);
    });
    // ...and refused once 李's second inserted row has reached 王's view in between.
    const e = await failure(
      wang.run(async (c: Ctx) => {
        const hits = log(c).findAll("C000123", EXACT);
        hits.areas.load("items/rowIndex");
        await c.sync();
        await insertRow();
        session.advance(100);
        hits.areas.items[0]!.load("values");
        await c.sync();
      }),
    );
    assert.equal(e.code, "InvalidOperation");
    assert.match(e.message, /other co-authors' changes have arrived/);
  });

  it("counts what a findAll answers in the sync's response bytes, and holds it to the web's 5 MB limit", async () => {
    const bytes = async (host: MemoryExcelHost, load: string) => {
      host.resetCounters();
      await host.run(async (c: Ctx) => {
        const hits = log(c).findAll("C000123", EXACT);
        if (load) hits.load(load);
        await c.sync();
      });
      return host.syncLog[0]!.responseBytes;
    };
    const host = book();
    assert.equal(await bytes(host, ""), 0, "a search alone answers nothing");
    const address = await bytes(host, "address");
    assert.ok(address >= Buffer.byteLength(JSON.stringify(`${LOG}!C2:C3, ${LOG}!D4, ${LOG}!C7, ${LOG}!D7`)));
    const rows = await bytes(host, "areas/items/rowIndex,areas/items/rowCount");
    const everything = await bytes(host, "areas");
    assert.ok(everything > rows && rows > 0, `${everything} > ${rows}`);
    // More found cells, more bytes.
    const more = book();
    more.seedSheet(
      LOG,
      Array.from({ length: 40 }, (_, i) => [i % 2 ? "" : "C000123"]),
      { at: "C8" },
    );
    assert.ok((await bytes(more, "areas/items/rowIndex,areas/items/rowCount")) > rows * 3);

    // 200 long notes holding the ID, each area loaded with every property (values and text
    // twice 15 kB): over 5 MB, refused on the web, answered on the desktop.
    const notes = Array.from({ length: 400 }, (_, i) => [i % 2 ? "x" : `C000123 ${"备注".repeat(2500)}`]);
    for (const platform of ["web", "desktop"] as const) {
      const big = book({ platform });
      big.seedSheet(LOG, notes, { at: "C8" });
      const outcome = await big
        .run(async (c: Ctx) => {
          const hits = log(c).findAll("C000123", { matchCase: true }).load("areas");
          await c.sync();
          return hits.areas.items.length;
        })
        .catch((e: { code: string }) => e.code);
      // C2:C3, D4, C6:C8 (C6 holds C0001234), D7, then C10, C12, … C406.
      assert.equal(outcome, platform === "web" ? "ResponsePayloadSizeLimitExceeded" : 4 + 199, platform);
      assert.ok(big.syncLog[0]!.responseBytes > 5 * 1024 * 1024, platform);
    }
  });
});
