/**
 * Answers remembered by a key, at most `max` of them: past that the oldest go first. For
 * pure work that Validate meets again and again (issue 15): a signature over the same
 * message, the same stamp line, the same row, the same name. Only memory depends on the
 * bound, never an answer.
 */
export class Remembered<V> {
  private readonly answers = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    return this.answers.get(key);
  }

  has(key: string): boolean {
    return this.answers.has(key);
  }

  set(key: string, value: V): V {
    if (!this.answers.has(key) && this.answers.size >= this.max)
      this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, value);
    return value;
  }

  /** The answer for `key`, worked out by `work` the first time. */
  of(key: string, work: () => V): V {
    return this.answers.has(key) ? (this.answers.get(key) as V) : this.set(key, work());
  }

  clear(): void {
    this.answers.clear();
  }
}
