/**
 * 员工调离 — hand-over. When a responsible person leaves, every Register customer of theirs
 * is reassigned to another person in one action; each reassignment is a Change log row
 * and the departments' lists are rebuilt.
 */
import type { ChangeEntry } from "./change-log";
import { rebuildDepartmentLists } from "./department-lists";
import { appendToLog } from "./log-writes";
import type { Problem } from "./problem";
import { readSheet, text, type ReadSheet } from "./records";
import type { Lang } from "./schema/model";
import { changeLog, register } from "./schema/sheets";
import type { Snapshot, Write } from "./workbook";

export async function planHandOver(
  snapshot: Snapshot,
  from: string,
  to: string,
  reason: string,
  actor: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<{ reassigned: string[]; problems: Problem[]; writes: Write[] }> {
  const reg = readSheet(register, snapshot);
  const log = readSheet(changeLog, snapshot);
  const problems: Problem[] = [];
  if (!to.trim())
    problems.push({ sheet: "register", row: 1, column: "responsible", rule: "required", value: "" });
  if (to.trim() === from.trim())
    problems.push({ sheet: "register", row: 1, column: "responsible", rule: "handOver.same", value: to });
  const col = reg.at.responsible;
  if (!reg.name || col === undefined)
    problems.push({ sheet: "register", row: 1, column: "responsible", rule: "header.missing", value: "" });
  const theirs = reg.records.filter((r) => text(r.values.responsible) === from.trim());
  if (theirs.length === 0)
    problems.push({ sheet: "register", row: 1, column: "responsible", rule: "handOver.none", value: from });
  if (problems.length) return { reassigned: [], problems, writes: [] };

  const entries: ChangeEntry[] = theirs.map((r) => ({
    time: `${now.date}T${now.time}`,
    person: actor,
    action: "handOver",
    customerId: text(r.values.id),
    field: "responsible",
    oldValue: from,
    newValue: to,
    reason,
  }));
  const cells: Write[] = theirs.map((r) => ({
    kind: "values",
    sheet: reg.name!,
    row: r.row - 1,
    col: col!,
    values: [[to]],
  }));
  const moved = new Set(theirs);
  const after: ReadSheet = {
    ...reg,
    records: reg.records.map((r) => (moved.has(r) ? { ...r, values: { ...r.values, responsible: to } } : r)),
  };
  return {
    reassigned: theirs.map((r) => text(r.values.id)),
    problems,
    writes: [
      ...(await appendToLog(log, entries)),
      ...cells,
      ...rebuildDepartmentLists(
        after,
        theirs.map((r) => text(r.values.department)),
        snapshot,
        reg.lang ?? lang,
      ),
    ],
  };
}
