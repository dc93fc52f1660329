/**
 * The write lease: several people work in one shared workbook (Excel co-authoring has no
 * locks and no transactions), so a writing action first claims the register for itself in
 * one Settings cell (写入租约), waits long enough for the claim to reach every co-author
 * (the settle time), and reads it again: only the person whose claim is there writes; the
 * other is told who is writing and to try again, with nothing of theirs written. Two claims
 * made at once end as one value everywhere (the last writer of a cell wins), so exactly one
 * goes ahead when the settle time is more than twice the time a change takes to reach the
 * others. A claim expires by itself, so a closed pane never blocks anyone for long.
 * docs/decisions.md, "Several people in one workbook".
 */

export interface Lease {
  token: string;
  /** Milliseconds since the epoch. */
  until: number;
  person: string;
}

/** The cell's words: token, expiry (ISO, UTC) and the person, so people reading Settings see who. */
export function leaseCell(lease: Lease): string {
  return `${lease.token} ${new Date(lease.until).toISOString()} ${lease.person}`;
}

/** The lease a cell holds, if it reads as one. */
export function parseLease(cell: string): Lease | undefined {
  const m = /^(\S+) (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)(?: (.*))?$/.exec(cell.trim());
  if (!m) return undefined;
  const until = Date.parse(m[2]!);
  return Number.isNaN(until) ? undefined : { token: m[1]!, until, person: m[3] ?? "" };
}

/** Who else holds the register now, when someone does (an expired or unreadable claim holds nothing). */
export function heldByOther(cell: string, token: string, now: number): Lease | undefined {
  const lease = parseLease(cell);
  return lease && lease.token !== token && lease.until > now ? lease : undefined;
}
