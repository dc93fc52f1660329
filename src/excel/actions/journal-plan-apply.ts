/**
 * Actions over the journal (domain/journal/run.ts), on readPlanApply: apart from it, so the
 * pane's shell — which reads through readPlanApply — does not load the journal's code at
 * start (issue 15).
 */
import { isListSheet } from "../../domain/department-lists";
import { isPrintoutSheet } from "../../domain/journal/erase";
import type { Problem } from "../../domain/problem";
import {
  annualResults,
  archivePast,
  archiveSuspended,
  changeLog,
  contacts,
  destructionLog,
  intake,
  register,
} from "../../domain/schema/sheets";
import type { Write } from "../../domain/workbook";
import type { ExcelEnv } from "../env";
import { readPlanApply, type Context } from "./read-plan-apply";
import type { Need } from "../../domain/partial-read";
import { readJournal } from "../../domain/journal/journal";
import type { Snapshot } from "../../domain/workbook";

/** What an action that changes customers on department lists needs (see `journalPlanApply`). */
export interface Listing {
  needs: Need[];
  listing: true;
}
export const listing = (needs: Need[]): Listing => ({ needs, listing: true });

/** Whether the log, as read, has an op that was started and not finished: a run must then read everything. */
const hasUnfinished = (snapshot: Snapshot) => readJournal(snapshot).unfinished.length > 0;

/** The sheets every run over the journal reads: whatever an unfinished intent may need to be finished. */
export const journalSheets = [
  register,
  intake,
  archiveSuspended,
  archivePast,
  destructionLog,
  changeLog,
  contacts,
  annualResults,
];

/**
 * A writing action over the journal (see domain/journal/run.ts): reads the journal's
 * sheets (and, reading them whole, the printouts a destruction may have to clear), plans, applies. While the
 * administrator differs from the one this device pinned, it plans nothing: no stamp can
 * be trusted, so nothing is finished or done.
 */
export function journalPlanApply<T extends { writes: Write[]; problems: Problem[] }>(
  env: ExcelEnv,
  pinnedAdmin: string | undefined,
  nothing: Omit<T, "writes" | "problems">,
  plan: (context: Context) => Promise<T>,
  sizesOf: (sheetNames: string[]) => string[] = (names) => names.filter(isListSheet),
  /**
   * What the action needs of each sheet when the log has no unfinished op (domain/journal/needs.ts);
   * with one, or without this, the journal's sheets are read whole. An action that changes
   * customers on department lists (`listing`) reads whole where no list stands yet: the first
   * list of a department holds customers it would not have read.
   */
  needs?: Need[] | Listing,
) {
  const listing = needs && !Array.isArray(needs);
  const need = needs && (Array.isArray(needs) ? needs : needs.needs);
  return readPlanApply(
    env,
    need
      ? {
          needs: need,
          orWhole: {
            sheets: journalSheets,
            when: hasUnfinished,
            ...(listing ? { before: (names: string[]) => !names.some(isListSheet) } : {}),
          },
        }
      : journalSheets,
    pinnedAdmin,
    async (context) =>
      context.trust.adminChanged ? ({ ...nothing, problems: [], writes: [] } as unknown as T) : plan(context),
    sizesOf,
    // Printouts, read whole only when everything is (an op unfinished may be a destruction cut
    // off): a review list or a month's lists of 100,000 customers cost 6 MB a read (issue 15).
    // A destruction finds its customers' lines on them (erase.ts, FindWords).
    (names) => names.filter(isPrintoutSheet),
    false,
  );
}
