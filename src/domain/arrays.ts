/**
 * Appends every item of the lists to `target` without spreading them into a call's
 * arguments: `push(...list)` puts each item on the stack and throws "Maximum call stack
 * size exceeded" somewhere past 100,000 items (a Validate of a large workbook finds that
 * many problems). Returns `target`.
 */
export function pushAll<T>(target: T[], ...lists: readonly (readonly T[])[]): T[] {
  for (const list of lists) for (const item of list) target.push(item);
  return target;
}

/** The smallest and largest of many numbers, without spreading them into `Math.min`/`Math.max`. */
export function extent(values: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
