/**
 * The key two company names share when they name the same company. Clerks write the same
 * name with full- or half-width characters, compatibility forms, invisible characters
 * pasted from the web, spaces, brackets, and different legal-form suffixes; none of those
 * makes it another company. So the key is: NFKC, half-width, no invisible characters,
 * upper-case, and the legal-form suffix removed (股份有限公司, 有限责任公司, 有限公司, 公司,
 * CO., LTD., LIMITED, INC, CORP…), repeatedly, from the end — a Latin suffix only as a word
 * of its own (CISCO is not CIS + CO) — then no white space and no punctuation (bracket
 * contents kept). 集团 stays: a group and its member are different customers.
 */
import { toHalfWidth, withoutInvisibles } from "./text";

const SUFFIXES = [
  "股份有限公司",
  "有限责任公司",
  "有限公司",
  "股份公司",
  "总公司",
  "公司",
  "CORPORATION",
  "COMPANY",
  "LIMITED",
  "CORP",
  "INC",
  "LTD",
  "CO",
];

const LATIN = /^[A-Z]+$/;
/** A letter or digit of a Latin-script word: a Latin suffix must not follow one. */
const WORD_CHAR = /[A-Z0-9]$/;

/** CJK Unified Ideographs only: text that NFKC, width, case, spaces and punctuation leave as it is. */
const IDEOGRAPHS = /^[\u4E00-\u9FFF]*$/;

export function normaliseCompanyName(name: string): string {
  // Most names are written in ideographs alone: nothing to normalise but the suffix.
  let key = IDEOGRAPHS.test(name) ? name : withoutSeparators(name);
  for (let again = true; again;) {
    again = false;
    for (const suffix of SUFFIXES) {
      if (key.length <= suffix.length || !key.endsWith(suffix)) continue;
      const before = key.slice(0, -suffix.length);
      if (LATIN.test(suffix) && WORD_CHAR.test(before)) continue;
      key = before.trimEnd();
      again = true;
    }
  }
  return key.replace(/ /g, "");
}

/** The name in NFKC, half-width, upper case, without invisible characters and without spaces but between Latin words. */
function withoutSeparators(name: string): string {
  // Latin words separated by single spaces; punctuation and symbols are separators.
  return (
    withoutInvisibles(toHalfWidth(name.normalize("NFKC")))
      .toUpperCase()
      .replace(/[\s\p{P}\p{S}]+/gu, " ")
      .trim()
      // A space counts only between two Latin words; Chinese is written without them.
      .replace(/ (?![A-Z0-9])|(?<![A-Z0-9]) /g, "")
  );
}
