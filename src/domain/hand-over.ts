/**
 * 员工调离 — hand-over. When a responsible person leaves, every Register customer of theirs
 * is reassigned to another person in one action; each reassignment is a Change log row
 * and the departments' lists are rebuilt.
 */
import type { ChangeEntry } from "./change-log";
import { rebuildDepartmentLists } from "./department-lists";
import { appendToLog } from "./log-writes";
import type { Problem } from "./problem";
import { isKey, staffContactsOf } from "./contacts";
import { readSheet, text, type ReadSheet, type SheetRecord } from "./records";
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
  const leaver = from.trim();
  const theirs = reg.records.filter(
    (r) => text(r.values.responsible) === leaver || staffContactsOf(r.values.staffContacts).includes(leaver),
  );
  // 重要客户 keep two contacts: a departure may not leave one with fewer.
  const contactsAfter = (r: SheetRecord) => [
    ...new Set(staffContactsOf(r.values.staffContacts).map((n) => (n === leaver ? to.trim() : n))),
  ];
  for (const r of theirs) {
    const before = staffContactsOf(r.values.staffContacts);
    if (isKey(r) && before.includes(leaver) && contactsAfter(r).length < Math.min(2, before.length))
      problems.push({
        sheet: "register",
        row: r.row,
        column: "staffContacts",
        rule: "key.fewContacts",
        value: text(r.values.id),
        detail: { n: contactsAfter(r).length },
      });
  }
  if (theirs.length === 0)
    problems.push({ sheet: "register", row: 1, column: "responsible", rule: "handOver.none", value: from });
  if (problems.length) return { reassigned: [], problems, writes: [] };

  const entries: ChangeEntry[] = [];
  const cells: Write[] = [];
  const updated = new Map<SheetRecord, SheetRecord>();
  for (const r of theirs) {
    const values = { ...r.values };
    const base = {
      time: `${now.date}T${now.time}`,
      person: actor,
      action: "handOver",
      customerId: text(r.values.id),
      reason,
    };
    if (text(r.values.responsible) === leaver) {
      values.responsible = to;
      cells.push({ kind: "values", sheet: reg.name!, row: r.row - 1, col: col!, values: [[to]] });
      entries.push({ ...base, field: "responsible", oldValue: from, newValue: to });
    }
    const list = staffContactsOf(r.values.staffContacts);
    if (list.includes(leaver) && reg.at.staffContacts !== undefined) {
      values.staffContacts = contactsAfter(r).join("、");
      cells.push({
        kind: "values",
        sheet: reg.name!,
        row: r.row - 1,
        col: reg.at.staffContacts,
        values: [[values.staffContacts]],
      });
      entries.push({
        ...base,
        field: "staffContacts",
        oldValue: list.join("、"),
        newValue: values.staffContacts,
      });
    }
    updated.set(r, { ...r, values });
  }
  const after: ReadSheet = { ...reg, records: reg.records.map((r) => updated.get(r) ?? r) };
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
