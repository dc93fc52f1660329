/**
 * A workbook read again in part (issue 15): rows read again put over the last read, the
 * last read never changed, a sheet nothing changed on kept as the very same values, and a
 * patch over a read not kept refused (BaseLost), so the adapter reads whole.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { BaseLost, KeptSnapshot, patchSnapshot, type SnapshotPatch } from "../../src/domain/snapshot-patch";
import type { Cell, Snapshot } from "../../src/domain/workbook";

const base = (): Snapshot => ({
  sheetNames: ["甲", "乙"],
  sheets: {
    甲: {
      name: "甲",
      values: [
        ["h1", "h2"],
        ["a", 1],
        ["b", 2],
      ],
    },
    乙: { name: "乙", values: [["x"]] },
  },
  states: {},
});

describe("snapshot-patch: the last read with what changed put over it", () => {
  it("replaces the rows read again, cuts or pads to the new length, keeps an unchanged sheet's very values", () => {
    const b = base();
    const copy = structuredClone(b);
    const patched = patchSnapshot(b, {
      sheetNames: ["甲", "乙"],
      states: { 甲: { visibility: "Hidden", protected: false } },
      sheets: { 甲: { length: 4, rows: [[1, ["A", 9]]] }, 乙: "kept" },
    });
    assert.deepEqual(patched.sheets["甲"]!.values, [
      ["h1", "h2"],
      ["A", 9],
      ["b", 2],
      ["", ""],
    ]);
    assert.equal(patched.sheets["乙"]!.values, b.sheets["乙"]!.values, "kept: the same array");
    assert.equal(
      patched.sheets["甲"]!.values[2],
      b.sheets["甲"]!.values[2],
      "an unchanged row: the same array",
    );
    assert.deepEqual(patched.states, { 甲: { visibility: "Hidden", protected: false } });
    assert.deepEqual(b, copy, "the last read is not changed");
    const shorter = patchSnapshot(b, {
      sheetNames: ["甲"],
      states: {},
      sheets: { 甲: { length: 2, rows: [] } },
    });
    assert.deepEqual(shorter.sheets["甲"]!.values, [
      ["h1", "h2"],
      ["a", 1],
    ]);
    assert.equal(shorter.sheets["乙"], undefined, "a sheet no longer named is not in the result");
    // A sheet read empty that has rows now: rows read again onto nothing.
    const grown = patchSnapshot(
      { sheetNames: ["空"], sheets: { 空: { name: "空", values: [] } } },
      { sheetNames: ["空"], states: {}, sheets: { 空: { length: 2, rows: [[1, ["y"]]] } } },
    );
    assert.deepEqual(grown.sheets["空"]!.values, [[], ["y"]]);
  });

  it("any rows put over any read: each cell is the patch's where it gave one, else the read's, within the new length", () => {
    const grid = fc.array(
      fc.array(fc.oneof(fc.string({ maxLength: 2 }), fc.integer()), { minLength: 3, maxLength: 3 }),
      {
        minLength: 1,
        maxLength: 8,
      },
    );
    fc.assert(
      fc.property(
        grid,
        fc.nat(10),
        fc.array(fc.tuple(fc.nat(10), fc.array(fc.string({ maxLength: 2 }), { minLength: 3, maxLength: 3 }))),
        (values, length, rows) => {
          const snap: Snapshot = { sheetNames: ["甲"], sheets: { 甲: { name: "甲", values } } };
          const patched = patchSnapshot(snap, {
            sheetNames: ["甲"],
            states: {},
            sheets: { 甲: { length, rows } },
          }).sheets["甲"]!.values;
          assert.equal(patched.length, length);
          for (let r = 0; r < length; r++) {
            const given = rows.filter(([at]) => at === r).at(-1);
            const expected: Cell[] = given ? given[1] : (values[r] ?? ["", "", ""]);
            assert.deepEqual(patched[r], expected, `row ${r}`);
          }
        },
      ),
    );
  });

  it("keeps one read under its id; a patch over another id, or after forgetting, is BaseLost", () => {
    const kept = new KeptSnapshot();
    const patch: SnapshotPatch = { sheetNames: ["甲", "乙"], states: {}, sheets: { 甲: "kept", 乙: "kept" } };
    assert.throws(() => kept.resolve({ patch: { base: "a", changes: patch } }), BaseLost);
    const b = base();
    assert.equal(kept.resolve({ snapshot: b }), b);
    kept.keep("a", b);
    assert.deepEqual(kept.resolve({ patch: { base: "a", changes: patch } }).sheets, b.sheets);
    assert.throws(() => kept.resolve({ patch: { base: "b", changes: patch } }), BaseLost);
    // A sheet the patch keeps that the read did not hold: not this read.
    assert.throws(
      () => kept.resolve({ patch: { base: "a", changes: { ...patch, sheets: { 丙: "kept" } } } }),
      BaseLost,
    );
    // Rows for a sheet the read did not hold: not this read either.
    assert.throws(
      () =>
        kept.resolve({
          patch: { base: "a", changes: { ...patch, sheets: { 丙: { length: 1, rows: [[0, ["x"]]] } } } },
        }),
      (error: Error) => error.name === "BaseLost",
      "named BaseLost: the pane's worker hands the name over, and the adapter reads whole on it",
    );
    kept.forget();
    assert.throws(() => kept.resolve({ patch: { base: "a", changes: patch } }), BaseLost);
  });
});
