import { findSheet } from "../../domain/layout";
import {
  checkInput,
  checkedSheets,
  type CheckInput,
  type CheckProgress,
  type CheckStep,
  type ValidationOutcome,
} from "../../domain/workbook-check";
import { Book } from "../book";
import type { LogHead } from "../../domain/journal/head";
import type { ExcelEnv } from "../env";
import { guarded } from "./result";

export type { LocatedProblem, ValidationOutcome } from "../../domain/workbook-check";

/** Where a check runs: here, or (the pane) in a Web Worker that keeps what it verified. */
export type Checker = (input: CheckInput, progress: CheckProgress) => Promise<ValidationOutcome>;

/** What Validate is doing: reading the workbook, then the check's steps. */
export type ValidateStep = "reading" | CheckStep;

/**
 * "Validate workbook": reads Register, Intake, Settings, Staff, the archives and the logs
 * in one batch; checks every row, verifies every stamp and the log's chain; writes nothing.
 * The check runs where `check` says — the pane's Web Worker keeps the pane responsive and
 * remembers what it verified for the next run — and tells its progress as it goes.
 */
export function validateWorkbook(
  env: ExcelEnv,
  today: string,
  pinnedAdmin?: string,
  seenHeads: LogHead[] = [],
  /** The time now, "HH:MM": whether a sheet shown for a while is still within its time. */
  time = "00:00",
  how: { check?: Checker; progress?: (step: ValidateStep, done: number, total: number) => void } = {},
) {
  const progress = how.progress ?? (() => {});
  return guarded<ValidationOutcome>(async () => {
    progress("reading", 0, 1);
    // Excel is read inside its batch; the check runs after it, wherever it is asked to.
    const snapshot = await env.run((context) =>
      new Book(context, env.platform, undefined, env.sheetNames).read((names) =>
        checkedSheets.map((s) => findSheet(s, names)?.name).filter((n): n is string => !!n),
      ),
    );
    const input: CheckInput = { snapshot, today, pinnedAdmin, seenHeads, now: `${today}T${time}` };
    return (how.check ?? checkInput)(input, progress);
  });
}
