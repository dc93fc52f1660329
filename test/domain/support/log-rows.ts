/** A Change log built in memory for the log-repair tests: entries, chained rows, a snapshot holding them. */
import { chainEntries, type ChangeEntry } from "../../../src/domain/change-log";
import { readSheet, rowOf } from "../../../src/domain/records";
import { changeLog } from "../../../src/domain/schema/sheets";
import type { Cell, Snapshot } from "../../../src/domain/workbook";

export const header = changeLog.columns.map((c) => c.header.zh);

/** The i-th entry: a termination of customer i by `person` (or another act), one second apart. */
export const entry = (i: number, person = "王主管", action = "terminate"): ChangeEntry => ({
  time: `2026-11-24T10:00:${String(i).padStart(2, "0")}`,
  person,
  action,
  customerId: `C${String(i).padStart(6, "0")}`,
  field: "place",
  oldValue: "register",
  newValue: "past",
  reason: "关系解除",
});

/** A workbook holding only the Change log: its header and these rows (or exactly `values`). */
export const snapshotOf = (rows: Cell[][], values = [header, ...rows]): Snapshot => ({
  sheetNames: ["变更记录"],
  sheets: { 变更记录: { name: "变更记录", values } },
});

export const log = (snapshot: Snapshot) => readSheet(changeLog, snapshot);

/** The entries chained after the hash `last`, as the log's rows. */
export const cellsOf = async (last: string, entries: ChangeEntry[]) =>
  (await chainEntries(last, entries)).map((e) => rowOf(log(snapshotOf([])), { ...e }));

/** One row of 变更记录 with these cells by column key, the rest blank. */
export function logRow(cells: Record<string, string>): string[] {
  const row: string[] = header.map(() => "");
  for (const [key, value] of Object.entries(cells))
    row[changeLog.columns.findIndex((c) => c.key === key)] = value;
  return row;
}

/** A workbook of 变更记录 holding rows written by hand, and any other sheets given by name. */
export function logBook(rows: Record<string, string>[], sheets: Record<string, unknown[][]> = {}): Snapshot {
  const book = snapshotOf(rows.map(logRow));
  for (const [name, values] of Object.entries(sheets)) {
    book.sheetNames.push(name);
    book.sheets[name] = { name, values: values as Cell[][] };
  }
  return book;
}
