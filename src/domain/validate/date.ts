/**
 * Dates as they reach us: Excel serial numbers (1900 date system) or text in the forms
 * Chinese offices write — 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305.
 * The canonical form is ISO YYYY-MM-DD.
 */
import type { Check } from "../problem";
import { collapseSpaces, toHalfWidth } from "./text";

const DAY_MS = 86_400_000;
/** Serial 25569 is 1970-01-01 (Excel counts the fictitious 1900-02-29). */
const UNIX_EPOCH_SERIAL = 25569;
const MAX_SERIAL = 2958465; // 9999-12-31

export function serialToIso(serial: number): string {
  // The days Excel can show (1900-01-01 to 9999-12-31) by arithmetic: Validate turns every
  // date cell of a large register, and a Date per cell cost more than the rest of its check.
  if (serial >= 1 && serial < MAX_SERIAL + 1) return civilDate(Math.floor(serial) - UNIX_EPOCH_SERIAL);
  return new Date(Math.round((Math.floor(serial) - UNIX_EPOCH_SERIAL) * DAY_MS)).toISOString().slice(0, 10);
}

/**
 * The proleptic Gregorian date `day` days after 1970-01-01 as YYYY-MM-DD, for years of
 * four digits (H. Hinnant's `civil_from_days`: years counted from March, so that a leap
 * day ends one). A test holds it to Date over every day serialToIso gives it.
 */
function civilDate(day: number): string {
  const z = day + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097); // 400-year eras
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const m = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

export function isoToSerial(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS) + UNIX_EPOCH_SERIAL;
}

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function checkDate(raw: string | number, opts: { notAfter?: string } = {}): Check {
  let iso: string;
  let canonical: boolean;
  if (typeof raw === "number") {
    if (!(raw >= 1 && raw <= MAX_SERIAL)) return { ok: false, rule: "date.format" };
    iso = serialToIso(raw);
    canonical = true;
  } else {
    const text = collapseSpaces(toHalfWidth(raw));
    const m =
      /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text) ??
      /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(text) ??
      /^(\d{4})(\d{2})(\d{2})$/.exec(text);
    if (!m) return { ok: false, rule: "date.format" };
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y < 1900 || !isRealDate(y, mo, d)) return { ok: false, rule: "date.format" };
    iso = `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    canonical = iso === raw;
  }
  if (opts.notAfter && iso > opts.notAfter) return { ok: false, rule: "date.future" };
  return canonical ? { ok: true, value: iso } : { ok: true, value: iso, fixed: true };
}

/** A cell shown as YYYY-MM-DD when it holds a date, else as its trimmed text. */
export function isoDate(v: unknown): string {
  if (v === undefined || v === null || v === "") return "";
  const c = checkDate(typeof v === "number" ? v : String(v as string));
  return c.ok ? c.value : String(v as string).trim();
}
