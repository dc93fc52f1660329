/**
 * Stable IDs. A customer ID is never reused: the next one is one past the highest ever
 * seen — in the Register, both archives, the Destruction log's tombstones and the Change
 * log — so even a destroyed customer's number stays taken.
 */
const ID = /^([A-Z]+)(\d+)$/;

export function nextId(prefix: string, seen: Iterable<string>, digits = 6): string {
  let highest = 0;
  for (const id of seen) {
    const m = ID.exec(id.trim());
    if (m && m[1] === prefix) highest = Math.max(highest, Number(m[2]));
  }
  return prefix + String(highest + 1).padStart(digits, "0");
}

export function nextIds(prefix: string, seen: Iterable<string>, count: number, digits = 6): string[] {
  const first = Number(nextId(prefix, seen, digits).slice(prefix.length));
  return Array.from({ length: count }, (_, i) => prefix + String(first + i).padStart(digits, "0"));
}
