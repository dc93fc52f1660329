/**
 * The journal: the Change log read as the history the customer life cycle trusts. A
 * customer's place (Register, 交易中止, 交易过去, destroyed) and status are a fold of its
 * logged events in order — never what rows happen to stand on the sheets, which anyone
 * with edit access can type, paste or delete. Sheets are views of this state: Validate
 * compares them with it (check.ts) and every writing action first finishes what the
 * journal says was started and not finished (recovery.ts).
 *
 * An action run is an "op": it appends its intents (one row per customer or request it
 * changes, all with the op's number), then changes the sheets, then appends one "done"
 * row with the same number. An op without its "done" was cut off.
 */
import { oncePerSheetRead, text, readSheet, type ReadSheet, type SheetRecord } from "../records";
import type { RuleKey } from "../problem";
import { changeLog, register } from "../schema/sheets";
import type { Snapshot } from "../workbook";
import type { LoggedChange } from "../change-log";
import { parseStamps, type ParsedStamps } from "../stamps/stamps";

export type Place = "register" | "suspended" | "past" | "destroyed";

export const placeLabels: Record<Place, { zh: string; en: string }> = {
  register: { zh: "客户原簿", en: "Register" },
  suspended: { zh: "交易中止", en: "Archive-Suspended" },
  past: { zh: "交易过去", en: "Archive-Past" },
  destroyed: { zh: "已销毁", en: "Destroyed" },
};

export function placeOf(label: string): Place | undefined {
  for (const [place, words] of Object.entries(placeLabels))
    if (label === words.zh || label === words.en || label === place) return place as Place;
  return undefined;
}

/** Events that place a customer. "adopt" takes a row kept by hand before the add-in into the journal. */
export const MOVES = new Set(["adopt", "post", "reinstate", "terminate", "destroy"]);
/** Intents that change one field of a customer's Register row. */
export const FIELD_CHANGES = new Set(["correct", "review", "handOver", "markInvalid"]);
/** Intents that add a stamp to an intake request. */
export const STAMPINGS = new Set(["stamp", "reject"]);
export const DONE = "done";

/** Whether a logged action is an intent: something an op must finish and close with "done". */
export function isIntent(action: string): boolean {
  return (MOVES.has(action) && action !== "adopt") || FIELD_CHANGES.has(action) || STAMPINGS.has(action);
}

export interface JournalRow extends LoggedChange {
  /** Excel row number on the Change log. */
  row: number;
}

export interface CustomerState {
  id: string;
  place: Place;
  invalid: boolean;
  /** The request it was last posted or reinstated from. */
  requestNo: string;
  /** Every request that ever carried this customer (its personal data lives there too). */
  requests: Set<string>;
  /** The log row of the event that put it where it is. */
  placedAt: JournalRow;
}

export interface Op {
  id: string;
  intents: JournalRow[];
  done: boolean;
}

export interface Journal {
  log: ReadSheet;
  rows: JournalRow[];
  states: Map<string, CustomerState>;
  /** Request number → the customer it was posted or reinstated as. */
  posted: Map<string, string>;
  /** Reinstatement request number → the suspended customer it asks to bring back. */
  reinstating: Map<string, string>;
  /** Request number → who filed it (they may not approve it). */
  filedBy: Map<string, string>;
  /** Ops with intents and no "done", in log order. */
  unfinished: Op[];
  /** Events the fold could not apply (a customer posted twice, a move from the wrong place). */
  conflicts: { row: JournalRow; rule: RuleKey }[];
  /** Log rows that concern a customer, by ID (including its requests' rows). */
  rowsOf(id: string): JournalRow[];
}

export function journalRow(row: number, values: Record<string, unknown>): JournalRow {
  const t = (k: string) => text(values[k] as string);
  return {
    row,
    time: t("time"),
    person: t("person"),
    action: t("action"),
    op: t("op"),
    customerId: t("customerId"),
    requestNo: t("requestNo"),
    field: t("field"),
    // Values as written: trimming would break their salted digest.
    oldValue: String(values.oldValue ?? ""),
    newValue: String(values.newValue ?? ""),
    reason: String(values.reason ?? ""),
    approval: String(values.approval ?? ""),
    salt: t("salt"),
    digest: t("digest"),
    hash: t("hash"),
  };
}

/**
 * A log record's journal row, made once per record as read (records.ts keeps a record for a
 * row that did not change): the fold, the chain and the checkpoints each ask for every row,
 * and a Validate after an act asks again for every row above the rows it appended (issue
 * 15). Frozen: one row object is shared by all who ask.
 */
const rowOfRecord = new WeakMap<SheetRecord, JournalRow>();
export function journalRowOf(record: SheetRecord): JournalRow {
  // Only records as read (frozen) stay the same objects while their row does.
  if (!Object.isFrozen(record)) return journalRow(record.row, record.values);
  let row = rowOfRecord.get(record);
  if (!row) rowOfRecord.set(record, (row = Object.freeze(journalRow(record.row, record.values))));
  return row;
}

/**
 * The stamps a log row's approval carries, read once per row (a row as read is the same
 * object while its cells are: journalRowOf). The clock, the journal's check and the log's
 * vouches each walk every approval of a 300,000-row log; finding each cell's stamps by its
 * text (stamps.ts parseStamps remembers by text) hashed every 1–2 KB cell again on each
 * walk (issue 15).
 */
const approvalsRead = new WeakMap<JournalRow, ParsedStamps>();
export function approvalStamps(row: JournalRow): ParsedStamps {
  let parsed = approvalsRead.get(row);
  if (!parsed) approvalsRead.set(row, (parsed = parseStamps(row.approval)));
  return parsed;
}

/** The journal's fold of the snapshot's Change log: made once per log as read (the adapter and the run both ask). */
export function readJournal(snapshot: Snapshot): Journal {
  return oncePerSheetRead(changeLog, snapshot, "journal", () => {
    const log = readSheet(changeLog, snapshot);
    return foldJournal(log, log.records.map(journalRowOf));
  });
}

/** What the fold has gathered after some rows: a journal is made from it, and a longer log goes on from it. */
interface Folded {
  states: Map<string, CustomerState>;
  posted: Map<string, string>;
  reinstating: Map<string, string>;
  filedBy: Map<string, string>;
  conflicts: Journal["conflicts"];
  /** Op → its intents, in log order. */
  ops: Map<string, JournalRow[]>;
  done: Set<string>;
  byCustomer: Map<string, JournalRow[]>;
  requestOwner: Map<string, string>;
  requestRows: Map<string, JournalRow[]>;
}

/**
 * The last few whole logs folded, with their rows: a log as read whose first rows are the
 * very rows of one of them (rows appended by an act since, records.ts keeping the rows that
 * did not change) is folded on from there, not from its first row (issue 15: Validate after
 * an act folded 300,000 rows again). Only whole logs, read whole: a log read from a
 * checkpoint or in some columns is folded afresh.
 */
const FOLDS_KEPT = 2;
let folds: { rows: readonly JournalRow[]; folded: Folded }[] = [];

export function foldJournal(log: ReadSheet, rows: JournalRow[]): Journal {
  const whole = !log.base && !log.partial && Object.isFrozen(log);
  const from = whole
    ? folds.find((f) => f.rows.length <= rows.length && f.rows.every((r, i) => r === rows[i]))
    : undefined;
  const folded = from ? goOn(from.folded, rows, from.rows.length) : goOn(undefined, rows, 0);
  if (whole) folds = [{ rows, folded }, ...folds.filter((f) => f !== from)].slice(0, FOLDS_KEPT);
  return journalOf(log, rows, folded);
}

/**
 * Folds `rows` from `start` on, onto what an earlier fold gathered (copied: that fold's
 * journal is still someone's, and nothing of it is changed — a list, a state, a set it
 * holds is copied before it is added to).
 */
function goOn(before: Folded | undefined, rows: readonly JournalRow[], start: number): Folded {
  const f: Folded = {
    states: new Map(before?.states),
    posted: new Map(before?.posted),
    reinstating: new Map(before?.reinstating),
    filedBy: new Map(before?.filedBy),
    conflicts: [...(before?.conflicts ?? [])],
    ops: new Map(before?.ops),
    done: new Set(before?.done),
    byCustomer: new Map(before?.byCustomer),
    requestOwner: new Map(before?.requestOwner),
    requestRows: new Map(before?.requestRows),
  };
  const {
    states,
    posted,
    reinstating,
    filedBy,
    conflicts,
    ops,
    done,
    byCustomer,
    requestOwner,
    requestRows,
  } = f;
  // Lists and request sets made by this fold, which it may add to; the earlier fold's are copied first.
  const mine = new WeakSet<object>();
  const append = <K>(map: Map<K, JournalRow[]>, key: K, row: JournalRow) => {
    const list = map.get(key);
    if (list && mine.has(list)) list.push(row);
    else {
      const made = list ? [...list, row] : [row];
      mine.add(made);
      map.set(key, made);
    }
  };
  const requestsOf = (state: CustomerState | undefined): Set<string> => {
    if (state && mine.has(state.requests)) return state.requests;
    const made = new Set(state?.requests);
    mine.add(made);
    return made;
  };

  const conflict = (row: JournalRow, rule: RuleKey = "journal.conflict") => conflicts.push({ row, rule });
  for (let i = start; i < rows.length; i++) {
    const row = rows[i]!;
    const { action, customerId: id, requestNo } = row;
    if (id) append(byCustomer, id, row);
    if (requestNo) append(requestRows, requestNo, row);
    if (action === DONE) {
      if (row.op) done.add(row.op);
      continue;
    }
    if (row.op && isIntent(action)) append(ops, row.op, row);
    const state = states.get(id);
    const place = (to: Place, requestNo = state?.requestNo ?? "") => {
      const requests = requestsOf(state);
      if (requestNo) requests.add(requestNo);
      states.set(id, {
        id,
        place: to,
        invalid: to === "register" && action === "adopt" && row.reason === "invalid",
        requestNo,
        requests,
        placedAt: row,
      });
    };
    switch (action) {
      case "adopt": {
        const to = placeOf(row.newValue);
        if (!id || !to || state) conflict(row);
        else {
          if (requestNo) {
            posted.set(requestNo, id);
            requestOwner.set(requestNo, id);
          }
          place(to, requestNo);
        }
        break;
      }
      case "post":
        if (!id || !requestNo || state || posted.has(requestNo)) conflict(row);
        else {
          posted.set(requestNo, id);
          requestOwner.set(requestNo, id);
          place("register", requestNo);
        }
        break;
      case "reinstate":
        if (!id || !requestNo || state?.place !== "suspended" || posted.has(requestNo)) conflict(row);
        else {
          posted.set(requestNo, id);
          requestOwner.set(requestNo, id);
          place("register", requestNo);
        }
        break;
      case "intake":
        if (requestNo && !filedBy.has(requestNo)) filedBy.set(requestNo, row.person);
        break;
      case "reinstateRequest":
        if (requestNo && !filedBy.has(requestNo)) filedBy.set(requestNo, row.person);
        if (id && requestNo) {
          reinstating.set(requestNo, id);
          requestOwner.set(requestNo, id);
          if (state) {
            const requests = requestsOf(state);
            requests.add(requestNo);
            if (requests !== state.requests) states.set(id, { ...state, requests });
          }
        }
        break;
      case "terminate": {
        const to = placeOf(row.newValue);
        if (state?.place !== "register" || (to !== "suspended" && to !== "past")) conflict(row);
        else place(to);
        break;
      }
      case "destroy":
        if (state?.place !== "suspended" && state?.place !== "past") conflict(row);
        else place("destroyed");
        break;
      case "markInvalid":
        if (state?.place !== "register") conflict(row);
        else states.set(id, { ...state, invalid: true });
        break;
      default:
        if (FIELD_CHANGES.has(action) && state?.place !== "register") conflict(row);
    }
  }
  return f;
}

function journalOf(log: ReadSheet, rows: JournalRow[], f: Folded): Journal {
  const {
    states,
    posted,
    reinstating,
    filedBy,
    conflicts,
    ops,
    done,
    byCustomer,
    requestOwner,
    requestRows,
  } = f;
  // Read from a checkpoint down (checkpoints.ts): an op with an intent above it that it does
  // not name as unfinished was done above it, where its "done" row was not read.
  const base = log.base;
  const unfinished: Op[] = [];
  for (const [id, intents] of ops) {
    const isDone =
      done.has(id) || (!!base && !base.unfinished.includes(id) && intents.some((i) => i.row - 1 < base.row));
    if (!isDone) unfinished.push({ id, intents, done: false });
  }
  // An op it names unfinished whose intents above it were not read (the read stood on it and
  // they are about other customers) is unfinished all the same, unless its done row was read
  // below it: what makes the run read everything and finish it first (journal-plan-apply.ts).
  if (base)
    for (const id of base.unfinished)
      if (!ops.has(id) && !done.has(id)) unfinished.push({ id, intents: [], done: false });
  return {
    log,
    rows,
    states,
    posted,
    reinstating,
    filedBy,
    unfinished,
    conflicts,
    rowsOf(id: string) {
      const own = byCustomer.get(id) ?? [];
      const requests = [...(states.get(id)?.requests ?? [])].filter((r) => requestOwner.get(r) === id);
      const more = requests.flatMap((r) => requestRows.get(r) ?? []);
      return [...new Set([...own, ...more])].sort((a, b) => a.row - b.row);
    },
  };
}

/**
 * The reviewer a review's row sets besides its field: its person, on the row of the date
 * (session 28: one row per customer; before, a second row named the reviewer as its field).
 */
export function reviewerOf(row: LoggedChange): string | undefined {
  return row.action === "review" && row.field === "lastReviewDate" ? row.person : undefined;
}

/** The fields a field change's row sets: its field, and a review's reviewer. */
function fieldsSet(row: LoggedChange): string[] {
  return reviewerOf(row) === undefined ? [row.field] : [row.field, "lastReviewer"];
}

/** Whether an unfinished intent about a customer is still the last word on it (no later event overrides it). */
export function isCurrent(journal: Journal, intent: JournalRow): boolean {
  if (MOVES.has(intent.action)) return journal.states.get(intent.customerId)?.placedAt === intent;
  if (FIELD_CHANGES.has(intent.action)) {
    // Judged by its own field: a review's reviewer goes with its date (the earlier form's
    // reviewer row, in the same op, does not override the date row above it).
    const later = journal
      .rowsOf(intent.customerId)
      .some(
        (r) =>
          r.row > intent.row &&
          r.customerId === intent.customerId &&
          (MOVES.has(r.action) || (FIELD_CHANGES.has(r.action) && fieldsSet(r).includes(intent.field))),
      );
    return !later && journal.states.get(intent.customerId)?.place === "register";
  }
  return true;
}

/**
 * The Register as the journal has it: the rows of customers it places there, one row per
 * customer, in sheet order. What generated sheets (lists, labels, extracts, the review
 * list) are built from, so a row typed or pasted into the Register never reaches them. A
 * workbook without a Change log (never set up) is read as it stands.
 */
export function journalRegister(snapshot: Snapshot, journal = readJournal(snapshot)): ReadSheet {
  const reg = readSheet(register, snapshot);
  if (!journal.log.name) return reg;
  // A plan that reads the Register through the journal must have read the journal.
  if (!snapshot.sheets[journal.log.name]) throw new Error(`${journal.log.name} was not read`);
  const seen = new Set<string>();
  const records = reg.records.filter((r) => {
    const id = text(r.values.id);
    if (seen.has(id) || journal.states.get(id)?.place !== "register") return false;
    seen.add(id);
    return true;
  });
  return { ...reg, records };
}
