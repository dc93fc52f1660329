/** Contact log, major matters to report, annual results: the pane actions. */
import {
  majorToReport,
  openMajor,
  planAnnualResult,
  planContact,
  planReported,
  type AnnualResultEntry,
  type ContactEntry,
} from "../../domain/contacts";
import { langOf } from "../../domain/layout";
import { annualResults, archivePast, archiveSuspended, contacts, register } from "../../domain/schema/sheets";
import type { ExcelEnv } from "../env";
import { logSkeleton, type Need } from "../../domain/partial-read";
import { readPlanApply } from "./read-plan-apply";
import { guarded } from "./result";
import type { Now } from "./workflow";

const known = [register, archiveSuspended, archivePast];

/**
 * What recording one contact needs (issue 15): the customer's rows on the Register and the
 * archives, found by Excel (they say it exists), the Contact log's numbers, the Change
 * log's trust skeleton and its last row — never a whole large sheet.
 */
export const contactNeeds = (customerId: string): Need[] => [
  ...customerRows(customerId),
  // The next contact number: the highest one found without the column (partial-read.ts `highest`).
  { schema: contacts, highest: { column: "contactNo", prefix: "LX" } },
  logSkeleton(),
];

/** The rows of the Register and the archives holding this ID, found by Excel's counts (partial-read.ts `keyed`). */
const customerRows = (customerId: string): Need[] =>
  known.map((schema) => ({ schema, keyed: { column: "id", keys: [customerId.trim()] } }));

export function addContact(env: ExcelEnv, entry: ContactEntry, person: string, now: Now) {
  return guarded(() =>
    readPlanApply(env, { needs: contactNeeds(entry.customerId) }, undefined, ({ snapshot, settings }) =>
      planContact(snapshot, settings, entry, person, now, langOf(env.displayLanguage)),
    ),
  );
}

/** Of the Contact log, the major matters not yet reported: found by two columns, read whole. */
export const majorNeeds: Need[] = [
  {
    schema: contacts,
    peek: ["major", "reportedBy"],
    pick: openMajor,
  },
];

/** Major matters not yet reported; reads only. */
export function loadMajorMatters(env: ExcelEnv) {
  return guarded(() =>
    readPlanApply(env, { needs: majorNeeds }, undefined, async ({ snapshot }) => ({
      matters: majorToReport(snapshot),
      writes: [],
    })),
  );
}

export function markReported(env: ExcelEnv, contactNos: string[], person: string, now: Now) {
  return guarded(() =>
    readPlanApply(env, { needs: [...majorNeeds, logSkeleton()] }, undefined, ({ snapshot }) =>
      planReported(snapshot, contactNos, person, now),
    ),
  );
}

/** What recording a year's results needs: as a contact, and of Annual results only where it ends. */
export const annualResultNeeds = (customerId: string): Need[] => [
  ...customerRows(customerId),
  { schema: annualResults, columns: [] },
  logSkeleton(),
];

export function addAnnualResult(env: ExcelEnv, entry: AnnualResultEntry, person: string, now: Now) {
  return guarded(() =>
    readPlanApply(env, { needs: annualResultNeeds(entry.customerId) }, undefined, ({ snapshot, settings }) =>
      planAnnualResult(snapshot, settings, entry, person, now, langOf(env.displayLanguage)),
    ),
  );
}
