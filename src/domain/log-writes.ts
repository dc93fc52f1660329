import { chainEntries, GENESIS, type ChangeEntry } from "./change-log";
import { CheckpointPlacer } from "./journal/checkpoints";
import { rowOf, text, type ReadSheet } from "./records";
import type { Write } from "./workbook";

/**
 * The write that appends entries to the Change log, each hash chained to the one before,
 * with a checkpoint wherever one falls due among them (journal/checkpoints.ts).
 */
export async function appendToLog(log: ReadSheet, entries: ChangeEntry[]): Promise<Write[]> {
  if (!log.name || entries.length === 0) return [];
  const last = log.records.length ? text(log.records[log.records.length - 1]!.values.hash) : GENESIS;
  const start = Math.max(1, log.height);
  const placed = new CheckpointPlacer(log, start).place(entries).entries;
  const rows = (await chainEntries(last, placed)).map((e) => rowOf(log, { ...e }));
  return [{ kind: "values", sheet: log.name, row: start, col: 0, values: rows }];
}
