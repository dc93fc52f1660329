/**
 * Rows as records: a sheet's values turned into objects keyed by column key (found by
 * header, in either language), and records turned back into rows in the sheet's own
 * column order, so writes land under the right headers wherever the user moved them.
 */
import { findSheet, headerIndex, headerLang, headerRepeat } from "./layout";
import type { Lang, SheetSchema } from "./schema/model";
import type { Cell, CheckpointBase, Snapshot } from "./workbook";
import { cellText } from "./validate/text";
import { blankMaker } from "./compact";

export interface SheetRecord {
  /** Excel row number (the header is row 1). */
  row: number;
  values: Readonly<Record<string, Cell>>;
}

export interface ReadSheet {
  schema: SheetSchema;
  /** Name of the worksheet, when it exists. */
  name?: string;
  lang?: Lang;
  /** Column key → 0-based column index on the sheet. */
  at: Record<string, number>;
  /** Columns in use on the sheet (header width). */
  width: number;
  /** Rows in the used range, header included. */
  height: number;
  records: SheetRecord[];
  /**
   * When the sheet was read in part (partial-read.ts): the columns read for every row. Other
   * cells of a row are known only where the row was read whole. Unset: read whole.
   */
  partial?: readonly string[];
  /** The Change log read from a checkpoint down: that checkpoint (workbook.ts `CheckpointBase`). */
  base?: CheckpointBase;
}

/**
 * A sheet's records, made once per sheet as the adapter read it (`asRead`): a run reads the
 * Change log's records for its journal, its clock, its policies and its seal, and at 300,000
 * rows each making costs a second. Shared, so frozen: whoever wants to change one copies it
 * (journal/workspace.ts). A snapshot made by hand may be changed in place between two
 * reads (as a test types into a cell), so its records are made afresh every time.
 */
const byValues = new WeakMap<object, Map<string, unknown>>();

/** Says the snapshot's values are as Excel gave them and will not change: its records may be made once. */
export function asRead<T extends Snapshot>(snapshot: T): T {
  for (const sheet of Object.values(snapshot.sheets))
    if (sheet && !byValues.has(sheet.values)) byValues.set(sheet.values, new Map());
  return snapshot;
}

/** Whether these values were said to be as read and never to change (`asRead`). */
export function isAsRead(values: readonly Cell[][]): boolean {
  return byValues.has(values);
}

/**
 * What `compute` works out from one sheet of a snapshot, once per sheet as read (`asRead`)
 * — the journal's fold, asked for by the adapter and by the run — and afresh otherwise.
 * What it gives must not be changed by whoever asks.
 */
export function oncePerSheetRead<T>(
  schema: SheetSchema,
  snapshot: Snapshot,
  what: string,
  compute: () => T,
): T {
  const memo = memoOf(schema, snapshot, what);
  if (!memo) return compute();
  if (!memo.made.has(memo.key)) memo.made.set(memo.key, compute());
  return memo.made.get(memo.key) as T;
}

/** Where what is worked out from a sheet as read is kept, and under which key; none for a snapshot made by hand. */
function memoOf(schema: SheetSchema, snapshot: Snapshot, what: string) {
  const found = findSheet(schema, snapshot.sheetNames);
  const values = found && snapshot.sheets[found.name]?.values;
  const made = values && byValues.get(values);
  return made && { made, key: `${what}\u0000${schema.key}\u0000${found.name}` };
}

/** How many times each sheet's records were made and kept for a sheet as read, by schema key (tests: made once, check-ahead.ts). */
export const recordsKept: Record<string, number> = {};

export function readSheet(schema: SheetSchema, snapshot: Snapshot): ReadSheet {
  const found = findSheet(schema, snapshot.sheetNames);
  const values = (found && snapshot.sheets[found.name]?.values) || [];
  const memo = memoOf(schema, snapshot, "records");
  const read = found && snapshot.sheets[found.name];
  const part = read ? { partial: read.partial, base: read.base } : {};
  if (!memo) return recordsOf(schema, found, values, part);
  if (!memo.made.has(memo.key)) {
    memo.made.set(memo.key, freeze(recordsOf(schema, found, values, part, true)));
    recordsKept[schema.key] = (recordsKept[schema.key] ?? 0) + 1;
  }
  return memo.made.get(memo.key) as ReadSheet;
}

/**
 * The records of the sheet's rows `from` to `to` (indexes into its values, the header being
 * 0), as readSheet makes them — blank rows and a pasted header left out, the same Excel row
 * numbers — made afresh and never kept: for work done a block at a time on the pane's
 * thread (chain-beside.ts).
 */
export function recordsBetween(
  schema: SheetSchema,
  snapshot: Snapshot,
  from: number,
  to: number,
): SheetRecord[] {
  const found = findSheet(schema, snapshot.sheetNames);
  const values = (found && snapshot.sheets[found.name]?.values) || [];
  return recordsOf(schema, found, values, { first: from, end: to }).records;
}

function freeze(read: ReadSheet): ReadSheet {
  for (const r of read.records) {
    Object.freeze(r.values);
    Object.freeze(r);
  }
  Object.freeze(read.records);
  Object.freeze(read.at);
  return Object.freeze(read);
}

/**
 * Records made from rows as read (`asRead`), by the row array they were made from. A sheet
 * read again in part (snapshot-patch.ts) keeps the arrays of the rows that did not change,
 * so only the changed rows are made into records again — and what is worked out per record
 * (verification.ts) is kept with the record: the same record, the same row as before.
 */
const madeFrom = new WeakMap<readonly Cell[], Map<SheetSchema, WeakMap<readonly Cell[], SheetRecord>>>();

/**
 * The records made under this header row (the very array) by this schema, by row array: one
 * entry a row, where a note of header and schema beside each record was an object a row
 * more for the collector (issue 15).
 */
function madeUnder(header: readonly Cell[], schema: SheetSchema): WeakMap<readonly Cell[], SheetRecord> {
  let bySchema = madeFrom.get(header);
  if (!bySchema) madeFrom.set(header, (bySchema = new Map()));
  let rows = bySchema.get(schema);
  if (!rows) bySchema.set(schema, (rows = new WeakMap()));
  return rows;
}

function recordsOf(
  schema: SheetSchema,
  found: ReturnType<typeof findSheet>,
  values: readonly Cell[][],
  {
    partial,
    base,
    first = 1,
    end = values.length,
  }: { partial?: readonly string[]; base?: CheckpointBase; first?: number; end?: number } = {},
  /** The values are as read and never change (`asRead`): a row's record may be the one made before. */
  asRead = false,
): ReadSheet {
  const header = values[0] ?? [];
  const at = headerIndex(schema, header);
  const records: SheetRecord[] = [];
  const repeatsHeader = headerRepeat(header);
  const keys = schema.columns.map((c) => c.key);
  const from = keys.map((k) => at[k] ?? -1);
  const blank = blankMaker(keys);
  const before = asRead ? madeUnder(header, schema) : undefined;
  for (let r = Math.max(1, first), last = Math.min(end, values.length); r < last; r++) {
    const row = values[r]!;
    const made = before?.get(row);
    // Made from this very row, under this very header, standing where it stood.
    if (made && made.row === r + 1) {
      records.push(made);
      continue;
    }
    if (isBlankRow(row)) continue;
    // The header pasted again with a block of rows is no record (Validate reports it).
    if (repeatsHeader(row)) continue;
    const record = blank() as Record<string, Cell>;
    for (let c = 0; c < keys.length; c++) {
      const i = from[c]!;
      if (i >= 0) record[keys[c]!] = row[i] ?? "";
    }
    const fresh = { row: r + 1, values: record };
    records.push(fresh);
    before?.set(row, fresh);
  }
  return {
    schema,
    name: found?.name,
    lang: found ? (headerLang(schema, header) ?? found.lang) : undefined,
    at,
    width: Math.max(header.length, ...Object.values(at).map((i) => i + 1)),
    height: values.length,
    records,
    ...(partial && { partial }),
    ...(base && { base }),
  };
}

/**
 * Whether every cell of a row reads as blank text (`cellText(v).trim() === ""`), without
 * making that text: a number or a boolean is never blank.
 */
export function isBlankRow(row: readonly Cell[]): boolean {
  for (const v of row) {
    if (v === null || v === undefined || v === "") continue;
    if (typeof v !== "string" || v.trim() !== "") return false;
  }
  return true;
}

/** A record as a row of the sheet: each value under its header, blanks elsewhere. */
export function rowOf(sheet: ReadSheet, values: Record<string, Cell>): Cell[] {
  const row: Cell[] = new Array<Cell>(sheet.width).fill("");
  for (const [key, value] of Object.entries(values)) {
    const i = sheet.at[key];
    if (i !== undefined) row[i] = value;
  }
  return row;
}

export const text = (v: Cell | undefined) => cellText(v ?? "").trim();
