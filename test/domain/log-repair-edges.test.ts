/**
 * The edges of writing back lost Change log entries (src/domain/log-repair.ts), each one a
 * mutant of mutation testing's `log` part that the co-authoring tests (outside the mutation
 * test set) were the only ones to see: what a pane reads back, which rows count as lost,
 * where the chain breaks, and the cells of the repair entry.
 */
import assert from "node:assert/strict";
import {
  GENESIS,
  RECHAIN,
  RELOG,
  verifyChain,
  type ChangeEntry,
  type LoggedChange,
} from "../../src/domain/change-log";
import { journalRow } from "../../src/domain/journal/journal";
import { logWriteOf, logWriteSpan, lostEntries, planRelog, type LogWrite } from "../../src/domain/log-repair";
import { appendToLog } from "../../src/domain/log-writes";
import { changeLog } from "../../src/domain/schema/sheets";
import type { Cell, Snapshot } from "../../src/domain/workbook";
import { cellsOf, entry, header, log, snapshotOf } from "./support/log-rows";

const col = (key: string) => changeLog.columns.findIndex((c) => c.key === key);
const HASH = col("hash");
const now = { date: "2026-11-24", time: "11:00" };

/** A pane's write of `count` entries, appended below one existing row. */
async function myWrite(count: number): Promise<{ before: Snapshot; written: LogWrite }> {
  const before = snapshotOf(await cellsOf(GENESIS, [entry(1, "陈会计", "correct")]));
  const writes = await appendToLog(
    log(before),
    Array.from({ length: count }, (_, i) => entry(i + 2)),
  );
  return { before, written: logWriteOf(before, writes)! };
}

describe("writing back lost Change log entries: the edges (issue 14)", () => {
  it("what a write appends: only whole rows from column A at or below the log's end", async () => {
    const { before, written } = await myWrite(2);
    const sealOnly = {
      kind: "values" as const,
      sheet: "变更记录",
      row: 2,
      col: col("signature"),
      values: [["x"]],
    };
    const again = logWriteOf(before, [
      sealOnly,
      { kind: "values", sheet: "变更记录", row: 2, col: 0, values: written.entries.map((e) => e.values) },
    ]);
    assert.deepEqual(
      again?.entries.map((e) => e.row),
      [2, 3],
      "a one-cell write beside the rows is no entry",
    );
    assert.equal(logWriteOf(snapshotOf([], []), [sealOnly]), undefined, "no header: nothing");
  });

  it("the span to read back covers every row written, as wide as the widest of header and rows", async () => {
    const { written } = await myWrite(3);
    assert.deepEqual(logWriteSpan(written), { row: 2, rows: 3, cols: header.length });
    const wide: LogWrite = {
      ...written,
      entries: [
        { row: 7, values: [...written.entries[0]!.values, "extra", "more"] },
        { row: 9, values: written.entries[1]!.values },
      ],
    };
    assert.deepEqual(logWriteSpan(wide), { row: 7, rows: 3, cols: header.length + 2 });
  });

  it("a log without a hash column loses nothing; a row read back shorter than the write is lost, not a crash", async () => {
    const { written } = await myWrite(3);
    const noHash: LogWrite = { ...written, header: header.filter((_, i) => i !== HASH) };
    assert.deepEqual(lostEntries(noHash, []), { lost: [], breaks: [] });
    const back = written.entries.map((e) => e.values);
    const short = lostEntries(written, back.slice(0, 1));
    assert.deepEqual(
      short.lost.map((e) => e.row),
      [3, 4],
    );
    assert.deepEqual(short.breaks, []);
  });

  it("an entry written without a hash, read back blank, is lost: a blank is no proof it is there", async () => {
    const { written } = await myWrite(1);
    const blank: LogWrite = {
      ...written,
      entries: [{ row: 2, values: written.entries[0]!.values.map((v, i) => (i === HASH ? "" : v)) }],
    };
    assert.deepEqual(
      lostEntries(blank, [header.map(() => "")]).lost.map((e) => e.row),
      [2],
    );
  });

  it("the chain breaks only where a kept entry's row follows a lost one directly", async () => {
    const { written } = await myWrite(2);
    const apart: LogWrite = {
      ...written,
      entries: [
        { row: 2, values: written.entries[0]!.values },
        { row: 5, values: written.entries[1]!.values },
      ],
    };
    const back: Cell[][] = [header.map(() => "theirs"), [], [], written.entries[1]!.values];
    const lost = lostEntries(apart, back);
    assert.deepEqual(
      lost.lost.map((e) => e.row),
      [2],
    );
    assert.deepEqual(lost.breaks, [], "row 5 does not follow row 2");
  });

  it("no Change log sheet: nothing is written back and nothing counted as written back", async () => {
    const { written } = await myWrite(1);
    const lost = lostEntries(written, [header.map(() => "theirs")]);
    assert.equal(lost.lost.length, 1);
    const none: Snapshot = { sheetNames: ["客户原簿"], sheets: {} };
    assert.deepEqual(await planRelog(none, written, lost, "王主管", now), { relogged: 0, writes: [] });
  });

  it("only relog and rechain entries count as a repair: a row merely mentioning the hash does not", async () => {
    const { before, written } = await myWrite(1);
    const theirs = await cellsOf(String(before.sheets["变更记录"]!.values[1]![HASH]), [
      entry(9, "陈会计", "correct"),
    ]);
    const lostHash = String(written.entries[0]!.values[HASH]);
    const mention = await cellsOf(String(theirs[0]![HASH]), [
      { ...entry(10, "陈会计", "contact"), newValue: lostHash },
    ]);
    const rows = [before.sheets["变更记录"]!.values[1]!, theirs[0]!, mention[0]!];
    const lost = lostEntries(written, [theirs[0]!]);
    const relog = await planRelog(snapshotOf(rows), written, lost, "王主管", now);
    assert.equal(relog.relogged, 1);
  });

  it("a log listed but not read gives an empty header; an entry kept shorter than the header reads blank beyond its end", async () => {
    const { before, written } = await myWrite(1);
    const unread: Snapshot = { sheetNames: ["变更记录"], sheets: {} };
    const [w0] = await appendToLog(log(before), [entry(2)]);
    assert.deepEqual(logWriteOf(unread, [w0!])?.header, []);
    const short = { row: 2, values: written.entries[0]!.values.slice(0, col("approval")) };
    const relog = await planRelog(before, written, { lost: [short], breaks: [] }, "王主管", now);
    const [w] = relog.writes;
    assert.ok(w?.kind === "values");
    assert.equal(w.values[0]![col("approval")], "");
    assert.equal(w.values[0]![col("customerId")], "C000002");
  });

  it("only a rechain excuses a break: another row of the same person naming the hash does not", async () => {
    const { before, written } = await myWrite(2);
    const [theirs] = await cellsOf(String(before.sheets["变更记录"]!.values[1]![HASH]), [
      entry(9, "陈会计", "correct"),
    ]);
    const kept = written.entries[1]!.values;
    const brokenAt = String(kept[HASH]);
    const problems = async (extra: ChangeEntry) => {
      const [row] = await cellsOf(brokenAt, [extra]);
      const s = snapshotOf([before.sheets["变更记录"]!.values[1]!, theirs!, kept, row!]);
      return (
        await verifyChain(
          log(s).records.map((r) => ({ row: r.row, entry: journalRow(r.row, r.values) as LoggedChange })),
        )
      ).map((p) => [p.rule, p.value]);
    };
    const naming = { ...entry(10), customerId: "", field: "", oldValue: `${brokenAt} `, newValue: "x" };
    assert.deepEqual(await problems({ ...naming, action: "correct" }), [["log.chainBroken", brokenAt]]);
    assert.deepEqual(await problems({ ...naming, action: RECHAIN }), []);
    // A rechain row typed in with its own hash in its old value excuses nothing, itself least.
    const [forged] = await cellsOf(brokenAt, [{ ...naming, action: RECHAIN, oldValue: "f0f0" }]);
    forged![HASH] = "f0f0";
    const s = snapshotOf([before.sheets["变更记录"]!.values[1]!, written.entries[0]!.values, kept, forged!]);
    const found = await verifyChain(
      log(s).records.map((r) => ({ row: r.row, entry: journalRow(r.row, r.values) as LoggedChange })),
    );
    assert.deepEqual(
      found.map((p) => [p.rule, p.row]),
      [["log.chainBroken", 5]],
    );
  });

  it("two lost entries and two breaks: each hash named, blank-separated", async () => {
    const { before, written } = await myWrite(4);
    const [theirs1, theirs2] = await cellsOf(String(before.sheets["变更记录"]!.values[1]![HASH]), [
      entry(8, "陈会计", "correct"),
      entry(9, "陈会计", "correct"),
    ]);
    const e = written.entries.map((x) => x.values);
    const back = [theirs1!, e[1]!, theirs2!, e[3]!];
    const lost = lostEntries(written, back);
    const hash = (i: number) => String(e[i]![HASH]);
    assert.deepEqual(lost.breaks, [hash(1), hash(3)]);
    const relog = await planRelog(
      snapshotOf([before.sheets["变更记录"]!.values[1]!, ...back]),
      written,
      lost,
      "王主管",
      now,
    );
    const [w] = relog.writes;
    assert.ok(w?.kind === "values");
    const repair = w.values.at(-1)!;
    assert.deepEqual(
      [repair[col("oldValue")], repair[col("newValue")], repair[col("reason")]],
      [`${hash(1)} ${hash(3)}`, `${hash(0)} ${hash(2)}`, "2"],
    );
  });

  it("the repair entry: who, when, the kind, the broken rows and the entries it replaces, and how many", async () => {
    const { before, written } = await myWrite(2);
    const theirs = await cellsOf(String(before.sheets["变更记录"]!.values[1]![HASH]), [
      entry(9, "陈会计", "correct"),
    ]);
    const back = [theirs[0]!, written.entries[1]!.values];
    const lost = lostEntries(written, back);
    const rows = [before.sheets["变更记录"]!.values[1]!, ...back];
    const relog = await planRelog(snapshotOf(rows), written, lost, "王主管", now);
    const [w] = relog.writes;
    assert.ok(w?.kind === "values");
    assert.equal(w.row, 4, "appended below the log's last row (0-based: header and three rows above)");
    const repair = w.values.at(-1)!;
    const cell = (key: string) => repair[col(key)];
    assert.deepEqual(
      ["time", "person", "action", "customerId", "field", "oldValue", "newValue", "reason"].map(cell),
      [
        "2026-11-24T11:00",
        "王主管",
        RECHAIN,
        "",
        "",
        String(written.entries[1]!.values[HASH]),
        String(written.entries[0]!.values[HASH]),
        "1",
      ],
    );
    // The entry written back is the lost one as it was, its digest too when it had no salt.
    const again = w.values[0]!;
    for (const key of ["time", "person", "action", "customerId", "reason"])
      assert.equal(again[col(key)], written.entries[0]!.values[col(key)], key);
    // A plain row (no customer: not salted) keeps the digest it stands for.
    const plainWrite = logWriteOf(
      before,
      await appendToLog(log(before), [{ ...entry(2), customerId: "", digest: "feedc0de" }]),
    )!;
    const plainLost = lostEntries(plainWrite, [theirs[0]!]);
    const plain = await planRelog(snapshotOf(rows), plainWrite, plainLost, "王主管", now);
    const [p] = plain.writes;
    assert.ok(p?.kind === "values");
    assert.equal(p.values[0]![col("digest")], "feedc0de");
    const whole = await planRelog(snapshotOf(rows), written, { lost: lost.lost, breaks: [] }, "王主管", now);
    const [r] = whole.writes;
    assert.ok(r?.kind === "values");
    assert.deepEqual([r.values.at(-1)![col("action")], r.values.at(-1)![col("oldValue")]], [RELOG, ""]);
  });
});
