/**
 * How many bytes a value weighs as JSON in UTF-8 — `JSON.stringify`, then UTF-8 — without
 * making the bytes (issue 15). The adapter weighs every answer it reads to size the next
 * slices under the web's 5 MB, and the in-memory host weighs every request and answer
 * against that limit: at 100,000 customers a first Validate reads about 500 MB, and making
 * a buffer of every answer's bytes only to count them was a large part of the run's garbage.
 *
 * The text is still made (a walk over the value in script was tried: slower than the
 * engine's own JSON in a profiled Validate), its UTF-8 length counted where it stands — by Node's `Buffer.byteLength`
 * where Node runs, by `TextEncoder.encodeInto` a small buffer at a time in the pane. Exactly
 * what `new TextEncoder().encode(JSON.stringify(value) ?? "").length` gives (a property test
 * compares them on random values, lone surrogates included: JSON escapes those, so the text
 * counted is always well formed).
 */

const encoder = new TextEncoder();
/** Node's, where Node runs (found at run time: the pane's bundle never names it). */
const nodeBuffer = (globalThis as { Buffer?: { byteLength(text: string, encoding: "utf8"): number } }).Buffer;
let scratch: Uint8Array | undefined;

/** The UTF-8 length of well-formed text, without making its bytes. */
export function utf8Length(text: string): number {
  if (nodeBuffer) return nodeBuffer.byteLength(text, "utf8");
  scratch ??= new Uint8Array(64 * 1024);
  return encodedLength(text, scratch);
}

/**
 * The UTF-8 length of well-formed text, encoded into `buffer` a piece at a time (the pane's
 * way; `encodeInto` never splits a character, so each piece starts on one). `buffer` must
 * hold at least 4 bytes.
 */
export function encodedLength(text: string, buffer: Uint8Array): number {
  let total = 0;
  for (let at = 0; at < text.length;) {
    const { read, written } = encoder.encodeInto(at ? text.slice(at) : text, buffer);
    at += read;
    total += written;
  }
  return total;
}

export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? "");
}

/**
 * About what an array of rows weighs as JSON (jsonBytes of the array), weighing at most
 * `samples` of them, spread evenly, and counting the rest at their average (issue 15). The
 * adapter sizes its next slices of a read by it (excel/book.ts), with room to spare, and
 * reads a slice Excel refuses as too large again smaller: weighing every row of a 500 MB
 * Validate was 4.6 s of it at 100,000 customers, and half a gigabyte of text to collect.
 * Exact for up to `samples` rows, and for rows that all weigh the same.
 */
export function rowsBytes(rows: readonly unknown[], samples = 128): number {
  if (rows.length <= samples) return jsonBytes(rows);
  const stride = rows.length / samples;
  let weighed = 0;
  for (let k = 0; k < samples; k++) weighed += jsonBytes(rows[Math.floor(k * stride)]);
  // The brackets, a comma between rows, and the rows.
  return 2 + rows.length - 1 + Math.round((weighed / samples) * rows.length);
}
