/**
 * 完全不可能恢复…取得主管经理的承认后将其处理掉 — destroying archived customers that can
 * never resume, only with the manager's stamp. The "destroy" intent carries the stamp and
 * the digest of the archived row; carrying it out writes the tombstone (ID, date, reason,
 * approver, digest, stamp — no personal data), deletes the archived row and erases the
 * customer's words everywhere the add-in wrote them (journal/erase.ts). Only a customer
 * the journal places in an archive can be destroyed: a tombstone typed into 销毁记录
 * destroys nothing.
 */
import type { Problem } from "./problem";
import type { Lang } from "./schema/model";
import { archivePast, archiveSuspended, destructionLog } from "./schema/sheets";
import { policyVersion, type Settings } from "./settings";
import type { Stamper } from "./stamping";
import { destructionSubject } from "./journal/finish";
import { formatStamps, makeStamp, stampText } from "./stamps/stamps";
import { standingRule, type StaffTrust } from "./stamps/staff";
import { recordHash } from "./journal/erase";
import { placeLabels } from "./journal/journal";
import { intend, runOnJournal } from "./journal/run";
import type { Snapshot, Write } from "./workbook";

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
  settings: Settings,
): Promise<DestructionPlan> {
  // The reason goes into the manager's stamp: as the stamp line will read back.
  reason = stampText(reason);
  return runOnJournal({ snapshot, settings, trust, person: manager.entry.name, now, lang }, async (run) => {
    const { ws, journal } = run;
    const tomb = ws.sheet(destructionLog);
    const problems: Problem[] = [];
    const fail = (column: string, rule: Problem["rule"], value: string, row = 1) =>
      problems.push({ sheet: "destructionLog", row, column, rule, value });
    if (!tomb.name || !ws.log.name) {
      fail("", "header.missing", "");
      return { destroyed: [], problems };
    }
    const me = trust.asOf(manager.fingerprint, `${now.date}T${now.time}`);
    // Who destroys is the Staff row in force now, not what the device remembers of it.
    if (me) manager = { ...manager, entry: me.entry };
    if (!me || me.status !== "trusted" || manager.entry.role !== "manager") {
      fail("approver", standingRule(me), manager.entry.name);
      return { destroyed: [], problems };
    }
    if (!reason.trim()) {
      fail("reason", "required", "");
      return { destroyed: [], problems };
    }
    const going = [];
    for (const id of new Set(ids)) {
      const state = journal.states.get(id);
      if (state?.place === "destroyed") continue;
      const blocked = run.blocked.get(id);
      if (blocked) {
        problems.push(blocked);
        continue;
      }
      if (state?.place !== "suspended" && state?.place !== "past") {
        fail("customerId", state ? "journal.wrongPlace" : "id.unknown", id);
        continue;
      }
      const archive = ws.sheet(state.place === "suspended" ? archiveSuspended : archivePast);
      const rows = archive.where("id", id);
      if (rows.length !== 1) {
        problems.push({
          sheet: archive.read.schema.key,
          row: rows[1]?.row ?? 1,
          column: "id",
          rule: rows.length ? "journal.duplicateRow" : "journal.missingRow",
          value: id,
        });
        continue;
      }
      going.push({ id, place: state.place, contentHash: await recordHash(rows[0]!.values) });
    }
    if (problems.length) return { destroyed: [], problems };

    const time = `${now.date}T${now.time}`;
    const logLang = ws.log.read.lang ?? lang;
    const sheetLang = tomb.read.lang ?? lang;
    const entries = [];
    for (const { id, place, contentHash } of going) {
      const stamp = await makeStamp(
        manager.privateKey,
        destructionSubject({ id, reason, date: now.date, contentHash }),
        [],
        {
          role: "manager",
          name: manager.entry.name,
          time,
          decision: "approve",
          reason,
          key: manager.fingerprint,
          fields: ["id", "reason", "date", "contentHash"],
          policy: policyVersion(settings),
        },
      );
      entries.push({
        action: "destroy",
        customerId: id,
        field: "place",
        oldValue: placeLabels[place][logLang],
        newValue: placeLabels.destroyed[logLang],
        reason,
        approval: formatStamps([stamp], sheetLang),
        digest: contentHash,
      });
    }
    const failed = await intend(run, entries);
    return { destroyed: failed.length ? [] : going.map((g) => g.id), problems: failed };
  });
}
