/**
 * 订正 — correcting a Register entry. Each changed field is checked with Validate's rules
 * and logged (who, when, field, old, new, reason); the department lists concerned are
 * rebuilt; and the result says whether the change touched a field the stamps cover, in
 * which case the row now shows as needing re-approval (the stamps themselves stay, so
 * what was approved remains readable).
 */
import type { ChangeEntry } from "./change-log";
import { rebuildDepartmentLists } from "./department-lists";
import { appendToLog } from "./log-writes";
import type { Problem } from "./problem";
import { readSheet, text, type ReadSheet } from "./records";
import type { Lang } from "./schema/model";
import { changeLog, register } from "./schema/sheets";
import type { Settings } from "./settings";
import { parseStamps } from "./stamps/stamps";
import { checkCell } from "./validation";
import type { Cell, Snapshot, Write } from "./workbook";

export interface CorrectionPlan {
  changed: { field: string; oldValue: string; newValue: string }[];
  /** True when a changed field is covered by the row's stamps: it needs re-approval now. */
  needsReapproval: boolean;
  problems: Problem[];
  writes: Write[];
}

/** Fields a correction may not touch: identity and the add-in's own bookkeeping. */
const FIXED = new Set(["id", "requestNo", "stamps", "postedDate", "status"]);

export async function planCorrection(
  snapshot: Snapshot,
  settings: Settings,
  customerId: string,
  changes: Record<string, string>,
  reason: string,
  person: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<CorrectionPlan> {
  const reg = readSheet(register, snapshot);
  const log = readSheet(changeLog, snapshot);
  const plan: CorrectionPlan = { changed: [], needsReapproval: false, problems: [], writes: [] };
  const record = reg.records.find((r) => text(r.values.id) === customerId);
  if (!reg.name || !record) {
    plan.problems.push({ sheet: "register", row: 1, column: "id", rule: "id.unknown", value: customerId });
    return plan;
  }
  if (!reason.trim())
    plan.problems.push({ sheet: "register", row: record.row, column: "reason", rule: "required", value: "" });
  const sheetLang = reg.lang ?? lang;
  const entries: ChangeEntry[] = [];
  const cells: Write[] = [];
  for (const [key, value] of Object.entries(changes)) {
    const column = register.columns.find((c) => c.key === key);
    if (!column || FIXED.has(key)) {
      plan.problems.push({ sheet: "register", row: record.row, column: key, rule: "field.fixed", value });
      continue;
    }
    const oldValue = text(record.values[key]);
    if (oldValue === value.trim()) continue;
    const problem = checkCell(column, value, settings, sheetLang, now.date);
    if (problem) {
      plan.problems.push({ sheet: "register", row: record.row, column: key, ...problem });
      continue;
    }
    const at = reg.at[key];
    if (at === undefined) continue;
    cells.push({ kind: "values", sheet: reg.name, row: record.row - 1, col: at, values: [[value]] });
    entries.push({
      time: `${now.date}T${now.time}`,
      person,
      action: "correct",
      customerId,
      field: key,
      oldValue,
      newValue: value,
      reason,
    });
    plan.changed.push({ field: key, oldValue, newValue: value });
  }
  if (plan.problems.length || plan.changed.length === 0) return { ...plan, changed: [], writes: [] };

  const covered = new Set(parseStamps(text(record.values.stamps)).stamps.flatMap((s) => s.fields));
  plan.needsReapproval = plan.changed.some((c) => covered.has(c.field));
  plan.writes.push(...(await appendToLog(log, entries)), ...cells);

  const updated: Record<string, Cell> = {
    ...record.values,
    ...Object.fromEntries(plan.changed.map((c) => [c.field, c.newValue])),
  };
  const after: ReadSheet = {
    ...reg,
    records: reg.records.map((r) => (r === record ? { ...r, values: updated } : r)),
  };
  const departments = [text(record.values.department), text(updated.department)];
  plan.writes.push(...rebuildDepartmentLists(after, departments, snapshot, sheetLang));
  return plan;
}
