/**
 * Carrying out logged intents on the sheets — the same code for an action doing its work
 * and for a later action finishing work that was cut off. Each finisher looks at where
 * things stand now and does only what is missing, so finishing twice is finishing once.
 * It acts only on an intent whose approval verifies and whose signer was entitled to
 * give it, and only on rows that are what the intent says they are; anything else is a
 * problem on that customer, which stays blocked (and reported) until someone sorts it out.
 */
import type { Problem } from "../problem";
import { text } from "../records";
import { customerStatuses, intakeStatuses } from "../schema/choices";
import { choiceLabel, type Lang } from "../schema/model";
import { archivePast, archiveSuspended, destructionLog, intake, register } from "../schema/sheets";
import { stampedValues } from "../stamps/values";
import { chainComplete, parseStamps, verifyStamps, type Stamp, type Stamped } from "../stamps/stamps";
import { intakeRule, intakeSubject } from "./approvals";
import { isoToSerial, serialToIso } from "../validate/date";
import type { Cell } from "../workbook";
import { clearPrintouts, eraseCustomer } from "./erase";
import { placeOf, reviewerOf, FIELD_CHANGES, STAMPINGS, type JournalRow } from "./journal";
import type { Run } from "./run";
import type { LiveRow, LiveSheet } from "./workspace";
import { sha256Hex } from "../stamps/encoding";

export type Outcome = { intent: JournalRow; ok: true } | { intent: JournalRow; ok: false; problem: Problem };

/** What one intent still needs: rows to add, cells to write, rows to delete, a customer to erase. */
interface Steps {
  appends: [LiveSheet, Record<string, Cell>][];
  sets: [LiveSheet, LiveRow, string, Cell][];
  deletes: [LiveSheet, LiveRow][];
  erase?: { id: string; known: Record<string, Cell>[] };
  departments: string[];
}

type Planned = { intent: JournalRow; steps: Steps } | { intent: JournalRow; problem: Problem };

/** The approval a post or reinstatement rests on: the digest of the request's Stamps cell. */
export async function requestApproval(stampsCell: string): Promise<string> {
  return approvalOf(await sha256Hex(approvalText(stampsCell)));
}

/** What of a Stamps cell an approval's digest is taken over. */
export const approvalText = (stampsCell: string): string => stampsCell.trim();

/** The approval for the SHA-256 (hex) of `approvalText` (stamps-beside.ts works the digest out elsewhere). */
export const approvalOf = (hex: string): string => `sha256:${hex}`;

/**
 * Carries out intents in the order that keeps every customer somewhere: rows are added
 * (destinations, new stamps, changed cells) before any row is deleted (sources), and a
 * destroyed customer's traces are erased before its archived row goes.
 */
export async function finishIntents(run: Run, intents: JournalRow[]): Promise<Outcome[]> {
  const planned: Planned[] = [];
  for (const intent of intents) planned.push(await plan(run, intent));
  const appends = new Map<LiveSheet, Record<string, Cell>[]>();
  for (const p of planned)
    if ("steps" in p)
      for (const [sheet, values] of p.steps.appends)
        appends.set(sheet, [...(appends.get(sheet) ?? []), values]);
  for (const [sheet, rows] of appends) run.ws.append(sheet, rows);
  for (const p of planned)
    if ("steps" in p) for (const [sheet, row, key, value] of p.steps.sets) run.ws.set(sheet, row, key, value);
  // A destroyed customer's words go before its archived row: until that row goes, a cut-off
  // destruction can still find its lines on printouts from it.
  const erasing = planned.flatMap((p) => ("steps" in p && p.steps.erase ? [p.steps.erase] : []));
  for (const { id, known } of erasing) await eraseCustomer(run, id, known);
  if (erasing.length) clearPrintouts(run, erasing);
  for (const p of planned)
    if ("steps" in p) for (const [sheet, row] of p.steps.deletes) run.ws.delete(sheet, row);
  for (const p of planned)
    if ("steps" in p)
      for (const d of p.steps.departments) {
        if (!d) continue;
        run.departments.add(d);
        // Whose rows on that department's list may change (lists updated page by page, run.ts).
        const id = p.intent.customerId;
        if (!id) continue;
        const on = run.listed.get(id);
        if (on) on.add(d);
        else run.listed.set(id, new Set([d]));
      }
  return planned.map((p) =>
    "steps" in p ? { intent: p.intent, ok: true } : { intent: p.intent, ok: false, problem: p.problem },
  );
}

function plan(run: Run, intent: JournalRow): Promise<Planned> {
  switch (intent.action) {
    case "post":
    case "reinstate":
      return planPost(run, intent);
    case "terminate":
      return planTerminate(run, intent);
    case "destroy":
      return planDestroy(run, intent);
  }
  if (FIELD_CHANGES.has(intent.action)) return Promise.resolve(planField(run, intent));
  if (STAMPINGS.has(intent.action)) return planStamp(run, intent);
  return Promise.resolve({ intent, steps: none() });
}

const none = (): Steps => ({ appends: [], sets: [], deletes: [], departments: [] });

function cannot(intent: JournalRow, sheet: string, row: number, detail: string): Planned {
  return {
    intent,
    problem: {
      sheet,
      row,
      column: sheet === "changeLog" ? "op" : "id",
      rule: "journal.cannotFinish",
      value: intent.customerId || intent.requestNo,
      detail: { action: intent.action, why: detail, logRow: intent.row },
    },
  };
}

const dateOf = (intent: JournalRow) => intent.time.slice(0, 10);

/** A stamped request's chain is complete, every stamp approves, and every stamp verifies now. */
async function requestApproved(run: Run, row: LiveRow): Promise<boolean> {
  const rule = intakeRule(run.ctx.settings, run.journal, row.values);
  const { stamps, unreadable } = parseStamps(text(row.values.stamps));
  if (unreadable.length || !chainComplete(stamps, rule)) return false;
  const checks = await verifyStamps(intakeSubject(run.journal, row.values), stamps, run.ctx.trust, rule);
  return checks.every((c) => !c.issue);
}

/** The Register row a posted request becomes. */
export function registerValues(
  request: Record<string, Cell>,
  id: string,
  requestNo: string,
  date: string,
  lang: Lang,
): Record<string, Cell> {
  const values: Record<string, Cell> = {};
  for (const column of register.columns) if (column.key in request) values[column.key] = request[column.key]!;
  return {
    ...values,
    id,
    requestNo,
    status: choiceLabel(customerStatuses, "active", lang),
    postedDate: isoToSerial(date),
    stamps: request.stamps ?? "",
    lastReviewDate: "",
    lastReviewer: "",
    notes: "",
  };
}

async function planPost(run: Run, intent: JournalRow): Promise<Planned> {
  const { customerId: id, requestNo } = intent;
  const reg = run.ws.sheet(register);
  const req = run.ws.sheet(intake);
  const requests = req.where("requestNo", requestNo);
  const request = requests.length === 1 ? requests[0] : undefined;
  const steps = none();
  const onRegister = reg.where("id", id);
  if (onRegister.length > 1) return cannot(intent, "register", onRegister[1]!.row, "duplicate");
  if (onRegister.length === 1) {
    if (text(onRegister[0]!.values.requestNo) !== requestNo)
      return cannot(intent, "register", onRegister[0]!.row, "otherRequest");
  } else {
    if (!request) return cannot(intent, "intake", requests[1]?.row ?? 1, "request");
    const approved =
      (await requestApproval(text(request.values.stamps))) === intent.approval &&
      (await requestApproved(run, request));
    if (!approved) return cannot(intent, "intake", request.row, "approval");
    steps.appends.push([
      reg,
      registerValues(request.values, id, requestNo, dateOf(intent), reg.read.lang ?? run.ctx.lang),
    ]);
  }
  if (request) {
    const posted = choiceLabel(intakeStatuses, "posted", req.read.lang ?? run.ctx.lang);
    if (text(request.values.intakeStatus) !== posted) steps.sets.push([req, request, "intakeStatus", posted]);
    if (text(request.values.customerId) !== id) steps.sets.push([req, request, "customerId", id]);
  }
  if (intent.action === "reinstate") {
    const archive = run.ws.sheet(archiveSuspended);
    for (const row of archive.where("id", id)) steps.deletes.push([archive, row]);
  }
  steps.departments.push(text((onRegister[0] ?? request)?.values.department));
  return { intent, steps };
}

/** Roles that may approve ending a relationship: the department's head or the manager. */
const TERMINATORS = new Set(["deptHead", "manager"]);

/** What a termination stamp signs: the customer's row, where it goes, why and when. */
export function terminationSubject(
  target: string,
  values: Record<string, Cell>,
  reason: string,
  date: string,
): Stamped {
  return {
    kind: `terminate:${target}`,
    ref: text(values.id),
    values: { ...stampedValues(values), archiveReason: reason, archivedDate: date },
  };
}

/** What a destruction stamp signs: the customer, why, when, and the digest of what is erased. */
export function destructionSubject(values: {
  id: string;
  reason: string;
  date: string;
  contentHash: string;
}): Stamped {
  return { kind: "destroy", ref: values.id, values };
}

/** Whether a termination stamp verifies over a Register row, from a signer entitled to give it. */
export async function terminationHolds(
  run: Run,
  stamp: Stamp,
  target: string,
  values: Record<string, Cell>,
  reason: string,
  date: string,
): Promise<boolean> {
  if (!TERMINATORS.has(stamp.role)) return false;
  const [check] = await verifyStamps(
    terminationSubject(target, values, reason, date),
    [stamp],
    run.ctx.trust,
    { chain: [stamp.role], department: text(values.department) },
  );
  return !!check && !check.issue;
}

async function planTerminate(run: Run, intent: JournalRow): Promise<Planned> {
  const id = intent.customerId;
  const target = placeOf(intent.newValue);
  const stamp = parseStamps(intent.approval).stamps[0];
  if ((target !== "suspended" && target !== "past") || !stamp)
    return cannot(intent, "changeLog", intent.row, "approval");
  const reg = run.ws.sheet(register);
  const archive = run.ws.sheet(target === "suspended" ? archiveSuspended : archivePast);
  const date = dateOf(intent);
  const steps = none();
  const sources: LiveRow[] = [];
  for (const row of reg.where("id", id))
    if (await terminationHolds(run, stamp, target, row.values, intent.reason, date)) sources.push(row);
  const archived = archive.where("id", id);
  if (archived.length === 0) {
    const source = sources[0];
    if (!source) return cannot(intent, "register", reg.where("id", id)[0]?.row ?? 1, "approval");
    steps.appends.push([
      archive,
      archiveValues(source.values, target, intent, stamp, archive.read.lang ?? run.ctx.lang),
    ]);
  }
  for (const row of sources) steps.deletes.push([reg, row]);
  steps.departments.push(text((sources[0] ?? archived[0])?.values.department));
  return { intent, steps };
}

/** The archive row of a terminated customer: its Register row, the reason, date, approver and stamp. */
function archiveValues(
  values: Record<string, Cell>,
  target: "suspended" | "past",
  intent: JournalRow,
  stamp: Stamp,
  lang: Lang,
): Record<string, Cell> {
  const line = intent.approval.trim();
  const earlier = text(values.stamps);
  return {
    ...values,
    status: choiceLabel(customerStatuses, target, lang),
    archivedDate: isoToSerial(dateOf(intent)),
    archiveReason: intent.reason,
    archiveApprover: line.replace(/\s*⟦.*$/, "") || stamp.name,
    stamps: earlier ? `${earlier}\n${line}` : line,
  };
}

/** Whether a destruction stamp verifies, from the manager. */
export async function destructionHolds(
  run: Run,
  stamp: Stamp,
  values: { id: string; reason: string; date: string; contentHash: string },
): Promise<boolean> {
  if (stamp.role !== "manager") return false;
  const [check] = await verifyStamps(destructionSubject(values), [stamp], run.ctx.trust, {
    chain: ["manager"],
  });
  return !!check && !check.issue;
}

async function planDestroy(run: Run, intent: JournalRow): Promise<Planned> {
  const id = intent.customerId;
  const stamp = parseStamps(intent.approval).stamps[0];
  const date = dateOf(intent);
  const held =
    !!stamp &&
    (await destructionHolds(run, stamp, { id, reason: intent.reason, date, contentHash: intent.digest }));
  if (!held) return cannot(intent, "changeLog", intent.row, "approval");
  const tomb = run.ws.sheet(destructionLog);
  const steps = none();
  if (tomb.where("customerId", id).length === 0)
    steps.appends.push([
      tomb,
      {
        customerId: id,
        date: isoToSerial(date),
        reason: intent.reason,
        approver: stamp!.name,
        contentHash: intent.digest,
        stamps: intent.approval,
      },
    ]);
  // Every archived row of the customer goes: the manager approved destroying the customer.
  const known: Record<string, Cell>[] = [];
  for (const schema of [archiveSuspended, archivePast]) {
    const archive = run.ws.sheet(schema);
    for (const row of archive.where("id", id)) {
      steps.deletes.push([archive, row]);
      known.push({ ...row.values });
    }
  }
  steps.erase = { id, known };
  return { intent, steps };
}

function cellMatches(value: Cell | undefined, logged: string, isDate: boolean): boolean {
  const t = text(value);
  if (t === logged.trim()) return true;
  return isDate && typeof value === "number" && serialToIso(value) === logged.trim();
}

function planField(run: Run, intent: JournalRow): Planned {
  const reg = run.ws.sheet(register);
  const rows = reg.where("id", intent.customerId);
  if (rows.length !== 1)
    return cannot(intent, "register", rows[1]?.row ?? 1, rows.length ? "duplicate" : "missing");
  const row = rows[0]!;
  const column = register.columns.find((c) => c.key === intent.field);
  if (!column) return cannot(intent, "changeLog", intent.row, "field");
  const isDate = column.kind.type === "date";
  const steps = none();
  steps.departments.push(text(row.values.department));
  if (intent.field === "department") steps.departments.push(intent.oldValue, intent.newValue);
  // A review's row also names its reviewer: the person who logged it. Set whatever the
  // cell holds (a review is the last word on who reviewed), before the date: a cut between
  // the two leaves the date as it was, and finishing sets it.
  const reviewer = reviewerOf(intent);
  if (reviewer !== undefined && text(row.values.lastReviewer) !== reviewer)
    steps.sets.push([reg, row, "lastReviewer", reviewer]);
  if (cellMatches(row.values[intent.field], intent.newValue, isDate)) return { intent, steps };
  if (!cellMatches(row.values[intent.field], intent.oldValue, isDate))
    return cannot(intent, "register", row.row, "changed");
  const value = isDate && intent.newValue ? isoToSerial(intent.newValue) : intent.newValue;
  steps.sets.push([reg, row, intent.field, value]);
  return { intent, steps };
}

async function planStamp(run: Run, intent: JournalRow): Promise<Planned> {
  const req = run.ws.sheet(intake);
  const rows = req.where("requestNo", intent.requestNo);
  if (rows.length !== 1)
    return cannot(intent, "intake", rows[1]?.row ?? 1, rows.length ? "duplicate" : "missing");
  const row = rows[0]!;
  const steps = none();
  const status = intent.newValue;
  if (text(row.values.stamps) !== intent.approval.trim()) {
    const stamps = parseStamps(intent.approval).stamps;
    const checks = await verifyStamps(
      intakeSubject(run.journal, row.values),
      stamps,
      run.ctx.trust,
      intakeRule(run.ctx.settings, run.journal, row.values),
    );
    if (stamps.length === 0 || checks.some((c) => c.issue))
      return cannot(intent, "intake", row.row, "approval");
    steps.sets.push([req, row, "stamps", intent.approval]);
  }
  if (text(row.values.intakeStatus) !== status) steps.sets.push([req, row, "intakeStatus", status]);
  return { intent, steps };
}
