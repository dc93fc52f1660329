/**
 * 完全不可能恢复…取得主管经理的承认后将其处理掉 — destroying archived records that can never
 * resume, only with the manager's stamp. The Destruction log keeps a tombstone: ID, date,
 * reason, the approver's stamp and a hash of the destroyed content — no personal data.
 * The tombstone is written before the archive row is deleted; a tombstone whose row is
 * still in an archive is a destruction that was cut off, and the next one finishes it.
 */
import type { ChangeEntry } from "./change-log";
import { appendToLog } from "./log-writes";
import type { Problem } from "./problem";
import { readSheet, rowOf, text, type SheetRecord } from "./records";
import type { Lang } from "./schema/model";
import { archivePast, archiveSuspended, changeLog, destructionLog } from "./schema/sheets";
import { stampWords, type Stamper } from "./stamping";
import { canonicalJson, sha256Hex } from "./stamps/encoding";
import { formatStamps, makeStamp } from "./stamps/stamps";
import type { StaffTrust } from "./stamps/staff";
import type { Snapshot, Write } from "./workbook";
import { isoToSerial } from "./validate/date";

export interface DestructionPlan {
  destroyed: string[];
  finished: string[];
  problems: Problem[];
  writes: Write[];
}

export async function planDestruction(
  snapshot: Snapshot,
  trust: StaffTrust,
  ids: string[],
  reason: string,
  manager: Stamper,
  now: { date: string; time: string },
  lang: Lang,
): Promise<DestructionPlan> {
  const tomb = readSheet(destructionLog, snapshot);
  const log = readSheet(changeLog, snapshot);
  const archives = [readSheet(archiveSuspended, snapshot), readSheet(archivePast, snapshot)];
  const plan: DestructionPlan = { destroyed: [], finished: [], problems: [], writes: [] };
  if (!tomb.name || !log.name) {
    plan.problems.push({ sheet: "destructionLog", row: 1, column: "", rule: "header.missing", value: "" });
    return plan;
  }
  const me = trust.byFingerprint.get(manager.fingerprint);
  if (!me || me.status !== "trusted" || manager.entry.role !== "manager") {
    plan.problems.push({
      sheet: "destructionLog",
      row: 1,
      column: "approver",
      rule: me?.status === "revoked" ? "stamp.revoked" : "stamp.wrongRole",
      value: manager.entry.name,
    });
    return plan;
  }
  if (!reason.trim()) {
    plan.problems.push({ sheet: "destructionLog", row: 1, column: "reason", rule: "required", value: "" });
    return plan;
  }
  const tombstoned = new Set(tomb.records.map((r) => text(r.values.customerId)));
  const found = new Map<string, { sheet: string; record: SheetRecord }>();
  for (const a of archives)
    for (const r of a.records) if (a.name) found.set(text(r.values.id), { sheet: a.name, record: r });

  const time = `${now.date}T${now.time}`;
  const deletions: { sheet: string; row: number }[] = [];
  const tombRows = [];
  const entries: ChangeEntry[] = [];
  for (const [id, at] of found) {
    if (tombstoned.has(id)) {
      deletions.push({ sheet: at.sheet, row: at.record.row });
      plan.finished.push(id);
    }
  }
  const sheetLang = tomb.lang ?? lang;
  for (const id of ids) {
    const at = found.get(id);
    if (!at) {
      plan.problems.push({
        sheet: "destructionLog",
        row: 1,
        column: "customerId",
        rule: "id.unknown",
        value: id,
      });
      continue;
    }
    if (tombstoned.has(id)) continue;
    const contentHash = await sha256Hex(
      canonicalJson(Object.fromEntries(Object.entries(at.record.values).map(([k, v]) => [k, text(v)]))),
    );
    const stamp = await makeStamp(
      manager.privateKey,
      { kind: "destroy", values: { id, reason, date: now.date, contentHash } },
      [],
      {
        role: "manager",
        name: manager.entry.name,
        time,
        decision: "approve",
        reason,
        key: manager.fingerprint,
        fields: ["id", "reason", "date", "contentHash"],
      },
    );
    tombRows.push(
      rowOf(tomb, {
        customerId: id,
        date: isoToSerial(now.date),
        reason,
        approver: manager.entry.name,
        contentHash,
        stamps: formatStamps([stamp], (s) => stampWords(s, sheetLang)),
      }),
    );
    entries.push({
      time,
      person: manager.entry.name,
      action: "destroy",
      customerId: id,
      field: "",
      oldValue: "",
      newValue: "",
      reason,
    });
    deletions.push({ sheet: at.sheet, row: at.record.row });
    plan.destroyed.push(id);
  }
  if (plan.problems.length) return { ...plan, destroyed: [], finished: [], writes: [] };
  if (tombRows.length)
    plan.writes.push({
      kind: "values",
      sheet: tomb.name,
      row: Math.max(1, tomb.height),
      col: 0,
      values: tombRows,
    });
  plan.writes.push(...(await appendToLog(log, entries)));
  for (const d of deletions.sort((a, b) =>
    a.sheet === b.sheet ? b.row - a.row : a.sheet < b.sheet ? -1 : 1,
  )) {
    plan.writes.push({ kind: "deleteRows", sheet: d.sheet, row: d.row - 1, count: 1 });
  }
  return plan;
}
