/**
 * The journal folded on from an earlier fold (issue 15): a Change log as read whose first
 * rows are the very rows of a log folded before — rows appended by an act since — is folded
 * from there. What it gives must be what a fold from the first row gives, whatever the rows
 * say, and the earlier journal must stay as it was: it is still someone's.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { foldJournal, type Journal, type JournalRow } from "../../../src/domain/journal/journal";
import type { ReadSheet } from "../../../src/domain/records";
import { changeLog } from "../../../src/domain/schema/sheets";

const IDS = ["", "C1", "C2", "C3"];
const REQUESTS = ["", "R1", "R2", "R3"];
const OPS = ["", "O1", "O2", "O3"];
const ACTIONS = [
  "adopt",
  "post",
  "reinstate",
  "intake",
  "reinstateRequest",
  "terminate",
  "destroy",
  "markInvalid",
  "correct",
  "review",
  "stamp",
  "done",
  "enrol",
];
const PLACES = ["客户原簿", "交易中止", "交易过去", "已销毁", "somewhere"];

const row = fc.record({
  action: fc.constantFrom(...ACTIONS),
  customerId: fc.constantFrom(...IDS),
  requestNo: fc.constantFrom(...REQUESTS),
  op: fc.constantFrom(...OPS),
  newValue: fc.constantFrom(...PLACES),
  reason: fc.constantFrom("", "invalid"),
  person: fc.constantFrom("甲", "乙"),
});

function rowsOf(made: (typeof row extends fc.Arbitrary<infer T> ? T : never)[]): JournalRow[] {
  // Frozen, as journal rows of a log as read are (journal.ts journalRowOf).
  return made.map((r, i) =>
    Object.freeze({
      ...r,
      row: i + 2,
      time: `2026-12-06T10:${String(i % 60).padStart(2, "0")}`,
      field: "",
      oldValue: "",
      approval: "",
      salt: "",
      digest: "",
      hash: "",
    }),
  );
}

/** A log read whole (frozen, as records.ts makes it): the fold may go on from it. */
const wholeLog = (n: number): ReadSheet =>
  Object.freeze({ schema: changeLog, at: {}, width: 0, height: n + 1, records: [] });
/** A log made by hand (not frozen): folded from its first row, never kept. */
const handLog = (n: number): ReadSheet => ({
  schema: changeLog,
  at: {},
  width: 0,
  height: n + 1,
  records: [],
});

/** Everything a journal says, as plain data. */
function said(journal: Journal) {
  return {
    states: [...journal.states].map(([id, s]) => ({
      id,
      place: s.place,
      invalid: s.invalid,
      requestNo: s.requestNo,
      requests: [...s.requests],
      placedAt: s.placedAt.row,
    })),
    posted: [...journal.posted],
    reinstating: [...journal.reinstating],
    filedBy: [...journal.filedBy],
    conflicts: journal.conflicts.map((c) => [c.row.row, c.rule]),
    unfinished: journal.unfinished.map((op) => [op.id, op.done, op.intents.map((i) => i.row)]),
    rowsOf: IDS.filter(Boolean).map((id) => journal.rowsOf(id).map((r) => r.row)),
  };
}

describe("the journal folded on from an earlier fold (issue 15)", () => {
  it("says what a fold from the first row says, and leaves the earlier journal as it was", () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 40 }),
        fc.array(fc.array(row, { maxLength: 12 }), { minLength: 1, maxLength: 3 }),
        (first, appended) => {
          const all = rowsOf([...first, ...appended.flat()]);
          let length = first.length;
          let before = foldJournal(wholeLog(length), all.slice(0, length));
          for (const more of appended) {
            const earlier = said(before);
            length += more.length;
            const rows = all.slice(0, length);
            const after = foldJournal(wholeLog(length), rows);
            assert.deepEqual(said(after), said(foldJournal(handLog(length), rows)));
            assert.deepEqual(said(before), earlier, "the earlier journal is unchanged");
            before = after;
          }
        },
      ),
      { numRuns: Number(process.env.FOLD_ON_RUNS ?? 300) },
    );
  });

  it("goes on from the same earlier fold twice, with other rows each time (a co-author's rows, a log typed back)", () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 30 }),
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.array(row, { minLength: 1, maxLength: 12 }),
        (first, one, other) => {
          const common = rowsOf(first);
          const a = [...common, ...rowsOf([...first, ...one]).slice(common.length)];
          const b = [...common, ...rowsOf([...first, ...other]).slice(common.length)];
          foldJournal(wholeLog(common.length), common);
          foldJournal(wholeLog(a.length), a);
          const fromB = foldJournal(wholeLog(b.length), b);
          assert.deepEqual(said(fromB), said(foldJournal(handLog(b.length), b)));
        },
      ),
      { numRuns: Number(process.env.FOLD_ON_RUNS ?? 300) },
    );
  });

  it("goes on from the earlier fold: a customer no appended row names keeps the very state it had", () => {
    const rows = rowsOf([
      { action: "post", customerId: "C1", requestNo: "R1", op: "O1", newValue: "", reason: "", person: "甲" },
      { action: "done", customerId: "", requestNo: "", op: "O1", newValue: "", reason: "", person: "甲" },
      { action: "post", customerId: "C2", requestNo: "R2", op: "O2", newValue: "", reason: "", person: "甲" },
    ]);
    const before = foldJournal(wholeLog(2), rows.slice(0, 2));
    const after = foldJournal(wholeLog(3), rows);
    assert.equal(after.states.get("C1"), before.states.get("C1"), "folded on, not again");
    assert.equal(after.states.get("C2")?.place, "register");
    assert.equal(before.states.has("C2"), false);
    // A log made by hand is folded from its first row.
    assert.notEqual(foldJournal(handLog(3), rows).states.get("C1"), before.states.get("C1"));
  });
});
