/**
 * Issue 15: the weight of what goes over the wire, counted without making its bytes
 * (domain/json-bytes.ts) — the adapter sizes its reads by it and the in-memory host holds
 * every request and answer to Excel's 5 MB by it, so it must be exactly what JSON in UTF-8
 * weighs, never less.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { encodedLength, jsonBytes, rowsBytes } from "../../src/domain/json-bytes";
import { anyText, written } from "../support/json-text";

const cell = fc.oneof(
  anyText,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant(-0),
);

describe("a value's weight as JSON in UTF-8, counted without making its bytes (issue 15)", () => {
  it("is what JSON.stringify and UTF-8 give, for grids of cells of every kind (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 8 }), (grid) => {
        assert.equal(jsonBytes(grid), written(grid));
      }),
      { numRuns: 2000 },
    );
  });

  it("is what JSON.stringify and UTF-8 give, for nested objects and arrays as the host answers (fast-check)", () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        cell,
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(anyText, tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        assert.equal(jsonBytes(v), written(v));
      }),
      { numRuns: 2000 },
    );
  });

  it("the pane's count, a few bytes at a time, is the UTF-8 length of what JSON writes (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 12 }), fc.integer({ min: 4, max: 16 }), (cells, size) => {
        const text = JSON.stringify(cells);
        assert.equal(encodedLength(text, new Uint8Array(size)), Buffer.byteLength(text, "utf8"));
      }),
      { numRuns: 2000 },
    );
    // A character of four bytes at a piece's end is carried to the next piece whole.
    assert.equal(encodedLength("a😀😀b", new Uint8Array(4)), 10);
    assert.equal(encodedLength("", new Uint8Array(4)), 0);
  });

  it("weighs the odd cases as JSON does: holes, what JSON leaves out, dates, text escaped whole", () => {
    const odd: unknown[] = [
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      [undefined, () => 1, Symbol("s")],
      { a: undefined, b: () => 1, c: 1 },
      { a: undefined },
      new Date(Date.UTC(2026, 10, 24)),
      { when: new Date(Date.UTC(2026, 10, 24)) },
      Object.assign(Object.create(null), { a: "章" }),
      { toJSON: () => "章节" },
      "\ud83d\ude00\ud83d",
      "\ude00\ud83d\ude00",
      "",
      [],
      {},
      undefined,
      1e21,
      -1.5e-7,
    ];
    for (const v of odd) assert.equal(jsonBytes(v), written(v), String(JSON.stringify(v)));
    // What it weighs is what a user's text weighs: Chinese three bytes a character, quoted.
    assert.equal(jsonBytes("客户原簿"), 14);
    assert.equal(jsonBytes([["C000001", 3]]), 15);
  });

  describe("rows weighed in part, to size a read's next slices", () => {
    const row = fc.array(cell, { minLength: 1, maxLength: 6 });
    it("is exact for as many rows as it weighs, and for rows that all weigh the same (fast-check)", () => {
      fc.assert(
        fc.property(
          fc.array(row, { maxLength: 20 }),
          row,
          fc.integer({ min: 21, max: 300 }),
          (rows, one, n) => {
            assert.equal(rowsBytes(rows, 20), written(rows));
            const same = Array.from({ length: n }, () => one);
            assert.equal(rowsBytes(same, 20), written(same));
          },
        ),
        { numRuns: 500 },
      );
    });

    it("counts the rows it does not weigh at the average of those it does: a heavy stretch is seen in proportion", () => {
      const light = ["C000001", "北京", 3];
      const heavy = ["C000002", "章".repeat(1000), 3];
      // A tenth of the rows heavy, in one stretch: weighed one in eight, the estimate is within a tenth.
      const rows = Array.from({ length: 8000 }, (_, i) => (i >= 4000 && i < 4800 ? heavy : light));
      const exact = written(rows);
      const estimate = rowsBytes(rows, 1000);
      assert.ok(Math.abs(estimate - exact) / exact < 0.1, `${estimate} against ${exact}`);
      // At the adapter's 128 rows, within the quarter the adapter leaves to spare (excel/book.ts).
      assert.ok(Math.abs(rowsBytes(rows) - exact) / exact < 0.25, `${rowsBytes(rows)} against ${exact}`);
    });
  });
});
