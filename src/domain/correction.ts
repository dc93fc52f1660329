/**
 * 订正 — correcting a Register entry. Each changed field is checked with Validate's rules
 * and logged (who, when, field, old, new, reason); the department lists concerned are
 * rebuilt; and the result says whether the change touched a field the stamps cover, in
 * which case the row now shows as needing re-approval (the stamps themselves stay, so
 * what was approved remains readable).
 */
import type { Problem } from "./problem";
import { text } from "./records";
import type { Lang } from "./schema/model";
import { register } from "./schema/sheets";
import type { Settings } from "./settings";
import { parseStamps } from "./stamps/stamps";
import type { StaffTrust } from "./stamps/staff";
import { checkCell } from "./validation";
import { intend, registerRowOf, runOnJournal } from "./journal/run";
import { journalRegister } from "./journal/journal";
import type { Snapshot, Write } from "./workbook";

export interface CorrectionPlan {
  changed: { field: string; oldValue: string; newValue: string }[];
  /** True when a changed field is covered by the row's stamps: it needs re-approval now. */
  needsReapproval: boolean;
  /** Customers or requests whose interrupted actions were finished first. */
  finished: string[];
  problems: Problem[];
  writes: Write[];
}

/** Fields a correction may not touch: identity and the add-in's own bookkeeping. */
const FIXED = new Set(["id", "requestNo", "stamps", "postedDate", "status", "dupKeys"]);

export async function planCorrection(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  customerId: string,
  changes: Record<string, string>,
  reason: string,
  person: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<CorrectionPlan> {
  return runOnJournal({ snapshot, settings, trust, person, now, lang }, async (run) => {
    const plan = {
      changed: [] as CorrectionPlan["changed"],
      needsReapproval: false,
      problems: [] as Problem[],
    };
    const reg = run.ws.sheet(register);
    const found = reg.name ? registerRowOf(run, customerId) : undefined;
    if (!found || "problem" in found) {
      plan.problems.push(
        found && "problem" in found && found.problem.rule !== "id.unknown"
          ? found.problem
          : { sheet: "register", row: 1, column: "id", rule: "id.unknown", value: customerId },
      );
      return plan;
    }
    const record = found.row;
    if (!reason.trim())
      plan.problems.push({
        sheet: "register",
        row: record.row,
        column: "reason",
        rule: "required",
        value: "",
      });
    const sheetLang = reg.read.lang ?? lang;
    const entries = [];
    for (const [key, value] of Object.entries(changes)) {
      const column = register.columns.find((c) => c.key === key);
      if (!column || FIXED.has(key)) {
        plan.problems.push({ sheet: "register", row: record.row, column: key, rule: "field.fixed", value });
        continue;
      }
      const oldValue = text(record.values[key]);
      const checked = checkCell(column, value, settings, sheetLang, now.date);
      // A valid number written another way is recorded in the register's usual form.
      const newValue = checked?.tidy && checked.fix !== undefined ? checked.fix : value;
      const problem = checked?.tidy ? undefined : checked;
      if (oldValue === newValue.trim()) continue;
      if (problem) {
        plan.problems.push({ sheet: "register", row: record.row, column: key, ...problem });
        continue;
      }
      if (reg.read.at[key] === undefined) continue;
      entries.push({ action: "correct", customerId, field: key, oldValue, newValue, reason });
      plan.changed.push({ field: key, oldValue, newValue });
    }
    if (plan.problems.length || plan.changed.length === 0) return { ...plan, changed: [] };
    const covered = new Set(parseStamps(text(record.values.stamps)).stamps.flatMap((s) => s.fields));
    plan.needsReapproval = plan.changed.some((c) => covered.has(c.field));
    const failed = await intend(run, entries);
    return failed.length ? { ...plan, changed: [], problems: failed } : plan;
  });
}

/**
 * Validate's suggested fix for one Register cell, applied as what it is: a logged
 * correction of that customer (issue 17). Only a row the journal says is the customer's
 * (not a row typed or pasted beside it) is corrected; the fix goes through the same rules
 * as any correction — a stamped field needs re-approval, a bad value is refused.
 */
export async function planSuggestedFix(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  fix: { row: number; column: string; value: string },
  reason: string,
  person: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<CorrectionPlan> {
  const mine = journalRegister(snapshot).records.find((r) => r.row === fix.row);
  if (!mine)
    return {
      changed: [],
      needsReapproval: false,
      finished: [],
      problems: [{ sheet: "register", row: fix.row, column: "id", rule: "journal.notInJournal", value: "" }],
      writes: [],
    };
  const id = text(mine.values.id);
  return planCorrection(
    snapshot,
    settings,
    trust,
    id,
    { [fix.column]: fix.value },
    reason,
    person,
    now,
    lang,
  );
}
