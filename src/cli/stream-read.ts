/**
 * Reading a workbook file without holding ExcelJS's model of it (issue 15): each sheet is
 * parsed row by row by ExcelJS's streaming worksheet reader and only the values the domain
 * reads are kept — the same Snapshot `snapshotOf(openBook(path))` gives, at a fraction of
 * the memory (`npm run bench -- --only cli` prints both). For commands that only read
 * (`validate`).
 *
 * The zip is opened with JSZip (the file's compressed bytes in memory, each part inflated
 * as it is read) and its parts are fed in the order the reader needs them: ExcelJS's own
 * streaming WorkbookReader takes the parts in the order they lie in the file, and on the
 * files ExcelJS itself writes (sheets first, the workbook part last) it fails before the
 * first sheet ("Cannot read properties of undefined (reading 'sheets')").
 * Where a part cannot be found, or a cell's value is lost to the stream (a formula with
 * no cached result, or an error as its result: the stream tells neither), the caller reads the file whole: never a snapshot with a
 * sheet missing or a cell shown other than as Excel shows it.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import type { Readable } from "node:stream";
import type { Cell, Snapshot } from "../domain/workbook";
import { asRead } from "../domain/records";
import { joinLog } from "../domain/log-segments";
import { Transform } from "node:stream";
import { sheetParts, sheetVisibility } from "./kept-parts";
import { cellValue } from "./xlsx";

/** The parts of ExcelJS's WorkbookReader this reads through (exceljs/lib/stream/xlsx/workbook-reader.js). */
interface ReaderParts {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseWorksheet(
    iterator: AsyncIterable<unknown>,
    sheetNo: string,
  ): Iterable<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
  sharedStrings?: unknown[];
}

function withoutResult(v: ExcelJS.CellValue): boolean {
  if (typeof v !== "object" || v === null || !("formula" in v || "sharedFormula" in v)) return false;
  const result = (v as ExcelJS.CellFormulaValue).result;
  return result === undefined || result === null || (typeof result === "number" && Number.isNaN(result));
}

export async function streamSnapshot(path: string): Promise<Snapshot | undefined> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  // As text: ExcelJS decodes each chunk of bytes by itself, so a character whose UTF-8
  // bytes two chunks split would read as U+FFFD (a name in Chinese, 1 row in 1,000 or so).
  const part = (name: string) => (zip.file(name)?.nodeStream() as Readable | undefined)?.setEncoding("utf8");
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: "emit",
    sharedStrings: "cache",
    // Styles unread: a date cell reads as its serial day number, as Office.js gives it.
    styles: "ignore",
    hyperlinks: "ignore",
    entries: "ignore",
  }) as unknown as ReaderParts;
  const rels = part("xl/_rels/workbook.xml.rels");
  const workbook = part("xl/workbook.xml");
  if (!rels || !workbook) return undefined;
  await reader._parseRels(rels);
  await reader._parseWorkbook(workbook);
  const strings = part("xl/sharedStrings.xml");
  // Drained for its effect: the reader keeps the strings the sheets refer to.
  if (strings) for await (const event of reader._parseSharedStrings(strings)) void event;
  else reader.sharedStrings = [];

  const snapshot: Snapshot = { sheetNames: [], sheets: {}, states: {} };
  const visibility = await sheetVisibility(zip);
  for (const [name, file] of await sheetParts(zip)) {
    const source = part(file);
    if (!source) return undefined;
    // Whether the sheet is protected (kept-sheets.ts): seen as the part streams past.
    const protection = { on: false };
    const xml = source.pipe(protectionTap(protection)).setEncoding("utf8");
    // The part itself as the iterator: read as fast as it is parsed, never inflated whole ahead.
    const [event] = [...reader._parseWorksheet(xml, "0")];
    if (!event) return undefined;
    const rows: Cell[][] = [];
    let width = 0;
    for await (const row of event.value) {
      const line: Cell[] = [];
      // `row.values` is 1-based and sparse: a missing cell reads "".
      const cells = row.values as ExcelJS.CellValue[];
      for (let c = 1; c < cells.length; c++) {
        // A formula whose cached result is an error (t="e") reaches the stream with no
        // result, like one saved without a result: the stream cannot tell "#N/A" from
        // "=NA()", so the file is read whole.
        if (withoutResult(cells[c])) return undefined;
        line.push(cellValue(cells[c]));
      }
      width = Math.max(width, row.cellCount);
      rows[row.number - 1] = line;
    }
    // As `snapshotOf`: every row as wide as the widest, from A1, trailing empty rows dropped.
    const values: Cell[][] = [];
    for (let r = 0; r < rows.length; r++) {
      const line = rows[r] ?? [];
      while (line.length < width) line.push("");
      values.push(line);
    }
    while (values.length && values.at(-1)!.every((v) => v === "")) values.pop();
    snapshot.sheetNames.push(name);
    snapshot.sheets[name] = { name, values };
    // Drained: the protection element stands after the rows.
    for await (const chunk of xml) void chunk;
    snapshot.states![name] = { visibility: visibility.get(name) ?? "Visible", protected: protection.on };
  }
  // The Change log's segments, joined into the one log the core reads (log-segments.ts).
  return asRead(joinLog(snapshot));
}

/**
 * Passes a worksheet part through unchanged, noting a `<sheetProtection sheet="1">` as it
 * goes by (a tag split between two chunks is found in the overlap kept from the last).
 */
function protectionTap(found: { on: boolean }): Transform {
  let tail = "";
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const text = tail + (typeof chunk === "string" ? chunk : chunk.toString("latin1"));
      if (/<sheetProtection\b[^>]*\bsheet="(?:1|true)"/.test(text)) found.on = true;
      tail = text.slice(-2000);
      done(null, chunk);
    },
  });
}
