/**
 * 变更记录 — the append-only trail of every change (随时记入). Each row carries a hash of
 * its own content chained to the hash of the row before it, so a row deleted, edited or
 * moved in Excel breaks the chain from that row on, and Validate says where.
 */
import type { Problem } from "./problem";
import { canonicalJson, sha256Hex } from "./stamps/encoding";

export interface ChangeEntry {
  /** ISO time, seconds precision. */
  time: string;
  person: string;
  action: string;
  customerId: string;
  field: string;
  oldValue: string;
  newValue: string;
  reason: string;
}

export interface LoggedChange extends ChangeEntry {
  hash: string;
}

/** The chain starts from this value, so an emptied log cannot pass for a fresh one with rows. */
export const GENESIS = "customer-register/change-log/v1";

export function chainHash(previous: string, entry: ChangeEntry): Promise<string> {
  const { time, person, action, customerId, field, oldValue, newValue, reason } = entry;
  return sha256Hex(
    previous + canonicalJson({ time, person, action, customerId, field, oldValue, newValue, reason }),
  );
}

/** Hashes new entries onto the end of a log whose last hash is `last` (GENESIS when empty). */
export async function chainEntries(last: string, entries: ChangeEntry[]): Promise<LoggedChange[]> {
  const out: LoggedChange[] = [];
  let previous = last;
  for (const entry of entries) {
    previous = await chainHash(previous, entry);
    out.push({ ...entry, hash: previous });
  }
  return out;
}

/**
 * The first row (Excel row number) whose hash does not follow from the rows above it,
 * as a problem; none when the chain holds.
 */
export async function verifyChain(rows: { row: number; entry: LoggedChange }[]): Promise<Problem[]> {
  let previous = GENESIS;
  for (const { row, entry } of rows) {
    const expected = await chainHash(previous, entry);
    if (expected !== entry.hash) {
      return [{ sheet: "changeLog", row, column: "hash", rule: "log.chainBroken", value: entry.hash }];
    }
    previous = entry.hash;
  }
  return [];
}
