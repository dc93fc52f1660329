/**
 * Reinstatement: a suspended customer (交易中止) resumes trading. It goes through approval
 * again — an Intake request carrying its fields and its own ID — and posting that request
 * brings it back to the Register under the same ID, removing its 交易中止 row last. A
 * customer left in both places by a cut-off reinstatement has a Register row from a newer
 * request than its archive row, which tells it apart from a cut-off termination (whose
 * archive row is a copy of the Register row); the next post finishes it.
 */
import { appendToLog } from "./log-writes";
import { nextIds } from "./ids";
import type { Problem } from "./problem";
import { readSheet, rowOf, text } from "./records";
import { intakeStatuses } from "./schema/choices";
import { choiceCode, choiceLabel, type Lang } from "./schema/model";
import { archiveSuspended, changeLog, intake } from "./schema/sheets";
import type { Cell, Snapshot, Write } from "./workbook";
import { isoToSerial } from "./validate/date";

const OPEN = new Set(["draft", "pending", "approved"]);

export async function planReinstatementRequests(
  snapshot: Snapshot,
  ids: string[],
  person: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<{ requested: { id: string; requestNo: string }[]; problems: Problem[]; writes: Write[] }> {
  const archive = readSheet(archiveSuspended, snapshot);
  const req = readSheet(intake, snapshot);
  const log = readSheet(changeLog, snapshot);
  const problems: Problem[] = [];
  if (!req.name || !log.name) {
    return {
      requested: [],
      problems: [{ sheet: "intake", row: 1, column: "", rule: "header.missing", value: "" }],
      writes: [],
    };
  }
  const open = new Set(
    req.records
      .filter((r) => OPEN.has(choiceCode(intakeStatuses, text(r.values.intakeStatus)) ?? ""))
      .map((r) => text(r.values.customerId)),
  );
  const found = ids.map((id) => ({ id, record: archive.records.find((r) => text(r.values.id) === id) }));
  for (const { id, record } of found) {
    if (!record)
      problems.push({ sheet: "archiveSuspended", row: 1, column: "id", rule: "id.unknown", value: id });
    else if (open.has(id))
      problems.push({ sheet: "intake", row: 1, column: "customerId", rule: "reinstate.pending", value: id });
  }
  if (problems.length) return { requested: [], problems, writes: [] };

  const numbers = nextIds(
    "R",
    req.records.map((r) => text(r.values.requestNo)),
    found.length,
  );
  const sheetLang = req.lang ?? lang;
  const rows: Cell[][] = [];
  const requested = found.map(({ id, record }, i) => {
    const values: Record<string, Cell> = {};
    for (const column of intake.columns)
      if (column.key in record!.values) values[column.key] = record!.values[column.key]!;
    Object.assign(values, {
      requestNo: numbers[i]!,
      requestDate: isoToSerial(now.date),
      intakeStatus: choiceLabel(intakeStatuses, "pending", sheetLang),
      stamps: "",
      customerId: id,
      notes: sheetLang === "zh" ? "恢复交易" : "Reinstatement",
    });
    rows.push(rowOf(req, values));
    return { id, requestNo: numbers[i]! };
  });
  const entries = requested.map(({ id, requestNo }) => ({
    time: `${now.date}T${now.time}`,
    person,
    action: "reinstateRequest",
    customerId: id,
    field: "requestNo",
    oldValue: "",
    newValue: requestNo,
    reason: "",
  }));
  return {
    requested,
    problems,
    writes: [
      ...(await appendToLog(log, entries)),
      { kind: "values", sheet: req.name, row: Math.max(1, req.height), col: 0, values: rows },
    ],
  };
}
