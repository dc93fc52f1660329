/**
 * What every plan needs besides its own sheets: the Settings (defaults where missing) and
 * which Staff keys are trusted (countersigned by the pinned administrator).
 */
import { findSheet } from "./layout";
import { readSheet, text } from "./records";
import { changeLog, settings as settingsSchema, staff } from "./schema/sheets";
import { readSettings, type Settings } from "./settings";
import { staffEntries, trustStaff, type StaffTrust } from "./stamps/staff";
import type { Snapshot } from "./workbook";
import { policyInForce, withPolicy, type PolicyInForce } from "./policy";

export function settingsOf(snapshot: Snapshot): Settings {
  const name = findSheet(settingsSchema, snapshot.sheetNames)?.name;
  return readSettings(name ? snapshot.sheets[name]?.values : undefined);
}

/** How a Staff row is named in the Change log's revoke entries: name and device. */
export const staffKey = (e: { name: string; device: string }) => `${e.name} ${e.device}`;

/**
 * The Staff rows the Change log says were revoked. Revocation is what the log says, not
 * what the 已吊销 cell says: typing 否 back restores nothing. (Read only when the snapshot
 * holds the log: Validate and every action over the journal.)
 */
export function loggedRevocations(snapshot: Snapshot): Set<string> {
  const out = new Set<string>();
  if (!findSheet(changeLog, snapshot.sheetNames)) return out;
  for (const r of readSheet(changeLog, snapshot).records)
    if (text(r.values.action) === "revoke") out.add(text(r.values.newValue));
  return out;
}

export async function bookContext(
  snapshot: Snapshot,
  pinnedAdmin: string | undefined,
  /** False for the command line: with no --admin given, nothing is trusted on first use. */
  firstUse = true,
): Promise<{ settings: Settings; trust: StaffTrust; policy: PolicyInForce }> {
  const revoked = loggedRevocations(snapshot);
  const entries = staffEntries(readSheet(staff, snapshot).records).map((e) =>
    revoked.has(staffKey(e)) ? { ...e, revoked: true } : e,
  );
  const trust = await trustStaff(entries, pinnedAdmin, firstUse);
  // The stamping rules are the administrator's signed policy, never what a cell says.
  const policy = await policyInForce(snapshot, trust);
  return { settings: withPolicy(settingsOf(snapshot), policy.policy), trust, policy };
}
