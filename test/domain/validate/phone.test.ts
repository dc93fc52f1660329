import assert from "node:assert/strict";
import fc from "fast-check";
import {
  checkPhone,
  checkPhones,
  parseAsTyped,
  parsePhone,
  phoneKeys,
} from "../../../src/domain/validate/phone";

describe("mainland phone and fax numbers", () => {
  const accepted: [string, string, string][] = [
    // typed, canonical, kind
    ["13862345678", "13862345678", "mobile"],
    ["138 6234 5678", "13862345678", "mobile"],
    ["+86 138-6234-5678", "13862345678", "mobile"],
    ["008613862345678", "13862345678", "mobile"],
    ["８６１３８１２３４５６７８", "13812345678", "mobile"],
    ["010-62345678", "010-62345678", "landline"],
    ["(010)62345678", "010-62345678", "landline"],
    ["（010）6234 5678", "010-62345678", "landline"],
    ["01062345678", "010-62345678", "landline"],
    ["+86-10-62345678", "010-62345678", "landline"],
    ["0571-8765432", "0571-8765432", "landline"],
    ["0755 26781234", "0755-26781234", "landline"],
    ["021-63000003转123", "021-63000003-123", "landline"],
    ["021-63000003 ext.45", "021-63000003-45", "landline"],
    ["021-63000003-8001", "021-63000003-8001", "landline"],
    ["021-63000003分机 8", "021-63000003-8", "landline"],
    ["400-123-4567", "400-123-4567", "service"],
    ["4001234567", "400-123-4567", "service"],
    ["800 123 4567", "800-123-4567", "service"],
  ];
  for (const [typed, canonical, kind] of accepted) {
    it(`${typed} → ${canonical} (${kind})`, () => {
      const r = checkPhone(typed);
      assert.equal(r.ok, true);
      assert.equal(r.ok && r.value, canonical);
      assert.equal(r.kind, kind);
      assert.equal(r.ok && r.fixed === true, typed !== canonical);
    });
  }

  const rejected: string[] = [
    "13862345678转123", // a mobile has no extension (its canonical form would read as no number)
    "+86 138 6234 5678 ext. 12",
    "6512345", // no area code
    "62345678901", // 12 is not a mobile prefix
    "1386234567", // ten digits
    "010-0123456", // local numbers do not start with 0
    "010-12345678", // nor with 1 (reserved for service numbers)
    "010-123456", // too short
    "0571-876543210", // too long
    "500-123-4567",
    "电话待定",
    "",
  ];
  for (const typed of rejected) {
    it(`${JSON.stringify(typed)} → phone.format`, () => {
      assert.deepEqual(checkPhone(typed), { ok: false, rule: "phone.format" });
    });
  }

  it("accepts several numbers in one cell and joins them with 、", () => {
    assert.deepEqual(checkPhones("010-62345678, 138 6234 5678"), {
      ok: true,
      value: "010-62345678、13862345678",
      fixed: true,
    });
    assert.equal(checkPhones("010-62345678、6512345").ok, false);
    // Already as the canonical form writes them: fine as they stand, nothing to tidy.
    assert.deepEqual(checkPhones("010-62345678、13862345678"), {
      ok: true,
      value: "010-62345678、13862345678",
    });
    // Eleven digits make a mobile, not twelve.
    assert.equal(checkPhones("138623456781").ok, false);
  });

  it("keys numbers by their digits, without extension, for duplicate detection", () => {
    assert.deepEqual(phoneKeys("(010)6234-5678转12、+86 138 6234 5678"), ["01062345678", "13862345678"]);
    assert.deepEqual(phoneKeys("not a number"), []);
  });
});

// Issue 15: parsePhone reads a number written as its canonical form does (ASCII digits and
// hyphens, no country prefix) without the tidying of parseAsTyped; both must answer the same.
describe("the canonical form read the short way answers as the long way", () => {
  const SEPARATORS = /[、,，;；/]+/;
  /** checkPhones and phoneKeys as they read every cell before the short way. */
  const checkPhonesTheLongWay = (raw: string) => {
    const parts = raw.split(SEPARATORS).filter((p) => p.trim() !== "");
    if (parts.length === 0) return { ok: false, rule: "phone.format" };
    const canonical: string[] = [];
    for (const part of parts) {
      const parsed = parseAsTyped(part);
      if (!parsed) return { ok: false, rule: "phone.format" };
      canonical.push(parsed.canonical);
    }
    const joined = canonical.join("、");
    return joined === raw ? { ok: true, value: joined } : { ok: true, value: joined, fixed: true };
  };
  const phoneKeysTheLongWay = (raw: string) =>
    raw
      .split(SEPARATORS)
      .map((p) => parseAsTyped(p)?.digits)
      .filter((d): d is string => !!d);
  const plain = fc.string({ unit: fc.constantFrom("0", "1", "2", "4", "8", "6", "9", "-"), maxLength: 16 });
  const typed = fc.string({
    unit: fc.constantFrom("0", "1", "3", "8", "6", "-", " ", "+", "(", "）", "０", "转", "x", "、", ",", "a"),
    maxLength: 20,
  });
  const numbers = fc.oneof(
    plain,
    typed,
    fc.constantFrom(
      "010-62345678",
      "0571-8765432",
      "13812345678",
      "400-123-4567",
      "8613812345678",
      "0086-10-62345678",
    ),
  );

  it("parsePhone", () => {
    fc.assert(
      fc.property(numbers, (raw) => assert.deepEqual(parsePhone(raw), parseAsTyped(raw))),
      { numRuns: 5000 },
    );
  });

  it("checkPhones and phoneKeys", () => {
    fc.assert(
      fc.property(numbers, (raw) => {
        assert.deepEqual(checkPhones(raw), checkPhonesTheLongWay(raw));
        assert.deepEqual(phoneKeys(raw), phoneKeysTheLongWay(raw));
      }),
      { numRuns: 5000 },
    );
  });
});
