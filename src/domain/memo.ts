/**
 * Answers remembered by a key, at most `max` of them. For pure work that Validate meets
 * again and again (issue 15): a signature over the same message, the same stamp line, the
 * same row, the same name. Only memory depends on the bound, never an answer.
 *
 * Kept in two generations of up to half the bound each: answers go into the young one, and
 * when it is full it becomes the old one and the old one is dropped whole. An answer asked
 * for from the old generation moves back into the young one, so what is in use stays. Each
 * step costs the same however full the memory is. (Forgetting the oldest answer one at a
 * time from one Map does not: V8 leaves a hole for each deleted entry, and finding the
 * oldest walks over every hole since the table was last rebuilt — at 100,000 customers
 * Validate spent most of its time there.)
 */
export class Remembered<
  V extends object | string | number | boolean | null,
  K extends string | number = string,
> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;
  constructor(max: number) {
    this.half = Math.max(1, Math.floor(max / 2));
  }

  // No answer is `undefined` (the type says so), so `get` alone tells whether a key is
  // held: one look-up where one is enough, on maps of hundreds of thousands of long keys.
  get(key: K): V | undefined {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const old = this.old.get(key);
    if (old === undefined) return undefined;
    this.old.delete(key);
    this.add(key, old);
    return old;
  }

  has(key: K): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  set(key: K, value: V): V {
    this.old.delete(key);
    if (this.young.has(key)) this.young.set(key, value);
    else this.add(key, value);
    return value;
  }

  /** The answer for `key`, worked out by `work` the first time. */
  of(key: K, work: () => V): V {
    const known = this.get(key);
    if (known !== undefined) return known;
    const value = work();
    this.add(key, value);
    return value;
  }

  /** How many answers are held (never more than the bound). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  /** Into the young generation, which does not hold `key`. */
  private add(key: K, value: V): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}

/**
 * Answers remembered by a long text (a Stamps cell of 1–2 KB, one stamp's line), found by
 * the text's length and end and confirmed by the whole text. V8 hashes every character of a
 * string the first time it is a Map key, and every cell Validate reads is a new string: at
 * 100,000 customers a first Validate spent a second hashing cells and lines it then found
 * by their whole text anyway (issue 15). Comparing two texts costs a fraction of hashing one.
 * The same answers as Remembered keyed by the whole text: a different text under the same
 * end is worked out, and replaces the one held there.
 */
export class RememberedText<V> {
  private readonly kept: Remembered<{ text: string; value: V }, string | number>;
  constructor(max: number) {
    this.kept = new Remembered(max);
  }

  of(text: string, work: () => V): V {
    const key = text.length <= TEXT_END ? text : endKey(text);
    const known = this.kept.get(key);
    if (known && known.text === text) return known.value;
    const value = work();
    this.kept.set(key, { text, value });
    return value;
  }
}
/** How much of a text's end finds it: a stamp's line and cell end in its signature's base64. */
const TEXT_END = 64;

/**
 * A long text's length and end as a small whole number (FNV-1a, 30 bits): a key V8 keeps in
 * the Map's own table, where a key text made of the end (`length:end`) was a string of its
 * own for every line and cell remembered — about a tenth of what Validate kept — and hashed
 * again at every look-up (issue 15). Two texts may share a number; the text kept with the
 * answer tells them apart, as it did for two texts of the same end.
 */
function endKey(text: string): number {
  let h = 0x811c9dc5 ^ text.length;
  for (let i = text.length - TEXT_END; i < text.length; i++)
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/**
 * What is worked out for one object (a record as read, records.ts), kept with it for as long
 * as what it was worked out against is the very same objects: a Validate after an edit
 * works out again only the rows it read again (issue 15).
 */
export class KeptFor<K extends object, V> {
  private kept = new WeakMap<K, { against: readonly unknown[]; value: V }>();

  of(key: K, against: readonly unknown[], work: () => V): V {
    const known = this.kept.get(key);
    if (known && known.against.length === against.length && known.against.every((x, i) => x === against[i]))
      return known.value;
    const value = work();
    this.kept.set(key, { against, value });
    return value;
  }
}

/** Whether two lists hold the very same things in the same places. */
export function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * What is worked out for one object (a record as read), kept while what it was worked out
 * against is the same — the very same objects (`identity`: the journal, the trust, the
 * settings), or else the same *grounds*: the values of those objects the work reads, as
 * `grounds` gives them (issue 15: an act appends to the log, and the journal, clock and trust
 * are new objects that say the same of almost every row). The grounds of a kept answer are
 * worked out, from the objects it was worked out against, only when those objects first
 * change; then kept with it.
 */
export class KeptOnGrounds<K extends object, V, I extends readonly unknown[]> {
  private kept = new WeakMap<K, { identity: I; grounds?: readonly unknown[]; value: V }>();
  constructor(private readonly grounds: (key: K, identity: I) => readonly unknown[]) {}

  /** The kept answer for `key`, when it still holds. */
  known(key: K, identity: I): { value: V } | undefined {
    const known = this.kept.get(key);
    if (!known) return undefined;
    if (sameList(known.identity, identity)) return known;
    const now = this.grounds(key, identity);
    known.grounds ??= this.grounds(key, known.identity);
    if (!sameList(known.grounds, now)) {
      this.kept.delete(key);
      return undefined;
    }
    known.identity = identity;
    known.grounds = now;
    return known;
  }

  keep(key: K, identity: I, value: V): V {
    this.kept.set(key, { identity, value });
    return value;
  }

  forget(key: K): void {
    this.kept.delete(key);
  }

  of(key: K, identity: I, work: () => V): V {
    const known = this.known(key, identity);
    return known ? known.value : this.keep(key, identity, work());
  }
}
