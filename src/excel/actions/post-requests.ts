import { langOf } from "../../domain/layout";
import { isListSheet } from "../../domain/department-lists";
import { planPosting, type Actor } from "../../domain/posting";
import type { Problem } from "../../domain/problem";
import {
  archivePast,
  archiveSuspended,
  changeLog,
  destructionLog,
  intake,
  register,
} from "../../domain/schema/sheets";
import type { ExcelEnv } from "../env";
import { readPlanApply } from "./read-plan-apply";
import { guarded } from "./result";

export interface PostingOutcome {
  posted: { requestNo: string; id: string; name: string; resumed: boolean }[];
  problems: Problem[];
  /** The administrator whose countersignatures were trusted; the pane pins it on first use. */
  adminFingerprint?: string;
  adminChanged: boolean;
}

/**
 * "Post": fully stamped requests become Register rows and their departments' lists are
 * rebuilt. One batch to read, one (chunked) to write; an earlier interrupted post is
 * finished first. Nothing is posted while the administrator's key differs from the one
 * this device pinned.
 */
export function postRequests(
  env: ExcelEnv,
  actor: Actor,
  pinnedAdmin: string | undefined,
  requestNos: string[] | "all",
  now: { date: string; time: string },
) {
  return guarded<PostingOutcome>(() =>
    readPlanApply(
      env,
      [register, intake, changeLog, archiveSuspended, archivePast, destructionLog],
      pinnedAdmin,
      async ({ snapshot, settings, trust }) =>
        trust.adminChanged
          ? { posted: [], problems: [], writes: [] }
          : planPosting(snapshot, settings, trust, requestNos, actor, now, langOf(env.displayLanguage)),
      (names) => names.filter(isListSheet),
    ),
  );
}
