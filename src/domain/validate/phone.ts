/**
 * Mainland phone and fax numbers: mobiles (1[3-9] + 9 digits), landlines with their area
 * code (010 and 02x have three digits, the rest four; local numbers 7–8 digits not
 * starting with 0 or 1), 400/800 service numbers, an optional extension, and the +86 /
 * 0086 prefixes. Canonical forms: 13812345678, 010-62345678, 0571-8765432-123, 400-123-4567.
 */
import type { Check } from "../problem";
import { toHalfWidth } from "./text";

export type PhoneKind = "mobile" | "landline" | "service";
export type PhoneCheck = Check & { kind?: PhoneKind };

const EXTENSION = /(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;

interface Parsed {
  kind: PhoneKind;
  /** Canonical text without extension. */
  main: string;
  digits: string;
}

function parseMain(text: string): Parsed | undefined {
  let digits = text.replace(/[\s\-()]/g, "");
  if (!/^\+?\d+$/.test(digits)) return undefined;
  const international = /^(\+86|0086)/.exec(digits);
  if (international) {
    digits = digits.slice(international[0].length);
    if (!/^1[3-9]/.test(digits) && !/^0/.test(digits)) digits = "0" + digits;
  } else if (/^86(1[3-9]\d{9}|[2-9]\d{8,10})$/.test(digits) && digits.length >= 12) {
    digits = digits.slice(2);
    if (!/^1[3-9]/.test(digits)) digits = "0" + digits;
  }
  return numberOf(digits);
}

/** A number's digits, the country prefix gone, as a mobile, service or landline number (no extension: `canonical` is `main`). */
function numberOf(digits: string): ParsedPhone | undefined {
  if (/^1[3-9]\d{9}$/.test(digits)) return { kind: "mobile", main: digits, digits, canonical: digits };
  if (/^[48]00\d{7}$/.test(digits)) {
    const main = `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
    return { kind: "service", main, digits, canonical: main };
  }
  if (digits.startsWith("0")) {
    const areaLength = /^(010|02\d)/.test(digits) ? 3 : 4;
    const area = digits.slice(0, areaLength);
    const local = digits.slice(areaLength);
    if (/^0[1-9]\d{1,2}$/.test(area) && /^[2-9]\d{6,7}$/.test(local)) {
      const main = `${area}-${local}`;
      return { kind: "landline", main, digits, canonical: main };
    }
  }
  return undefined;
}

export type ParsedPhone = Parsed & { canonical: string };

export function parsePhone(raw: string): ParsedPhone | undefined {
  return parsePlain(raw) ?? parseAsTyped(raw);
}

/**
 * Most cells hold a number as its canonical form writes it: ASCII digits and hyphens, no
 * country prefix, no extension marker. For those the tidying in parseAsTyped changes
 * nothing but the hyphens, so the digits are read as they stand; anything else, and any
 * such text that is not a whole number by itself ("010-62345678-123"), is left to
 * parseAsTyped. A test holds the two to the same answers.
 */
function parsePlain(raw: string): ParsedPhone | undefined {
  let hyphens = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x2d) hyphens = true;
    else if (c < 0x30 || c > 0x39) return undefined;
  }
  // No mobile, service or area code starts 86 or 00: numberOf refuses a number written
  // with the country prefix (86…, 0086…), and parseAsTyped reads it.
  return numberOf(hyphens ? raw.replaceAll("-", "") : raw);
}

/** A number as it was typed: full-width forms, spaces, brackets, +86, an extension. */
export function parseAsTyped(raw: string): ParsedPhone | undefined {
  // Full-width brackets （） are full-width forms: toHalfWidth makes them ().
  let text = toHalfWidth(raw).trim();
  let extension = "";
  const marked = EXTENSION.exec(text);
  if (marked) {
    extension = marked[1]!;
    text = text.slice(0, marked.index).replace(/[\s-]+$/, "");
  }
  let parsed = parseMain(text);
  if (!parsed && !extension) {
    // "010-62345678-123": a trailing group after a whole landline is its extension.
    const tail = /^(.*\d)[-\s](\d{1,6})$/.exec(text);
    const head = tail && parseMain(tail[1]!);
    if (head && head.kind !== "mobile") {
      parsed = head;
      extension = tail[2]!;
    }
  }
  // A mobile has no extension: "138…转123" is no number its canonical form could write
  // ("13800138000-123" reads as no number at all), so it is refused, not tidied into one.
  if (!parsed || (extension && parsed.kind === "mobile")) return undefined;
  return { ...parsed, canonical: extension ? `${parsed.main}-${extension}` : parsed.main };
}

export function checkPhone(raw: string): PhoneCheck {
  const parsed = parsePhone(raw);
  if (!parsed) return { ok: false, rule: "phone.format" };
  return parsed.canonical === raw
    ? { ok: true, value: parsed.canonical, kind: parsed.kind }
    : { ok: true, value: parsed.canonical, fixed: true, kind: parsed.kind };
}

const SEPARATORS = /[、,，;；/]+/;

/** A cell may hold several numbers: 010-62345678、13812345678. */
export function checkPhones(raw: string): Check {
  return phonesAsTheyStand(raw) ?? { ok: true, value: raw };
}

/**
 * checkPhones, but undefined where the cell is fine as it stands — most cells, and nothing
 * is made for them (Validate asks this of two cells of every row).
 */
export function phonesAsTheyStand(raw: string): Check | undefined {
  // One number in canonical form or close to it (parsePlain): no separator to split at.
  const plain = parsePlain(raw);
  if (plain) return plain.canonical === raw ? undefined : { ok: true, value: plain.canonical, fixed: true };
  const parts = raw.split(SEPARATORS).filter((p) => p.trim() !== "");
  if (parts.length === 0) return { ok: false, rule: "phone.format" };
  const canonical: string[] = [];
  for (const part of parts) {
    const one = checkPhone(part);
    if (!one.ok) return one;
    canonical.push(one.value);
  }
  const joined = canonical.join("、");
  return joined === raw ? undefined : { ok: true, value: joined, fixed: true };
}

/** Digits of each number in a cell without extension, for duplicate detection. */
export function phoneKeys(raw: string): string[] {
  const plain = parsePlain(raw);
  if (plain) return [plain.digits];
  return raw
    .split(SEPARATORS)
    .map((p) => parsePhone(p)?.digits)
    .filter((d): d is string => !!d);
}
