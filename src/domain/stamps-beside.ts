/**
 * The customers' stamp digests worked out beside Validate's check (issue 15).
 *
 * After the Change log's chain (chain-beside.ts) the pane's thread was idle while the worker
 * checked each customer row's stamps — at 100,000 customers about 6.5 s, half of it making
 * each stamp's message and its SHA-256, and the digest of each row's Stamps cell. Both stand
 * on the row alone: the message a stamp signs is made of its own act and record (a stamp made
 * for another is refused before its message counts, stamps.ts `verifyStamps`), the stamps
 * before it in the cell and the row's values. So the pane's thread works them out from the
 * workbook it read and sent, from the last customer row up, a block at a time, and sends each
 * block; the worker, going down from the first, takes the digests of a row when they have
 * come and works them out itself when not. Where they meet, each row's digests were worked
 * out once. A digest given is only ever compared with the one the log vouched for; a stamp
 * whose digest differs is verified by its signature over the message made here, as before.
 */
import { hashReady, sha256Sync } from "./digest";
import { approvalText } from "./journal/finish";
import { findSheet } from "./layout";
import { recordsBetween, text } from "./records";
import { archivePast, archiveSuspended, register } from "./schema/sheets";
import { parseStamps, parseStampsAfresh, stampMessage, type Stamp } from "./stamps/stamps";
import { stampedValues } from "./stamps/values";
import type { Cell, Snapshot } from "./workbook";

/** Where a customer row stands, and the sheets in the order the check goes through them. */
export type CustomerPlace = "register" | "suspended" | "past";
export const CUSTOMER_SHEETS = [
  [register, "register"],
  [archiveSuspended, "suspended"],
  [archivePast, "past"],
] as const;

/**
 * The intake part of a customer row's Stamps cell: the whole cell on the Register; in an
 * archive all but its last line, the termination stamp. Only an archived row's cell is split
 * into lines (100,000 Register cells of 1–2 KB at every first Validate).
 */
export function intakeOf(cell: string, where: CustomerPlace, parse = parseStamps) {
  const { stamps, unreadable } = parse(cell);
  const archived = where !== "register";
  const lines = archived && cell ? cell.split(/\r?\n/) : [];
  return {
    stamps,
    unreadable,
    lines,
    /** The text the approval it was posted with is the digest of (finish.ts `requestApproval`). */
    text: archived ? lines.slice(0, -1).join("\n") : cell,
    intakeStamps: archived ? stamps.slice(0, -1) : stamps,
  };
}

/**
 * A customer row's digests: of its intake text as an approval is taken (`approvalText`), and
 * of each intake stamp's message over the row's values (`stampMessage`), in hex.
 */
export interface RowDigests {
  approval: string;
  stamps: readonly string[];
}

/** A customer row's digests, from the row alone; undefined for a row without stamps. */
export function rowDigests(
  values: Readonly<Record<string, Cell>>,
  where: CustomerPlace,
): RowDigests | undefined {
  const cell = text(values.stamps);
  if (!cell) return undefined;
  // Read afresh: the pane's thread reads no customer's stamps again (the worker has its own).
  const intake = intakeOf(cell, where, parseStampsAfresh);
  const covered = stampedValues(values);
  const stamps: string[] = [];
  const earlier: Stamp[] = [];
  for (const s of intake.intakeStamps) {
    stamps.push(sha256Sync(stampMessage({ kind: s.act, ref: s.ref, values: covered }, earlier, s)));
    earlier.push(s);
  }
  return { approval: sha256Sync(approvalText(intake.text)), stamps };
}

/** A block of rows' digests as it goes between threads: one text of hex digests, and each row's place in it. */
export interface DigestBlock {
  /** The sheet's key (register, archiveSuspended, archivePast). */
  sheet: string;
  /** Each row's Excel row number. */
  rows: Int32Array;
  /** How many stamp digests follow each row's approval digest. */
  counts: Uint16Array;
  /** Each row's approval digest then its stamps', 64 hex digits each, row after row. */
  hex: string;
}

const HEX = 64;

/** Rows worked out between two chances to let the thread go: a few milliseconds of hashing. */
export const DIGEST_BLOCK_ROWS = 128;

/**
 * Each customer row's digests of the snapshot, from the last row of the last customer sheet
 * up, sent a block at a time (`send`), `pause` awaited between blocks; until `enough` says
 * the check needs no more.
 */
export async function stampDigestsBeside(
  snapshot: Snapshot,
  pause: () => Promise<void>,
  send: (block: DigestBlock) => void,
  enough: () => boolean,
): Promise<void> {
  // The pane's WebAssembly hash, compiled once (digest.ts).
  await hashReady();
  for (const [schema, where] of [...CUSTOMER_SHEETS].reverse()) {
    const found = findSheet(schema, snapshot.sheetNames);
    const read = found && snapshot.sheets[found.name];
    // A sheet read in part is not what the check goes through: nothing of it is worked out.
    if (!read || read.partial || read.base) continue;
    for (let to = read.values.length; to > 1; to -= DIGEST_BLOCK_ROWS) {
      if (enough()) return;
      const rows: number[] = [];
      const counts: number[] = [];
      let hex = "";
      for (const record of recordsBetween(schema, snapshot, Math.max(1, to - DIGEST_BLOCK_ROWS), to)) {
        const digests = rowDigests(record.values, where);
        if (!digests) continue;
        rows.push(record.row);
        counts.push(digests.stamps.length);
        hex += digests.approval + digests.stamps.join("");
      }
      if (rows.length)
        send({ sheet: schema.key, rows: Int32Array.from(rows), counts: Uint16Array.from(counts), hex });
      await pause();
    }
  }
}

/** The blocks that came, by sheet and Excel row: where the check takes a row's digests. */
export class DigestsBeside {
  private readonly bySheet = new Map<string, Map<number, RowDigests>>();
  /** Rows whose digests the check took from here (the bench says how many). */
  taken = 0;

  constructor(
    /** Lets what waits on the check's thread in (the blocks, as they come): awaited every few hundred rows. */
    readonly letIn: () => Promise<void> = () => Promise.resolve(),
    /** Told once the check has gone through every customer row: no more blocks are needed. */
    readonly enough: () => void = () => {},
  ) {}

  take(block: DigestBlock): void {
    let rows = this.bySheet.get(block.sheet);
    if (!rows) this.bySheet.set(block.sheet, (rows = new Map()));
    let at = 0;
    for (let i = 0; i < block.rows.length; i++) {
      const count = block.counts[i]!;
      const stamps: string[] = [];
      for (let j = 1; j <= count; j++) stamps.push(block.hex.slice(at + j * HEX, at + (j + 1) * HEX));
      rows.set(block.rows[i]!, { approval: block.hex.slice(at, at + HEX), stamps });
      at += (count + 1) * HEX;
    }
  }

  /** A row's digests, when they came. */
  of(sheet: string, row: number): RowDigests | undefined {
    const digests = this.bySheet.get(sheet)?.get(row);
    if (digests) this.taken++;
    return digests;
  }
}
