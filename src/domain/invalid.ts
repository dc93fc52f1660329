/**
 * 无效客户 — marking a customer invalid (returned mail, no response since a date, other)
 * for the monthly invalid list. The customer stays on the Register, marked, until the
 * supervisor stamps the month's invalid list (issue 7). Each mark is a "markInvalid"
 * intent in the journal, so a cut-off mark is finished by the next writing action.
 */
import type { Problem } from "./problem";
import { text } from "./records";
import { customerStatuses } from "./schema/choices";
import { choiceLabel, type Lang } from "./schema/model";
import { register } from "./schema/sheets";
import type { Settings } from "./settings";
import type { StaffTrust } from "./stamps/staff";
import { intend, registerRowOf, runOnJournal } from "./journal/run";
import type { Snapshot, Write } from "./workbook";

export type InvalidReason = "returnedMail" | "noResponse" | "other";

export const invalidReasons: Record<InvalidReason, { zh: string; en: string }> = {
  returnedMail: { zh: "退件", en: "Returned mail" },
  noResponse: { zh: "长期无回应", en: "No response" },
  other: { zh: "其他", en: "Other" },
};

export async function planMarkInvalid(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  ids: string[],
  reason: InvalidReason,
  detail: string,
  person: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<{ marked: string[]; finished: string[]; problems: Problem[]; writes: Write[] }> {
  return runOnJournal({ snapshot, settings, trust, person, now, lang }, async (run) => {
    const reg = run.ws.sheet(register);
    const sheetLang = reg.read.lang ?? lang;
    const label = choiceLabel(customerStatuses, "invalid", sheetLang);
    const why = `${invalidReasons[reason][sheetLang]}${detail ? `:${detail}` : ""}`;
    if (!reg.name || reg.read.at.status === undefined)
      return {
        marked: [],
        problems: [{ sheet: "register", row: 1, column: "status", rule: "header.missing", value: "" }],
      };
    const problems: Problem[] = [];
    const entries = [];
    for (const id of new Set(ids)) {
      const found = registerRowOf(run, id);
      if ("problem" in found) {
        problems.push(found.problem);
        continue;
      }
      const oldValue = text(found.row.values.status);
      if (oldValue === label) continue;
      entries.push({
        action: "markInvalid",
        customerId: id,
        field: "status",
        oldValue,
        newValue: label,
        reason: why,
      });
    }
    if (problems.length) return { marked: [], problems };
    const failed = await intend(run, entries);
    return { marked: failed.length ? [] : entries.map((e) => e.customerId), problems: failed };
  });
}
