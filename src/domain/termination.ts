/**
 * 交易中止 / 交易过去 — moving customers out of the Register into an archive, with date,
 * reason and the approver's stamp, in one action however many. The order of writes makes
 * the move safe to interrupt: the archive row first (so the customer is never nowhere),
 * then the Change log entry, then the Register row's deletion, then the lists. A customer
 * found in both the Register and an archive is a move that was cut off; the next
 * termination finishes it (log entry if missing, Register row removed) before anything
 * else, and Validate can say so meanwhile. (A reinstatement cut off the other way round
 * leaves a Register row from a newer request; see reinstatement.ts.)
 */
import type { ChangeEntry } from "./change-log";
import { rebuildDepartmentLists } from "./department-lists";
import { appendToLog } from "./log-writes";
import { stampedValues } from "./posting";
import type { Problem } from "./problem";
import { readSheet, rowOf, text, type ReadSheet, type SheetRecord } from "./records";
import { customerStatuses } from "./schema/choices";
import { choiceCode, choiceLabel, type Lang } from "./schema/model";
import { archivePast, archiveSuspended, changeLog, register } from "./schema/sheets";
import type { Settings } from "./settings";
import { stampWords, type Stamper } from "./stamping";
import { defaultStampedFields, formatStamps, makeStamp, parseStamps } from "./stamps/stamps";
import type { StaffTrust } from "./stamps/staff";
import type { Cell, Snapshot, Write } from "./workbook";
import { isoToSerial } from "./validate/date";

export type ArchiveKind = "suspended" | "past";

export interface TerminationPlan {
  moved: string[];
  /** Interrupted moves this plan finishes. */
  finished: string[];
  problems: Problem[];
  writes: Write[];
}

/** Roles that may approve ending a relationship: the department's head or the manager. */
const APPROVERS = new Set(["deptHead", "manager"]);

export async function planTermination(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  ids: string[],
  target: ArchiveKind,
  /** One reason for all, or each customer's own (the invalid list's). */
  reasons: string | ((id: string) => string),
  approver: Stamper,
  now: { date: string; time: string },
  lang: Lang,
): Promise<TerminationPlan> {
  const reasonOf = typeof reasons === "string" ? () => reasons : reasons;
  const reg = readSheet(register, snapshot);
  const log = readSheet(changeLog, snapshot);
  const archives = {
    suspended: readSheet(archiveSuspended, snapshot),
    past: readSheet(archivePast, snapshot),
  };
  const archive = archives[target];
  const plan: TerminationPlan = { moved: [], finished: [], problems: [], writes: [] };
  if (!reg.name || !log.name || !archive.name) {
    plan.problems.push({
      sheet: archive.name ? "register" : archive.schema.key,
      row: 1,
      column: "",
      rule: "header.missing",
      value: "",
    });
    return plan;
  }
  const me = trust.byFingerprint.get(approver.fingerprint);
  if (!me || me.status !== "trusted" || !APPROVERS.has(approver.entry.role)) {
    plan.problems.push({
      sheet: "register",
      row: 1,
      column: "archiveApprover",
      rule: me?.status === "revoked" ? "stamp.revoked" : "stamp.wrongRole",
      value: approver.entry.name,
    });
    return plan;
  }
  if (ids.some((id) => !reasonOf(id).trim()))
    plan.problems.push({ sheet: "register", row: 1, column: "archiveReason", rule: "required", value: "" });

  // Moves cut off earlier: the customer is on the Register and already in an archive.
  const archived = new Map<string, { kind: ArchiveKind; record: SheetRecord }>();
  for (const kind of ["suspended", "past"] as const) {
    for (const r of archives[kind].records) archived.set(text(r.values.id), { kind, record: r });
  }
  const logged = new Set(
    log.records.filter((r) => text(r.values.action) === "terminate").map((r) => text(r.values.customerId)),
  );
  const time = `${now.date}T${now.time}`;
  const entries: ChangeEntry[] = [];
  const leaving: SheetRecord[] = [];
  for (const record of reg.records) {
    const id = text(record.values.id);
    const earlier = archived.get(id);
    // The archive row of a termination is a copy of the Register row, request number
    // included; a different number means a reinstatement was cut off, which posting finishes.
    if (!earlier || text(earlier.record.values.requestNo) !== text(record.values.requestNo)) continue;
    leaving.push(record);
    plan.finished.push(id);
    if (!logged.has(id))
      entries.push(
        logEntry(
          id,
          record,
          earlier.kind,
          text(earlier.record.values.archiveReason),
          approver.entry.name,
          time,
          archives[earlier.kind].lang ?? lang,
        ),
      );
  }

  const newRows: Cell[][] = [];
  const sheetLang = archive.lang ?? lang;
  for (const id of ids) {
    const record = reg.records.find((r) => text(r.values.id) === id);
    if (!record) {
      plan.problems.push({ sheet: "register", row: 1, column: "id", rule: "id.unknown", value: id });
      continue;
    }
    if (archived.has(id)) continue;
    if (approver.entry.role === "deptHead" && text(record.values.department) !== approver.entry.department) {
      plan.problems.push({
        sheet: "register",
        row: record.row,
        column: "id",
        rule: "stamp.otherDepartment",
        value: id,
      });
      continue;
    }
    if (plan.problems.length) continue;
    const reason = reasonOf(id);
    const earlierStamps = parseStamps(text(record.values.stamps)).stamps;
    const stamp = await makeStamp(
      approver.privateKey,
      {
        kind: `terminate:${target}`,
        values: { ...stampedValues(record), archiveReason: reason, archivedDate: now.date },
      },
      [],
      {
        role: approver.entry.role,
        name: approver.entry.name,
        time,
        decision: "approve",
        reason,
        key: approver.fingerprint,
        fields: [...defaultStampedFields, "id", "archiveReason", "archivedDate"],
      },
    );
    const values: Record<string, Cell> = {
      ...record.values,
      status: choiceLabel(customerStatuses, target, sheetLang),
      archivedDate: isoToSerial(now.date),
      archiveReason: reason,
      archiveApprover: stampWords(stamp, sheetLang),
      stamps: formatStamps([...earlierStamps, stamp], (s) => stampWords(s, sheetLang)),
    };
    newRows.push(rowOf(archive, values));
    leaving.push(record);
    entries.push(logEntry(id, record, target, reason, approver.entry.name, time, sheetLang));
    plan.moved.push(id);
  }
  if (plan.problems.length) return { ...plan, moved: [], finished: [], writes: [] };
  if (leaving.length === 0) return plan;

  if (newRows.length)
    plan.writes.push({
      kind: "values",
      sheet: archive.name,
      row: Math.max(1, archive.height),
      col: 0,
      values: newRows,
    });
  plan.writes.push(...(await appendToLog(log, entries)));
  // Bottom-up, so each deletion leaves the rows above it where the plan saw them.
  for (const row of [...new Set(leaving.map((r) => r.row))].sort((a, b) => b - a)) {
    plan.writes.push({ kind: "deleteRows", sheet: reg.name, row: row - 1, count: 1 });
  }
  const gone = new Set(leaving);
  const after: ReadSheet = { ...reg, records: reg.records.filter((r) => !gone.has(r)) };
  plan.writes.push(
    ...rebuildDepartmentLists(
      after,
      leaving.map((r) => text(r.values.department)),
      snapshot,
      reg.lang ?? lang,
    ),
  );
  return plan;
}

function logEntry(
  id: string,
  record: SheetRecord,
  kind: ArchiveKind,
  reason: string,
  person: string,
  time: string,
  lang: Lang,
): ChangeEntry {
  const status = text(record.values.status);
  return {
    time,
    person,
    action: "terminate",
    customerId: id,
    field: "status",
    oldValue: choiceLabel(customerStatuses, choiceCode(customerStatuses, status) ?? "active", lang),
    newValue: choiceLabel(customerStatuses, kind, lang),
    reason,
  };
}
