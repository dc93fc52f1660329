import { chainEntries, GENESIS, type ChangeEntry } from "./change-log";
import { rowOf, text, type ReadSheet } from "./records";
import type { Write } from "./workbook";

/** The write that appends entries to the Change log, each hash chained to the one before. */
export async function appendToLog(log: ReadSheet, entries: ChangeEntry[]): Promise<Write[]> {
  if (!log.name || entries.length === 0) return [];
  const last = log.records.length ? text(log.records[log.records.length - 1]!.values.hash) : GENESIS;
  const rows = (await chainEntries(last, entries)).map((e) => rowOf(log, { ...e }));
  return [{ kind: "values", sheet: log.name, row: Math.max(1, log.height), col: 0, values: rows }];
}
