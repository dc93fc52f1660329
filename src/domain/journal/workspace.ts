/**
 * A plan's live picture of the sheets it changes. Each change is made to the picture and
 * turned into a write at the row where that row stands *at that moment* of the plan, so
 * writes can be issued in the order that keeps the workbook safe to interrupt (intent
 * logged first, destination written before the source is deleted, "done" last) without
 * anyone working out row shifts by hand.
 */
import { chainEntries, GENESIS, type ChangeEntry, type LoggedChange } from "../change-log";
import { findSheet } from "../layout";
import { readSheet, rowOf, text, type ReadSheet } from "../records";
import type { SheetSchema } from "../schema/model";
import { changeLog } from "../schema/sheets";
import type { Cell, Snapshot, Write } from "../workbook";
import { journalRow, type JournalRow } from "./journal";

export interface LiveRow {
  /** Excel row number now (the header is row 1); 0 once deleted. */
  row: number;
  values: Record<string, Cell>;
}

export class LiveSheet {
  readonly read: ReadSheet;
  rows: LiveRow[];
  height: number;

  constructor(read: ReadSheet) {
    this.read = read;
    this.rows = read.records.map((r) => ({ row: r.row, values: { ...r.values } }));
    this.height = read.height;
  }

  get name(): string | undefined {
    return this.read.name;
  }

  /** Rows whose `key` column holds `value` (as text). */
  where(key: string, value: string): LiveRow[] {
    return this.rows.filter((r) => text(r.values[key]) === value);
  }

  /** The sheet as the domain's readers take it, after the plan's changes so far. */
  view(): ReadSheet {
    return { ...this.read, height: this.height, records: this.rows.map((r) => ({ ...r })) };
  }
}

export class Workspace {
  readonly writes: Write[] = [];
  private readonly sheets = new Map<string, LiveSheet>();
  private lastHash: string;
  readonly log: LiveSheet;
  /** Log rows this plan appended, as the journal reads them. */
  readonly appended: JournalRow[] = [];

  constructor(readonly snapshot: Snapshot) {
    this.log = this.sheet(changeLog);
    const last = this.log.rows[this.log.rows.length - 1];
    this.lastHash = last ? text(last.values.hash) : GENESIS;
  }

  /** The live picture of a product sheet, read from the snapshot the first time it is asked for. */
  sheet(schema: SheetSchema): LiveSheet {
    let live = this.sheets.get(schema.key);
    if (!live) {
      const found = findSheet(schema, this.snapshot.sheetNames);
      // A plan that changes a sheet it never read would write blind: a bug, never user input.
      if (found && !this.snapshot.sheets[found.name]) throw new Error(`${found.name} was not read`);
      live = new LiveSheet(readSheet(schema, this.snapshot));
      this.sheets.set(schema.key, live);
    }
    return live;
  }

  /** Appends rows at the end of a sheet, in one write. */
  append(sheet: LiveSheet, rows: Record<string, Cell>[]): LiveRow[] {
    if (!sheet.name || rows.length === 0) return [];
    const start = Math.max(1, sheet.height);
    this.writes.push({
      kind: "values",
      sheet: sheet.name,
      row: start,
      col: 0,
      values: rows.map((values) => rowOf(sheet.read, values)),
    });
    const added = rows.map((values, i) => ({ row: start + i + 1, values: { ...values } }));
    sheet.rows.push(...added);
    sheet.height = start + rows.length;
    return added;
  }

  /** Writes one cell of a row, where the row stands now. */
  set(sheet: LiveSheet, row: LiveRow, key: string, value: Cell): void {
    const col = sheet.read.at[key];
    if (!sheet.name || col === undefined || row.row === 0) return;
    this.writes.push({ kind: "values", sheet: sheet.name, row: row.row - 1, col, values: [[value]] });
    row.values[key] = value;
  }

  /** Deletes a row; the rows below move up, in the picture as in Excel. */
  delete(sheet: LiveSheet, row: LiveRow): void {
    if (!sheet.name || row.row === 0) return;
    const at = row.row;
    this.writes.push({ kind: "deleteRows", sheet: sheet.name, row: at - 1, count: 1 });
    sheet.rows = sheet.rows.filter((r) => r !== row);
    for (const r of sheet.rows) if (r.row > at) r.row--;
    sheet.height--;
    row.row = 0;
  }

  /** Appends entries to the Change log, chained to what the plan has written so far, in one write. */
  async record(entries: ChangeEntry[]): Promise<JournalRow[]> {
    if (!this.log.name || entries.length === 0) return [];
    const chained = await chainEntries(this.lastHash, entries);
    this.lastHash = chained[chained.length - 1]!.hash;
    const added = this.append(this.log, chained as unknown as Record<string, Cell>[]);
    const rows = added.map((r) => journalRow(r.row, r.values));
    this.appended.push(...rows);
    return rows;
  }

  /** Rewrites a log row in place (a destruction blanking a customer's words); the hash stays. */
  rewriteLogRow(row: LiveRow, entry: LoggedChange): void {
    for (const key of ["salt", "oldValue", "newValue"] as const)
      if (text(row.values[key]) !== entry[key]) this.set(this.log, row, key, entry[key]);
  }

  raw(...writes: Write[]): void {
    this.writes.push(...writes);
  }
}
