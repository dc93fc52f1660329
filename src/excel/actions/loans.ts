/**
 * The Loan log's pane actions: apply, stamp, build the extract, record the return, and
 * load the loans with their state. Each also refreshes the overdue highlighting on the
 * Loan log, from the rows as the action leaves them; each writing one first finishes a
 * return the Change log has and the sheets do not show yet (a return cut off half-way).
 */
import { applyToSnapshot } from "../../domain/apply";
import { langOf } from "../../domain/layout";
import {
  extractNeeds,
  extractSheetName,
  finishLoanReturns,
  loanHighlights,
  loansOf,
  planLoanApplication,
  planLoanExtract,
  planLoanReturns,
  planLoanStamps,
  type LoanApplication,
} from "../../domain/loans";
import { loanNeeds } from "../../domain/loan-state";
import type { Stamper } from "../../domain/stamping";
import type { Snapshot, Write } from "../../domain/workbook";
import { actingWith, lookerOf, type ExcelEnv } from "../env";
import { lookRefusal } from "../../domain/looking";
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

/**
 * A writing loan action's plan (none when it has problems), with what an interrupted
 * return left undone finished after it — `finished` names those loans — then highlighted.
 */
function settled<T extends { writes: Write[]; problems: unknown[] }>(
  snapshot: Snapshot,
  now: Now,
  plan: T,
): T & { finished: string[] } {
  if (plan.problems.length) return { ...plan, finished: [] };
  const { finished, cells, deletes } = finishLoanReturns(snapshot);
  return highlighted(snapshot, now, { ...plan, finished, writes: [...plan.writes, ...cells, ...deletes] });
}

export function applyForLoan(env: ExcelEnv, entry: LoanApplication, person: string, now: Now) {
  return guarded(() =>
    readPlanApply(env, { needs: loanNeeds }, undefined, async ({ snapshot, settings }) => {
      const plan = await planLoanApplication(snapshot, settings, entry, person, now);
      return settled(snapshot, now, plan);
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
      { needs: loanNeeds },
      pinnedAdmin,
      async ({ snapshot, settings, trust }) => {
        if (trust.adminChanged) return { stamped: [], finished: [], problems: [], writes: [] };
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
        return settled(snapshot, now, plan);
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
      { needs: extractNeeds(loanNo) },
      pinnedAdmin,
      async ({ snapshot, settings, trust }) => {
        if (trust.adminChanged)
          return { sheetName: undefined, count: 0, code: undefined, finished: [], problems: [], writes: [] };
        // Making an extract is looking up customers in bulk: a role of 查询权限 (looking.ts).
        const looker = lookerOf(env, person);
        const refusal = looker && lookRefusal(settings, trust, looker, `${now.date}T${now.time}`);
        if (refusal)
          return {
            sheetName: undefined,
            count: 0,
            code: undefined,
            finished: [],
            problems: [refusal],
            writes: [],
          };
        const plan = await planLoanExtract(
          snapshot,
          settings,
          trust,
          loanNo,
          person,
          now,
          langOf(env.displayLanguage),
        );
        return settled(snapshot, now, plan);
      },
      (names) => names.filter(isExtract),
    ),
  );
}

/**
 * Records the return of loans: logged, the 归还时间 written, each one's extract sheet
 * compared with the digest logged when it was built and deleted (domain/loans.ts). Reads
 * those loans' extract sheets whole, and no other.
 */
export function returnLoans(env: ExcelEnv, loanNos: string[], returnedAt: string, person: string, now: Now) {
  const extracts = new Set(loanNos.flatMap((no) => [extractSheetName(no, "zh"), extractSheetName(no, "en")]));
  return guarded(() =>
    readPlanApply(
      env,
      { needs: loanNeeds },
      undefined,
      async ({ snapshot, settings, trust }) => {
        const plan = await planLoanReturns(snapshot, settings, trust, loanNos, returnedAt, person, now);
        return plan.problems.length ? plan : highlighted(snapshot, now, plan);
      },
      undefined,
      (names) => names.filter((n) => extracts.has(n)),
    ),
  );
}

/** Every loan with its state at `now` (returns as the Change log has them); marks the overdue ones on the Loan log. */
export function loadLoans(env: ExcelEnv, now: Now) {
  return guarded(() =>
    readPlanApply(env, { needs: loanNeeds }, undefined, async ({ snapshot, settings }) =>
      highlighted(snapshot, now, {
        loans: loansOf(snapshot, now),
        departments: settings.departments,
        regions: settings.regions,
        writes: [] as Write[],
      }),
    ),
  );
}
