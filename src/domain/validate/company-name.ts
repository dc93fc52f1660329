/**
 * The key two company names share when they name the same company. Clerks write the same
 * name with full- or half-width characters, spaces, brackets, and different legal-form
 * suffixes; none of those makes it another company. So the key is: half-width,
 * upper-case, no white space, no punctuation (bracket contents kept), and the legal-form
 * suffix removed (股份有限公司, 有限责任公司, 有限公司, 公司, CO., LTD., LIMITED, INC, CORP…),
 * repeatedly, from the end. 集团 stays: a group and its member are different customers.
 */
import { toHalfWidth } from "./text";

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

export function normaliseCompanyName(name: string): string {
  let key = toHalfWidth(name)
    .toUpperCase()
    .replace(/[\s\p{P}\p{S}]/gu, "");
  for (let again = true; again;) {
    again = false;
    for (const suffix of SUFFIXES) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length);
        again = true;
      }
    }
  }
  return key;
}
