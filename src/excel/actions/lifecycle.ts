/** The register's life-cycle actions: the review worklist, confirming reviews, hand-over. */
import { planHandOver } from "../../domain/hand-over";
import { langOf } from "../../domain/layout";
import {
  buildReviewSheet,
  planReviewConfirmation,
  reviewSheetName,
  reviewWorklist,
} from "../../domain/review";
import { changeLog, register } from "../../domain/schema/sheets";
import { journalRegister } from "../../domain/journal/journal";
import { planReinstatementRequests } from "../../domain/reinstatement";
import { planDestruction } from "../../domain/destruction";
import { planMarkInvalid, type InvalidReason } from "../../domain/invalid";
import { planTermination, type ArchiveKind } from "../../domain/termination";
import type { Stamper } from "../../domain/stamping";
import { actingWith, type ExcelEnv } from "../env";
import { journalPlanApply, readPlanApply } from "./read-plan-apply";
import { guarded } from "./result";
import type { Now } from "./workflow";

/** The current cycle's worklist; reads only. */
export function loadWorklist(env: ExcelEnv, today: string) {
  return guarded(() =>
    readPlanApply(env, [register, changeLog], undefined, async ({ snapshot, settings }) => ({
      worklist: reviewWorklist(journalRegister(snapshot), settings, today),
      writes: [],
    })),
  );
}

export function confirmReviews(env: ExcelEnv, ids: string[], reviewer: string, now: Now) {
  return guarded(() =>
    journalPlanApply(
      env,
      undefined,
      { confirmed: [] as string[], finished: [] as string[] },
      ({ snapshot, settings, trust }) =>
        planReviewConfirmation(snapshot, settings, trust, ids, reviewer, now, langOf(env.displayLanguage)),
    ),
  );
}

export function handOver(env: ExcelEnv, from: string, to: string, reason: string, actor: string, now: Now) {
  return guarded(() =>
    journalPlanApply(
      env,
      undefined,
      { reassigned: [] as string[], finished: [] as string[] },
      ({ snapshot, settings, trust }) =>
        planHandOver(snapshot, settings, trust, from, to, reason, actor, now, langOf(env.displayLanguage)),
    ),
  );
}

/** 交易中止 / 交易过去: moves customers to an archive with the approver's stamp; finishes any cut-off action first. */
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
    journalPlanApply(
      actingWith(env, approver),
      pinnedAdmin,
      { moved: [] as string[], finished: [] as string[] },
      ({ snapshot, settings, trust }) =>
        planTermination(
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
    ),
  );
}

/** Destroys archived customers with the manager's stamp; finishes any cut-off action first. */
export function destroyRecords(
  env: ExcelEnv,
  pinnedAdmin: string | undefined,
  ids: string[],
  reason: string,
  manager: Stamper,
  now: Now,
) {
  return guarded(() =>
    journalPlanApply(
      actingWith(env, manager),
      pinnedAdmin,
      { destroyed: [] as string[], finished: [] as string[] },
      ({ snapshot, settings, trust }) =>
        planDestruction(snapshot, trust, ids, reason, manager, now, langOf(env.displayLanguage), settings),
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
    journalPlanApply(
      env,
      undefined,
      { marked: [] as string[], finished: [] as string[] },
      ({ snapshot, settings, trust }) =>
        planMarkInvalid(
          snapshot,
          settings,
          trust,
          ids,
          reason,
          detail,
          person,
          now,
          langOf(env.displayLanguage),
        ),
    ),
  );
}

/** Files reinstatement requests for suspended customers; stamps and posting do the rest. */
export function requestReinstatement(env: ExcelEnv, ids: string[], person: string, now: Now) {
  return guarded(() =>
    journalPlanApply(
      env,
      undefined,
      { requested: [] as { id: string; requestNo: string }[], finished: [] as string[] },
      ({ snapshot, settings, trust }) =>
        planReinstatementRequests(snapshot, settings, trust, ids, person, now, langOf(env.displayLanguage)),
    ),
  );
}

/** Builds (or rebuilds) the printable 复核清单 of customers still to review this cycle. */
export function buildReviewList(env: ExcelEnv, today: string) {
  return guarded(() =>
    readPlanApply(
      env,
      [register, changeLog],
      undefined,
      async ({ snapshot, settings }) => {
        const worklist = reviewWorklist(journalRegister(snapshot), settings, today);
        return {
          listed: worklist.items.filter((i) => i.state !== "done").length,
          writes: buildReviewSheet(worklist, snapshot, langOf(env.displayLanguage)),
        };
      },
      (names) => names.filter((n) => n === reviewSheetName.zh || n === reviewSheetName.en),
    ),
  );
}
