/**
 * The workbook as the domain sees it: plain data read in one batch (a snapshot) and plain
 * data to write in one batch (a plan). The Excel adapter turns one into the other; the
 * domain never sees Office.js.
 */

export type Cell = string | number | boolean;

/** What was read of one worksheet: its name and the values of its used range. */
export interface SheetRead {
  name: string;
  /** Values from A1 to the end of the used range (header row first); [] when empty. */
  values: Cell[][];
}

export interface Snapshot {
  /** Every worksheet name in the workbook, in tab order. */
  sheetNames: string[];
  /** The sheets that were asked for and exist, by name. */
  sheets: Record<string, SheetRead>;
  /** How far other sheets reach (rows and columns from A1), when only that was asked for. */
  sizes?: Record<string, { rows: number; cols: number }>;
}

/** An Excel data-validation rule, in the shapes Office.js accepts. */
export type ValidationRule =
  | { list: { inCellDropDown: boolean; source: string } }
  | { date: { formula1: string; formula2?: string; operator: "Between" | "GreaterThanOrEqualTo" } }
  | {
      textLength: {
        formula1: number;
        formula2?: number;
        operator: "EqualTo" | "Between" | "LessThanOrEqualTo";
      };
    }
  | { decimal: { formula1: number; operator: "GreaterThanOrEqualTo" } }
  | { custom: { formula: string } };

export interface ValidationMessage {
  title: string;
  message: string;
}

/** One write. Rows and columns are 0-based indexes on the worksheet. */
export type Write =
  | { kind: "addSheet"; sheet: string; tabColor?: string }
  | { kind: "values"; sheet: string; row: number; col: number; values: Cell[][] }
  | { kind: "columnFormat"; sheet: string; col: number; numberFormat: string; width?: number }
  | { kind: "headerStyle"; sheet: string; row: number; col: number; count: number }
  | { kind: "freezeRows"; sheet: string; count: number }
  | {
      kind: "validation";
      sheet: string;
      col: number;
      rule: ValidationRule;
      error: ValidationMessage;
      prompt?: ValidationMessage;
    }
  | { kind: "activate"; sheet: string }
  /** Deletes whole rows (0-based), moving the rows below up. */
  | { kind: "deleteRows"; sheet: string; row: number; count: number }
  | { kind: "clear"; sheet: string; row: number; col: number; rows: number; cols: number }
  | { kind: "protect"; sheet: string }
  | { kind: "unprotect"; sheet: string };

export interface WritePlan {
  writes: Write[];
}

/** Excel column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return s;
}

/** A sheet name as it must stand in a formula: quoted, with quotes doubled. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Rows a data-validation rule or a column format covers: all of them below the header. */
export const LAST_ROW = 1_048_576;
