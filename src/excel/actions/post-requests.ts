import { langOf } from "../../domain/layout";
import { planPosting, type Actor } from "../../domain/posting";
import type { Problem } from "../../domain/problem";
import type { ExcelEnv } from "../env";
import { journalPlanApply, listing } from "./journal-plan-apply";
import { postingNeeds } from "../../domain/journal/needs";
import { guarded } from "./result";

export interface PostingOutcome {
  posted: { requestNo: string; id: string; name: string; resumed: boolean }[];
  /** Customers or requests whose interrupted actions were finished first. */
  finished: string[];
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
    journalPlanApply(
      env,
      pinnedAdmin,
      { posted: [], finished: [] },
      ({ snapshot, settings, trust }) =>
        planPosting(snapshot, settings, trust, requestNos, actor, now, langOf(env.displayLanguage)),
      undefined,
      // What they need (domain/journal/needs.ts): "all" is every request not yet posted or sent back.
      listing(postingNeeds(requestNos)),
    ),
  );
}
