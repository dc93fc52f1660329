/**
 * The card page following the selected customer (issue 17): apart from selection-changes.ts,
 * which the pane's shell loads at start, because it reads through the card's code — the
 * card page's chunk, not the shell's (issue 15: what Excel loads at start).
 */
import { customerOfSelection } from "./actions/card";
import type { ExcelEnv } from "./env";
import type { SelectionChanges } from "./selection-changes";

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
