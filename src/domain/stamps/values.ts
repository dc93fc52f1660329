import { text } from "../records";
import type { Cell } from "../workbook";
import { lastMaker } from "../compact";

/**
 * A row's fields as a stamp sees them: every value as text, by column key. Made when asked,
 * never kept: Validate asks once per row, and a row's findings are kept (verification.ts),
 * not its texts — kept with every row's values, they were a second object per Register and
 * Intake row for the collector to carry (issue 15).
 */
export function stampedValues(values: Readonly<Record<string, Cell>>): Readonly<Record<string, string>> {
  // Built in place (entries and fromEntries made three arrays a row), compact (compact.ts):
  // a Register row's 33 fields given one at a time made a hash table of every row's text.
  // A `__proto__` key is an own field of the blank, so writing it writes that field.
  const keys = Object.keys(values);
  const out = blankFor(keys)() as Record<string, string>;
  for (const key of keys) out[key] = text(values[key]);
  return out;
}

const blankFor = lastMaker();
