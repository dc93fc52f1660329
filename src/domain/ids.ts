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

/** The number an ID cell holds as `nextId` reads it (trimmed, `prefix` in upper case, then digits); none otherwise. */
export function idNumber(cell: string, prefix: string): number | undefined {
  const m = ID.exec(cell.trim());
  return m && m[1] === prefix ? Number(m[2]) : undefined;
}

/**
 * COUNTIF criteria that, between them, count every cell `nextId` could read as an ID of
 * `prefix` above `highest` (an ID as it reads one): where Excel counts none of them on a
 * column, nothing on it is higher, so the column need not be read (issue 15). For each
 * length L from the digits of `highest`'s number to those of `highest` itself, the L-digit
 * strings above its number, one criterion per higher digit at each place
 * (`*C0012[4-9]?*` as `*C00124?*` … `*C00129?*`); longer ones, `*C` and one `?` more than
 * its digits. Shorter strings cannot pass its number. The stars let a padded ID count; what
 * they count besides (a longer text, another case, an ID padded inside a cell) only means
 * the column is read after all. None for a cell that is no such ID.
 */
export function higherPatterns(prefix: string, highest: string): string[] {
  const m = ID.exec(highest.trim());
  if (!m || m[1] !== prefix) return [];
  const digits = m[2]!;
  // Its number's own digits: a string with fewer cannot pass it.
  const least = digits.replace(/^0+(?=.)/, "").length;
  const patterns: string[] = [];
  for (let length = least; length <= digits.length; length++) {
    const place = digits.slice(digits.length - length);
    for (let i = 0; i < length; i++)
      for (let d = Number(place[i]) + 1; d <= 9; d++)
        patterns.push(`*${prefix}${place.slice(0, i)}${d}${"?".repeat(length - 1 - i)}*`);
  }
  patterns.push(`*${prefix}${"?".repeat(digits.length + 1)}*`);
  return patterns;
}
