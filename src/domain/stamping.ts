/**
 * Stamping intake requests (单位主管的认可, 董事长的承认). The person whose turn it is in
 * the request's chain (from Settings, per source class) stamps one or many requests at
 * once: approve, or reject with a reason. Nobody stamps their own request, and a
 * department head stamps only their own department's.
 */
import type { ChangeEntry } from "./change-log";
import { appendToLog } from "./log-writes";
import { stampedValues } from "./posting";
import type { Problem } from "./problem";
import { readSheet, text, type SheetRecord } from "./records";
import { intakeStatuses, staffRoles } from "./schema/choices";
import { choiceCode, choiceLabel, type Lang } from "./schema/model";
import { changeLog, intake } from "./schema/sheets";
import type { Settings } from "./settings";
import type { StaffEntry, StaffTrust } from "./stamps/staff";
import {
  defaultStampedFields,
  formatStamps,
  makeStamp,
  parseStamps,
  verifyStamps,
  type Stamp,
} from "./stamps/stamps";
import type { Snapshot, Write } from "./workbook";

export interface Stamper {
  entry: StaffEntry;
  privateKey: CryptoKey;
  fingerprint: string;
}

export interface StampingPlan {
  stamped: { requestNo: string; status: string }[];
  problems: Problem[];
  writes: Write[];
}

/** The words a stamp shows in its cell: role, name, time and decision, in the sheet's language. */
export function stampWords(s: Stamp, lang: Lang): string {
  const role = choiceLabel(staffRoles, s.role, lang);
  const decision =
    s.decision === "approve" ? (lang === "zh" ? "批准" : "approved") : lang === "zh" ? "驳回" : "rejected";
  const reason = s.reason ? (lang === "zh" ? `:${s.reason}` : `: ${s.reason}`) : "";
  return `${role} ${s.name} ${s.time.replace("T", " ")} ${decision}${reason}`;
}

export async function planStamping(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  requestNos: string[],
  stamper: Stamper,
  decision: "approve" | "reject",
  reason: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<StampingPlan> {
  const req = readSheet(intake, snapshot);
  const log = readSheet(changeLog, snapshot);
  const plan: StampingPlan = { stamped: [], problems: [], writes: [] };
  if (!req.name || !log.name) {
    plan.problems.push({ sheet: "intake", row: 1, column: "", rule: "header.missing", value: "" });
    return plan;
  }
  const sheetLang = req.lang ?? lang;
  const me = trust.byFingerprint.get(stamper.fingerprint);
  const problem = (record: SheetRecord, rule: Problem["rule"]) =>
    plan.problems.push({
      sheet: "intake",
      row: record.row,
      column: "stamps",
      rule,
      value: text(record.values.requestNo),
    });
  const entries: ChangeEntry[] = [];
  const cells: Write[] = [];
  const time = `${now.date}T${now.time}`;
  for (const requestNo of requestNos) {
    const record = req.records.find((r) => text(r.values.requestNo) === requestNo);
    if (!record) continue;
    const status = choiceCode(intakeStatuses, text(record.values.intakeStatus));
    if (!me || me.status !== "trusted") {
      problem(record, me?.status === "revoked" ? "stamp.revoked" : "stamp.notCountersigned");
      continue;
    }
    if (status !== "pending" && status !== "draft") {
      problem(record, "stamp.notPending");
      continue;
    }
    if (text(record.values.responsible) === stamper.entry.name) {
      problem(record, "stamp.ownRequest");
      continue;
    }
    if (stamper.entry.role === "deptHead" && text(record.values.department) !== stamper.entry.department) {
      problem(record, "stamp.otherDepartment");
      continue;
    }
    const chain = settings.stampChain[text(record.values.class)] ?? ["deptHead"];
    const subject = { kind: "customer", values: stampedValues(record) };
    let earlier = parseStamps(text(record.values.stamps)).stamps;
    const checks = await verifyStamps(subject, earlier, trust, chain);
    // Stamps that no longer hold (the request was edited) do not count: approval starts again.
    if (checks.some((c) => c.issue)) earlier = [];
    if (chain[earlier.length] !== stamper.entry.role) {
      problem(record, "stamp.notYourTurn");
      continue;
    }
    const stamp = await makeStamp(stamper.privateKey, subject, earlier, {
      role: stamper.entry.role,
      name: stamper.entry.name,
      time,
      decision,
      ...(decision === "reject" ? { reason } : {}),
      key: stamper.fingerprint,
      fields: settings.stampedFields.length ? settings.stampedFields : defaultStampedFields,
    });
    const stamps = [...earlier, stamp];
    const next = decision === "reject" ? "rejected" : stamps.length >= chain.length ? "approved" : "pending";
    cells.push(
      cell(
        req.name,
        record.row,
        req.at.stamps,
        formatStamps(stamps, (s) => stampWords(s, sheetLang)),
      ),
      cell(req.name, record.row, req.at.intakeStatus, choiceLabel(intakeStatuses, next, sheetLang)),
    );
    entries.push({
      time,
      person: stamper.entry.name,
      action: decision === "approve" ? "stamp" : "reject",
      customerId: "",
      field: "requestNo",
      oldValue: "",
      newValue: requestNo,
      reason: decision === "reject" ? reason : stamper.entry.role,
    });
    plan.stamped.push({ requestNo, status: next });
  }
  if (entries.length === 0) return plan;
  // The log entry first: a stamp never stands in a cell without its trail.
  plan.writes.push(...(await appendToLog(log, entries)));
  plan.writes.push(...cells);
  return plan;
}

function cell(sheet: string, row: number, col: number | undefined, value: string): Write {
  // A sheet missing the column was caught by Validate's header check; write nothing there.
  return { kind: "values", sheet, row: row - 1, col: col ?? 0, values: col === undefined ? [] : [[value]] };
}
