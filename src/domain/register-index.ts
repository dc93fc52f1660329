/**
 * The Register's duplicate index (validate/duplicates.ts `dupIndex`) made true for rows the
 * add-in did not write: a register kept by hand when it is adopted, one set up before the
 * index existed, rows typed in since. What filing relies on it for is in decisions.md
 * ("Filing searches the Register's duplicate index").
 */
import { readSheet, text, type ReadSheet } from "./records";
import { register } from "./schema/sheets";
import { DUP_INDEX, dupIndex } from "./validate/duplicates";
import type { Snapshot, Write } from "./workbook";

/** Each Register row whose index cell is not what its credit code, name and phone give. */
export function staleIndexes(snapshot: Snapshot): { row: number; index: string; was: string }[] {
  return staleOf(readSheet(register, snapshot));
}

function staleOf(sheet: ReadSheet): { row: number; index: string; was: string }[] {
  if (!sheet.name || sheet.at[DUP_INDEX] === undefined) return [];
  const stale: { row: number; index: string; was: string }[] = [];
  for (const { row, values } of sheet.records) {
    const index = dupIndex(text(values.uscc), text(values.name), text(values.phone));
    const was = text(values[DUP_INDEX]);
    if (was !== index) stale.push({ row, index, was });
  }
  return stale;
}

/** The writes that make every stale index true: one block per run of neighbouring rows. */
export function indexWrites(snapshot: Snapshot): Write[] {
  const sheet = readSheet(register, snapshot);
  const col = sheet.at[DUP_INDEX];
  const writes: Write[] = [];
  let run: (Write & { kind: "values" }) | undefined;
  for (const { row, index } of staleOf(sheet)) {
    if (run && run.row + run.values.length === row - 1) run.values.push([index]);
    else
      writes.push((run = { kind: "values", sheet: sheet.name!, row: row - 1, col: col!, values: [[index]] }));
  }
  return writes;
}
