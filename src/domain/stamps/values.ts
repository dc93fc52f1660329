import { text } from "../records";
import type { Cell } from "../workbook";
import { lastMaker } from "../compact";

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
  // Built in place (entries and fromEntries made three arrays a row), compact (compact.ts):
  // a Register row's 33 fields given one at a time made a hash table of every row's text.
  const keys = Object.keys(values);
  const out = blankFor(keys)() as Record<string, string>;
  for (const key of keys) if (key !== "__proto__") out[key] = text(values[key]);
  // A key that is not a plain one is defined, never assigned, as fromEntries would.
  if (keys.includes("__proto__"))
    Object.defineProperty(out, "__proto__", {
      value: text(values.__proto__),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

const blankFor = lastMaker();
