import { text } from "../records";
import type { Cell } from "../workbook";

/**
 * A row's fields as a stamp sees them: every value as text, by column key. Made once for a
 * row's values as read (frozen, records.ts): Validate asks for every row's, and again after an
 * edit for rows whose findings are not kept (issue 15). Frozen: shared by all who ask.
 */
export function stampedValues(values: Readonly<Record<string, Cell>>): Readonly<Record<string, string>> {
  if (!Object.isFrozen(values)) return asText(values);
  let made = madeFor.get(values);
  if (!made) madeFor.set(values, (made = Object.freeze(asText(values))));
  return made;
}

const madeFor = new WeakMap<object, Readonly<Record<string, string>>>();

function asText(values: Readonly<Record<string, Cell>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v)]));
}
