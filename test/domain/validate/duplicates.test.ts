import assert from "node:assert/strict";
import { normaliseCompanyName } from "../../../src/domain/validate/company-name";
import { findDuplicates, type DuplicateCandidate } from "../../../src/domain/validate/duplicates";
import { sampleName, sampleUscc } from "../../../src/domain/sample";

describe("company-name key", () => {
  const same: [string, string][] = [
    ["上海某某科技股份有限公司", "上海某某科技有限公司"],
    ["上海 某某 科技（集团）股份有限公司", "上海某某科技(集团)有限责任公司"],
    ["上海某某科技有限公司", "上海某某科技公司"],
    ["ＡＢＣ贸易有限公司", "abc贸易有限公司"],
    ["北京华信科技有限公司。", "北京华信科技有限公司"],
    ["Acme Trading Co., Ltd.", "ACME TRADING CO LTD"],
    ["Acme Trading Limited", "Acme Trading Inc."],
  ];
  for (const [a, b] of same) {
    it(`「${a}」 and 「${b}」 are the same company`, () =>
      assert.equal(normaliseCompanyName(a), normaliseCompanyName(b)));
  }
  const different: [string, string][] = [
    ["上海某某科技集团有限公司", "上海某某科技有限公司"],
    ["北京华信科技有限公司", "北京华信贸易有限公司"],
    ["广州恒泰", "深圳恒泰"],
  ];
  for (const [a, b] of different) {
    it(`「${a}」 and 「${b}」 are different companies`, () =>
      assert.notEqual(normaliseCompanyName(a), normaliseCompanyName(b)));
  }
});

describe("findDuplicates", () => {
  it("points each later row at the first one with the same code, name or phone", () => {
    const rows: DuplicateCandidate[] = [
      { sheet: "register", row: 2, uscc: "91350100M000100Y43", name: "甲公司", phones: "010-62345678" },
      { sheet: "register", row: 3, uscc: "91350100m000100y43", name: "乙公司", phones: "13862345678" },
      { sheet: "intake", row: 2, uscc: "", name: "甲 有限公司", phones: "(010)6234-5678、13900000000" },
    ];
    const found = findDuplicates(rows).map((p) => [
      p.sheet,
      p.row,
      p.rule,
      p.detail?.otherSheet,
      p.detail?.otherRow,
    ]);
    assert.deepEqual(found, [
      ["register", 3, "duplicate.uscc", "register", 2],
      ["intake", 2, "duplicate.name", "register", 2],
      ["intake", 2, "duplicate.phone", "register", 2],
    ]);
  });

  it("ignores blanks: two customers without a credit code are not duplicates", () => {
    const rows: DuplicateCandidate[] = [
      { sheet: "register", row: 2, uscc: "", name: "甲", phones: "" },
      { sheet: "register", row: 3, uscc: "", name: "乙", phones: "" },
    ];
    assert.deepEqual(findDuplicates(rows), []);
  });

  it("finds exactly the planted duplicates among 100,000 rows", () => {
    const rows: DuplicateCandidate[] = Array.from({ length: 100_000 }, (_, i) => ({
      sheet: "register",
      row: i + 2,
      uscc: sampleUscc(i),
      name: sampleName(i),
      phones: `010-${String(20_000_000 + i)}`,
    }));
    rows[70_000]!.uscc = rows[10]!.uscc;
    rows[80_000]!.name = rows[20]!.name!.replace(/有限公司$/, "股份有限公司");
    rows[90_000]!.phones = rows[30]!.phones;
    const found = findDuplicates(rows).map((p) => [p.rule, p.row, p.detail?.otherRow]);
    assert.deepEqual(found, [
      ["duplicate.uscc", 70_002, 12],
      ["duplicate.name", 80_002, 22],
      ["duplicate.phone", 90_002, 32],
    ]);
  });
});
