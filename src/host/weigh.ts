/**
 * What the in-memory host's answers weigh as JSON in UTF-8 — exactly jsonBytes
 * (domain/json-bytes.ts), which it holds every request and answer to the web's 5 MB by —
 * worked out for a range's values without writing the answer out (issue 15). A first
 * Validate at 100,000 customers reads about 500 MB of cells; writing each answer out to
 * count it was 4.8 s of the bench's run and half a gigabyte of text to collect: the host's
 * own cost, neither Excel's nor the add-in's. The store keeps each row's cells' weights as
 * they are written and weighs what it reads from them (store.ts `weighBox`); anything else
 * goes the general way.
 */
import { jsonBytes } from "../domain/json-bytes";

/** Grids whose weight the store worked out as it read them (store.ts `weighBox`). */
const known = new WeakMap<object, number>();

/** A range's values as read, with what they weigh (store.ts `weighBox`): weighed from that. */
export function weighed<T extends object>(values: T, bytes: number): T {
  known.set(values, bytes);
  return values;
}

/** What an answer or request weighs as JSON in UTF-8: jsonBytes, a range's values as the store weighed them. */
export function weigh(value: unknown): number {
  if (value !== null && typeof value === "object" && !Array.isArray(value) && "values" in value) {
    const { values } = value as { values: unknown };
    const grid = typeof values === "object" && values !== null ? known.get(values) : undefined;
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
