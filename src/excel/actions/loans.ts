/**
 * The Loan log's pane actions: apply, stamp, build the extract, record the return, and
 * load the loans with their state. Each also refreshes the overdue highlighting on the
 * Loan log, from the rows as the action leaves them.
 */
import { applyToSnapshot } from "../../domain/apply";
import { langOf } from "../../domain/layout";
import {
  loanHighlights,
  loansOf,
  planLoanApplication,
  planLoanExtract,
  planLoanReturns,
  planLoanStamps,
  type LoanApplication,
} from "../../domain/loans";
import { changeLog, loanLog, register } from "../../domain/schema/sheets";
import type { Stamper } from "../../domain/stamping";
import type { Snapshot, Write } from "../../domain/workbook";
import { actingWith, type ExcelEnv } from "../env";
import { readPlanApply } from "./read-plan-apply";
import { guarded } from "./result";
import type { Now } from "./workflow";

const isExtract = (name: string) => /^(借阅-|Loan-)L\d+$/.test(name);

/** The plan's writes, then the highlighting of the Loan log as those writes leave it. */
function highlighted<T extends { writes: Write[] }>(snapshot: Snapshot, now: Now, plan: T): T {
  return {
    ...plan,
    writes: [...plan.writes, ...loanHighlights(applyToSnapshot(snapshot, plan.writes), now)],
  };
}

export function applyForLoan(env: ExcelEnv, entry: LoanApplication, person: string, now: Now) {
  return guarded(() =>
    readPlanApply(env, [loanLog, changeLog], undefined, async ({ snapshot, settings }) => {
      const plan = await planLoanApplication(snapshot, settings, entry, person, now);
      return plan.problems.length ? plan : highlighted(snapshot, now, plan);
    }),
  );
}

export function stampLoans(
  env: ExcelEnv,
  pinnedAdmin: string | undefined,
  loanNos: string[],
  stamper: Stamper,
  decision: "approve" | "reject",
  reason: string,
  now: Now,
) {
  return guarded(() =>
    readPlanApply(
      actingWith(env, stamper),
      [loanLog, changeLog],
      pinnedAdmin,
      async ({ snapshot, settings, trust }) => {
        if (trust.adminChanged) return { stamped: [], problems: [], writes: [] };
        const plan = await planLoanStamps(
          snapshot,
          settings,
          trust,
          loanNos,
          stamper,
          decision,
          reason,
          now,
          langOf(env.displayLanguage),
        );
        return plan.problems.length ? plan : highlighted(snapshot, now, plan);
      },
    ),
  );
}

export function buildLoanExtract(
  env: ExcelEnv,
  pinnedAdmin: string | undefined,
  loanNo: string,
  person: string,
  now: Now,
) {
  return guarded(() =>
    readPlanApply(
      env,
      [loanLog, changeLog, register],
      pinnedAdmin,
      async ({ snapshot, settings, trust }) =>
        trust.adminChanged
          ? { sheetName: undefined, count: 0, problems: [], writes: [] }
          : planLoanExtract(snapshot, settings, trust, loanNo, person, now, langOf(env.displayLanguage)),
      (names) => names.filter(isExtract),
    ),
  );
}

export function returnLoans(env: ExcelEnv, loanNos: string[], returnedAt: string, person: string, now: Now) {
  return guarded(() =>
    readPlanApply(env, [loanLog, changeLog], undefined, async ({ snapshot, settings, trust }) => {
      const plan = await planLoanReturns(snapshot, settings, trust, loanNos, returnedAt, person, now);
      return plan.problems.length ? plan : highlighted(snapshot, now, plan);
    }),
  );
}

/** Every loan with its state at `now`; marks the overdue ones on the Loan log. */
export function loadLoans(env: ExcelEnv, now: Now) {
  return guarded(() =>
    readPlanApply(env, [loanLog], undefined, async ({ snapshot, settings }) =>
      highlighted(snapshot, now, {
        loans: loansOf(snapshot, now),
        departments: settings.departments,
        regions: settings.regions,
        writes: [] as Write[],
      }),
    ),
  );
}
