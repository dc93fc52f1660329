/**
 * 交易中止 / 交易过去 — moving customers out of the Register into an archive, with date,
 * reason and the approver's stamp, in one action however many. Each move is a
 * "terminate" intent in the journal carrying the approver's stamp over the customer's
 * row; the archive row is written before the Register row is deleted, so the customer is
 * never nowhere, and the next writing action finishes a move that was cut off — only
 * from a Register row the stamp still verifies over, never from a row someone pasted.
 */
import type { Problem } from "./problem";
import { text } from "./records";
import type { Lang } from "./schema/model";
import { archivePast, archiveSuspended, register } from "./schema/sheets";
import { policyVersion, type Settings } from "./settings";
import type { Stamper } from "./stamping";
import { defaultStampedFields, formatStamps, makeStamp, stampText } from "./stamps/stamps";
import { standingRule, type StaffTrust } from "./stamps/staff";
import { terminationSubject } from "./journal/finish";
import { placeLabels } from "./journal/journal";
import { intend, registerRowOf, runOnJournal, type Run } from "./journal/run";
import type { Snapshot, Write } from "./workbook";

export type ArchiveKind = "suspended" | "past";

export interface TerminationPlan {
  moved: string[];
  /** Customers or requests whose interrupted actions this plan finishes first. */
  finished: string[];
  problems: Problem[];
  writes: Write[];
}

/** Roles that may approve ending a relationship: the department's head or the manager. */
const APPROVERS = new Set(["deptHead", "manager"]);

export interface TerminationRequest {
  ids: string[];
  target: ArchiveKind;
  /** One reason for all, or each customer's own (the invalid list's). */
  reasons: string | ((id: string) => string);
  approver: Stamper;
}

export async function planTermination(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  ids: string[],
  target: ArchiveKind,
  reasons: string | ((id: string) => string),
  approver: Stamper,
  now: { date: string; time: string },
  lang: Lang,
  /** Views to rebuild once the moves are planned, before the run closes (the invalid list's sheet). */
  then?: (run: Run) => Write[],
): Promise<TerminationPlan> {
  return runOnJournal({ snapshot, settings, trust, person: approver.entry.name, now, lang }, async (run) => {
    const result = await terminate(run, { ids, target, reasons, approver });
    if (result.problems.length === 0 && then) run.ws.raw(...then(run));
    return result;
  });
}

/** The body of a termination within a run: checks everything, then logs and carries out the moves. */
export async function terminate(
  run: Run,
  { ids, target, reasons, approver: device }: TerminationRequest,
): Promise<{ moved: string[]; problems: Problem[] }> {
  const { ws, journal, ctx } = run;
  let approver = device;
  // The reason goes into the approver's stamp: as the stamp line will read back.
  const reasonOf = (id: string) => stampText(typeof reasons === "string" ? reasons : reasons(id));
  const reg = ws.sheet(register);
  const archive = ws.sheet(target === "suspended" ? archiveSuspended : archivePast);
  const problems: Problem[] = [];
  if (!reg.name || !ws.log.name || !archive.name) {
    problems.push({
      sheet: archive.name ? "register" : archive.read.schema.key,
      row: 1,
      column: "",
      rule: "header.missing",
      value: "",
    });
    return { moved: [], problems };
  }
  const me = ctx.trust.asOf(approver.fingerprint, `${ctx.now.date}T${ctx.now.time}`);
  // Who approves is the Staff row in force now, not what the device remembers of it: a
  // head moved to another department approves for the new one only, and stamps as such.
  if (me) approver = { ...approver, entry: me.entry };
  if (!me || me.status !== "trusted" || !APPROVERS.has(approver.entry.role)) {
    problems.push({
      sheet: "register",
      row: 1,
      column: "archiveApprover",
      rule: standingRule(me),
      value: approver.entry.name,
    });
    return { moved: [], problems };
  }
  if (ids.some((id) => !reasonOf(id).trim()))
    problems.push({ sheet: "register", row: 1, column: "archiveReason", rule: "required", value: "" });

  const leaving = [];
  for (const id of new Set(ids)) {
    // Asked again after a cut-off: the journal already has it there, and the run finished it.
    if (journal.states.get(id)?.place === target && !run.blocked.has(id)) continue;
    const found = registerRowOf(run, id);
    if ("problem" in found) {
      problems.push(found.problem);
      continue;
    }
    if (
      approver.entry.role === "deptHead" &&
      text(found.row.values.department) !== approver.entry.department
    ) {
      problems.push({
        sheet: "register",
        row: found.row.row,
        column: "id",
        rule: "stamp.otherDepartment",
        value: id,
      });
      continue;
    }
    leaving.push({ id, row: found.row });
  }
  if (problems.length) return { moved: [], problems };

  const time = `${ctx.now.date}T${ctx.now.time}`;
  const logLang = ws.log.read.lang ?? ctx.lang;
  const sheetLang = archive.read.lang ?? ctx.lang;
  const entries = [];
  for (const { id, row } of leaving) {
    const reason = reasonOf(id);
    const stamp = await makeStamp(
      approver.privateKey,
      terminationSubject(target, row.values, reason, ctx.now.date),
      [],
      {
        role: approver.entry.role,
        name: approver.entry.name,
        time,
        decision: "approve",
        reason,
        key: approver.fingerprint,
        fields: [...defaultStampedFields, "id", "archiveReason", "archivedDate"],
        policy: policyVersion(ctx.settings),
      },
    );
    entries.push({
      action: "terminate",
      customerId: id,
      field: "place",
      oldValue: placeLabels.register[logLang],
      newValue: placeLabels[target][logLang],
      reason,
      approval: formatStamps([stamp], sheetLang),
    });
  }
  const failed = await intend(run, entries);
  return { moved: failed.length ? [] : leaving.map((l) => l.id), problems: failed };
}
