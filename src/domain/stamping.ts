/**
 * Stamping intake requests (单位主管的认可, 董事长的承认). The person whose turn it is in
 * the request's chain (from Settings, per source class) stamps one or many requests at
 * once: approve, or reject with a reason. Nobody stamps their own request, and a
 * department head stamps only their own department's.
 */
import type { Problem } from "./problem";
import { text } from "./records";
import { intakeStatuses } from "./schema/choices";
import { choiceCode, choiceLabel, type Lang } from "./schema/model";
import { intake } from "./schema/sheets";
import { intakeRule, intakeSubject } from "./journal/approvals";
import { intend, runOnJournal } from "./journal/run";
import type { LiveRow } from "./journal/workspace";
import { policyVersion, type Settings } from "./settings";
import type { StaffEntry, StaffTrust } from "./stamps/staff";
import {
  defaultStampedFields,
  formatStamps,
  makeStamp,
  stampDigest,
  parseStamps,
  stampText,
  verifyStamps,
} from "./stamps/stamps";
import type { Snapshot, Write } from "./workbook";

export interface Stamper {
  entry: StaffEntry;
  privateKey: CryptoKey;
  fingerprint: string;
}

export interface StampingPlan {
  stamped: { requestNo: string; status: string }[];
  /** Customers or requests whose interrupted actions were finished first. */
  finished: string[];
  problems: Problem[];
  writes: Write[];
}

export { stampWords } from "./stamps/stamps";

export async function planStamping(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  requestNos: string[],
  stamper: Stamper,
  decision: "approve" | "reject",
  reason: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<StampingPlan> {
  // A rejection's reason goes into the stamp: as the stamp line will read back.
  reason = stampText(reason);
  return runOnJournal({ snapshot, settings, trust, person: stamper.entry.name, now, lang }, async (run) => {
    const req = run.ws.sheet(intake);
    const stamped: StampingPlan["stamped"] = [];
    const problems: Problem[] = [];
    if (!req.name || !run.ws.log.name) {
      problems.push({ sheet: "intake", row: 1, column: "", rule: "header.missing", value: "" });
      return { stamped, problems };
    }
    const sheetLang = req.read.lang ?? lang;
    const me = trust.asOf(stamper.fingerprint, `${now.date}T${now.time}`);
    const problem = (record: LiveRow, rule: Problem["rule"]) =>
      problems.push({
        sheet: "intake",
        row: record.row,
        column: "stamps",
        rule,
        value: text(record.values.requestNo),
      });
    const entries = [];
    const time = `${now.date}T${now.time}`;
    for (const requestNo of new Set(requestNos)) {
      const rows = req.where("requestNo", requestNo);
      const record = rows[0];
      if (!record) continue;
      if (rows.length > 1) {
        problem(rows[1]!, "journal.duplicateRow");
        continue;
      }
      const blocked = run.blocked.get(requestNo);
      if (blocked) {
        problems.push(blocked);
        continue;
      }
      const status = choiceCode(intakeStatuses, text(record.values.intakeStatus));
      if (!me || me.status !== "trusted") {
        problem(record, me?.status === "revoked" ? "stamp.revoked" : "stamp.notCountersigned");
        continue;
      }
      if ((status !== "pending" && status !== "draft") || run.journal.posted.has(requestNo)) {
        problem(record, "stamp.notPending");
        continue;
      }
      const rule = intakeRule(settings, run.journal, record.values);
      if (rule.notBy!.includes(stamper.entry.name)) {
        problem(record, "stamp.ownRequest");
        continue;
      }
      if (stamper.entry.role === "deptHead" && text(record.values.department) !== stamper.entry.department) {
        problem(record, "stamp.otherDepartment");
        continue;
      }
      const subject = intakeSubject(run.journal, record.values);
      let earlier = parseStamps(text(record.values.stamps)).stamps;
      const checks = await verifyStamps(subject, earlier, trust, rule);
      // Stamps that no longer hold (the request was edited) do not count: approval starts again.
      // Nor do stamps before a rejection: a request sent back after one starts its chain again.
      if (checks.some((c) => c.issue) || earlier.some((s) => s.decision === "reject")) earlier = [];
      const chain = rule.chain;
      if (earlier.length >= chain.length) {
        // Every stamp is in (the status was typed back): nothing is anyone's turn.
        problems.push({
          sheet: "intake",
          row: record.row,
          column: "stamps",
          rule: "stamp.fullyStamped",
          value: text(record.values.requestNo),
        });
        continue;
      }
      if (chain[earlier.length] !== stamper.entry.role) {
        // Whose turn it is, so the message can say so (issue 17).
        problems.push({
          sheet: "intake",
          row: record.row,
          column: "stamps",
          rule: "stamp.notYourTurn",
          value: text(record.values.requestNo),
          detail: { role: chain[earlier.length]! },
        });
        continue;
      }
      const core = {
        role: stamper.entry.role,
        name: stamper.entry.name,
        time,
        decision,
        ...(decision === "reject" ? { reason } : {}),
        key: stamper.fingerprint,
        fields: settings.stampedFields.length ? settings.stampedFields : defaultStampedFields,
        policy: policyVersion(settings),
      };
      const stamp = await makeStamp(stamper.privateKey, subject, earlier, core);
      const stamps = [...earlier, stamp];
      const next =
        decision === "reject" ? "rejected" : stamps.length >= chain.length ? "approved" : "pending";
      // The log entry carries the stamped cell: a stamp never stands in a cell without its trail.
      entries.push({
        action: decision === "approve" ? "stamp" : "reject",
        customerId: "",
        requestNo,
        field: "stamps",
        oldValue: "",
        newValue: choiceLabel(intakeStatuses, next, sheetLang),
        reason: decision === "reject" ? reason : stamper.entry.role,
        approval: formatStamps(stamps, sheetLang),
        // What the new stamp signed, under this act's seal: Validate knows it by that seal.
        digest: stampDigest(subject, earlier, core),
      });
      stamped.push({ requestNo, status: next });
    }
    if (problems.length && entries.length === 0) return { stamped, problems };
    const failed = await intend(run, entries);
    return { stamped: failed.length ? [] : stamped, problems: [...problems, ...failed] };
  });
}
