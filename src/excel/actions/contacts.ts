/** Contact log, major matters to report, annual results: the pane actions. */
import {
  majorToReport,
  planAnnualResult,
  planContact,
  planReported,
  type AnnualResultEntry,
  type ContactEntry,
} from "../../domain/contacts";
import { langOf } from "../../domain/layout";
import {
  annualResults,
  archivePast,
  archiveSuspended,
  changeLog,
  contacts,
  register,
} from "../../domain/schema/sheets";
import type { ExcelEnv } from "../env";
import { readPlanApply } from "./read-plan-apply";
import { guarded } from "./result";
import type { Now } from "./workflow";

const known = [register, archiveSuspended, archivePast];

export function addContact(env: ExcelEnv, entry: ContactEntry, person: string, now: Now) {
  return guarded(() =>
    readPlanApply(env, [...known, contacts, changeLog], undefined, ({ snapshot, settings }) =>
      planContact(snapshot, settings, entry, person, now, langOf(env.displayLanguage)),
    ),
  );
}

/** Major matters not yet reported; reads only. */
export function loadMajorMatters(env: ExcelEnv) {
  return guarded(() =>
    readPlanApply(env, [contacts], undefined, async ({ snapshot }) => ({
      matters: majorToReport(snapshot),
      writes: [],
    })),
  );
}

export function markReported(env: ExcelEnv, contactNos: string[], person: string, now: Now) {
  return guarded(() =>
    readPlanApply(env, [contacts, changeLog], undefined, ({ snapshot }) =>
      planReported(snapshot, contactNos, person, now),
    ),
  );
}

export function addAnnualResult(env: ExcelEnv, entry: AnnualResultEntry, person: string, now: Now) {
  return guarded(() =>
    readPlanApply(env, [...known, annualResults, changeLog], undefined, ({ snapshot, settings }) =>
      planAnnualResult(snapshot, settings, entry, person, now, langOf(env.displayLanguage)),
    ),
  );
}
