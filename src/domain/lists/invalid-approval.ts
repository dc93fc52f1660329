/**
 * 无效客户名单 呈主管审核 — the supervisor's stamp on a month's invalid list. Stamping
 * moves every listed customer the supervisor answers for from the Register to
 * Archive-Past (reason "无效: <why>") in one action, through the same safe move as a
 * termination, and rebuilds the month's list sheet with the stamp on its signature line.
 * A department head answers for their own department's entries; the manager for all.
 */
import { applyToSnapshot } from "../apply";
import type { Problem } from "../problem";
import { text } from "../records";
import type { Lang } from "../schema/model";
import type { Settings } from "../settings";
import type { Stamper } from "../stamping";
import type { StaffTrust } from "../stamps/staff";
import { planTermination } from "../termination";
import type { Write } from "../workbook";
import type { Snapshot } from "../workbook";
import { invalidMembers } from "./monthly";
import { planMonthlySheets } from "./monthly-sheets";

export interface InvalidApproval {
  moved: string[];
  /** Entries of the list left for another department's head. */
  left: number;
  problems: Problem[];
  writes: Write[];
}

export async function planInvalidApproval(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  month: string,
  approver: Stamper,
  now: { date: string; time: string },
  lang: Lang,
): Promise<InvalidApproval> {
  const waiting = invalidMembers(snapshot, month).filter((m) => !m.archived);
  const mine =
    approver.entry.role === "deptHead"
      ? waiting.filter((m) => text(m.values.department) === approver.entry.department)
      : waiting;
  const left = waiting.length - mine.length;
  if (mine.length === 0) {
    return {
      moved: [],
      left,
      problems: [{ sheet: "register", row: 1, column: "status", rule: "list.nothingToStamp", value: month }],
      writes: [],
    };
  }
  const why = new Map(mine.map((m) => [text(m.values.id), m.note]));
  const prefix = lang === "zh" ? "无效" : "Invalid";
  const moved = await planTermination(
    snapshot,
    settings,
    trust,
    [...why.keys()],
    "past",
    (id) => `${prefix}: ${why.get(id)}`,
    approver,
    now,
    lang,
  );
  if (moved.problems.length) return { moved: [], left, problems: moved.problems, writes: [] };
  const after = applyToSnapshot(snapshot, moved.writes);
  const sheet = planMonthlySheets(after, [month], ["invalid"], lang);
  return { moved: moved.moved, left, problems: [], writes: [...moved.writes, ...sheet.writes] };
}
