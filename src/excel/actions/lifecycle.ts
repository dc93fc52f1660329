/** The register's life-cycle actions: the review worklist, confirming reviews, hand-over. */
import { isListSheet } from "../../domain/department-lists";
import { planHandOver } from "../../domain/hand-over";
import { langOf } from "../../domain/layout";
import { readSheet } from "../../domain/records";
import {
  buildReviewSheet,
  planReviewConfirmation,
  reviewSheetName,
  reviewWorklist,
} from "../../domain/review";
import {
  archivePast,
  archiveSuspended,
  changeLog,
  destructionLog,
  intake,
  register,
} from "../../domain/schema/sheets";
import { planReinstatementRequests } from "../../domain/reinstatement";
import { planDestruction } from "../../domain/destruction";
import { planMarkInvalid, type InvalidReason } from "../../domain/invalid";
import { planTermination, type ArchiveKind } from "../../domain/termination";
import type { Stamper } from "../../domain/stamping";
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

/** 交易中止 / 交易过去: moves customers to an archive with the approver's stamp; finishes any cut-off move first. */
export function terminateCustomers(
  env: ExcelEnv,
  pinnedAdmin: string | undefined,
  ids: string[],
  target: ArchiveKind,
  reason: string,
  approver: Stamper,
  now: Now,
) {
  return guarded(() =>
    readPlanApply(
      env,
      [register, changeLog, archiveSuspended, archivePast],
      pinnedAdmin,
      async ({ snapshot, settings, trust }) =>
        trust.adminChanged
          ? { moved: [], finished: [], problems: [], writes: [] }
          : planTermination(
              snapshot,
              settings,
              trust,
              ids,
              target,
              reason,
              approver,
              now,
              langOf(env.displayLanguage),
            ),
      (names) => names.filter(isListSheet),
    ),
  );
}

/** Destroys archived records with the manager's stamp; finishes a cut-off destruction first. */
export function destroyRecords(
  env: ExcelEnv,
  pinnedAdmin: string | undefined,
  ids: string[],
  reason: string,
  manager: Stamper,
  now: Now,
) {
  return guarded(() =>
    readPlanApply(
      env,
      [changeLog, archiveSuspended, archivePast, destructionLog],
      pinnedAdmin,
      async ({ snapshot, trust }) =>
        trust.adminChanged
          ? { destroyed: [], finished: [], problems: [], writes: [] }
          : planDestruction(snapshot, trust, ids, reason, manager, now, langOf(env.displayLanguage)),
    ),
  );
}

/** Marks customers invalid (returned mail, no response, other) for the monthly invalid list. */
export function markInvalid(
  env: ExcelEnv,
  ids: string[],
  reason: InvalidReason,
  detail: string,
  person: string,
  now: Now,
) {
  return guarded(() =>
    readPlanApply(
      env,
      [register, changeLog],
      undefined,
      ({ snapshot }) =>
        planMarkInvalid(snapshot, ids, reason, detail, person, now, langOf(env.displayLanguage)),
      (names) => names.filter(isListSheet),
    ),
  );
}

/** Files reinstatement requests for suspended customers; stamps and posting do the rest. */
export function requestReinstatement(env: ExcelEnv, ids: string[], person: string, now: Now) {
  return guarded(() =>
    readPlanApply(env, [archiveSuspended, intake, changeLog], undefined, ({ snapshot }) =>
      planReinstatementRequests(snapshot, ids, person, now, langOf(env.displayLanguage)),
    ),
  );
}

/** Builds (or rebuilds) the printable 复核清单 of customers still to review this cycle. */
export function buildReviewList(env: ExcelEnv, today: string) {
  return guarded(() =>
    readPlanApply(
      env,
      [register],
      undefined,
      async ({ snapshot, settings }) => {
        const worklist = reviewWorklist(readSheet(register, snapshot), settings, today);
        return {
          listed: worklist.items.filter((i) => i.state !== "done").length,
          writes: buildReviewSheet(worklist, snapshot, langOf(env.displayLanguage)),
        };
      },
      (names) => names.filter((n) => n === reviewSheetName.zh || n === reviewSheetName.en),
    ),
  );
}
