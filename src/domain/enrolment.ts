/**
 * Enrolling people who may stamp (人员): a Staff row per device with its public key, the
 * register administrator's countersignature that gives the row its power, and revocation
 * of a person or a lost device in one action. Every change is in the Change log.
 */
import type { ChangeEntry } from "./change-log";
import { appendToLog } from "./log-writes";
import type { Problem } from "./problem";
import { readSheet, rowOf, text } from "./records";
import { staffRoles, yesNo } from "./schema/choices";
import { choiceLabel, type Lang } from "./schema/model";
import { changeLog, staff } from "./schema/sheets";
import { countersign, staffEntries, trustStaff, type StaffTrust } from "./stamps/staff";
import type { Snapshot, Write } from "./workbook";
import { settingWrite } from "./settings";

export interface Enrolment {
  name: string;
  department: string;
  role: string;
  device: string;
  publicKey: string;
  /** Only when the first administrator enrols: their own countersignature. */
  countersign?: string;
  /** The key's fingerprint, written to Settings when the first administrator enrols. */
  fingerprint?: string;
}

export interface StaffPlan {
  changed: string[];
  problems: Problem[];
  writes: Write[];
}

export async function planEnrolment(
  snapshot: Snapshot,
  who: Enrolment,
  now: { date: string; time: string },
  lang: Lang,
): Promise<StaffPlan> {
  const sheet = readSheet(staff, snapshot);
  const log = readSheet(changeLog, snapshot);
  if (!sheet.name)
    return {
      changed: [],
      problems: [{ sheet: "staff", row: 1, column: "", rule: "header.missing", value: "" }],
      writes: [],
    };
  const row = sheet.height + 1;
  const problems: Problem[] = [];
  for (const key of ["name", "department", "role", "device"] as const) {
    if (!who[key].trim()) problems.push({ sheet: "staff", row, column: key, rule: "required", value: "" });
  }
  if (problems.length) return { changed: [], problems, writes: [] };
  // One trust root: once an administrator vouched for themselves, nobody else can. A second
  // administrator enrols without vouching and counts once the current one countersigns.
  if (who.role === "admin" && who.countersign) {
    const trust = await trustStaff(staffEntries(sheet.records), undefined);
    if (trust.rootCandidates.length)
      return {
        changed: [],
        problems: [
          { sheet: "staff", row, column: "role", rule: "staff.adminExists", value: who.name.trim() },
        ],
        writes: [],
      };
  }
  const sheetLang = sheet.lang ?? lang;
  const values = {
    name: who.name.trim(),
    department: who.department,
    role: choiceLabel(staffRoles, who.role, sheetLang),
    device: who.device.trim(),
    publicKey: who.publicKey,
    countersign: who.countersign ?? "",
    revoked: choiceLabel(yesNo, "no", sheetLang),
  };
  const time = `${now.date}T${now.time}`;
  return {
    changed: [values.name],
    problems,
    writes: [
      ...(await appendToLog(log, [
        {
          time,
          person: values.name,
          action: "enrol",
          customerId: "",
          field: "device",
          oldValue: "",
          newValue: values.device,
          reason: who.role,
        },
      ])),
      { kind: "values", sheet: sheet.name, row: row - 1, col: 0, values: [rowOf(sheet, values)] },
      // The first administrator's fingerprint goes on the Settings sheet for people to compare.
      ...(who.countersign && who.role === "admin" && who.fingerprint
        ? [settingWrite(snapshot, "adminFingerprint", who.fingerprint, sheetLang)].filter(
            (w): w is Write => !!w,
          )
        : []),
    ],
  };
}

/** The administrator countersigns every Staff row that is neither countersigned nor revoked. */
export async function planCountersigning(
  snapshot: Snapshot,
  trust: StaffTrust,
  admin: { name: string; privateKey: CryptoKey },
  now: { date: string; time: string },
): Promise<StaffPlan> {
  const sheet = readSheet(staff, snapshot);
  const log = readSheet(changeLog, snapshot);
  const plan: StaffPlan = { changed: [], problems: [], writes: [] };
  if (!sheet.name || sheet.at.countersign === undefined) return plan;
  const entries: ChangeEntry[] = [];
  const cells: Write[] = [];
  for (const entry of staffEntries(sheet.records)) {
    const standing = [...trust.byFingerprint.values()].find((t) => t.entry.row === entry.row);
    if (entry.revoked || standing?.status === "trusted") continue;
    cells.push({
      kind: "values",
      sheet: sheet.name,
      row: entry.row - 1,
      col: sheet.at.countersign,
      values: [[await countersign(admin.privateKey, entry)]],
    });
    entries.push({
      time: `${now.date}T${now.time}`,
      person: admin.name,
      action: "countersign",
      customerId: "",
      field: "staff",
      oldValue: "",
      newValue: `${entry.name} ${entry.device}`,
      reason: entry.role,
    });
    plan.changed.push(entry.name);
  }
  plan.writes.push(...(await appendToLog(log, entries)), ...cells);
  return plan;
}

/** Revokes a person's every device, or one lost device of theirs, in one action. */
export async function planRevocation(
  snapshot: Snapshot,
  who: { name: string; device?: string },
  actor: string,
  reason: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<StaffPlan> {
  const sheet = readSheet(staff, snapshot);
  const log = readSheet(changeLog, snapshot);
  const plan: StaffPlan = { changed: [], problems: [], writes: [] };
  if (!sheet.name || sheet.at.revoked === undefined) return plan;
  const yes = choiceLabel(yesNo, "yes", sheet.lang ?? lang);
  const entries: ChangeEntry[] = [];
  const matching = sheet.records.filter(
    (r) =>
      text(r.values.name) === who.name.trim() && (!who.device || text(r.values.device) === who.device.trim()),
  );
  if (matching.length === 0) {
    plan.problems.push({ sheet: "staff", row: 1, column: "name", rule: "staff.unknown", value: who.name });
  }
  for (const record of matching) {
    plan.writes.push({
      kind: "values",
      sheet: sheet.name,
      row: record.row - 1,
      col: sheet.at.revoked,
      values: [[yes]],
    });
    entries.push({
      time: `${now.date}T${now.time}`,
      person: actor,
      action: "revoke",
      customerId: "",
      field: "staff",
      oldValue: "",
      newValue: `${text(record.values.name)} ${text(record.values.device)}`,
      reason,
    });
    plan.changed.push(text(record.values.name));
  }
  plan.writes.unshift(...(await appendToLog(log, entries)));
  return plan;
}
