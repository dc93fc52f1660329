/**
 * The end of the Change log as a device last saw it. The chain proves order and that no
 * row in the middle changed, but not that the log still reaches as far as it did: its
 * last rows can be deleted, the whole log emptied, or every hash recomputed after an edit.
 * Each device remembers, per log, the head it last saw (how many rows, and the last row's
 * hash); a log that no longer extends that head — fewer rows, or a different hash at that
 * row — is reported, and the device keeps the old head until someone sorts it out.
 *
 * A log is told apart from another workbook's by the hash of its first row (a deleted
 * first row breaks the chain there, which Validate reports anyway). An empty log has no
 * first row: it is reported as emptied when the device remembers a log of the same
 * administrator (the trust root it pinned), so a new workbook of another office, or one
 * with no administrator yet, is not mistaken for an emptied one.
 */
import type { Problem } from "../problem";
import type { ReadSheet } from "../records";
import { text } from "../records";

export interface LogHead {
  /** The hash of the log's first row: which log this is ("" when empty). */
  first: string;
  /** Rows on the Change log below its header. */
  rows: number;
  /** The hash of the last of them ("" when there are none). */
  hash: string;
  /** The trust root (administrator fingerprint) of the workbook, when it had one. */
  root?: string;
}

/** The head of the log as it stands now. */
export function logHead(log: ReadSheet, root?: string): LogHead {
  const first = log.records[0];
  const last = log.records[log.records.length - 1];
  return {
    first: first ? text(first.values.hash) : "",
    rows: log.records.length,
    hash: last ? text(last.values.hash) : "",
    ...(root ? { root } : {}),
  };
}

/** The head a device remembers for this log, if any. */
export function seenHeadOf(log: ReadSheet, seen: LogHead[], root?: string): LogHead | undefined {
  const first = log.records[0];
  if (first) return seen.find((h) => h.first === text(first.values.hash));
  return root ? seen.find((h) => h.root === root && h.rows > 0) : undefined;
}

/** What is wrong, if anything, with a log that should extend the head a device saw. */
export function headProblems(log: ReadSheet, seen: LogHead | undefined): Problem[] {
  if (!seen || seen.rows === 0) return [];
  const now = log.records;
  if (now.length < seen.rows)
    return [
      {
        sheet: "changeLog",
        row: now.length + 2,
        column: "hash",
        rule: "log.truncated",
        value: String(seen.rows - now.length),
        detail: { missing: seen.rows - now.length, seen: seen.rows, now: now.length },
      },
    ];
  const at = now[seen.rows - 1]!;
  if (text(at.values.hash) !== seen.hash)
    return [
      {
        sheet: "changeLog",
        row: at.row,
        column: "hash",
        rule: "log.rewritten",
        value: seen.hash.slice(0, 12),
        detail: { seen: seen.rows },
      },
    ];
  return [];
}

/** The remembered heads with this log's new head in place of its old one. */
export function rememberHead(seen: LogHead[], head: LogHead): LogHead[] {
  if (head.rows === 0) return seen;
  return [...seen.filter((h) => h.first !== head.first), head].slice(-20);
}
