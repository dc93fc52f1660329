/**
 * Reinstatement: a suspended customer (交易中止) resumes trading. It goes through approval
 * again — an Intake request carrying its fields and its own ID, logged as a
 * "reinstateRequest" — and posting that request is a "reinstate" intent that brings it
 * back to the Register under the same ID, removing its 交易中止 row last. Which customer
 * a request brings back is what the journal says, not the ID typed on the request.
 */
import { nextIds } from "./ids";
import type { Problem } from "./problem";
import { text } from "./records";
import { intakeStatuses } from "./schema/choices";
import { choiceCode, choiceLabel, type Lang } from "./schema/model";
import { archiveSuspended, intake } from "./schema/sheets";
import type { Settings } from "./settings";
import type { StaffTrust } from "./stamps/staff";
import { runOnJournal } from "./journal/run";
import type { Cell, Snapshot, Write } from "./workbook";
import { isoToSerial } from "./validate/date";

const OPEN = new Set(["draft", "pending", "approved"]);

export async function planReinstatementRequests(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  ids: string[],
  person: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<{
  requested: { id: string; requestNo: string }[];
  finished: string[];
  problems: Problem[];
  writes: Write[];
}> {
  return runOnJournal({ snapshot, settings, trust, person, now, lang }, async (run) => {
    const { ws, journal } = run;
    const archive = ws.sheet(archiveSuspended);
    const req = ws.sheet(intake);
    const problems: Problem[] = [];
    if (!req.name || !ws.log.name)
      return {
        requested: [],
        // Name the sheet that is missing: the Intake sheet, or else the Change log.
        problems: [
          { sheet: req.name ? "changeLog" : "intake", row: 1, column: "", rule: "header.missing", value: "" },
        ],
      };
    // A reinstatement already asked for and not yet posted or rejected.
    const open = new Set<string>();
    for (const [requestNo, id] of journal.reinstating) {
      const row = req.where("requestNo", requestNo)[0];
      const status = row && choiceCode(intakeStatuses, text(row.values.intakeStatus));
      if (!journal.posted.has(requestNo) && status && OPEN.has(status)) open.add(id);
    }
    const found = [];
    for (const id of new Set(ids)) {
      const state = journal.states.get(id);
      const rows = archive.where("id", id);
      const blocked = run.blocked.get(id);
      if (blocked) problems.push(blocked);
      else if (state?.place !== "suspended")
        problems.push({
          sheet: "archiveSuspended",
          row: rows[0]?.row ?? 1,
          column: "id",
          rule: state ? "journal.wrongPlace" : "id.unknown",
          value: id,
        });
      else if (rows.length !== 1)
        problems.push({
          sheet: "archiveSuspended",
          row: rows[1]?.row ?? 1,
          column: "id",
          rule: rows.length ? "journal.duplicateRow" : "journal.missingRow",
          value: id,
        });
      else if (open.has(id))
        problems.push({
          sheet: "intake",
          row: 1,
          column: "customerId",
          rule: "reinstate.pending",
          value: id,
        });
      else found.push({ id, record: rows[0]! });
    }
    if (problems.length) return { requested: [], problems };

    const numbers = nextIds(
      "R",
      [...req.rows.map((r) => text(r.values.requestNo)), ...journal.rows.map((r) => r.requestNo)].filter(
        Boolean,
      ),
      found.length,
    );
    const sheetLang = req.read.lang ?? lang;
    const rows: Record<string, Cell>[] = [];
    const requested = found.map(({ id, record }, i) => {
      const values: Record<string, Cell> = {};
      for (const column of intake.columns)
        if (column.key in record.values) values[column.key] = record.values[column.key]!;
      Object.assign(values, {
        requestNo: numbers[i]!,
        requestDate: isoToSerial(now.date),
        intakeStatus: choiceLabel(intakeStatuses, "pending", sheetLang),
        stamps: "",
        customerId: id,
        notes: sheetLang === "zh" ? "恢复交易" : "Reinstatement",
      });
      rows.push(values);
      return { id, requestNo: numbers[i]! };
    });
    await ws.record(
      requested.map(({ id, requestNo }) => ({
        time: `${now.date}T${now.time}`,
        person,
        action: "reinstateRequest",
        op: run.op,
        customerId: id,
        requestNo,
        field: "requestNo",
        oldValue: "",
        newValue: requestNo,
        reason: "",
      })),
    );
    ws.append(req, rows);
    return { requested, problems };
  });
}
