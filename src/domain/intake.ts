/**
 * 交易开始调查书 — filling in a request to start trading. The responsible person's entry is
 * checked with the same rules as Validate, including duplicates against the Register and
 * other open requests, and is added only when it has no problem at all.
 */
import { nextId } from "./ids";
import type { Problem } from "./problem";
import { text } from "./records";
import { intakeStatuses } from "./schema/choices";
import { choiceLabel, type Lang } from "./schema/model";
import { intake, register } from "./schema/sheets";
import type { Settings } from "./settings";
import type { StaffTrust } from "./stamps/staff";
import { runOnJournal } from "./journal/run";
import {
  duplicateKeys,
  findDuplicates,
  indexFragments,
  type DuplicateCandidate,
} from "./validate/duplicates";
import { defaultSettings } from "./settings";
import { checkCell } from "./validation";
import type { Cell, Snapshot, Write } from "./workbook";
import { isoToSerial } from "./validate/date";

export interface IntakePlan {
  requestNo?: string;
  /** Customers or requests whose interrupted actions were finished first. */
  finished: string[];
  problems: Problem[];
  writes: Write[];
}

const OPEN = new Set(["draft", "pending", "approved"]);

export async function planIntake(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  entry: Record<string, string>,
  person: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<IntakePlan> {
  return runOnJournal({ snapshot, settings, trust, person, now, lang }, async (run) => {
    const req = run.ws.sheet(intake);
    const reg = run.ws.sheet(register);
    if (!req.name || !run.ws.log.name)
      return { problems: [{ sheet: "intake", row: 1, column: "", rule: "header.missing", value: "" }] };
    const sheetLang = req.read.lang ?? lang;
    const row = req.height + 1;
    // Never a number the journal has seen, even on a request row since deleted.
    const requestNo = nextId("R", [
      ...req.rows.map((r) => text(r.values.requestNo)),
      ...run.journal.rows.map((r) => r.requestNo),
    ]);
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
      // A valid number written another way is filed in the register's usual form.
      if (found?.tidy && found.fix !== undefined) values[column.key] = found.fix;
      else if (found) problems.push({ sheet: "intake", row, column: column.key, ...found });
    }
    const candidates: DuplicateCandidate[] = [
      ...reg.rows.map((r) => candidate("register", r.row, r.values)),
      ...req.rows
        .filter((r) =>
          OPEN.has(intakeStatuses.find((s) => s[sheetLang] === text(r.values.intakeStatus))?.code ?? ""),
        )
        .map((r) => candidate("intake", r.row, r.values)),
      candidate("intake", row, values),
    ];
    problems.push(...findDuplicates(candidates).filter((p) => p.sheet === "intake" && p.row === row));
    if (problems.length) return { problems };

    values.requestDate = isoToSerial(now.date);
    await run.ws.record([
      {
        time: `${now.date}T${now.time}`,
        person,
        action: "intake",
        op: run.op,
        customerId: "",
        requestNo,
        // The company's name is its words: salted, so a destruction can erase it (change-log.ts).
        field: "name",
        oldValue: "",
        newValue: text(entry.name),
        reason: "",
      },
    ]);
    run.ws.append(req, [values]);
    return { requestNo, problems };
  });
}

/**
 * What the Register's duplicate index is searched for when filing `entry` (journal/needs.ts
 * `intakeNeeds`): the keys of its credit code, name and phone as typed and as they would be
 * filed (a tidied number), so every key the plan compares was searched for.
 */
export function intakeFragments(entry: Record<string, string>): string[] {
  const filed: Record<string, string> = { ...entry };
  for (const column of intake.columns) {
    if (!["uscc", "name", "phone"].includes(column.key)) continue;
    const found = checkCell(column, entry[column.key] ?? "", defaultSettings, "zh", "2000-01-01");
    if (found?.tidy && found.fix !== undefined) filed[column.key] = found.fix;
  }
  const fragments = new Set<string>();
  for (const v of [entry, filed])
    for (const f of indexFragments(duplicateKeys(v.uscc ?? "", v.name ?? "", v.phone ?? "")))
      fragments.add(f);
  return [...fragments];
}

function candidate(sheet: string, row: number, v: Record<string, Cell>): DuplicateCandidate {
  return { sheet, row, uscc: text(v.uscc), name: text(v.name), phones: text(v.phone) };
}
