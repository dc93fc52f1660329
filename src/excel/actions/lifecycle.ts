/** The register's life-cycle actions: the review worklist, confirming reviews, hand-over. */
import { isListSheet } from "../../domain/department-lists";
import { planHandOver } from "../../domain/hand-over";
import { langOf } from "../../domain/layout";
import { readSheet } from "../../domain/records";
import { planReviewConfirmation, reviewWorklist } from "../../domain/review";
import { changeLog, register } from "../../domain/schema/sheets";
import type { ExcelEnv } from "../env";
import { readPlanApply } from "./read-plan-apply";
import { guarded } from "./result";
import type { Now } from "./workflow";

/** The current cycle's worklist; reads only. */
export function loadWorklist(env: ExcelEnv, today: string) {
  return guarded(() =>
    readPlanApply(env, [register], undefined, async ({ snapshot, settings }) => ({
      worklist: reviewWorklist(readSheet(register, snapshot), settings, today),
      writes: [],
    })),
  );
}

export function confirmReviews(env: ExcelEnv, ids: string[], reviewer: string, now: Now) {
  return guarded(() =>
    readPlanApply(env, [register, changeLog], undefined, ({ snapshot }) =>
      planReviewConfirmation(snapshot, ids, reviewer, now),
    ),
  );
}

export function handOver(env: ExcelEnv, from: string, to: string, reason: string, actor: string, now: Now) {
  return guarded(() =>
    readPlanApply(
      env,
      [register, changeLog],
      undefined,
      ({ snapshot }) => planHandOver(snapshot, from, to, reason, actor, now, langOf(env.displayLanguage)),
      (names) => names.filter(isListSheet),
    ),
  );
}
