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
  if (/^1[3-9]\d{9}$/.test(digits)) return { kind: "mobile", main: digits, digits };
  if (/^[48]00\d{7}$/.test(digits)) {
    return {
      kind: "service",
      main: `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`,
      digits,
    };
  }
  if (/^0/.test(digits)) {
    const areaLength = /^(010|02\d)/.test(digits) ? 3 : 4;
    const area = digits.slice(0, areaLength);
    const local = digits.slice(areaLength);
    if (/^0[1-9]\d{1,2}$/.test(area) && /^[2-9]\d{6,7}$/.test(local)) {
      return { kind: "landline", main: `${area}-${local}`, digits };
    }
  }
  return undefined;
}

export function parsePhone(raw: string): (Parsed & { canonical: string }) | undefined {
  let text = toHalfWidth(raw).trim().replace(/[（]/g, "(").replace(/[）]/g, ")");
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
  if (!parsed) return undefined;
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
  const parts = raw.split(SEPARATORS).filter((p) => p.trim() !== "");
  if (parts.length === 0) return { ok: false, rule: "phone.format" };
  const canonical: string[] = [];
  for (const part of parts) {
    const one = checkPhone(part);
    if (!one.ok) return one;
    canonical.push(one.value);
  }
  const joined = canonical.join("、");
  return joined === raw ? { ok: true, value: joined } : { ok: true, value: joined, fixed: true };
}

/** Digits of each number in a cell without extension, for duplicate detection. */
export function phoneKeys(raw: string): string[] {
  return raw
    .split(SEPARATORS)
    .map((p) => parsePhone(p)?.digits)
    .filter((d): d is string => !!d);
}
