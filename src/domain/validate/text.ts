/** Text as clerks type it: full-width forms from Chinese input methods, stray spaces. */

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
/** Full-width ASCII (U+FF01–FF5E) to ASCII, ideographic space (U+3000) to a space. */
export function toHalfWidth(s: string): string {
  // Most text holds none: returned as it is, without two passes that change nothing.
  if (!FULL_WIDTH.test(s)) return s;
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");
}

/**
 * Characters that show as nothing: zero-width space, non-joiner and joiner, word joiner,
 * byte-order mark, soft hyphen. Pasted from web pages and chat, they make two equal names
 * differ.
 */
export const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

export function withoutInvisibles(s: string): string {
  return s.replace(INVISIBLE, "");
}

/** Trims and collapses runs of white space (no-break spaces included) to one space. */
export function collapseSpaces(s: string): string {
  return s.replace(/[\s\u00A0\u3000]+/g, " ").trim();
}

/**
 * Whether `collapseSpaces(withoutInvisibles(s))` is `s` itself, read without making either:
 * no white space but single spaces between other characters, and no invisible character.
 * Most cells are like that. A test holds the two answers together.
 */
export function isTidyLine(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (i === 0 || i === s.length - 1 || s.charCodeAt(i - 1) === 0x20) return false;
    } else if (c < 0x20 ? c >= 0x09 && c <= 0x0d : c >= 0xa0 && isSpaceOrInvisible(c)) return false;
  }
  return true;
}

/** White space to `\s` (no-break spaces included) or INVISIBLE, at or above U+00A0. */
function isSpaceOrInvisible(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0xad ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** An Excel cell value as text: integers without float noise, booleans as TRUE/FALSE. */
export function cellText(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    // A safe integer's shortest form is its every digit, as toFixed writes it, and quicker.
    if (Number.isSafeInteger(v)) return String(v);
    if (Number.isInteger(v) && Math.abs(v) < 1e21) return v.toFixed(0);
    return String(Number(v.toPrecision(15)));
  }
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

/**
 * Excel's error values, as a cell's value reads (Office.js `values`, and a file's cached
 * result): #N/A, #DIV/0!, #VALUE!, #REF!, #NAME?, #NUM!, #NULL!, #SPILL!, #CALC!,
 * #GETTING_DATA, #FIELD!, #BLOCKED!, #CONNECT!, #BUSY!, #UNKNOWN!, #PYTHON!.
 */
export const EXCEL_ERROR =
  /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)$/;
