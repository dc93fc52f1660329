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
import type { Cell, CheckpointBase, Snapshot } from "../domain/workbook";
import { ReadShifted, type Block, type Book, type Counted } from "./book";
import { headerIndex } from "../domain/layout";
import { text } from "../domain/records";
import { changeLog } from "../domain/schema/sheets";
import { closureStaysInSeed } from "../domain/journal/needs";
import {
  CHECKPOINT,
  INDEXED_ACTIONS,
  baseOf,
  lastPlace,
  listedRowsHold,
  placesUpTo,
  timeSpans,
} from "../domain/journal/checkpoints";
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
  // Three batches: a sheet deleted between them starts the read again (Book.steady). A
  // checkpoint whose listed rows do not say what it lists them for is stood on no more.
  let checkpoints = true;
  return book.steady(async () => {
    try {
      return await readNeedsOnce(book, needs, alsoSized, alsoWhole, wholeAnyway, checkpoints);
    } catch (error) {
      if (!(error instanceof ListedRowsDiffer)) throw error;
      checkpoints = false;
      return readNeedsOnce(book, needs, alsoSized, alsoWhole, wholeAnyway, false);
    }
  });
}

/** A checkpoint's listed rows, read, do not say the actions it lists them for. */
class ListedRowsDiffer extends Error {}

async function readNeedsOnce(
  book: Book,
  needs: Need[],
  alsoSized: (sheetNames: string[]) => string[],
  alsoWhole: (sheetNames: string[]) => string[],
  wholeAnyway: (sheetNames: string[]) => boolean,
  checkpoints: boolean,
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

  // The Change log from its last checkpoint down, where a need may stand on one (checkpoints.ts).
  const tails = new Map<Need, Tail>();
  if (checkpoints)
    for (const { need, name } of located) {
      const tail = need.whole ? undefined : tailOf(need, name, header(name), size(name));
      if (tail) tails.set(need, tail);
    }

  // The columns, the small sheets whole.
  const columnBlocks: { name: string; key: string; block: Block; from: number }[] = [];
  for (const { need, name } of located) {
    if (need.whole) continue;
    const tail = tails.get(need);
    const keys = neededColumns(need, header(name));
    for (const { key, col } of tail
      ? [...keys.filter((k) => !tail.keys.has(k.key)), ...tail.columns]
      : keys) {
      const from = tail?.keys.has(key) ? tail.place : 1;
      columnBlocks.push({
        name,
        key,
        from,
        block: { sheet: name, row: from, col, rows: Math.max(0, size(name).rows - from), cols: 1 },
      });
    }
  }
  const wholeNames = [...located.filter(({ need }) => need.whole).map(({ name }) => name), ...extra];
  const tailList = [...tails.values()];
  const first = await book.readBlocks(
    [
      ...columnBlocks.map((c) => c.block),
      ...wholeNames.map((sheet) => ({
        sheet,
        row: 0,
        col: 0,
        rows: size(sheet).rows,
        cols: size(sheet).cols,
      })),
      ...tailList.flatMap((t) => [t.lastRow, ...t.placeBlocks]),
    ],
    tailList.flatMap((t) => [...t.counts, ...t.seedCounts]),
  );
  const parts: Record<string, SheetParts> = {};
  for (const { need, name } of located)
    if (!need.whole) parts[name] = { header: header(name), size: size(name), columns: {}, rows: new Map() };
  columnBlocks.forEach(({ name, key, from }, i) => {
    const cells = first[i]!.map((row) => row[0] ?? "");
    parts[name]!.columns[key] = from === 1 ? cells : [...new Array<Cell>(from - 1).fill(""), ...cells];
  });
  // Each tail: its checkpoint stood on, or the columns above it read after all (one more sync).
  let at = columnBlocks.length + wholeNames.length;
  const above: { tail: Tail; key: string; block: Block }[] = [];
  for (const tail of tailList) {
    const last = first[at++]![0] ?? [];
    const places = tail.placeBlocks.map(() => first[at++]![0] ?? []);
    const base = baseOf(
      tail.place,
      cellsOf(tail.at, last),
      countsOf(tail.counts),
      tail.columns.map((c) => c.key),
      tail.need.pickActions ?? [],
    );
    if (base) {
      tail.base = base;
      tail.lastCells = last;
      tail.places = new Map(
        tail.placeBlocks
          .map((b, i) => [b.row, places[i]!] as const)
          .filter(([, cells]) => text(cellsOf(tail.placeAt, cells).action) === CHECKPOINT),
      );
      // Above it, `action` says the rows the checkpoint lists; nothing else of those columns is known.
      const part = parts[tail.name]!;
      for (const key of tail.keys) part.columns[key] ??= [];
      const action = part.columns.action;
      if (action)
        for (const [name, rows] of Object.entries(base.rows)) for (const r of rows) action[r - 1] = name;
      part.base = base;
      // The closure's columns below the place are its whole when Excel counts none of its
      // requests above and the rows below name no one else; the blocks that hold one are
      // read in the next sync, and everything above when the closure then names anyone else.
      if (tail.seedCounts.length) {
        const hit = new Map<number, Block>();
        for (const c of tail.seedCounts) if (c.count !== 0) hit.set(c.block.row, c.block);
        for (const block of hit.values())
          for (const key of ["customerId", "requestNo"])
            above.push({ tail, key, block: { ...block, col: tail.at[key]! } });
      }
    } else
      for (const { key, col } of neededColumns(tail.need, header(tail.name)))
        if (tail.keys.has(key))
          above.push({ tail, key, block: { sheet: tail.name, row: 1, col, rows: tail.place - 1, cols: 1 } });
  }
  const readAbove = async (blocks: typeof above) => {
    if (!blocks.length) return;
    const more = await book.readBlocks(blocks.map((a) => a.block));
    blocks.forEach(({ tail, key, block }, i) => {
      const column = parts[tail.name]!.columns[key]!;
      more[i]!.forEach((row, r) => (column[block.row - 1 + r] = row[0] ?? ""));
    });
  };
  await readAbove(above);
  // A counted closure that names anyone else than its requests: the columns above, whole.
  const allAbove: typeof above = [];
  for (const tail of tailList) {
    if (!tail.base || !tail.seedCounts.length) continue;
    const part = parts[tail.name]!;
    if (closureStaysInSeed(part.columns, size(tail.name).rows, tail.need.countedSeed!)) continue;
    for (const key of ["customerId", "requestNo"]) {
      allAbove.push({
        tail,
        key,
        block: { sheet: tail.name, row: 1, col: tail.at[key]!, rows: tail.place - 1, cols: 1 },
      });
      tail.keys.delete(key);
      tail.base.columns = tail.base.columns.filter((k) => k !== key);
    }
  }
  await readAbove(allAbove);
  for (const tail of tailList)
    if (!tail.base)
      // Read top to bottom after all: what is not among the need's columns is not kept.
      for (const { key } of tail.columns)
        if (!neededColumns(tail.need, header(tail.name)).some((c) => c.key === key))
          delete parts[tail.name]!.columns[key];
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
  // Above a checkpoint stood on: each row read there needs the times from the checkpoint before it.
  const timeBlocks: { name: string; row: number; col: number; block: Block }[] = [];
  for (const tail of tailList) {
    if (!tail.base) continue;
    const read = rowBlocks
      .filter((b) => b.name === tail.name)
      .flatMap((b) => Array.from({ length: b.block.rows }, (_, k) => b.row + k));
    const time = tail.at.time;
    if (time === undefined) continue;
    for (const [from, to] of timeSpans(read, tail.base.row, new Set(tail.places!.keys())))
      timeBlocks.push({
        name: tail.name,
        row: from,
        col: time,
        block: { sheet: tail.name, row: from, col: time, rows: to - from + 1, cols: 1 },
      });
  }
  const [rows, times] = await book
    .readBlocks([...rowBlocks.map((b) => b.block), ...timeBlocks.map((b) => b.block)])
    .then((all) => [all.slice(0, rowBlocks.length), all.slice(rowBlocks.length)]);
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
    // Above a checkpoint stood on, its columns were not read: nothing there to compare with.
    const unread = part.base && tails.get(need)?.keys;
    for (const [r, cells] of part.rows)
      for (const { key, col } of keys) {
        if (unread && r < part.base!.row && unread.has(key)) continue;
        if (cellText(cells[col] ?? "") !== cellText(part.columns[key]?.[r - 1] ?? ""))
          throw new ReadShifted(name, book.lang);
      }
  }
  for (const tail of tailList) {
    if (!tail.base) continue;
    const part = parts[tail.name]!;
    const actionCol = tail.at.action!;
    if (
      !listedRowsHold(tail.base, (r) => (part.rows.has(r) ? text(part.rows.get(r)![actionCol]) : undefined))
    )
      throw new ListedRowsDiffer();
    // The checkpoints' own rows (their time is the latest above them), the last one whole.
    const width = size(tail.name).cols;
    const widen = (cells: Cell[], col: number) =>
      Array.from({ length: width }, (_, c) => cells[c - col] ?? "");
    for (const [r, cells] of tail.places!)
      if (!part.rows.has(r)) part.rows.set(r, widen(cells, tail.placeCol));
    if (!part.rows.has(tail.place)) part.rows.set(tail.place, widen(tail.lastCells!, 0));
  }
  timeBlocks.forEach(({ name, row, col }, i) =>
    times[i]!.forEach((cells, k) => {
      const part = parts[name]!;
      const r = row + k;
      if (part.rows.has(r)) return;
      const cell = cells[0] ?? "";
      if (cell !== "")
        part.rows.set(
          r,
          Array.from({ length: size(name).cols }, (_, c) => (c === col ? cell : "")),
        );
    }),
  );
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

/** A need's Change log read from its last checkpoint place down: what the first read batch asks for it. */
interface Tail {
  need: Need;
  name: string;
  /** The last checkpoint place. */
  place: number;
  /** The columns read only from the place down (the need's `sinceCheckpoint`). */
  keys: Set<string>;
  columns: { key: string; col: number }[];
  /** Where the log's columns stand. */
  at: Record<string, number | undefined>;
  lastRow: Block;
  /** Each earlier place's cells from `time` to `action`. */
  placeBlocks: Block[];
  placeCol: number;
  placeAt: Record<string, number | undefined>;
  counts: Counted[];
  /** Excel's count of each customer and request the closure starts from, above the place. */
  seedCounts: Counted[];
  base?: CheckpointBase;
  lastCells?: Cell[];
  places?: Map<number, Cell[]>;
}

function tailOf(
  need: Need,
  name: string,
  header: Cell[],
  size: { rows: number; cols: number },
): Tail | undefined {
  if (!need.sinceCheckpoint?.length || need.schema.key !== changeLog.key) return undefined;
  const place = lastPlace(size.rows);
  if (place === undefined) return undefined;
  const at = headerIndex(changeLog, header);
  const { time, action, newValue } = at;
  if (time === undefined || action === undefined || newValue === undefined) return undefined;
  const columns = need.sinceCheckpoint
    .filter((key) => at[key] !== undefined)
    .map((key) => ({ key, col: at[key]! }));
  // The closure's columns too, where its seed can be counted: a few requests (a stamp's), plain
  // IDs Excel reads as text, counted block by block between the places. Customers are not:
  // theirs are rows across years, which the columns read whole find in fewer syncs.
  const seed = need.countedSeed;
  const requests = seed?.requests ?? [];
  const countable =
    !!seed &&
    !seed.customers?.length &&
    requests.length > 0 &&
    requests.length <= COUNTED_REQUESTS &&
    requests.every((key) => /^[A-Za-z][A-Za-z0-9-]{0,30}$/.test(key)) &&
    at.customerId !== undefined &&
    at.requestNo !== undefined;
  if (countable)
    for (const key of ["customerId", "requestNo"])
      if (!columns.some((c) => c.key === key)) columns.push({ key, col: at[key]! });
  const blocks = countable ? blocksAbove(place) : [];
  const seedCounts: Counted[] = blocks.flatMap(([from, rows]) =>
    requests.map((text) => ({ block: { sheet: name, row: from, col: at.requestNo!, rows, cols: 1 }, text })),
  );
  const placeCol = Math.min(time, action);
  const placeCols = Math.abs(time - action) + 1;
  const placeAt = { time: time - placeCol, action: action - placeCol };
  return {
    need,
    name,
    place,
    keys: new Set(columns.map((c) => c.key)),
    columns,
    at,
    // The checkpoint's row up to its claims (not its approval, hash or signature).
    lastRow: {
      sheet: name,
      row: place,
      col: 0,
      rows: 1,
      cols: Math.min(size.cols, Math.max(time, action, newValue) + 1),
    },
    placeBlocks: placesUpTo(place)
      .filter((q) => q < place)
      .map((q) => ({ sheet: name, row: q, col: placeCol, rows: 1, cols: placeCols })),
    placeCol,
    placeAt,
    seedCounts,
    counts: INDEXED_ACTIONS.map((text) => ({
      block: { sheet: name, row: 1, col: action, rows: place - 1, cols: 1 },
      text,
    })),
  };
}

/** At most this many requests are counted block by block (each is one count per 1,000 rows). */
const COUNTED_REQUESTS = 10;

/** The blocks between the places above `place`, as [first row, rows]: [1, C-1], [C, C], … */
function blocksAbove(place: number): [number, number][] {
  return [1, ...placesUpTo(place)]
    .filter((from) => from < place)
    .map((from, i, all) => [from, (all[i + 1] ?? place) - from]);
}

/** A row's cells by the log's keys, from where the columns stand in what was read. */
function cellsOf(at: Record<string, number | undefined>, cells: Cell[]): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const [key, col] of Object.entries(at)) if (col !== undefined) out[key] = cells[col] ?? "";
  return out;
}

const countsOf = (counts: Counted[]) => Object.fromEntries(counts.map((c) => [c.text, c.count ?? -1]));
