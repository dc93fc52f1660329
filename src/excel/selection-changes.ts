/**
 * The person moving around the workbook: workbook.onSelectionChanged (ExcelApi 1.2). The
 * card page follows the selected customer with it (issue 17).
 *
 * One handler for the pane's life, added at the first listener: removing a handler takes
 * the RequestContext it was added in (`Excel.run(eventResult.context, …)`, "Remove an event
 * handler", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events), which
 * the pane's runs do not keep. So the handler stays and listeners come and go: with none,
 * a change costs nothing — the handler itself never reads the workbook.
 */
import type { ExcelEnv } from "./env";

export interface SelectionChanges {
  /** Calls `listener` after each change of Excel's selection (the person's, or an add-in's select); returns what stops it. */
  listen(listener: () => void): () => void;
}

/** Changes of Excel's selection, for the pane's life. Quietly nothing where the event cannot be added. */
export function selectionChanges(env: ExcelEnv): SelectionChanges {
  const listeners = new Set<() => void>();
  let added: Promise<void> | undefined;
  const add = () =>
    env
      .run(async (context) => {
        context.workbook.onSelectionChanged.add(async () => {
          for (const listener of [...listeners]) listener();
        });
        await context.sync();
      })
      .catch(() => {
        // Not added (the request failed): the next listener tries again.
        added = undefined;
      });
  return {
    listen(listener) {
      listeners.add(listener);
      added ??= add();
      return () => void listeners.delete(listener);
    },
  };
}
