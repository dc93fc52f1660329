/**
 * Posting (登记): finance turns fully stamped intake requests into Register rows with new
 * stable IDs, and the departments' lists are rebuilt. Whether a request is posted is what
 * the journal says — a "post" (or, for a suspended customer's reinstatement request, a
 * "reinstate") intent naming it — never its status cell, which anyone can type. The
 * intent is logged first with the digest of the request's stamps; the Register row, the
 * request's status and the lists follow, and "done" closes it. A post cut off anywhere is
 * finished by the next writing action, from the same request and the same stamps.
 */
import { nextIds } from "./ids";
import type { Problem } from "./problem";
import { text } from "./records";
import { intakeStatuses } from "./schema/choices";
import { choiceCode, type Lang } from "./schema/model";
import { archivePast, archiveSuspended, changeLog, destructionLog, intake, register } from "./schema/sheets";
import type { Settings } from "./settings";
import { chainComplete, parseStamps, verifyStamps } from "./stamps/stamps";
import { intakeRule, intakeSubject } from "./journal/approvals";
import type { StaffTrust } from "./stamps/staff";
import { requestApproval } from "./journal/finish";
import { placeLabels } from "./journal/journal";
import { intend, runOnJournal, type Run } from "./journal/run";
import type { Snapshot, Write } from "./workbook";

export interface Actor {
  name: string;
}

export interface PostingPlan {
  posted: { requestNo: string; id: string; name: string; resumed: boolean }[];
  /** Customers or requests whose interrupted actions were finished first. */
  finished: string[];
  problems: Problem[];
  writes: Write[];
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
  return runOnJournal({ snapshot, settings, trust, person: actor.name, now, lang }, (run) =>
    postRequests(run, requestNos),
  );
}

async function postRequests(
  run: Run,
  requestNos: string[] | "all",
): Promise<{ posted: PostingPlan["posted"]; problems: Problem[] }> {
  const { ws, journal, ctx } = run;
  const reg = ws.sheet(register);
  const req = ws.sheet(intake);
  const problems: Problem[] = [];
  if (!reg.name || !req.name || !ws.log.name) {
    const sheet = !reg.name ? "register" : !req.name ? "intake" : "changeLog";
    return { posted: [], problems: [{ sheet, row: 1, column: "", rule: "header.missing", value: "" }] };
  }
  const status = (values: Record<string, unknown>) =>
    choiceCode(intakeStatuses, text(values.intakeStatus as string));
  const counts = new Map<string, number>();
  for (const r of req.rows)
    counts.set(text(r.values.requestNo), (counts.get(text(r.values.requestNo)) ?? 0) + 1);

  const asking = requestNos === "all" ? undefined : new Set(requestNos);
  const ready: { requestNo: string; name: string; department: string; stamps: string; returning?: string }[] =
    [];
  for (const record of req.rows) {
    const requestNo = text(record.values.requestNo);
    const asked = !asking || asking.has(requestNo);
    const code = status(record.values);
    // Posted is what the journal says; a status typed as 已登记 posts nothing and is reported by Validate.
    if (!asked || !requestNo || journal.posted.has(requestNo) || code === "posted" || code === "rejected")
      continue;
    const problem = (rule: Problem["rule"], column = "stamps") =>
      problems.push({ sheet: "intake", row: record.row, column, rule, value: requestNo });
    if (counts.get(requestNo)! > 1) {
      problem("journal.duplicateRow", "requestNo");
      continue;
    }
    const blocked = run.blocked.get(requestNo);
    if (blocked) {
      problems.push(blocked);
      continue;
    }
    const rule = intakeRule(ctx.settings, journal, record.values);
    const { stamps, unreadable } = parseStamps(text(record.values.stamps));
    const checks = await verifyStamps(intakeSubject(journal, record.values), stamps, ctx.trust, rule);
    const broken =
      checks.find((c) => c.issue) ?? (unreadable.length ? { issue: "stamp.unreadable" as const } : undefined);
    const complete = chainComplete(stamps, rule);
    if (broken || !complete) {
      // Requests still collecting stamps are not news when everything is posted at once.
      if (requestNos !== "all" || (code !== "pending" && code !== "draft"))
        problem(broken?.issue ?? "stamp.incomplete");
      continue;
    }
    const returning = journal.reinstating.get(requestNo);
    if (returning !== undefined) {
      const state = journal.states.get(returning);
      const stop = run.blocked.get(returning);
      if (stop) {
        problems.push(stop);
        continue;
      }
      // The journal is read once for the batch: a second request bringing back the same
      // customer in it would bring them back twice.
      if (state?.place !== "suspended" || ready.some((r) => r.returning === returning)) {
        problem("journal.wrongPlace", "customerId");
        continue;
      }
    }
    ready.push({
      requestNo,
      name: text(record.values.name),
      department: text(record.values.department),
      stamps: text(record.values.stamps),
      returning,
    });
  }
  if (problems.length) return { posted: [], problems };

  const fresh = nextIds("C", seenIds(run), ready.filter((r) => r.returning === undefined).length);
  const logLang = ws.log.read.lang ?? ctx.lang;
  const entries = [];
  const posted: PostingPlan["posted"] = [];
  for (const r of ready) {
    const id = r.returning ?? fresh.shift()!;
    entries.push({
      action: r.returning === undefined ? "post" : "reinstate",
      customerId: id,
      requestNo: r.requestNo,
      field: "place",
      oldValue: r.returning === undefined ? "" : placeLabels.suspended[logLang],
      newValue: placeLabels.register[logLang],
      reason: "",
      approval: await requestApproval(r.stamps),
    });
    posted.push({ requestNo: r.requestNo, id, name: r.name, resumed: false });
  }
  const failed = await intend(run, entries);
  return { posted: failed.length ? [] : posted, problems: failed };
}

/** Every customer ID ever used — journal, sheets, tombstones — so none is given twice. */
function seenIds(run: Run): string[] {
  const ids = [...run.journal.states.keys(), ...run.journal.rows.map((r) => r.customerId)];
  for (const [schema, key] of [
    [register, "id"],
    [archiveSuspended, "id"],
    [archivePast, "id"],
    [destructionLog, "customerId"],
    [changeLog, "customerId"],
  ] as const)
    for (const r of run.ws.sheet(schema).rows) ids.push(text(r.values[key]));
  return ids.filter(Boolean);
}
