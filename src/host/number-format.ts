/**
 * How Excel shows a number through a date/time number format — for the formats the
 * product writes ("yyyy-mm-dd", "yyyy-mm-dd hh:mm", domain/schema/model.ts) and their plain
 * relatives (y, m, d, h, s codes with - / : . , and space between them). Anything else a
 * date format may hold (month or day names, AM/PM, elapsed [h], quoted text, sections) is
 * not modelled: callers get `undefined` and must refuse or say so.
 *
 * The 1900 date system, as Excel keeps it
 * ("Excel incorrectly assumes that the year 1900 is a leap year",
 * https://learn.microsoft.com/office/troubleshoot/excel/wrongly-assumes-1900-is-leap-year):
 * serial 1 is 1900-01-01 and Excel counts a 1900-02-29 (serial 60) that never was, so from
 * serial 61 (1900-03-01) on, serial 25569 is 1970-01-01. The last day is 9999-12-31, serial
 * 2,958,465 ("Latest date allowed for calculation: December 31, 9999", Excel specifications
 * and limits, https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3).
 * A negative number in a date or time cell shows as pound signs (########), however wide
 * the column (Microsoft KB 182247, "Negative Date/Time Value Displayed as Pound Signs");
 * how many depends on the column's width, which the host does not model.
 */

const DAY_MS = 86_400_000;
const LAST_SERIAL = 2_958_465;

type Part = { kind: "y" | "M" | "d" | "h" | "min" | "s"; width: number } | { kind: "lit"; text: string };

/** Text inside quotes, escaped characters and [bracketed] parts removed: what holds format codes. */
function codes(format: string): string {
  return format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "");
}

/**
 * Whether a number format shows numbers as dates or times: it has a y, m, d, h or s code
 * outside quotes, escapes and brackets (General, "@", "#,##0.00" have none).
 */
export function isDateFormat(format: string): boolean {
  return /[ymdhs]/i.test(codes(format));
}

/** The parts of a date/time format the host models, or undefined. */
function parse(format: string): Part[] | undefined {
  const parts: Part[] = [];
  const re = /y+|m+|d+|h+|s+|[-/:., ]/giy;
  let at = 0;
  while (at < format.length) {
    re.lastIndex = at;
    const m = re.exec(format);
    if (!m) return undefined;
    const token = m[0].toLowerCase();
    at = re.lastIndex;
    const c = token[0]!;
    if (/[-/:., ]/.test(c)) {
      parts.push({ kind: "lit", text: token });
      continue;
    }
    const width = token.length;
    if (c === "y" && width !== 2 && width !== 4) return undefined;
    if (c !== "y" && width > 2) return undefined; // mmm (month names), ddd (day names): not modelled
    parts.push({ kind: c === "m" ? "M" : (c as "y" | "d" | "h" | "s"), width });
  }
  // "m" next to hours or seconds means minutes (Excel's rule for m and mm).
  const coded = parts.filter((p) => p.kind !== "lit");
  coded.forEach((p, i) => {
    if (p.kind !== "M") return;
    const before = coded[i - 1]?.kind;
    const after = coded[i + 1]?.kind;
    if (before === "h" || after === "s") (p as { kind: string }).kind = "min";
  });
  return parts;
}

/** Year, month, day of a serial day number in the 1900 date system, 1 ≤ day ≤ 2,958,465. */
function calendar(day: number): [number, number, number] {
  if (day === 60) return [1900, 2, 29];
  // Before the day that never was, serial 1 is 1900-01-01; after it, serial 61 is 1900-03-01.
  const d = new Date(Date.UTC(1899, 11, day < 60 ? 31 : 30) + day * DAY_MS);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/**
 * The text Excel shows for `serial` in a cell of this date/time format, or undefined where
 * the host does not know it: a format it does not model, a serial below 1 (pound signs or
 * 1900-01-00) or after 9999-12-31.
 */
export function dateText(serial: number, format: string): string | undefined {
  const parts = parse(format);
  if (!parts || !Number.isFinite(serial)) return undefined;
  // Shown to the second: the fraction of a day rounds to the nearest second first.
  let day = Math.floor(serial);
  let seconds = Math.round((serial - day) * 86_400);
  if (seconds === 86_400) {
    day += 1;
    seconds = 0;
  }
  if (day < 1 || day > LAST_SERIAL) return undefined;
  const [y, mo, d] = calendar(day);
  const values = {
    y,
    M: mo,
    d,
    h: Math.floor(seconds / 3600),
    min: Math.floor(seconds / 60) % 60,
    s: seconds % 60,
  };
  return parts
    .map((p) => {
      if (p.kind === "lit") return p.text;
      const v = values[p.kind];
      if (p.kind === "y") return p.width === 2 ? String(v % 100).padStart(2, "0") : String(v);
      return String(v).padStart(p.width, "0");
    })
    .join("");
}
