import assert from "node:assert/strict";
import fc from "fast-check";
import {
  CHECKPOINT,
  INDEXED_ACTIONS,
  checkpointEvery,
  baseOf,
  checkpointProblems,
  claimsOf,
  decodeRows,
  encodeRows,
  lastPlace,
  listedRowsHold,
  placesUpTo,
  setCheckpointEvery,
  timeSpans,
} from "../../../src/domain/journal/checkpoints";
import { Workspace } from "../../../src/domain/journal/workspace";
import { readJournal } from "../../../src/domain/journal/journal";
import { appendToLog } from "../../../src/domain/log-writes";
import { verifyChain } from "../../../src/domain/change-log";
import { entryOf, type Event } from "./log-book";
import { readSheet, text } from "../../../src/domain/records";
import { TRUST_ACTIONS } from "../../../src/domain/partial-read";
import { LOAN_EVENTS } from "../../../src/domain/loan-state";
import { SHOW_SHEET } from "../../../src/domain/kept-sheets";
import { changeLog } from "../../../src/domain/schema/sheets";
import { timeKey } from "../../../src/domain/stamps/staff";
import type { Cell, Snapshot } from "../../../src/domain/workbook";
import { apply } from "../support/apply";

const header = changeLog.columns.map((c) => c.header.zh);
const emptyBook = (): Snapshot => ({
  sheetNames: ["变更记录"],
  sheets: { 变更记录: { name: "变更记录", values: [header] } },
});
const log = (s: Snapshot) => readSheet(changeLog, s);

const entry = (e: Event) => entryOf({ time: "2026-11-24T10:00:00", ...e });

/** What a checkpoint at `row` must say, worked out the long way: the journal of the rows above it. */
function expected(s: Snapshot, row: number) {
  const values = s.sheets["变更记录"]!.values.slice(0, row);
  const above: Snapshot = { sheetNames: ["变更记录"], sheets: { 变更记录: { name: "变更记录", values } } };
  const records = log(above).records;
  let latest = "";
  for (const r of records) if (timeKey(text(r.values.time)) > latest) latest = timeKey(text(r.values.time));
  const rows: Record<string, number[]> = {};
  for (const action of INDEXED_ACTIONS)
    rows[action] = records.filter((r) => text(r.values.action) === action).map((r) => r.row - 1);
  return { latest, unfinished: readJournal(above).unfinished.map((op) => op.id), rows };
}

// Entries of every kind a checkpoint counts: intents with their ops, dones, trust rows, loans,
// shows, and rows it ignores — at times that sometimes go back.
const anEntry = fc
  .record({
    kind: fc.constantFrom(
      "intent",
      "done",
      "enrol",
      "revoke",
      "loanExtract",
      "showSheet",
      "contact",
      "stamp",
    ),
    op: fc.constantFrom("OP1", "OP2", "OP3", ""),
    minute: fc.integer({ min: 0, max: 59 }),
  })
  .map(({ kind, op, minute }) =>
    entry({
      action: kind === "intent" ? "correct" : kind,
      op: kind === "done" || kind === "intent" || kind === "stamp" ? op : "",
      time: `2026-11-24T10:${String(minute).padStart(2, "0")}:00`,
      customerId: kind === "intent" ? "C000001" : "",
    }),
  );

describe("checkpoints in the Change log (issue 15)", () => {
  let spacing: number;
  beforeEach(() => (spacing = checkpointEvery()));
  afterEach(() => setCheckpointEvery(spacing));

  it("lists every action a partial read picks rows by", () => {
    for (const action of [...TRUST_ACTIONS, ...LOAN_EVENTS, SHOW_SHEET])
      assert.ok(INDEXED_ACTIONS.includes(action), action);
  });

  it("reads claims only in the writer's shape: anything else typed into a checkpoint is no claim at all", () => {
    const good = { v: 1, row: 2000, unfinished: ["op-1"], rows: { revoke: "5,7", policy: "" } };
    const said = (claims: unknown) => claimsOf(JSON.stringify(claims));
    assert.deepEqual(said(good), {
      v: 1,
      row: 2000,
      unfinished: ["op-1"],
      rows: { revoke: [5, 12], policy: [] },
    });
    assert.equal(CHECKPOINT, "checkpoint");
    for (const typed of [
      { ...good, v: 2 },
      { ...good, v: "1" },
      { ...good, row: 20.5 },
      { ...good, row: "2000" },
      { ...good, unfinished: "op-1" },
      { ...good, unfinished: ["op-1", 7] },
      { ...good, rows: null },
      { ...good, rows: ["5"] },
      { ...good, rows: "5,7" },
      { ...good, rows: { revoke: "5,7x!" } },
      { ...good, rows: { revoke: "5,0" } },
      { ...good, rows: { revoke: 5 } },
      null,
      [],
      "checkpoint",
    ])
      assert.equal(said(typed), undefined, JSON.stringify(typed));
    assert.equal(claimsOf("{not json"), undefined);
    assert.equal(claimsOf(""), undefined);
    // A step is at most six base-36 digits and nothing after them.
    assert.deepEqual(decodeRows("zzzzzz"), [36 ** 6 - 1]);
    assert.equal(decodeRows("zzzzzzz"), undefined);
    assert.equal(decodeRows("5a-"), undefined);
    assert.equal(decodeRows("5,"), undefined);
  });

  it("takes a spacing of two rows or more, and stands first at the row the spacing names", () => {
    for (const bad of [1, 0, -5, 2.5, Number.NaN]) assert.throws(() => setCheckpointEvery(bad), /spacing/);
    setCheckpointEvery(4);
    assert.deepEqual(
      [0, 1, 3, 4, 5, 8, 12].map((r) => lastPlace(r + 1)),
      [undefined, undefined, undefined, 4, 4, 8, 12],
    );
    assert.deepEqual(placesUpTo(12), [4, 8, 12]);
  });

  it("stands at every place a log reaches, through whichever writer, and says what the rows above it say", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 6 }),
        fc.array(
          fc.record({
            how: fc.constantFrom("append", "plan"),
            entries: fc.array(anEntry, { minLength: 1, maxLength: 9 }),
          }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        async (every, batches) => {
          setCheckpointEvery(every);
          let s = emptyBook();
          for (const batch of batches) {
            if (batch.how === "append") s = apply(s, await appendToLog(log(s), batch.entries));
            else {
              // A plan appends in several steps; it gets back the rows of its own entries.
              const ws = new Workspace(s);
              const half = Math.ceil(batch.entries.length / 2);
              for (const part of [batch.entries.slice(0, half), batch.entries.slice(half)]) {
                const rows = await ws.record(part);
                assert.deepEqual(
                  rows.map((r) => r.action),
                  part.map((e) => e.action),
                );
              }
              s = apply(s, ws.writes);
            }
          }
          const records = log(s).records;
          const written = batches.reduce((n, b) => n + b.entries.length, 0);
          const height = written + Math.floor(written / (every - 1)) + 2;
          assert.ok(records.length <= height);
          for (const r of records) {
            const row = r.row - 1;
            const place = row % every === 0;
            assert.equal(text(r.values.action) === CHECKPOINT, place, `row ${row}`);
            if (!place) continue;
            const claims = claimsOf(r.values.newValue)!;
            const truth = expected(s, row);
            assert.equal(claims.row, row);
            assert.equal(timeKey(text(r.values.time)), truth.latest);
            assert.deepEqual(claims.unfinished, truth.unfinished);
            assert.deepEqual(claims.rows, truth.rows);
          }
          assert.deepEqual(checkpointProblems(log(s)), []);
          assert.deepEqual(
            await verifyChain(records.map((r) => ({ row: r.row, entry: r.values as never }))),
            [],
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  async function bookWithCheckpoint(): Promise<Snapshot> {
    setCheckpointEvery(4);
    const s = apply(
      emptyBook(),
      await appendToLog(log(emptyBook()), [
        entry({ action: "revoke", newValue: "王五 dev1", time: "2026-11-24T10:05:00" }),
        entry({ action: "correct", op: "OP1", customerId: "C000001", time: "2026-11-24T10:06:00" }),
        entry({ action: "done", op: "OP1", time: "2026-11-24T10:07:00" }),
        entry({ action: "contact", time: "2026-11-24T10:08:00" }),
      ]),
    );
    assert.equal(text(log(s).records[3]!.values.action), CHECKPOINT);
    return s;
  }
  const typed = (s: Snapshot, row: number, key: string, value: Cell) => {
    const values = structuredClone(s.sheets["变更记录"]!.values);
    values[row]![log(s).at[key]!] = value;
    return { ...s, sheets: { 变更记录: { name: "变更记录", values } } };
  };
  const claimed = async (s: Snapshot) =>
    checkpointProblems(log(s)).map((p) => `${p.row}:${p.column}:${p.value}`);

  it("is named by Validate for each claim the rows above it no longer bear out", async () => {
    const s = await bookWithCheckpoint();
    assert.deepEqual(await claimed(s), []);
    // A later time typed above it: the log's clock there is not what it says.
    assert.deepEqual(await claimed(typed(s, 2, "time", "2026-11-24T11:00:00")), ["5:time:time"]);
    // The op's done typed away: the op is unfinished above it.
    assert.deepEqual(await claimed(typed(s, 3, "action", "contact")), ["5:newValue:unfinished"]);
    // The revocation typed into another action: the rows it lists are not the revocations.
    assert.deepEqual(await claimed(typed(s, 1, "action", "contact")), ["5:newValue:revoke"]);
    // A revocation typed in above it.
    assert.deepEqual(await claimed(typed(s, 2, "action", "revoke")), ["5:newValue:revoke"]);
    // Its claims typed over.
    assert.deepEqual(await claimed(typed(s, 4, "newValue", "{}")), ["5:newValue:claims"]);
  });

  it("is no one's base once it stands away from its place, and Validate leaves that to the chain", async () => {
    const s = await bookWithCheckpoint();
    const values = s.sheets["变更记录"]!.values.filter((_, r) => r !== 2);
    const moved: Snapshot = { ...s, sheets: { 变更记录: { name: "变更记录", values } } };
    assert.deepEqual(await claimed(moved), []);
    const chain = await verifyChain(
      log(moved).records.map((r) => ({ row: r.row, entry: r.values as never })),
    );
    assert.deepEqual(
      chain.map((p) => p.row),
      [3],
    );
  });

  it("is not written by a writer that did not read what it would claim", async () => {
    setCheckpointEvery(3);
    const whole = apply(emptyBook(), await appendToLog(log(emptyBook()), [entry({ action: "contact" })]));
    // Read in part without the op column, as an action that reads only the trust skeleton.
    const part: Snapshot = structuredClone(whole);
    part.sheets["变更记录"]!.partial = ["time"];
    const more = [entry({ action: "contact" }), entry({ action: "contact" }), entry({ action: "contact" })];
    const skipped = apply(part, await appendToLog(log(part), more));
    assert.deepEqual(
      log(skipped).records.map((r) => text(r.values.action)),
      ["contact", "contact", "contact", "contact"],
    );
    part.sheets["变更记录"]!.partial = ["time", "action", "op", "customerId"];
    const placed = apply(part, await appendToLog(log(part), more));
    assert.deepEqual(
      log(placed).records.map((r) => text(r.values.action)),
      ["contact", "contact", CHECKPOINT, "contact", "contact"],
    );
  });

  it("writes its rows compactly and reads back exactly what it wrote, and nothing else", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 1_048_575 }), { maxLength: 200 }), (rows) => {
        const sorted = [...rows].sort((a, b) => a - b);
        assert.deepEqual(decodeRows(encodeRows(sorted)), sorted);
      }),
    );
    for (const bad of ["0", "1,0", "-1", "A", "1,,2", " 1", 5, null])
      assert.equal(decodeRows(bad), undefined, String(bad));
    assert.deepEqual(decodeRows(""), []);
  });

  it("asks for the times above each row read from the checkpoint standing before it, or from the first row", () => {
    setCheckpointEvery(10);
    assert.deepEqual(timeSpans([5, 12, 25, 35, 41, 0], 40, new Set([10, 30])), [
      [1, 5],
      [10, 25],
      [30, 35],
    ]);
    assert.deepEqual(timeSpans([9, 10, 11], 40, new Set([10])), [[1, 11]]);
    assert.deepEqual(lastPlace(10), undefined);
    assert.deepEqual(lastPlace(11), 10);
    assert.deepEqual(lastPlace(31), 30);
    assert.deepEqual(placesUpTo(30), [10, 20, 30]);
  });

  it("stands a read on a checkpoint only when it claims its place, lists what the read picks by, and each list is Excel's count", () => {
    setCheckpointEvery(10);
    const cells = (claims: object, action = CHECKPOINT) => ({
      action,
      time: "2026-11-24T10:00",
      newValue: JSON.stringify(claims),
    });
    const rows = Object.fromEntries(INDEXED_ACTIONS.map((a) => [a, a === "revoke" ? "3,4" : ""]));
    const counts = Object.fromEntries(INDEXED_ACTIONS.map((a) => [a, a === "revoke" ? 2 : 0]));
    const claims = { v: 1, row: 20, unfinished: ["OP9"], rows };
    const base = baseOf(20, cells(claims), counts, ["time", "action", "op"], ["revoke"]);
    assert.deepEqual(base, {
      row: 20,
      time: "2026-11-24T10:00",
      unfinished: ["OP9"],
      rows: { ...Object.fromEntries(INDEXED_ACTIONS.map((a) => [a, []])), revoke: [3, 7] },
      columns: ["time", "action", "op"],
    });
    assert.equal(baseOf(20, cells(claims, "backup"), counts, [], []), undefined, "not a checkpoint");
    assert.equal(baseOf(30, cells(claims), counts, [], []), undefined, "away from its place");
    assert.equal(
      baseOf(20, cells(claims), { ...counts, revoke: 3 }, [], []),
      undefined,
      "a count that differs",
    );
    const unlisted = Object.fromEntries(Object.entries(rows).filter(([action]) => action !== "revoke"));
    assert.equal(
      baseOf(20, cells({ ...claims, rows: unlisted }), counts, [], ["revoke"]),
      undefined,
      "not listed",
    );
    assert.ok(
      baseOf(20, cells({ ...claims, rows: unlisted }), counts, [], ["enrol"]),
      "listed what the read picks by",
    );
    assert.equal(
      baseOf(20, cells({ ...claims, rows: { ...rows, revoke: "3,h" } }), counts, [], []),
      undefined,
      "a row at or below it",
    );
    assert.equal(
      listedRowsHold(base!, (r) => (r === 3 ? "revoke" : undefined)),
      true,
    );
    assert.equal(
      listedRowsHold(base!, (r) => (r === 7 ? "backup" : undefined)),
      false,
    );
  });
});
