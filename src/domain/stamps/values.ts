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
  // Built in place (entries and fromEntries made three arrays a row); a key that is not a
  // plain one is defined, never assigned, as fromEntries would.
  const out: Record<string, string> = {};
  for (const key of Object.keys(values))
    if (key === "__proto__")
      Object.defineProperty(out, key, {
        value: text(values[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[key] = text(values[key]);
  return out;
}
