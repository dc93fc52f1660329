import { planSetup } from "../../domain/setup";
import { findSheet, langOf } from "../../domain/layout";
import {
  archivePast,
  archiveSuspended,
  changeLog,
  destructionLog,
  register,
  setUpSheets,
} from "../../domain/schema/sheets";
import { planAdoption } from "../../domain/journal/adopt";
import { readPlanApply } from "./read-plan-apply";
import type { Lang } from "../../domain/schema/model";
import { Book } from "../book";
import type { ExcelEnv } from "../env";
import { guarded } from "./result";
import { withLease } from "../lease";
import { readNeeds } from "../partial";
import { indexWrites } from "../../domain/register-index";
import { DUP_INDEX } from "../../domain/validate/index-cell";

export interface SetupOutcome {
  lang: Lang;
  created: string[];
  completed: { sheet: string; columns: string[] }[];
  /** Columns already there that were given their number format (a register kept by hand). */
  formatted: { sheet: string; columns: string[] }[];
}

/**
 * "Set up workbook": creates what is missing, leaves what is there. Reads once, writes once;
 * in a workbook already set up, under the write lease (someone else may be writing).
 */
export function setUpWorkbook(env: ExcelEnv) {
  return guarded<SetupOutcome>(() =>
    withLease(env, () =>
      env.run(async (context) => {
        const book = new Book(context, env.platform, undefined, env.sheetNames);
        // Set-up looks at header rows, and at an existing Register's four columns the duplicate index is made of.
        const snapshot = await book.readHeaders(
          (names) => setUpSheets.map((s) => findSheet(s, names)?.name).filter((n): n is string => !!n),
          true,
        );
        const report = planSetup(snapshot, langOf(env.displayLanguage));
        await book.apply(report.writes);
        // A Register already there: its duplicate index made true where rows were typed in,
        // or set up before it (register-index.ts); its four columns read, never the rows.
        const name = findSheet(register, snapshot.sheetNames)?.name;
        if (name && !report.created.includes(name)) {
          const columns = await readNeeds(book, [
            { schema: register, columns: ["uscc", "name", "phone", DUP_INDEX] },
          ]);
          await book.apply(indexWrites(columns));
        }
        return {
          lang: report.lang,
          created: report.created,
          completed: report.completed,
          formatted: report.formatted,
        };
      }),
    ),
  );
}

/**
 * Takes a register kept by hand before the add-in into the journal (see
 * domain/journal/adopt.ts): the pane runs it right after the first set-up.
 */
export function adoptExistingRegister(env: ExcelEnv, person: string, now: { date: string; time: string }) {
  return guarded(() =>
    readPlanApply(
      env,
      [register, archiveSuspended, archivePast, destructionLog, changeLog],
      undefined,
      ({ snapshot }) => planAdoption(snapshot, person, now, langOf(env.displayLanguage)),
    ),
  );
}
