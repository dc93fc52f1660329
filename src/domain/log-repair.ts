/**
 * Change log entries lost to someone else's write (issue 14). The write lease keeps two
 * panes from appending at once while Excel's propagation delay stays under the settle time;
 * when it does not (a slow network, a laptop waking up), two panes append to the same rows
 * and the last writer's cells win. Excel keeps no trace, and when the winner wrote as many
 * rows as the loser, the chain still verifies: the loss is invisible. When the loser wrote
 * more, its surviving rows hang from a predecessor that is gone: the chain breaks there
 * (a fork: two entries chained to one predecessor, one of them lost).
 *
 * The one place that knows what was lost is the pane that wrote it. So each pane keeps what
 * it appended (`LogWrite`), looks again once the settle time has passed (`lostEntries`), and
 * writes the lost entries again at the end of the log (`planRelog`), closed by a `relog`
 * entry — or, when some of its surviving rows now hang from a lost predecessor, a `rechain`
 * entry naming them. Validate excuses a chain break at a row of the same person whose hash
 * a later `rechain` entry names; `rechain` is a keyed act (log-signing.ts), so one typed in
 * or unsealed is reported, not trusted.
 */
import { extent } from "./arrays";
import { RECHAIN, RELOG, type ChangeEntry } from "./change-log";
import { CHECKPOINT } from "./journal/checkpoints";
import { journalRow } from "./journal/journal";
import { appendToLog } from "./log-writes";
import { headerIndex } from "./layout";
import { readSheet, text } from "./records";
import { changeLog } from "./schema/sheets";
import type { Cell, Snapshot, Write } from "./workbook";

/** Rows a pane appended to the Change log: where, and what (with the header they were written under). */
export interface LogWrite {
  sheet: string;
  header: Cell[];
  /** 0-based sheet rows and their cells, in the order written. */
  entries: { row: number; values: Cell[] }[];
}

/** What the writes append to the Change log (rows at or below its height), if anything. */
export function logWriteOf(snapshot: Snapshot, writes: Write[]): LogWrite | undefined {
  const log = readSheet(changeLog, snapshot);
  if (!log.name) return undefined;
  const header = snapshot.sheets[log.name]?.values[0] ?? [];
  const entries: LogWrite["entries"] = [];
  for (const w of writes)
    if (w.kind === "values" && w.sheet === log.name && w.col === 0 && w.row >= Math.max(1, log.height))
      w.values.forEach((values, r) => entries.push({ row: w.row + r, values }));
  return entries.length ? { sheet: log.name, header, entries } : undefined;
}

/** The rows of a LogWrite to read back: first and count. */
export function logWriteSpan(written: LogWrite): { row: number; rows: number; cols: number } {
  const rows = extent(written.entries.map((e) => e.row));
  return {
    row: rows.min,
    rows: rows.max - rows.min + 1,
    cols: extent([written.header.length, ...written.entries.map((e) => e.values.length)]).max,
  };
}

export interface Lost {
  /** The entries no longer on their rows, as written. */
  lost: LogWrite["entries"];
  /** Hashes of the entries still in place whose predecessor was lost: where the chain now breaks. */
  breaks: string[];
}

/**
 * Which of the pane's entries someone else's rows replaced, from the rows as they read now
 * (`now[i]` is sheet row `span.row + i`). An entry is in place when its row still holds its
 * hash.
 */
export function lostEntries(written: LogWrite, now: Cell[][]): Lost {
  const hashAt = headerIndex(changeLog, written.header).hash;
  if (hashAt === undefined) return { lost: [], breaks: [] };
  const first = logWriteSpan(written).row;
  const inPlace = written.entries.map(
    (e) =>
      text(now[e.row - first]?.[hashAt]) !== "" &&
      text(now[e.row - first]?.[hashAt]) === text(e.values[hashAt]),
  );
  const lost = written.entries.filter((_, i) => !inPlace[i]);
  const breaks = written.entries
    .filter((e, i) => inPlace[i] && i > 0 && !inPlace[i - 1] && written.entries[i - 1]!.row === e.row - 1)
    .map((e) => text(e.values[hashAt]));
  return { lost, breaks };
}

/**
 * The lost entries appended again at the end of the log, as they were (time, person, act),
 * and a `relog` (or `rechain`) entry by the person repairing: the hashes of the rows that
 * now break the chain (old value) and of the entries it replaces (new value). Entries that are already
 * back in the log (an earlier repair) are not written twice.
 */
export async function planRelog(
  snapshot: Snapshot,
  written: LogWrite,
  lost: Lost,
  person: string,
  now: { date: string; time: string },
): Promise<{ relogged: number; writes: Write[] }> {
  const log = readSheet(changeLog, snapshot);
  if (!log.name || lost.lost.length === 0) return { relogged: 0, writes: [] };
  const at = headerIndex(changeLog, written.header);
  const valuesOf = (cells: Cell[]) =>
    Object.fromEntries(Object.entries(at).map(([key, i]) => [key, cells[i] ?? ""]));
  const lostHashes = lost.lost.map((e) => text(valuesOf(e.values).hash));
  const repaired = new Set(
    log.records
      .filter((r) => [RELOG, RECHAIN].includes(text(r.values.action)))
      .flatMap((r) => text(r.values.newValue).split(/\s+/)),
  );
  // A checkpoint written again would stand away from its place, a base for nobody: it is not.
  const todo = lost.lost.filter(
    (e, i) => !repaired.has(lostHashes[i]!) && text(valuesOf(e.values).action) !== CHECKPOINT,
  );
  if (todo.length === 0) return { relogged: 0, writes: [] };
  const entries: ChangeEntry[] = todo.map((e) => {
    const row = journalRow(e.row + 1, valuesOf(e.values));
    return {
      time: row.time,
      person: row.person,
      action: row.action,
      customerId: row.customerId,
      field: row.field,
      oldValue: row.oldValue,
      newValue: row.newValue,
      reason: row.reason,
      op: row.op,
      requestNo: row.requestNo,
      approval: row.approval,
      ...(row.salt ? {} : { digest: row.digest }),
    };
  });
  entries.push({
    time: `${now.date}T${now.time}`,
    person,
    action: lost.breaks.length ? RECHAIN : RELOG,
    customerId: "",
    field: "",
    oldValue: lost.breaks.join(" "),
    newValue: todo.map((e) => text(valuesOf(e.values).hash)).join(" "),
    reason: `${todo.length}`,
  });
  return { relogged: todo.length, writes: await appendToLog(log, entries) };
}
