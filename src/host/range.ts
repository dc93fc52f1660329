/** Range and its format and data-validation parts, over the host's store. */
import { type Box, checkBox, qualify } from "./address";
import { ClientObject, type HostContext } from "./context";
import { RichApiError } from "./errors";
import { DataValidation, RangeFormat } from "./format";
import { dateText, isDateFormat } from "./number-format";
import type { CellValue, SheetStore } from "./store";
import { weighed } from "./weigh";

/** Office.js's Excel.SearchCriteria. */
export interface SearchCriteria {
  completeMatch?: boolean;
  matchCase?: boolean;
  searchDirection?: "Forward" | "Backwards";
}

/**
 * Cells above which a range's values come back null instead of the grid: Excel does not
 * answer for "a large range" ("it may not be possible to run API operations on that
 * range", Office Add-ins, "Read or write to a large range"); the host draws the line at
 * 5 million cells, where it has been seen.
 */
export const LARGE_RANGE_CELLS = 5_000_000;

/**
 * What every search of cells checks of its text (Range.find, Worksheet.findAll): a non-empty
 * string without wildcard characters (* ? ~), which Excel's search reads as patterns and the
 * host does not model.
 */
export function checkSearchText(label: string, text: unknown): asserts text is string {
  if (typeof text !== "string" || text === "")
    throw new RichApiError("InvalidArgument", `${label}: the text to find must be a non-empty string.`);
  if (/[*?~]/.test(text))
    throw new RichApiError(
      "InvalidArgument",
      `${label}: the host does not model Excel's wildcard characters (* ? ~) in a search.`,
    );
}

/**
 * Whether a cell's shown contents match `text`: the whole cell with `completeMatch`, a part
 * of it otherwise; case-sensitive with `matchCase` (Excel.SearchCriteria and
 * Excel.WorksheetSearchCriteria: both default to false). An empty cell never matches.
 */
export function cellMatcher(
  text: string,
  completeMatch: boolean,
  matchCase: boolean,
): (value: CellValue, numberFormat: string) => boolean {
  const fold = (v: string) => (matchCase ? v : v.toLowerCase());
  const wanted = fold(text);
  return (value, numberFormat) => {
    if (value === "") return false;
    const shown = fold(displayText(value, numberFormat));
    return completeMatch ? shown === wanted : shown.includes(wanted);
  };
}

/**
 * The rows of a column by the text each cell shows, for a search of complete, case-matched
 * text (the add-in's only kind): worked out once per state of the sheet, so a plan's
 * thousands of keyed writes do not each scan the column. The same answer as the scan.
 */
const shownIndex = new WeakMap<SheetStore, Map<number, { version: string; byText: Map<string, number[]> }>>();
function rowsShowing(sheet: SheetStore, col: number, text: string): number[] {
  let byCol = shownIndex.get(sheet);
  if (!byCol) shownIndex.set(sheet, (byCol = new Map()));
  const version = `${sheet.version}.${sheet.columnVersions[col] ?? 0}`;
  let index = byCol.get(col);
  if (index?.version !== version) {
    const byText = new Map<string, number[]>();
    for (let r = 0; r < sheet.rows.length; r++) {
      const value = sheet.get(r, col);
      if (value === "") continue;
      const shown = displayText(value, sheet.numberFormat(r, col));
      const rows = byText.get(shown);
      if (rows) rows.push(r);
      else byText.set(shown, [r]);
    }
    byCol.set(col, (index = { version, byText }));
  }
  return index.byText.get(text) ?? [];
}

/** Where a range is, worked out at sync time; null for a null object. */
export type Locate = () => { sheet: SheetStore; box: Box } | null;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * What Excel stores when a value is written through the API: typed input, unless the cell
 * is text. A number keeps 15 significant digits (Excel specifications and limits: "Number
 * precision: 15 digits"), so an 18-digit credit code in a General cell loses its last
 * digits for ever. Refused, because Excel would not keep the text and the host does not
 * model what it makes instead: text beginning with "=", "+" or "-" that is not a number
 * (Range.values: such a value is read as a formula), and a leading apostrophe (Excel's
 * prefix character, not part of the value), in any cell.
 */
export function asTyped(value: CellValue, numberFormat: string): CellValue {
  if (typeof value !== "string") return value;
  if (value.startsWith("'"))
    throw new RichApiError(
      "InvalidArgument",
      `The host does not model Excel's prefix character: ${JSON.stringify(value.slice(0, 20))} begins with an apostrophe.`,
    );
  if (numberFormat === "@") return value;
  const text = value.trim();
  if (/^[=+-]/.test(text) && !NUMBER.test(text))
    throw new RichApiError(
      "InvalidArgument",
      `The host does not model formulas: ${JSON.stringify(value.slice(0, 20))} written into a cell that is not text would be a formula in Excel.`,
    );
  if (NUMBER.test(text)) return Number(Number(text).toPrecision(15));
  const d = DATE.exec(text);
  if (d) {
    const ms = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +(d[4] ?? 0), +(d[5] ?? 0), +(d[6] ?? 0));
    const check = new Date(ms);
    if (check.getUTCMonth() === +d[2]! - 1 && check.getUTCDate() === +d[3]!) return ms / 86_400_000 + 25569;
  }
  if (/^(true|false)$/i.test(text)) return text.toUpperCase() === "TRUE";
  return value;
}

/**
 * How a value reads in `text`: a number in a date/time cell as Excel shows it
 * (number-format.ts), other numbers plain. A date/time format or a serial the host does not
 * model is refused rather than guessed.
 */
export function displayText(value: CellValue, numberFormat: string): string {
  if (typeof value === "number" && isDateFormat(numberFormat)) {
    const shown = dateText(value, numberFormat);
    if (shown === undefined)
      throw new RichApiError(
        "InvalidOperation",
        `The host does not model how Excel shows ${value} in a cell formatted ${JSON.stringify(numberFormat)}.`,
      );
    return shown;
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

function shaped<T>(value: T | T[][], box: Box, what: string): (r: number, c: number) => T {
  if (!Array.isArray(value)) return () => value;
  if (value.length !== box.rows || value.some((row) => !Array.isArray(row) || row.length !== box.cols)) {
    if (value.length === 1 && value[0]!.length === 1) return () => value[0]![0]!;
    throw new RichApiError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`,
    );
  }
  return (r, c) => value[r]![c]!;
}

/**
 * Cell-level properties cannot be set on a whole column or row: "Requests to set cell-level
 * properties (such as values, numberFormat, and formulas) on unbounded range aren't allowed
 * because the input request is too large" (Office Add-ins, "Read or write to an unbounded
 * range"). A range that spans every row (or every column) is taken as unbounded, however
 * it was made.
 */
function bounded(box: Box, what: string): void {
  if (box.rows >= 1_048_576 || box.cols >= 16_384)
    throw new RichApiError(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format (${what} cannot be set on an unbounded range).`,
    );
}

/** The properties of a Range the host answers, all of them brought by a plain load(). */
export const RANGE_SCALARS: readonly string[] = [
  "address",
  "values",
  "text",
  "numberFormat",
  "rowCount",
  "columnCount",
  "rowIndex",
  "columnIndex",
  "cellCount",
  "columnHidden",
];

export class HostRange extends ClientObject {
  // Made when first asked for, as Office.js's proxies are: a plan writes one cell of each
  // of thousands of rows, and most of those ranges never touch their format.
  #format?: RangeFormat;
  #dataValidation?: DataValidation;

  constructor(
    ctx: HostContext,
    readonly locate: Locate,
    /** Where the range is, as the request describes it. */
    readonly label: string,
  ) {
    super(ctx, "Range");
  }

  get format(): RangeFormat {
    return (this.#format ??= new RangeFormat(this.ctx, this));
  }

  get dataValidation(): DataValidation {
    return (this.#dataValidation ??= new DataValidation(this.ctx, this));
  }

  /** The range at sync time; a null object cannot be written. */
  where(): { sheet: SheetStore; box: Box } {
    const at = this.locate();
    if (!at) throw new RichApiError("ItemNotFound", `The requested resource doesn't exist: ${this.label}.`);
    return at;
  }

  protected path(): string {
    return this.label;
  }

  protected scalars(): string[] {
    return [...RANGE_SCALARS];
  }

  protected answer(names: string[]): Record<string, unknown> {
    const at = this.locate();
    if (!at) return { isNullObject: true };
    const { sheet, box } = at;
    const out: Record<string, unknown> = { isNullObject: false };
    for (const name of names) {
      // A range of more cells than Excel answers for at once reads as null (LARGE_RANGE_CELLS).
      if (name === "values") {
        if (box.rows * box.cols > this.ctx.host.largeRangeCells) out.values = null;
        else out.values = weighed(sheet.read(box), sheet.weighBox(box));
      } else if (name === "text") {
        out.text = sheet
          .read(box)
          .map((row, r) => row.map((v, c) => displayText(v, sheet.numberFormat(box.row + r, box.col + c))));
      } else if (name === "numberFormat") {
        out.numberFormat = Array.from({ length: box.rows }, (_, r) =>
          Array.from({ length: box.cols }, (_, c) => sheet.numberFormat(box.row + r, box.col + c)),
        );
      } else if (name === "address") out.address = qualify(sheet.name, box);
      else if (name === "rowCount") out.rowCount = box.rows;
      else if (name === "columnCount") out.columnCount = box.cols;
      else if (name === "rowIndex") out.rowIndex = box.row;
      else if (name === "columnIndex") out.columnIndex = box.col;
      else if (name === "cellCount") out.cellCount = box.rows * box.cols;
      else if (name === "columnHidden") {
        // "Value is `true` when all columns in a range are hidden. Value is `false` when no
        // columns in the range are hidden. Value is `null` when some columns in a range are
        // hidden and other columns in the same range are not hidden" (Range.columnHidden).
        const hidden = Array.from({ length: box.cols }, (_, c) => sheet.hiddenColumns.has(box.col + c));
        out.columnHidden = hidden.every(Boolean) ? true : hidden.some(Boolean) ? null : false;
      } else if (name !== "isNullObject")
        throw new RichApiError("InvalidArgument", `Range has no property '${name}'.`);
    }
    return out;
  }

  get values(): CellValue[][] {
    return this.prop("values");
  }
  set values(value: CellValue[][]) {
    this.assign("values", value, () => {
      const { sheet, box } = this.where();
      sheet.assertWritable("values");
      bounded(box, "values");
      const at = shaped(value, box, "values");
      // Excel specifications and limits: a cell holds at most 32,767 characters.
      for (let r = 0; r < box.rows; r++)
        for (let c = 0; c < box.cols; c++) {
          const v = at(r, c);
          if (typeof v === "string" && v.length > 32_767)
            throw new RichApiError(
              "InvalidArgument",
              "The argument is invalid or missing or has an incorrect format (a cell holds at most 32,767 characters).",
            );
        }
      for (let r = 0; r < box.rows; r++) {
        for (let c = 0; c < box.cols; c++) {
          sheet.set(
            box.row + r,
            box.col + c,
            asTyped(at(r, c), sheet.numberFormat(box.row + r, box.col + c)),
          );
        }
      }
    });
  }

  get numberFormat(): string[][] {
    return this.prop("numberFormat");
  }
  set numberFormat(value: string[][]) {
    this.assign("numberFormat", value, () => {
      const { sheet, box } = this.where();
      sheet.assertWritable("numberFormat");
      bounded(box, "numberFormat");
      sheet.setNumberFormat(box, shaped(value, box, "numberFormat"));
    });
  }

  get text(): string[][] {
    return this.prop("text");
  }
  get address(): string {
    return this.prop("address");
  }
  get rowCount(): number {
    return this.prop("rowCount");
  }
  get columnCount(): number {
    return this.prop("columnCount");
  }
  get rowIndex(): number {
    return this.prop("rowIndex");
  }
  get columnIndex(): number {
    return this.prop("columnIndex");
  }
  get cellCount(): number {
    return this.prop("cellCount");
  }

  select(): void {
    this.call("select", [], () => {
      const { sheet, box } = this.where();
      this.ctx.host.moveSelection(sheet, box);
    });
  }

  /** Deletes the cells, shifting the ones below up (or the ones to the right left), as Excel does. */
  delete(shift: "Up" | "Left"): void {
    this.call("delete", [shift], () => {
      const { sheet, box } = this.where();
      sheet.assertWritable("delete");
      sheet.deleteCells(box, shift);
    });
  }

  /**
   * Range.insert (ExcelApi 1.1): "Inserts a cell or a range of cells into the worksheet in
   * place of this range, and shifts the other cells to make space." Only "Down" is modelled;
   * the inserted cells are blank and take no number format from their neighbours (what
   * Office.js gives them is not documented: the host gives the least).
   */
  insert(shift: "Down" | "Right"): void {
    this.call("insert", [shift], () => {
      if (shift !== "Down")
        throw new RichApiError("InvalidArgument", "The host models Range.insert with shift Down only.");
      const { sheet, box } = this.where();
      sheet.assertWritable("insert");
      sheet.insertCells(box);
    });
  }

  /** Range.columnHidden (ExcelApi 1.2): setting it hides (or shows) every column of the range. */
  get columnHidden(): boolean {
    return this.prop("columnHidden");
  }
  set columnHidden(hidden: boolean) {
    this.call("columnHidden", [hidden], () => {
      const { sheet, box } = this.where();
      for (let c = box.col; c < box.col + box.cols; c++)
        if (hidden) sheet.hiddenColumns.add(c);
        else sheet.hiddenColumns.delete(c);
    });
  }

  clear(): void {
    this.call("clear", [], () => {
      const { sheet, box } = this.where();
      sheet.assertWritable("clear");
      for (let r = box.row; r < box.row + box.rows; r++)
        for (let c = box.col; c < box.col + box.cols; c++) sheet.set(r, c, "");
    });
  }

  /**
   * Range.find (ExcelApi 1.9): the first cell of this range whose contents match `text`;
   * ItemNotFound when none does. The cell is fixed where the call stands in the batch
   * (Office.js instantiates the returned object there), on the co-author's view as it is
   * then. Stricter than Excel where we do not know what Excel does, so the adapter cannot
   * come to rely on it: the host refuses a search of a single cell (Excel then searches the
   * whole sheet after it), wildcard characters (* ? ~), which Excel reads as patterns,
   * several matching cells (which one Excel returns first depends on where its search
   * starts), and using a found cell after cells of its sheet moved (whether Excel moves the
   * object with its cell is not documented).
   */
  find(text: string, criteria: SearchCriteria): HostRange {
    return this.search("find", text, criteria);
  }

  findOrNullObject(text: string, criteria: SearchCriteria): HostRange {
    return this.search("findOrNullObject", text, criteria);
  }

  private search(method: "find" | "findOrNullObject", text: string, criteria: SearchCriteria): HostRange {
    const label = `${this.label}.${method}(${JSON.stringify(text)})`;
    let found: { sheet: SheetStore; box: Box; moves: number } | null | undefined;
    this.ctx.instantiate({ call: label, args: [text, criteria] }, () => {
      checkSearchText(label, text);
      const { completeMatch = false, matchCase = false, searchDirection = "Forward" } = criteria ?? {};
      if (searchDirection !== "Forward" && searchDirection !== "Backwards")
        throw new RichApiError(
          "InvalidArgument",
          `${label}: unknown search direction ${String(searchDirection)}.`,
        );
      const { sheet, box } = this.where();
      if (box.rows === 1 && box.cols === 1)
        throw new RichApiError(
          "InvalidArgument",
          `${label}: a single-cell range searches the whole sheet after it in Excel; the host does not model that.`,
        );
      const hits: Box[] = [];
      const last = Math.min(box.row + box.rows, sheet.rows.length);
      if (completeMatch && matchCase && box.cols === 1) {
        for (const r of rowsShowing(sheet, box.col, text))
          if (r >= box.row && r < last) hits.push({ row: r, col: box.col, rows: 1, cols: 1 });
      } else {
        const matches = cellMatcher(text, completeMatch, matchCase);
        for (let r = box.row; r < last; r++)
          for (let c = box.col; c < box.col + box.cols; c++)
            if (matches(sheet.get(r, c), sheet.numberFormat(r, c)))
              hits.push({ row: r, col: c, rows: 1, cols: 1 });
      }
      if (hits.length > 1)
        throw new RichApiError(
          "InvalidOperation",
          `${label}: ${hits.length} cells match; which one Excel returns first is not modelled by the host.`,
        );
      if (hits.length === 0) {
        if (method === "find")
          throw new RichApiError("ItemNotFound", `The requested resource doesn't exist: ${label}.`);
        found = null;
        return;
      }
      found = { sheet, box: hits[0]!, moves: sheet.moves };
    });
    return new HostRange(
      this.ctx,
      () => {
        if (found === undefined)
          throw new RichApiError("InvalidOperation", `${label}: used before the batch reached the search.`);
        if (found === null) return null;
        if (found.sheet.moves !== found.moves)
          throw new RichApiError(
            "InvalidOperation",
            `${label}: cells of ${found.sheet.name} moved after this cell was found; the host does not know whether Excel moves the found range with its cell.`,
          );
        return { sheet: found.sheet, box: found.box };
      },
      label,
    );
  }

  /** A range derived from this one when the batch runs. */
  private derive(label: string, move: (box: Box) => Box): HostRange {
    return new HostRange(
      this.ctx,
      () => {
        const at = this.locate();
        if (!at) return null;
        const box = move(at.box);
        checkBox(box, label);
        return { sheet: at.sheet, box };
      },
      `${this.label}.${label}`,
    );
  }

  getCell(row: number, column: number): HostRange {
    return this.derive(`getCell(${row},${column})`, (b) => ({
      row: b.row + row,
      col: b.col + column,
      rows: 1,
      cols: 1,
    }));
  }
  getRow(row: number): HostRange {
    return this.derive(`getRow(${row})`, (b) => ({ ...b, row: b.row + row, rows: 1 }));
  }
  getColumn(column: number): HostRange {
    return this.derive(`getColumn(${column})`, (b) => ({ ...b, col: b.col + column, cols: 1 }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): HostRange {
    return this.derive(`getResizedRange(${deltaRows},${deltaColumns})`, (b) => ({
      ...b,
      rows: b.rows + deltaRows,
      cols: b.cols + deltaColumns,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): HostRange {
    return this.derive(`getOffsetRange(${rowOffset},${columnOffset})`, (b) => ({
      ...b,
      row: b.row + rowOffset,
      col: b.col + columnOffset,
    }));
  }
  getEntireColumn(): HostRange {
    return this.derive("getEntireColumn()", (b) => ({ ...b, row: 0, rows: 1_048_576 }));
  }
  getEntireRow(): HostRange {
    return this.derive("getEntireRow()", (b) => ({ ...b, col: 0, cols: 16_384 }));
  }
}
