/**
 * The workbook as the domain sees it: plain data read in one batch (a snapshot) and plain
 * data to write in one batch (a plan). The Excel adapter turns one into the other; the
 * domain never sees Office.js.
 */

import { pageOf, PRINT_DATE, type PageText } from "./page-text";

export type Cell = string | number | boolean;

/** What was read of one worksheet: its name and the values of its used range. */
export interface SheetRead {
  name: string;
  /** Values from A1 to the end of the used range (header row first); [] when empty. */
  values: Cell[][];
  /**
   * When the sheet was read in part (partial-read.ts `partialSnapshot`): the columns read for
   * every row; other cells are known only on rows read whole. Unset: read whole.
   */
  partial?: string[];
  /**
   * When the Change log was read from its last checkpoint down (journal/checkpoints.ts): that
   * checkpoint, which stands for every row above it, and the columns read from it down.
   */
  base?: CheckpointBase;
  /**
   * Number formats, across the header, of the first row below it and of the last row a column
   * format covers (FORMATTED_ROWS): read by set-up only, to see which columns have theirs.
   */
  formats?: string[][];
}

export interface Snapshot {
  /** Every worksheet name in the workbook, in tab order. */
  sheetNames: string[];
  /** The sheets that were asked for and exist, by name. */
  sheets: Record<string, SheetRead>;
  /** How far other sheets reach (rows and columns from A1), when only that was asked for. */
  sizes?: Record<string, { rows: number; cols: number }>;
  /** How each sheet stands — shown or hidden, protected or not — when the read asked (kept-sheets.ts). */
  states?: Record<string, SheetState>;
  /**
   * Sheets the plan rewrites in part, when the action read what it needs rather than whole
   * sheets (department lists, list-pages.ts): each one's header row as read, and the rows
   * read at the plan's request (`MoreRows`), by 0-based row.
   */
  parts?: Record<string, { header: Cell[]; rows: Map<number, Cell[]> }>;
  /**
   * When the Change log stands on several sheets (log-segments.ts): where each one's rows are
   * among the log's, for saying where a row of the log is. Its rows are the log's own.
   */
  logSegments?: { sheet: string; from: number; count: number; height: number }[];
  /**
   * Sheets read for words a plan had Excel find (partial-read.ts `FindWords`): each holds,
   * of its rows, only those where one of `words` stands (any case, any part of a cell); the
   * rest are empty.
   */
  searched?: { sheets: readonly string[]; words: readonly string[] };
}

/** A Change log checkpoint a read stands on: what it says of the rows above it. */
export interface CheckpointBase {
  /** Its 0-based sheet row. */
  row: number;
  /** Its time: the latest on any row above it. */
  time: string;
  /** The ops unfinished above it. */
  unfinished: string[];
  /** By action, the 0-based rows above it of that action. */
  rows: Record<string, number[]>;
  /** The columns read for every row from it down. */
  columns: string[];
}

/** A worksheet's visibility and protection, as Excel reports them. */
export interface SheetState {
  visibility: "Visible" | "Hidden" | "VeryHidden";
  protected: boolean;
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

/**
 * The row a write is meant for, by identity: the cell in column `col` (0-based) below the
 * header that holds `value` (a customer ID, request, loan or record number). Where a write
 * carries a key, the adapter finds the row by it when the batch runs (`Range.find`), so a
 * row that someone else's deletion moved is still the right one and a row that is gone
 * is not written (see keyed.ts). `row` stays what the plan saw, for the in-memory effect.
 */
export interface RowKey {
  col: number;
  value: string;
}

/** One write. Rows and columns are 0-based indexes on the worksheet. */
export type Write =
  | { kind: "addSheet"; sheet: string; tabColor?: string }
  /** Removes a generated sheet (a destroyed customer's printed card). */
  | { kind: "deleteSheet"; sheet: string }
  | {
      kind: "values";
      sheet: string;
      row: number;
      col: number;
      values: Cell[][];
      key?: RowKey;
      /** The number format of each column of the block, set on the block before its values (cell-formats.ts); undefined leaves a column as it is. */
      formats?: (string | undefined)[];
    }
  /** A column's width and the number format of its first FORMATTED_ROWS rows (never the whole column: Excel refuses formats on unbounded ranges). */
  | { kind: "columnFormat"; sheet: string; col: number; numberFormat: string; width?: number }
  | { kind: "headerStyle"; sheet: string; row: number; col: number; count: number }
  /** Bold or not and a fill colour ("none" removes it) on a block: titles, sub-headings, overdue rows. */
  | {
      kind: "style";
      sheet: string;
      row: number;
      col: number;
      rows: number;
      cols: number;
      bold: boolean;
      fill: string | "none";
      size?: number;
    }
  /** Wrapped text, alignment and a fixed row height on a block: address labels, card text. */
  | {
      kind: "cellFormat";
      sheet: string;
      row: number;
      col: number;
      rows: number;
      cols: number;
      wrap: boolean;
      vertical?: "Top" | "Center";
      /** Points; every row of the block gets it. */
      rowHeight?: number;
    }
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
  /**
   * Inserts `count` blank rows of cells at `row` in the first `cols` columns, moving those
   * columns' cells below down (Range.insert "Down"): the cells right of them stay.
   */
  | { kind: "insertRows"; sheet: string; row: number; count: number; cols: number }
  /** Hides `count` columns from `col` (Range.columnHidden): cells kept for the add-in, never printed or shown. */
  | { kind: "hideColumns"; sheet: string; col: number; count: number }
  /** Deletes whole rows (0-based), moving the rows below up. */
  | { kind: "deleteRows"; sheet: string; row: number; count: number; key?: RowKey }
  | { kind: "clear"; sheet: string; row: number; col: number; rows: number; cols: number }
  | ({ kind: "pageLayout"; sheet: string } & PageSetup)
  | { kind: "protect"; sheet: string }
  | { kind: "unprotect"; sheet: string }
  /** Shows or hides a whole sheet (Worksheet.visibility); very hidden is out of Excel's Unhide list. */
  | { kind: "visibility"; sheet: string; value: SheetState["visibility"] };

/**
 * How a generated sheet prints: A4, one page wide, header rows repeated on every page,
 * the title in the page header and "page X of Y" with the date in the footer.
 */
export interface PageSetup {
  orientation: "Portrait" | "Landscape";
  /** Rows repeated at the top of every page, e.g. "$1:$2"; "" for none (labels). */
  printTitleRows: string;
  /** Pages tall the print is fitted to: 0 (the default) as many as it needs, 1 for a card. */
  pagesTall?: number;
  /** e.g. "A1:G120" */
  printArea: string;
  /** Header and footer parts: literal text and codes (page-text.ts escapes and fits them). */
  centerHeader: PageText;
  leftFooter: PageText;
  centerFooter: PageText;
  rightFooter: PageText;
}

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

/** The most characters an Excel cell holds (Excel specifications and limits: 32,767). */
export const CELL_TEXT_MAX = 32_767;

/** A generated cell within Excel's limit: a longer text is cut and ends in "…". */
export function fitCell(value: Cell): Cell {
  return typeof value === "string" && value.length > CELL_TEXT_MAX
    ? `${value.slice(0, CELL_TEXT_MAX - 1)}…`
    : value;
}

/** The first cell of a plan too long for Excel: sheet, 0-based row and column. */
export function tooLongCell(writes: Write[]): { sheet: string; row: number; col: number } | undefined {
  for (const w of writes)
    if (w.kind === "values")
      for (const [r, row] of w.values.entries())
        for (const [c, v] of row.entries())
          if (typeof v === "string" && v.length > CELL_TEXT_MAX)
            return { sheet: w.sheet, row: w.row + r, col: w.col + c };
  return undefined;
}

/** Rows a column format is set on when a column is made: typing below them is Excel's business, writing is formatted per block. */
export const FORMATTED_ROWS = 20_000;

/** Rows a data-validation rule covers: all of them below the header. */
export const LAST_ROW = 1_048_576;

/** The page setup of a generated list: the title above, the date and "page X of Y" below. */
export function listPageSetup(
  title: string,
  headerRows: number,
  width: number,
  height: number,
  lang: "zh" | "en",
): PageSetup {
  return {
    orientation: width > 7 ? "Landscape" : "Portrait",
    printTitleRows: `$1:$${headerRows}`,
    printArea: `A1:${columnLetter(width - 1)}${Math.max(height, 1)}`,
    centerHeader: [title],
    leftFooter: [PRINT_DATE],
    centerFooter: pageOf(lang),
    rightFooter: [],
  };
}
