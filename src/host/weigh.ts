/**
 * What the in-memory host's answers weigh as JSON in UTF-8 — exactly jsonBytes
 * (domain/json-bytes.ts), which it holds every request and answer to the web's 5 MB by —
 * worked out for a range's values without writing the answer out (issue 15). A first
 * Validate at 100,000 customers reads about 500 MB of cells; writing each answer out to
 * count it was 4.8 s of the bench's run and half a gigabyte of text to collect: the host's
 * own cost, neither Excel's nor the add-in's. The store keeps each row's cells' weights as
 * they are written and weighs what it reads from them (store.ts `weighBox`); other grids of
 * plain cells are counted cell by cell; anything else goes the general way.
 */
import { jsonBytes } from "../domain/json-bytes";

/** Texts at least this long are weighed by the engine's JSON; shorter ones counted in place. */
const COUNTED_BELOW = 24;

/** The UTF-8 length of a text as JSON writes it: quoted, with JSON's escapes. */
function textBytes(s: string): number {
  if (s.length >= COUNTED_BELOW) return jsonBytes(s);
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80)
      // Controls: \b \t \n \f \r, or \u00XX; the quote and the backslash escaped.
      n +=
        c < 0x20
          ? c === 8 || c === 9 || c === 10 || c === 12 || c === 13
            ? 2
            : 6
          : c === 34 || c === 92
            ? 2
            : 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      // A pair is one character of four bytes; a lone half is written \udXXX.
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) n += 6;
    else n += 3;
  }
  return n;
}

/** What a grid of cells weighs, or undefined when it is not a grid of plain cells. */
function gridBytes(grid: unknown): number | undefined {
  if (!Array.isArray(grid)) return undefined;
  let n = 2 + Math.max(0, grid.length - 1);
  for (const row of grid) {
    if (!Array.isArray(row)) return undefined;
    n += 2 + Math.max(0, row.length - 1);
    for (let c = 0; c < row.length; c++) {
      // A hole is written null, as undefined is.
      const v: unknown = row[c];
      if (typeof v === "string") n += textBytes(v);
      else if (typeof v === "number") n += Number.isFinite(v) ? String(v).length : 4;
      else if (typeof v === "boolean") n += v ? 4 : 5;
      else if (v === null || v === undefined) n += 4;
      else return undefined;
    }
  }
  return n;
}

/** Grids whose weight the store worked out as it read them (store.ts `weighBox`). */
const known = new WeakMap<object, number>();

/** A range's values as read, with what they weigh (store.ts `weighBox`): weighed from that. */
export function weighed<T extends object>(values: T, bytes: number): T {
  known.set(values, bytes);
  return values;
}

/** What an answer or request weighs as JSON in UTF-8: jsonBytes, a range's values counted in place. */
export function weigh(value: unknown): number {
  if (value !== null && typeof value === "object" && !Array.isArray(value) && "values" in value) {
    const { values } = value as { values: unknown };
    const grid = (typeof values === "object" && values !== null && known.get(values)) || gridBytes(values);
    // The rest written as it is, the values standing in as 0 (one byte).
    if (
      grid !== undefined &&
      Object.getPrototypeOf(value) === Object.prototype &&
      Object.prototype.propertyIsEnumerable.call(value, "values") &&
      !("toJSON" in value)
    )
      return jsonBytes({ ...value, values: 0 }) - 1 + grid;
  }
  return jsonBytes(value);
}
