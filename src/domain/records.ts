/**
 * Rows as records: a sheet's values turned into objects keyed by column key (found by
 * header, in either language), and records turned back into rows in the sheet's own
 * column order, so writes land under the right headers wherever the user moved them.
 */
import { findSheet, headerIndex, headerLang, headerRepeat } from "./layout";
import type { Lang, SheetSchema } from "./schema/model";
import type { Cell, Snapshot } from "./workbook";
import { cellText } from "./validate/text";

export interface SheetRecord {
  /** Excel row number (the header is row 1). */
  row: number;
  values: Record<string, Cell>;
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
}

export function readSheet(schema: SheetSchema, snapshot: Snapshot): ReadSheet {
  const found = findSheet(schema, snapshot.sheetNames);
  const values = (found && snapshot.sheets[found.name]?.values) || [];
  const header = values[0] ?? [];
  const at = headerIndex(schema, header);
  const records: SheetRecord[] = [];
  const repeatsHeader = headerRepeat(header);
  for (let r = 1; r < values.length; r++) {
    const row = values[r]!;
    if (isBlankRow(row)) continue;
    // The header pasted again with a block of rows is no record (Validate reports it).
    if (repeatsHeader(row)) continue;
    const record: Record<string, Cell> = {};
    for (const column of schema.columns) {
      const i = at[column.key];
      record[column.key] = i === undefined ? "" : (row[i] ?? "");
    }
    records.push({ row: r + 1, values: record });
  }
  return {
    schema,
    name: found?.name,
    lang: found ? (headerLang(schema, header) ?? found.lang) : undefined,
    at,
    width: Math.max(header.length, ...Object.values(at).map((i) => i + 1)),
    height: values.length,
    records,
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
