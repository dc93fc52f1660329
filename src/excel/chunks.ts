/**
 * Write plans cut into requests Excel on the web accepts (5 MB each): what a write weighs
 * in a request, and the chunks a plan is sent in (book.ts `apply`).
 */
import { jsonBytes } from "../domain/json-bytes";
import type { RowKey, Write } from "../domain/workbook";

/** Runs of neighbouring columns that have a format: one numberFormat set per run. */
export function formatRuns(formats: (string | undefined)[]): { from: number; formats: string[] }[] {
  const runs: { from: number; formats: string[] }[] = [];
  formats.forEach((f, c) => {
    if (f === undefined) return;
    const last = runs.at(-1);
    if (last && last.from + last.formats.length === c) last.formats.push(f);
    else runs.push({ from: c, formats: [f] });
  });
  return runs;
}

export const isKeyed = (w: Write): w is Write & { key: RowKey } => "key" in w && w.key !== undefined;

/** A value's weight as JSON in UTF-8, worked out without writing it (domain/json-bytes.ts). */
export { jsonBytes };

/**
 * About what one Office.js action or object path weighs in a request's JSON (its type, ids,
 * method or property name and arguments). A write queues several: a sheet, a range, the
 * property set; a keyed write also finds its row twice (before the chunk's writes and just
 * before its own) and offsets from it.
 */
const ACTION_BYTES = 160;
const actionsOf: Partial<Record<Write["kind"], number>> = {
  pageLayout: 14,
  headerStyle: 7,
  validation: 6,
  style: 6,
  cellFormat: 5,
  columnFormat: 5,
};

/**
 * A write's weight in a request, estimated high: its data, the number formats sent with a
 * block (one value per run when all alike, else one per cell), and its actions. Counting
 * only the data let 10,000 keyed one-cell writes (stamping or handing over thousands of
 * customers) pass as 4 MB and go out as 6.5 MB, over the web's 5 MB.
 */
export function requestBytesOf(w: Write): number {
  let actions = actionsOf[w.kind] ?? 3;
  let formats = 0;
  if (isKeyed(w)) actions += 8;
  if (w.kind === "values")
    for (const run of formatRuns(w.formats ?? [])) {
      actions += 3;
      if (!run.formats.every((f) => f === run.formats[0]))
        formats += w.values.length * jsonBytes(run.formats);
    }
  return jsonBytes(w) + formats + actions * ACTION_BYTES;
}

/** Groups writes so each group's estimated request fits the budget; big value blocks are split by rows. */
export function chunkWrites(writes: Write[], budget: number): Write[][] {
  const chunks: Write[][] = [];
  let current: Write[] = [];
  let size = 0;
  const push = (w: Write, bytes: number) => {
    if (current.length > 0 && size + bytes > budget) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(w);
    size += bytes;
  };
  for (const w of writes) {
    const bytes = requestBytesOf(w);
    if (w.kind !== "values" || bytes <= budget) {
      push(w, bytes);
      continue;
    }
    const perRow = bytes / w.values.length;
    const rowsPerChunk = Math.max(1, Math.floor(budget / perRow / 1.1));
    for (let i = 0; i < w.values.length; i += rowsPerChunk) {
      const part: Write = { ...w, row: w.row + i, values: w.values.slice(i, i + rowsPerChunk) };
      push(part, requestBytesOf(part));
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
