/**
 * A plan's live picture of the sheets it changes. Each change is made to the picture and
 * turned into a write at the row where that row stands *at that moment* of the plan, so
 * writes can be issued in the order that keeps the workbook safe to interrupt (intent
 * logged first, destination written before the source is deleted, "done" last) without
 * anyone working out row shifts by hand.
 */
import { CheckpointPlacer } from "./checkpoints";
import { chainEntries, GENESIS, type ChangeEntry, type LoggedChange } from "../change-log";
import { findSheet } from "../layout";
import { readSheet, rowOf, text, type ReadSheet } from "../records";
import type { SheetSchema } from "../schema/model";
import { changeLog } from "../schema/sheets";
import type { Cell, Snapshot, Write } from "../workbook";
import { journalRow, type JournalRow } from "./journal";
import { DUP_INDEX, dupIndex } from "../validate/duplicates";

export interface LiveRow {
  /** Excel row number now (the header is row 1); 0 once deleted. */
  row: number;
  values: Record<string, Cell>;
}

export class LiveSheet {
  readonly read: ReadSheet;
  rows: LiveRow[];
  height: number;
  /** Per column asked for by `where`: the rows by their text in it, in sheet order (no scan per lookup). */
  private readonly indexes = new Map<string, Map<string, LiveRow[]>>();

  constructor(read: ReadSheet) {
    this.read = read;
    // The records' values are shared, never changed in place: a write gives its row new
    // values (Workspace.set). The Change log has hundreds of thousands of rows to not copy.
    this.rows = read.records.map((r) => ({ row: r.row, values: r.values }));
    this.height = read.height;
  }

  get name(): string | undefined {
    return this.read.name;
  }

  /** Rows whose `key` column holds `value` (as text), in sheet order. */
  where(key: string, value: string): LiveRow[] {
    return [...(this.index(key).get(value) ?? [])];
  }

  private index(key: string): Map<string, LiveRow[]> {
    let index = this.indexes.get(key);
    if (!index) {
      index = new Map();
      for (const row of this.rows) file(index, text(row.values[key]), row);
      this.indexes.set(key, index);
    }
    return index;
  }

  /** Keeps the indexes true when rows are added at the end. */
  added(rows: LiveRow[]): void {
    for (const row of rows) this.rows.push(row);
    for (const [key, index] of this.indexes) for (const row of rows) file(index, text(row.values[key]), row);
  }

  /** Keeps the indexes true when a row's cell changes. */
  changed(row: LiveRow, key: string, before: Cell): void {
    const index = this.indexes.get(key);
    if (!index) return;
    unfile(index, text(before), row);
    file(index, text(row.values[key]), row);
  }

  /** Keeps the indexes true when a row is deleted. */
  removed(row: LiveRow): void {
    for (const [key, index] of this.indexes) unfile(index, text(row.values[key]), row);
  }

  /** The sheet as the domain's readers take it, after the plan's changes so far. */
  view(): ReadSheet {
    return { ...this.read, height: this.height, records: this.rows.map((r) => ({ ...r })) };
  }
}

/** Files a row under a value, keeping each list in sheet order (rows are filed in order but for an edit). */
function file(index: Map<string, LiveRow[]>, value: string, row: LiveRow): void {
  const list = index.get(value);
  if (!list) return void index.set(value, [row]);
  let at = list.length;
  while (at > 0 && list[at - 1]!.row > row.row) at--;
  list.splice(at, 0, row);
}

function unfile(index: Map<string, LiveRow[]>, value: string, row: LiveRow): void {
  const list = index.get(value);
  const at = list ? list.indexOf(row) : -1;
  if (at < 0) return;
  if (list!.length === 1) index.delete(value);
  else list!.splice(at, 1);
}

/** The cells a Register row's duplicate index is worked out from. */
const INDEXED_KEYS = new Set(["uscc", "name", "phone"]);

/** A row's values with its duplicate index as its cells give it. */
function indexed(values: Record<string, Cell>): Record<string, Cell> {
  return { ...values, [DUP_INDEX]: dupIndex(text(values.uscc), text(values.name), text(values.phone)) };
}

export class Workspace {
  readonly writes: Write[] = [];
  private readonly sheets = new Map<string, LiveSheet>();
  private lastHash: string;
  private placer: CheckpointPlacer | undefined;
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

  /** Appends rows at the end of a sheet, in one write (the Register's with their duplicate index). */
  append(sheet: LiveSheet, rows: Record<string, Cell>[]): LiveRow[] {
    if (!sheet.name || rows.length === 0) return [];
    if (sheet.read.at[DUP_INDEX] !== undefined) rows = rows.map(indexed);
    const start = Math.max(1, sheet.height);
    this.writes.push({
      kind: "values",
      sheet: sheet.name,
      row: start,
      col: 0,
      values: rows.map((values) => rowOf(sheet.read, values)),
    });
    const added = rows.map((values, i) => ({ row: start + i + 1, values: { ...values } }));
    sheet.added(added);
    sheet.height = start + rows.length;
    return added;
  }

  /**
   * Writes one cell of a row, where the row stands now. A Register key the duplicate check
   * compares brings the row's index with it, written first: a cut between the two leaves the
   * index ahead of the cell, which finishing the change makes true (journal/finish.ts),
   * never an index that misses what the cell says.
   */
  set(sheet: LiveSheet, row: LiveRow, key: string, value: Cell): void {
    const col = sheet.read.at[key];
    if (!sheet.name || col === undefined || row.row === 0) return;
    const at = sheet.read.at[DUP_INDEX];
    if (at !== undefined && INDEXED_KEYS.has(key)) {
      const index = indexed({ ...row.values, [key]: value })[DUP_INDEX]!;
      if (text(row.values[DUP_INDEX]) !== index) this.set(sheet, row, DUP_INDEX, index);
    }
    this.writes.push({ kind: "values", sheet: sheet.name, row: row.row - 1, col, values: [[value]] });
    const before = row.values[key];
    row.values = { ...row.values, [key]: value };
    sheet.changed(row, key, before);
  }

  /** Deletes a row; the rows below move up, in the picture as in Excel. */
  delete(sheet: LiveSheet, row: LiveRow): void {
    if (!sheet.name || row.row === 0) return;
    const at = row.row;
    this.writes.push({ kind: "deleteRows", sheet: sheet.name, row: at - 1, count: 1 });
    sheet.removed(row);
    sheet.rows = sheet.rows.filter((r) => r !== row);
    for (const r of sheet.rows) if (r.row > at) r.row--;
    sheet.height--;
    row.row = 0;
  }

  /** Appends entries to the Change log, chained to what the plan has written so far, in one write. */
  async record(entries: ChangeEntry[]): Promise<JournalRow[]> {
    if (!this.log.name || entries.length === 0) return [];
    // A checkpoint where one falls due among them (checkpoints.ts); the caller gets its own rows.
    this.placer ??= new CheckpointPlacer(this.log.read, Math.max(1, this.log.height));
    const placed = this.placer.place(entries);
    const chained = await chainEntries(this.lastHash, placed.entries);
    this.lastHash = chained[chained.length - 1]!.hash;
    const added = this.append(this.log, chained as unknown as Record<string, Cell>[]);
    const rows = added.map((r) => journalRow(r.row, r.values));
    for (const row of rows) this.appended.push(row);
    return rows.filter((_, i) => !placed.checkpoint[i]);
  }

  /** Rewrites a log row in place (a destruction blanking a customer's words); the hash stays. */
  rewriteLogRow(row: LiveRow, entry: LoggedChange): void {
    for (const key of ["salt", "oldValue", "newValue"] as const)
      if (text(row.values[key]) !== entry[key]) this.set(this.log, row, key, entry[key]);
  }

  raw(...writes: Write[]): void {
    for (const write of writes) this.writes.push(write);
  }
}
