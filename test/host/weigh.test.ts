/**
 * Issue 15: the in-memory host holds every answer to Excel on the web's 5 MB by what it
 * weighs as JSON in UTF-8; it counts a range's values in place (host/weigh.ts) instead of
 * writing each answer out. What it counts must be exactly what JSON weighs — a host that
 * counted less would let through an answer Excel refuses.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { weigh } from "../../src/host/weigh";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { anyText, written } from "../support/json-text";

/** Text of every kind a cell can hold, and long text (its weight is the engine's JSON's). */
const text = fc.oneof(anyText, fc.string({ unit: "grapheme", minLength: 20, maxLength: 80 }));
const cell = fc.oneof(
  text,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(-0),
);

describe("what the in-memory host's answers weigh (issue 15)", () => {
  it("a range's values counted in place weigh what JSON in UTF-8 weighs, with the answer's other properties (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 8 }),
        fc.dictionary(fc.constantFrom("rowCount", "address", "text", "章"), fc.oneof(cell, fc.array(text))),
        fc.boolean(),
        (grid, rest, first) => {
          const answer = first ? { values: grid, ...rest } : { ...rest, values: grid };
          assert.equal(weigh(answer), written(answer));
          // Asked again, the long texts' weights come from memory: the same count.
          assert.equal(weigh(answer), written(answer));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("what is not a grid of plain cells is weighed the general way, and still exactly", () => {
    const odd: unknown[] = [
      // eslint-disable-next-line no-sparse-arrays
      { values: [[1, , 3]] },
      { values: [undefined, [1]] },
      { values: [[new Date(Date.UTC(2026, 10, 24))]] },
      { values: [[{ a: 1 }]] },
      { values: "章" },
      { values: null },
      { values: [[() => 1]] },
      Object.defineProperty({ a: 1 }, "values", { value: [["hidden"]], enumerable: false }),
      { values: [["x"]], toJSON: () => "章节" },
      [{ values: [["in a list"]] }],
    ];
    for (const v of odd) assert.equal(weigh(v), written(v), String(JSON.stringify(v)));
  });

  it("an answer one byte over 5 MB is refused on the web's profile, one at the limit is not", async () => {
    const limit = 5 * 1024 * 1024;
    const rows = 1000;
    const each = Math.floor(limit / (rows * 2)) - 8;
    const cells = Array.from({ length: rows }, (_, r) => [`${r}`.padEnd(each, "a"), "章".repeat(each / 3)]);
    const read = async (platform: "web" | "desktop", grid: string[][]) => {
      const host = new MemoryExcelHost({ platform });
      host.seedSheet("S", grid, { raw: true });
      await host.run(async (c) => {
        c.workbook.worksheets.getItem("S").getRange(`A1:B${rows}`).load("values");
        await c.sync();
      });
      return host.syncLog.at(-1)!.responseBytes;
    };
    // What the answer weighs, as desktop (no limit) counts it: then made exactly 5 MB.
    const weighed = await read("desktop", cells);
    assert.ok(weighed < limit);
    cells[0]![0] += "a".repeat(limit - weighed);
    assert.equal(await read("web", cells), limit);
    cells[0]![0] += "a";
    await assert.rejects(
      () => read("web", cells),
      (e: { code?: string }) => e.code === "ResponsePayloadSizeLimitExceeded",
    );
  });

  it("what a read answers weighs what JSON in UTF-8 weighs, after any writes, insertions and deletions the store keeps weights through (fast-check)", async () => {
    type Op =
      | { kind: "write"; row: number; col: number; cells: (string | number | boolean)[][] }
      | { kind: "deleteRows"; row: number; count: number }
      | {
          kind: "deleteLeft" | "deleteUp" | "insertDown";
          row: number;
          col: number;
          rows: number;
          cols: number;
        };
    // Text as typed: what Excel would take for a formula or its prefix character the host refuses.
    const typed = text.map((t) => (/^[\s=+\-']/.test(t) ? `x${t}` : t));
    const plain = fc.oneof(
      typed,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(""),
    );
    const box = {
      row: fc.nat(6),
      col: fc.nat(5),
      rows: fc.integer({ min: 1, max: 3 }),
      cols: fc.integer({ min: 1, max: 3 }),
    };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        kind: fc.constant("write" as const),
        row: fc.nat(6),
        col: fc.nat(5),
        cells: fc
          .integer({ min: 1, max: 3 })
          .chain((w) =>
            fc.array(fc.array(plain, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 3 }),
          ),
      }),
      fc.record({
        kind: fc.constant("deleteRows" as const),
        row: fc.nat(6),
        count: fc.integer({ min: 1, max: 2 }),
      }),
      fc.record({
        kind: fc.constantFrom("deleteLeft" as const, "deleteUp" as const, "insertDown" as const),
        ...box,
      }),
    );
    const a1 = (row: number, col: number, rows = 1, cols = 1) =>
      `${String.fromCharCode(65 + col)}${row + 1}:${String.fromCharCode(65 + col + cols - 1)}${row + rows}`;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 8 }), fc.record(box), async (ops, read) => {
        const host = new MemoryExcelHost({ platform: "desktop" });
        host.seedSheet("S", [["a", 1, true]], { raw: true });
        await host.run(async (c) => {
          const sheet = c.workbook.worksheets.getItem("S");
          for (const o of ops)
            if (o.kind === "write")
              sheet.getRange(a1(o.row, o.col, o.cells.length, o.cells[0]!.length)).values = o.cells;
            else if (o.kind === "deleteRows") sheet.getRange(`${o.row + 1}:${o.row + o.count}`).delete("Up");
            else if (o.kind === "insertDown") sheet.getRange(a1(o.row, o.col, o.rows, o.cols)).insert("Down");
            else
              sheet
                .getRange(a1(o.row, o.col, o.rows, o.cols))
                .delete(o.kind === "deleteLeft" ? "Left" : "Up");
          await c.sync();
        });
        host.loadTrace = [];
        const values = await host.run(async (c) => {
          const range = c.workbook.worksheets
            .getItem("S")
            .getRange(a1(read.row, read.col, read.rows, read.cols));
          range.load("values");
          await c.sync();
          return range.values;
        });
        assert.equal(host.loadTrace[0]!.bytes, written({ isNullObject: false, values }));
      }),
      { numRuns: 1500 },
    );
  });
});
