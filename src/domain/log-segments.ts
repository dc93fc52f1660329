/**
 * The Change log kept on several sheets (issue 15, "a log that lasts"; decisions.md, "The
 * log's segments"). Excel holds 1,048,576 rows a sheet; an office of 100,000 customers logs
 * about 200,000 rows a year. So the log is kept on 变更记录, 变更记录 2, 变更记录 3 …
 * (Change log, Change log 2 …) — its *segments* — each with the header row, each full once
 * it holds `segmentRows()` rows (500,000: half Excel's limit, so the last action's rows,
 * a repair's re-appends and any co-author's batch have room past it). The log is their
 * data rows run together, in the order of their numbers (not of the tabs).
 *
 * The mapping lives at the edge, where sheets are read and written (the Excel adapter's
 * Book, the Node tool's file): the core sees one sheet named as the first segment, whose
 * row numbers are the log's own — segment k's first data row follows segment k−1's last —
 * so the chain, the fold, the clock, the checkpoints and every reader of the log are the
 * same whether the log stands on one sheet or ten. This module is the mapping itself, plain
 * data in and out: which sheets are segments, where a row of the log stands, a block of
 * rows as pieces of sheets, the plan's writes to the log as writes to its sheets (opening a
 * new segment where an append would go past the last one's end), and sheets read whole
 * joined into the one log.
 */
import { findSheet, headerIndex } from "./layout";
import { numberFormatOf } from "./schema/model";
import { changeLog } from "./schema/sheets";
import type { Cell, SheetState, Snapshot, Write } from "./workbook";
import { cellText, collapseSpaces, toHalfWidth } from "./validate/text";

/** Excel's rows a sheet (Excel specifications and limits). */
const EXCEL_ROWS = 1_048_576;

let segmentRowsNow = 500_000;

/** Rows from which a segment is full, its header among them: the next action's rows go on a new one. */
export const segmentRows = () => segmentRowsNow;

/** For tests that want a short log on several sheets: the size until set again. */
export function setSegmentRows(rows: number): void {
  if (!Number.isInteger(rows) || rows < 3 || rows > EXCEL_ROWS) throw new Error(`segment size ${rows}`);
  segmentRowsNow = rows;
}

const fold = (s: string) => collapseSpaces(toHalfWidth(s)).toLowerCase();

/** The number of a segment after the first named `name` ("变更记录 2" → 2), if it is one. */
function numberOf(first: string, name: string): number | undefined {
  const f = fold(first);
  const n = fold(name);
  if (!n.startsWith(`${f} `)) return undefined;
  const rest = n.slice(f.length + 1);
  return /^[1-9][0-9]{0,5}$/.test(rest) && Number(rest) >= 2 ? Number(rest) : undefined;
}

/**
 * The Change log's sheets in a workbook's listing, first to last: the first found by its
 * name (either language), then those named after it with a number from 2, by number. A
 * number missing (a segment deleted or renamed by hand) leaves a gap in the chain, which
 * Validate names where the next segment's first row no longer follows.
 */
export function logSegmentNames(sheetNames: string[]): string[] {
  const first = findSheet(changeLog, sheetNames)?.name;
  if (first === undefined) return [];
  const numbered = sheetNames
    .map((name) => ({ name, k: numberOf(first, name) }))
    .filter((s): s is { name: string; k: number } => s.k !== undefined)
    .sort((a, b) => a.k - b.k);
  return [first, ...numbered.map((s) => s.name)];
}

/** The name of the segment after the last of `names` (its first's name and the next number). */
export function nextSegmentName(names: string[]): string {
  const first = names[0]!;
  const last = Math.max(1, ...names.slice(1).map((n) => numberOf(first, n) ?? 1));
  return `${first} ${last + 1}`;
}

/** Where one segment's data rows stand in the log. */
export interface SegmentPlace {
  sheet: string;
  /** The log's 0-based row of the segment's first data row (its sheet row 1). */
  from: number;
  /** Its data rows (its sheet's rows below the header). */
  count: number;
  /** Whether its sheet has no header row yet (an empty segment: a writer cut after adding it). */
  bare: boolean;
}

/** A piece of a block of the log's rows on one segment's sheet. */
export interface Piece {
  sheet: string;
  /** The 0-based sheet row the piece starts at. */
  row: number;
  rows: number;
  /** How far into the log's block it starts. */
  at: number;
}

/**
 * The log's rows on its segments, as their sheets reach (each sheet's rows from A1, its
 * header among them; 0 for an empty sheet).
 */
export class SegmentMap {
  readonly places: SegmentPlace[];

  constructor(segments: readonly { sheet: string; height: number }[]) {
    let from = 1;
    this.places = segments.map((s) => {
      const count = Math.max(0, s.height - 1);
      const place = { sheet: s.sheet, from, count, bare: s.height === 0 };
      from += count;
      return place;
    });
  }

  /** The log's rows from A1, its header among them: what one sheet holding them all would reach. */
  get height(): number {
    const last = this.places[this.places.length - 1];
    return last && this.places.some((p) => !p.bare) ? last.from + last.count : 0;
  }

  get first(): string {
    return this.places[0]!.sheet;
  }

  /** Whether the log stands on more than one sheet. */
  get several(): boolean {
    return this.places.length > 1;
  }

  private holding(row: number): number {
    return holding(this.places, row);
  }

  /** Where a row of the log stands: a segment's sheet and its 0-based row there. */
  place(row: number): { sheet: string; row: number } {
    return placeIn(this.places, row);
  }

  /** A block of the log's rows, `rows` from `row`, as pieces of its segments' sheets, in order. */
  pieces(row: number, rows: number): Piece[] {
    const out: Piece[] = [];
    let r = row;
    const end = row + rows;
    if (r === 0 && r < end) {
      out.push({ sheet: this.first, row: 0, rows: 1, at: 0 });
      r = 1;
    }
    while (r < end) {
      const i = this.holding(r);
      const p = this.places[i]!;
      const last = i === this.places.length - 1;
      const take = last ? end - r : Math.min(end - r, p.from + p.count - r);
      out.push({ sheet: p.sheet, row: r - p.from + 1, rows: take, at: r - row });
      r += take;
    }
    return out;
  }
}

/** The segment holding a data row of the log: the last for a row at or past the log's end. */
function holding(places: readonly Pick<SegmentPlace, "from">[], row: number): number {
  let i = places.length - 1;
  while (i > 0 && row < places[i]!.from) i--;
  return i;
}

/** Where a row of the log (0-based) stands: a segment's sheet and its 0-based row there. */
export function placeIn(
  places: readonly Pick<SegmentPlace, "sheet" | "from">[],
  row: number,
): { sheet: string; row: number } {
  if (row <= 0 || !places.length) return { sheet: places[0]?.sheet ?? "", row };
  const p = places[holding(places, row)]!;
  return { sheet: p.sheet, row: row - p.from + 1 };
}

/** How the first segment stands, and the header every segment repeats. */
export interface SegmentContext {
  /** The first segment's header row, as read. */
  header: Cell[];
  /** Each segment's visibility and protection, as listed (none: as Excel adds a sheet). */
  states?: Record<string, SheetState>;
  /** Rows from which a segment is full (segmentRows()). */
  capacity?: number;
}

/** The plan's writes as they go to the log's sheets, and the segments it opens. */
export interface SegmentWrites {
  /**
   * The new segments' sheets, each made as the first stands (header, formats, visibility,
   * protection): applied before the rest, in a batch of their own.
   */
  opening: Write[];
  writes: Write[];
}

/** Writes that dress a sheet, not its rows: given to every segment. */
const DRESSING = new Set<Write["kind"]>([
  "columnFormat",
  "headerStyle",
  "validation",
  "freezeRows",
  "hideColumns",
  "pageLayout",
]);

/**
 * The writes of a plan to the log (by the first segment's name, rows the log's own) as
 * writes to its segments' sheets. A write's rows go where they stand; rows appended at the
 * log's end go on the last segment while it has room, and else — whole, so one action's
 * rows stand together — on a new one, opened first. A sheet's dressing and state go to
 * every segment. A segment written to that does not stand as the first does (a writer cut
 * between adding it and hiding or protecting it) is made to, and one without its header
 * (cut before it) gets it. The map is left as the writes leave the log.
 */
export function segmentWrites(map: SegmentMap, writes: readonly Write[], ctx: SegmentContext): SegmentWrites {
  const capacity = ctx.capacity ?? segmentRows();
  const names = map.places.map((p) => p.sheet);
  const first = names[0]!;
  const stateOf = (sheet: string) => ctx.states?.[sheet];
  const firstState = stateOf(first);
  const opening: Write[] = [];
  const out: Write[] = [];
  /** Segments dressed, headed or set straight by this plan already. */
  const readied = new Set<string>([first]);
  const ready = (sheet: string, into: Write[], added: boolean) => {
    if (readied.has(sheet)) return;
    readied.add(sheet);
    const place = map.places.find((p) => p.sheet === sheet)!;
    if (added || place.bare) into.push(...segmentDress(sheet, ctx.header));
    const state = added ? { visibility: "Visible" as const, protected: false } : stateOf(sheet);
    if (firstState && state) {
      if (firstState.visibility !== state.visibility)
        into.push({ kind: "visibility", sheet, value: firstState.visibility });
      if (firstState.protected && !state.protected) into.push({ kind: "protect", sheet });
    }
  };
  const open = () => {
    const sheet = nextSegmentName(map.places.map((p) => p.sheet));
    opening.push({ kind: "addSheet", sheet, tabColor: changeLog.tabColor });
    const last = map.places[map.places.length - 1]!;
    map.places.push({ sheet, from: last.from + last.count, count: 0, bare: false });
    ready(sheet, opening, true);
    return map.places[map.places.length - 1]!;
  };
  /**
   * Appends `values` at the log's row `row` (its end or past it): on the last segment, whole,
   * unless that one is full — it holds `capacity` rows or more — and then on a new one.
   * Whether to open one depends only on how far the last segment reaches, never on how many
   * rows come: two writers who read the log at the same moment decide alike, so both open
   * the same new sheet (Excel refuses the second: SegmentTaken, nothing written) or both
   * write the same rows (the last writer's cells win, and the loser's pane writes its rows
   * again, log-repair.ts) — never a fork of the chain across two sheets. A segment may so
   * end past `capacity` by one action's rows; only rows that would pass Excel's own limit
   * go on in pieces.
   */
  const append = (w: Write & { kind: "values" }, row: number, values: Cell[][]) => {
    let rest = values;
    let r = row;
    while (rest.length) {
      let last = map.places[map.places.length - 1]!;
      if (!last.bare && r - last.from + 1 >= capacity) last = open();
      const at = r - last.from + 1;
      const take = Math.min(rest.length, EXCEL_ROWS - at);
      ready(last.sheet, out, false);
      out.push({ ...w, sheet: last.sheet, row: at, values: rest.slice(0, take) });
      last.count = Math.max(last.count, at - 1 + take);
      last.bare = false;
      rest = rest.slice(take);
      r += take;
      // Rows left: the last sheet reached Excel's limit, so the check above opens the next.
    }
  };
  for (const w of writes) {
    // Another sheet's write, and the log's own addSheet, deleteSheet or activate (the first
    // sheet's): as it is (the last branch below).
    if (w.sheet !== first) {
      out.push(w);
      continue;
    }
    if (DRESSING.has(w.kind)) {
      for (const sheet of map.places.map((p) => p.sheet)) out.push({ ...w, sheet });
      continue;
    }
    if (w.kind === "protect" || w.kind === "unprotect" || w.kind === "visibility") {
      // Each segment told only what changes it: Excel's answer to protecting a protected sheet is not ours to test.
      for (const { sheet } of map.places) {
        const state = stateOf(sheet);
        const already =
          state &&
          (w.kind === "visibility"
            ? state.visibility === w.value
            : state.protected === (w.kind === "protect"));
        if (!already || sheet === first) out.push({ ...w, sheet });
      }
      continue;
    }
    if (w.kind === "values") {
      let values = w.values;
      let row = w.row;
      if (row === 0 && values.length) {
        // The header row: every segment repeats it.
        for (const { sheet } of map.places) out.push({ ...w, sheet, values: [values[0]!] });
        values = values.slice(1);
        row = 1;
      }
      const end = map.places[map.places.length - 1]!.from + map.places[map.places.length - 1]!.count;
      const standing = Math.max(0, Math.min(values.length, end - row));
      for (const p of map.pieces(row, standing))
        out.push({ ...w, sheet: p.sheet, row: p.row, values: values.slice(p.at, p.at + p.rows) });
      if (standing < values.length) append(w, row + standing, values.slice(standing));
      continue;
    }
    if (w.kind === "clear" || w.kind === "style" || w.kind === "cellFormat") {
      for (const p of map.pieces(w.row, w.rows)) out.push({ ...w, sheet: p.sheet, row: p.row, rows: p.rows });
      continue;
    }
    if (w.kind !== "insertRows" && w.kind !== "deleteRows") {
      // addSheet, deleteSheet, activate: the first sheet's.
      out.push(w);
      continue;
    }
    // Rows inserted or deleted: within one segment only (the product never moves the log's rows).
    const pieces = map.pieces(w.row, w.count);
    if (pieces.length !== 1) throw new Error(`${w.kind} across the Change log's segments`);
    out.push({ ...w, sheet: pieces[0]!.sheet, row: pieces[0]!.row });
  }
  return { opening, writes: out };
}

/** A segment's sheet dressed as the product sets up the log: header, formats, frozen header. */
function segmentDress(sheet: string, header: Cell[]): Write[] {
  const at = headerIndex(changeLog, header);
  const writes: Write[] = [];
  for (const column of changeLog.columns) {
    const col = at[column.key];
    if (col === undefined) continue;
    writes.push({
      kind: "columnFormat",
      sheet,
      col,
      numberFormat: numberFormatOf(column.kind),
      ...(column.width !== undefined && { width: column.width }),
    });
  }
  if (header.length) {
    writes.push({ kind: "values", sheet, row: 0, col: 0, values: [header.map((h) => cellText(h))] });
    writes.push({ kind: "headerStyle", sheet, row: 0, col: 0, count: header.length });
  }
  writes.push({ kind: "freezeRows", sheet, count: 1 });
  return writes;
}

/**
 * Sheets read whole (from A1) joined into the one log: the first's rows, then each later
 * segment's below its header, every row as wide as the widest.
 */
export function joinSegments(grids: Cell[][][]): Cell[][] {
  const rows: Cell[][] = [...(grids[0] ?? [])];
  for (const grid of grids.slice(1)) for (let r = 1; r < grid.length; r++) rows.push(grid[r]!);
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => (r.length < width ? [...r, ...new Array<Cell>(width - r.length).fill("")] : r));
}

/** How the log stands, from its segments' states: in sight if any is, open if any is. */
export function joinedState(states: (SheetState | undefined)[]): SheetState | undefined {
  const known = states.filter((s): s is SheetState => !!s);
  if (!known.length) return undefined;
  const order: SheetState["visibility"][] = ["Visible", "Hidden", "VeryHidden"];
  return {
    visibility: order[Math.min(...known.map((s) => order.indexOf(s.visibility)))]!,
    protected: known.every((s) => s.protected),
  };
}

/**
 * A workbook read sheet by sheet (the Node tool's file) as the core sees it: the Change
 * log's segments joined into the one log under the first's name, the later ones no sheets
 * of their own, the log's state its segments' together, and where each segment's rows are.
 */
export function joinLog<T extends Snapshot>(snapshot: T): T {
  const names = logSegmentNames(snapshot.sheetNames);
  if (names.length <= 1) return snapshot;
  const [first, ...later] = names as [string, ...string[]];
  const grids = names.map((n) => snapshot.sheets[n]?.values ?? []);
  const map = new SegmentMap(names.map((sheet, i) => ({ sheet, height: grids[i]!.length })));
  const sheets = { ...snapshot.sheets, [first]: { name: first, values: joinSegments(grids) } };
  for (const n of later) delete sheets[n];
  const out: T = {
    ...snapshot,
    sheetNames: snapshot.sheetNames.filter((n) => !later.includes(n)),
    sheets,
    logSegments: map.places.map(({ sheet, from, count }, i) => ({
      sheet,
      from,
      count,
      height: grids[i]!.length,
    })),
  };
  if (snapshot.states) {
    const states = { ...snapshot.states };
    const joined = joinedState(names.map((n) => snapshot.states![n]));
    if (joined) states[first] = joined;
    for (const n of later) delete states[n];
    out.states = states;
  }
  return out;
}

/** One of the log's sheets as a read found it: its name, Excel's id for it, its rows from A1. */
export interface SegmentSeen {
  sheet: string;
  id: string;
  height: number;
}

/**
 * What changed on the log's sheets since a read, as rows of the log (a later Validate puts
 * them over the read it keeps, snapshot-patch.ts): each sheet's changed rows moved to the
 * log's numbers, and the rows the last one grew by. Undefined where the log must be read
 * whole: a sheet added, gone, renamed or made again, one that changed whole, or one before
 * the last whose rows grew or shrank (the log's rows after it moved).
 */
export function logChanges(
  was: readonly SegmentSeen[],
  now: readonly (SegmentSeen & { dirt: readonly (readonly [number, number])[] | "whole" })[],
): { rows: number; spans: [number, number][] } | undefined {
  if (was.length !== now.length || !now.length) return undefined;
  if (now.some((s, i) => s.sheet !== was[i]!.sheet || s.id !== was[i]!.id || s.dirt === "whole"))
    return undefined;
  const last = now.length - 1;
  if (now.some((s, i) => i < last && s.height !== was[i]!.height)) return undefined;
  const map = new SegmentMap(now);
  const spans: [number, number][] = [];
  now.forEach((s, i) => {
    const from = map.places[i]!.from;
    // A later sheet's header is not a row of the log: an edit of it changes nothing read.
    const toLog = (row: number) => (i === 0 ? row : row - 1 + from);
    for (const [a, b] of s.dirt as readonly (readonly [number, number])[]) {
      const start = i === 0 ? a : Math.max(a, 1);
      if (b > start) spans.push([toLog(start), toLog(b)]);
    }
    if (i === last && s.height > was[i]!.height)
      spans.push([toLog(i === 0 ? was[i]!.height : Math.max(1, was[i]!.height)), toLog(s.height)]);
  });
  return { rows: map.height, spans };
}
