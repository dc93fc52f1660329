/** The register's life-cycle actions: the review worklist, confirming reviews, hand-over. */
import { planHandOver } from "../../domain/hand-over";
import { langOf } from "../../domain/layout";
import {
  buildReviewSheet,
  planReviewConfirmation,
  reviewSheetName,
  reviewWorklist,
} from "../../domain/review";
import { archivePast, archiveSuspended, changeLog } from "../../domain/schema/sheets";
import {
  customerNeeds,
  settingNeeds,
  destructionNeeds,
  handOverNeeds,
  reinstatementRequestNeeds,
  worklistNeeds,
} from "../../domain/journal/needs";
import { journalRegister } from "../../domain/journal/journal";
import { planReinstatementRequests } from "../../domain/reinstatement";
import { planDestruction } from "../../domain/destruction";
import { planMarkInvalid, type InvalidReason } from "../../domain/invalid";
import { planTermination, type ArchiveKind } from "../../domain/termination";
import type { Stamper } from "../../domain/stamping";
import { actingWith, lookerOf, type ExcelEnv } from "../env";
import { lookListEntries, lookRefusal } from "../../domain/looking";
import { tracedSheets } from "../../domain/trace";
import { appendToLog } from "../../domain/log-writes";
import { readSheet } from "../../domain/records";
import type { Problem } from "../../domain/problem";

/** The purpose logged with a review list's look at every customer on it. */
const REVIEW_PURPOSE = { zh: "半年度复核", en: "half-yearly review" };
import { readPlanApply } from "./read-plan-apply";
import { journalPlanApply, listing } from "./journal-plan-apply";
import { guarded } from "./result";
import type { Now } from "./workflow";

/**
 * The current cycle's worklist; reads only: the Register's columns it shows and where the
 * journal places every customer (needs.ts `worklistNeeds`), not the two sheets whole.
 */
export function loadWorklist(env: ExcelEnv, today: string) {
  return guarded(() =>
    readPlanApply(env, { needs: worklistNeeds() }, undefined, async ({ snapshot, settings }) => ({
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
      undefined,
      listing(settingNeeds(ids)),
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
      undefined,
      listing(handOverNeeds(from)),
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
      undefined,
      listing(customerNeeds(ids, target === "suspended" ? archiveSuspended : archivePast)),
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
      undefined,
      destructionNeeds(ids),
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
      undefined,
      listing(settingNeeds(ids)),
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
      undefined,
      reinstatementRequestNeeds(ids),
    ),
  );
}

/**
 * Builds (or rebuilds) the printable 复核清单 of customers still to review this cycle: a
 * sheet for paper, so traced (its footer's code and its log row, trace.ts) and a look at
 * every customer on it (lookList rows), refused to someone the rule 查询权限 does not allow.
 */
export function buildReviewList(env: ExcelEnv, person: string, now: Now) {
  return guarded(() =>
    readPlanApply(
      env,
      { needs: worklistNeeds() },
      undefined,
      async ({ snapshot, settings, trust }) => {
        const time = `${now.date}T${now.time}`;
        const looker = lookerOf(env, person);
        const refusal = looker && lookRefusal(settings, trust, looker, time);
        if (refusal) return { listed: 0, code: "", problems: [refusal], writes: [] };
        const lang = langOf(env.displayLanguage);
        const worklist = reviewWorklist(journalRegister(snapshot), settings, now.date);
        const due = worklist.items.filter((i) => i.state !== "done");
        const sheet = tracedSheets(
          buildReviewSheet(worklist, snapshot, lang),
          "buildReviewList",
          person,
          time,
          lang,
        );
        const [name = "", code = ""] = [...sheet.codes][0] ?? [];
        const log = await appendToLog(readSheet(changeLog, snapshot), [
          ...sheet.entries,
          ...lookListEntries(
            person,
            time,
            name,
            due.map((i) => i.id),
            REVIEW_PURPOSE[lang],
          ),
        ]);
        return { listed: due.length, code, problems: [] as Problem[], writes: [...sheet.writes, ...log] };
      },
      (names) => names.filter((n) => n === reviewSheetName.zh || n === reviewSheetName.en),
    ),
  );
}
