/**
 * Issue 15: records of many columns (the Register's 33) and a stamped row's values as text
 * are made compact (domain/compact.ts) — and must be, to every reader, the very objects a
 * key at a time made: the same own keys in the same order, the same values, a plain object.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { blankMaker, lastMaker } from "../../src/domain/compact";
import { stampedValues } from "../../src/domain/stamps/values";
import { asRead, readSheet, text } from "../../src/domain/records";
import { register } from "../../src/domain/schema/sheets";
import type { Cell, Snapshot } from "../../src/domain/workbook";

/** A key at a time, as records and texts were made before (a `__proto__` key defined, never assigned). */
function oneAtATime(keys: readonly string[], value: (key: string) => unknown): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const key of keys)
    Object.defineProperty(o, key, {
      value: value(key),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return o;
}

const key = fc.oneof(
  fc.constantFrom("id", "name", "__proto__", "0", "12", "constructor", "toString", ""),
  fc.string({ maxLength: 6 }),
);

describe("objects of many keys made compact (issue 15)", () => {
  it("a blank made for any keys holds them all, in order, blank, in a fresh plain object each time", () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(key), fc.array(key, { minLength: 17, maxLength: 45 })), (keys) => {
        const make = blankMaker(keys);
        const first = make();
        const expected = oneAtATime(keys, () => "");
        assert.deepEqual(Object.entries(first), Object.entries(expected));
        assert.equal(Object.getPrototypeOf(first), Object.prototype);
        // Plain fields: each may be written (a record's values are set in place).
        for (const k of Object.keys(first)) first[k] = "changed";
        for (const k of Object.keys(first)) assert.equal(first[k], "changed", k);
        const second = make();
        assert.notEqual(second, first);
        assert.deepEqual(Object.entries(second), Object.entries(expected));
      }),
      { numRuns: 1000 },
    );
  });

  it("a stamp reads each row's values as text key for key, row after row of the same or other columns", () => {
    const cell = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null));
    const keyList = fc.oneof(fc.uniqueArray(key), fc.uniqueArray(key, { minLength: 17, maxLength: 40 }));
    const keyLists = fc.array(keyList, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        keyLists.chain((lists) =>
          fc.array(
            fc
              .nat(lists.length - 1)
              .chain((i) =>
                fc.tuple(...lists[i]!.map(() => cell)).map((cells) => ({ keys: lists[i]!, cells })),
              ),
            { maxLength: 8 },
          ),
        ),
        fc.boolean(),
        (rows, frozen) => {
          for (const { keys, cells } of rows) {
            const values = oneAtATime(keys, (k) => cells[keys.indexOf(k)]) as Record<string, Cell>;
            const row = frozen ? Object.freeze(values) : values;
            const made = stampedValues(row);
            const expected = oneAtATime(Object.keys(row), (k) => text(row[k]));
            assert.deepEqual(Object.entries(made), Object.entries(expected));
            assert.equal(Object.getPrototypeOf(made), Object.prototype);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("the maker kept for the last keys is made again when other keys are asked for", () => {
    const maker = lastMaker();
    const many = Array.from({ length: 20 }, (_, i) => `k${i}`);
    assert.deepEqual(Object.keys(maker(many)()), many);
    assert.deepEqual(Object.keys(maker([...many.slice(1), "other"])()), [...many.slice(1), "other"]);
    assert.deepEqual(Object.keys(maker(["a"])()), ["a"]);
    assert.deepEqual(Object.keys(maker(many)()), many);
  });

  it("a Register row as read is a record of its 33 columns in the schema's order, the moved and missing ones too", () => {
    const keys = register.columns.map((c) => c.key);
    // The header in another order, one column missing: values land under their headers.
    const shown = [...register.columns].reverse().filter((c) => c.key !== register.columns[5]!.key);
    const values: Cell[][] = [shown.map((c) => c.header.zh)];
    for (let r = 0; r < 3; r++) values.push(shown.map((c, i) => (i % 2 ? `${c.key}-${r}` : r * 10 + i)));
    const snapshot: Snapshot = {
      sheetNames: ["客户原簿"],
      sheets: { 客户原簿: { name: "客户原簿", values } },
    };
    for (const read of [readSheet(register, snapshot), readSheet(register, asRead(snapshot))])
      read.records.forEach((record, r) => {
        assert.deepEqual(Object.keys(record.values), keys);
        for (const k of keys) {
          const i = shown.findIndex((c) => c.key === k);
          assert.equal(record.values[k], i < 0 ? "" : values[r + 1]![i], `${k} of row ${record.row}`);
        }
      });
  });
});

describe("rows that are no record", () => {
  it("a blank row and the header pasted again are no customers, as read or made by hand; the rows after keep their numbers", () => {
    const header = register.columns.map((c) => c.header.zh);
    const customer = (id: string) =>
      register.columns.map((c) => (c.key === "id" ? id : c.key === "name" ? `${id}公司` : ""));
    const values: Cell[][] = [
      header,
      customer("C000001"),
      register.columns.map(() => " "),
      [...header],
      customer("C000002"),
    ];
    const snapshot: Snapshot = {
      sheetNames: ["客户原簿"],
      sheets: { 客户原簿: { name: "客户原簿", values } },
    };
    for (const read of [readSheet(register, snapshot), readSheet(register, asRead(snapshot))])
      assert.deepEqual(
        read.records.map((r) => [r.row, r.values.id]),
        [
          [2, "C000001"],
          [5, "C000002"],
        ],
      );
  });
});
