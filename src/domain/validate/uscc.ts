/**
 * 统一社会信用代码 — the unified social credit code of GB 32100-2015: 18 characters from
 * 0-9 and the capitals without I, O, S, V, Z; the 18th is a check character over the first
 * 17 with weights 3^i mod 31.
 */
import type { Check } from "../problem";
import { toHalfWidth } from "./text";

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
/** Letters people type for digits that look alike; none of them is in the alphabet. */
const LOOKALIKES: Record<string, string> = { O: "0", I: "1", Z: "2", S: "5" };

/** Each ASCII character's value, its place in ALPHABET (-1 when it has none), by character code. */
const VALUE = Int8Array.from({ length: 128 }, (_, code) => ALPHABET.indexOf(String.fromCharCode(code)));

/** The check character for the first 17 characters of a code. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (VALUE[first17.charCodeAt(i)] ?? -1) * WEIGHTS[i]!;
  const c = 31 - (sum % 31);
  return ALPHABET[c === 31 ? 0 : c]!;
}

export function isUscc(code: string): boolean {
  return SHAPE.test(code) && usccCheckChar(code.slice(0, 17)) === code[17];
}

export function checkUscc(raw: string): Check {
  const code = toHalfWidth(raw).replace(/[\s-]/g, "").toUpperCase();
  if (!SHAPE.test(code)) {
    const guess = code.replace(/[OIZS]/g, (c) => LOOKALIKES[c]!);
    return guess !== code && isUscc(guess)
      ? { ok: false, rule: "uscc.format", fix: guess }
      : { ok: false, rule: "uscc.format" };
  }
  const expected = usccCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return { ok: false, rule: "uscc.checkDigit", detail: { expected } };
  return code === raw ? { ok: true, value: code } : { ok: true, value: code, fixed: true };
}
