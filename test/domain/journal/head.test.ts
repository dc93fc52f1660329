/**
 * The Change log's head as a device remembers it: which log (its first row's hash), how
 * far it reached, and what a log that no longer extends it is reported as.
 */
import assert from "node:assert/strict";
import {
  headProblems,
  logHead,
  rememberHead,
  seenHeadOf,
  type LogHead,
} from "../../../src/domain/journal/head";
import type { ReadSheet } from "../../../src/domain/records";
import { changeLog } from "../../../src/domain/schema/sheets";

/** A Change log whose rows carry these hashes (Excel rows 2, 3, …). */
function logOf(hashes: string[]): ReadSheet {
  return {
    schema: changeLog,
    at: {},
    width: 0,
    height: hashes.length + 1,
    records: hashes.map((hash, i) => ({ row: i + 2, values: { hash } })),
  };
}

const ADMIN = "a1b2 c3d4";

describe("the Change log's head as a device remembers it", () => {
  it("is the first row's hash, the number of rows and the last row's hash, with the trust root", () => {
    assert.deepEqual(logHead(logOf(["h1", "h2", "h3"]), ADMIN), {
      first: "h1",
      rows: 3,
      hash: "h3",
      root: ADMIN,
    });
    assert.deepEqual(logHead(logOf(["h1"])), { first: "h1", rows: 1, hash: "h1" });
    assert.deepEqual(logHead(logOf([]), ADMIN), { first: "", rows: 0, hash: "", root: ADMIN });
  });

  describe("which remembered head belongs to this log", () => {
    const seen: LogHead[] = [
      { first: "other", rows: 9, hash: "o9", root: "someone else" },
      { first: "h1", rows: 2, hash: "h2", root: ADMIN },
    ];
    it("a log with rows is known by its first row, whoever its administrator", () => {
      assert.equal(seenHeadOf(logOf(["h1", "h2", "h3"]), seen), seen[1]);
      assert.equal(seenHeadOf(logOf(["h1"]), seen, "not the admin"), seen[1]);
      assert.equal(seenHeadOf(logOf(["new"]), seen, ADMIN), undefined, "another log of the same office");
    });
    it("an empty log is the same administrator's log that had rows: an emptied one", () => {
      assert.equal(seenHeadOf(logOf([]), seen, ADMIN), seen[1]);
      assert.equal(seenHeadOf(logOf([]), seen), undefined, "no administrator: a new workbook");
      assert.equal(seenHeadOf(logOf([]), seen, "a new office"), undefined);
      const neverHadRows: LogHead[] = [{ first: "", rows: 0, hash: "", root: ADMIN }];
      assert.equal(seenHeadOf(logOf([]), neverHadRows, ADMIN), undefined, "empty then, empty now");
    });
  });

  describe("a log that no longer extends the head the device saw", () => {
    const seen: LogHead = { first: "h1", rows: 3, hash: "h3" };
    it("is fine when it reaches as far with the same hash there, or further", () => {
      assert.deepEqual(headProblems(logOf(["h1", "h2", "h3"]), seen), []);
      assert.deepEqual(headProblems(logOf(["h1", "h2", "h3", "h4"]), seen), []);
      assert.deepEqual(headProblems(logOf([]), undefined), []);
      assert.deepEqual(headProblems(logOf([]), { first: "", rows: 0, hash: "" }), [], "nothing was seen");
    });
    it("is truncated when rows are missing at its end: where, and how many", () => {
      assert.deepEqual(headProblems(logOf(["h1"]), seen), [
        {
          sheet: "changeLog",
          row: 3,
          column: "hash",
          rule: "log.truncated",
          value: "2",
          detail: { missing: 2, seen: 3, now: 1 },
        },
      ]);
      assert.deepEqual(
        headProblems(logOf([]), seen).map((p) => [p.row, p.value]),
        [[2, "3"]],
      );
    });
    it("is rewritten when the row it reached holds another hash", () => {
      const long: LogHead = { first: "h1", rows: 2, hash: "0123456789abcdef0123" };
      assert.deepEqual(headProblems(logOf(["h1", "recomputed", "h3"]), long), [
        {
          sheet: "changeLog",
          row: 3,
          column: "hash",
          rule: "log.rewritten",
          value: "0123456789ab",
          detail: { seen: 2 },
        },
      ]);
    });
  });

  describe("remembering a head", () => {
    it("replaces the head of the same log and keeps the others", () => {
      const a: LogHead = { first: "a", rows: 2, hash: "a2" };
      const b: LogHead = { first: "b", rows: 5, hash: "b5" };
      const a3: LogHead = { first: "a", rows: 3, hash: "a3" };
      assert.deepEqual(rememberHead([a, b], a3), [b, a3]);
    });
    it("does not remember an empty log over what it saw", () => {
      const a: LogHead = { first: "a", rows: 2, hash: "a2" };
      assert.deepEqual(rememberHead([a], { first: "", rows: 0, hash: "" }), [a]);
    });
    it("keeps the last twenty logs", () => {
      const many = Array.from({ length: 25 }, (_, i): LogHead => ({
        first: `f${i}`,
        rows: 1,
        hash: `h${i}`,
      }));
      const kept = many.reduce<LogHead[]>((seen, h) => rememberHead(seen, h), []);
      assert.deepEqual(
        kept.map((h) => h.first),
        many.slice(5).map((h) => h.first),
      );
    });
  });
});
