/**
 * Issue 15: the weight of what goes over the wire, counted without making its bytes
 * (domain/json-bytes.ts) — the adapter sizes its reads by it and the in-memory host holds
 * every request and answer to Excel's 5 MB by it, so it must be exactly what JSON in UTF-8
 * weighs, never less.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { encodedLength, jsonBytes } from "../../src/domain/json-bytes";

const written = (value: unknown) => new TextEncoder().encode(JSON.stringify(value) ?? "").length;

/** Text of every kind a cell can hold: escapes, controls, CJK, emoji, lone surrogates. */
const anyText = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({
    unit: fc.constantFrom(
      '"',
      "\\",
      "\n",
      "\t",
      "\b",
      "\f",
      "\r",
      "\u0001",
      "\u001f",
      "a",
      "章",
      "é",
      "😀",
      "\ud800",
      "\udfff",
      "\u2028",
      "\u007f",
    ),
  }),
  fc.string({ unit: "grapheme" }),
);
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
});
