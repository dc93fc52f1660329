/**
 * The adapter's side of reading what an action needs (domain/partial-read.ts): headers and
 * sizes, then the needed columns and the small sheets whole, then the rows the columns
 * pick — three batches whatever the workbook holds (each chunked under the payload limit on
 * the web), and never a whole large sheet.
 */
import { asRead } from "../domain/records";
import { findSheet } from "../domain/layout";
import {
  neededColumns,
  partialSnapshot,
  narrowSpan,
  rowsToRead,
  type ColumnsOf,
  type Need,
  type SheetParts,
  wholeColumns,
} from "../domain/partial-read";
import type { Cell, Snapshot } from "../domain/workbook";
import { ReadShifted, type Block, type Book } from "./book";
import { cellText } from "../domain/validate/text";

export async function readNeeds(
  book: Book,
  needs: Need[],
  /** Sheets, by name, of which only how far they reach is needed (a sheet the plan rebuilds). */
  alsoSized: (sheetNames: string[]) => string[] = () => [],
): Promise<Snapshot> {
  return (await readNeedsUnless(book, needs, alsoSized))!;
}

/** `readNeeds`, with sheets read whole besides, stopping after the headers where the plan will need everything anyway. */
export function readNeedsUnless(
  book: Book,
  needs: Need[],
  alsoSized: (sheetNames: string[]) => string[] = () => [],
  /** Sheets, by name, read whole besides (the printouts a destruction clears a customer's lines from). */
  alsoWhole: (sheetNames: string[]) => string[] = () => [],
  /** Whether, by the sheets there are, the plan will need everything anyway. */
  wholeAnyway: (sheetNames: string[]) => boolean = () => false,
): Promise<Snapshot | undefined> {
  // Three batches: a sheet deleted between them starts the read again (Book.steady).
  return book.steady(() => readNeedsOnce(book, needs, alsoSized, alsoWhole, wholeAnyway));
}

async function readNeedsOnce(
  book: Book,
  needs: Need[],
  alsoSized: (sheetNames: string[]) => string[],
  alsoWhole: (sheetNames: string[]) => string[],
  wholeAnyway: (sheetNames: string[]) => boolean,
): Promise<Snapshot | undefined> {
  const heads = await book.readHeaders((names) => [
    ...needs.map((n) => findSheet(n.schema, names)?.name).filter((n): n is string => !!n),
    ...alsoSized(names),
    ...alsoWhole(names),
  ]);
  if (wholeAnyway(heads.sheetNames)) return undefined;
  const extra = alsoWhole(heads.sheetNames).filter((name) => heads.sheets[name]);
  const size = (name: string) => heads.sizes?.[name] ?? { rows: 0, cols: 0 };
  const header = (name: string) => heads.sheets[name]?.values[0] ?? [];
  const located = needs
    .map((need) => ({ need, name: findSheet(need.schema, heads.sheetNames)?.name }))
    .filter((n): n is { need: Need; name: string } => !!n.name);

  // The columns, the small sheets whole.
  const columnBlocks: { name: string; key: string; block: Block }[] = [];
  for (const { need, name } of located)
    if (!need.whole)
      for (const { key, col } of neededColumns(need, header(name)))
        columnBlocks.push({
          name,
          key,
          block: { sheet: name, row: 1, col, rows: Math.max(0, size(name).rows - 1), cols: 1 },
        });
  const wholeNames = [...located.filter(({ need }) => need.whole).map(({ name }) => name), ...extra];
  const first = await book.readBlocks([
    ...columnBlocks.map((c) => c.block),
    ...wholeNames.map((sheet) => ({ sheet, row: 0, col: 0, rows: size(sheet).rows, cols: size(sheet).cols })),
  ]);
  const parts: Record<string, SheetParts> = {};
  for (const { need, name } of located)
    if (!need.whole) parts[name] = { header: header(name), size: size(name), columns: {}, rows: new Map() };
  columnBlocks.forEach(({ name, key }, i) => {
    parts[name]!.columns[key] = first[i]!.map((row) => row[0] ?? "");
  });
  const whole: Record<string, Cell[][]> = {};
  wholeNames.forEach((name, i) => (whole[name] = first[columnBlocks.length + i]!));

  // The rows the columns picked, whole; a run of neighbouring rows is one block.
  // Of a sheet read whole (the Loan log), its columns as the same cells.
  const wholeAsColumns = new Map<string, ReturnType<typeof wholeColumns>>();
  const others: ColumnsOf = (schema) => {
    const name = findSheet(schema, heads.sheetNames)?.name ?? "";
    const part = parts[name];
    if (part) return { columns: part.columns, height: part.size.rows };
    if (!whole[name]) return undefined;
    if (!wholeAsColumns.has(name)) wholeAsColumns.set(name, wholeColumns(schema, whole[name]));
    return wholeAsColumns.get(name);
  };
  // Rows a need reads only across some columns (a look's rows of the log) are placed in a
  // row as wide as the sheet, the rest of it blank: what was not read is empty, as ever.
  const rowBlocks: { name: string; row: number; block: Block }[] = [];
  for (const { need, name } of located) {
    if (need.whole) continue;
    const { whole: wholeRows, narrow } = rowsToRead(need, parts[name]!, others);
    const span = narrowSpan(need, header(name));
    for (const [rowsOf, col, cols] of [
      [wholeRows, 0, size(name).cols],
      [narrow, span?.col ?? 0, span?.cols ?? size(name).cols],
    ] as const) {
      let run: { name: string; row: number; block: Block } | undefined;
      for (const r of rowsOf) {
        if (run && run.row + run.block.rows === r) run.block.rows++;
        else {
          run = { name, row: r, block: { sheet: name, row: r, col, rows: 1, cols } };
          rowBlocks.push(run);
        }
      }
    }
  }
  const rows = await book.readBlocks(rowBlocks.map((b) => b.block));
  rowBlocks.forEach(({ name, row, block }, i) =>
    rows[i]!.forEach((cells, k) => {
      const full = block.col === 0 && block.cols === size(name).cols;
      parts[name]!.rows.set(
        row + k,
        full ? cells : Array.from({ length: size(name).cols }, (_, c) => cells[c - block.col] ?? ""),
      );
    }),
  );
  // A co-author's rows deleted or inserted between the column read and the row read move the
  // rows under it: a row picked for what its columns said must still say it, or the read
  // starts again (Book.steady) — never a plan made on someone else's row.
  for (const { need, name } of located) {
    if (need.whole) continue;
    const part = parts[name]!;
    const keys = neededColumns(need, part.header);
    for (const [r, cells] of part.rows)
      for (const { key, col } of keys)
        if (cellText(cells[col] ?? "") !== cellText(part.columns[key]?.[r - 1] ?? ""))
          throw new ReadShifted(name, book.lang);
  }
  const snapshot = partialSnapshot(heads.sheetNames, needs, parts, whole);
  for (const name of extra) snapshot.sheets[name] = { name, values: whole[name] ?? [] };
  snapshot.sizes = { ...heads.sizes, ...snapshot.sizes };
  snapshot.states = heads.states;
  asRead(snapshot);
  // Sheets the plan rewrites in part: their header rows now, their rows when the plan asks (MoreRows).
  snapshot.parts = Object.fromEntries(
    alsoSized(heads.sheetNames)
      .filter((name) => heads.sheets[name])
      .map((name) => [name, { header: header(name), rows: new Map<number, Cell[]>() }]),
  );
  return snapshot;
}
