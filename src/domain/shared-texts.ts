/**
 * A workbook read whole, sent to the pane's Web Worker once per long text (issue 15).
 *
 * The pane's check runs in a Web Worker (taskpane/validate-in-pane.ts), and the workbook it
 * checks goes there by `postMessage`, which copies every cell: the structured clone writes
 * each string in full, however often the same text stands (HTML's StructuredSerialize keeps
 * no record of strings already written — only of objects). A customer's Stamps cell stands
 * on its request, on its Register row and in its posting's approval on the Change log —
 * about half of all the characters of a register built through the add-in (the bench: 21.7
 * of 47.6 million at 10,000 customers). Each such text is sent once: where it stands first
 * it goes as it is; every cell that holds it again goes blank, with a note of which text
 * it held, and the worker puts that text back. There every copy is then the very same
 * string: the check's memories of stamps (stamps.ts) find it by comparing one reference,
 * and the worker's heap holds it once.
 *
 * The workbook goes in blocks of rows (taskpane/check-message.ts), and the texts are found
 * block by block as each is sent (`TextsSent`) — not in one sweep of the whole workbook
 * before the first block, which held the pane's thread 1.3–2.3 s at once at 100,000
 * customers (session 37). A block notes, for each text met again there for the first time,
 * where it stood first (a cell sent before, or in this block), and for each cell it blanks,
 * which text; the worker (`TextsArriving`) reads the text from where it stood first, which
 * it already holds. The pane's own read is never changed: a row with a cell to blank is
 * sent as a copy.
 */
import type { Cell } from "./workbook";

/** Texts at least this long are sent once (a stamp's line is 500 characters; an ID, a name, a date far less). */
export const SHARED_FROM = 64;

/** Texts kept under one number at most. */
const SAME_END = 8;

/** A long text met: where it stood first (sheet, row, column), and its number once it is met again. */
type Seen = { text: string; sheet: number; row: number; column: number; shared: number };

/** A number from a text's length and its last 64 characters, read in place. */
function endOf(text: string): number {
  let h = text.length;
  for (let i = Math.max(0, text.length - SHARED_FROM); i < text.length; i++)
    h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * What goes beside a block of rows: `first`, three numbers per text met again for the first
 * time (sheet, row, column where it stood first; sheets numbered in the order their first
 * block went, rows counted from the sheet's top), each text numbered in the order of all
 * `first`s so far; `cells`, three numbers per cell blanked (row in this block, column, the
 * text's number).
 */
export interface BlockTexts {
  first: Int32Array;
  cells: Int32Array;
}

/** The pane's side: long texts found block by block, each sent once. */
export class TextsSent {
  // Found again by a number made of the text's length and last characters (a stamp's text
  // ends in its signature): no key text made and hashed for each of hundreds of thousands
  // of cells; the text itself then compared. A few texts under the same number are kept.
  private readonly seen = new Map<number, Seen | Seen[]>();
  private readonly sheets = new Map<string, number>();
  /** Texts met again so far: the next one's number. */
  private count = 0;

  /**
   * The block of `values` from row `from` (counted from the sheet's top) to `to`, each long
   * text met before blanked in a copy of its row, and what the worker needs to put it back.
   * Blocks of a sheet go in order, from its top.
   */
  block(
    sheet: string,
    values: readonly (readonly Cell[])[],
    from: number,
    to: number,
  ): { rows: Cell[][]; texts?: BlockTexts } {
    let s = this.sheets.get(sheet);
    if (s === undefined) this.sheets.set(sheet, (s = this.sheets.size));
    const rows = values.slice(from, to) as Cell[][];
    const first: number[] = [];
    const cells: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      let row = rows[i]!;
      let copied = false;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v !== "string" || v.length < SHARED_FROM) continue;
        const key = endOf(v);
        const held = this.seen.get(key);
        const before =
          held === undefined
            ? undefined
            : Array.isArray(held)
              ? held.find((h) => h.text === v)
              : held.text === v
                ? held
                : undefined;
        if (!before) {
          const entry: Seen = { text: v, sheet: s, row: from + i, column: c, shared: -1 };
          if (held === undefined) this.seen.set(key, entry);
          else if (!Array.isArray(held)) this.seen.set(key, [held, entry]);
          // Many texts under one number (the same end, a different start): the rest go as
          // they are, never a longer list to search for each.
          else if (held.length < SAME_END) held.push(entry);
          continue;
        }
        if (before.shared < 0) {
          before.shared = this.count++;
          first.push(before.sheet, before.row, before.column);
        }
        if (!copied) {
          rows[i] = row = row.slice();
          copied = true;
        }
        row[c] = "";
        cells.push(i, c, before.shared);
      }
    }
    return cells.length
      ? { rows, texts: { first: Int32Array.from(first), cells: Int32Array.from(cells) } }
      : { rows };
  }
}

/** The worker's side: each block's rows as they arrive, its blanked cells given their texts back. */
export class TextsArriving {
  private readonly sheets: Cell[][][] = [];
  private readonly names = new Map<string, number>();
  private readonly texts: string[] = [];

  /** `rows` of `sheet` as sent (a block), given their texts back; `values`: the sheet's rows so far, this block's included. */
  arrived(sheet: string, values: readonly Cell[][], rows: Cell[][], texts: BlockTexts | undefined): void {
    let s = this.names.get(sheet);
    if (s === undefined) {
      this.names.set(sheet, (s = this.names.size));
      this.sheets.push(values as Cell[][]);
    }
    if (!texts) return;
    const { first, cells } = texts;
    for (let i = 0; i < first.length; i += 3) {
      const text = this.sheets[first[i]!]?.[first[i + 1]!]?.[first[i + 2]!];
      if (typeof text !== "string" || text.length < SHARED_FROM)
        throw new Error(
          `shared text from a cell the worker does not hold (${[...first.subarray(i, i + 3)]})`,
        );
      this.texts.push(text);
    }
    for (let i = 0; i < cells.length; i += 3) {
      const row = rows[cells[i]!];
      const text = this.texts[cells[i + 2]!];
      if (!row || text === undefined)
        throw new Error(`shared text for a cell the message does not hold (${sheet})`);
      row[cells[i + 1]!] = text;
    }
  }
}
