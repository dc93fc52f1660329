/**
 * Entries lost to a co-author's write: what a pane finds lost, what it writes back, and
 * which chain breaks a later `rechain` entry explains (issue 14; src/domain/log-repair.ts).
 */
import assert from "node:assert/strict";
import { GENESIS, verifyChain, type ChangeEntry, type LoggedChange } from "../../src/domain/change-log";
import { logWriteOf, logWriteSpan, lostEntries, planRelog, type LogWrite } from "../../src/domain/log-repair";
import { appendToLog } from "../../src/domain/log-writes";

import { changeLog } from "../../src/domain/schema/sheets";
import { journalRow } from "../../src/domain/journal/journal";
import type { Cell, Snapshot } from "../../src/domain/workbook";
import { cellsOf, entry, header, log, snapshotOf } from "./support/log-rows";

const at = entry;
const problemsOf = (snapshot: Snapshot) =>
  verifyChain(
    log(snapshot).records.map((r) => ({ row: r.row, entry: journalRow(r.row, r.values) as LoggedChange })),
  );
const HASH = header.indexOf("校验值");
/** The written rows as they read now, from the first of them (what the pane reads back). */
const readBack = (now: Snapshot, written: LogWrite) =>
  now.sheets["变更记录"]!.values.slice(logWriteSpan(written).row);
const ACTION = header.indexOf("操作");

/**
 * Two panes append at the same height: `mine` first, then `theirs` over it (last writer
 * wins), as the workbook then reads; and what my pane kept of its write.
 */
async function overwritten(mine: ChangeEntry[], theirs: ChangeEntry[]) {
  const start = await cellsOf(GENESIS, [at(1, "陈会计", "correct")]);
  const before = snapshotOf(start);
  const head = String(start[0]![HASH]);
  const [myWrite] = await appendToLog(log(before), mine);
  const [theirWrite] = await appendToLog(log(before), theirs);
  const rows = [...start];
  for (const w of [myWrite, theirWrite])
    if (w?.kind === "values") w.values.forEach((line, r) => (rows[w.row - 1 + r] = line));
  const written = logWriteOf(before, [myWrite!])!;
  return { now: snapshotOf(rows), written, head };
}

describe("entries lost to a co-author's write, and written back", () => {
  it("finds what the pane wrote by its rows: in place, lost, and where the chain now breaks", async () => {
    const { now, written } = await overwritten([at(2), at(3), at(4)], [at(5, "陈会计", "correct")]);
    const lost = lostEntries(written, readBack(now, written));
    assert.deepEqual(
      lost.lost.map((e) => e.row),
      [2],
      "the first row of mine lies under theirs",
    );
    assert.deepEqual(lost.breaks, [String(written.entries[1]!.values[HASH])], "my second row hangs from it");
    assert.deepEqual(
      lostEntries(
        written,
        written.entries.map((e) => e.values),
      ),
      { lost: [], breaks: [] },
    );
  });

  it("the chain break stays reported until a later sealed-kind rechain of the same person names it", async () => {
    const { now, written } = await overwritten([at(2), at(3)], [at(5, "陈会计", "correct")]);
    const brokenAt = String(written.entries[1]!.values[HASH]);
    assert.deepEqual(
      (await problemsOf(now)).map((p) => [p.rule, p.value]),
      [["log.chainBroken", brokenAt]],
    );
    const lost = lostEntries(written, readBack(now, written));
    const relog = await planRelog(now, written, lost, "王主管", { date: "2026-11-24", time: "11:00" });
    assert.equal(relog.relogged, 1);
    const [w] = relog.writes;
    assert.ok(w?.kind === "values");
    assert.deepEqual(
      w.values.map((r) => r[ACTION]),
      ["terminate", "rechain"],
    );
    const repaired = snapshotOf([...now.sheets["变更记录"]!.values.slice(1), ...w.values]);
    assert.deepEqual(await problemsOf(repaired), [], "excused by the rechain after it");

    // The same entry naming the break, but by someone else, or before the break: no excuse.
    for (const change of [
      (rows: Cell[][]) => rows[rows.length - 1]!.splice(header.indexOf("操作人"), 1, "陈会计"),
      (rows: Cell[][]) => rows.splice(1, 0, rows.pop()!),
    ]) {
      const rows = structuredClone(repaired.sheets["变更记录"]!.values.slice(1));
      change(rows);
      const rules = (await problemsOf(snapshotOf(rows))).map((p) => [p.rule, p.value]);
      assert.ok(
        rules.some(([rule, value]) => rule === "log.chainBroken" && value === brokenAt),
        JSON.stringify(rules),
      );
    }
  });

  it("nothing lost writes nothing; a loss without a break ends with relog; a second repair adds nothing", async () => {
    const { now, written } = await overwritten([at(2)], [at(5, "陈会计", "correct")]);
    const span = now.sheets["变更记录"]!.values.slice(1);
    assert.deepEqual(
      await planRelog(now, written, { lost: [], breaks: [] }, "王主管", {
        date: "2026-11-24",
        time: "11:00",
      }),
      {
        relogged: 0,
        writes: [],
      },
    );
    const lost = lostEntries(written, readBack(now, written));
    const relog = await planRelog(now, written, lost, "王主管", { date: "2026-11-24", time: "11:00" });
    const [w] = relog.writes;
    assert.ok(w?.kind === "values");
    assert.deepEqual(
      w.values.map((r) => r[ACTION]),
      ["terminate", "relog"],
    );
    const after = snapshotOf([...span, ...w.values]);
    const again = await planRelog(after, written, lost, "王主管", { date: "2026-11-24", time: "11:05" });
    assert.deepEqual(again, { relogged: 0, writes: [] });
    // What was written back is the lost entry as it was: same time, person, act and customer.
    const back = log(after).records.at(-2)!.values;
    for (const key of ["time", "person", "action", "customerId", "field", "oldValue", "newValue", "reason"])
      assert.equal(
        String(back[key]),
        String(
          written.entries[0]!.values[header.indexOf(changeLog.columns.find((c) => c.key === key)!.header.zh)],
        ),
        key,
      );
  });

  it("logWriteOf keeps only what the writes append to the Change log", async () => {
    const before = snapshotOf(await cellsOf(GENESIS, [at(1)]));
    const [append] = await appendToLog(log(before), [at(2)]);
    const written = logWriteOf(before, [
      { kind: "values", sheet: "变更记录", row: 1, col: 0, values: [["edited"]] },
      { kind: "values", sheet: "客户原簿", row: 5, col: 0, values: [["x"]] },
      append!,
    ]);
    assert.deepEqual(
      written?.entries.map((e) => e.row),
      [2],
    );
    assert.equal(
      logWriteOf(before, [{ kind: "values", sheet: "客户原簿", row: 5, col: 0, values: [["x"]] }]),
      undefined,
    );
  });
});
