/**
 * Showing a kept sheet for a while (kept-sheets.ts): apart from the rest, which every
 * writing action's adapter loads (and so the pane's shell at start), because it judges the
 * look (looking.ts) — the 保密工作表 page's code, not the shell's (issue 15).
 */
import type { ChangeEntry } from "./change-log";
import { keptSheets, minutesAfter, SHOW_MINUTES_MAX, SHOW_SHEET, stateOf } from "./kept-sheets";
import { lookRefusal, type Looker } from "./looking";
import type { Problem } from "./problem";
import type { Settings } from "./settings";
import type { StaffTrust } from "./stamps/staff";
import type { Snapshot, Write } from "./workbook";

/**
 * A kept sheet shown to a person for `minutes`, still protected: refused unless the rule
 * 查询权限 lets them look at every customer (showing a sheet shows all of it), and without a
 * purpose. The sheet is made visible and activated, and the look logged (`showSheet`: the
 * sheet in the old value, until when in the new one, the purpose as the reason).
 */
export function planShow(
  snapshot: Snapshot,
  settings: Pick<Settings, "lookRoles">,
  trust: StaffTrust,
  person: string,
  /** Who acts, as the pane knows them (their key); undefined where nobody can be told apart (CLI, tests). */
  looker: Looker | undefined,
  sheetKey: string,
  minutes: number,
  purpose: string,
  time: string,
): { writes: Write[]; entry?: ChangeEntry; until?: string; sheet?: string; problems: Problem[] } {
  const kept = keptSheets(snapshot.sheetNames).find((k) => k.key === sheetKey);
  /** A show refused: nothing written. */
  const refused = (problem: Problem) => ({ writes: [], problems: [problem] });
  /** A refusal about the sheet asked for, on its first row. */
  const ofSheet = (rule: Problem["rule"], value: string, detail: Problem["detail"]) =>
    refused({ sheet: sheetKey, row: 1, column: "", rule, value, detail });
  if (!kept) return ofSheet("sheets.notKept", sheetKey, { name: sheetKey });
  const refusal = looker && lookRefusal(settings, trust, looker, time);
  if (refusal) return refused(refusal);
  if (!purpose.trim())
    return refused({ sheet: "changeLog", row: 1, column: "reason", rule: "look.purposeRequired", value: "" });
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > SHOW_MINUTES_MAX)
    return ofSheet("sheets.showMinutes", String(minutes), { max: SHOW_MINUTES_MAX, name: kept.name });
  const until = minutesAfter(time, minutes);
  const state = stateOf(snapshot, kept.name);
  const writes: Write[] = [];
  if (state.visibility !== "Visible") writes.push({ kind: "visibility", sheet: kept.name, value: "Visible" });
  // Shown to read, not to type into: a sheet shown unprotected (by hand) is protected first.
  if (!state.protected) writes.push({ kind: "protect", sheet: kept.name });
  writes.push({ kind: "activate", sheet: kept.name });
  const entry: ChangeEntry = {
    time,
    person,
    action: SHOW_SHEET,
    customerId: "",
    field: "sheet",
    oldValue: kept.name,
    newValue: until,
    reason: purpose.trim(),
  };
  return { writes, entry, until, sheet: kept.name, problems: [] };
}
