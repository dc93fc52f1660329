/** 首页: what waits for the person acting on this device (domain/home.ts). Reads only. */
import { whatNeedsMe, type CheckSeen, type Me } from "../../domain/home";
import { openMajor } from "../../domain/major-matters";
import { logSkeleton, type Need } from "../../domain/partial-read";
import { text } from "../../domain/records";
import { intakeStatuses } from "../../domain/schema/choices";
import { choiceCode } from "../../domain/schema/model";
import { contacts, intake, loanLog, register } from "../../domain/schema/sheets";
import type { ExcelEnv } from "../env";
import { LOAN_EVENTS } from "../../domain/loan-state";
import { SHOW_SHEET } from "../../domain/kept-sheets";
import { readPlanApply } from "./read-plan-apply";
import { guarded } from "./result";
import type { Now } from "./workflow";

/**
 * What the home page needs (issue 15's partial reads): the requests still being stamped,
 * the Register's review columns, the Loan log (small) with the Change log's loan rows, and
 * the open major matters — never a whole large sheet.
 */
export const homeNeeds: Need[] = [
  {
    schema: intake,
    peek: ["intakeStatus"],
    pick: (cells) =>
      ["pending", "draft"].includes(choiceCode(intakeStatuses, text(cells.intakeStatus)) ?? ""),
  },
  { schema: register, columns: ["id", "name", "department", "responsible", "lastReviewDate"] },
  { schema: contacts, peek: ["major", "reportedBy"], pick: openMajor },
  // The Loan log, and the Change log's loan rows (a loan is back when its return is logged)
  // and its kept sheets' shows (whether one shown is within its time).
  { schema: loanLog, whole: true },
  logSkeleton({
    columns: [],
    actions: new Set([...LOAN_EVENTS, SHOW_SHEET]),
  }),
];

export function loadHome(env: ExcelEnv, me: Me | undefined, now: Now, checks: CheckSeen[] = []) {
  return guarded(() =>
    readPlanApply(env, { needs: homeNeeds }, undefined, async ({ snapshot, settings }) => ({
      items: whatNeedsMe(snapshot, settings, me, now, checks),
      writes: [],
    })),
  );
}
