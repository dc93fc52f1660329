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
import { workbookLang } from "../layout";
import { archivePast, register } from "../schema/sheets";
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
  /** Customers or requests whose interrupted actions were finished first. */
  finished: string[];
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
  const why = new Map(mine.map((m) => [text(m.values.id), m.note]));
  // The reason is written into the workbook: in the workbook's language, not the pane's.
  const prefix = workbookLang([register, archivePast], snapshot, lang) === "zh" ? "无效" : "Invalid";
  // The month's sheet is rebuilt inside the run, before "done": a cut leaves it to the next run.
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
    mine.length === 0
      ? undefined
      : (run) =>
          planMonthlySheets(applyToSnapshot(snapshot, run.ws.writes), [month], ["invalid"], lang).writes,
  );
  const { finished, writes } = moved;
  if (moved.problems.length) return { moved: [], finished, left, problems: moved.problems, writes };
  // Nothing of this head's waits: said so, though the run still finished what was cut off.
  if (mine.length === 0)
    return {
      moved: [],
      finished,
      left,
      problems: [{ sheet: "register", row: 1, column: "status", rule: "list.nothingToStamp", value: month }],
      writes,
    };
  return { moved: moved.moved, finished, left, problems: [], writes };
}
