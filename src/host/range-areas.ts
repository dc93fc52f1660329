/**
 * Worksheet.findAll / findAllOrNullObject (ExcelApi 1.9) and what they return: a RangeAreas
 * ("one or more rectangular ranges in the same worksheet") whose `areas` is a
 * RangeCollection of Ranges. The contract, with Microsoft's pages and what the host refuses,
 * is in docs/excel-host.md ("Worksheet.findAll").
 */
import { type Box, qualify } from "./address";
import { ClientObject, type HostContext } from "./context";
import { RichApiError, propertyNotLoaded } from "./errors";
import { cellMatcher, checkSearchText, HostRange, RANGE_SCALARS } from "./range";
import type { SheetStore } from "./store";

/** Office.js's Excel.WorksheetSearchCriteria: no search direction, unlike Range.find's. */
export interface WorksheetSearchCriteria {
  completeMatch?: boolean;
  matchCase?: boolean;
}

/**
 * How the host cuts the cells a findAll found into rectangular areas. Microsoft documents
 * only "one or more rectangular ranges", not how neighbouring cells are grouped, so the
 * adapter must take any cut: each area's rowIndex, rowCount, columnIndex and columnCount.
 * "columnRuns" (the default): one area per run of found cells one below the other in a
 * column; "rowRuns": per run side by side in a row; "cells": one area per cell.
 */
export type AreaSplit = "columnRuns" | "rowRuns" | "cells";

interface Cell {
  row: number;
  col: number;
}

/** The found cells as areas, in the order of their top-left cells (by row, then column). */
export function splitIntoAreas(cells: Cell[], split: AreaSplit): Box[] {
  const byRow = (a: Cell, b: Cell) => a.row - b.row || a.col - b.col;
  const boxes: Box[] = [];
  if (split === "cells")
    return [...cells].sort(byRow).map((c) => ({ row: c.row, col: c.col, rows: 1, cols: 1 }));
  const down = split === "columnRuns";
  const sorted = [...cells].sort(down ? (a, b) => a.col - b.col || a.row - b.row : byRow);
  for (const c of sorted) {
    const last = boxes.at(-1);
    if (down && last && last.col === c.col && last.row + last.rows === c.row) last.rows++;
    else if (!down && last && last.row === c.row && last.col + last.cols === c.col) last.cols++;
    else boxes.push({ row: c.row, col: c.col, rows: 1, cols: 1 });
  }
  return boxes.sort(byRow);
}

/** Where a RangeAreas is, worked out at sync time; null for a null object. */
export type AreasLocate = () => { sheet: SheetStore; boxes: Box[] } | null;

type LoadOption = string | string[] | { select?: string | string[] } | undefined;

/**
 * The paths a load asks for, read as Office.js reads them (`_parseSelectExpand`): "items/"
 * at the start and "/items/" inside a path are dropped, so "areas/items/rowIndex" is
 * "areas/rowIndex" and, on a collection, "items/address" is "address"; "items" alone is
 * every property of the items. Only a name list or `{ select }` is modelled.
 */
function selectPaths(option: LoadOption, owner: string): string[] | undefined {
  if (option === undefined) return undefined;
  if (typeof option === "object" && !Array.isArray(option) && !("select" in option))
    throw new RichApiError(
      "InvalidArgument",
      `${owner}.load: the host models a list of property names or { select } only.`,
    );
  const raw = typeof option === "string" || Array.isArray(option) ? option : (option.select ?? []);
  return (Array.isArray(raw) ? raw : raw.split(","))
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      if (/^items\/?$/i.test(p)) return "*";
      const path = /^items[/.]/i.test(p) ? p.slice(6) : p;
      return path.replace(/[/.]items[/.]/gi, "/").replace(/[/.]items$/i, "");
    });
}

const unique = (names: string[]) => [...new Set(names)];

/**
 * Office.js's ClientResult, for RangeCollection.getCount(): `value` is there once the sync
 * that carried the call has returned; before, reading it fails with ValueNotLoaded, as
 * office.js's ClientResult does.
 */
export class HostClientResult<T> {
  private loaded = false;
  private answer: T | undefined;

  /** @internal */
  settle(value: T): void {
    this.answer = value;
    this.loaded = true;
  }

  get value(): T {
    if (!this.loaded)
      throw new RichApiError(
        "ValueNotLoaded",
        'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
        "clientResult.value",
      );
    return this.answer as T;
  }
}

export class HostRangeAreas extends ClientObject {
  /** RangeAreas.areas: "a collection of rectangular ranges that comprise this RangeAreas object". */
  readonly areas: HostRangeCollection;

  constructor(
    ctx: HostContext,
    readonly locate: AreasLocate,
    private readonly label: string,
  ) {
    super(ctx, "RangeAreas");
    this.areas = new HostRangeCollection(ctx, this, `${label}.areas`);
  }

  protected path(): string {
    return this.label;
  }

  protected scalars(): string[] {
    return ["address", "areaCount", "cellCount"];
  }

  protected answer(names: string[]): Record<string, unknown> {
    const at = this.locate();
    if (!at) return { isNullObject: true };
    const out: Record<string, unknown> = { isNullObject: false };
    for (const name of names) {
      // "Address value will contain the worksheet name for each rectangular block of cells
      // (e.g., "Sheet1!A1:B4, Sheet1!D1:D4")": comma and space between blocks, as shown.
      if (name === "address") out.address = at.boxes.map((b) => qualify(at.sheet.name, b)).join(", ");
      else if (name === "areaCount") out.areaCount = at.boxes.length;
      else if (name === "cellCount") {
        // "Returns -1 if the cell count exceeds 2^31-1 (2,147,483,647)."
        const cells = at.boxes.reduce((n, b) => n + b.rows * b.cols, 0);
        out.cellCount = cells > 2_147_483_647 ? -1 : cells;
      } else if (name !== "isNullObject")
        throw new RichApiError(
          "InvalidArgument",
          `The host does not model RangeAreas.${name}: it answers address, areaCount, cellCount and areas.`,
        );
    }
    return out;
  }

  /** @internal The range of one area, found when the batch runs. */
  area(index: number, label: string): HostRange {
    return new HostRange(
      this.ctx,
      () => {
        const at = this.locate();
        if (!at) return null;
        const box = at.boxes[index];
        if (!box)
          throw new RichApiError(
            "InvalidArgument",
            `${label}: there are ${at.boxes.length} areas (Office.js documents no error code for this).`,
          );
        return { sheet: at.sheet, box };
      },
      label,
    );
  }

  /** @internal Every area's range with the properties asked for; nothing for a null object. */
  answerAreas(names: string[]): { items: HostRange[]; answers: Record<string, unknown>[] } | undefined {
    const at = this.locate();
    if (!at) return undefined;
    const items = at.boxes.map((_, i) => this.area(i, `${this.areas.label}.items[${i}]`));
    return { items, answers: items.map((item) => item.answerNow(names)) };
  }

  /**
   * load("address"), load("areaCount, cellCount, areas/items/rowIndex"), load("areas") (the
   * areas with every property the host answers for a Range): one load, whose answer — the
   * areas' properties included — counts in the sync's response bytes.
   */
  override load(option?: LoadOption): this {
    const paths = selectPaths(option, "RangeAreas") ?? this.scalars();
    const own: string[] = [];
    let areaNames: string[] | undefined;
    for (const p of paths) {
      if (p === "areas") areaNames = [...(areaNames ?? []), ...RANGE_SCALARS];
      else if (p.startsWith("areas/")) areaNames = [...(areaNames ?? []), p.slice("areas/".length)];
      else own.push(p);
    }
    let pending: Record<string, unknown> = {};
    let areas: ReturnType<HostRangeAreas["answerAreas"]>;
    this.ctx.load(
      { load: this.label, names: paths },
      () => {
        pending = this.ctx.host.answered(this.answer(own));
        areas = areaNames ? this.answerAreas(unique(areaNames)) : undefined;
        return areas ? { ...pending, areas: { items: areas.answers } } : pending;
      },
      () => {
        this.receive(pending);
        if (areas) this.areas.receiveItems(areas.items, areas.answers);
      },
    );
    return this;
  }

  /**
   * RangeAreas.getEntireRow() (ExcelApi 1.9): "Returns a RangeAreas object that represents the
   * entire rows of the RangeAreas (for example, if the current RangeAreas represents cells
   * "B4:E11", it returns a RangeAreas that represents rows "4:11")". Each area becomes its
   * rows, one area for one: whether Excel merges areas that now overlap or touch is not
   * documented, so the adapter takes any cut (and the same row in two areas).
   */
  getEntireRow(): HostRangeAreas {
    return this.derive("getEntireRow()", (at) => ({
      sheet: at.sheet,
      boxes: at.boxes.map((b) => ({ row: b.row, rows: b.rows, col: 0, cols: 16_384 })),
    }));
  }

  /**
   * RangeAreas.getIntersectionOrNullObject(anotherRange) (ExcelApi 1.9): "the intersection of
   * the given ranges or RangeAreas. If no intersection is found, then this method returns an
   * object with its isNullObject property set to true." Each area cut to the range; the
   * areas left empty dropped. Only a Range on the same sheet is modelled (a RangeAreas or an
   * address string is refused: the adapter passes neither).
   */
  getIntersectionOrNullObject(anotherRange: unknown): HostRangeAreas {
    if (!(anotherRange instanceof HostRange))
      throw new RichApiError(
        "InvalidArgument",
        `${this.label}.getIntersectionOrNullObject: the host models a Range argument only.`,
      );
    const label = `getIntersectionOrNullObject(${anotherRange.label})`;
    return this.derive(label, (at) => {
      const other = anotherRange.locate();
      if (!other || other.sheet !== at.sheet)
        throw new RichApiError(
          "InvalidArgument",
          `${this.label}.${label}: the range is not on ${at.sheet.name} (or is a null object); Excel's answer is not documented.`,
        );
      const o = other.box;
      const boxes = at.boxes.flatMap((b) => {
        const row = Math.max(b.row, o.row);
        const col = Math.max(b.col, o.col);
        const rows = Math.min(b.row + b.rows, o.row + o.rows) - row;
        const cols = Math.min(b.col + b.cols, o.col + o.cols) - col;
        return rows > 0 && cols > 0 ? [{ row, col, rows, cols }] : [];
      });
      return boxes.length ? { sheet: at.sheet, boxes } : null;
    });
  }

  /**
   * A RangeAreas made from this one when the batch runs. Called on a null object (findAll
   * found nothing), it is refused: Office.js documents what a null object's properties
   * answer, not what its methods return.
   */
  private derive(
    label: string,
    make: (at: { sheet: SheetStore; boxes: Box[] }) => { sheet: SheetStore; boxes: Box[] } | null,
  ): HostRangeAreas {
    return new HostRangeAreas(
      this.ctx,
      () => {
        const at = this.locate();
        if (!at)
          throw new RichApiError(
            "InvalidOperation",
            `${this.label}.${label}: called on a null object; what Excel returns for a null object's methods is not documented, so the host refuses.`,
          );
        return make(at);
      },
      `${this.label}.${label}`,
    );
  }

  get address(): string {
    return this.prop("address");
  }
  get areaCount(): number {
    return this.prop("areaCount");
  }
  get cellCount(): number {
    return this.prop("cellCount");
  }
}

/**
 * RangeAreas members Office.js has and the host does not model: touching one throws at once,
 * naming it, rather than pretending (the adapter reads rows from `areas` and writes through
 * ranges it addresses itself).
 */
const UNMODELLED = [
  "addressLocal",
  "isEntireColumn",
  "isEntireRow",
  "style",
  "format",
  "dataValidation",
  "conditionalFormats",
  "worksheet",
  "calculate",
  "clear",
  "convertDataTypeToText",
  "convertToLinkedDataType",
  "copyFrom",
  "getEntireColumn",
  "getIntersection",
  "getOffsetRangeAreas",
  "getSpecialCells",
  "getSpecialCellsOrNullObject",
  "getTables",
  "getUsedRangeAreas",
  "getUsedRangeAreasOrNullObject",
  "set",
  "setDirty",
  "track",
  "untrack",
];
for (const name of UNMODELLED)
  Object.defineProperty(HostRangeAreas.prototype, name, {
    get() {
      throw new RichApiError("InvalidOperation", `The host does not model RangeAreas.${name}.`);
    },
  });

/** RangeAreas.areas: `items` once loaded, `getCount()`, `getItemAt(index)`. */
export class HostRangeCollection extends ClientObject {
  private list: HostRange[] | undefined;

  constructor(
    ctx: HostContext,
    private readonly owner: HostRangeAreas,
    readonly label: string,
  ) {
    super(ctx, "RangeCollection");
  }

  protected path(): string {
    return this.label;
  }
  protected scalars(): string[] {
    return [...RANGE_SCALARS];
  }
  protected answer(): Record<string, unknown> {
    return {};
  }

  /** load("items/rowIndex,items/rowCount"), load("rowIndex"), load() or load("items"): the items with those properties. */
  override load(option?: LoadOption): this {
    const paths = selectPaths(option, "RangeCollection") ?? ["*"];
    const names = unique(paths.flatMap((p) => (p === "*" ? [...RANGE_SCALARS] : [p])));
    let areas: ReturnType<HostRangeAreas["answerAreas"]>;
    this.ctx.load(
      { load: this.label, names },
      () => {
        areas = this.owner.answerAreas(names);
        return areas ? { items: areas.answers } : {};
      },
      () => {
        if (areas) this.receiveItems(areas.items, areas.answers);
      },
    );
    return this;
  }

  /** @internal The items of a load, each with its properties. */
  receiveItems(items: HostRange[], answers: Record<string, unknown>[]): void {
    items.forEach((item, i) => item.receive(answers[i]!));
    this.list = items;
  }

  get items(): HostRange[] {
    if (!this.list) throw propertyNotLoaded("items", "RangeCollection");
    return this.list;
  }

  /** RangeCollection.getCount() (ExcelApi 1.9): the number of areas, read after the sync. */
  getCount(): HostClientResult<number> {
    const result = new HostClientResult<number>();
    let count = 0;
    this.ctx.load(
      { call: `${this.label}.getCount()` },
      () => {
        const at = this.owner.locate();
        if (!at)
          throw new RichApiError("ItemNotFound", `The requested resource doesn't exist: ${this.label}.`);
        return (count = at.boxes.length);
      },
      () => result.settle(count),
    );
    return result;
  }

  /** RangeCollection.getItemAt(index) (ExcelApi 1.9), zero-based. */
  getItemAt(index: number): HostRange {
    return this.owner.area(index, `${this.label}.getItemAt(${index})`);
  }
}

/** WorksheetSearchCriteria as given: only its two booleans, each false when left out. */
function criteriaOf(label: string, criteria: unknown): { completeMatch: boolean; matchCase: boolean } {
  if (criteria === undefined || criteria === null) return { completeMatch: false, matchCase: false };
  if (typeof criteria !== "object")
    throw new RichApiError("InvalidArgument", `${label}: the search criteria must be an object.`);
  for (const [key, value] of Object.entries(criteria)) {
    if (key !== "completeMatch" && key !== "matchCase")
      throw new RichApiError(
        "InvalidArgument",
        `${label}: Excel.WorksheetSearchCriteria has completeMatch and matchCase only, not ${key}.`,
      );
    if (value !== undefined && typeof value !== "boolean")
      throw new RichApiError("InvalidArgument", `${label}: ${key} must be true or false.`);
  }
  const { completeMatch = false, matchCase = false } = criteria as WorksheetSearchCriteria;
  return { completeMatch, matchCase };
}

/**
 * Worksheet.findAll / findAllOrNullObject: every cell of the sheet whose shown contents
 * match, found where the call stands in the batch (Office.js instantiates the returned
 * object there), on this co-author's view as it is then. No match: ItemNotFound, or a null
 * object. "Content in hidden worksheets is not returned": a hidden (or very hidden) sheet
 * finds nothing. Refused where Excel's answer is not documented: wildcards, a match in a
 * hidden column, and using the result after cells of its sheet moved or other co-authors'
 * changes reached the view.
 */
export function searchSheet(
  ctx: HostContext,
  sheetOf: () => SheetStore,
  owner: string,
  method: "findAll" | "findAllOrNullObject",
  text: string,
  criteria: WorksheetSearchCriteria,
): HostRangeAreas {
  const label = `${owner}.${method}(${JSON.stringify(text)})`;
  let found: { sheet: SheetStore; boxes: Box[]; moves: number } | null | undefined;
  ctx.instantiate({ call: label, args: [text, criteria] }, () => {
    checkSearchText(label, text);
    const { completeMatch, matchCase } = criteriaOf(label, criteria);
    const sheet = sheetOf();
    const matches = cellMatcher(text, completeMatch, matchCase);
    const cells: Cell[] = [];
    if (sheet.visibility === "Visible")
      sheet.rows.forEach((row, r) =>
        row?.forEach((value, c) => {
          if (matches(value, sheet.numberFormat(r, c))) cells.push({ row: r, col: c });
        }),
      );
    const hidden = cells.find((c) => sheet.hiddenColumns.has(c.col));
    if (hidden)
      throw new RichApiError(
        "InvalidOperation",
        `${label}: ${qualify(sheet.name, { ...hidden, rows: 1, cols: 1 })} matches in a hidden column; whether Excel's search returns cells hidden from view is not documented, so the host does not guess.`,
      );
    if (cells.length === 0) {
      if (method === "findAll")
        throw new RichApiError("ItemNotFound", `The requested resource doesn't exist: ${label}.`);
      found = null;
      return;
    }
    found = { sheet, boxes: splitIntoAreas(cells, ctx.host.findAllAreas), moves: sheet.moves };
  });
  return new HostRangeAreas(
    ctx,
    () => {
      if (found === undefined)
        throw new RichApiError("InvalidOperation", `${label}: used before the batch reached the search.`);
      if (found === null) return null;
      if (!ctx.host.store.sheets.includes(found.sheet))
        throw new RichApiError(
          "InvalidOperation",
          `${label}: ${found.sheet.name} is not the sheet this view held when the search ran (it was deleted, or other co-authors' changes have arrived since); the host does not know whether Excel's found ranges follow cells moved by them.`,
        );
      if (found.sheet.moves !== found.moves)
        throw new RichApiError(
          "InvalidOperation",
          `${label}: cells of ${found.sheet.name} moved after these cells were found; the host does not know whether Excel moves the found ranges with their cells.`,
        );
      return { sheet: found.sheet, boxes: found.boxes };
    },
    label,
  );
}
