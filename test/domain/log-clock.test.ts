/**
 * The Change log's clock, clocked on from the log last clocked (issue 15): a log as read
 * whose first rows are the very rows of the last one (rows appended since) is clocked from
 * there. It must give what a clock from the first row gives, and leave the earlier clock as
 * it was: the trust worked out with it may still be asked.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { logClock } from "../../src/domain/book-context";
import { asRead } from "../../src/domain/records";
import { changeLog } from "../../src/domain/schema/sheets";
import type { LogClock } from "../../src/domain/stamps/staff";
import { formatStamps, type Stamp } from "../../src/domain/stamps/stamps";
import type { Cell, Snapshot } from "../../src/domain/workbook";

const header = changeLog.columns.map((c) => c.header.zh);

const stamp = (signature: string): Stamp => ({
  role: "deptHead",
  name: "王主管",
  time: "2026-11-24T10:00",
  decision: "approve",
  key: "K1",
  fields: ["name"],
  act: "intake",
  ref: "R000001",
  policy: "1",
  signature,
});

const row = fc.record({
  time: fc.constantFrom("2026-11-24T10:00", "2026-11-24T09:00", "2026-11-25 08:30", "", "not a time"),
  person: fc.constantFrom("王主管", "陈会计"),
  action: fc.constantFrom("revoke", "enrol", "restaff", "stamp", "correct"),
  newValue: fc.constantFrom("王主管 D1", "陈会计 D2", "D1"),
  approval: fc.constantFrom("", "S1", "S2", "S1 S3", "typed words"),
});
type Made = Record<"time" | "person" | "action" | "newValue" | "approval", string>;

function cells(made: Made): Cell[] {
  const approval = made.approval.includes("S")
    ? formatStamps(made.approval.split(" ").map(stamp), "zh")
    : made.approval;
  const values: Record<string, string> = { ...made, approval };
  return changeLog.columns.map((c) => values[c.key] ?? "");
}

/** A snapshot of the log as the adapter reads it: rows as read, never changed. */
const bookOf = (rows: Cell[][]): Snapshot =>
  asRead({ sheetNames: ["变更记录"], sheets: { 变更记录: { name: "变更记录", values: [header, ...rows] } } });

const plain = (clock: LogClock | undefined) =>
  clock && {
    revokedAt: [...clock.revokedAt],
    startedAt: [...clock.startedAt],
    stampedAt: [...clock.stampedAt],
  };

describe("the Change log's clock, clocked on from the log last clocked (issue 15)", () => {
  it("says what a clock from the first row says, and leaves the earlier clock as it was", () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 20 }),
        fc.array(fc.array(row, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
        (first, appended) => {
          const all = [...first, ...appended.flat()].map(cells);
          let length = first.length;
          let before = logClock(bookOf(all.slice(0, length)));
          for (const more of appended) {
            const earlier = plain(before);
            length += more.length;
            const after = logClock(bookOf(all.slice(0, length)));
            // The same rows as other arrays: records made afresh, clocked from the first row.
            const afresh = logClock(bookOf(all.slice(0, length).map((r) => [...r])));
            assert.deepEqual(plain(after), plain(afresh));
            assert.deepEqual(plain(before), earlier, "the earlier clock is unchanged");
            before = after;
          }
        },
      ),
      { numRuns: Number(process.env.LOG_CLOCK_RUNS ?? 200) },
    );
  });

  it("clocks a log that is not the last one's continuation from its first row", () => {
    const a = [
      cells({ time: "2026-11-25T10:00", person: "王主管", action: "stamp", newValue: "", approval: "S1" }),
    ];
    const b = [
      cells({ time: "2026-11-24T10:00", person: "王主管", action: "stamp", newValue: "", approval: "S2" }),
    ];
    logClock(bookOf(a));
    const other = logClock(bookOf(b));
    assert.deepEqual([...other!.stampedAt.keys()], ["S2"]);
    assert.equal(other!.stampedAt.get("S2"), "2026-11-24T10:00#000000002");
  });
});
