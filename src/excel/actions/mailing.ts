/** DM mailing: labels or an envelope list for a selection, and returned mail (退件). */
import { langOf } from "../../domain/layout";
import {
  mailingNeeds,
  mailingSheetNames,
  planMailing,
  type MailingFilter,
  type MailingForm,
} from "../../domain/mailing";
import { outsideRelease } from "../../domain/loans";
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
  /** For a party outside the company: the loan number of the chairman-approved release it goes under. */
  outsideLoanNo = "",
) {
  return guarded(() =>
    readPlanApply(
      env,
      { needs: mailingNeeds(filter, !!outsideLoanNo.trim()) },
      undefined,
      async ({ snapshot, settings, trust }) => {
        const looker = lookerOf(env, person);
        const refusal = looker && lookRefusal(settings, trust, looker, `${now.date}T${now.time}`);
        if (refusal) return { sheetName: "", count: 0, problems: [refusal], writes: [] };
        // Leaving the company is an approved act (对外提供客户资料必须经过授权和审批).
        const release = outsideLoanNo.trim()
          ? await outsideRelease(snapshot, settings, trust, outsideLoanNo)
          : undefined;
        if (release && "problem" in release)
          return { sheetName: "", count: 0, problems: [release.problem], writes: [] };
        const plan = await planMailing(
          snapshot,
          filter,
          form,
          person,
          now,
          langOf(env.displayLanguage),
          purpose,
          release && { loanNo: outsideLoanNo.trim(), recipient: release.recipient },
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
