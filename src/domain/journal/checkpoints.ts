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
import type { Cell } from "../workbook";
import { DONE, isIntent, journalRow } from "./journal";

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

/** Excel's limit on a cell's text; a checkpoint's claims stay well under it. */
const CLAIMS_MAX = 30_000;

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

/** A checkpoint's claims as its row's `newValue` says them, or undefined when it says none. */
export function claimsOf(newValue: Cell | undefined): CheckpointClaims | undefined {
  try {
    const claims = JSON.parse(text(newValue)) as CheckpointClaims;
    const rowsOk =
      claims &&
      typeof claims.rows === "object" &&
      claims.rows !== null &&
      !Array.isArray(claims.rows) &&
      Object.values(claims.rows).every((list) => Array.isArray(list) && list.every(Number.isInteger));
    if (
      claims?.v !== 1 ||
      !Number.isInteger(claims.row) ||
      !Array.isArray(claims.unfinished) ||
      !claims.unfinished.every((op) => typeof op === "string") ||
      !rowsOk
    )
      return undefined;
    return claims;
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
    // Too many rows to list in one cell: the longest lists go first (readers read that column).
    while (canonicalJson(claims).length > CLAIMS_MAX) {
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
    newValue: canonicalJson(fold.claims(row)),
    reason: "",
    op: "",
  };
}

/** Whether the log as read holds what claims are made of for every row: time, action and op. */
export function knowsClaims(log: ReadSheet): boolean {
  return !log.partial || ["time", "action", "op"].every((key) => log.partial!.includes(key));
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
      const fold = new ClaimsFold();
      for (const r of this.log.records) fold.add(r.row - 1, r.values);
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
  const seen: { row: number; action: string }[] = [];
  for (const r of log.records) {
    const row = journalRow(r.row, r.values);
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
          const truth = seen.filter((s) => s.action === action).map((s) => s.row);
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
    if (INDEXED_ACTIONS.includes(row.action)) seen.push({ row: r.row - 1, action: row.action });
  }
  return problems;
}
