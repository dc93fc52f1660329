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

/** What candidates are compared by: the credit code, company name and phone numbers in their normal forms. */
export interface DuplicateKeys {
  uscc: string;
  name: string;
  /** Each number's digits, once. */
  phones: readonly string[];
}

/** A candidate whose keys were worked out beforehand (Validate remembers them with the row). */
export interface KeyedCandidate extends DuplicateCandidate {
  keys: DuplicateKeys;
}

/** The keys of a candidate's credit code, company name and phone cell. */
export function duplicateKeys(uscc: string, name: string, phones: string): DuplicateKeys {
  return { uscc: usccKey(uscc), name: normaliseCompanyName(name), phones: phoneKeySet(phones) };
}

const usccKey = (uscc: string) => toHalfWidth(uscc).replace(/[\s-]/g, "").toUpperCase();

const NO_PHONES: readonly string[] = Object.freeze([]);

/** The digits of each number in a phone cell, each once, in the order they stand. */
function phoneKeySet(phones: string): readonly string[] {
  const keys = phoneKeys(phones);
  if (keys.length === 0) return NO_PHONES;
  // One number (most cells) is its own set.
  return Object.freeze(keys.length === 1 ? keys : [...new Set(keys)]);
}

/**
 * A company name's and a phone cell's normal forms, remembered by their text: a second
 * check of an intake request normalises only names and phones it has not met (issue 15).
 */
const nameKeys = new Remembered<string>(300_000);
const phoneKeySets = new Remembered<readonly string[]>(300_000);
const nameKey = (name: string) => nameKeys.of(name, () => normaliseCompanyName(name));
const phoneKeysOf = (phones: string) => phoneKeySets.of(phones, () => phoneKeySet(phones));

/**
 * The Register's hidden column where the add-in keeps each row's keys (issue 15): filing a
 * request asks Excel to count them (COUNTIF) instead of reading the credit codes, names and
 * phones of every customer. Written with every row the add-in writes (journal/workspace.ts),
 * checked by Validate against the row's cells (`dupIndex.stale`).
 */
export { DUP_INDEX, isIndex } from "./index-cell";

/** Longer than this, COUNTIF could not be asked about the cell's keys: such a row is left unindexed, and read. */
const INDEX_MAX = 255;

/** Each key of a candidate as it stands in an index cell: `|U:…|`, `|N:…|`, `|P:…|` (one per number). */
export function indexFragments(keys: DuplicateKeys): string[] {
  return [
    ...(keys.uscc ? [`|U:${keys.uscc}|`] : []),
    ...(keys.name ? [`|N:${keys.name}|`] : []),
    ...keys.phones.map((p) => `|P:${p}|`),
  ];
}

/**
 * A row's index cell: its keys as `|U:…|N:…|P:…|` ("|" for a row with none), or "" where
 * that would be longer than COUNTIF takes (such a row is read at every filing).
 */
export function dupIndex(uscc: string, name: string, phones: string): string {
  return indexOfKeys({ uscc: usccKey(uscc), name: nameKey(name), phones: phoneKeysOf(phones) });
}

/** `dupIndex` of keys already worked out (Validate's, remembered with the row). */
export function indexOfKeys(keys: DuplicateKeys): string {
  // indexFragments run together, written out: made for every row Validate checks.
  let index = "|";
  if (keys.uscc) index += `U:${keys.uscc}|`;
  if (keys.name) index += `N:${keys.name}|`;
  for (const phone of keys.phones) index += `P:${phone}|`;
  return index.length > INDEX_MAX ? "" : index;
}

export function findDuplicates(rows: DuplicateCandidate[]): Problem[] {
  return findKeyedDuplicates(
    rows.map((row) => ({
      ...row,
      keys: {
        uscc: usccKey(row.uscc ?? ""),
        name: nameKey(row.name ?? ""),
        phones: phoneKeysOf(row.phones ?? ""),
      },
    })),
  );
}

/** findDuplicates over candidates whose keys are known. */
export function findKeyedDuplicates(rows: readonly KeyedCandidate[]): Problem[] {
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
    note("uscc", row.keys.uscc, row, row.uscc ?? "");
    note("name", row.keys.name, row, row.name ?? "");
    const phones = row.phones ?? "";
    for (const key of row.keys.phones) if (note("phone", key, row, phones)) break;
  }
  return problems;
}
