/**
 * The workbook's state: sheets as sparse rows of cells, with number formats, formats,
 * data validation, freeze panes and protection. Only the host's proxies change it, at sync.
 */
import { type Box, intersects, MAX_COLS, MAX_ROWS, qualify } from "./address";
import { RichApiError } from "./errors";
import type { Recorded } from "./co-authoring";
import { jsonBytes } from "../domain/json-bytes";

export type CellValue = string | number | boolean;

/**
 * What a cell weighs as JSON in UTF-8 where a read answers it (a cell with nothing stored
 * reads as "", 2 bytes): the store keeps each row's weights as it is written, so what a
 * read answers is weighed against the web's 5 MB without writing the answer out (weigh.ts,
 * issue 15).
 */
const cellWeight = (v: CellValue | undefined | null): number =>
  v === undefined || v === null ? 2 : jsonBytes(v);

/**
 * A change to a sheet's cells as worksheets.onChanged announces it (Excel.DataChangeType,
 * ExcelApi 1.9): cells written, or cells or whole rows inserted or deleted, at the box.
 */
export interface NotedChange {
  changeType: "RangeEdited" | "RowInserted" | "RowDeleted" | "CellInserted" | "CellDeleted";
  box: Box;
}

export interface ValidationRecord {
  box: Box;
  rule?: unknown;
  errorAlert?: unknown;
  prompt?: unknown;
  ignoreBlanks?: boolean;
}

export interface FormatRecord {
  box: Box;
  property: string;
  value: unknown;
}

/** Rows [from, to) of one column that share a number format. */
export interface Band {
  from: number;
  to: number;
  format: string;
}

/** Bands sorted by row, neighbours with the same format made one. */
function joined(bands: Band[]): Band[] {
  const out: Band[] = [];
  for (const b of [...bands].sort((x, y) => x.from - y.from)) {
    const last = out.at(-1);
    if (last && last.to === b.from && last.format === b.format) last.to = b.to;
    else out.push({ ...b });
  }
  return out;
}

export class SheetStore {
  rows: (CellValue[] | undefined)[] = [];
  /**
   * Each row's cells' weights, in step with `rows` (cellWeight): kept by `set` and the
   * deletions, worked out for a row when first weighed where missing (a copied sheet). Not
   * enumerable: neither a copy nor a co-author's view of the sheet's properties carries it.
   */
  declare private weights: (number[] | undefined)[];
  /** Number formats set on whole columns, and on rows of a column as bands (sorted, apart, never empty). */
  columnFormats = new Map<number, string>();
  formatBands = new Map<number, Band[]>();
  columnWidths = new Map<number, number>();
  /** Columns hidden (Range.columnHidden). */
  hiddenColumns = new Set<number>();
  formats: FormatRecord[] = [];
  validations: ValidationRecord[] = [];
  frozenRows = 0;
  frozenColumns = 0;
  isProtected = false;
  protectionOptions: unknown = undefined;
  /** The password the sheet was protected with ("" for none); never shown through the API. */
  protectionPassword = "";
  tabColor = "";
  /** Page setup as Office.js set it: orientation, paperSize, zoom, print titles, area, headers and footers. */
  pageLayout: Record<string, unknown> = {};
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  /** Told of every cell write and row deletion as it lands, where co-authors share the workbook (co-authoring.ts). */
  recorder?: (change: Recorded) => void;

  /**
   * Changes to this sheet's cells not yet announced to worksheets.onChanged handlers (the
   * host announces them after the sync or the person's edit that made them, memory-host.ts).
   */
  unannounced: NotedChange[] = [];
  /** Inside an insertion or deletion: the cells it moves are announced as that, not as edits. */
  private shifting = 0;

  /** How many times cells of this sheet were moved (rows deleted, cells shifted): ranges found before may point elsewhere now. */
  moves = 0;
  /** How many times cells moved: what was worked out from the cells before may be stale. */
  version = 0;
  /** How many times a value or format of each column was set (`version` counts moves). */
  columnVersions: number[] = [];

  /** Worksheet.id: given when the sheet is made, kept through a rename ("the value of the identifier remains the same even when the worksheet is renamed or moved", Excel.Worksheet.id). */
  id: string;

  constructor(public name: string) {
    Object.defineProperty(this, "weights", { value: [], writable: true, enumerable: false });
    this.id = `{${name}}`;
  }

  get(row: number, col: number): CellValue {
    return this.rows[row]?.[col] ?? "";
  }

  set(row: number, col: number, value: CellValue): void {
    this.columnVersions[col] = (this.columnVersions[col] ?? 0) + 1;
    if (!this.shifting) this.noteEdit(row, col);
    this.recorder?.({ kind: "set", row, col, value });
    let r = this.rows[row];
    if (!r) {
      if (value === "") return;
      r = this.rows[row] = [];
      this.weights[row] = [];
    }
    while (r.length < col) r.push("");
    r[col] = value;
    // Cells pushed blank before it are holes in the weights: 2 each, as "" weighs.
    const weights = this.weights[row];
    if (weights) weights[col] = cellWeight(value);
  }

  /** A cell written: joined to the edit before it when it extends that block (a row written left to right, rows top to bottom). */
  private noteEdit(row: number, col: number): void {
    const last = this.unannounced.at(-1);
    if (last?.changeType === "RangeEdited") {
      const b = last.box;
      if (row >= b.row && row <= b.row + b.rows) {
        const c0 = Math.min(b.col, col);
        const c1 = Math.max(b.col + b.cols, col + 1);
        last.box = { row: b.row, col: c0, rows: Math.max(b.rows, row - b.row + 1), cols: c1 - c0 };
        return;
      }
    }
    this.unannounced.push({ changeType: "RangeEdited", box: { row, col, rows: 1, cols: 1 } });
  }

  numberFormat(row: number, col: number): string {
    const bands = this.formatBands.get(col);
    if (bands) {
      // The last band starting at or above the row.
      let lo = 0;
      let hi = bands.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (bands[mid]!.from <= row) lo = mid + 1;
        else hi = mid - 1;
      }
      const band = bands[hi];
      if (band && row < band.to) return band.format;
    }
    return this.columnFormats.get(col) ?? "General";
  }

  setNumberFormat(box: Box, format: (r: number, c: number) => string): void {
    for (let c = box.col; c < box.col + box.cols; c++)
      this.columnVersions[c] = (this.columnVersions[c] ?? 0) + 1;
    if (box.row === 0 && box.rows === MAX_ROWS) {
      for (let c = box.col; c < box.col + box.cols; c++) {
        this.columnFormats.set(c, format(0, c - box.col));
        this.formatBands.delete(c);
      }
      return;
    }
    for (let c = 0; c < box.cols; c++) {
      // Neighbouring rows with one format are one band.
      let from = 0;
      for (let r = 1; r <= box.rows; r++) {
        if (r < box.rows && format(r, c) === format(from, c)) continue;
        this.band(box.col + c, box.row + from, box.row + r, format(from, c));
        from = r;
      }
    }
  }

  /** Sets rows [from, to) of a column to a format, keeping the column's bands sorted and apart. */
  private band(col: number, from: number, to: number, format: string): void {
    const kept: Band[] = [];
    for (const b of this.formatBands.get(col) ?? []) {
      if (b.to <= from || b.from >= to) kept.push(b);
      else {
        if (b.from < from) kept.push({ from: b.from, to: from, format: b.format });
        if (b.to > to) kept.push({ from: to, to: b.to, format: b.format });
      }
    }
    kept.push({ from, to, format });
    this.formatBands.set(col, joined(kept));
  }

  /** Blank cells inserted at the box, the cells of its columns below moving down (formats with them). */
  insertCells(box: Box): void {
    this.moves++;
    this.version++;
    this.unannounced.push({ changeType: box.cols === MAX_COLS ? "RowInserted" : "CellInserted", box });
    this.shifting++;
    const last = this.rows.length;
    for (let r = last - 1; r >= box.row; r--)
      for (let c = box.col; c < box.col + box.cols; c++) this.set(r + box.rows, c, this.get(r, c));
    for (let r = box.row; r < Math.min(last, box.row + box.rows); r++)
      for (let c = box.col; c < box.col + box.cols; c++) this.set(r, c, "");
    this.shifting--;
    const end = box.row + box.rows;
    for (let c = box.col; c < box.col + box.cols; c++) {
      const bands = this.formatBands.get(c);
      if (!bands) continue;
      const moved: Band[] = [];
      for (const b of bands) {
        if (b.to <= box.row) moved.push(b);
        else if (b.from >= box.row) moved.push({ ...b, from: b.from + box.rows, to: b.to + box.rows });
        else {
          moved.push({ ...b, to: box.row });
          moved.push({ ...b, from: end, to: b.to + box.rows });
        }
      }
      // The inserted cells: the column's format, no band of their own.
      this.formatBands.set(c, joined(moved));
    }
  }

  deleteCells(box: Box, shift: "Up" | "Left"): void {
    this.unannounced.push({ changeType: box.cols === MAX_COLS ? "RowDeleted" : "CellDeleted", box });
    this.shifting++;
    try {
      this.deleteShifting(box, shift);
    } finally {
      this.shifting--;
    }
  }

  private deleteShifting(box: Box, shift: "Up" | "Left"): void {
    this.moves++;
    this.version++;
    if (shift === "Up" && box.col === 0 && box.cols === 16_384) {
      // Whole rows: everything below moves up, cell formats with it.
      this.recorder?.({ kind: "deleteRows", row: box.row, count: box.rows });
      this.rows.splice(box.row, box.rows);
      this.weights.splice(box.row, box.rows);
      const end = box.row + box.rows;
      const gone = (r: number) => (r <= box.row ? r : r >= end ? r - box.rows : box.row);
      for (const [col, bands] of this.formatBands) {
        const moved = joined(
          bands
            .map((b) => ({ from: gone(b.from), to: gone(b.to), format: b.format }))
            .filter((b) => b.to > b.from),
        );
        if (moved.length) this.formatBands.set(col, moved);
        else this.formatBands.delete(col);
      }
      return;
    }
    const last = this.rows.length;
    if (shift === "Up") {
      for (let r = box.row; r < last; r++) {
        for (let c = box.col; c < box.col + box.cols; c++) this.set(r, c, this.get(r + box.rows, c));
      }
      return;
    }
    for (let r = box.row; r < Math.min(last, box.row + box.rows); r++) {
      const row = this.rows[r];
      if (!row) continue;
      const width = row.length;
      row.splice(box.col, box.cols);
      this.weights[r]?.splice(box.col, box.cols);
      // Cells moved left are, for a co-author, cells written.
      for (let c = box.col; c < width; c++)
        this.recorder?.({ kind: "set", row: r, col: c, value: row[c] ?? "" });
    }
  }

  /** What `read(box)` answers weighs as JSON in UTF-8 (jsonBytes of it), from the rows' weights. */
  weighBox(box: Box): number {
    const cols = Math.max(0, box.cols - 1);
    let n = 2 + Math.max(0, box.rows - 1) + box.rows * (2 + cols);
    for (let r = 0; r < box.rows; r++) {
      const src = this.rows[box.row + r];
      if (!src) {
        n += 2 * box.cols;
        continue;
      }
      const weights = (this.weights[box.row + r] ??= Array.from(src, cellWeight));
      for (let c = box.col; c < box.col + box.cols; c++) n += weights[c] ?? 2;
    }
    return n;
  }

  read(box: Box): CellValue[][] {
    const out: CellValue[][] = new Array(box.rows);
    for (let r = 0; r < box.rows; r++) {
      const src = this.rows[box.row + r];
      const row: CellValue[] = new Array(box.cols);
      for (let c = 0; c < box.cols; c++) row[c] = src?.[box.col + c] ?? "";
      out[r] = row;
    }
    return out;
  }

  /** The smallest box holding every non-empty cell (and, unless valuesOnly, every formatted cell). */
  usedBox(valuesOnly: boolean): Box | undefined {
    let r0 = Infinity;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    const take = (r: number, c: number) => {
      r0 = Math.min(r0, r);
      r1 = Math.max(r1, r);
      c0 = Math.min(c0, c);
      c1 = Math.max(c1, c);
    };
    this.rows.forEach((row, r) => row?.forEach((v, c) => v !== "" && take(r, c)));
    if (!valuesOnly)
      for (const [col, bands] of this.formatBands)
        for (const b of bands) {
          take(b.from, col);
          take(b.to - 1, col);
        }
    if (r1 < 0) return undefined;
    return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  assertWritable(what: string): void {
    if (this.isProtected) {
      throw new RichApiError(
        "AccessDenied",
        `The cell or chart you're trying to change is protected (${this.name}: ${what}).`,
      );
    }
  }

  clearValidation(box: Box): void {
    this.validations = this.validations.filter((v) => !intersects(v.box, box));
  }

  validationFor(box: Box): ValidationRecord {
    let record = this.validations.find(
      (v) =>
        v.box.row === box.row && v.box.col === box.col && v.box.rows === box.rows && v.box.cols === box.cols,
    );
    if (!record) {
      this.clearValidation(box);
      record = { box };
      this.validations.push(record);
    }
    return record;
  }
}

const ILLEGAL_NAME = /[:\\/?*[\]]/;

export class BookStore {
  sheets: SheetStore[] = [];
  activeSheet = "";
  selection: { sheet: string; address: string; box: Box } | undefined;
  /** Told of every sheet added or deleted, where co-authors share the workbook. */
  recorder?: (change: { kind: "addSheet" | "removeSheet"; sheet: string }) => void;

  find(name: string): SheetStore | undefined {
    const wanted = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === wanted);
  }

  get(name: string): SheetStore {
    const sheet = this.find(name);
    if (!sheet)
      throw new RichApiError("ItemNotFound", `The requested resource doesn't exist: worksheet '${name}'.`);
    return sheet;
  }

  /** A sheet name Excel takes for `sheet` (a new one when undefined): refused as Excel refuses it. */
  private checkName(name: string, sheet?: SheetStore): void {
    if (
      !name ||
      name.length > 31 ||
      ILLEGAL_NAME.test(name) ||
      name.startsWith("'") ||
      name.endsWith("'") ||
      name.trim() === ""
    )
      throw new RichApiError(
        "InvalidArgument",
        `The argument is invalid or missing or has an incorrect format: sheet name '${name}'.`,
      );
    const other = this.find(name);
    if (other && other !== sheet)
      throw new RichApiError(
        "ItemAlreadyExists",
        `A resource with the same name or identifier already exists: '${name}'.`,
      );
  }

  add(name: string): SheetStore {
    this.checkName(name);
    const sheet = new SheetStore(name);
    this.sheets.push(sheet);
    this.recorder?.({ kind: "addSheet", sheet: name });
    return sheet;
  }

  /**
   * Worksheet.name set (ExcelApi 1.1): the same rules as a new sheet's name; a name another
   * sheet has (in any case) is refused — how Office.js words that refusal is not documented,
   * so the host answers ItemAlreadyExists, as for `add`.
   */
  rename(sheet: SheetStore, name: string): void {
    if (sheet.name === name) return;
    this.checkName(name, sheet);
    if (this.activeSheet.toLowerCase() === sheet.name.toLowerCase()) this.activeSheet = name;
    if (this.selection?.sheet.toLowerCase() === sheet.name.toLowerCase()) this.selection.sheet = name;
    sheet.name = name;
  }

  /**
   * Worksheet.delete() (ExcelApi 1.1), as Excel does it: a "VeryHidden" sheet cannot be
   * deleted ("the delete operation will fail with an InvalidOperation exception. You should
   * first change its visibility to hidden or visible", Excel.Worksheet.delete), nor the last
   * visible one (a workbook keeps at least one visible sheet; hidden ones do not count). A
   * protected sheet can: worksheet protection guards cells, not the sheet's existence. When
   * the active sheet goes, the next visible sheet to its right becomes active (else the
   * nearest to its left), and a selection on the deleted sheet moves there, to A1 (the host
   * keeps one selection, not one per sheet; no selection event is raised for it).
   */
  remove(name: string): void {
    const sheet = this.get(name);
    if (sheet.visibility === "VeryHidden")
      throw new RichApiError(
        "InvalidOperation",
        `The worksheet '${sheet.name}' is very hidden and cannot be deleted: make it hidden or visible first.`,
      );
    const at = this.sheets.indexOf(sheet);
    const rest = this.sheets.filter((s) => s !== sheet);
    const visible = (s: SheetStore) => s.visibility === "Visible";
    if (!rest.some(visible))
      throw new RichApiError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    this.sheets = rest;
    const next = rest.slice(at).find(visible) ?? rest.slice(0, at).reverse().find(visible)!;
    if (this.activeSheet.toLowerCase() === sheet.name.toLowerCase()) this.activeSheet = next.name;
    if (this.selection?.sheet === sheet.name) {
      const a1 = { row: 0, col: 0, rows: 1, cols: 1 };
      this.selection = { sheet: next.name, address: qualify(next.name, a1), box: a1 };
    }
    this.recorder?.({ kind: "removeSheet", sheet: sheet.name });
  }
}
