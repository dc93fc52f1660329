/**
 * Duplicate customers across the Register and open Intake requests: the same credit code,
 * the same normalised company name, or a phone number in common. One problem per later
 * row, pointing at the first row that had it. Linear in the number of rows.
 */
import type { Problem, RuleKey } from "../problem";
import { normaliseCompanyName } from "./company-name";
import { phoneKeys } from "./phone";
import { toHalfWidth } from "./text";
import { Remembered } from "../memo";

export interface DuplicateCandidate {
  sheet: string;
  row: number;
  uscc?: string;
  name?: string;
  phones?: string;
}

/**
 * A company name's and a phone cell's normal forms, remembered by their text: a second
 * Validate in the pane's worker normalises only names and phones it has not met (issue 15).
 */
const nameKeys = new Remembered<string>(300_000);
const phoneKeySets = new Remembered<readonly string[]>(300_000);
const nameKey = (name: string) => nameKeys.of(name, () => normaliseCompanyName(name));
const phoneKeysOf = (phones: string) =>
  phoneKeySets.of(phones, () => Object.freeze([...new Set(phoneKeys(phones))]));

export function findDuplicates(rows: DuplicateCandidate[]): Problem[] {
  const problems: Problem[] = [];
  const firsts: Record<"uscc" | "name" | "phone", Map<string, DuplicateCandidate>> = {
    uscc: new Map(),
    name: new Map(),
    phone: new Map(),
  };
  const note = (kind: "uscc" | "name" | "phone", key: string, row: DuplicateCandidate, value: string) => {
    if (!key) return false;
    const first = firsts[kind].get(key);
    if (!first) {
      firsts[kind].set(key, row);
      return false;
    }
    problems.push({
      sheet: row.sheet,
      row: row.row,
      column: kind,
      rule: `duplicate.${kind}` as RuleKey,
      value,
      detail: { otherSheet: first.sheet, otherRow: first.row },
    });
    return true;
  };
  for (const row of rows) {
    const uscc = toHalfWidth(row.uscc ?? "")
      .replace(/[\s-]/g, "")
      .toUpperCase();
    note("uscc", uscc, row, row.uscc ?? "");
    note("name", nameKey(row.name ?? ""), row, row.name ?? "");
    const phones = row.phones ?? "";
    for (const key of phoneKeysOf(phones)) if (note("phone", key, row, phones)) break;
  }
  return problems;
}
