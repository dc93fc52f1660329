/**
 * The stamp and log half of "Validate workbook": every stamp on the Register and on Intake
 * requests is checked against the row as it stands now and the Staff sheet's trusted keys,
 * and the Change log's hash chain is walked. Rows without stamps (a register kept by hand
 * before the add-in) are not flagged: there is nothing to verify.
 */
import { verifyChain, type Erasure, type LoggedChange } from "./change-log";
import { stampedValues } from "./stamps/values";
import { journalRow } from "./journal/journal";
import type { Problem } from "./problem";
import { readSheet, text } from "./records";
import { archivePast, archiveSuspended, changeLog, destructionLog, intake, register } from "./schema/sheets";
import { checkDate } from "./validate/date";
import type { Settings } from "./settings";
import { parseStamps, verifyStamps } from "./stamps/stamps";
import type { StaffTrust } from "./stamps/staff";
import type { Snapshot } from "./workbook";

export async function verifyWorkbook(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  /** Whose Change log words a destruction was allowed to blank (journal/check.ts). */
  mayBeErased: (entry: LoggedChange) => Erasure = () => "none",
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const checks: Promise<void>[] = [];
  for (const schema of [register, intake]) {
    for (const record of readSheet(schema, snapshot).records) {
      const cell = text(record.values.stamps);
      if (!cell) continue;
      const { stamps, unreadable } = parseStamps(cell);
      const at = { sheet: schema.key, row: record.row, column: "stamps" };
      for (const line of unreadable) problems.push({ ...at, rule: "stamp.unreadable", value: line });
      const chain = settings.stampChain[text(record.values.class)] ?? ["deptHead"];
      checks.push(
        verifyStamps({ kind: "customer", values: stampedValues(record.values) }, stamps, trust, chain).then(
          (results) => {
            const broken = results.find((r) => r.issue);
            if (broken) {
              problems.push({
                ...at,
                rule: broken.issue!,
                value: `${broken.stamp.role} ${broken.stamp.name} ${broken.stamp.time}`,
              });
            }
          },
        ),
      );
    }
  }
  await Promise.all(checks);
  const log = readSheet(changeLog, snapshot);
  problems.push(
    ...(await verifyChain(
      log.records.map((r) => ({ row: r.row, entry: journalRow(r.row, r.values) })),
      mayBeErased,
    )),
  );
  return problems.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet < b.sheet ? -1 : 1));
}

/**
 * Archive rows carry the customer's intake stamps and, last, the approver's termination
 * stamp; tombstones carry the manager's destruction stamp. Each is checked against the
 * row as it stands.
 */
export async function verifyArchives(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const [schema, target] of [
    [archiveSuspended, "suspended"],
    [archivePast, "past"],
  ] as const) {
    for (const record of readSheet(schema, snapshot).records) {
      const { stamps } = parseStamps(text(record.values.stamps));
      const last = stamps[stamps.length - 1];
      if (!last) continue;
      const at = { sheet: schema.key, row: record.row, column: "stamps" };
      const chain = settings.stampChain[text(record.values.class)] ?? ["deptHead"];
      const intakeChecks = await verifyStamps(
        { kind: "customer", values: stampedValues(record.values) },
        stamps.slice(0, -1),
        trust,
        chain,
      );
      const archivedDate = isoOf(record.values.archivedDate);
      const [termination] = await verifyStamps(
        { kind: `terminate:${target}`, values: { ...stampedValues(record.values), archivedDate } },
        [last],
        trust,
        [last.role === "manager" ? "manager" : "deptHead"],
      );
      const broken = [...intakeChecks, termination!].find((c) => c.issue);
      if (broken)
        problems.push({
          ...at,
          rule: broken.issue!,
          value: `${broken.stamp.role} ${broken.stamp.name} ${broken.stamp.time}`,
        });
    }
  }
  for (const record of readSheet(destructionLog, snapshot).records) {
    const { stamps } = parseStamps(text(record.values.stamps));
    if (stamps.length === 0) continue;
    const values = {
      id: text(record.values.customerId),
      reason: text(record.values.reason),
      date: isoOf(record.values.date),
      contentHash: text(record.values.contentHash),
    };
    const [check] = await verifyStamps({ kind: "destroy", values }, stamps.slice(0, 1), trust, ["manager"]);
    if (check?.issue)
      problems.push({
        sheet: "destructionLog",
        row: record.row,
        column: "stamps",
        rule: check.issue,
        value: values.id,
      });
  }
  return problems;
}

function isoOf(value: unknown): string {
  const checked = checkDate(typeof value === "number" ? value : String(value ?? ""));
  return checked.ok ? checked.value : String(value ?? "");
}
