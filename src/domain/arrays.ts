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

/**
 * `work` on each item, up to `width` of them under way at once, and `then` on each result
 * in the items' order. Work that waits on another thread (WebCrypto's signature checks) then
 * overlaps with the work of the next items instead of leaving this one idle: a Validate of
 * 100,000 customers waited 14 s of its 35 s of verifying so. A failure is thrown in order,
 * after the results before it; nothing after it is handed to `then`.
 */
export async function inOrder<T, R>(
  items: readonly T[],
  width: number,
  /** An answer known already may be given as it is (`Known`): nothing to wait for. */
  work: (item: T, index: number) => Promise<R> | Known<R>,
  then: (result: R, item: T, index: number) => void,
): Promise<void> {
  const started: (Promise<R> | Known<R> | undefined)[] = [];
  let next = 0;
  const start = () => {
    const i = next++;
    const p = work(items[i]!, i);
    // Handled where it is awaited, in order; a rejection meanwhile is not "unhandled".
    if (p instanceof Promise) p.catch(() => {});
    started.push(p);
  };
  for (let i = 0; i < items.length; i++) {
    while (next < items.length && next < i + Math.max(1, width)) start();
    const p = started[i]!;
    then(p instanceof Promise ? await p : p.known, items[i]!, i);
    // Let what was awaited go: a hundred thousand settled promises are memory.
    started[i] = undefined;
  }
}

/** An answer already known, handed to `inOrder` without a promise to wait on. */
export interface Known<R> {
  known: R;
}
