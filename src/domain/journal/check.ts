/**
 * Validate's journal half: every sheet row compared with what the journal says. A row
 * typed or pasted where the journal does not put its customer, a second row of one
 * customer, a customer the journal places where no row of it stands, a destroyed
 * customer's data still somewhere, a request marked posted that was never posted, an
 * intent logged and not finished — each is a problem at its cell. Nothing here changes
 * anything: the next writing action finishes what is unfinished, and people sort out the
 * rest.
 */
import type { Problem } from "../problem";
import { readSheet, text, type SheetRecord } from "../records";
import { KeptOnGrounds } from "../memo";
import { pushAll } from "../arrays";
import { customerStatuses, intakeStatuses } from "../schema/choices";
import { choiceCode, choiceLabel, type Lang, type SheetSchema } from "../schema/model";
import {
  annualResults,
  archivePast,
  archiveSuspended,
  contacts,
  destructionLog,
  intake,
  register,
} from "../schema/sheets";
import type { Snapshot } from "../workbook";
import type { Erasure } from "../change-log";
import { parseStamps } from "../stamps/stamps";
import {
  approvalStamps,
  placeLabels,
  readJournal,
  STAMPINGS,
  type Journal,
  type JournalRow,
  type Place,
} from "./journal";

const SHEET_OF: Record<Place, string> = {
  register: "register",
  suspended: "archiveSuspended",
  past: "archivePast",
  destroyed: "destructionLog",
};

/** Each of those sheets as a bit, for the sheets a customer has a row on. */
const SHEET_BIT: Record<string, number> = Object.fromEntries(
  Object.values(SHEET_OF).map((sheet, i) => [sheet, 1 << i]),
);

/** What an intake request of a destroyed customer may keep (journal/erase.ts blanks the rest). */
const KEPT = new Set(["requestNo", "requestDate", "intakeStatus", "customerId", "notes"]);

export interface JournalCheck {
  problems: Problem[];
  /** Intake rows a destruction blanked: their empty fields are not input mistakes. */
  erasedIntakeRows: Set<number>;
  journal: Journal;
}

export function checkJournal(snapshot: Snapshot, lang: Lang): JournalCheck {
  const journal = readJournal(snapshot);
  const problems: Problem[] = [];
  const place = (p: Place) => placeLabels[p][journal.log.lang ?? lang];
  const pending = pendingOf(journal);
  for (const op of journal.unfinished)
    for (const intent of op.intents) {
      problems.push({
        sheet: "changeLog",
        row: intent.row,
        column: "op",
        rule: "journal.unfinished",
        value: intent.customerId || intent.requestNo,
        detail: { action: intent.action, op: op.id },
      });
    }
  for (const { row, rule } of journal.conflicts)
    problems.push({
      sheet: "changeLog",
      row: row.row,
      column: "action",
      rule,
      value: row.customerId || row.requestNo,
    });

  // The sheets each customer has a row on, one bit a sheet (SHEET_BIT): a number per
  // customer, not a Set made for each of 100,000 at every check (issue 15).
  const seen = new Map<string, number>();
  for (const [schema, key] of [
    [register, "id"],
    [archiveSuspended, "id"],
    [archivePast, "id"],
    [destructionLog, "customerId"],
  ] as const) {
    const bit = SHEET_BIT[schema.key]!;
    const sheet = readSheet(schema, snapshot);
    const lang2 = sheet.lang ?? lang;
    for (const record of sheet.records) {
      const judged = placedRows.of(record, [journal, schema, key, lang, lang2], () =>
        placedRow(journal, schema.key, key, record, pending, place, lang2),
      );
      if (!judged) continue;
      if ("problem" in judged) {
        problems.push(judged.problem);
        continue;
      }
      // Twice on one sheet is a matter of the other rows: worked out each time.
      const onSheets = seen.get(judged.id) ?? 0;
      if (onSheets & bit) {
        problems.push({ ...judged.at, rule: "journal.duplicateRow" });
        continue;
      }
      seen.set(judged.id, onSheets | bit);
      if (judged.status) problems.push(judged.status);
    }
  }
  for (const state of journal.states.values()) {
    if (pending.has(state.id) || (seen.get(state.id) ?? 0) & SHEET_BIT[SHEET_OF[state.place]]!) continue;
    problems.push({
      sheet: "changeLog",
      row: state.placedAt.row,
      column: "customerId",
      rule: "journal.missingRow",
      value: state.id,
      detail: { place: place(state.place) },
    });
  }

  const { destroyedIds, destroyedRequests, logged, adoptedRequests } = fromLog(journal);
  const erasedIntakeRows = new Set<number>();
  const req = readSheet(intake, snapshot);
  const fromTheLog = { destroyedIds, destroyedRequests, logged, adoptedRequests };
  for (const record of req.records) {
    const judged = requestRows.of(record, [journal], () => requestRow(journal, record, pending, fromTheLog));
    if (judged.erased) erasedIntakeRows.add(record.row);
    pushAll(problems, judged.problems);
  }
  for (const schema of [contacts, annualResults])
    for (const record of readSheet(schema, snapshot).records) {
      const id = text(record.values.customerId);
      if (destroyedIds.has(id) && !pending.has(id))
        problems.push({
          sheet: schema.key,
          row: record.row,
          column: "customerId",
          rule: "journal.destroyedData",
          value: id,
        });
    }
  return { problems, erasedIntakeRows, journal };
}

/** The customers and requests an op under way names: their rows are not judged until it is finished. */
const pendingKept = new WeakMap<Journal, Set<string>>();
function pendingOf(journal: Journal): Set<string> {
  let pending = pendingKept.get(journal);
  if (!pending) {
    pending = new Set<string>();
    for (const op of journal.unfinished)
      for (const intent of op.intents)
        for (const key of [intent.customerId, intent.requestNo]) if (key) pending.add(key);
    pendingKept.set(journal, pending);
  }
  return pending;
}

/**
 * Each customer row's standing against the journal, kept with the record (memo.ts
 * KeptOnGrounds) while the journal is the same, or says the same of the row.
 */
const placedRows = new KeptOnGrounds<
  SheetRecord,
  ReturnType<typeof placedRow>,
  readonly [Journal, SheetSchema, "id" | "customerId", Lang, Lang]
>((record, [journal, schema, key, lang, sheetLang]) =>
  placedGrounds(journal, schema, key, record, pendingOf(journal), lang, sheetLang),
);
const requestRows = new KeptOnGrounds<SheetRecord, ReturnType<typeof requestRow>, readonly [Journal]>(
  (record, [journal]) => requestGrounds(journal, record, pendingOf(journal), fromLog(journal)),
);

/**
 * Everything outside a customer row that its standing (placedRow) reads, as values: kept
 * while they are the same, whatever journal they come from — an act appends to the log,
 * and a new journal says the same of the rows it did not touch (issue 15). A read added to
 * placedRow must be added here.
 */
function placedGrounds(
  journal: Journal,
  schema: SheetSchema,
  key: "id" | "customerId",
  record: SheetRecord,
  pending: Set<string>,
  lang: Lang,
  sheetLang: Lang,
): unknown[] {
  const id = text(record.values[key]);
  const state = journal.states.get(id);
  return [schema, key, lang, sheetLang, journal.log.lang, pending.has(id), state?.place, state?.invalid];
}

/** Everything outside a request row that requestRow reads, as values (as placedGrounds). */
function requestGrounds(
  journal: Journal,
  record: SheetRecord,
  pending: Set<string>,
  { destroyedIds, destroyedRequests, logged, adoptedRequests }: ReturnType<typeof fromLogNow>,
): unknown[] {
  const requestNo = text(record.values.requestNo);
  const id = text(record.values.customerId);
  const grounds: unknown[] = [
    destroyedRequests.has(requestNo),
    destroyedIds.has(id),
    pending.has(id),
    pending.has(requestNo),
    adoptedRequests.has(requestNo),
    journal.posted.get(requestNo),
  ];
  for (const st of parseStamps(text(record.values.stamps)).stamps)
    grounds.push(logged.get(requestNo)?.has(st.signature) ?? false);
  return grounds;
}

/**
 * What one customer row says against the journal by itself: nothing to say (no ID, or an
 * op under way), a problem, or that it stands where the journal places it — with its
 * status's problem, if any. Whether it stands twice is the other rows' matter.
 */
function placedRow(
  journal: Journal,
  sheetKey: string,
  key: "id" | "customerId",
  record: SheetRecord,
  pending: Set<string>,
  place: (p: Place) => string,
  lang: Lang,
): undefined | { problem: Problem } | { id: string; at: Problem; status?: Problem } {
  const id = text(record.values[key]);
  if (!id || pending.has(id)) return undefined;
  const at = { sheet: sheetKey, row: record.row, column: key, value: id };
  const state = journal.states.get(id);
  if (!state) return { problem: { ...at, rule: "journal.notInJournal" } };
  const expected = SHEET_OF[state.place];
  if (expected !== sheetKey)
    return {
      problem:
        state.place === "destroyed"
          ? { ...at, rule: "journal.destroyedData" }
          : { ...at, rule: "journal.wrongPlace", detail: { place: place(state.place) } },
    };
  if (sheetKey !== "register") return { id, at: { ...at, rule: "journal.duplicateRow" } };
  const wanted = state.invalid ? "invalid" : "active";
  const status: Problem | undefined =
    choiceCode(customerStatuses, text(record.values.status)) !== wanted
      ? {
          ...at,
          column: "status",
          rule: "journal.statusDiffers",
          detail: { status: choiceLabel(customerStatuses, wanted, lang) },
        }
      : undefined;
  return { id, at: { ...at, rule: "journal.duplicateRow" }, ...(status && { status }) };
}

/** What one request row says against the journal: whether a destruction blanked it, and its problems. */
function requestRow(
  journal: Journal,
  record: SheetRecord,
  pending: Set<string>,
  { destroyedIds, destroyedRequests, logged, adoptedRequests }: ReturnType<typeof fromLogNow>,
): { erased: boolean; problems: Problem[] } {
  const problems: Problem[] = [];
  const requestNo = text(record.values.requestNo);
  const id = text(record.values.customerId);
  if (
    (destroyedRequests.has(requestNo) || destroyedIds.has(id)) &&
    !pending.has(id) &&
    !pending.has(requestNo)
  ) {
    const left = intake.columns.find((c) => !KEPT.has(c.key) && text(record.values[c.key]) !== "");
    if (left)
      problems.push({
        sheet: "intake",
        row: record.row,
        column: left.key,
        rule: "journal.destroyedData",
        value: id || requestNo,
      });
    return { erased: true, problems };
  }
  if (pending.has(requestNo)) return { erased: false, problems };
  // A stamp counts only with its trail: a logged stamp intent carrying its signature.
  const unlogged = parseStamps(text(record.values.stamps)).stamps.find(
    (st) => !logged.get(requestNo)?.has(st.signature),
  );
  if (unlogged && !adoptedRequests.has(requestNo))
    problems.push({
      sheet: "intake",
      row: record.row,
      column: "stamps",
      rule: "journal.unlogged",
      value: `${unlogged.role} ${unlogged.name} ${unlogged.time}`,
    });
  const posted = choiceCode(intakeStatuses, text(record.values.intakeStatus)) === "posted";
  const as = journal.posted.get(requestNo);
  if (posted && as === undefined)
    problems.push({
      sheet: "intake",
      row: record.row,
      column: "intakeStatus",
      rule: "journal.requestNotPosted",
      value: requestNo,
    });
  else if (as !== undefined && (!posted || id !== as))
    problems.push({
      sheet: "intake",
      row: record.row,
      column: posted ? "customerId" : "intakeStatus",
      rule: "journal.requestStatus",
      value: requestNo,
      detail: { id: as },
    });
  return { erased: false, problems };
}

/** What the checks of the other sheets need of the log alone: worked out once per journal (a log as read). */
const ofJournal = new WeakMap<Journal, ReturnType<typeof fromLogNow>>();

function fromLog(journal: Journal): ReturnType<typeof fromLogNow> {
  let made = ofJournal.get(journal);
  if (!made) ofJournal.set(journal, (made = fromLogNow(journal)));
  return made;
}

function fromLogNow(journal: Journal) {
  const destroyed = [...journal.states.values()].filter((s) => s.place === "destroyed");
  const destroyedIds = new Set(destroyed.map((s) => s.id));
  const destroyedRequests = new Set(destroyed.flatMap((s) => [...s.requests]));
  const rows = journal.rows;
  // The rows of the journal last asked, when they are this one's first rows (rows appended
  // since: journal.ts folds on from them too): gone on from, copied (issue 15).
  const from =
    lastStampings &&
    lastStampings.rows.length <= rows.length &&
    lastStampings.rows.every((r, i) => r === rows[i])
      ? lastStampings
      : undefined;
  // Request → the signatures its logged stamp intents carry. Copied, and a request's set
  // copied before it is added to: the journal gone on from keeps its own.
  const logged = new Map(from?.logged);
  const mine = new Set<Set<string>>();
  const adoptedRequests = new Set(from?.adoptedRequests);
  for (let i = from?.rows.length ?? 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (STAMPINGS.has(row.action))
      for (const st of approvalStamps(row).stamps) {
        let signatures = logged.get(row.requestNo);
        if (!signatures || !mine.has(signatures)) {
          signatures = new Set(signatures);
          mine.add(signatures);
          logged.set(row.requestNo, signatures);
        }
        signatures.add(st.signature);
      }
    if (row.action === "adopt" && row.requestNo) adoptedRequests.add(row.requestNo);
  }
  // Only rows as read (frozen, journal.ts journalRowOf) stay the same objects from one log to the next.
  if (rows.every(Object.isFrozen)) lastStampings = { rows, logged, adoptedRequests };
  return { destroyedIds, destroyedRequests, logged, adoptedRequests };
}

/** The stamps logged and requests adopted by the rows of the journal last asked. */
let lastStampings:
  { rows: readonly JournalRow[]; logged: Map<string, Set<string>>; adoptedRequests: Set<string> } | undefined;

/** Whose words a destruction blanks in the log — destroyed customers' and their requests' — and whether it is done. */
/** One answer per journal: the same journal, the same function (the chain's findings are kept by it, verification.ts). */
const erasableOf = new WeakMap<Journal, (entry: { customerId: string; requestNo: string }) => Erasure>();

export function erasable(journal: Journal): (entry: { customerId: string; requestNo: string }) => Erasure {
  let made = erasableOf.get(journal);
  if (!made) erasableOf.set(journal, (made = erasableNow(journal)));
  return made;
}

function erasableNow(journal: Journal): (entry: { customerId: string; requestNo: string }) => Erasure {
  const owner = new Map<string, { id: string; pending: boolean }>();
  const pending = new Set(journal.unfinished.flatMap((op) => op.intents.map((i) => i.customerId)));
  for (const s of journal.states.values()) {
    if (s.place !== "destroyed") continue;
    const who = { id: s.id, pending: pending.has(s.id) };
    owner.set(s.id, who);
    for (const r of s.requests) owner.set(`#${r}`, who);
  }
  return (e) => {
    const who = owner.get(e.customerId) ?? (e.requestNo ? owner.get(`#${e.requestNo}`) : undefined);
    return !who ? "none" : who.pending ? "pending" : "destroyed";
  };
}
