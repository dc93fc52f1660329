/**
 * The adapter's side of reading what an action needs (domain/partial-read.ts): headers and
 * sizes, then the needed columns and the small sheets whole (with Excel's counts of the
 * few IDs whose rows are found without their column, `keyed`), then the rows the columns
 * pick — three batches whatever the workbook holds (each chunked under the payload limit on
 * the web), and never a whole large sheet. A Change log closure found by Excel takes two
 * more per round of names (journal/needs.ts `ClosureSearch`).
 */
import { asRead } from "../domain/records";
import { findSheet } from "../domain/layout";
import { higherPatterns, idNumber } from "../domain/ids";
import {
  highestGuess,
  keyedBlock,
  KEYED_MAX,
  countableKeys,
  plainId,
  keyedAsPick,
  keyedRows,
  neededColumns,
  partialSnapshot,
  narrowSpan,
  wholeSpans,
  rowsToRead,
  type ColumnsOf,
  type Need,
  type SheetParts,
  wholeColumns,
  containsCriterion,
  INDEXED_CRITERION,
  searchBlocks,
  searchPick,
  foundAgrees,
} from "../domain/partial-read";
import type { Cell, CheckpointBase, Snapshot } from "../domain/workbook";
import { ReadShifted, type Block, type Book, type Counted, type RowFind } from "./book";
import { headerIndex } from "../domain/layout";
import { text } from "../domain/records";
import { changeLog, intake, register } from "../domain/schema/sheets";
import { likelyPages } from "../domain/list-pages";
import { ClosureSearch, journalClosure } from "../domain/journal/needs";
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
      return await readNeedsOnce(book, needs, alsoSized, alsoWhole, wholeAnyway, false);
    } finally {
      book.anchor([]);
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
  // Rows found by Excel's counts where it can be asked (a few plain IDs); else by their column.
  needs = needs.map((n) => (n.keyed && !countableKeys([...new Set(n.keyed.keys)]) ? keyedAsPick(n) : n));
  const heads = await book.readHeaders((names) => [
    ...needs.map((n) => findSheet(n.schema, names)?.name).filter((n): n is string => !!n),
    ...alsoSized(names),
    ...alsoWhole(names),
  ]);
  if (wholeAnyway(heads.sheetNames)) return undefined;
  const extra = alsoWhole(heads.sheetNames).filter((name) => heads.sheets[name]);
  const size = (name: string) => heads.sizes?.[name] ?? { rows: 0, cols: 0 };
  const header = (name: string) => heads.sheets[name]?.values[0] ?? [];
  // A search by an index column the sheet lacks (set up before it): read as the need says otherwise.
  needs = needs.map((need) => {
    if (!need.search) return need;
    const name = findSheet(need.schema, heads.sheetNames)?.name;
    if (name && headerIndex(need.schema, header(name))[need.search.column] !== undefined) return need;
    const { search, ...rest } = need;
    return { ...rest, ...search.otherwise };
  });
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

  // Keyed rows: Excel's counts and MATCH of each key, block by block, in the columns' batch.
  const keyedOf = new Map<Need, Keyed[]>();
  for (const { need, name } of located) {
    if (!need.keyed) continue;
    const col = headerIndex(need.schema, header(name))[need.keyed.column];
    const keyed: Keyed = { name, col: col ?? -1, asks: [], rows: new Map(), read: new Map() };
    keyedOf.set(need, [keyed]);
    if (col === undefined) continue;
    const keys = [...new Set(need.keyed.keys)];
    keyed.asks = asksOver(name, col, size(name).rows, keys);
    // A few IDs the act expects on a sheet shown: their rows found by Excel's search in this
    // same sync, across the whole row (as a keyed row is read), taken where the counts agree.
    if (
      need.keyed.find &&
      size(name).rows > 1 &&
      keys.length <= findMax &&
      keys.every(plainId) &&
      heads.states?.[name]?.visibility === "Visible" &&
      !need.notRead?.length
    )
      keyed.finds = keys.map((text) => ({ sheet: name, text, col: 0, cols: size(name).cols }));
  }
  // Searches by an index column: Excel's counts of each fragment and of the cells holding an
  // index, block by block, in the columns' batch too; their rows are read as keyed rows.
  const searches: Search[] = [];
  for (const { need, name } of located) {
    if (!need.search) continue;
    const col = headerIndex(need.schema, header(name))[need.search.column]!;
    const keyed: Keyed = { name, col, asks: [], rows: new Map(), read: new Map() };
    keyedOf.set(need, [keyed]);
    const criteria = need.search.fragments.map(containsCriterion).filter((c): c is string => c !== undefined);
    const blocks: Search["blocks"] = [];
    for (let row = 1; row < size(name).rows; row += keyedBlock()) {
      const block = { sheet: name, row, col, rows: Math.min(keyedBlock(), size(name).rows - row), cols: 1 };
      blocks.push({
        block,
        indexed: { block, text: INDEXED_CRITERION },
        fragments: criteria.map((text) => ({ block, text })),
      });
    }
    searches.push({ keyed, pick: searchPick(need.search.fragments), blocks });
  }
  const keyedCounts = [
    ...[...keyedOf.values()].flat().flatMap((k) => k.asks.flatMap(asked)),
    ...searches.flatMap((s) => s.blocks.flatMap((b) => [b.indexed, ...b.fragments])),
  ];

  // The Change log's closure of a few named customers and requests: found by Excel's counts,
  // round by round, the first round in the columns' batch (journal/needs.ts ClosureSearch).
  const closures = new Map<Need, Closure>();
  for (const { need, name } of located) {
    const seed = need.countedSeed;
    if (!seed || need.whole) continue;
    const at = headerIndex(need.schema, header(name));
    const names = [...(seed.customers ?? []), ...(seed.requests ?? [])];
    if (at.customerId === undefined || at.requestNo === undefined || !countableKeys(names)) continue;
    // Rows Excel's search may find in the sync that asks about them: across the columns a
    // closure row is read (the two names among them), on a log shown on one sheet.
    const span = narrowSpan(need, header(name)) ?? { col: 0, cols: size(name).cols };
    const spans = (col: number) => col >= span.col && col < span.col + span.cols;
    const closure: Closure = {
      name,
      search: new ClosureSearch(seed),
      at: { customerId: at.customerId, requestNo: at.requestNo },
      height: size(name).rows,
      asks: [],
      blocks: new Set(),
      settled: new Map(),
      fresh: { customers: [], requests: [] },
      span:
        heads.states?.[name]?.visibility === "Visible" &&
        !need.notRead?.length &&
        spans(at.customerId) &&
        spans(at.requestNo)
          ? span
          : undefined,
      finds: [],
      placed: [],
    };
    closure.asks = closureAsks(closure);
    closures.set(need, closure);
  }
  // Rows naming the customers or requests a closure found by Excel names (a reinstatement's
  // Register row, a destroyed customer's requests): asked about with the closure's own asks,
  // round by round, instead of the need as written (`closureRows`).
  const logClosure = [...closures.values()][0];
  const byClosure: { need: Need; keyed: Keyed; names: "customers" | "requests" }[] = [];
  for (const entry of located) {
    const { need, name } = entry;
    if (!need.closureRows?.length || need.whole || !logClosure) continue;
    const at = headerIndex(need.schema, header(name));
    if (need.closureRows.some((c) => at[c.column] === undefined)) continue;
    const found: Need = { schema: need.schema, ...(need.highest && { highest: need.highest }) };
    needs = needs.map((n) => (n === need ? found : n));
    entry.need = found;
    const list = need.closureRows.map(({ column, names }) => {
      const col = at[column]!;
      const keyed: Keyed = { name, col, asks: [], rows: new Map(), read: new Map() };
      keyed.asks = asksOver(name, col, size(name).rows, logClosure.fresh[names]);
      byClosure.push({ need: found, keyed, names });
      return keyed;
    });
    keyedOf.set(found, list);
  }
  const closureCounts = [
    ...[...closures.values()].flatMap((c) => c.asks.flatMap(asked)),
    ...byClosure.flatMap(({ keyed }) => keyed.asks.flatMap(asked)),
  ];

  // Each closure's last block of the log's two columns, read with the columns: the latest
  // rows, where a request's or a customer's rows stand together (filed, then stamped), so
  // Excel's counts of twice there cost no sync of their own to read the block.
  const lastBlocks: { closure: Closure; block: Block }[] = [];
  for (const closure of closures.values()) {
    if (closure.height <= 1) continue;
    const size = keyedBlock();
    const row = 1 + Math.floor((closure.height - 2) / size) * size;
    const { customerId, requestNo } = closure.at;
    lastBlocks.push({
      closure,
      block: {
        sheet: closure.name,
        row,
        col: Math.min(customerId, requestNo),
        rows: closure.height - row,
        cols: Math.abs(customerId - requestNo) + 1,
      },
    });
  }

  // Needs of a column's highest ID: its last rows, read with the columns, for the highest met.
  const highs: High[] = [];
  for (const { need, name } of located) {
    if (!need.highest || need.whole) continue;
    const col = headerIndex(need.schema, header(name))[need.highest.column];
    const height = size(name).rows;
    if (col === undefined || height <= 1) continue;
    const from = Math.max(1, height - highestGuess());
    highs.push({
      name,
      prefix: need.highest.prefix,
      column: { sheet: name, row: 1, col, rows: height - 1, cols: 1 },
      guess: { sheet: name, row: from, col, rows: height - from, cols: 1 },
      asks: [],
    });
  }

  // Needs read only where a column holds a text (`within`): Excel's counts of it, block by
  // block, in a sync of their own; the need's columns are read in the blocks with any.
  const withins = new Map<
    Need,
    {
      name: string;
      /** Counts asked per block: one per text, then the numbers. */
      per: number;
      counts: Counted[];
      again: Counted[];
      spans: { row: number; rows: number }[];
    }
  >();
  for (const { need, name } of located) {
    const within = need.within;
    if (!within || need.whole || tails.has(need)) continue;
    const col = headerIndex(need.schema, header(name))[within.column];
    const criteria = within.contains.map(containsCriterion);
    if (col === undefined || !criteria.length || criteria.includes(undefined)) continue;
    if (!neededColumns(need, header(name)).some((c) => c.key === within.column)) continue;
    const counts: Counted[] = [];
    for (let row = 1; row < size(name).rows; row += keyedBlock()) {
      const block = { sheet: name, row, col, rows: Math.min(keyedBlock(), size(name).rows - row), cols: 1 };
      // The cells holding each text, and those holding numbers (a number's text may hold one).
      for (const criterion of criteria) counts.push({ block, text: criterion! });
      counts.push({ block, text: "", kind: "count" });
    }
    withins.set(need, {
      name,
      per: criteria.length + 1,
      counts,
      again: counts.map((c) => ({ block: c.block, text: c.text, ...(c.kind && { kind: c.kind }) })),
      spans: [],
    });
  }
  if (withins.size) {
    await book.readBlocks(
      [],
      [...withins.values()].flatMap((w) => w.counts),
    );
    // The blocks Excel counted the text in (or did not answer for), neighbours joined.
    for (const w of withins.values())
      for (let i = 0; i < w.counts.length; i += w.per) {
        const { block } = w.counts[i]!;
        if (w.counts.slice(i, i + w.per).every((c) => c.count === 0)) continue;
        const last = w.spans.at(-1);
        if (last && last.row + last.rows === block.row) last.rows += block.rows;
        else w.spans.push({ row: block.row, rows: block.rows });
      }
  }

  // The columns, the small sheets whole.
  const columnBlocks: { name: string; key: string; block: Block; from: number; within?: boolean }[] = [];
  for (const { need, name } of located) {
    if (need.whole) continue;
    const tail = tails.get(need);
    const keys = neededColumns(need, header(name));
    // The columns a closure found by Excel stands in for are not read.
    const found = closures.has(need) ? new Set(["customerId", "requestNo"]) : new Set<string>();
    for (const { key, col } of (tail
      ? [...keys.filter((k) => !tail.keys.has(k.key)), ...tail.columns]
      : keys
    ).filter((k) => !found.has(k.key))) {
      const within = withins.get(need);
      if (within) {
        for (const span of within.spans)
          columnBlocks.push({
            name,
            key,
            from: span.row,
            within: true,
            block: { sheet: name, row: span.row, col, rows: span.rows, cols: 1 },
          });
        continue;
      }
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
      ...lastBlocks.map((l) => l.block),
      ...highs.map((h) => h.guess),
    ],
    [
      ...tailList.flatMap((t) => t.counts),
      ...keyedCounts,
      ...closureCounts,
      ...[...withins.values()].flatMap((w) => w.again),
    ],
    [
      ...[...closures.values()].flatMap((c) => c.finds),
      ...[...keyedOf.values()].flat().flatMap((k) => k.finds ?? []),
    ],
  );
  // Rows Excel's search found for a keyed need's IDs, where its counts agree: those IDs'
  // blocks need no reading in the column, nor their rows reading whole.
  for (const keyed of [...keyedOf.values()].flat()) takeKeyedFound(keyed);
  // Each closure's last block, scanned before Excel's answers are: a name twice there is found.
  first
    .slice(first.length - highs.length - lastBlocks.length, first.length - highs.length)
    .forEach((cells, i) => {
      const { closure, block } = lastBlocks[i]!;
      const { customerId, requestNo } = closure.at;
      const from = Math.min(customerId, requestNo);
      closure.blocks.add(block.row);
      cells.forEach((row, k) =>
        closure.search.read(block.row + k, row[customerId - from], row[requestNo - from]),
      );
    });
  // The highest ID met on any column of a prefix is the guess; Excel is asked, on each
  // column, whether anything there could be higher (ids.ts higherPatterns). No guess, and the
  // column is read whole in the rows' batch.
  first.slice(first.length - highs.length).forEach((cells, i) => {
    const high = highs[i]!;
    high.best = highestOf(cells, high.prefix, high.guess.row);
  });
  const guesses = new Map<string, { row: number; cell: Cell; number: number }>();
  for (const h of highs) {
    const known = guesses.get(h.prefix);
    if (h.best && (!known || h.best.number > known.number)) guesses.set(h.prefix, h.best);
  }
  for (const h of highs) {
    const guess = guesses.get(h.prefix);
    const patterns = guess ? higherPatterns(h.prefix, text(guess.cell)) : [];
    if (!patterns.length) h.whole = true;
    h.asks = patterns.map((criterion) => ({ block: h.column, text: criterion }));
  }
  // Each keyed need: the rows Excel settled, and the blocks of its column read in the next sync.
  const keyedReads: { keyed: Keyed; picks: (cell: Cell) => boolean; block: Block }[] = [];
  for (const [need, keyed] of [...keyedOf].flatMap(([n, list]) => list.map((k) => [n, k] as const))) {
    if (need.search) continue;
    const found = keyedRows(answersOf(keyed.asks));
    keyed.rows = found.rows;
    const keys = new Set(need.keyed?.keys ?? keyed.asks.map((a) => a.key));
    for (const b of found.unsettled)
      keyedReads.push({
        keyed,
        picks: (cell) => keys.has(text(cell)),
        block: { sheet: keyed.name, col: keyed.col, cols: 1, ...b },
      });
  }
  // Each search: the blocks its counts do not settle, read in its column with the keyed blocks.
  for (const { keyed, pick, blocks } of searches) {
    const answers = blocks.map((b) => ({
      block: b.block,
      indexed: b.indexed.count ?? -1,
      fragments: b.fragments.map((f) => f.count ?? -1),
    }));
    for (const b of searchBlocks(answers))
      keyedReads.push({ keyed, picks: pick, block: { sheet: keyed.name, col: keyed.col, cols: 1, ...b } });
  }
  const parts: Record<string, SheetParts> = {};
  for (const { need, name } of located)
    if (!need.whole) parts[name] = { header: header(name), size: size(name), columns: {}, rows: new Map() };
  for (const keyed of [...keyedOf.values()].flat())
    for (const [r, cells] of keyed.found ?? []) {
      const rows = parts[keyed.name]?.rows;
      if (rows && !rows.has(r)) rows.set(r, cells);
    }
  // Counted again with the columns: where a block's count moved, rows moved under the read.
  for (const { name, counts, again, spans } of withins.values()) {
    if (again.some((c, i) => c.count !== counts[i]!.count)) throw new ReadShifted(name, book.lang);
    parts[name]!.columnsRead = (r) => spans.some((s) => r >= s.row && r < s.row + s.rows);
  }
  columnBlocks.forEach(({ name, key, from, within, block }, i) => {
    const cells = first[i]!.map((row) => row[0] ?? "");
    if (within) {
      const column = (parts[name]!.columns[key] ??= new Array<Cell>(Math.max(0, size(name).rows - 1)).fill(
        "",
      ));
      cells.forEach((cell, k) => (column[block.row - 1 + k] = cell));
    } else parts[name]!.columns[key] = from === 1 ? cells : [...new Array<Cell>(from - 1).fill(""), ...cells];
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
    } else
      for (const { key, col } of neededColumns(tail.need, header(tail.name)))
        if (tail.keys.has(key))
          above.push({ tail, key, block: { sheet: tail.name, row: 1, col, rows: tail.place - 1, cols: 1 } });
  }
  const readAbove = async (blocks: typeof above, keyedMore: typeof keyedReads = []) => {
    if (!blocks.length && !keyedMore.length) return;
    const more = await book.readBlocks([...blocks.map((a) => a.block), ...keyedMore.map((k) => k.block)]);
    blocks.forEach(({ tail, key, block }, i) => {
      const column = parts[tail.name]!.columns[key]!;
      more[i]!.forEach((row, r) => (column[block.row - 1 + r] = row[0] ?? ""));
    });
    // A keyed block read: its rows that say a key, as a pick by the column would choose them.
    keyedMore.forEach(({ keyed, picks, block }, i) =>
      more[blocks.length + i]!.forEach((row, r) => {
        if (picks(row[0] ?? "")) keyed.read.set(block.row + r, row[0] ?? "");
      }),
    );
  };
  // A row inserted or deleted above a checkpoint stood on moves its row: every later read
  // finds it where it was, or the read starts again (the rows above it are compared with no
  // column read before, so nothing else would see them move).
  book.anchor(
    tailList.filter((t) => t.base && t.lastCells).map((t) => ({ block: t.lastRow, cells: t.lastCells! })),
  );
  await readAbove(above, keyedReads);
  for (const tail of tailList)
    if (!tail.base)
      // Read top to bottom after all: what is not among the need's columns is not kept.
      for (const { key } of tail.columns)
        if (!neededColumns(tail.need, header(tail.name)).some((c) => c.key === key))
          delete parts[tail.name]!.columns[key];
  const whole: Record<string, Cell[][]> = {};
  wholeNames.forEach((name, i) => (whole[name] = first[columnBlocks.length + i]!));

  // The rows the columns picked, whole; a run of neighbouring rows is one block. A closure
  // found by Excel goes on in rounds here: the rows Excel settled are read whole with the
  // rest, their names asked about, and the rows those bring read in the next round.
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
  for (const [need, closure] of closures) {
    closure.also = new Set(rowsToRead(need, parts[closure.name]!, others).whole);
    takeFound(closure, parts[closure.name]!);
    await settle(book, closure);
    scannedColumns(closure, parts[closure.name]!);
  }
  const timeBlocks: { name: string; row: number; col: number; cells: Cell[][] }[] = [];
  // The department lists' pages read ahead of the plan (list-pages.ts `likelyPages`): those of
  // the customers whose Register rows the first round read whole.
  let ahead: Block[] | undefined;
  const aheadRead = new Map<string, Map<number, Cell[]>>();
  const aheadRows = (sheet: string) => {
    if (!aheadRead.has(sheet)) aheadRead.set(sheet, new Map());
    return aheadRead.get(sheet)!;
  };
  const pagesAhead = (): Block[] => {
    const lists = alsoSized(heads.sheetNames).filter((n) => heads.sheets[n]);
    if (!lists.length) return [];
    // Customers whose rows the first round read whole: on the Register, or named by a
    // request being posted (a reinstatement's Intake row names its customer).
    const customers: { id: string; department: string }[] = [];
    for (const [schema, key] of [
      [register, "id"],
      [intake, "customerId"],
    ] as const) {
      const name = findSheet(schema, heads.sheetNames)?.name;
      const part = name ? parts[name] : undefined;
      if (!part) continue;
      const at = headerIndex(schema, part.header);
      const id = at[key];
      const department = at.department;
      if (id === undefined || department === undefined) continue;
      for (const cells of part.rows.values())
        customers.push({ id: text(cells[id] ?? ""), department: text(cells[department] ?? "") });
    }
    return likelyPages(
      customers,
      lists.map((sheet) => ({ sheet, header: header(sheet) })),
    ).map((b) => ({ ...b, col: 0 }));
  };

  /**
   * Too many names, or one Excel could read as other than text (typed in the log): the two
   * columns read whole, and the closure worked out from them. Whether it was.
   */
  const byColumns = async (need: Need, closure: Closure): Promise<boolean> => {
    const waiting = closure.search.waiting;
    if (closure.search.names <= KEYED_MAX && countableKeys([...waiting.customers, ...waiting.requests], 0))
      return false;
    const part = parts[closure.name]!;
    closures.delete(need);
    const [ids, requests] = await book.readBlocks(
      (["customerId", "requestNo"] as const).map((key) => ({
        sheet: closure.name,
        row: 1,
        col: closure.at[key],
        rows: Math.max(0, closure.height - 1),
        cols: 1,
      })),
    );
    part.columns.customerId = ids!.map((row) => row[0] ?? "");
    part.columns.requestNo = requests!.map((row) => row[0] ?? "");
    await closureRowsByColumn(book, part, need.countedSeed!, byClosure, size);
    // A row read for a name only in another case is not the closure's.
    for (const r of closure.search.scanned.keys())
      if (!closure.search.rows.has(r) && !closure.also?.has(r)) part.rows.delete(r);
    return true;
  };

  // The needs a round reads rows for: every one in the first, then those a closure goes on for.
  // A closure's round is one sync: the rows Excel settled in the round before, read whole, and
  // Excel's asks about the names met since (in the blocks of the two columns read) — names
  // the rows read now bring are asked about in the next round's sync.
  let again: Set<Need> | undefined;
  for (;;) {
    // Each closure's names met since its last asks (in the blocks of its two columns read):
    // asked about in this sync, with the rows.
    const asking: Need[] = [];
    const askCounts: Counted[] = [];
    const finds: RowFind[] = [];
    for (const [need, closure] of closures) {
      // The rows the need reads whole besides its closure (its `pick`, `last`), once.
      if (!again) closure.also = new Set(rowsToRead(need, parts[closure.name]!, others).whole);
      if (await byColumns(need, closure)) {
        // Its rows, and those of the customers it names, chosen by the columns now read.
        again?.add(need);
        for (const { need } of byClosure) again?.add(need);
        continue;
      }
      closure.asks = closureAsks(closure);
      for (const { keyed, names } of byClosure)
        keyed.asks = asksOver(keyed.name, keyed.col, size(keyed.name).rows, closure.fresh[names]);
      const rowAsks = byClosure.flatMap(({ keyed }) => keyed.asks.flatMap(asked));
      if (!closure.asks.length && !rowAsks.length) continue;
      asking.push(need);
      askCounts.push(...closure.asks.flatMap(asked), ...rowAsks);
      finds.push(...closure.finds);
    }
    // Rows a need reads only across some columns (a look's rows of the log) are placed in a
    // row as wide as the sheet, the rest of it blank: what was not read is empty, as ever.
    const rowBlocks: { name: string; row: number; block: Block }[] = [];
    for (const { need, name } of located) {
      if (need.whole || (again && !again.has(need))) continue;
      const keyed = keyedOf.get(need);
      const closure = closures.get(need);
      if (!again && keyed) {
        // (A closure's, the round's start worked out.)
        const also = new Set(rowsToRead(need, parts[name]!, others).whole);
        for (const k of keyed) k.also = also;
      }
      const rowsOf: Need = closure
        ? { ...need, choose: () => [...closure.search.rows.keys(), ...closure.settled.keys()] }
        : keyed
          ? {
              ...need,
              choose: (columns, height, others) => [
                ...keyed.flatMap((k) => [...k.rows.keys(), ...k.read.keys()]),
                ...(need.choose?.(columns, height, others) ?? []),
              ],
            }
          : need;
      const read = parts[name]!.rows;
      const { whole: wholeRows, narrow } = rowsToRead(rowsOf, parts[name]!, others);
      const span = narrowSpan(need, header(name));
      const unread = wholeRows.filter((r) => !read.has(r));
      for (const [rowsOf, col, cols] of [
        // Rows read whole: across the sheet, but for the columns the need leaves unread.
        ...wholeSpans(need, header(name), size(name).cols).map((s) => [unread, s.col, s.cols] as const),
        [narrow.filter((r) => !read.has(r)), span?.col ?? 0, span?.cols ?? size(name).cols],
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
    const spans: { name: string; row: number; col: number; block: Block }[] = [];
    for (const tail of tailList) {
      if (!tail.base) continue;
      const read = rowBlocks
        .filter((b) => b.name === tail.name)
        .flatMap((b) => Array.from({ length: b.block.rows }, (_, k) => b.row + k));
      // With the rows Excel's search brought in the round before, read then across their span.
      const closure = closures.get(tail.need);
      read.push(...(closure?.placed.splice(0).filter((r) => closure.search.rows.has(r)) ?? []));
      const time = tail.at.time;
      if (time === undefined) continue;
      for (const [from, to] of timeSpans(read, tail.base.row, new Set(tail.places!.keys())))
        spans.push({
          name: tail.name,
          row: from,
          col: time,
          block: { sheet: tail.name, row: from, col: time, rows: to - from + 1, cols: 1 },
        });
    }
    // The highest IDs' counts go with the first round, and the columns read whole for want of a guess.
    const wholeHighs = again ? [] : highs.filter((h) => h.whole);
    if (!again || rowBlocks.length || spans.length || askCounts.length) {
      // The lists' pages the plan will likely rewrite ride along with the first sync after the
      // first round (whose rows name the customers: their Register rows, their requests' rows).
      const pages = again && !ahead ? (ahead = pagesAhead()) : [];
      const all = await book.readBlocks(
        [
          ...rowBlocks.map((b) => b.block),
          ...spans.map((b) => b.block),
          ...wholeHighs.map((h) => h.column),
          ...pages,
        ],
        [...(again ? [] : highs.flatMap((h) => h.asks)), ...askCounts],
        finds,
      );
      pages.forEach((b, i) =>
        all[rowBlocks.length + spans.length + wholeHighs.length + i]!.forEach((cells, k) =>
          aheadRows(b.sheet).set(b.row + k, cells),
        ),
      );
      wholeHighs.forEach(
        (h, i) => (h.best = highestOf(all[rowBlocks.length + spans.length + i]!, h.prefix, 1)),
      );
      // A row read in parts (around columns left unread) is put together from them.
      rowBlocks.forEach(({ name, row, block }, i) =>
        all[i]!.forEach((cells, k) => {
          const rows = parts[name]!.rows;
          if (block.col === 0 && block.cols === size(name).cols) rows.set(row + k, cells);
          else {
            const into = rows.get(row + k) ?? new Array<Cell>(size(name).cols).fill("");
            cells.forEach((cell, c) => (into[block.col + c] = cell));
            rows.set(row + k, into);
          }
        }),
      );
      spans.forEach(({ name, row, col }, i) =>
        timeBlocks.push({ name, row, col, cells: all[rowBlocks.length + i]! }),
      );
    }
    if (!again) await settleHighs(book, highs);
    again = new Set();
    // Each closure: the names of the rows it settled, as read; Excel's answers to this round's asks.
    for (const [need, closure] of closures) {
      const part = parts[closure.name]!;
      for (const [r, found] of closure.settled) {
        if (!part.rows.has(r)) continue;
        const cells = part.rows.get(r)!;
        // The row Excel found must still say its names (in any case): else a co-author moved it.
        for (const { col, key } of found)
          if (cellText(cells[col] ?? "").toLowerCase() !== key.toLowerCase())
            throw new ReadShifted(closure.name, book.lang);
        closure.search.read(r, cells[closure.at.customerId], cells[closure.at.requestNo]);
        closure.settled.delete(r);
      }
      if (asking.includes(need)) {
        takeFound(closure, part);
        await settle(book, closure);
        for (const { need, keyed } of byClosure) if (await settleKeyed(book, keyed)) again.add(need);
      }
      // Rows to read whole (settled by Excel, or the closure's rows of a block read in the two
      // columns, though they name nothing new), or names to ask about: one more round.
      if (
        closure.settled.size ||
        [...closure.search.rows.keys()].some((r) => !part.rows.has(r)) ||
        closure.search.waiting.customers.length ||
        closure.search.waiting.requests.length ||
        // Rows the search brought above a checkpoint: their times, in one more round.
        closure.placed.some((r) => closure.search.rows.has(r) && r < (tails.get(need)?.base?.row ?? 0))
      )
        again.add(need);
      scannedColumns(closure, part);
    }
    // A need whose rows rest on a closure's columns (a destruction's requests, named in the
    // log's rows about its customers) reads those it now finds, in one more round.
    if (!again.size)
      for (const { need, name } of located) {
        if (need.whole || closures.has(need) || keyedOf.has(need)) continue;
        const { whole: wholeRows, narrow } = rowsToRead(need, parts[name]!, others);
        if ([...wholeRows, ...narrow].some((r) => !parts[name]!.rows.has(r))) again.add(need);
      }
    if (!again.size) break;
  }
  for (const closure of closures.values()) {
    const part = parts[closure.name]!;
    // A row read for a name only in another case: not the closure's, nor the need's otherwise.
    for (const r of closure.search.scanned.keys())
      if (!closure.search.rows.has(r) && !closure.also!.has(r)) part.rows.delete(r);
  }
  // A co-author's rows deleted or inserted between the column read and the row read move the
  // rows under it: a row picked for what its columns said must still say it, or the read
  // starts again (Book.steady) — never a plan made on someone else's row.
  for (const { need, name } of located) {
    if (need.whole) continue;
    const part = parts[name]!;
    const keys = neededColumns(need, part.header);
    // Above a checkpoint stood on, its columns were not read: nothing there to compare with;
    // nor where a closure found by Excel did not read its two columns.
    const unread = part.base && tails.get(need)?.keys;
    const scanned = closures.get(need)?.search.scanned;
    for (const [r, cells] of part.rows) {
      // Where a `within` need's columns were not read, nothing to compare with.
      if (part.columnsRead && !part.columnsRead(r)) continue;
      for (const { key, col } of keys) {
        if (unread && r < part.base!.row && unread.has(key)) continue;
        if (scanned && (key === "customerId" || key === "requestNo")) {
          // What the closure's search read of the row's two names (as names: trimmed).
          const names = scanned.get(r);
          if (names && text(cells[col]) !== names[key === "customerId" ? 0 : 1])
            throw new ReadShifted(name, book.lang);
          continue;
        }
        if (cellText(cells[col] ?? "") !== cellText(part.columns[key]?.[r - 1] ?? ""))
          throw new ReadShifted(name, book.lang);
      }
    }
  }
  // A keyed row must still hold what Excel or the block said of it; one that says the key only
  // in another case is not among the rows a pick by the key chooses.
  // Of a need found by two columns, a row kept by either is kept.
  for (const list of keyedOf.values()) {
    const kept = new Set<number>();
    const other = new Set<number>();
    for (const keyed of list) {
      const part = parts[keyed.name]!;
      const says = (r: number) => cellText(part.rows.get(r)?.[keyed.col] ?? "");
      for (const [r, cell] of keyed.read) {
        if (says(r) !== cellText(cell)) throw new ReadShifted(keyed.name, book.lang);
        kept.add(r);
      }
      for (const [r, key] of keyed.rows) {
        if (says(r).toLowerCase() !== key.toLowerCase()) throw new ReadShifted(keyed.name, book.lang);
        (says(r) !== key && !keyed.also?.has(r) ? other : kept).add(r);
      }
    }
    for (const r of other) if (!kept.has(r)) parts[list[0]!.name]!.rows.delete(r);
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
  timeBlocks.forEach(({ name, row, col, cells: times }) =>
    times.forEach((cells, k) => {
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
  for (const h of highs) if (h.best) parts[h.name]!.highest = { row: h.best.row, cell: h.best.cell };
  const snapshot = partialSnapshot(heads.sheetNames, needs, parts, whole);
  for (const name of extra) snapshot.sheets[name] = { name, values: whole[name] ?? [] };
  snapshot.sizes = { ...heads.sizes, ...snapshot.sizes };
  snapshot.states = heads.states;
  asRead(snapshot);
  // Sheets the plan rewrites in part: their header rows now, their rows when the plan asks (MoreRows).
  snapshot.parts = Object.fromEntries(
    alsoSized(heads.sheetNames)
      .filter((name) => heads.sheets[name])
      .map((name) => [
        name,
        { header: header(name), rows: aheadRead.get(name) ?? new Map<number, Cell[]>() },
      ]),
  );
  return snapshot;
}

/**
 * A keyed need's later round (rows of the customers a closure met since): the rows Excel
 * settled join those found before; each block it did not is read now and its rows that say
 * a key taken. Whether anything was found.
 */
async function settleKeyed(book: Book, keyed: Keyed): Promise<boolean> {
  if (!keyed.asks.length) return false;
  const found = keyedRows(answersOf(keyed.asks));
  for (const [r, key] of found.rows) keyed.rows.set(r, key);
  const keys = new Set(keyed.asks.map((a) => a.key));
  if (found.unsettled.length) {
    const read = await book.readBlocks(
      found.unsettled.map((b) => ({ sheet: keyed.name, col: keyed.col, cols: 1, ...b })),
    );
    found.unsettled.forEach((b, i) =>
      read[i]!.forEach((row, k) => {
        if (keys.has(text(row[0] ?? ""))) keyed.read.set(b.row + k, row[0] ?? "");
      }),
    );
  }
  return found.rows.size > 0 || found.unsettled.length > 0;
}

/**
 * The rows of the customers a closure names, where the closure was worked out from the
 * log's two columns after all (too many names): the need's column read whole, and its rows
 * that say one of the closure's customers taken (as a pick by the column would).
 */
async function closureRowsByColumn(
  book: Book,
  log: SheetParts,
  seed: { customers?: readonly string[]; requests?: readonly string[] },
  byClosure: { need: Need; keyed: Keyed; names: "customers" | "requests" }[],
  size: (name: string) => { rows: number; cols: number },
): Promise<void> {
  if (!byClosure.length) return;
  const names = {
    customers: new Set((seed.customers ?? []).map((c) => text(c))),
    requests: new Set((seed.requests ?? []).map((c) => text(c))),
  };
  for (const r of journalClosure(log.columns, log.size.rows, seed)) {
    names.customers.add(text(log.columns.customerId?.[r - 1]));
    names.requests.add(text(log.columns.requestNo?.[r - 1]));
  }
  names.customers.delete("");
  names.requests.delete("");
  const read = await book.readBlocks(
    byClosure.map(({ keyed }) => ({
      sheet: keyed.name,
      row: 1,
      col: keyed.col,
      rows: Math.max(0, size(keyed.name).rows - 1),
      cols: 1,
    })),
  );
  byClosure.forEach(({ keyed, names: kind }, i) => {
    keyed.rows.clear();
    read[i]!.forEach((row, k) => {
      if (names[kind].has(text(row[0] ?? ""))) keyed.read.set(1 + k, row[0] ?? "");
    });
  });
}

/** A `highest` need's column: where it stands, its last rows, Excel's counts above the guess. */
interface High {
  name: string;
  prefix: string;
  /** The column, rows 1 down. */
  column: Block;
  /** Its last rows (partial-read.ts `highestGuess`). */
  guess: Block;
  asks: Counted[];
  /** Read whole: no guess to ask about, or Excel counted something that could be higher. */
  whole?: boolean;
  /** The cell with the highest ID read on it (0-based row). */
  best?: { row: number; cell: Cell; number: number };
}

/** The cell with the highest ID of `prefix` among cells read from `row` down, as ids.ts `nextId` reads one. */
function highestOf(
  cells: Cell[][],
  prefix: string,
  row: number,
): { row: number; cell: Cell; number: number } | undefined {
  let best: { row: number; cell: Cell; number: number } | undefined;
  cells.forEach((cells, k) => {
    const number = idNumber(text(cells[0] ?? ""), prefix);
    if (number !== undefined && (!best || number > best.number))
      best = { row: row + k, cell: cells[0]!, number };
  });
  return best;
}

/** Each column on which Excel counted something above the guess: read whole, its highest taken from it. */
async function settleHighs(book: Book, highs: High[]): Promise<void> {
  const more = highs.filter((h) => !h.whole && h.asks.some((a) => a.count !== 0));
  if (!more.length) return;
  const read = await book.readBlocks(more.map((h) => h.column));
  more.forEach((h, i) => {
    h.whole = true;
    h.best = highestOf(read[i]!, h.prefix, 1);
  });
}

/** A keyed need's asks of Excel, and the rows they found: settled (row → key) and read in a block (row → cell). */
interface Keyed {
  name: string;
  col: number;
  asks: { key: string; block: Block; exact: Counted; around: Counted; first: Counted }[];
  rows: Map<number, string>;
  read: Map<number, Cell>;
  /** The rows the need reads whole besides (its `pick`, `choose`, `last`). */
  also?: Set<number>;
  /** Excel's search for each key (a few IDs), in the first sync. */
  finds?: RowFind[];
  /** The rows the search brought and the counts agreed with, whole: placed as read. */
  found?: Map<number, Cell[]>;
}

/**
 * The rows Excel's search found for each key of a keyed need, taken where Excel's counts in
 * the same sync say they are every row about it (partial-read.ts `foundAgrees`, as a
 * closure's search is): the rows whose cell in the column says the key (trimmed, case kept,
 * as a block read in the column picks them) are read, with their cells; that key's asks
 * are answered. A key whose rows the search missed is settled by the counts as before.
 */
function takeKeyedFound(keyed: Keyed): void {
  for (const find of keyed.finds ?? []) {
    const rows = find.rows;
    if (!rows) continue;
    const asks = keyed.asks.filter((a) => a.key === find.text);
    if (!foundAgrees(rows, find.col, keyed.col, answersOf(asks))) continue;
    keyed.asks = keyed.asks.filter((a) => !asks.includes(a));
    for (const [r, cells] of rows) {
      const cell = cells[keyed.col - find.col] ?? "";
      if (r < 1 || text(cell) !== find.text) continue;
      keyed.read.set(r, cell);
      (keyed.found ??= new Map()).set(r, cells);
    }
  }
  keyed.finds = [];
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
    counts: INDEXED_ACTIONS.map((text) => ({
      block: { sheet: name, row: 1, col: action, rows: place - 1, cols: 1 },
      text,
    })),
  };
}

/** A search by an index column (partial-read.ts `search`): its rows are read as a keyed need's. */
interface Search {
  keyed: Keyed;
  /** Which rows of a block read in the column are the search's. */
  pick: (cell: Cell) => boolean;
  /** Per block: Excel's count of the cells holding an index, and of those holding each fragment. */
  blocks: { block: Block; indexed: Counted; fragments: Counted[] }[];
}

/** A keyed ask of Excel: where a key is in one block of a column. */
interface KeyAsk {
  key: string;
  block: Block;
  exact: Counted;
  around: Counted;
  first: Counted;
}

const asked = (a: KeyAsk): Counted[] => [a.exact, a.around, a.first];

/** What Excel answered to each ask (-1 for an answer that never came: no block settles on it). */
const answersOf = (asks: KeyAsk[]) =>
  asks.map((a) => ({
    key: a.key,
    block: a.block,
    exact: a.exact.count ?? -1,
    around: a.around.count ?? -1,
    first: a.first.count ?? -1,
  }));

/** Excel's counts and MATCH of each key over a column (rows 1 to `height` - 1), block by block. */
function asksOver(sheet: string, col: number, height: number, keys: string[]): KeyAsk[] {
  const asks: KeyAsk[] = [];
  const size = keyedBlock();
  for (let row = 1; row < height; row += size) {
    const block = { sheet, row, col, rows: Math.min(size, height - row), cols: 1 };
    for (const key of keys)
      asks.push({
        key,
        block,
        exact: { block, text: key },
        around: { block, text: `*${key}*` },
        first: { block, text: key, kind: "match" },
      });
  }
  return asks;
}

/** A closure of the Change log found by Excel (journal/needs.ts ClosureSearch). */
interface Closure {
  name: string;
  search: ClosureSearch;
  at: { customerId: number; requestNo: number };
  height: number;
  /** This round's asks of Excel. */
  asks: KeyAsk[];
  /** Blocks read in both columns (by first row): every row of them is scanned. */
  blocks: Set<number>;
  /** Rows Excel settled, to be read whole: the names each was found by, in which column. */
  settled: Map<number, { col: number; key: string }[]>;
  /** The rows the need reads whole besides (its `pick`, `last`). */
  also?: Set<number>;
  /** The names met since the round before: this round's asks. */
  fresh: { customers: string[]; requests: string[] };
  /** The columns rows found by Excel's search are read across; none where the search is not asked. */
  span?: { col: number; cols: number };
  /** This round's searches (few names: a one-customer act's). */
  finds: RowFind[];
  /** Rows the search brought and placed since the round before (their times above a checkpoint read next). */
  placed: number[];
}

/** Names a round asks Excel to find with their rows, at most: the few of a one-customer act. */
export const FIND_MAX = 4;
let findMax = FIND_MAX;
/** Tests compare a read with Excel's search and without it (0: never asked). */
export function setFindMax(names: number): void {
  findMax = names;
}

/** Excel's asks for the names the closure met since its last round. */
function closureAsks(closure: Closure): KeyAsk[] {
  const { customers, requests } = (closure.fresh = closure.search.next());
  const names = [...new Set([...customers, ...requests])];
  const span = closure.span;
  closure.finds =
    span && closure.height > 1 && names.length <= findMax
      ? names.map((text) => ({ sheet: closure.name, text, col: span.col, cols: span.cols }))
      : [];
  return [
    ...asksOver(closure.name, closure.at.customerId, closure.height, customers),
    ...asksOver(closure.name, closure.at.requestNo, closure.height, requests),
  ];
}

/**
 * Excel's answers to a closure's asks: each row it settled waits to be read whole (with the
 * names it was found by, to check what it says); each block it did not is read now in the
 * two columns, every row of it scanned.
 */
async function settle(book: Book, closure: Closure): Promise<void> {
  const answers = answersOf(closure.asks);
  const found = keyedRows(answers);
  for (const a of answers) {
    const r = a.block.row + a.first - 1;
    if (found.rows.get(r) === undefined || closure.search.scanned.has(r)) continue;
    if (a.exact === 1 && a.first >= 1)
      closure.settled.set(r, [...(closure.settled.get(r) ?? []), { col: a.block.col, key: a.key }]);
  }
  const blocks = found.unsettled.filter((b) => !closure.blocks.has(b.row));
  if (!blocks.length) return;
  const { at, search } = closure;
  const first = Math.min(at.customerId, at.requestNo);
  const cols = Math.abs(at.customerId - at.requestNo) + 1;
  const got = await book.readBlocks(
    blocks.map((b) => ({ sheet: closure.name, row: b.row, col: first, rows: b.rows, cols })),
  );
  blocks.forEach((b, i) => {
    closure.blocks.add(b.row);
    got[i]!.forEach((cells, k) =>
      search.read(b.row + k, cells[at.customerId - first], cells[at.requestNo - first]),
    );
  });
}

/**
 * The rows Excel's search brought for each name asked this round, taken where Excel's counts
 * in the same sync say they are every row about it: in each block, as many rows whose
 * column holds the name (any case) as Excel counted, and as many holding it within more
 * text. Those names' asks are answered: their rows are scanned, and placed (across the
 * search's span) unless the need reads them whole anyway. A name whose rows the search
 * missed (a cell formatted to show nothing, a hidden row) is settled by the counts as before.
 */
function takeFound(closure: Closure, part: SheetParts): void {
  const { customerId, requestNo } = closure.at;
  for (const find of closure.finds) {
    const rows = find.rows;
    if (!rows) continue;
    const col = closure.fresh.customers.includes(find.text) ? customerId : requestNo;
    const asks = closure.asks.filter((a) => a.key === find.text && a.block.col === col);
    if (!foundAgrees(rows, find.col, col, answersOf(asks))) continue;
    closure.asks = closure.asks.filter((a) => !asks.includes(a));
    for (const [r, cells] of rows) {
      if (r < 1) continue;
      closure.search.read(r, cells[customerId - find.col], cells[requestNo - find.col]);
      if (part.rows.has(r) || closure.also?.has(r)) continue;
      const row = new Array<Cell>(part.size.cols).fill("");
      cells.forEach((cell, c) => (row[find.col + c] = cell));
      part.rows.set(r, row);
      closure.placed.push(r);
    }
  }
  closure.finds = [];
}

/**
 * The cells a closure's search read, where they stand in the two columns: what other needs'
 * choices may rest on (`ColumnsOf`), and what the rows read whole must still say.
 */
function scannedColumns(closure: Closure, part: SheetParts): void {
  part.columns.customerId = [];
  part.columns.requestNo = [];
  for (const [r, [id, no]] of closure.search.scanned) {
    part.columns.customerId[r - 1] = id;
    part.columns.requestNo[r - 1] = no;
  }
}

/** A row's cells by the log's keys, from where the columns stand in what was read. */
function cellsOf(at: Record<string, number | undefined>, cells: Cell[]): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const [key, col] of Object.entries(at)) if (col !== undefined) out[key] = cells[col] ?? "";
  return out;
}

const countsOf = (counts: Counted[]) => Object.fromEntries(counts.map((c) => [c.text, c.count ?? -1]));
