/**
 * The one narrow door between the domain and Excel: `read` turns worksheets into a
 * Snapshot, `apply` turns a plan's writes into Office.js calls. Reads and writes are
 * batched: a read costs two syncs plus, on Excel on the web, one per ~4 MB of cell data;
 * a write costs one sync per ~4 MB of request. Never one per row.
 */
import { asRead } from "../domain/records";
import type { Cell, RowKey, SheetRead, SheetState, Snapshot, Write } from "../domain/workbook";
import { CELL_TEXT_MAX, columnLetter, FORMATTED_ROWS, LAST_ROW, tooLongCell } from "../domain/workbook";
import { fitPageTexts } from "../domain/page-text";
import { cellText } from "../domain/validate/text";
import type { Platform } from "./env";
import type { ChangeWatch } from "./change-watch";
import { chunkWrites, formatRuns, isKeyed, jsonBytes } from "./chunks";
import { rowsBytes } from "../domain/json-bytes";
import {
  SegmentMap,
  joinSegments,
  joinedState,
  logSegmentNames,
  segmentWrites,
} from "../domain/log-segments";

/** Writes whose rows move, or are found only when the batch runs: their sheet counts as changed whole. */
const MOVES_OR_FINDS = new Set<Write["kind"]>([
  "values",
  "deleteRows",
  "insertRows",
  "addSheet",
  "deleteSheet",
]);
/** Keyed rows of one sheet in one chunk whose places are asked for the change watch; more, and the sheet counts as changed whole. */
const NOTED_KEYED_ROWS = 1024;
/** Stay well under Excel on the web's 5 MB limit: estimates are estimates. */
export const PAYLOAD_BUDGET = 4 * 1024 * 1024;
/** Excel on the web's limit on a request or an answer (docs/excel-host.md): what a refused answer weighed at least. */
const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Cells read in one sync at most: a larger range's values may come back null (LARGE_RANGE_CELLS in the host). */
export const READ_CELLS = 4_000_000;
const UNLIMITED = Number.POSITIVE_INFINITY;
/** Header rows are read this wide; the widest product sheet has under 50 columns. */
export const HEADER_WIDTH = 256;
/** What a search found on a sheet (Book.findCells): by row, its cells holding a word, by column. */
export interface FoundCells {
  cells: Map<number, Map<number, Cell>>;
  height: number;
  width: number;
  whole: boolean;
}
/**
 * Told a read's rows as each sync's answer brings them (Book.read), so that what they go to
 * (Validate's worker: taskpane/check-message.ts) takes them in while the rest is read.
 * Rows come in order from the sheet's top (A1), as they will stand in the snapshot, and a
 * sheet is `done` once all of its rows have come. A read that starts again (a sheet gone
 * or rows moved under it, `steady`) begins again: what was told before is no one's. The
 * Change log on several sheets is not told (its segments are joined after the read).
 */
export interface ReadSink {
  begin(sheetNames: string[]): void;
  rows(sheet: string, rows: Cell[][]): void;
  done(sheet: string): void;
}

/** Columns of a worksheet (XFD): a row across all of them says whether any column is hidden. */
const SHEET_COLUMNS = 16_384;
/** Rows of a worksheet: a block of columns from top to bottom. */
const SHEET_ROWS = 1_048_576;

/**
 * The rows Worksheet.findAll finds holding a text (any case, any part of any cell), read
 * across a block of columns in the same sync as the rest of a read (`readBlocks`): the
 * Change log's rows about a name, without first asking where they are (partial.ts). What
 * the search found is not trusted alone — Excel's counts asked in the same sync say whether
 * it found every row (a cell formatted to show nothing, a hidden row: Excel's search looks
 * at what is shown). `rows` after the read: each row found (0-based) with its cells across
 * the block; null where the search was not asked (the log on several sheets) or Excel
 * refused it (then the read went on without it).
 */
export interface RowFind {
  sheet: string;
  text: string;
  col: number;
  cols: number;
  rows?: Map<number, Cell[]> | null;
}
/** What a read keeps free of its answer for the rows a search brings: past that, it is refused and read without. */
const FIND_ROOM = 256 * 1024;
/** Refusals of a sync that carried searches, after which the read goes on without them. */
const FIND_REFUSALS = [
  "InvalidOperation",
  "InvalidArgument",
  "ItemNotFound",
  "ResponsePayloadSizeLimitExceeded",
];

interface UsedRange {
  name: string;
  range: Excel.Range;
}

/** A rectangle of one worksheet to read, 0-based. */
export interface Block {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * Excel's count of the cells of a block equal to a text (`functions.countIf`, ExcelApi 1.2:
 * it counts on a very hidden sheet, where a search finds nothing), asked with a read and
 * answered into `count`.
 */
export interface Counted {
  block: Block;
  text: string;
  /**
   * "match": Excel's MATCH with match type 0 instead (the position from 1 of the first cell
   * of a one-column block equal to the text, ignoring case), answered into `count`, 0 where
   * none is (#N/A). "count": Excel's COUNT, the cells holding numbers (`text` not asked).
   */
  kind?: "match" | "count";
  count?: number;
}

/** A single row too large for Excel to answer for: the read stops, naming it, instead of retrying for ever. */
export class RowTooLarge extends Error {
  readonly code = "RowTooLarge";
  constructor(sheet: string, row: number, lang: "zh" | "en", cause?: unknown) {
    super(
      lang === "zh"
        ? `无法读取“${sheet}”第 ${row + 1} 行:这一行的内容超过 Excel 单次能返回的大小(网页版 5 MB)。请检查该行是否粘贴了过长的文字,缩短后再试。`
        : `Cannot read row ${row + 1} of "${sheet}": it holds more than Excel can return at once (5 MB on the web). Check the row for very long pasted text, shorten it and try again.`,
      { cause },
    );
    this.name = "RowTooLarge";
  }
}

/** A value longer than an Excel cell holds; the plan was refused whole, nothing written. */
export class CellTooLong extends Error {
  readonly code = "CellTooLong";
  constructor(at: { sheet: string; row: number; col: number }, lang: "zh" | "en") {
    const cell = `${at.sheet}!${columnLetter(at.col)}${at.row + 1}`;
    super(
      lang === "zh"
        ? `${cell} 要写入的文字超过 Excel 单元格上限 ${CELL_TEXT_MAX} 个字符,未写入任何内容。请缩短后再试。`
        : `The text for ${cell} is longer than an Excel cell holds (${CELL_TEXT_MAX} characters); nothing was written. Please shorten it and try again.`,
    );
    this.name = "CellTooLong";
  }
}

/**
 * A row the plan writes to is no longer where anyone can find it: someone else deleted it,
 * or changed its identity, after the plan was made. Nothing of the chunk was written.
 */
export class RowMoved extends Error {
  readonly code = "RowMoved";
  constructor(
    readonly rows: string[],
    /** Whether earlier chunks of the same action were written (the action's journal finishes them). */
    readonly partly: boolean,
    lang: "zh" | "en",
  ) {
    const which = rows.slice(0, 3).join(lang === "zh" ? "、" : ", ") + (rows.length > 3 ? " …" : "");
    super(
      lang === "zh"
        ? `要写入的行(${which})刚被其他人移动或删除,${partly ? "本操作只写入了一部分,再运行一次即可完成" : "您的操作未写入任何内容"}。请刷新后再试。`
        : `A row this action writes to (${which}) was just moved or deleted by someone else; ${partly ? "part of the action was written — run it again to finish it" : "nothing of yours was written"}. Please refresh and try again.`,
    );
    this.name = "RowMoved";
  }
}

/**
 * A protected sheet the action writes to would not open: protected by hand with a password
 * the add-in does not know. The batch stopped at its first operation: nothing written.
 */
export class SheetLocked extends Error {
  readonly code = "SheetLocked";
  constructor(sheets: string[], lang: "zh" | "en", cause?: unknown) {
    const which = sheets.join(lang === "zh" ? "、" : ", ");
    super(
      lang === "zh"
        ? `工作表 ${which} 受密码保护,本插件无法写入,您的操作未写入任何内容。请在 Excel 中(审阅 ▸ 撤销工作表保护)取消密码,再在“保密工作表”页点击“全部隐藏并保护”。`
        : `The sheet ${which} is protected with a password, so the add-in cannot write to it; nothing of yours was written. Remove the password in Excel (Review ▸ Unprotect Sheet), then press “Hide and protect all” on the Kept sheets page.`,
      { cause },
    );
    this.name = "SheetLocked";
  }
}

/** A sheet a read was using went away under it, again and again: nothing was written. */
export class SheetGone extends Error {
  readonly code = "SheetGone";
  constructor(
    readonly sheets: string[],
    lang: "zh" | "en",
  ) {
    const which = sheets.join(lang === "zh" ? "、" : ", ");
    super(
      lang === "zh"
        ? `读取时工作表 ${which} 被其他人删除或改名,您的操作未写入任何内容。请稍后再试。`
        : `The sheet ${which} was deleted or renamed by someone else while it was being read; nothing of yours was written. Please try again in a moment.`,
    );
    this.name = "SheetGone";
  }
}

/**
 * Rows moved under a read that spans several syncs (a co-author deleted or inserted rows
 * between them): started again by Book.steady; after READ_ATTEMPTS, said as it is.
 */
export class ReadShifted extends Error {
  readonly code = "ReadShifted";
  constructor(
    readonly sheet: string,
    lang: "zh" | "en",
  ) {
    super(
      lang === "zh"
        ? `读取时工作表 ${sheet} 的行被其他人移动或删除,您的操作未写入任何内容。请稍后再试。`
        : `Rows of ${sheet} were moved or deleted by someone else while they were being read; nothing of yours was written. Please try again in a moment.`,
    );
    this.name = "ReadShifted";
  }
}

/**
 * Someone else opened the Change log's next segment (its next sheet) at the same moment:
 * Excel refused the second sheet of the name. Nothing of this action was written.
 */
export class SegmentTaken extends Error {
  readonly code = "SegmentTaken";
  constructor(sheet: string, lang: "zh" | "en", cause?: unknown) {
    super(
      lang === "zh"
        ? `其他人刚刚新建了变更记录的下一张工作表“${sheet}”,您的操作未写入任何内容。请再操作一次。`
        : `Someone else has just started the Change log's next sheet, “${sheet}”; nothing of yours was written. Please run the action again.`,
      { cause },
    );
    this.name = "SegmentTaken";
  }
}

/** How often a read starts again because sheets it listed went away before it finished. */
const READ_ATTEMPTS = 3;

/** Where a pane keeps the sheet names its last action listed (ExcelEnv.sheetNames). */
export interface SheetNameMemory {
  names?: string[];
  /**
   * The pane's watch of what changed since Validate last read the workbook
   * (change-watch.ts): every write this book sends is marked there as it is sent.
   */
  changes?: ChangeWatch;
}

export class Book {
  /** The sheet names the latest read listed: what it may ask for by name in its later syncs. */
  private listed: string[] = [];
  /**
   * Rows read before that every later read of the same partial read finds unchanged
   * (excel/partial.ts: a checkpoint's row the read stands on). A row a co-author inserts
   * or deletes above one moves it, and the rows read before and after no longer line up.
   */
  private anchors: { block: Block; cells: Cell[] }[] = [];
  /** Each listed sheet's visibility and protection (listSheets), kept up to date by `apply`. */
  private sheetStates: Record<string, SheetState> = {};

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly platform: Platform,
    /** The language of what the person is told when a row moved under the action. */
    readonly lang: "zh" | "en" = "zh",
    /** The sheet names the pane's last listing gave (ExcelEnv.sheetNames): a guess the headers' batch checks. */
    private readonly memory?: SheetNameMemory,
  ) {}

  private get budget(): number {
    return this.platform === "web" ? PAYLOAD_BUDGET : UNLIMITED;
  }

  /**
   * Reads every worksheet's name and the values of the sheets `pick` chooses from those
   * names. `pick` runs between the two syncs, so callers find sheets by name in any
   * language without a round trip of their own.
   */
  read(
    pick: (sheetNames: string[]) => string[],
    pickSizes: (sheetNames: string[]) => string[] = () => [],
    /** Told the rows as they come (ReadSink). */
    sink?: ReadSink,
  ): Promise<Snapshot> {
    return this.steady(() => this.readOnce(pick, pickSizes, sink));
  }

  /**
   * Runs a read that spans several syncs, and runs it again from the start when it fails
   * because a sheet it listed in its first sync is gone by a later one. Excel has no read
   * transaction: a co-author's deletion or rename reaches this session between two syncs,
   * and a batch that names the sheet then fails with ItemNotFound ("the requested resource
   * doesn't exist", Office.js error codes). Any other failure, or ItemNotFound while every
   * listed sheet is still there, passes on as it came; after READ_ATTEMPTS, SheetGone. A
   * read that finds rows moved under it (ReadShifted, partial.ts) starts again the same way.
   */
  async steady<T>(read: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await read();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === "ReadShifted") {
          if (attempt >= READ_ATTEMPTS) throw error;
          continue;
        }
        if (code !== "ItemNotFound") throw error;
        const before = this.listed;
        await this.listSheets();
        const now = this.listed;
        const vanished = before.filter((n) => !now.includes(n));
        if (!vanished.length) throw error;
        if (attempt >= READ_ATTEMPTS) throw new SheetGone(vanished, this.lang);
      }
    }
  }

  /**
   * Every worksheet's name, visibility and protection, in one sync; the names remembered for
   * `steady`, the states for `apply` (a protected sheet is written between unprotect and
   * protect) and handed to the plan (`Snapshot.states`).
   */
  private async listSheets(): Promise<string[]> {
    const sheets = this.queueListing();
    await this.context.sync();
    return this.takeListing(sheets);
  }

  /** The listing's load, queued in the batch being made. */
  private queueListing(): Excel.WorksheetCollection {
    const sheets = this.context.workbook.worksheets;
    sheets.load("items/name,items/id,items/visibility,items/protection/protected");
    return sheets;
  }

  /**
   * The listing as Excel answered it, remembered (`steady`, `apply`, the next action's
   * guess); what is given back is the workbook as the core sees it: the Change log's later
   * segments are not sheets of their own but rows of the log (log-segments.ts).
   */
  private takeListing(sheets: Excel.WorksheetCollection): string[] {
    this.listed = sheets.items.map((s) => s.name);
    this.segmentNames = logSegmentNames(this.listed);
    this.sheetIds = Object.fromEntries(sheets.items.map((s) => [s.name, s.id]));
    this.sheetStates = Object.fromEntries(
      sheets.items.map((s) => [
        s.name,
        { visibility: s.visibility as SheetState["visibility"], protected: s.protection.protected },
      ]),
    );
    if (this.memory) this.memory.names = this.listed;
    return logicalNames(this.listed);
  }

  /** The Change log's sheets at the latest listing, first to last (log-segments.ts). */
  private segmentNames: string[] = [];
  /** Where the log's rows stand on its sheets, as the latest read of their extents found. */
  private segments?: SegmentMap;
  /** The log's header row as read: every segment repeats it. */
  private logHeader: Cell[] = [];

  /** Sheet states as the core sees them: the log's, its segments' together. */
  private logicalStates(): Record<string, SheetState> {
    const states = { ...this.sheetStates };
    const [first, ...later] = this.segmentNames;
    if (first === undefined || !later.length) return states;
    const joined = joinedState(this.segmentNames.map((n) => this.sheetStates[n]));
    if (joined) states[first] = joined;
    for (const n of later) delete states[n];
    return states;
  }

  /** The log's later segments' extents, queued: each sheet's used range (`segmentsRead`). */
  private queueSegments(): { name: string; used: Excel.Range }[] {
    return this.segmentNames.slice(1).map((name) => {
      const used = this.context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
      used.load("rowIndex, rowCount, columnIndex, columnCount");
      return { name, used };
    });
  }

  /** The segment map from the first segment's extent and the later ones' as answered; the log's extent. */
  private segmentsRead(
    firstHeight: number,
    firstCols: number,
    later: { name: string; used: Excel.Range }[],
  ): { rows: number; cols: number } {
    const extent = (u: Excel.Range) =>
      u.isNullObject
        ? { rows: 0, cols: 0 }
        : { rows: u.rowIndex + u.rowCount, cols: u.columnIndex + u.columnCount };
    this.segments = new SegmentMap([
      { sheet: this.segmentNames[0]!, height: firstHeight },
      ...later.map((l) => ({ sheet: l.name, height: extent(l.used).rows })),
    ]);
    return {
      rows: this.segments.height,
      cols: Math.max(firstCols, ...later.map((l) => extent(l.used).cols)),
    };
  }

  /** Each listed sheet's id (Worksheet.id: it stays through a rename; a sheet deleted and made again has a new one). */
  get ids(): Record<string, string> {
    return this.sheetIds;
  }
  private sheetIds: Record<string, string> = {};

  /** How each sheet stood at the latest listing, as changed since by this book's own writes (the log's segments as one). */
  get states(): Record<string, SheetState> {
    return this.logicalStates();
  }

  private async readOnce(
    pick: (sheetNames: string[]) => string[],
    pickSizes: (sheetNames: string[]) => string[],
    sink?: ReadSink,
  ): Promise<Snapshot> {
    const sheets = this.context.workbook.worksheets;
    const sheetNames = await this.listSheets();
    sink?.begin(sheetNames);
    const wanted = pick(sheetNames).filter((n) => sheetNames.includes(n));
    // Sheets about to be rebuilt: how far they reach is all a plan needs of them.
    const sized = pickSizes(sheetNames)
      .filter((n) => sheetNames.includes(n) && !wanted.includes(n))
      .map((name) => ({ name, range: sheets.getItem(name).getUsedRangeOrNullObject(true) }));
    for (const s of sized) s.range.load("rowIndex, columnIndex, rowCount, columnCount");

    // The Change log's later segments read with it, and joined to it below.
    const logFirst = this.segmentNames[0];
    const segmented = logFirst !== undefined && wanted.includes(logFirst) ? this.segmentNames.slice(1) : [];
    const used: UsedRange[] = [...wanted, ...segmented].map((name) => ({
      name,
      range: sheets.getItem(name).getUsedRangeOrNullObject(true),
    }));
    const whole = this.budget === UNLIMITED;
    for (const u of used)
      u.range.load(whole ? "rowIndex, columnIndex, values" : "rowIndex, columnIndex, rowCount, columnCount");
    await this.context.sync();

    // The sink is told every sheet but the log's when it is on several sheets (joined below).
    const told = (name: string) =>
      !!sink && !(segmented.length && (name === logFirst || segmented.includes(name)));
    const result: Record<string, SheetRead> = {};
    for (const u of used) {
      if (u.range.isNullObject) {
        result[u.name] = { name: u.name, values: [] };
      } else if (whole && Array.isArray(u.range.values)) {
        result[u.name] = {
          name: u.name,
          values: anchorAtA1(u.range.values, u.range.rowIndex, u.range.columnIndex),
        };
      } else continue;
      if (told(u.name)) {
        sink!.rows(u.name, result[u.name]!.values);
        sink!.done(u.name);
      }
    }
    // On the web every sheet; on desktop a sheet too large to come back whole (values null).
    const rest = used.filter((u) => !u.range.isNullObject && !result[u.name]);
    if (rest.length) {
      if (whole) for (const u of rest) u.range.load("rowCount, columnCount");
      if (whole) await this.context.sync();
      const live = rest;
      // Each sheet's rows told as they come, anchored at A1 as the snapshot has them.
      const got = (i: number, rows: Cell[][], first: boolean, last: boolean) => {
        const u = live[i]!;
        if (!told(u.name)) return;
        if (first && u.range.rowIndex)
          sink!.rows(u.name, padRows(u.range.rowIndex, u.range.columnIndex + u.range.columnCount));
        sink!.rows(u.name, u.range.columnIndex ? anchorAtA1(rows, 0, u.range.columnIndex) : rows);
        if (last) sink!.done(u.name);
      };
      const grids = await this.readInChunks(
        live.map((u) => ({
          sheet: u.name,
          row: u.range.rowIndex,
          col: u.range.columnIndex,
          rows: u.range.rowCount,
          cols: u.range.columnCount,
        })),
        [],
        [],
        sink ? got : undefined,
      );
      live.forEach((u, i) => {
        result[u.name] = {
          name: u.name,
          values: anchorAtA1(grids[i]!, u.range.rowIndex, u.range.columnIndex),
        };
      });
    }
    const grids: Record<string, Cell[][]> = {};
    if (logFirst !== undefined && wanted.includes(logFirst)) {
      for (const n of [logFirst, ...segmented]) grids[n] = result[n]!.values;
      const list = [logFirst, ...segmented].map((n) => grids[n]!);
      this.segments = new SegmentMap(
        [logFirst, ...segmented].map((sheet, i) => ({ sheet, height: list[i]!.length })),
      );
      this.logHeader = list[0]![0] ?? [];
      if (segmented.length) result[logFirst] = { name: logFirst, values: joinSegments(list) };
      for (const n of segmented) delete result[n];
    }
    const sizes: Record<string, { rows: number; cols: number }> = {};
    for (const s of sized) {
      sizes[s.name] = s.range.isNullObject
        ? { rows: 0, cols: 0 }
        : { rows: s.range.rowIndex + s.range.rowCount, cols: s.range.columnIndex + s.range.columnCount };
    }
    const snapshot: Snapshot = { sheetNames, sheets: result, sizes, states: this.logicalStates() };
    if (segmented.length && this.segments && logFirst !== undefined) {
      const heights = [logFirst, ...segmented].map((n) => grids[n]?.length ?? 0);
      snapshot.logSegments = this.segments.places.map(({ sheet, from, count }, i) => ({
        sheet,
        from,
        count,
        height: heights[i]!,
      }));
    }
    return asRead(snapshot);
  }

  /**
   * Like `read`, but only the first row of each chosen sheet (up to column IV) and how far
   * each sheet reaches (`sizes`): two syncs whatever the sheets hold.
   */
  readHeaders(pick: (sheetNames: string[]) => string[], withFormats = false): Promise<Snapshot> {
    return this.steady(() => this.readHeadersOnce(pick, withFormats));
  }

  private async readHeadersOnce(
    pick: (sheetNames: string[]) => string[],
    withFormats: boolean,
  ): Promise<Snapshot> {
    // The last listing's names, where the pane has one: the headers asked for by them in the
    // same batch as a new listing, which says whether they still hold. A sheet gone since
    // (ItemNotFound: the batch read nothing) or one the new listing adds to the choice costs
    // the sync a guess saves.
    const guessed = this.memory?.names;
    if (guessed) {
      const guess = logicalNames(guessed);
      const wanted = pick(guess).filter((n) => guess.includes(n));
      const sheets = this.queueListing();
      // The log's segments as the guess has them, their extents asked in the same batch.
      const segments = logSegmentNames(guessed);
      this.segmentNames = segments;
      const rows = this.queueHeaders(wanted, withFormats);
      const answered = await this.context.sync().then(
        () => true,
        (error: unknown) => {
          if ((error as { code?: string }).code !== "ItemNotFound") throw error;
          return false;
        },
      );
      if (answered) {
        const sheetNames = this.takeListing(sheets);
        const now = pick(sheetNames).filter((n) => sheetNames.includes(n));
        const same = (a: string[], b: string[]) => a.length === b.length && a.every((n, i) => n === b[i]);
        if (same(now, wanted) && same(segments, this.segmentNames))
          return this.headersRead(sheetNames, rows, withFormats);
        const again = this.queueHeaders(now, withFormats);
        await this.context.sync();
        return this.headersRead(sheetNames, again, withFormats);
      }
    }
    const sheetNames = await this.listSheets();
    const rows = this.queueHeaders(
      pick(sheetNames).filter((n) => sheetNames.includes(n)),
      withFormats,
    );
    await this.context.sync();
    return this.headersRead(sheetNames, rows, withFormats);
  }

  /** Each sheet's header row (up to column IV), how far it reaches, and with formats its first rows' number formats, queued. */
  private queueHeaders(wanted: string[], withFormats: boolean) {
    const sheets = this.context.workbook.worksheets;
    const rows = wanted.map((name) => ({
      name,
      range: sheets.getItem(name).getRangeByIndexes(0, 0, 1, HEADER_WIDTH),
      used: sheets.getItem(name).getUsedRangeOrNullObject(true),
      formats: withFormats
        ? [1, FORMATTED_ROWS - 1].map((row) =>
            sheets.getItem(name).getRangeByIndexes(row, 0, 1, HEADER_WIDTH),
          )
        : [],
    }));
    for (const r of rows) {
      r.range.load("values");
      r.used.load("rowIndex, columnIndex, rowCount, columnCount");
      for (const f of r.formats) f.load("numberFormat");
    }
    // The Change log's later segments: how far each reaches, for the log's extent.
    const logFirst = this.segmentNames[0];
    const segments = logFirst !== undefined && wanted.includes(logFirst) ? this.queueSegments() : undefined;
    return { rows, segments };
  }

  /** The headers as Excel answered them. */
  private headersRead(
    sheetNames: string[],
    queued: ReturnType<Book["queueHeaders"]>,
    withFormats: boolean,
  ): Snapshot {
    const { rows, segments } = queued;
    const result: Record<string, SheetRead> = {};
    const sizes: Record<string, { rows: number; cols: number }> = {};
    for (const r of rows) {
      const header = r.range.values[0] ?? [];
      let end = header.length;
      while (end > 0 && header[end - 1] === "") end--;
      result[r.name] = { name: r.name, values: end ? [header.slice(0, end)] : [] };
      if (withFormats)
        result[r.name]!.formats = r.formats.map((f) => (f.numberFormat[0] ?? []).slice(0, end));
      sizes[r.name] = r.used.isNullObject
        ? { rows: 0, cols: 0 }
        : { rows: r.used.rowIndex + r.used.rowCount, cols: r.used.columnIndex + r.used.columnCount };
    }
    const logFirst = this.segmentNames[0];
    if (segments && logFirst !== undefined && sizes[logFirst]) {
      this.logHeader = result[logFirst]!.values[0] ?? [];
      sizes[logFirst] = this.segmentsRead(sizes[logFirst]!.rows, sizes[logFirst]!.cols, segments);
    }
    return asRead({ sheetNames, sheets: result, sizes, states: this.logicalStates() });
  }

  /**
   * Reads the used ranges slice by slice, each sync's answer under the budget. The first
   * slice is small; later slices are sized from the bytes per row actually seen, and a
   * slice that still comes back too large is halved and read again.
   */
  private async readInChunks(
    blocks: Block[],
    counts: Counted[] = [],
    finds: RowFind[] = [],
    /** Told each block's rows as a sync brings them, in order: whether they are its first, and its last. */
    got?: (block: number, rows: Cell[][], first: boolean, last: boolean) => void,
  ): Promise<Cell[][][]> {
    // Each kind of block (a sheet's same columns) is sized by its own weight: an ID column
    // weighs a few bytes a cell, the Change log's rows whole (stamps, hashes) many more. A kind
    // not read yet is sized by the heaviest seen so far and given at most a quarter of a
    // sync, so a guess several times too light still fits under Excel's limit.
    type Todo = { b: Block; next: number; grid: Cell[][]; kind: string };
    const todo: Todo[] = blocks.map((b) => ({
      b,
      next: 0,
      grid: [],
      kind: `${b.sheet}\u0000${b.col}:${b.cols}`,
    }));
    const weights = new Map<string, number>();
    // The least a refused answer proved its kinds weigh a cell, and the heaviest each kind
    // weighed: a kind's rows can be far heavier further down than the slice that weighed it.
    const refusedAt = new Map<string, number>();
    const heaviestOf = new Map<string, number>();
    let heaviest = 48;
    const weightOf = (t: Todo) => weights.get(t.kind) ?? heaviest;
    let cellCap = READ_CELLS;
    let pending = todo.filter((t) => t.next < t.b.rows);
    /**
     * A GeneralException is read again smaller, as Excel on the web may give it for an answer
     * too large; once the rows it covered are read, if they weigh under the budget it was not
     * about size (a dropped connection, a fault) and is passed on as it came.
     */
    let suspect: { error: unknown; ends: Map<Todo, number>; bytes: number } | undefined;
    // Excel's counts ride in the first batches that go through (again in the next when one is
    // refused), as many a batch as keep its request well under Excel's limit on the web.
    let counted = 0;
    const countsTo = (from: number) => {
      if (this.budget === UNLIMITED) return counts.length;
      let to = from;
      for (let bytes = 0; to < counts.length; to++) {
        bytes += countRequestBytes(counts[to]!);
        if (bytes > PAYLOAD_LIMIT / 2 && to > from) break;
      }
      return to;
    };
    // The searches ride in the first sync (again in the next when it is refused, without them),
    // and only with every count: what they found is judged by the counts of the same moment.
    let finding = countsTo(0) >= counts.length ? finds : [];
    if (!finding.length) for (const f of finds) f.rows = null;
    while (pending.length > 0 || counted < counts.length || finding.length > 0) {
      let room =
        this.budget - (this.budget === UNLIMITED ? 0 : Math.min(this.budget / 2, finding.length * FIND_ROOM));
      const searched = finding.map((f) => {
        const sheet = this.context.workbook.worksheets.getItem(f.sheet);
        const lines = sheet
          .findAllOrNullObject(f.text, { completeMatch: false, matchCase: false })
          .getEntireRow()
          .getIntersectionOrNullObject(sheet.getRangeByIndexes(0, f.col, SHEET_ROWS, f.cols));
        lines.load("areas/items/rowIndex, areas/items/rowCount, areas/items/values");
        return lines;
      });
      const slices: { t: Todo; range: Excel.Range; count: number }[] = [];
      const batch = counts.slice(counted, countsTo(counted));
      const asked = batch.length
        ? batch.map((c) => {
            const range = this.context.workbook.worksheets
              .getItem(c.block.sheet)
              .getRangeByIndexes(c.block.row, c.block.col, c.block.rows, c.block.cols);
            const functions = this.context.workbook.functions;
            const result =
              c.kind === "match"
                ? functions.match(c.text, range, 0)
                : c.kind === "count"
                  ? functions.count(range)
                  : functions.countIf(range, c.text);
            result.load("value,error");
            return result;
          })
        : [];
      // The anchors (`anchor`), read again in every sync: a row inserted or deleted above one
      // between two syncs of this read, as between two reads, is seen.
      const anchored = this.anchors.map(({ block }) => {
        const range = this.context.workbook.worksheets
          .getItem(block.sheet)
          .getRangeByIndexes(block.row, block.col, block.rows, block.cols);
        range.load("values");
        return range;
      });
      let cellRoom = cellCap;
      // What each kind not yet weighed may still take of this sync.
      const untried = new Map<string, number>();
      for (const t of pending) {
        if (room <= 0 || cellRoom <= 0) break;
        if (!weights.has(t.kind) && !untried.has(t.kind)) untried.set(t.kind, this.budget / 4);
        const share = Math.min(room, untried.get(t.kind) ?? room);
        if (share <= 0) continue;
        const fit = Math.max(
          1,
          Math.min(Math.floor(share / (weightOf(t) * t.b.cols)), Math.floor(cellRoom / t.b.cols)),
        );
        const count = Math.min(fit, t.b.rows - t.next);
        const range = this.context.workbook.worksheets
          .getItem(t.b.sheet)
          .getRangeByIndexes(t.b.row + t.next, t.b.col, count, t.b.cols);
        range.load("values");
        slices.push({ t, range, count });
        room -= count * t.b.cols * weightOf(t);
        if (untried.has(t.kind)) untried.set(t.kind, untried.get(t.kind)! - count * t.b.cols * weightOf(t));
        cellRoom -= count * t.b.cols;
      }
      // A read that came back too large, or as nothing: smaller slices, down to one row.
      const tooLarge = (error?: unknown) => {
        const one = slices.length === 1 && slices[0]!.count === 1;
        if (one) {
          // Only a size answer says the row is too large; anything else is passed on as it is.
          if ((error as { code?: string } | undefined)?.code === "GeneralException") throw error;
          const { t } = slices[0]!;
          throw new RowTooLarge(t.b.sheet, t.b.row + t.next, this.lang, error);
        }
        heaviest *= 2;
        // Refused as too heavy, the answer weighed more than Excel's limit: its cells weigh at
        // least that much on average, which no later measure of theirs goes under.
        const cells = slices.reduce((n, s) => n + s.count * s.t.b.cols, 0);
        // Each kind once, however many of its blocks the sync carried: doubled per block, a
        // thousand one-row blocks made its weight infinite, the next sync one row, and the
        // one row's light measure the sync after that as heavy as the refused one again.
        for (const kind of new Set(slices.map((s) => s.t.kind))) {
          weights.set(kind, (weights.get(kind) ?? heaviest) * 2);
          // Only for a kind weighed before: a refusal of a guess says nothing new.
          if (error && heaviestOf.has(kind))
            refusedAt.set(kind, Math.max(refusedAt.get(kind) ?? 0, PAYLOAD_LIMIT / Math.max(1, cells)));
        }
        // Too many cells (values null, desktop) asks fewer cells of every later sync; an
        // answer too heavy is about bytes, and the weights above now say so.
        if (!error) cellCap = Math.max(1, Math.floor(cellCap / 2));
      };
      try {
        // One sync per slice of ~4 MB is the least Excel on the web allows.
        await this.context.sync();
      } catch (error) {
        // Excel on the web answers an oversized read with ResponsePayloadSizeLimitExceeded as
        // documented, or with GeneralException: both are retried smaller, never for ever.
        const code = (error as { code?: string }).code;
        if (searched.length) {
          // Refused with the searches (a name found nowhere, a match in a hidden column, too
          // large an answer): the same read again without them, their rows found by the counts.
          for (const f of finding) f.rows = null;
          finding = [];
          if (FIND_REFUSALS.includes(code ?? "")) continue;
        }
        if (code !== "ResponsePayloadSizeLimitExceeded" && code !== "GeneralException") throw error;
        if (code === "GeneralException" && !suspect)
          suspect = { error, ends: new Map(slices.map((s) => [s.t, s.t.next + s.count])), bytes: 0 };
        tooLarge(error);
        continue;
      }
      searched.forEach((lines, i) => {
        const rows = new Map<number, Cell[]>();
        const areas = lines.isNullObject ? [] : lines.areas.items;
        // An area of too many cells answers no values (desktop): not found, then, but counted.
        if (areas.some((a) => !Array.isArray(a.values))) return void (finding[i]!.rows = null);
        for (const a of areas) a.values.forEach((cells, k) => rows.set(a.rowIndex + k, cells as Cell[]));
        finding[i]!.rows = rows;
      });
      finding = [];
      if (slices.some((s) => !Array.isArray(s.range.values))) {
        tooLarge();
        continue;
      }
      this.anchors.forEach(({ block, cells }, k) => {
        const now = anchored[k]!.values[0] ?? [];
        if (cells.some((cell, c) => cellText(cell) !== cellText(now[c] ?? "")))
          throw new ReadShifted(block.sheet, this.lang);
      });
      if (batch.length) {
        asked.forEach((result, i) => {
          const c = batch[i]!;
          if (c.kind === "match" && result.error === "#N/A") c.count = 0;
          else if (result.error)
            throw new Error(
              `${c.kind === "match" ? "MATCH" : c.kind === "count" ? "COUNT" : "COUNTIF"} over ${c.block.sheet} answered ${result.error}`,
            );
          else c.count = Number(result.value);
        });
        counted += batch.length;
      }
      const measured = new Map<string, { bytes: number; cells: number }>();
      for (const s of slices) {
        const values = s.range.values;
        // Weighed in part: what sizes the next slices is the rows' average, not every byte.
        const weight = rowsBytes(values);
        const m = measured.get(s.t.kind) ?? { bytes: 0, cells: 0 };
        m.bytes += weight;
        m.cells += s.count * s.t.b.cols;
        measured.set(s.t.kind, m);
        const end = suspect?.ends.get(s.t);
        if (suspect && end !== undefined && s.t.next < end)
          suspect.bytes += jsonBytes(values.slice(0, end - s.t.next));
        for (const row of values) s.t.grid.push(row);
        const first = s.t.next === 0;
        s.t.next += s.count;
        got?.(todo.indexOf(s.t), values, first, s.t.next >= s.t.b.rows);
      }
      if (suspect && [...suspect.ends].every(([t, end]) => t.next >= end)) {
        if (suspect.bytes < this.budget) throw suspect.error;
        suspect = undefined;
      }
      // Each kind sized next from what it weighed, with room for longer rows.
      for (const [kind, m] of measured) {
        // The heaviest any slice of the kind weighed in this read, not the last one: a light
        // stretch after a heavy one must not size the next slice for light rows only.
        const measured = (m.bytes / Math.max(1, m.cells)) * 1.25;
        heaviestOf.set(kind, Math.max(heaviestOf.get(kind) ?? 0, measured));
        const weight = Math.max(8, heaviestOf.get(kind)!, refusedAt.get(kind) ?? 0);
        weights.set(kind, weight);
        heaviest = Math.max(heaviest, weight);
      }
      pending = todo.filter((t) => t.next < t.b.rows);
    }
    return todo.map((t) => t.grid);
  }

  /**
   * Where words stand on sheets, in one sync: for each sheet, every cell
   * Worksheet.findAllOrNullObject finds holding any of the words (any case, any part of the
   * cell) with its value, and how far the sheet reaches from A1 — or `whole` where Excel's
   * search cannot be relied on to find every cell a read would: a sheet not shown ("Content
   * in hidden worksheets is not returned"), a sheet with a hidden column (what the search does
   * there is not documented), or a search Excel refused or whose answer was too large (then
   * one more sync, for the extents alone). No words: every sheet `whole`, with its extent. The
   * words must be plain (no `*` `?` `~`).
   */
  async findCells(sheets: readonly string[], words: readonly string[]): Promise<Map<string, FoundCells>> {
    const items = this.context.workbook.worksheets;
    const asked = sheets.map((name) => {
      const sheet = items.getItem(name);
      sheet.load("visibility");
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load("rowIndex, columnIndex, rowCount, columnCount");
      // Range.columnHidden: false only when no column of the range is hidden.
      const columns = sheet.getRangeByIndexes(0, 0, 1, SHEET_COLUMNS);
      columns.load("columnHidden");
      const hits = words.map((word) => {
        const found = sheet.findAllOrNullObject(word, { completeMatch: false, matchCase: false });
        found.load("areas/items/rowIndex, areas/items/columnIndex, areas/items/values");
        return found;
      });
      return { name, sheet, used, columns, hits };
    });
    try {
      await this.context.sync();
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      // Refused, or an answer over the limit as documented; anything else (GeneralException
      // included, a dropped connection as much as a size) reaches the pane as it came.
      const refused = ["InvalidOperation", "InvalidArgument", "ResponsePayloadSizeLimitExceeded"];
      if (words.length && refused.includes(code)) return this.findCells(sheets, []);
      throw error;
    }
    const out = new Map<string, FoundCells>();
    for (const a of asked) {
      const used = a.used.isNullObject ? undefined : a.used;
      const height = used ? used.rowIndex + used.rowCount : 0;
      const width = used ? used.columnIndex + used.columnCount : 0;
      const whole = !words.length || a.sheet.visibility !== "Visible" || a.columns.columnHidden !== false;
      const cells = new Map<number, Map<number, Cell>>();
      if (!whole)
        for (const hit of a.hits)
          if (!hit.isNullObject)
            for (const area of hit.areas.items)
              area.values.forEach((row, r) =>
                row.forEach((cell, c) => {
                  const at = area.rowIndex + r;
                  if (!cells.has(at)) cells.set(at, new Map());
                  cells.get(at)!.set(area.columnIndex + c, cell as Cell);
                }),
              );
      out.set(a.name, { cells, height, width, whole });
    }
    return out;
  }

  /**
   * Reads the given rectangles in as few syncs as the payload limit allows (one on
   * desktop): for actions that need a column or a few rows, not whole sheets.
   */
  async readBlocks(blocks: Block[], counts: Counted[] = [], finds: RowFind[] = []): Promise<Cell[][][]> {
    await this.knowSegments([...blocks.map((b) => b.sheet), ...counts.map((c) => c.block.sheet)]);
    const map = this.segments;
    const first = this.segmentNames[0];
    if (!map?.several || first === undefined) return this.readPlain(blocks, counts, finds);
    // A log on several sheets: its rows are found by Excel's counts alone.
    for (const f of finds) f.rows = null;
    // Blocks of the log's rows read as pieces of its segments' sheets, and put together again.
    const physical: Block[] = [];
    const parts = blocks.map((b) => {
      if (b.sheet !== first) return [physical.push(b) - 1];
      return map
        .pieces(b.row, b.rows)
        .map((p) => physical.push({ ...b, sheet: p.sheet, row: p.row, rows: p.rows }) - 1);
    });
    // Excel's counts over the log's rows: one per piece, added up; MATCH's first hit, where it is in the block.
    const asked: Counted[] = [];
    const split: { c: Counted; pieces: { c: Counted; at: number }[] }[] = [];
    for (const c of counts) {
      if (c.block.sheet !== first) {
        asked.push(c);
        continue;
      }
      const pieces = map.pieces(c.block.row, c.block.rows).map((p) => ({
        c: {
          block: { ...c.block, sheet: p.sheet, row: p.row, rows: p.rows },
          text: c.text,
          ...(c.kind && { kind: c.kind }),
        },
        at: p.at,
      }));
      asked.push(...pieces.map((p) => p.c));
      split.push({ c, pieces });
    }
    const grids = await this.readPlain(physical, asked);
    for (const { c, pieces } of split) {
      if (c.kind === "match") {
        const hit = pieces.find((p) => (p.c.count ?? 0) > 0);
        c.count = hit ? hit.at + hit.c.count! : 0;
      } else c.count = pieces.reduce((n, p) => n + (p.c.count ?? 0), 0);
    }
    return parts.map((indexes) => indexes.flatMap((i) => grids[i]!));
  }

  /**
   * Where the log's rows stand, made known before a read or write of them that needs it: the
   * log on several sheets and no read of this book having said how far each reaches (a
   * read-back of rows written, a plan applied without a read of the log). Two syncs, only then.
   */
  private async knowSegments(sheets: string[]): Promise<void> {
    if (this.segments) return;
    // No listing yet, by this book or the pane's last action: a log of one sheet is assumed
    // (every pane action lists the sheets before it reads or writes the log's rows).
    const names = this.listed.length ? this.listed : this.memory?.names;
    if (!names) return;
    const segments = logSegmentNames(names);
    if (segments.length <= 1 || !sheets.includes(segments[0]!)) return;
    await this.listSheets();
    const first = this.segmentNames[0];
    if (first === undefined || this.segmentNames.length <= 1) return;
    const sheet = this.context.workbook.worksheets.getItem(first);
    const asked = {
      used: sheet.getUsedRangeOrNullObject(true).load("rowIndex, rowCount, columnIndex, columnCount"),
      header: sheet.getRangeByIndexes(0, 0, 1, HEADER_WIDTH).load("values"),
      later: this.queueSegments(),
    };
    await this.context.sync();
    const row = asked.header.values[0] ?? [];
    let end = row.length;
    while (end > 0 && row[end - 1] === "") end--;
    this.logHeader = row.slice(0, end);
    const extent = asked.used.isNullObject
      ? { rows: 0, cols: 0 }
      : {
          rows: asked.used.rowIndex + asked.used.rowCount,
          cols: asked.used.columnIndex + asked.used.columnCount,
        };
    this.segmentsRead(extent.rows, extent.cols, asked.later);
  }

  /**
   * The log's sheets as the caller's own read found them (Validate's read of what changed,
   * which lists the sheets itself): where `readBlocks` finds the log's rows.
   */
  useSegments(segments: { sheet: string; height: number }[]): void {
    this.segmentNames = segments.map((s) => s.sheet);
    this.segments = new SegmentMap(segments);
  }

  /** `readBlocks` of sheets as they are, no row of the log moved to its segment. */
  private async readPlain(blocks: Block[], counts: Counted[], finds: RowFind[] = []): Promise<Cell[][][]> {
    const grids = await this.readInChunks(
      blocks.filter((b) => b.rows > 0 && b.cols > 0),
      counts,
      finds,
    );
    let i = 0;
    return blocks.map((b) => (b.rows > 0 && b.cols > 0 ? grids[i++]! : []));
  }

  /** The rows every later `readBlocks` reads again and finds unchanged, or throws ReadShifted (none: []). */
  anchor(rows: { block: Block; cells: Cell[] }[]): void {
    const map = this.segments;
    const first = this.segmentNames[0];
    this.anchors =
      map?.several && first !== undefined
        ? rows.map(({ block, cells }) =>
            block.sheet === first
              ? { block: { ...block, ...map.place(block.row) }, cells }
              : { block, cells },
          )
        : rows;
  }

  /**
   * Applies writes in order, one sync per chunk that fits the request budget. A write with
   * a key (keyed.ts) goes to the row that holds its identity when the batch runs: each
   * chunk first looks up every identity it writes to, so a row that is gone stops the
   * chunk before any of its writes (Office.js runs a batch's operations in order and stops
   * at the first that fails; `find` fails with ItemNotFound), and each keyed write finds its
   * row again just before it writes, after the chunk's own deletions have moved the rows.
   */
  async apply(writes: Write[]): Promise<{ syncs: number }> {
    // Excel refuses a cell over 32,767 characters: say which before anything is written.
    const long = tooLongCell(writes);
    if (long) throw new CellTooLong(long, this.lang);
    // The log's rows to its segments' sheets; a new segment, where the rows need one, first.
    await this.knowSegments(writes.map((w) => w.sheet));
    const map = this.segments;
    const first = this.segmentNames[0];
    if (map && first !== undefined && writes.some((w) => w.sheet === first)) {
      const placed = segmentWrites(map, writes, { header: this.logHeader, states: this.sheetStates });
      let opened = 0;
      if (placed.opening.length) {
        try {
          opened = (await this.send(placed.opening)).syncs;
        } catch (error) {
          if ((error as { code?: string }).code === "ItemAlreadyExists")
            throw new SegmentTaken(placed.opening[0]!.sheet, this.lang, error);
          throw error;
        }
        this.segmentNames = [...this.segmentNames, placed.opening[0]!.sheet];
      }
      return { syncs: opened + (await this.send(placed.writes)).syncs };
    }
    return this.send(writes);
  }

  /** The writes sent as they are, one sync per chunk that fits the request budget. */
  private async send(writes: Write[]): Promise<{ syncs: number }> {
    const chunks = chunkWrites(writes, this.budget);
    // Sheets whose protection the plan handles itself (printouts, lists): left to it.
    const ownProtection = new Set(
      writes.filter((w) => w.kind === "protect" || w.kind === "unprotect").map((w) => w.sheet),
    );
    for (const [i, chunk] of chunks.entries()) {
      this.context.application.suspendScreenUpdatingUntilNextSync();
      const guarded = this.guardedIn(chunk, ownProtection);
      // A protected sheet (kept-sheets.ts) opens for this batch only: unprotected before its
      // writes and protected again after them, in the same sync — never left open between two.
      for (const sheet of guarded) this.context.workbook.worksheets.getItem(sheet).protection.unprotect();
      const keyed = chunk.filter(isKeyed);
      for (const w of keyed) this.findRow(w);
      this.noting = this.rowsToNote(keyed);
      for (const w of chunk) {
        // Excel's UI cannot go to a hidden sheet: a plan's "go there" is dropped for one.
        if (w.kind === "activate" && (this.sheetStates[w.sheet]?.visibility ?? "Visible") !== "Visible")
          continue;
        this.queue(w);
        this.track(w);
      }
      for (const sheet of guarded) this.protect(sheet);
      const noted = this.noted;
      this.noted = [];
      try {
        await this.context.sync();
        for (const n of noted)
          this.memory?.changes?.wrote(n.sheet, [n.found.rowIndex, n.found.rowIndex + n.rows]);
      } catch (error) {
        // Where the keyed rows stood is not known: their sheets count as changed whole.
        for (const n of noted) this.memory?.changes?.wrote(n.sheet, "whole");
        // Excel's answer to an unprotect without the sheet's password (host: InvalidArgument).
        if (guarded.length && (error as { code?: string }).code === "InvalidArgument") {
          const locked = await this.closeAgain(guarded);
          // Every sheet opened: the argument Excel refused was another (passed on as it came).
          if (locked.length) throw new SheetLocked(locked, this.lang, error);
        }
        if (keyed.length && (error as { code?: string }).code === "ItemNotFound")
          throw new RowMoved(
            keyed.map((w) => `${w.sheet} ${w.key.value}`),
            i > 0,
            this.lang,
          );
        throw error;
      }
    }
    return { syncs: chunks.length };
  }

  /**
   * After a batch stopped at a sheet that would not open, the sheets it had opened before
   * are protected again (Excel ran the batch's operations up to the failing one): two more
   * syncs, only then. Best effort — what stays open is Validate's to name. Returns the sheet
   * that would not open: the first still protected ([] when every one had opened).
   */
  private async closeAgain(sheets: string[]): Promise<string[]> {
    try {
      const items = sheets.map((name) => ({
        name,
        protection: this.context.workbook.worksheets.getItem(name).protection.load("protected"),
      }));
      await this.context.sync();
      const open = items.filter((i) => !i.protection.protected);
      for (const i of open) this.protect(i.name);
      if (open.length) await this.context.sync();
      // The batch opened the sheets in order and stopped at the first that would not open.
      return items
        .filter((i) => i.protection.protected)
        .map((i) => i.name)
        .slice(0, 1);
    } catch {
      // The refusal said what matters; a sheet left open is named by Validate (sheets.unprotected).
      return sheets;
    }
  }

  /** The protected sheets a chunk writes to, other than those whose protection the plan handles. */
  private guardedIn(chunk: Write[], ownProtection: Set<string>): string[] {
    const out = new Set<string>();
    for (const w of chunk) {
      if (
        w.kind === "addSheet" ||
        w.kind === "deleteSheet" ||
        w.kind === "activate" ||
        w.kind === "visibility"
      )
        continue;
      if (!ownProtection.has(w.sheet) && this.sheetStates[w.sheet]?.protected) out.add(w.sheet);
    }
    return [...out];
  }

  /** A write's effect on how a sheet stands, for the writes after it. */
  private track(w: Write): void {
    const was = this.sheetStates[w.sheet];
    if (w.kind === "addSheet") this.sheetStates[w.sheet] = { visibility: "Visible", protected: false };
    else if (w.kind === "deleteSheet") delete this.sheetStates[w.sheet];
    else if (was && w.kind === "visibility") was.visibility = w.value;
    else if (was && (w.kind === "protect" || w.kind === "unprotect")) was.protected = w.kind === "protect";
  }

  /** The product's protection: columns may be widened, filtered and sorted; no cell typed into. */
  private protect(sheet: string): void {
    this.context.workbook.worksheets
      .getItem(sheet)
      .protection.protect({ allowFormatColumns: true, allowAutoFilter: true, allowSort: true });
  }

  /** The cell below the header that holds the write's identity, found when the batch runs. */
  private findRow(w: Write & { key: RowKey }): Excel.Range {
    return this.context.workbook.worksheets
      .getItem(w.sheet)
      .getRangeByIndexes(1, w.key.col, LAST_ROW - 1, 1)
      .find(w.key.value, { completeMatch: true, matchCase: true });
  }

  /**
   * Sheets whose keyed writes in this chunk are few enough to ask where each row was found
   * (its rowIndex, a few bytes an answer): only where the pane watches what changes.
   */
  private rowsToNote(keyed: (Write & { key: RowKey })[]): Set<string> {
    if (!this.memory?.changes) return new Set();
    const count = new Map<string, number>();
    for (const w of keyed) if (w.kind === "values") count.set(w.sheet, (count.get(w.sheet) ?? 0) + 1);
    return new Set([...count].filter(([, n]) => n <= NOTED_KEYED_ROWS).map(([sheet]) => sheet));
  }
  private noting = new Set<string>();
  /** The keyed rows of the chunk being made, found when it runs: marked changed after its sync. */
  private noted: { sheet: string; found: Excel.Range; rows: number }[] = [];

  /**
   * A write as the pane's change watch needs it (change-watch.ts), marked as it is sent: the
   * rows it changes; a keyed row where it is found (after the sync, `noted`), or the whole
   * sheet where its keyed rows are many; the whole sheet where rows move.
   */
  private mark(w: Write): void {
    const watch = this.memory?.changes;
    if (!watch) return;
    if (w.kind === "values" && !w.key) watch.wrote(w.sheet, [w.row, w.row + w.values.length]);
    else if (w.kind === "values" && this.noting.has(w.sheet)) return;
    else if (w.kind === "clear") watch.wrote(w.sheet, [w.row, w.row + w.rows]);
    else if (MOVES_OR_FINDS.has(w.kind)) watch.wrote(w.sheet, "whole");
  }

  private queue(w: Write): void {
    this.mark(w);
    const sheets = this.context.workbook.worksheets;
    switch (w.kind) {
      case "addSheet": {
        const ws = sheets.add(w.sheet);
        if (w.tabColor) ws.tabColor = w.tabColor;
        return;
      }
      case "deleteSheet":
        sheets.getItem(w.sheet).delete();
        return;
      case "values": {
        if (w.values.length === 0 || w.values[0]!.length === 0) return;
        const [rows, cols] = [w.values.length, w.values[0]!.length];
        let target: Excel.Range;
        if (w.key) {
          const found = this.findRow({ ...w, key: w.key });
          if (this.noting.has(w.sheet)) {
            found.load("rowIndex");
            this.noted.push({ sheet: w.sheet, found, rows });
          }
          target = found.getOffsetRange(0, w.col - w.key.col).getResizedRange(rows - 1, cols - 1);
        } else target = sheets.getItem(w.sheet).getRangeByIndexes(w.row, w.col, rows, cols);
        // The block's formats first, in the same batch: a General cell would type the text.
        for (const run of formatRuns(w.formats ?? []))
          target.getOffsetRange(0, run.from).getResizedRange(0, run.formats.length - cols).numberFormat =
            run.formats.every((f) => f === run.formats[0])
              ? (run.formats[0] as unknown as string[][]) // one value for every cell, as Office.js documents
              : Array.from({ length: rows }, () => run.formats);
        target.values = w.values;
        return;
      }
      case "columnFormat": {
        const column = sheets.getItem(w.sheet).getRangeByIndexes(0, w.col, FORMATTED_ROWS, 1);
        // A single value applies to every cell of the range, as Office.js documents.
        column.numberFormat = w.numberFormat as unknown as string[][];
        if (w.width !== undefined) column.format.columnWidth = charsToPoints(w.width);
        return;
      }
      case "headerStyle": {
        const header = sheets.getItem(w.sheet).getRangeByIndexes(w.row, w.col, 1, w.count);
        header.format.font.bold = true;
        header.format.fill.color = "#DDEBF7";
        header.format.wrapText = true;
        header.format.verticalAlignment = "Center";
        return;
      }
      case "style": {
        const block = sheets.getItem(w.sheet).getRangeByIndexes(w.row, w.col, w.rows, w.cols);
        block.format.font.bold = w.bold;
        if (w.size !== undefined) block.format.font.size = w.size;
        if (w.fill === "none") block.format.fill.clear();
        else block.format.fill.color = w.fill;
        return;
      }
      case "cellFormat": {
        const block = sheets.getItem(w.sheet).getRangeByIndexes(w.row, w.col, w.rows, w.cols);
        block.format.wrapText = w.wrap;
        if (w.vertical) block.format.verticalAlignment = w.vertical;
        if (w.rowHeight !== undefined) block.format.rowHeight = w.rowHeight;
        return;
      }
      case "freezeRows":
        sheets.getItem(w.sheet).freezePanes.freezeRows(w.count);
        return;
      case "validation": {
        const cells = sheets.getItem(w.sheet).getRangeByIndexes(1, w.col, LAST_ROW - 1, 1);
        cells.dataValidation.clear();
        cells.dataValidation.rule = w.rule as Excel.DataValidationRule;
        cells.dataValidation.errorAlert = {
          showAlert: true,
          style: "Stop",
          title: w.error.title,
          message: w.error.message,
        };
        return;
      }
      case "clear":
        // Contents only: the column formats (text, dates) stay for the next write.
        sheets.getItem(w.sheet).getRangeByIndexes(w.row, w.col, w.rows, w.cols).clear("Contents");
        return;
      case "deleteRows":
        if (w.key)
          this.findRow({ ...w, key: w.key })
            .getEntireRow()
            .delete("Up");
        else sheets.getItem(w.sheet).getRangeByIndexes(w.row, 0, w.count, 16_384).delete("Up");
        return;
      case "insertRows":
        // Range.insert (ExcelApi 1.1): "Inserts a cell or a range of cells into the worksheet in place of this range, and shifts the other cells to make space."
        sheets.getItem(w.sheet).getRangeByIndexes(w.row, 0, w.count, w.cols).insert("Down");
        return;
      case "hideColumns":
        // Range.columnHidden (ExcelApi 1.2): setting it hides every column of the range.
        sheets.getItem(w.sheet).getRangeByIndexes(0, w.col, 1, w.count).columnHidden = true;
        return;
      case "activate":
        sheets.getItem(w.sheet).activate();
        return;
      case "pageLayout": {
        const layout = sheets.getItem(w.sheet).pageLayout;
        layout.orientation = w.orientation;
        layout.paperSize = "A4";
        layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: w.pagesTall ?? 0 };
        if (w.printTitleRows) layout.setPrintTitleRows(w.printTitleRows);
        layout.setPrintArea(w.printArea);
        const pages = layout.headersFooters.defaultForAllPages;
        const [, centerHeader] = fitPageTexts([[], w.centerHeader, []]);
        const [leftFooter, centerFooter, rightFooter] = fitPageTexts([
          w.leftFooter,
          w.centerFooter,
          w.rightFooter,
        ]);
        pages.centerHeader = centerHeader!;
        pages.leftFooter = leftFooter!;
        pages.centerFooter = centerFooter!;
        pages.rightFooter = rightFooter!;
        return;
      }
      case "protect":
        this.protect(w.sheet);
        return;
      case "visibility":
        sheets.getItem(w.sheet).visibility = w.value as Excel.SheetVisibility;
        return;
      case "unprotect":
        sheets.getItem(w.sheet).protection.unprotect();
        return;
    }
  }
}

/** Excel's column width unit (characters of the default font) in points, as Office.js wants. */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Values of a used range that starts below or right of A1, padded so index 0 is row 1 / column A. */
function anchorAtA1(values: Cell[][], rowIndex: number, columnIndex: number): Cell[][] {
  const width = columnIndex + (values[0]?.length ?? 0);
  const grid = padRows(rowIndex, width);
  for (const row of values) grid.push(columnIndex ? [...new Array<Cell>(columnIndex).fill(""), ...row] : row);
  return grid;
}

/** A listing as the core sees it: the Change log's later segments are rows of the log, not sheets. */
function logicalNames(listed: string[]): string[] {
  const later = new Set(logSegmentNames(listed).slice(1));
  return later.size ? listed.filter((n) => !later.has(n)) : listed;
}

function padRows(count: number, width: number): Cell[][] {
  return Array.from({ length: count }, () => new Array<Cell>(width).fill(""));
}

/**
 * What one of Excel's counts adds to a request, at most: the function, the range it is
 * asked over (its sheet's name, escaped) and the text, with room for how Office.js
 * describes them. Sized generously: a guess too light could take a batch over Excel's limit.
 */
function countRequestBytes(c: Counted): number {
  // The host measures about 100 bytes a count (a four-character sheet, a nine-character text).
  return 120 + 6 * (c.block.sheet.length + c.text.length);
}
