/**
 * 员工调离 — hand-over. When a responsible person leaves, every Register customer of theirs
 * is reassigned to another person in one action; each reassignment is a "handOver"
 * intent in the journal (finished by the next writing action if cut off) and the
 * departments' lists are rebuilt.
 */
import type { Problem } from "./problem";
import { isKey, staffContactsOf } from "./contacts";
import { text } from "./records";
import type { Lang } from "./schema/model";
import { register } from "./schema/sheets";
import type { Settings } from "./settings";
import type { StaffTrust } from "./stamps/staff";
import { intend, registerRowOf, runOnJournal } from "./journal/run";
import type { LiveRow } from "./journal/workspace";
import type { Snapshot, Write } from "./workbook";

export async function planHandOver(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  from: string,
  to: string,
  reason: string,
  actor: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<{ reassigned: string[]; finished: string[]; problems: Problem[]; writes: Write[] }> {
  return runOnJournal({ snapshot, settings, trust, person: actor, now, lang }, async (run) => {
    const reg = run.ws.sheet(register);
    const problems: Problem[] = [];
    if (!to.trim())
      problems.push({ sheet: "register", row: 1, column: "responsible", rule: "required", value: "" });
    if (to.trim() === from.trim())
      problems.push({ sheet: "register", row: 1, column: "responsible", rule: "handOver.same", value: to });
    if (!reg.name || reg.read.at.responsible === undefined)
      problems.push({ sheet: "register", row: 1, column: "responsible", rule: "header.missing", value: "" });
    const leaver = from.trim();
    // Only rows the journal places on the Register: a row typed or pasted there is not a customer of anyone's.
    const theirs: LiveRow[] = [];
    for (const row of reg.rows) {
      if (
        text(row.values.responsible) !== leaver &&
        !staffContactsOf(row.values.staffContacts).includes(leaver)
      )
        continue;
      const found = registerRowOf(run, text(row.values.id));
      if ("row" in found && found.row === row) theirs.push(row);
      else if ("problem" in found) {
        // A customer of theirs that cannot be handed over (its row doubled, a cut-off action
        // that cannot be finished) stops the hand-over: it would stay with the leaver unsaid.
        // A row the journal does not place on the Register is nobody's customer.
        const { rule } = found.problem;
        const reported = problems.some((p) => p.value === found.problem.value && p.rule === rule);
        if ((run.blocked.has(text(row.values.id)) || rule === "journal.duplicateRow") && !reported)
          problems.push(found.problem);
      }
    }
    // 重要客户 keep two contacts: a departure may not leave one with fewer.
    const contactsAfter = (r: LiveRow) => [
      ...new Set(staffContactsOf(r.values.staffContacts).map((n) => (n === leaver ? to.trim() : n))),
    ];
    for (const r of theirs) {
      const before = staffContactsOf(r.values.staffContacts);
      if (isKey(r) && before.includes(leaver) && contactsAfter(r).length < Math.min(2, before.length))
        problems.push({
          sheet: "register",
          row: r.row,
          column: "staffContacts",
          rule: "key.fewContacts",
          value: text(r.values.id),
          detail: { n: contactsAfter(r).length },
        });
    }
    if (theirs.length === 0 && problems.length === 0)
      problems.push({ sheet: "register", row: 1, column: "responsible", rule: "handOver.none", value: from });
    if (problems.length) return { reassigned: [], problems };

    const entries = [];
    for (const r of theirs) {
      const customerId = text(r.values.id);
      if (text(r.values.responsible) === leaver)
        entries.push({
          action: "handOver",
          customerId,
          field: "responsible",
          oldValue: leaver,
          newValue: to.trim(),
          reason,
        });
      const list = staffContactsOf(r.values.staffContacts);
      if (list.includes(leaver) && reg.read.at.staffContacts !== undefined)
        entries.push({
          action: "handOver",
          customerId,
          field: "staffContacts",
          oldValue: text(r.values.staffContacts),
          newValue: contactsAfter(r).join("、"),
          reason,
        });
    }
    const failed = await intend(run, entries);
    return { reassigned: failed.length ? [] : theirs.map((r) => text(r.values.id)), problems: failed };
  });
}
