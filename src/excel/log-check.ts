/**
 * After a pane writes to the Change log, it looks again once the settle time has passed
 * and writes back what a co-author's write replaced (domain/log-repair.ts).
 */
import { langOf } from "../domain/layout";
import { logWriteSpan, lostEntries, planRelog, type LogWrite, type Lost } from "../domain/log-repair";
import { changeLog } from "../domain/schema/sheets";
import { Book } from "./book";
import type { ExcelEnv } from "./env";
import { readPlanApply } from "./actions/read-plan-apply";
import { guarded } from "./actions/result";

/** Which of the entries the pane wrote are still on their rows: reads those rows only. */
export async function checkLogWrite(env: ExcelEnv, written: LogWrite): Promise<Lost> {
  const span = logWriteSpan(written);
  const [now] = await env.run((excel) =>
    new Book(excel, env.platform, langOf(env.displayLanguage), env.sheetNames).readBlocks([
      { sheet: written.sheet, col: 0, ...span },
    ]),
  );
  return lostEntries(written, now ?? []);
}

/**
 * Writes the lost entries again at the end of the log, under the lease, after checking
 * once more on the log as it is then (a repair someone else already made is not repeated).
 */
export function relogLost(
  env: ExcelEnv,
  written: LogWrite,
  pinnedAdmin: string | undefined,
  person: string,
  now: { date: string; time: string },
) {
  return guarded(() =>
    readPlanApply(env, [changeLog], pinnedAdmin, async ({ snapshot }) => {
      const span = logWriteSpan(written);
      const rows = snapshot.sheets[written.sheet]?.values.slice(span.row, span.row + span.rows) ?? [];
      return planRelog(snapshot, written, lostEntries(written, rows), person, now);
    }),
  );
}
