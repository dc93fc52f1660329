/**
 * The workbook as an .xlsx file: read into the domain's Snapshot, and the domain's writes
 * applied with ExcelJS — the file-side twin of src/excel/book.ts, so the command-line tool
 * and the add-in run the same plans.
 */
import ExcelJS from "exceljs";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { putBackValidations, takeOutValidations, type KeptValidations } from "./kept-parts";
import { asRead } from "../domain/records";
import { SegmentMap, joinLog, logSegmentNames, segmentWrites } from "../domain/log-segments";
import type { Cell, Snapshot, Write } from "../domain/workbook";
import { fitPageTexts } from "../domain/page-text";

/** Excel's serial day number for a date ExcelJS read (it reads dates as UTC midnight). */
export function dateToSerial(d: Date): number {
  return d.getTime() / 86_400_000 + 25_569;
}

export function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return "";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return dateToSerial(v);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    // A formula's cached result is what Excel shows; without one, the formula itself, which
    // Validate reports (cell.formula) instead of passing "[object Object]" on.
    if ("formula" in v || "sharedFormula" in v) {
      const f = v as ExcelJS.CellFormulaValue & { sharedFormula?: string };
      const result = f.result as ExcelJS.CellValue | undefined;
      if (result !== undefined && result !== null) return cellValue(result);
      return `=${f.formula ?? f.sharedFormula ?? ""}`;
    }
    if ("result" in v)
      return cellValue((v as unknown as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ("error" in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return String(v);
}

/** The data validations taken out of each opened file, to be put back when it is written (kept-parts.ts). */
const keptOf = new WeakMap<ExcelJS.Workbook, KeptValidations>();

/**
 * Opens an .xlsx file. Its data validations are taken out as text before ExcelJS reads it
 * (ExcelJS would expand a whole-column rule cell by cell) and put back by `writeBook`.
 */
export async function openBook(path: string): Promise<ExcelJS.Workbook> {
  const { file, kept } = await takeOutValidations(readFileSync(path));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  keptOf.set(wb, kept);
  return wb;
}

/** Writes the workbook with the data validations it was opened with (those the tool did not write again). */
export async function writeBook(wb: ExcelJS.Workbook, path: string): Promise<void> {
  const written = Buffer.from(await wb.xlsx.writeBuffer());
  const bytes = await putBackValidations(written, keptOf.get(wb) ?? new Map());
  // Beside it first, then in its place: a write that fails leaves the file as it was.
  const next = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(next, bytes);
    renameSync(next, path);
  } finally {
    rmSync(next, { force: true });
  }
}

/** Every sheet's values from A1 to the end of its used range, as the adapter reads them. */
export function snapshotOf(wb: ExcelJS.Workbook): Snapshot {
  const snapshot: Snapshot = { sheetNames: [], sheets: {} };
  for (const ws of wb.worksheets) {
    snapshot.sheetNames.push(ws.name);
    const height = ws.actualRowCount ? ws.rowCount : 0;
    const width = ws.columnCount;
    const values: Cell[][] = [];
    for (let r = 1; r <= height; r++) {
      const row = ws.getRow(r);
      const line: Cell[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        // A merged block holds its value in its top-left cell only, as Office.js reads it.
        line.push(cell.isMerged && cell.master !== cell ? "" : cellValue(cell.value));
      }
      values.push(line);
    }
    while (values.length && values.at(-1)!.every((v) => v === "")) values.pop();
    snapshot.sheets[ws.name] = { name: ws.name, values };
    (snapshot.states ??= {})[ws.name] = {
      visibility: ws.state === "veryHidden" ? "VeryHidden" : ws.state === "hidden" ? "Hidden" : "Visible",
      protected: !!(ws as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection?.sheet,
    };
  }
  // The Change log's segments, joined into the one log the core reads (log-segments.ts).
  return asRead(joinLog(snapshot));
}

/**
 * The plan's writes to the Change log (the core's one log) as writes to its segments'
 * sheets, a new segment added where an append would go past the last one's end
 * (log-segments.ts), as the pane's adapter does.
 */
function toSegments(wb: ExcelJS.Workbook, writes: Write[]): Write[] {
  const names = logSegmentNames(wb.worksheets.map((ws) => ws.name));
  if (!names.length || !writes.some((w) => w.sheet === names[0])) return writes;
  const heightOf = (ws: ExcelJS.Worksheet) => {
    let r = ws.actualRowCount ? ws.rowCount : 0;
    while (r > 0 && !ws.getRow(r).hasValues) r--;
    return r;
  };
  const sheets = names.map((n) => wb.getWorksheet(n)!);
  const map = new SegmentMap(sheets.map((ws, i) => ({ sheet: names[i]!, height: heightOf(ws) })));
  const header: Cell[] = [];
  sheets[0]!.getRow(1).eachCell({ includeEmpty: true }, (cell, c) => (header[c - 1] = cellValue(cell.value)));
  const states = Object.fromEntries(
    sheets.map((ws, i) => [
      names[i]!,
      {
        visibility: (ws.state === "veryHidden"
          ? "VeryHidden"
          : ws.state === "hidden"
            ? "Hidden"
            : "Visible") as "VeryHidden" | "Hidden" | "Visible",
        protected: !!(ws as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection?.sheet,
      },
    ]),
  );
  const { opening, writes: out } = segmentWrites(map, writes, {
    header: [...header].map((h) => h ?? ""),
    states,
  });
  return [...opening, ...out];
}

/**
 * How far down a written file's product rules reach: 20,000 rows, or twice the rows the
 * sheet holds, whichever is more (a file rewritten by the tool later extends them again).
 */
export const VALIDATED_ROWS = 20_000;

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;
const CHARS_PER_POINT = 1;

/** Applies the domain's writes to the workbook, in order, as the adapter does in Excel. */
export async function applyWrites(wb: ExcelJS.Workbook, planned: Write[]): Promise<void> {
  const writes = toSegments(wb, planned);
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`no sheet ${name}`);
    return ws;
  };
  for (const w of writes) {
    switch (w.kind) {
      case "addSheet":
        wb.addWorksheet(w.sheet, w.tabColor ? { properties: { tabColor: { argb: argb(w.tabColor) } } } : {});
        break;
      case "values": {
        const ws = sheet(w.sheet);
        w.values.forEach((row, r) =>
          row.forEach((v, c) => {
            ws.getCell(w.row + r + 1, w.col + c + 1).value = v === "" ? null : v;
          }),
        );
        break;
      }
      case "columnFormat": {
        const column = sheet(w.sheet).getColumn(w.col + 1);
        column.numFmt = w.numberFormat;
        if (w.width !== undefined) column.width = w.width * CHARS_PER_POINT;
        break;
      }
      case "headerStyle":
      case "style": {
        const ws = sheet(w.sheet);
        const rows = w.kind === "style" ? w.rows : 1;
        const cols = w.kind === "style" ? w.cols : w.count;
        for (let r = w.row + 1; r <= w.row + rows; r++) {
          for (let c = w.col + 1; c <= w.col + cols; c++) {
            const cell = ws.getCell(r, c);
            if (w.kind === "headerStyle") {
              cell.font = { ...cell.font, bold: true };
              cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb("#DDEBF7") } };
              cell.alignment = { wrapText: true, vertical: "middle" };
            } else {
              cell.font = { ...cell.font, bold: w.bold, ...(w.size ? { size: w.size } : {}) };
              cell.fill =
                w.fill === "none"
                  ? { type: "pattern", pattern: "none" }
                  : { type: "pattern", pattern: "solid", fgColor: { argb: argb(w.fill) } };
            }
          }
        }
        break;
      }
      case "cellFormat": {
        const ws = sheet(w.sheet);
        for (let r = w.row + 1; r <= w.row + w.rows; r++) {
          if (w.rowHeight !== undefined) ws.getRow(r).height = w.rowHeight;
          for (let c = w.col + 1; c <= w.col + w.cols; c++) {
            const cell = ws.getCell(r, c);
            cell.alignment = {
              ...cell.alignment,
              wrapText: w.wrap,
              ...(w.vertical ? { vertical: w.vertical === "Top" ? "top" : "middle" } : {}),
            };
          }
        }
        break;
      }
      case "freezeRows":
        sheet(w.sheet).views = [{ state: "frozen", ySplit: w.count, xSplit: 0 }];
        break;
      case "validation": {
        const ws = sheet(w.sheet) as ExcelJS.Worksheet & {
          dataValidations: { add(address: string, v: ExcelJS.DataValidation): void };
        };
        const letter = ws.getColumn(w.col + 1).letter;
        const dv = validationOf(w.rule);
        // Over a bounded range: a whole-column rule makes some readers expand it cell by cell.
        const last = Math.max(VALIDATED_ROWS, 2 * ws.rowCount);
        if (dv)
          ws.dataValidations.add(`${letter}2:${letter}${last}`, {
            ...dv,
            allowBlank: true,
            showErrorMessage: true,
            errorStyle: "stop",
            errorTitle: w.error.title,
            error: w.error.message,
          });
        break;
      }
      case "activate": {
        const index = wb.worksheets.findIndex((s) => s.name === w.sheet);
        wb.views = [{ activeTab: index } as ExcelJS.WorkbookView];
        break;
      }
      case "deleteRows":
        sheet(w.sheet).spliceRows(w.row + 1, w.count);
        break;
      case "insertRows": {
        // Cells of the first `cols` columns move down; the cells right of them stay.
        const ws = sheet(w.sheet);
        for (let r = ws.rowCount; r >= w.row + 1; r--)
          for (let c = 1; c <= w.cols; c++) {
            ws.getCell(r + w.count, c).value = ws.getCell(r, c).value;
            ws.getCell(r, c).value = null;
          }
        break;
      }
      case "hideColumns":
        for (let c = w.col + 1; c <= w.col + w.count; c++) sheet(w.sheet).getColumn(c).hidden = true;
        break;
      case "clear": {
        const ws = sheet(w.sheet);
        for (let r = w.row + 1; r <= Math.min(ws.rowCount, w.row + w.rows); r++)
          for (let c = w.col + 1; c <= w.col + w.cols; c++) ws.getCell(r, c).value = null;
        break;
      }
      case "pageLayout": {
        const ws = sheet(w.sheet);
        ws.pageSetup = {
          ...ws.pageSetup,
          paperSize: 9, // A4
          orientation: w.orientation === "Landscape" ? "landscape" : "portrait",
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: w.pagesTall ?? 0,
          ...(w.printTitleRows ? { printTitlesRow: w.printTitleRows.replace(/\$/g, "") } : {}),
          printArea: w.printArea,
          margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
        };
        const [, header] = fitPageTexts([[], w.centerHeader, []]);
        const [left, center, right] = fitPageTexts([w.leftFooter, w.centerFooter, w.rightFooter]);
        ws.headerFooter = { oddHeader: `&C${header}`, oddFooter: `&L${left}&C${center}&R${right}` };
        break;
      }
      case "protect":
        await sheet(w.sheet).protect("", { formatColumns: true, autoFilter: true, sort: true });
        break;
      case "unprotect":
        sheet(w.sheet).unprotect();
        break;
      case "visibility":
        sheet(w.sheet).state = ({ Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" } as const)[
          w.value
        ];
        break;
      case "deleteSheet":
        wb.removeWorksheet(sheet(w.sheet).id);
        break;
    }
  }
}

function validationOf(
  rule: Extract<Write, { kind: "validation" }>["rule"],
): ExcelJS.DataValidation | undefined {
  if ("list" in rule) {
    const source = rule.list.source;
    return { type: "list", formulae: [source.startsWith("=") ? source.slice(1) : `"${source}"`] };
  }
  if ("date" in rule) {
    const serial = (iso: string) => dateToSerial(new Date(`${iso}T00:00:00Z`));
    const { formula1, formula2, operator } = rule.date;
    return operator === "Between"
      ? { type: "date", operator: "between", formulae: [serial(formula1), serial(formula2 ?? formula1)] }
      : { type: "date", operator: "greaterThanOrEqual", formulae: [serial(formula1)] };
  }
  if ("textLength" in rule) {
    const { formula1, formula2, operator } = rule.textLength;
    const op = { EqualTo: "equal", Between: "between", LessThanOrEqualTo: "lessThanOrEqual" } as const;
    return {
      type: "textLength",
      operator: op[operator],
      formulae: formula2 === undefined ? [formula1] : [formula1, formula2],
    };
  }
  if ("decimal" in rule)
    return { type: "decimal", operator: "greaterThanOrEqual", formulae: [rule.decimal.formula1] };
  if ("custom" in rule) return { type: "custom", formulae: [rule.custom.formula.replace(/^=/, "")] };
  return undefined;
}
