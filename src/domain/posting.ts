/**
 * Posting (登记): finance turns fully stamped intake requests into Register rows with new
 * stable IDs, and the departments' lists are rebuilt. The writes go in an order that makes
 * any interruption resumable — the Change log entry first, then the request's status
 * (posted, with its ID), then the Register row — and planning a post first finishes what
 * an interrupted one began: a request the log says was posted keeps that ID, a request
 * marked posted whose Register row never arrived gets it now, and nothing is written
 * twice. So a request is never both on the Register and still pending, and no Register
 * row is ever without its log entry.
 */
import type { ChangeEntry } from "./change-log";
import { appendToLog } from "./log-writes";
import { rebuildDepartmentLists } from "./department-lists";
import { nextIds } from "./ids";
import type { Problem } from "./problem";
import { readSheet, rowOf, text, type ReadSheet, type SheetRecord } from "./records";
import { customerStatuses, intakeStatuses } from "./schema/choices";
import { choiceCode, choiceLabel, type Lang } from "./schema/model";
import { archivePast, archiveSuspended, changeLog, destructionLog, intake, register } from "./schema/sheets";
import type { Settings } from "./settings";
import { parseStamps, verifyStamps } from "./stamps/stamps";
import type { StaffTrust } from "./stamps/staff";
import type { Cell, Snapshot, Write } from "./workbook";
import { isoToSerial } from "./validate/date";

export interface Actor {
  name: string;
}

export interface PostingPlan {
  posted: { requestNo: string; id: string; name: string; resumed: boolean }[];
  /** Customers reinstated now or earlier whose 交易中止 row is removed by this plan. */
  finishedReinstatements?: string[];
  problems: Problem[];
  writes: Write[];
}

const customerKeys = register.columns.map((c) => c.key);

/** The customer fields of an intake request, as the stamps saw them (text). */
export function stampedValues(record: SheetRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(record.values).map(([k, v]) => [k, text(v)]));
}

export async function planPosting(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  requestNos: string[] | "all",
  actor: Actor,
  now: { date: string; time: string },
  lang: Lang,
): Promise<PostingPlan> {
  const reg = readSheet(register, snapshot);
  const req = readSheet(intake, snapshot);
  const log = readSheet(changeLog, snapshot);
  const plan: PostingPlan = { posted: [], problems: [], writes: [] };
  if (!reg.name || !req.name || !log.name) {
    plan.problems.push({
      sheet: reg.name ? (req.name ? "changeLog" : "intake") : "register",
      row: 1,
      column: "",
      rule: "header.missing",
      value: "",
    });
    return plan;
  }
  const status = (r: SheetRecord) => choiceCode(intakeStatuses, text(r.values.intakeStatus));
  const onRegister = new Set(reg.records.map((r) => text(r.values.requestNo)).filter(Boolean));
  // Approval is what the stamps say, not the status cell alone: a stamp whose status
  // update was cut off by a failed sync still counts, once its chain is complete.
  // Requests marked posted whose Register row never arrived are finished whatever was asked.
  const wanted = req.records.filter(
    (r) =>
      ((requestNos === "all" || requestNos.includes(text(r.values.requestNo))) &&
        (status(r) === "approved" ||
          (status(r) === "pending" && parseStamps(text(r.values.stamps)).stamps.length > 0))) ||
      (status(r) === "posted" && !onRegister.has(text(r.values.requestNo))),
  );

  // What an interrupted post already did.
  const loggedPost = new Map<string, string>();
  for (const r of log.records) {
    if (text(r.values.action) === "post" && text(r.values.field) === "requestNo")
      loggedPost.set(text(r.values.newValue), text(r.values.customerId));
  }

  const suspended = readSheet(archiveSuspended, snapshot);
  const suspendedIds = new Set(suspended.records.map((r) => text(r.values.id)));
  const ready: { record: SheetRecord; id?: string; marked?: boolean }[] = [];
  for (const record of wanted) {
    const chain = settings.stampChain[text(record.values.class)] ?? ["deptHead"];
    const { stamps } = parseStamps(text(record.values.stamps));
    const checks = await verifyStamps(
      { kind: "customer", values: stampedValues(record) },
      stamps,
      trust,
      chain,
    );
    const broken = checks.find((c) => c.issue);
    const complete = stamps.length >= chain.length && stamps.every((s) => s.decision === "approve");
    // Requests still collecting stamps are not news when everything is posted at once.
    if ((broken || !complete) && status(record) === "pending" && requestNos === "all") continue;
    if (broken || !complete) {
      plan.problems.push({
        sheet: "intake",
        row: record.row,
        column: "stamps",
        rule: broken?.issue ?? "stamp.incomplete",
        value: text(record.values.requestNo),
      });
      continue;
    }
    const already = status(record) === "posted" ? text(record.values.customerId) : undefined;
    // A reinstatement request carries the suspended customer's own ID, to return with.
    const returning = suspendedIds.has(text(record.values.customerId))
      ? text(record.values.customerId)
      : undefined;
    ready.push({
      record,
      id: already || loggedPost.get(text(record.values.requestNo)) || returning,
      marked: !!already,
    });
  }

  const seen = [
    ...idsOf(reg, "id"),
    ...idsOf(suspended, "id"),
    ...idsOf(readSheet(archivePast, snapshot), "id"),
    ...idsOf(readSheet(destructionLog, snapshot), "customerId"),
    ...idsOf(log, "customerId"),
  ];
  const fresh = nextIds("C", seen, ready.filter((r) => !r.id).length);
  const newLog: ChangeEntry[] = [];
  const newRows: Cell[][] = [];
  const newRecords: SheetRecord[] = [];
  const statusWrites: Write[] = [];
  const time = `${now.date}T${now.time}`;
  for (const { record, id: logged, marked } of ready) {
    const requestNo = text(record.values.requestNo);
    const id = logged ?? fresh.shift()!;
    if (!logged) {
      newLog.push({
        time,
        person: actor.name,
        action: "post",
        customerId: id,
        field: "requestNo",
        oldValue: "",
        newValue: requestNo,
        reason: "",
      });
    }
    if (!onRegister.has(requestNo)) {
      const values: Record<string, Cell> = {};
      for (const key of customerKeys) if (key in record.values) values[key] = record.values[key]!;
      Object.assign(values, {
        id,
        requestNo,
        status: choiceLabel(customerStatuses, "active", reg.lang ?? lang),
        postedDate: isoToSerial(now.date),
        stamps: record.values.stamps ?? "",
      });
      newRows.push(rowOf(reg, values));
      newRecords.push({ row: reg.height + newRows.length, values });
    }
    const at = (key: string) => req.at[key];
    if (!marked && at("intakeStatus") !== undefined) {
      statusWrites.push({
        kind: "values",
        sheet: req.name,
        row: record.row - 1,
        col: at("intakeStatus")!,
        values: [[choiceLabel(intakeStatuses, "posted", req.lang ?? lang)]],
      });
    }
    if (!marked && at("customerId") !== undefined) {
      statusWrites.push({
        kind: "values",
        sheet: req.name,
        row: record.row - 1,
        col: at("customerId")!,
        values: [[id]],
      });
    }
    plan.posted.push({
      requestNo,
      id,
      name: text(record.values.name),
      resumed: !!logged || onRegister.has(requestNo),
    });
  }
  // Reinstated customers leave 交易中止 last: until then they are in both places, and the
  // differing request numbers tell the next post to finish the move.
  const onRegisterNow = new Map<string, string>();
  for (const r of [...reg.records, ...newRecords])
    onRegisterNow.set(text(r.values.id), text(r.values.requestNo));
  const leaving = suspended.records.filter((r) => {
    const requestNo = onRegisterNow.get(text(r.values.id));
    return requestNo !== undefined && requestNo !== "" && requestNo !== text(r.values.requestNo);
  });
  if (plan.posted.length === 0 && leaving.length === 0) return plan;

  plan.writes.push(...(await appendToLog(log, newLog)));
  plan.writes.push(...statusWrites);
  if (newRows.length) {
    plan.writes.push({
      kind: "values",
      sheet: reg.name,
      row: Math.max(1, reg.height),
      col: 0,
      values: newRows,
    });
  }

  for (const r of leaving.sort((a, b) => b.row - a.row)) {
    plan.writes.push({ kind: "deleteRows", sheet: suspended.name!, row: r.row - 1, count: 1 });
  }
  plan.finishedReinstatements = leaving.map((r) => text(r.values.id));

  const after: ReadSheet = { ...reg, records: [...reg.records, ...newRecords] };
  const departments = ready.map((r) => text(r.record.values.department));
  plan.writes.push(...rebuildDepartmentLists(after, departments, snapshot, reg.lang ?? lang));
  return plan;
}

function idsOf(sheet: ReadSheet, key: string): string[] {
  return sheet.records.map((r) => text(r.values[key])).filter(Boolean);
}
