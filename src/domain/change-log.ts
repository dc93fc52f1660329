/**
 * 变更记录 — the append-only trail of every change (随时记入), and the journal the
 * customer life cycle trusts (see journal/). Each row carries a hash chained to the row
 * before it, so a row deleted, edited or moved in Excel breaks the chain there, and
 * Validate says where — every break, not only the first.
 *
 * A row about a customer or a request keeps that customer's words (old and new values)
 * under a salted commitment: the chain covers `digest = sha256(salt, old, new)`, not the
 * words. Destroying the customer later blanks the words and the salt (the salt cell then
 * reads "-") and the row still verifies, while the digest alone tells nothing about what
 * it hid. Rows that only move a customer between places or name a request keep their
 * values in plain sight: they are the proof, not the person. See docs/decisions.md.
 */
import { sha256Sync } from "./digest";
import type { Problem } from "./problem";
import { canonicalJson, hex } from "./stamps/encoding";

/**
 * SHA-256 in hex, synchronously (digest.ts): a log of 300,000 rows is hashed in one pass (a
 * few µs a row) instead of one round trip to WebCrypto's thread pool per row. Tested
 * against WebCrypto's digest.
 */
export { sha256Sync };

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
  /** The action run (操作编号) this row belongs to: an intent and its "done" share it. */
  op?: string;
  /** The intake request the row is about (申请编号). */
  requestNo?: string;
  /** The approval an intent rests on: a stamp line, or the digest of a request's stamps. */
  approval?: string;
  /** On a plain row, a digest of content the row stands for (a destroyed record's). */
  digest?: string;
}

export interface LoggedChange extends ChangeEntry {
  op: string;
  requestNo: string;
  approval: string;
  digest: string;
  /** "" on a plain row, random hex on a salted one, ERASED once its words were destroyed. */
  salt: string;
  hash: string;
}

/** The chain starts from this value, so an emptied log cannot pass for a fresh one with rows. */
export const GENESIS = "customer-register/change-log/v2";

/**
 * Entries a co-author's write replaced, appended again by the pane that wrote them
 * (log-repair.ts), end with a `relog` entry; when some of that pane's surviving entries
 * now hang from a lost predecessor, with a `rechain` entry naming them instead — a keyed
 * act (log-signing.ts), so only a sealed one is trusted.
 */
export const RELOG = "relog";
export const RECHAIN = "rechain";

/**
 * The rows whose chain break a `rechain` entry explains: hash → the index of the last
 * `rechain` row naming it and its person. It counts only after the break, and only for a
 * row of its own person: a pane vouches for its own entries, never for someone else's.
 */
export function excusedBreaks(
  rows: { action: string; person: string; oldValue: string }[],
): Map<string, { index: number; person: string }> {
  const out = new Map<string, { index: number; person: string }>();
  rows.forEach((r, index) => {
    if (r.action === RECHAIN)
      for (const hash of r.oldValue.split(/\s+/).filter(Boolean)) out.set(hash, { index, person: r.person });
  });
  return out;
}

/** What the salt cell holds once a destruction blanked the row's words. */
export const ERASED = "-";

/** Fields whose values are facts of the register's own (places, numbers, stamps), never a person's words. */
const PLAIN_FIELDS = new Set(["place", "status", "requestNo", "stamps", "intakeStatus", "loanNo", "sheet"]);

/** Whether a row's old and new values are kept under a salted commitment, so they can be erased. */
export function isSalted(entry: ChangeEntry): boolean {
  return (
    !!(entry.customerId || entry.requestNo) &&
    !PLAIN_FIELDS.has(entry.field) &&
    !!(entry.oldValue || entry.newValue)
  );
}

export function valuesDigest(salt: string, oldValue: string, newValue: string): string {
  return sha256Sync(canonicalJson([salt, oldValue, newValue]));
}

export function randomSalt(): string {
  return hex(crypto.getRandomValues(new Uint8Array(16)).buffer);
}

function chainInput(entry: LoggedChange): string {
  const { time, person, action, op, customerId, requestNo, field, reason, approval, digest, salt } = entry;
  // A fixed order, so the bytes hashed never depend on how the row was read.
  return JSON.stringify([
    time,
    person,
    action,
    op,
    customerId,
    requestNo,
    field,
    reason,
    approval,
    digest,
    // A salted row is chained through its digest, so its words can go; a plain row through its words.
    salt ? null : [entry.oldValue, entry.newValue],
  ]);
}

export function chainHash(previous: string, entry: LoggedChange): string {
  return sha256Sync(previous + chainInput(entry));
}

/** Salts and hashes new entries onto the end of a log whose last hash is `last` (GENESIS when empty). */
export async function chainEntries(last: string, entries: ChangeEntry[]): Promise<LoggedChange[]> {
  const out: LoggedChange[] = [];
  let previous = last;
  for (const entry of entries) {
    const salt = isSalted(entry) ? randomSalt() : "";
    const row: LoggedChange = {
      ...entry,
      op: entry.op ?? "",
      requestNo: entry.requestNo ?? "",
      approval: entry.approval ?? "",
      salt,
      digest: salt ? valuesDigest(salt, entry.oldValue, entry.newValue) : (entry.digest ?? ""),
      hash: "",
    };
    row.hash = previous = chainHash(previous, row);
    out.push(row);
  }
  return out;
}

/** The row with its words destroyed: blank values, salt marked erased, digest and hash kept. */
export function erased(entry: LoggedChange): LoggedChange {
  return { ...entry, oldValue: "", newValue: "", salt: ERASED };
}

/** Whether a row's customer was destroyed, is being destroyed (an unfinished intent), or neither. */
export type Erasure = "destroyed" | "pending" | "none";

/**
 * Whether a row's hash follows from the hash above it and its words from their digest.
 * Kept with a row as read (frozen, journal.ts journalRowOf) for the hash above it: a Validate
 * after an act hashes only the rows appended, and the row after an edited one (issue 15).
 */
const chainChecks = new WeakMap<LoggedChange, { previous: string; hash: boolean; digest: boolean }>();
function checked(entry: LoggedChange, previous: string): { hash: boolean; digest: boolean } {
  const known = chainChecks.get(entry);
  if (known && known.previous === previous) return known;
  const found = {
    previous,
    hash: chainHash(previous, entry) === entry.hash,
    digest:
      !entry.salt ||
      entry.salt === ERASED ||
      valuesDigest(entry.salt, entry.oldValue, entry.newValue) === entry.digest,
  };
  if (Object.isFrozen(entry)) chainChecks.set(entry, found);
  return found;
}

/**
 * A row's findings as bits — 1: its hash follows from `previous`; 2: its words from their
 * salted digest (or it has none to) — worked out where the check is not (chain-beside.ts).
 */
export function chainFinding(entry: LoggedChange, previous: string): number {
  const found = checked(entry, previous);
  return (found.hash ? 1 : 0) | (found.digest ? 2 : 0);
}

/** Keeps a row's findings (`chainFinding`) worked out elsewhere from the very same row, as if found here. */
export function rememberChainFinding(entry: LoggedChange, previous: string, bits: number): void {
  if (Object.isFrozen(entry))
    chainChecks.set(entry, { previous, hash: (bits & 1) !== 0, digest: (bits & 2) !== 0 });
}

/** Whether a row's hash follows from `previous`, the hash written on the row above it (GENESIS at the top). */
export const hashHolds = (entry: LoggedChange, previous: string): boolean => checked(entry, previous).hash;

/**
 * Every row (Excel row number) whose hash does not follow from the row above it, or whose
 * words no longer match their salted digest, as problems; none when the log holds. Each
 * row is checked against the hash written on the row before it, so one edit or deletion
 * is one problem and the rows after it still count. `erasure` says whose words a
 * destruction blanks: a row erased for anyone else is reported, and words standing in an
 * erased row once its destruction is done are a destroyed customer's data.
 */
export async function verifyChain(
  rows: { row: number; entry: LoggedChange }[],
  erasure: (entry: LoggedChange) => Erasure = () => "none",
): Promise<Problem[]> {
  const problems: Problem[] = [];
  let previous = GENESIS;
  // Rows whose predecessor a co-author's write replaced, named by a later repair (log-repair.ts).
  const excused = excusedBreaks(rows.map((r) => r.entry));
  // One function, not one made for each of 300,000 rows.
  const broken = (
    { row, entry }: { row: number; entry: LoggedChange },
    rule: "log.chainBroken" | "log.erased" | "journal.destroyedData",
    column: string,
  ) => problems.push({ sheet: "changeLog", row, column, rule, value: entry.hash });
  for (const [index, at] of rows.entries()) {
    const { entry } = at;
    if (entry.salt === ERASED) {
      // The salt goes first, then the words: a destruction cut between them leaves words to blank.
      const state = erasure(entry);
      if (state === "none") broken(at, "log.erased", "salt");
      else if ((entry.oldValue || entry.newValue) && state === "destroyed")
        broken(at, "journal.destroyedData", "newValue");
    } else if (entry.salt) {
      if (!checked(entry, previous).digest) broken(at, "log.chainBroken", "newValue");
    }
    const excuse = excused.get(entry.hash);
    if (!checked(entry, previous).hash && !(excuse && excuse.index > index && excuse.person === entry.person))
      broken(at, "log.chainBroken", "hash");
    previous = entry.hash;
  }
  return problems;
}
