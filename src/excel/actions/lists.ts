/** The monthly lists' pane actions: build (any number of months in one action), the counts, the invalid list's stamp. */
import { isListSheet } from "../../domain/department-lists";
import { langOf } from "../../domain/layout";
import { planInvalidApproval } from "../../domain/lists/invalid-approval";
import { newNamesByMonth, type ListKind } from "../../domain/lists/monthly";
import { isMonthlySheet, planMonthlyBuild } from "../../domain/lists/monthly-sheets";
import { archivePast, changeLog, register } from "../../domain/schema/sheets";
import type { Stamper } from "../../domain/stamping";
import { actingWith, type ExcelEnv } from "../env";
import { journalPlanApply, readPlanApply } from "./read-plan-apply";
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
      [register, archivePast, changeLog],
      undefined,
      async ({ snapshot, settings }) => ({
        ...(await planMonthlyBuild(snapshot, months, kinds, person, now, langOf(env.displayLanguage))),
        target: settings.monthlyTarget,
      }),
      (names) => names.filter(isMonthlySheet),
    ),
  );
}

/** The last twelve months' new-name counts up to `month` and the target; reads only. */
export function loadMonthlyCounts(env: ExcelEnv, month: string) {
  return guarded(() =>
    readPlanApply(env, [register, archivePast, changeLog], undefined, async ({ snapshot, settings }) => ({
      counts: newNamesByMonth(snapshot, month),
      target: settings.monthlyTarget,
      writes: [],
    })),
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
