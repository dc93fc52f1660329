/**
 * Checkpoints in the Change log (issue 15, "a log that lasts"). Every `checkpointEvery()`
 * rows — at the sheet rows 1,000, 2,000, … (0-based, the header being row 0) — the writer
 * puts a `checkpoint` row, chained and sealed like the rest, that says what a reader of the
 * rows above it would otherwise have to read them all for:
 *
 * - its `time`: the latest time written on any row above it (the log's clock there,
 *   book-context.ts `logClock`), so the clock of every row below it can be worked out from
 *   it and the rows between;
 * - the ops left unfinished above it (an intent's op with no `done` yet);
 * - the rows of the actions a partial read picks by action (the trust rows, loans' extracts
 *   and returns, kept sheets shown), by action.
 *
 * A checkpoint claims its own row, so one that moved (a row deleted or inserted above it by
 * hand, or written again by a log repair) is no base for anyone. Which rows stand where is
 * what the chain proves; Validate compares each checkpoint in its place with the rows above
 * it and names every claim they do not bear out (`log.checkpoint`). A writer puts one only
 * where it read what the claims are made of — `time`, `action` and `op` of every row (a
 * whole read, or a run over the journal) — and otherwise leaves the place to a later
 * writer's row: a missing checkpoint costs a reader more rows, never a wrong decision.
 */
import type { ChangeEntry } from "../change-log";
import { canonicalJson } from "../stamps/encoding";
import { timeKey } from "../stamps/staff";
import { text, type ReadSheet } from "../records";
import { changeLog } from "../schema/sheets";
import type { Cell, CheckpointBase } from "../workbook";
import { DONE, isIntent, journalRowOf } from "./journal";

export const CHECKPOINT = "checkpoint";

/**
 * The actions whose rows a checkpoint lists: the trust rows (partial-read.ts TRUST_ACTIONS),
 * the loans' extracts and returns (loan-state.ts LOAN_EVENTS), a kept sheet shown
 * (kept-sheets.ts SHOW_SHEET). Spelled out here, not imported, so the log's writer does not
 * depend on those modules; a test checks they are all here.
 */
export const INDEXED_ACTIONS: readonly string[] = [
  "enrol",
  "restaff",
  "revoke",
  "policy",
  "loanExtract",
  "loanReturn",
  "showSheet",
];

/** The Change log's `newValue` holds at most this much text (schema/sheets.ts): so do a checkpoint's claims. */
const CLAIMS_MAX = (() => {
  const kind = changeLog.columns.find((c) => c.key === "newValue")?.kind;
  return (kind?.type === "text" ? kind.max : undefined) ?? 4000;
})();

let every = 1000;

/** Rows from one checkpoint to the next. */
export const checkpointEvery = () => every;

/** For tests that want checkpoints in a short log: the spacing until set again. */
export function setCheckpointEvery(rows: number): void {
  if (!Number.isInteger(rows) || rows < 2) throw new Error(`checkpoint spacing ${rows}`);
  every = rows;
}

/** Whether a 0-based sheet row is a checkpoint's place. */
export const isCheckpointPlace = (row: number) => row >= every && row % every === 0;

export interface CheckpointClaims {
  v: 1;
  /** Its own 0-based sheet row. */
  row: number;
  /** Ops with an intent above it and no `done` above it, in the order of their first intent. */
  unfinished: string[];
  /**
   * By action, the 0-based rows above it of that action. An action left out is one the
   * checkpoint does not list (its rows would not fit in a cell): a reader reads the column.
   */
  rows: Record<string, number[]>;
}

/**
 * Rows as a checkpoint writes them: each the difference from the one before, in base 36
 * ("5,7,s" is rows 5, 12 and 40), so a few thousand rows fit in the cell.
 */
export const encodeRows = (rows: readonly number[]) =>
  rows.map((r, i) => (r - (rows[i - 1] ?? 0)).toString(36)).join(",");

/** Rows as `encodeRows` wrote them; undefined for anything else (rows must go strictly down the sheet). */
export function decodeRows(written: unknown): number[] | undefined {
  if (typeof written !== "string") return undefined;
  if (written === "") return [];
  const rows: number[] = [];
  for (const step of written.split(",")) {
    if (!/^[0-9a-z]{1,6}$/.test(step)) return undefined;
    const delta = parseInt(step, 36);
    if (delta < 1) return undefined;
    rows.push((rows[rows.length - 1] ?? 0) + delta);
  }
  return rows;
}

/** The claims as the checkpoint's `newValue` says them. */
const written = (claims: CheckpointClaims) =>
  canonicalJson({
    ...claims,
    rows: Object.fromEntries(Object.entries(claims.rows).map(([action, rows]) => [action, encodeRows(rows)])),
  });

/** A checkpoint's claims as its row's `newValue` says them, or undefined when it says none. */
export function claimsOf(newValue: Cell | undefined): CheckpointClaims | undefined {
  try {
    const said = JSON.parse(text(newValue)) as Record<string, unknown>;
    if (
      said?.v !== 1 ||
      !Number.isInteger(said.row) ||
      !Array.isArray(said.unfinished) ||
      !said.unfinished.every((op) => typeof op === "string") ||
      typeof said.rows !== "object" ||
      said.rows === null ||
      Array.isArray(said.rows)
    )
      return undefined;
    const rows: Record<string, number[]> = {};
    for (const [action, list] of Object.entries(said.rows as Record<string, unknown>)) {
      const decoded = decodeRows(list);
      if (!decoded) return undefined;
      rows[action] = decoded;
    }
    return { v: 1, row: said.row as number, unfinished: said.unfinished as string[], rows };
  } catch {
    return undefined;
  }
}

type Values = Record<string, Cell>;

/** The log's rows folded into what a checkpoint at the next row claims. */
export class ClaimsFold {
  private latest = "";
  private latestText = "";
  private readonly intents = new Set<string>();
  private readonly done = new Set<string>();
  private readonly rows = new Map<string, number[]>();
  /** Actions whose rows the checkpoint a fold started from did not list: no later one can. */
  private readonly unknown = new Set<string>();

  /** The fold of the rows above a checkpoint, as the checkpoint says it. */
  static from(base: CheckpointBase): ClaimsFold {
    const fold = new ClaimsFold();
    fold.latest = timeKey(base.time);
    fold.latestText = base.time;
    for (const op of base.unfinished) fold.intents.add(op);
    for (const action of INDEXED_ACTIONS)
      if (base.rows[action]) fold.rows.set(action, [...base.rows[action]!]);
      else fold.unknown.add(action);
    return fold;
  }

  /** Adds the row at `row` (0-based); rows come in order. */
  add(row: number, values: Values): void {
    const time = text(values.time);
    if (timeKey(time) > this.latest) {
      this.latest = timeKey(time);
      this.latestText = time;
    }
    const action = text(values.action);
    const op = text(values.op);
    if (action === DONE) {
      if (op) this.done.add(op);
    } else if (op && isIntent(action)) this.intents.add(op);
    if (INDEXED_ACTIONS.includes(action)) {
      const list = this.rows.get(action);
      if (list) list.push(row);
      else this.rows.set(action, [row]);
    }
  }

  /** The rows of an action added so far. */
  listed(action: string): number[] {
    return this.rows.get(action) ?? [];
  }

  /** The latest time of the rows added, as written (its `timeKey` is the greatest). */
  get time(): string {
    return this.latestText;
  }

  /** What a checkpoint at `row` claims, given every row above it was added. */
  claims(row: number): CheckpointClaims {
    const rows: Record<string, number[]> = {};
    for (const action of INDEXED_ACTIONS) rows[action] = [...(this.rows.get(action) ?? [])];
    const claims: CheckpointClaims = {
      v: 1,
      row,
      unfinished: [...this.intents].filter((op) => !this.done.has(op)),
      rows,
    };
    for (const action of this.unknown) delete claims.rows[action];
    // Too many rows to list in one cell: the longest lists go first (readers read that column).
    while (written(claims).length > CLAIMS_MAX) {
      const longest = Object.keys(claims.rows).sort(
        (a, b) => claims.rows[b]!.length - claims.rows[a]!.length,
      )[0];
      if (longest === undefined) break;
      delete claims.rows[longest];
    }
    return claims;
  }
}

/** The checkpoint row's entry for `row`, from the fold of every row above it. */
export function checkpointEntry(fold: ClaimsFold, row: number, person: string): ChangeEntry {
  return {
    time: fold.time,
    person,
    action: CHECKPOINT,
    customerId: "",
    field: "",
    oldValue: "",
    newValue: written(fold.claims(row)),
    reason: "",
    op: "",
  };
}

/**
 * Whether the log as read holds what claims are made of: time, action and op of every row,
 * or of every row from the checkpoint it was read from (which says the rest).
 */
export function knowsClaims(log: ReadSheet): boolean {
  const has = (columns: readonly string[] | undefined) =>
    ["time", "action", "op"].every((key) => columns?.includes(key));
  return !log.partial || has(log.partial) || (!!log.base && has([...log.partial, ...log.base.columns]));
}

/**
 * Puts checkpoints among entries about to be appended, at the places they reach. One placer
 * per plan: it carries the fold from one append to the next (a run appends its intents,
 * then its `done`).
 */
export class CheckpointPlacer {
  private fold: ClaimsFold | undefined;
  private readonly placed: { row: number; values: Values }[] = [];
  private next: number;

  constructor(
    /** The log as read. */
    private readonly log: ReadSheet,
    /** The 0-based row the first entry lands on. */
    start: number,
  ) {
    this.next = start;
  }

  /** The entries with checkpoints among them, and which of them are checkpoints. */
  place(entries: ChangeEntry[]): { entries: ChangeEntry[]; checkpoint: boolean[] } {
    const out: ChangeEntry[] = [];
    const checkpoint: boolean[] = [];
    const push = (entry: ChangeEntry, isCheckpoint: boolean) => {
      const values = entry as unknown as Values;
      this.fold?.add(this.next, values);
      if (!this.fold) this.placed.push({ row: this.next, values });
      out.push(entry);
      checkpoint.push(isCheckpoint);
      this.next++;
    };
    for (const entry of entries) {
      if (isCheckpointPlace(this.next) && knowsClaims(this.log))
        push(checkpointEntry(this.foldSoFar(), this.next, entry.person), true);
      push(entry, false);
    }
    return { entries: out, checkpoint };
  }

  private foldSoFar(): ClaimsFold {
    if (!this.fold) {
      const base = this.log.base;
      const fold = base ? ClaimsFold.from(base) : new ClaimsFold();
      // Rows above a base were read only where a plan needed them: the base counts them all.
      for (const r of this.log.records) if (!base || r.row - 1 >= base.row) fold.add(r.row - 1, r.values);
      for (const p of this.placed) fold.add(p.row, p.values);
      this.fold = fold;
    }
    return this.fold;
  }
}

/**
 * What Validate says of each checkpoint that stands in its place: every claim the rows above
 * do not bear out. Worked out apart from the writer's fold (`ClaimsFold`), from the journal's
 * own reading of each row, so a fault in the writer's fold is not also the check's.
 */
export function checkpointProblems(log: ReadSheet): { row: number; column: string; value: string }[] {
  const problems: { row: number; column: string; value: string }[] = [];
  let latest = "";
  /** Op → whether a `done` has been met; in the order of each op's first intent. */
  const ops = new Map<string, boolean>();
  const doneEarly = new Set<string>();
  const seen = new Map<string, number[]>();
  for (const r of log.records) {
    const row = journalRowOf(r);
    if (row.action === CHECKPOINT) {
      const claims = claimsOf(r.values.newValue);
      if (!claims) problems.push({ row: r.row, column: "newValue", value: "claims" });
      // A checkpoint away from the place it claims is no base for anyone; the chain says why it moved.
      else if (claims.row === r.row - 1) {
        if (timeKey(row.time) !== latest) problems.push({ row: r.row, column: "time", value: "time" });
        const open = [...ops].filter(([, closed]) => !closed).map(([op]) => op);
        if (claims.unfinished.join("\n") !== open.join("\n"))
          problems.push({ row: r.row, column: "newValue", value: "unfinished" });
        for (const [action, rows] of Object.entries(claims.rows)) {
          const truth = seen.get(action) ?? [];
          if (rows.join(",") !== truth.join(","))
            problems.push({ row: r.row, column: "newValue", value: action });
        }
      }
    }
    if (timeKey(row.time) > latest) latest = timeKey(row.time);
    if (row.action === DONE && row.op) {
      if (ops.has(row.op)) ops.set(row.op, true);
      else doneEarly.add(row.op);
    } else if (row.op && isIntent(row.action) && !ops.has(row.op)) ops.set(row.op, doneEarly.has(row.op));
    if (INDEXED_ACTIONS.includes(row.action)) {
      const rows = seen.get(row.action);
      if (rows) rows.push(r.row - 1);
      else seen.set(row.action, [r.row - 1]);
    }
  }
  return problems;
}

/** The last checkpoint place a log of `height` rows (header included) reaches, if any. */
export function lastPlace(height: number): number | undefined {
  const last = Math.floor((height - 1) / every) * every;
  return last >= every ? last : undefined;
}

/** Every checkpoint place from the first to `last`. */
export const placesUpTo = (last: number) =>
  Array.from({ length: Math.floor(last / every) }, (_, k) => (k + 1) * every);

/**
 * The checkpoint a read can stand on, from its row as read at the last place and Excel's
 * count of each listed action's cells above it (`functions.countIf`): none unless the row is
 * a checkpoint claiming that place, listing every action a partial read picks by, each list
 * as long as Excel's count. A count that differs (a row typed since, or lost to a co-author)
 * makes the read take the columns whole; a listed row that does not say its action does the
 * same once read (`listedRowsHold`).
 */
export function baseOf(
  row: number,
  cells: Record<string, Cell>,
  counts: Record<string, number>,
  columns: string[],
  /** The actions the read picks rows by: each must be listed. */
  actions: Iterable<string>,
): CheckpointBase | undefined {
  if (text(cells.action) !== CHECKPOINT) return undefined;
  const claims = claimsOf(cells.newValue);
  if (!claims || claims.row !== row) return undefined;
  for (const action of actions) if (!claims.rows[action]) return undefined;
  for (const [action, rows] of Object.entries(claims.rows))
    if (rows.length !== counts[action] || rows[rows.length - 1]! >= row) return undefined;
  return { row, time: text(cells.time), unfinished: claims.unfinished, rows: claims.rows, columns };
}

/** Whether each row a base lists that was read whole (`rowAction` undefined where not) says the action it is listed for. */
export function listedRowsHold(
  base: CheckpointBase,
  rowAction: (row: number) => string | undefined,
): boolean {
  return INDEXED_ACTIONS.every((action) =>
    (base.rows[action] ?? []).every((r) => {
      const said = rowAction(r);
      return said === undefined || said === action;
    }),
  );
}

/**
 * The `time` cells a read from a base needs above it: for each row read there, from the
 * checkpoint standing at the place before it (whose time is the latest above it) — or from
 * the first row, where none stands — down to the row, so its moment is the whole read's.
 * As 0-based [first, last] runs, one per place.
 */
export function timeSpans(
  rows: Iterable<number>,
  base: number,
  checkpointsAt: ReadonlySet<number>,
): [number, number][] {
  const upTo = new Map<number, number>();
  for (const r of rows) {
    if (r >= base || r < 1) continue;
    let from = Math.floor(r / every) * every;
    while (from >= every && !checkpointsAt.has(from)) from -= every;
    if (from < every) from = 1;
    upTo.set(from, Math.max(upTo.get(from) ?? 0, r));
  }
  const spans: [number, number][] = [];
  for (const [from, to] of [...upTo].sort((a, b) => a[0] - b[0])) {
    const prev = spans[spans.length - 1];
    if (prev && from <= prev[1] + 1) prev[1] = Math.max(prev[1], to);
    else spans.push([from, to]);
  }
  return spans;
}
