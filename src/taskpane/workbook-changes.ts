/** What the pane hears of changes to the workbook while it is open (App). */
import * as React from "react";
import type { ExcelEnv } from "../excel/env";
import { watchRemoteChanges } from "../excel/remote-changes";
import { ChangeWatch } from "../excel/change-watch";

/**
 * Another person changed the workbook (worksheets.onChanged with source Remote): what the
 * pages show may be out of date until they read again. A plan is never applied stale — a
 * writing action reads again under the write lease (excel/lease.ts) — so this is about what
 * people see, not what gets written. And every change to cells, whoever made it, is heard
 * for Validate to read again only what changed (excel/change-watch.ts).
 */
export function useWorkbookChanges(env: ExcelEnv): { changed: boolean; seen: () => void } {
  const [changed, setChanged] = React.useState(false);
  React.useEffect(() => void watchRemoteChanges(env, () => setChanged(true)), [env]);
  // Every change to cells, for Validate to read again only what changed (change-watch.ts).
  React.useEffect(() => {
    if (env.sheetNames) void (env.sheetNames.changes ??= new ChangeWatch()).start(env);
  }, [env]);
  return { changed, seen: () => setChanged(false) };
}
