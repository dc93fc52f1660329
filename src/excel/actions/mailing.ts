/** DM mailing: labels or an envelope list for a selection, and returned mail (退件). */
import { langOf } from "../../domain/layout";
import { mailingSheetNames, planMailing, type MailingFilter, type MailingForm } from "../../domain/mailing";
import { changeLog, register } from "../../domain/schema/sheets";
import { lookerOf, type ExcelEnv } from "../env";
import { lookRefusal } from "../../domain/looking";
import { markInvalid } from "./lifecycle";
import { readPlanApply } from "./read-plan-apply";
import { guarded } from "./result";
import type { Now } from "./workflow";

const isMailingSheet = (name: string) =>
  Object.values(mailingSheetNames).some((names) => names.includes(name));

/**
 * Builds (or rebuilds) the label sheet or envelope list for the customers the filter
 * selects, for a purpose (required), by someone 查询权限 allows to look up customers in bulk.
 */
export function buildMailing(
  env: ExcelEnv,
  filter: MailingFilter,
  form: MailingForm,
  person: string,
  now: Now,
  purpose: string,
) {
  return guarded(() =>
    readPlanApply(
      env,
      [register, changeLog],
      undefined,
      async ({ snapshot, settings, trust }) => {
        const looker = lookerOf(env, person);
        const refusal = looker && lookRefusal(settings, trust, looker, `${now.date}T${now.time}`);
        if (refusal) return { sheetName: "", count: 0, problems: [refusal], writes: [] };
        const plan = await planMailing(
          snapshot,
          filter,
          form,
          person,
          now,
          langOf(env.displayLanguage),
          purpose,
        );
        return plan.writes.length
          ? { ...plan, writes: [...plan.writes, { kind: "activate" as const, sheet: plan.sheetName }] }
          : plan;
      },
      (names) => names.filter(isMailingSheet),
    ),
  );
}

/** Mail came back: the customers are marked invalid (退件) for the month's invalid list. */
export function recordReturnedMail(env: ExcelEnv, ids: string[], detail: string, person: string, now: Now) {
  return markInvalid(env, ids, "returnedMail", detail, person, now);
}

/** The regions and departments in Settings, for the selection's dropdowns; reads only. */
export function loadMailingChoices(env: ExcelEnv) {
  return guarded(() =>
    readPlanApply(env, [], undefined, async ({ settings }) => ({
      regions: settings.regions,
      departments: settings.departments.map((d) => d.name),
      writes: [],
    })),
  );
}
