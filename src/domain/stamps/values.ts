import { text } from "../records";
import type { Cell } from "../workbook";

/** A row's fields as a stamp sees them: every value as text, by column key. */
export function stampedValues(values: Record<string, Cell>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v)]));
}
