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
import { customerOfSelection } from "./actions/card";
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

/**
 * Tells `onCustomer` the customer of each new selection (customerOfSelection: the selected
 * row and the sheet's header rows, no more), and says nothing of a selection outside a
 * customer's row or a read that failed. One read at a time: changes made while one runs
 * fold into a single read after it, so a held arrow key costs two reads, not twenty.
 * Returns what stops it.
 */
export function followSelectedCustomer(
  env: ExcelEnv,
  changes: SelectionChanges,
  onCustomer: (id: string) => void,
): () => void {
  let stopped = false;
  let reading = false;
  let again = false;
  const read = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const found = await customerOfSelection(env);
        if (!stopped && !again && found.ok && found.id) onCustomer(found.id);
      } while (again && !stopped);
    } finally {
      reading = false;
    }
  };
  const stop = changes.listen(() => void read());
  return () => {
    stopped = true;
    stop();
  };
}
