/** 电子邮箱 — a pragmatic subset of RFC 5322: local@domain.tld, full-width @ and dot accepted as fixes. */
import type { Check } from "../problem";
import { toHalfWidth } from "./text";

const SHAPE =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

export function checkEmail(raw: string): Check {
  const tidy = toHalfWidth(raw).replace(/。/g, ".").trim();
  const at = tidy.lastIndexOf("@");
  const normal = at < 0 ? tidy : tidy.slice(0, at) + "@" + tidy.slice(at + 1).toLowerCase();
  if (!SHAPE.test(normal) || normal.includes("..")) return { ok: false, rule: "email.format" };
  return normal === raw ? { ok: true, value: normal } : { ok: true, value: normal, fixed: true };
}
