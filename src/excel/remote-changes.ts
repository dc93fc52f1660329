/**
 * Another person's changes to the workbook (Excel co-authoring): worksheets.onChanged
 * (ExcelApi 1.9) with source "Remote". The pane uses it to say its pages may be out of date.
 */
import type { ExcelEnv } from "./env";

/** Calls `listener` whenever changes from another co-author arrive; quietly nothing where events are not supported. */
export async function watchRemoteChanges(env: ExcelEnv, listener: () => void): Promise<void> {
  await env
    .run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (event) => {
        if (event.source === "Remote") listener();
      });
      await context.sync();
    })
    .catch(() => undefined);
}
