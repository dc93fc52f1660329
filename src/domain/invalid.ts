/**
 * 无效客户 — marking a customer invalid (returned mail, no response since a date, other)
 * for the monthly invalid list. The customer stays on the Register, marked, until the
 * supervisor stamps the month's invalid list (issue 7).
 */
import { appendToLog } from "./log-writes";
import { rebuildDepartmentLists } from "./department-lists";
import type { Problem } from "./problem";
import { readSheet, text } from "./records";
import { customerStatuses } from "./schema/choices";
import { choiceLabel, type Lang } from "./schema/model";
import { changeLog, register } from "./schema/sheets";
import type { Snapshot, Write } from "./workbook";

export type InvalidReason = "returnedMail" | "noResponse" | "other";

export const invalidReasons: Record<InvalidReason, { zh: string; en: string }> = {
  returnedMail: { zh: "退件", en: "Returned mail" },
  noResponse: { zh: "长期无回应", en: "No response" },
  other: { zh: "其他", en: "Other" },
};

export async function planMarkInvalid(
  snapshot: Snapshot,
  ids: string[],
  reason: InvalidReason,
  detail: string,
  person: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<{ marked: string[]; problems: Problem[]; writes: Write[] }> {
  const reg = readSheet(register, snapshot);
  const log = readSheet(changeLog, snapshot);
  const problems: Problem[] = [];
  const writes: Write[] = [];
  const marked: string[] = [];
  const sheetLang = reg.lang ?? lang;
  const label = choiceLabel(customerStatuses, "invalid", sheetLang);
  const why = `${invalidReasons[reason][sheetLang]}${detail ? `:${detail}` : ""}`;
  if (!reg.name || reg.at.status === undefined) {
    return {
      marked,
      problems: [{ sheet: "register", row: 1, column: "status", rule: "header.missing", value: "" }],
      writes,
    };
  }
  const entries = [];
  for (const id of ids) {
    const record = reg.records.find((r) => text(r.values.id) === id);
    if (!record) {
      problems.push({ sheet: "register", row: 1, column: "id", rule: "id.unknown", value: id });
      continue;
    }
    writes.push({
      kind: "values",
      sheet: reg.name,
      row: record.row - 1,
      col: reg.at.status,
      values: [[label]],
    });
    entries.push({
      time: `${now.date}T${now.time}`,
      person,
      action: "markInvalid",
      customerId: id,
      field: "status",
      oldValue: text(record.values.status),
      newValue: label,
      reason: why,
    });
    marked.push(id);
  }
  if (problems.length) return { marked: [], problems, writes: [] };
  const changed = new Set(marked);
  const after = {
    ...reg,
    records: reg.records.map((r) =>
      changed.has(text(r.values.id)) ? { ...r, values: { ...r.values, status: label } } : r,
    ),
  };
  const departments = reg.records
    .filter((r) => changed.has(text(r.values.id)))
    .map((r) => text(r.values.department));
  return {
    marked,
    problems,
    writes: [
      ...(await appendToLog(log, entries)),
      ...writes,
      ...rebuildDepartmentLists(after, departments, snapshot, sheetLang),
    ],
  };
}
