/**
 * What every plan needs besides its own sheets: the Settings (defaults where missing) and
 * which Staff keys are trusted (countersigned by the pinned administrator).
 */
import { findSheet } from "./layout";
import { readSheet } from "./records";
import { settings as settingsSchema, staff } from "./schema/sheets";
import { readSettings, type Settings } from "./settings";
import { staffEntries, trustStaff, type StaffTrust } from "./stamps/staff";
import type { Snapshot } from "./workbook";

export function settingsOf(snapshot: Snapshot): Settings {
  const name = findSheet(settingsSchema, snapshot.sheetNames)?.name;
  return readSettings(name ? snapshot.sheets[name]?.values : undefined);
}

export async function bookContext(
  snapshot: Snapshot,
  pinnedAdmin: string | undefined,
  /** False for the command line: with no --admin given, nothing is trusted on first use. */
  firstUse = true,
): Promise<{ settings: Settings; trust: StaffTrust }> {
  const trust = await trustStaff(staffEntries(readSheet(staff, snapshot).records), pinnedAdmin, firstUse);
  return { settings: settingsOf(snapshot), trust };
}
