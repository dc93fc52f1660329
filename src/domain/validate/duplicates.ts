/**
 * Duplicate customers across the Register and open Intake requests: the same credit code,
 * the same normalised company name, or a phone number in common. One problem per later
 * row, pointing at the first row that had it. Linear in the number of rows.
 */
import type { Problem, RuleKey } from "../problem";
import { normaliseCompanyName } from "./company-name";
import { phoneKeys } from "./phone";
import { toHalfWidth } from "./text";

export interface DuplicateCandidate {
  sheet: string;
  row: number;
  uscc?: string;
  name?: string;
  phones?: string;
}

/**
 * A pure function of one text, its answers remembered (bounded): a second Validate in the
 * pane's worker meets the same names and phones again and normalises only new ones (issue 15).
 */
function remembered<T>(fn: (text: string) => T, max: number): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined && !answers.has(text)) {
      answer = fn(text);
      if (answers.size >= max) answers.delete(answers.keys().next().value!);
      answers.set(text, answer);
    }
    return answer as T;
  };
}
const nameKey = remembered(normaliseCompanyName, 300_000);
const phoneKeysOf = remembered((phones: string) => Object.freeze([...new Set(phoneKeys(phones))]), 300_000);

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
