/**
 * 交易开始调查书 — filling in a request to start trading. The responsible person's entry is
 * checked with the same rules as Validate, including duplicates against the Register and
 * other open requests, and is added only when it has no problem at all.
 */
import { appendToLog } from "./log-writes";
import { nextId } from "./ids";
import type { Problem } from "./problem";
import { readSheet, rowOf, text } from "./records";
import { intakeStatuses } from "./schema/choices";
import { choiceLabel, type Lang } from "./schema/model";
import { changeLog, intake, register } from "./schema/sheets";
import type { Settings } from "./settings";
import { findDuplicates, type DuplicateCandidate } from "./validate/duplicates";
import { checkCell } from "./validation";
import type { Cell, Snapshot, Write } from "./workbook";
import { isoToSerial } from "./validate/date";

export interface IntakePlan {
  requestNo?: string;
  problems: Problem[];
  writes: Write[];
}

const OPEN = new Set(["draft", "pending", "approved"]);

export async function planIntake(
  snapshot: Snapshot,
  settings: Settings,
  entry: Record<string, string>,
  person: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<IntakePlan> {
  const req = readSheet(intake, snapshot);
  const reg = readSheet(register, snapshot);
  const log = readSheet(changeLog, snapshot);
  if (!req.name || !log.name) {
    return {
      problems: [{ sheet: "intake", row: 1, column: "", rule: "header.missing", value: "" }],
      writes: [],
    };
  }
  const sheetLang = req.lang ?? lang;
  const row = req.height + 1;
  const requestNo = nextId(
    "R",
    req.records.map((r) => text(r.values.requestNo)),
  );
  const values: Record<string, Cell> = {
    ...entry,
    requestNo,
    requestDate: now.date,
    intakeStatus: choiceLabel(intakeStatuses, "pending", sheetLang),
  };
  const problems: Problem[] = [];
  for (const column of intake.columns) {
    if (["stamps", "customerId", "requestNo", "requestDate", "intakeStatus"].includes(column.key)) continue;
    const found = checkCell(column, values[column.key] ?? "", settings, sheetLang, now.date);
    if (found) problems.push({ sheet: "intake", row, column: column.key, ...found });
  }
  const candidates: DuplicateCandidate[] = [
    ...reg.records.map((r) => candidate("register", r.row, r.values)),
    ...req.records
      .filter((r) =>
        OPEN.has(intakeStatuses.find((s) => s[sheetLang] === text(r.values.intakeStatus))?.code ?? ""),
      )
      .map((r) => candidate("intake", r.row, r.values)),
    candidate("intake", row, values),
  ];
  problems.push(...findDuplicates(candidates).filter((p) => p.sheet === "intake" && p.row === row));
  if (problems.length) return { problems, writes: [] };

  values.requestDate = isoToSerial(now.date);
  const logWrites = await appendToLog(log, [
    {
      time: `${now.date}T${now.time}`,
      person,
      action: "intake",
      customerId: "",
      requestNo,
      // The company's name is its words: salted, so a destruction can erase it (change-log.ts).
      field: "name",
      oldValue: "",
      newValue: text(entry.name),
      reason: "",
    },
  ]);
  return {
    requestNo,
    problems,
    writes: [
      ...logWrites,
      { kind: "values", sheet: req.name, row: row - 1, col: 0, values: [rowOf(req, values)] },
    ],
  };
}

function candidate(sheet: string, row: number, v: Record<string, Cell>): DuplicateCandidate {
  return { sheet, row, uscc: text(v.uscc), name: text(v.name), phones: text(v.phone) };
}
