/**
 * 邮政编码 — a mainland postcode: six digits, the first 0–8 (9xxxxx is not a mainland code).
 * A five-digit number is offered its lost leading zero: Excel drops it from "010020"
 * typed into a column that is not formatted as text.
 */
import type { Check } from "../problem";
import { cellText, toHalfWidth } from "./text";

export function checkPostcode(raw: string | number): Check {
  const code = toHalfWidth(cellText(raw)).replace(/\s/g, "");
  if (/^[0-8]\d{5}$/.test(code))
    return code === raw ? { ok: true, value: code } : { ok: true, value: code, fixed: true };
  if (/^\d{5}$/.test(code)) return { ok: false, rule: "postcode.format", fix: "0" + code };
  return { ok: false, rule: "postcode.format" };
}
