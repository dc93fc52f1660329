/** The monthly lists' pane actions: build (any number of months in one action), the counts, the invalid list's stamp. */
import { isListSheet } from "../../domain/department-lists";
import { langOf } from "../../domain/layout";
import { planInvalidApproval } from "../../domain/lists/invalid-approval";
import {
  invalidMarksNeed,
  lastTwelveMonths,
  markedInvalid,
  monthlyNeeds,
  newNamesByMonth,
  type ListKind,
} from "../../domain/lists/monthly";
import {
  invalidMonths,
  isMonthlySheet,
  monthlyBuildNeeds,
  planMonthlyBuild,
} from "../../domain/lists/monthly-sheets";
import { readNeeds } from "../partial";
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
      {
        needs: monthlyBuildNeeds(months, kinds),
        // The customers marked invalid in the months: their log rows found first, in the
        // log's blocks of those months only (three syncs: the headers, Excel's counts, the
        // columns where counted).
        after: async (book) => {
          const marking = invalidMonths(months, kinds);
          const marked = marking.length
            ? markedInvalid(await readNeeds(book, [invalidMarksNeed(marking)]), marking)
            : new Set<string>();
          return monthlyBuildNeeds(months, kinds, marked);
        },
      },
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
