/**
 * higherPatterns: Excel's COUNTIF criteria that say whether a column could hold an ID above
 * the highest one read (issue 15). Where they count nothing, the column holds no ID `nextId`
 * would read as higher — checked against the host's COUNTIF, which follows Microsoft's
 * documented wildcards.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { higherPatterns, idNumber, nextId } from "../../src/domain/ids";
import { wildcardText } from "../../src/host/functions";

const counts = (pattern: string, cells: readonly string[]) => {
  const match = wildcardText("test", pattern);
  return cells.filter((c) => match(c)).length;
};
const anyHigher = (highest: string, cells: readonly string[]) =>
  higherPatterns("C", highest).some((p) => counts(p, cells) > 0);

/** Cells a column may hold: IDs of any length, padded, in lower case, of another prefix, or junk. */
const cell = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 10 }), fc.stringMatching(/^[0-9]{1,9}$/))
    .map(([zeros, d]) => "C" + "0".repeat(zeros % 3) + d),
  fc.integer({ min: 0, max: 1_200_000 }).map((n) => "C" + String(n).padStart(6, "0")),
  fc
    .tuple(fc.constantFrom(" ", "\u3000", "\u00a0", "\t"), fc.integer({ min: 0, max: 999_999 }), fc.boolean())
    .map(([pad, n, before]) => (before ? pad : "") + "C" + String(n).padStart(6, "0") + (before ? "" : pad)),
  fc.integer({ min: 0, max: 999_999 }).map((n) => "c" + String(n).padStart(6, "0")),
  fc.integer({ min: 0, max: 999_999 }).map((n) => "R" + String(n).padStart(6, "0")),
  fc.string({ maxLength: 10 }),
);

describe("The next ID without reading the ID columns: Excel's counts of higher IDs", () => {
  it("counts nothing on a column of the add-in's IDs up to the highest one, and something once a higher one is there", () => {
    const column = ["C000001", "C000002", "C099998", "C100000", "C100305"];
    assert.equal(anyHigher("C100305", column), false);
    for (const higher of [
      "C100306",
      "C100310",
      "C100400",
      "C101000",
      "C200000",
      "C900000",
      "C1000000",
      " C100306",
      "C100306\u3000",
    ])
      assert.equal(anyHigher("C100305", [...column, higher]), true, higher);
    // A padded ID of the same number counts too: the column is then read, at a cost, not wrongly.
    assert.equal(anyHigher("C100305", [...column, "C100305 "]), true);
  });

  it("finds shorter and zero-padded IDs above a small highest number", () => {
    for (const higher of ["C6", "C06", "C00007", "C10", "C0000010", "C000006"])
      assert.equal(anyHigher("C000005", ["C000001", "C000005", higher]), true, higher);
    for (const lower of ["C5", "C0", "C00004", "C000000"])
      assert.equal(anyHigher("C000005", ["C000001", "C000005", lower]), false, lower);
  });

  it("asks nothing for a cell that is no ID of the prefix", () => {
    assert.deepEqual(higherPatterns("C", "R000012"), []);
    assert.deepEqual(higherPatterns("C", "c000012"), []);
    assert.deepEqual(higherPatterns("C", "C12a"), []);
    assert.equal(idNumber(" C000012\u3000", "C"), 12);
    assert.equal(idNumber("c000012", "C"), undefined);
  });

  it("never misses a higher ID, whatever the column holds (property)", () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 30 }), fc.nat(), (cells, pick) => {
        const ids = cells.filter((c) => idNumber(c, "C") !== undefined);
        fc.pre(ids.length > 0);
        // Any ID read may be the guess: where nothing counts above it, it is the highest.
        const guess = ids[pick % ids.length]!;
        if (!anyHigher(guess, cells)) assert.equal(nextId("C", cells), nextId("C", [guess]));
      }),
      { numRuns: 3000 },
    );
  });

  it("counts nothing where the guess is the highest of plain IDs of its length (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 999_999 }), { minLength: 1, maxLength: 30 }),
        (numbers) => {
          const cells = numbers.map((n) => "C" + String(n).padStart(6, "0"));
          const highest = "C" + String(Math.max(...numbers)).padStart(6, "0");
          assert.equal(anyHigher(highest, cells), false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
