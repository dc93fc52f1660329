/** The monthly lists' pane actions: build (any number of months in one action), the counts, the invalid list's stamp. */
import { isListSheet } from "../../domain/department-lists";
import { langOf } from "../../domain/layout";
import { planInvalidApproval } from "../../domain/lists/invalid-approval";
import { lastTwelveMonths, monthlyNeeds, newNamesByMonth, type ListKind } from "../../domain/lists/monthly";
import { isMonthlySheet, monthlyBuildNeeds, planMonthlyBuild } from "../../domain/lists/monthly-sheets";
import type { Stamper } from "../../domain/stamping";
import { actingWith, lookerOf, type ExcelEnv } from "../env";
import { lookRefusal } from "../../domain/looking";
import { readPlanApply } from "./read-plan-apply";
import { journalPlanApply } from "./journal-plan-apply";
import { guarded } from "./result";
import type { Now } from "./workflow";

/** 新增 / 无效 sheets for the given months, rebuilt whole; the twelve months' counts and the target. */
export function buildMonthlyLists(
  env: ExcelEnv,
  months: string[],
  kinds: ListKind[],
  person: string,
  now: Now,
) {
  return guarded(() =>
    readPlanApply(
      env,
      { needs: monthlyBuildNeeds(months, kinds) },
      undefined,
      async ({ snapshot, settings, trust }) => {
        // The lists name customers: making them is looking up customers in bulk (looking.ts).
        const looker = lookerOf(env, person);
        const refusal = looker && lookRefusal(settings, trust, looker, `${now.date}T${now.time}`);
        if (refusal)
          return {
            lists: [],
            skipped: [],
            counts: [],
            problems: [refusal],
            writes: [],
            target: settings.monthlyTarget,
          };
        return {
          ...(await planMonthlyBuild(snapshot, months, kinds, person, now, langOf(env.displayLanguage))),
          target: settings.monthlyTarget,
        };
      },
      (names) => names.filter(isMonthlySheet),
    ),
  );
}

/** The last twelve months' new-name counts up to `month` and the target; reads only. */
export function loadMonthlyCounts(env: ExcelEnv, month: string) {
  return guarded(() =>
    readPlanApply(
      env,
      { needs: monthlyNeeds([], [], lastTwelveMonths(month)) },
      undefined,
      async ({ snapshot, settings }) => ({
        counts: newNamesByMonth(snapshot, month),
        target: settings.monthlyTarget,
        writes: [],
      }),
    ),
  );
}

/** The supervisor's stamp on a month's invalid list: its entries move to Archive-Past in one action. */
export function approveInvalidList(
  env: ExcelEnv,
  pinnedAdmin: string | undefined,
  month: string,
  approver: Stamper,
  now: Now,
) {
  return guarded(() =>
    journalPlanApply(
      actingWith(env, approver),
      pinnedAdmin,
      { moved: [] as string[], left: 0, finished: [] as string[] },
      ({ snapshot, settings, trust }) =>
        planInvalidApproval(snapshot, settings, trust, month, approver, now, langOf(env.displayLanguage)),
      (names) => names.filter((n) => isListSheet(n) || isMonthlySheet(n)),
    ),
  );
}
