/**
 * Reading what an action needs instead of whole sheets (issue 15). An action says, sheet by
 * sheet, what it needs (`Need`): the sheet whole, some columns top to bottom, the rows that
 * the columns pick, the last row. The adapter reads headers and sizes, then the columns,
 * then the picked rows (src/excel/partial.ts), and `partialSnapshot` puts them where they
 * stand: a Snapshot the domain reads as it reads a whole one, rows not read being empty.
 *
 * What a plan decides on a partial snapshot must be what it decides on the whole one. For
 * the trust every plan starts from (book-context.ts) that means the Change log's
 * **trust skeleton** (`logSkeleton`): the time of every row (a logged moment is the latest
 * time up to its row, so every row's time counts), and whole the rows that say who held a
 * key when and which stamping policy was in force (`TRUST_ACTIONS`). The other rows are
 * left out: the only thing taken from them is when a stamp was first logged, and a stamp
 * the read did not meet counts as never logged — judged more strictly, never more kindly
 * (stamps/staff.ts `at`). A row read only for its time carries nothing else, so no plan
 * mistakes it for an act.
 */
import { findSheet, headerIndex } from "./layout";
import { text } from "./records";
import { isIndex } from "./validate/index-cell";
import type { SheetSchema } from "./schema/model";
import { changeLog } from "./schema/sheets";
import type { Cell, CheckpointBase, Snapshot } from "./workbook";

/** Change log actions whose rows the trust every plan starts from is made of (book-context.ts, policy.ts). */
export const TRUST_ACTIONS = new Set(["enrol", "restaff", "revoke", "policy"]);

export interface Need {
  schema: SheetSchema;
  /** The sheet whole (Staff, Settings, the Loan log: small sheets). */
  whole?: boolean;
  /** Columns read top to bottom, by key. */
  columns?: string[];
  /** Which rows to read whole, from the cells of `columns` (and `peek`) on that row. */
  pick?: (cells: Record<string, Cell>) => boolean;
  /** Columns read only to pick rows by: not put into the snapshot. */
  peek?: string[];
  /**
   * Rows to read whole (0-based), chosen from the columns (and `peek`) all at once: where
   * one row's choice depends on others (the journal's rows of a customer, of its requests,
   * of the customers those name, journal/needs.ts).
   */
  choose?: (columns: Record<string, Cell[]>, height: number, others: ColumnsOf) => Iterable<number>;
  /**
   * The columns the rows `choose` adds are read in (from the first of them to the last, as
   * the header places them, with `columns` and `peek`); rows `pick` and `last` add are read
   * whole all the same. Unset: chosen rows are read whole.
   */
  chooseColumns?: string[];
  /**
   * Columns left unread on the rows read whole — blank in the snapshot, like every cell not
   * read: the Register's Stamps for an act that sets other cells of its customers' rows and
   * never looks at their stamps (confirming reviews, marking invalid, a hand-over), whose
   * stamps are four fifths of a row's bytes (issue 15). Never one of the need's own columns.
   */
  notRead?: string[];
  /** The last row read whole (the Change log's chain continues from its hash). */
  last?: boolean;
  /**
   * Of `columns` and `peek`, those the Change log's last checkpoint stands in for above it
   * (journal/checkpoints.ts): read from it down, where one holds. Above it, `action` says
   * only the rows the checkpoint lists, so `pick` may choose by action only among
   * checkpoints.ts INDEXED_ACTIONS; `time` and `op` say nothing there.
   */
  sinceCheckpoint?: string[];
  /**
   * The rows whose `column` says one of `keys` (as the add-in reads a cell: trimmed, case
   * kept), read whole, found by Excel's counts and MATCH rather than by reading the column
   * (excel/partial.ts): the same rows as `peek: [column]` with a `pick` by key (`keyedAsPick`),
   * which is how they are read where Excel's answers do not settle them. With `pick` or
   * `choose`, the rows of both.
   */
  keyed?: {
    column: string;
    keys: readonly string[];
    /**
     * Ask Excel's search for the keys' rows too, in the sync that counts them (at most a
     * round's few IDs, on a sheet shown; excel/partial.ts `takeKeyedFound`): for an act that
     * expects every key on the sheet — an ID found nowhere makes Excel refuse the search, and
     * the sync is sent again without it.
     */
    find?: boolean;
  };
  /**
   * The rows whose cell in `column` — an index the add-in keeps (validate/duplicates.ts
   * `dupIndex`) — holds one of `fragments`, and those whose cell there is no index (a row
   * typed by hand), read whole: found by Excel's counts, block by block, of each fragment
   * and of the cells holding an index; a block they do not settle is read in that column
   * (excel/partial.ts). The same rows as a pick by the column with `searchPick`. A sheet
   * without the column (set up before it) is read as `otherwise` says instead.
   */
  search?: { column: string; fragments: readonly string[]; otherwise: Omit<Need, "schema" | "search"> };
  /** The actions `pick` chooses rows by, which the checkpoint stood on must list. */
  pickActions?: string[];
  /**
   * The customers and requests the Change log's closure starts from (journal/needs.ts), when
   * known before anything is read: where they are few plain IDs, the closure is found by
   * Excel's counts round by round (journal/needs.ts `ClosureSearch`), and `customerId` and
   * `requestNo` are not read top to bottom.
   */
  countedSeed?: { customers?: readonly string[]; requests?: readonly string[] };
  /**
   * The cell of `column` with its highest ID of `prefix`, as ids.ts `nextId` reads an ID: the
   * snapshot's cells of that column give `nextId` what the whole column gives, the column
   * unread where Excel can show nothing on it is higher (excel/partial.ts: the last rows of
   * every such column give the highest ID met, and Excel counts `higherPatterns` of it on
   * each column; one that may hold more is read after all).
   */
  highest?: { column: string; prefix: string };
  /**
   * The rows whose `column` says a customer (or request, by `names`) the Change log's closure
   * names (journal/needs.ts), read whole: where the closure is found by Excel, found by
   * Excel's counts with the closure's own asks, round by round, and the rest of the need
   * (its columns and choice) not read; otherwise the need is read as written, which must
   * give those rows too. Rows any of the columns names are read.
   */
  closureRows?: { column: string; names: "customers" | "requests" }[];
  /**
   * Of `columns` and `peek`, only the blocks (`keyedBlock` rows) where Excel counts a cell of
   * `column` holding one of `contains` (or a number: its text may hold one) are read (a sync
   * before the columns, for the counts; asked again with the columns, and the read starts
   * again where they moved); elsewhere they are blank. So `pick` must choose only rows
   * whose `column` holds one — and `column` be among the need's columns or peeks. Rows read
   * otherwise (keyed, `last`) are read as ever. A year's rows (or a few months') of a log of
   * many years: its other blocks left unread. No text, or one too long for COUNTIF: read as
   * without `within`.
   */
  within?: { column: string; contains: readonly string[] };
}

/** Rows at the end of a `highest` need's column read for the highest ID there. */
export const HIGHEST_GUESS = 128;
let highestGuessRows = HIGHEST_GUESS;
/** The rows read for the guess (HIGHEST_GUESS; tests set fewer, so a small sheet's higher IDs are found by Excel's counts). */
export const highestGuess = () => highestGuessRows;
export function setHighestGuess(rows: number): void {
  highestGuessRows = rows;
}

/** At most this many keys of a need are found by Excel; more, and the column is read (issue 15). */
export const KEYED_MAX = 20;
/** Rows of a column Excel counts a key over at once: a block it settles is never read. */
export const KEYED_BLOCK = 4096;
let keyedBlockRows = KEYED_BLOCK;
/** The block Excel counts over (KEYED_BLOCK; tests set fewer rows, so small logs take every path). */
export const keyedBlock = () => keyedBlockRows;
export function setKeyedBlock(rows: number): void {
  keyedBlockRows = rows;
}

/**
 * Keys Excel can be asked about as they are: IDs as the add-in makes them (a few letters,
 * then digits: C000123, R000045, LX000002) and choices' labels (`plainLabel`), never text
 * with COUNTIF's wildcards or that Excel might read as a number, a date or a logical value
 * ("TRUE", "Mar-1").
 */
export const countableKeys = (keys: readonly string[], least = 1) =>
  keys.length >= least && keys.length <= KEYED_MAX && keys.every((k) => plainId(k) || plainLabel(k));

/** An ID as the add-in makes them: a letter or few, then digits (never a label a sheet may hold on many rows). */
export const plainId = (key: string): boolean => /^[A-Za-z]{1,4}[0-9]{1,12}$/.test(key);

/** Words no month, day or logical value, of three letters or more, between single spaces. */
const NOT_PLAIN =
  /^(true|false|jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?|(mon|tues?|wed(nes)?|thu(rs?)?|fri|sat(ur)?|sun)(day)?|am|pm)$/i;

/**
 * A choice's label Excel keeps as text as it is (待盖章, Awaiting stamps): ideographs alone,
 * or Latin words of three letters or more none of which Excel could read as a month, a day
 * or a logical value.
 */
function plainLabel(key: string): boolean {
  if (/^[\u4E00-\u9FFF]{1,16}$/.test(key)) return true;
  if (!/^[A-Za-z]{3,}( [A-Za-z]{3,}){0,3}$/.test(key)) return false;
  return key.split(" ").every((word) => !NOT_PLAIN.test(word));
}

/**
 * COUNTIF's criterion for the cells holding `fragment` anywhere, its wildcards taken
 * literally (`~*`, `~?`, `~~`); none where it would be longer than the 255 characters
 * COUNTIF takes (a key that long fails the cell checks anyway).
 */
export function containsCriterion(fragment: string): string | undefined {
  const criterion = `*${fragment.replace(/[*?~]/g, "~$&")}*`;
  return criterion.length > 255 ? undefined : criterion;
}

/** The criterion of the cells holding an index the add-in wrote (validate/duplicates.ts `isIndex`). */
export const INDEXED_CRITERION = "|*";

/** What a `search` need picks by its column's cell: no index there, or one holding a fragment (case ignored, as COUNTIF). */
export function searchPick(fragments: readonly string[]): (cell: Cell) => boolean {
  const wanted = fragments.map((f) => f.toLowerCase());
  return (cell) => {
    const t = text(cell);
    if (!isIndex(t)) return true;
    const folded = t.toLowerCase();
    return wanted.some((f) => folded.includes(f));
  };
}

/**
 * What Excel counted over one block of a `search` need's column (rows from `row`, 0-based):
 * the cells holding each fragment, and those holding an index (-1: an answer that never came).
 */
export interface SearchAnswer {
  block: { row: number; rows: number };
  indexed: number;
  fragments: number[];
}

/**
 * The blocks Excel's counts do not settle: where a fragment stands, or a row holds no index.
 * Every other block holds an index on each row and none of the fragments: nothing there to read.
 */
export function searchBlocks(answers: readonly SearchAnswer[]): { row: number; rows: number }[] {
  return answers
    .filter((a) => a.indexed !== a.block.rows || a.fragments.some((n) => n !== 0))
    .map((a) => a.block);
}

/** A keyed need as the need that reads its column and picks by key: what `keyed` means. */
export function keyedAsPick(need: Need): Need {
  if (!need.keyed) return need;
  const { keyed, ...rest } = need;
  const keys = new Set(keyed.keys);
  return {
    ...rest,
    peek: [...(need.peek ?? []), keyed.column],
    pick: (cells) => keys.has(text(cells[keyed.column])) || (need.pick?.(cells) ?? false),
  };
}

/**
 * What Excel answered for one key over one block of a keyed need's column (rows from `row`,
 * 0-based): the cells equal to the key (`exact`, COUNTIF, case ignored), those holding it
 * anywhere (`around`, COUNTIF of `*key*`: a typed space before or after it), and where the
 * first equal one is (`first`, MATCH type 0, from 1; 0 for none).
 */
export interface KeyAnswer {
  key: string;
  block: { row: number; rows: number };
  exact: number;
  around: number;
  first: number;
}

/**
 * The rows Excel's answers settle, and the blocks they do not: a block where a key is
 * exactly once and nowhere else gives its row; where it is nowhere, nothing; otherwise (twice,
 * padded, in another case, or answers that do not add up) the block is read.
 */
export function keyedRows(answers: readonly KeyAnswer[]): {
  rows: Map<number, string>;
  unsettled: { row: number; rows: number }[];
} {
  const rows = new Map<number, string>();
  const unsettled = new Map<number, { row: number; rows: number }>();
  for (const a of answers) {
    if (a.exact === 0 && a.around === 0) continue;
    if (a.exact === 1 && a.around === 1 && a.first >= 1 && a.first <= a.block.rows)
      rows.set(a.block.row + a.first - 1, a.key);
    else unsettled.set(a.block.row, a.block);
  }
  // A row settled for a key in a block read anyway is found again there.
  for (const [r] of rows)
    for (const b of unsettled.values()) if (r >= b.row && r < b.row + b.rows) rows.delete(r);
  return { rows, unsettled: [...unsettled.values()] };
}

/**
 * Whether the rows Excel's search found for a key (any case, in any part of any cell; each
 * row with its cells from column `from` on) are every row Excel's counts put it on, block by
 * block, in column `col`: in each block as many found rows whose cell there is the key, in any
 * case, as Excel counted exactly (COUNTIF), and as many holding it within more text as it
 * counted around it (COUNTIF of *key*). Rows found by another column's cell count for
 * nothing. Excel's search looks at what cells show; the counts at what they hold — where
 * they disagree (a cell formatted to show nothing, a hidden row), the found rows are not
 * every row, and the counts settle the key as before. No answers: nothing to agree with.
 */
export function foundAgrees(
  rows: ReadonlyMap<number, readonly Cell[]>,
  from: number,
  col: number,
  answers: readonly KeyAnswer[],
): boolean {
  if (!answers.length) return false;
  return answers.every((a) => {
    const key = a.key.toLowerCase();
    let exact = 0;
    let around = 0;
    for (const [r, cells] of rows) {
      if (r < a.block.row || r >= a.block.row + a.block.rows) continue;
      const cell = cells[col - from];
      if (typeof cell !== "string") continue;
      const lower = cell.toLowerCase();
      if (lower === key) exact++;
      if (lower.includes(key)) around++;
    }
    return exact === a.exact && around === a.around;
  });
}

/**
 * The Change log's trust skeleton, and the rows `pick` adds (a customer's own rows), with
 * the last row for the chain: what any plan that trusts stamps or seals the log needs of it.
 */
export function logSkeleton(pick?: {
  columns: string[];
  /** Rows picked by their action (among checkpoints.ts INDEXED_ACTIONS: a checkpoint lists them). */
  actions?: ReadonlySet<string>;
  /** Rows picked by the cells of `columns` — never by `action`, which above a checkpoint says only what it lists. */
  rows?: (cells: Record<string, Cell>) => boolean;
}): Need {
  const actions = new Set([...TRUST_ACTIONS, ...(pick?.actions ?? [])]);
  return {
    schema: changeLog,
    columns: ["time", ...(pick?.columns ?? [])],
    peek: ["action"],
    pick: (cells) => actions.has(text(cells.action)) || (pick?.rows?.(cells) ?? false),
    last: true,
    sinceCheckpoint: ["time", "action", "op"],
    pickActions: [...actions],
  };
}

/**
 * Other sheets' columns as read in the same round, for a choice that rests on them (the log's
 * rows about the customers a hand-over finds on the Register's `responsible` column).
 */
export type ColumnsOf = (
  schema: SheetSchema,
) => { columns: Record<string, Cell[]>; height: number } | undefined;

/**
 * A sheet read whole, as the columns a choice rests on (`ColumnsOf`): each of the schema's
 * columns found in its header, from row 1 down (a loan's class and region, for its extract).
 */
export function wholeColumns(
  schema: SheetSchema,
  values: Cell[][],
): { columns: Record<string, Cell[]>; height: number } {
  const columns: Record<string, Cell[]> = {};
  for (const [key, col] of Object.entries(headerIndex(schema, values[0])))
    columns[key] = values.slice(1).map((row) => row[col] ?? "");
  return { columns, height: values.length };
}

type Part = { columns: Record<string, Cell[]>; height: number };

/**
 * What a choice works out from one sheet's columns as read, once per read however many
 * needs ask for it (a request's rows: Intake's own choice, and the log's seed). The read's
 * columns object is the key: a new read computes afresh.
 */
export function oncePerColumns<T>(
  compute: (part: Part, others: ColumnsOf) => T,
): (part: Part, others: ColumnsOf) => T {
  const made = new WeakMap<object, T>();
  return (part, others) => {
    if (!made.has(part.columns)) made.set(part.columns, compute(part, others));
    return made.get(part.columns)!;
  };
}

/** `oncePerColumns` of the sheet `schema` as the read's `others` answers it; `none` where it was not read. */
export function oncePerRead<T>(
  schema: SheetSchema,
  compute: (part: Part, others: ColumnsOf) => T,
  none: () => T,
): (others: ColumnsOf) => T {
  const once = oncePerColumns(compute);
  return (others) => {
    const part = others(schema);
    return part ? once(part, others) : none();
  };
}

/** What the adapter read for one sheet. */
export interface SheetParts {
  /** Row 0 as read. */
  header: Cell[];
  /** How far the sheet reaches (rows and columns from A1). */
  size: { rows: number; cols: number };
  /** Each column read, by key: its cells from row 1 down. */
  columns: Record<string, Cell[]>;
  /** Whole rows read, by 0-based row. */
  rows: Map<number, Cell[]>;
  /** The checkpoint the `sinceCheckpoint` columns were read from (their cells above it are blank). */
  base?: CheckpointBase;
  /** A `highest` need's cell with the highest ID of its column: its 0-based row and what it says. */
  highest?: { row: number; cell: Cell };
  /** Where the need's columns were read only in some blocks (`within`): whether a row's were. */
  columnsRead?: (row: number) => boolean;
}

/** The columns of a need, as positions in the sheet's header (missing columns left out). */
export function neededColumns(need: Need, header: Cell[] | undefined): { key: string; col: number }[] {
  const at = headerIndex(need.schema, header);
  return [...new Set([...(need.columns ?? []), ...(need.peek ?? [])])]
    .filter((key) => at[key] !== undefined)
    .map((key) => ({ key, col: at[key]! }));
}

/** The 0-based rows a need reads whole, from its columns as read. */
export function pickedRows(
  need: Need,
  parts: Omit<SheetParts, "rows">,
  others: ColumnsOf = () => undefined,
): number[] {
  const picked = new Set<number>();
  const height = parts.size.rows;
  if (need.pick) {
    const keys = Object.keys(parts.columns);
    // One object for every row (the log may have hundreds of thousands): `pick` reads it and keeps nothing.
    const cells: Record<string, Cell> = {};
    for (let r = 1; r < height; r++) {
      for (const key of keys) cells[key] = parts.columns[key]![r - 1] ?? "";
      if (need.pick(cells)) picked.add(r);
    }
  }
  if (need.choose)
    for (const r of need.choose(parts.columns, height, others)) if (r >= 1 && r < height) picked.add(r);
  if (need.last && height > 1) picked.add(height - 1);
  return [...picked].sort((a, b) => a - b);
}

/**
 * The rows a need reads, as `pickedRows` gives them, parted into those read whole and those
 * read only across `narrowSpan` (rows `choose` adds when the need has `chooseColumns`).
 */
export function rowsToRead(
  need: Need,
  parts: Omit<SheetParts, "rows">,
  others: ColumnsOf = () => undefined,
): { whole: number[]; narrow: number[] } {
  const all = pickedRows(need, parts, others);
  if (!need.chooseColumns || !need.choose) return { whole: all, narrow: [] };
  const whole = new Set(pickedRows({ ...need, choose: undefined }, parts, others));
  return { whole: all.filter((r) => whole.has(r)), narrow: all.filter((r) => !whole.has(r)) };
}

/** The columns (first, count) a need's narrow rows are read across; none where it has no `chooseColumns`. */
export function narrowSpan(
  need: Need,
  header: Cell[] | undefined,
): { col: number; cols: number } | undefined {
  if (!need.chooseColumns) return undefined;
  const at = headerIndex(need.schema, header);
  const cols = [...need.chooseColumns, ...(need.columns ?? []), ...(need.peek ?? [])]
    .map((key) => at[key])
    .filter((c): c is number => c !== undefined);
  if (!cols.length) return undefined;
  const first = Math.min(...cols);
  return { col: first, cols: Math.max(...cols) - first + 1 };
}

/**
 * The columns (first, count) a need's rows read whole are read across: the sheet's width,
 * parted around the columns of `notRead` (none of the need's own columns, nor its key's).
 */
export function wholeSpans(
  need: Need,
  header: Cell[] | undefined,
  width: number,
): { col: number; cols: number }[] {
  const at = headerIndex(need.schema, header);
  const own = new Set([...neededColumns(need, header).map((c) => c.key), need.keyed?.column]);
  const skip = new Set(
    (need.notRead ?? [])
      .filter((key) => !own.has(key))
      .map((key) => at[key])
      .filter((c) => c !== undefined),
  );
  const spans: { col: number; cols: number }[] = [];
  let start = 0;
  for (let c = 0; c <= width; c++)
    if (c === width || skip.has(c)) {
      if (c > start) spans.push({ col: start, cols: c - start });
      start = c + 1;
    }
  return spans;
}

/** A row not read: shared, and frozen so a plan that wrote into it would fail loudly. */
const NOTHING: Cell[] = Object.freeze([] as Cell[]) as Cell[];

/**
 * The snapshot a plan reads: every sheet read at its full height, each row holding what was
 * read of it where it stands (whole rows whole, otherwise only the needed columns' cells),
 * rows not read empty. Sheets read whole are passed as they came.
 */
export function partialSnapshot(
  sheetNames: string[],
  needs: Need[],
  parts: Record<string, SheetParts>,
  whole: Record<string, Cell[][]>,
): Snapshot {
  const snapshot: Snapshot = { sheetNames, sheets: {}, sizes: {} };
  for (const need of needs) {
    const name = findSheet(need.schema, sheetNames)?.name;
    if (!name) continue;
    if (need.whole) {
      snapshot.sheets[name] = { name, values: whole[name] ?? [] };
      continue;
    }
    const part = parts[name];
    if (!part) continue;
    snapshot.sizes![name] = part.size;
    const values: Cell[][] = new Array<Cell[]>(part.size.rows).fill(NOTHING);
    // The header as wide as the sheet, as a whole read gives it (appended rows are that wide).
    if (part.size.rows > 0)
      values[0] = Array.from(
        { length: Math.max(part.size.cols, part.header.length) },
        (_, c) => part.header[c] ?? "",
      );
    const kept = neededColumns(need, part.header).filter((c) => (need.columns ?? []).includes(c.key));
    const base = part.base;
    // Read from a checkpoint down: its columns are kept from it down, and only there.
    const below = base ? kept.filter((c) => !base.columns.includes(c.key)) : kept;
    if (base) {
      const at = headerIndex(need.schema, part.header);
      for (const key of base.columns)
        if (at[key] !== undefined && !kept.some((c) => c.key === key)) kept.push({ key, col: at[key]! });
    }
    const width = Math.max(0, ...kept.map((c) => c.col + 1));
    for (let r = 1; r < part.size.rows; r++) {
      const whole = part.rows.get(r);
      if (whole) {
        values[r] = whole;
        continue;
      }
      let row: Cell[] | undefined;
      for (const { key, col } of base && r < base.row ? below : kept) {
        const cell = part.columns[key]?.[r - 1] ?? "";
        if (cell === "") continue;
        row ??= new Array<Cell>(width).fill("");
        row[col] = cell;
      }
      if (row) values[r] = row;
    }
    // The cell with the column's highest ID, where its row was not read whole.
    const col = need.highest && headerIndex(need.schema, part.header)[need.highest.column];
    if (part.highest && col !== undefined && !part.rows.has(part.highest.row)) {
      const r = part.highest.row;
      const row = values[r] === NOTHING ? [] : values[r]!;
      while (row.length <= col) row.push("");
      row[col] = part.highest.cell;
      values[r] = row;
    }
    snapshot.sheets[name] = { name, values, partial: below.map((c) => c.key), ...(base && { base }) };
  }
  return snapshot;
}

/**
 * Thrown by a plan that needs rows it was not given (a department list's pages, known only
 * once the plan knows its customers): the adapter reads them into `Snapshot.parts` and plans
 * again, in the same attempt.
 */
export class MoreRows extends Error {
  constructor(readonly blocks: { sheet: string; row: number; rows: number; cols: number }[]) {
    super(`more rows needed: ${blocks.map((b) => `${b.sheet}!${b.row + 1}+${b.rows}`).join(", ")}`);
  }
}

/**
 * Thrown by a plan that must find words on sheets it did not read — a destruction's words on
 * the printouts (journal/erase.ts), which only a whole read reads: the adapter has Excel find
 * them (Worksheet.findAll), reads the rows found into `Snapshot.sheets` (or a sheet whole
 * where Excel's search cannot be relied on), notes the search in `Snapshot.searched`, and
 * plans again.
 */
export class FindWords extends Error {
  constructor(
    readonly sheets: readonly string[],
    readonly words: readonly string[],
  ) {
    super(`words to find on ${sheets.join(", ")}`);
  }
}

/**
 * Thrown by a plan that cannot be made from a partial read (a department list that cannot
 * be a base, a department's first list): the adapter reads the sheets whole and plans again.
 */
export class WholeRead extends Error {
  constructor(readonly why: string) {
    super(`whole read needed: ${why}`);
  }
}
