/**
 * The end of the Change log as a device last saw it. The chain proves order and that no
 * row in the middle changed, but not that the log still reaches as far as it did: its
 * last rows can be deleted, the whole log emptied, or every hash recomputed after an edit.
 * Each device remembers the head it last saw (how many rows, and the last row's hash);
 * a log that no longer extends that head — fewer rows, or a different hash at that row —
 * is reported, and the device keeps the old head until someone sorts it out.
 */
import type { Problem } from "../problem";
import type { ReadSheet } from "../records";
import { text } from "../records";

export interface LogHead {
  /** Rows on the Change log below its header. */
  rows: number;
  /** The hash of the last of them ("" when there are none). */
  hash: string;
}

/** The head of the log as it stands now. */
export function logHead(log: ReadSheet): LogHead {
  const last = log.records[log.records.length - 1];
  return { rows: log.records.length, hash: last ? text(last.values.hash) : "" };
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
