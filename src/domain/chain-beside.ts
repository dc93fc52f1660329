/**
 * The Change log's chain worked out beside Validate's check (issue 15).
 *
 * The pane's check runs in a Web Worker (taskpane/validate-in-pane.ts), and while it runs the
 * pane's own thread waits: on a machine of two cores, one of them idle for the whole check.
 * Each row's chain finding — does its hash follow from the hash written on the row above it,
 * do its words match their salted digest — stands on that row and the one above alone, so
 * the pane's thread works them out from the workbook it read and sent, a block of rows at a
 * time, letting itself go between blocks as it does while sending (check-message.ts). At
 * 100,000 customers that is 301,000 hashes of 1–3 KB each, about a tenth of a first Validate.
 *
 * The worker takes the findings when it comes to the log's seals (workbook-check.ts) and
 * keeps them where it keeps its own (change-log.ts `rememberChainFinding`), one for each of
 * its log's rows in order; findings of another number of rows are not taken, and the worker
 * works the chain out itself, as it does for every Validate read in part and wherever the
 * check runs on its own thread (the command-line tool).
 */
import { GENESIS, chainFinding, rememberChainFinding } from "./change-log";
import { hashReady } from "./digest";
import { journalRow, journalRowOf } from "./journal/journal";
import { findSheet } from "./layout";
import { readSheet, recordsBetween } from "./records";
import { changeLog } from "./schema/sheets";
import type { Snapshot } from "./workbook";

/** Rows worked out between two chances to let the thread go: a few milliseconds of hashing. */
const ROWS_AT_ONCE = 64;

/**
 * Each row's chain finding (change-log.ts `chainFinding`) of the snapshot's Change log, in the
 * order of its records, `pause` awaited between blocks of rows; undefined for a log read in
 * part or from a checkpoint down, whose rows are not the whole chain.
 */
export async function chainBeside(
  snapshot: Snapshot,
  pause: () => Promise<void>,
): Promise<Uint8Array | undefined> {
  const found = findSheet(changeLog, snapshot.sheetNames);
  const read = found && snapshot.sheets[found.name];
  if (!read || read.partial || read.base) return undefined;
  // The pane's WebAssembly hash, compiled once (digest.ts): 301,000 rows are worth the wait.
  await hashReady();
  const bits = new Uint8Array(Math.max(0, read.values.length - 1));
  let count = 0;
  let previous = GENESIS;
  for (let from = 1; from < read.values.length; from += ROWS_AT_ONCE) {
    for (const record of recordsBetween(changeLog, snapshot, from, from + ROWS_AT_ONCE)) {
      const entry = journalRow(record.row, record.values);
      bits[count++] = chainFinding(entry, previous);
      previous = entry.hash;
    }
    await pause();
  }
  return bits.slice(0, count);
}

/**
 * Keeps the findings `chainBeside` worked out (elsewhere, from the same workbook) with this
 * snapshot's log rows as read. False, and nothing kept, when they are not one for each row
 * or the log's rows are not kept between checks (a snapshot not as read, records.ts `asRead`).
 */
export function takeChain(snapshot: Snapshot, found: Uint8Array): boolean {
  const log = readSheet(changeLog, snapshot);
  if (!Object.isFrozen(log) || found.length !== log.records.length) return false;
  let previous = GENESIS;
  for (let i = 0; i < found.length; i++) {
    const entry = journalRowOf(log.records[i]!);
    rememberChainFinding(entry, previous, found[i]!);
    previous = entry.hash;
  }
  return true;
}
