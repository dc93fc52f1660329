/**
 * A workbook read whole, sent to the pane's Web Worker once per long text (issue 15).
 *
 * The pane's check runs in a Web Worker (taskpane/validate-in-pane.ts), and the workbook it
 * checks goes there by `postMessage`, which copies every cell: the structured clone writes
 * each string in full, however often the same text stands (HTML's StructuredSerialize keeps
 * no record of strings already written — only of objects). A customer's Stamps cell stands
 * on its request, on its Register row and in its posting's approval on the Change log —
 * about half of all the characters of a register built through the add-in (the bench: 21.7
 * of 47.6 million at 10,000 customers). Each such text is sent once: the cells that hold it
 * are blanked in the message and listed, with the text, beside it, and the worker puts the
 * one text back into each of them. There every copy is then the very same string: the
 * check's memories of stamps (stamps.ts) find it by comparing one reference, and the
 * worker's heap holds it once.
 *
 * The pane's own snapshot is changed only while the message is written (postMessage copies
 * synchronously) and put back at once (`restore`).
 */
import type { Cell, Snapshot } from "./workbook";

/** Texts at least this long are sent once (a stamp's line is 500 characters; an ID, a name, a date far less). */
export const SHARED_FROM = 64;

/** Texts kept under one number at most. */
const SAME_END = 8;

/** A long text met: where first, and its place in the list sent once it is met again. */
type Seen = { text: string; at: [number, number, number]; shared: number };

/** A number from a text's length and its last 64 characters, read in place. */
function endOf(text: string): number {
  let h = text.length;
  for (let i = Math.max(0, text.length - SHARED_FROM); i < text.length; i++)
    h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/** Long texts that stand in more than one cell, and where: four numbers a cell (sheet, row, column, text). */
export interface SharedTexts {
  sheets: string[];
  texts: string[];
  cells: Int32Array;
}

/**
 * Blanks in `snapshot` every cell whose long text stands in another cell too, and says
 * where each was: `shared` goes with the message, `restore` puts the cells back (call it
 * once the message is written). Nothing is shared when no long text repeats.
 */
export function shareTexts(snapshot: Snapshot): { shared: SharedTexts; restore: () => void } {
  const sheets = Object.keys(snapshot.sheets);
  const texts: string[] = [];
  const cells: number[] = [];
  // Found again by a number made of the text's length and last characters (a stamp's text
  // ends in its signature): no key text made and hashed for each of hundreds of thousands
  // of cells; the text itself then compared. A few texts under the same number are kept.
  const seen = new Map<number, Seen | Seen[]>();
  sheets.forEach((name, s) => {
    const values = snapshot.sheets[name]?.values ?? [];
    for (let r = 0; r < values.length; r++) {
      const row = values[r]!;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v !== "string" || v.length < SHARED_FROM) continue;
        const key = endOf(v);
        const held = seen.get(key);
        const first =
          held === undefined
            ? undefined
            : Array.isArray(held)
              ? held.find((h) => h.text === v)
              : held.text === v
                ? held
                : undefined;
        if (!first) {
          const entry: Seen = { text: v, at: [s, r, c], shared: -1 };
          if (held === undefined) seen.set(key, entry);
          else if (!Array.isArray(held)) seen.set(key, [held, entry]);
          // Many texts under one number (the same end, a different start): the rest go as
          // they are, never a longer list to search for each.
          else if (held.length < SAME_END) held.push(entry);
          continue;
        }
        if (first.shared < 0) {
          first.shared = texts.push(first.text) - 1;
          cells.push(...first.at, first.shared);
        }
        cells.push(s, r, c, first.shared);
      }
    }
  });
  const shared = { sheets, texts, cells: Int32Array.from(cells) };
  const put = (text: (k: number) => Cell) => {
    for (let i = 0; i < cells.length; i += 4)
      snapshot.sheets[sheets[cells[i]!]!]!.values[cells[i + 1]!]![cells[i + 2]!] = text(cells[i + 3]!);
  };
  put(() => "");
  return { shared, restore: () => put((k) => texts[k]!) };
}

/** Puts each shared text back into the cells it was sent for (the worker, on the message's copy). */
export function unshareTexts(snapshot: Snapshot, { sheets, texts, cells }: SharedTexts): void {
  for (let i = 0; i < cells.length; i += 4) {
    const values = snapshot.sheets[sheets[cells[i]!]!]?.values;
    const row = values?.[cells[i + 1]!];
    if (!row) throw new Error(`shared text for a cell the message does not hold (${sheets[cells[i]!]})`);
    row[cells[i + 2]!] = texts[cells[i + 3]!]!;
  }
}
