import { findSheet } from "../../domain/layout";
import { checkWorkbook, checkedSheets, type ValidationOutcome } from "../../domain/workbook-check";
import { Book } from "../book";
import type { LogHead } from "../../domain/journal/head";
import type { ExcelEnv } from "../env";
import { guarded } from "./result";

export type { LocatedProblem, ValidationOutcome } from "../../domain/workbook-check";

/**
 * "Validate workbook": reads Register, Intake, Settings, Staff, the archives and the logs
 * in one batch; checks every row, verifies every stamp and the log's chain; writes nothing.
 */
export function validateWorkbook(
  env: ExcelEnv,
  today: string,
  pinnedAdmin?: string,
  seenHeads: LogHead[] = [],
  /** The time now, "HH:MM": whether a sheet shown for a while is still within its time. */
  time = "00:00",
) {
  return guarded<ValidationOutcome>(() =>
    env.run(async (context) => {
      const book = new Book(context, env.platform);
      const snapshot = await book.read((names) =>
        checkedSheets.map((s) => findSheet(s, names)?.name).filter((n): n is string => !!n),
      );
      return checkWorkbook(snapshot, today, pinnedAdmin, true, seenHeads, `${today}T${time}`);
    }),
  );
}
