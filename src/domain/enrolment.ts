/**
 * Enrolling people who may stamp (人员): a Staff row per device with its public key, the
 * register administrator's countersignature that gives the row its power, and revocation
 * of a person or a lost device in one action. Every change is in the Change log.
 */
import type { ChangeEntry } from "./change-log";
import { appendToLog } from "./log-writes";
import type { Problem } from "./problem";
import { readSheet, rowOf } from "./records";
import { staffRoles, yesNo } from "./schema/choices";
import { choiceLabel, type Lang } from "./schema/model";
import { changeLog, staff } from "./schema/sheets";
import {
  countersign,
  staffEntries,
  staffKey,
  trustStaff,
  type StaffEntry,
  type StaffTrust,
} from "./stamps/staff";
import { fingerprint } from "./stamps/keys";
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

/** One of a person's keys as the Staff sheet holds it now: a device of theirs. */
export interface Device {
  device: string;
  fingerprint: string;
  status: "trusted" | "notCountersigned" | "revoked";
  role: string;
  department: string;
  since: string;
}

/**
 * A person's devices, each key as its latest row stands (in force and countersigned,
 * waiting for the administrator's countersignature, or revoked). Each device has a key of
 * its own: a key lives only in the Excel (and, on the web, the browser profile) that made it.
 */
export function devicesOf(trust: StaffTrust, name: string): Device[] {
  const wanted = name.trim();
  return [...trust.byFingerprint.values()]
    .filter((t) => t.entry.name === wanted)
    .map((t) => ({
      device: t.entry.device,
      fingerprint: t.fingerprint,
      status: t.status,
      role: t.entry.role,
      department: t.entry.department,
      since: t.entry.since,
    }))
    .sort((a, b) => a.since.localeCompare(b.since) || a.device.localeCompare(b.device));
}

/**
 * Another device for a person already on the Staff sheet: it takes the role and department
 * their devices hold now (a change of role is the administrator's act, for every device at
 * once), and a device name of its own, so the Staff sheet and the log tell the keys apart.
 */
function anotherDeviceProblems(trust: StaffTrust, who: Enrolment, row: number): Problem[] {
  const theirs = devicesOf(trust, who.name).filter((d) => d.status !== "revoked");
  if (theirs.length === 0) return [];
  const problems: Problem[] = [];
  const now = theirs.find((d) => d.status === "trusted") ?? theirs[0]!;
  if (now.role !== who.role || now.department.trim() !== who.department.trim())
    problems.push({
      sheet: "staff",
      row,
      column: now.role !== who.role ? "role" : "department",
      rule: "staff.otherDevice",
      value: who.name.trim(),
      detail: {
        name: who.name.trim(),
        roleZh: choiceLabel(staffRoles, now.role, "zh"),
        roleEn: choiceLabel(staffRoles, now.role, "en"),
        department: now.department,
      },
    });
  if (theirs.some((d) => d.device.trim() === who.device.trim()))
    problems.push({
      sheet: "staff",
      row,
      column: "device",
      rule: "staff.deviceTaken",
      value: who.device.trim(),
      detail: { device: who.device.trim() },
    });
  return problems;
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
  const known = anotherDeviceProblems(await trustStaff(staffEntries(sheet.records), undefined), who, row);
  if (known.length) return { changed: [], problems: known, writes: [] };
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
    since: `${now.date}T${now.time}`,
  };
  const time = values.since;
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
/** Someone enrolled and waiting for the administrator's countersignature. */
export interface Awaiting {
  name: string;
  department: string;
  role: string;
  device: string;
  /** Of the key on the row: what the administrator compares with the person's own pane. */
  fingerprint: string;
}

/** Who waits for a countersignature: every enrolled, unrevoked row not trusted yet. */
export async function awaitingCountersign(snapshot: Snapshot, trust: StaffTrust): Promise<Awaiting[]> {
  const sheet = readSheet(staff, snapshot);
  if (!sheet.name) return [];
  const out: Awaiting[] = [];
  for (const entry of staffEntries(sheet.records)) {
    if (entry.revoked || trust.byRow.get(entry.row) === "trusted") continue;
    const { name, department, role, device } = entry;
    const fp = await fingerprint(entry.publicKey).catch(() => "");
    out.push({ name, department, role, device, fingerprint: fp });
  }
  return out;
}

/**
 * Countersigns the waiting rows whose key has one of the `chosen` fingerprints — the ones
 * the administrator saw listed and checked (issue 17: never everyone pending unseen).
 */
export async function planCountersigning(
  snapshot: Snapshot,
  trust: StaffTrust,
  admin: { name: string; privateKey: CryptoKey },
  now: { date: string; time: string },
  chosen: string[],
): Promise<StaffPlan> {
  const sheet = readSheet(staff, snapshot);
  const log = readSheet(changeLog, snapshot);
  const plan: StaffPlan = { changed: [], problems: [], writes: [] };
  if (!sheet.name || sheet.at.countersign === undefined) return plan;
  const entries: ChangeEntry[] = [];
  const cells: Write[] = [];
  const wanted = new Set(chosen);
  for (const entry of staffEntries(sheet.records)) {
    if (entry.revoked || trust.byRow.get(entry.row) === "trusted") continue;
    if (!wanted.has(await fingerprint(entry.publicKey).catch(() => ""))) continue;
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

/**
 * Revokes a person's every device, or one lost device of theirs, in one action: a new
 * Staff row per device marked 已吊销 from now, and a log entry that is the revocation
 * itself (typing 否 into the row, or deleting it, restores nothing). Anyone may report a
 * lost device — revoking only takes power away — so no key is needed. Stamps the log
 * carried before the revocation keep verifying.
 */
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
  if (!sheet.name || sheet.at.revoked === undefined || sheet.at.since === undefined) {
    plan.problems.push({ sheet: "staff", row: 1, column: "since", rule: "header.missing", value: "" });
    return plan;
  }
  const sheetLang = sheet.lang ?? lang;
  const since = `${now.date}T${now.time}`;
  const entries: ChangeEntry[] = [];
  const rows: Record<string, string>[] = [];
  // One revocation per device: its latest row, copied, marked revoked from now.
  const latest = new Map<string, StaffEntry>();
  for (const e of staffEntries(sheet.records))
    if (e.name === who.name.trim() && (!who.device || e.device === who.device.trim())) {
      const seen = latest.get(staffKey(e));
      if (!seen || seen.since <= e.since) latest.set(staffKey(e), e);
    }
  if (latest.size === 0)
    plan.problems.push({ sheet: "staff", row: 1, column: "name", rule: "staff.unknown", value: who.name });
  for (const e of latest.values()) {
    rows.push({
      name: e.name,
      department: e.department,
      role: choiceLabel(staffRoles, e.role, sheetLang),
      device: e.device,
      publicKey: e.publicKey,
      countersign: "",
      revoked: choiceLabel(yesNo, "yes", sheetLang),
      since,
    });
    entries.push({
      time: since,
      person: actor,
      action: "revoke",
      customerId: "",
      field: "staff",
      oldValue: "",
      newValue: staffKey(e),
      reason,
    });
    plan.changed.push(e.name);
  }
  if (rows.length)
    plan.writes.push(...(await appendToLog(log, entries)), {
      kind: "values",
      sheet: sheet.name,
      row: sheet.height,
      col: 0,
      values: rows.map((r) => rowOf(sheet, r)),
    });
  return plan;
}

/**
 * A change of role or department (a promotion, a move to another department): a new Staff
 * row per device of the person, countersigned by the administrator, in force from now. The
 * rows before it stay: every stamp made under them keeps verifying.
 */
export async function planStaffChange(
  snapshot: Snapshot,
  trust: StaffTrust,
  admin: { name: string; fingerprint: string; privateKey: CryptoKey },
  who: { name: string; role: string; department: string },
  now: { date: string; time: string },
  lang: Lang,
): Promise<StaffPlan> {
  const sheet = readSheet(staff, snapshot);
  const log = readSheet(changeLog, snapshot);
  const plan: StaffPlan = { changed: [], problems: [], writes: [] };
  const problem = (column: string, rule: Problem["rule"], value: string) =>
    plan.problems.push({ sheet: "staff", row: sheet.height + 1, column, rule, value });
  if (!sheet.name || sheet.at.since === undefined) {
    problem("since", "header.missing", "");
    return plan;
  }
  const me = trust.asOf(admin.fingerprint, `${now.date}T${now.time}`);
  if (!me || me.status !== "trusted" || me.entry.role !== "admin")
    problem("role", "policy.notAdmin", admin.name);
  // Making someone an administrator is the trust root's to sign, as for a second administrator.
  if (who.role === "admin" && admin.fingerprint !== trust.adminFingerprint)
    problem("role", "policy.notAdmin", admin.name);
  if (!staffRoles.some((r) => r.code === who.role)) problem("role", "enum.notAllowed", who.role);
  if (!who.department.trim()) problem("department", "required", "");
  const devices = [...trust.byFingerprint.values()].filter(
    (t) => t.status === "trusted" && t.entry.name === who.name.trim(),
  );
  if (devices.length === 0) problem("name", "staff.unknown", who.name);
  if (plan.problems.length) return plan;
  const sheetLang = sheet.lang ?? lang;
  const since = `${now.date}T${now.time}`;
  const rows: Record<string, string>[] = [];
  const entries: ChangeEntry[] = [];
  for (const { entry } of devices) {
    const next = { ...entry, role: who.role, department: who.department.trim(), since, revoked: false };
    rows.push({
      name: next.name,
      department: next.department,
      role: choiceLabel(staffRoles, next.role, sheetLang),
      device: next.device,
      publicKey: next.publicKey,
      countersign: await countersign(admin.privateKey, next),
      revoked: choiceLabel(yesNo, "no", sheetLang),
      since,
    });
    entries.push({
      time: since,
      person: admin.name,
      action: "restaff",
      customerId: "",
      field: "staff",
      oldValue: `${entry.role} ${entry.department}`,
      newValue: staffKey(entry),
      reason: `${next.role} ${next.department}`,
    });
    plan.changed.push(entry.name);
  }
  plan.writes.push(...(await appendToLog(log, entries)), {
    kind: "values",
    sheet: sheet.name,
    row: sheet.height,
    col: 0,
    values: rows.map((r) => rowOf(sheet, r)),
  });
  return plan;
}
