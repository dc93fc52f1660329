import assert from "node:assert/strict";
import fc from "fast-check";
import { checkCell, forgetCheckedRows, validateWorkbook } from "../../src/domain/validation";
import { isBlankRow } from "../../src/domain/records";
import type { Problem } from "../../src/domain/problem";
import { defaultSettings } from "../../src/domain/settings";
import { intake, register } from "../../src/domain/schema/sheets";
import { sampleRegister } from "../../src/domain/sample";
import type { Cell, Snapshot } from "../../src/domain/workbook";

const today = "2026-11-24";
const col = (key: string) => register.columns.findIndex((c) => c.key === key);

function book(rows: Cell[][], intakeRows: Cell[][] = [], lang: "zh" | "en" = "zh"): Snapshot {
  const r = register.name[lang];
  const i = intake.name[lang];
  return {
    sheetNames: [r, i],
    sheets: {
      [r]: { name: r, values: [register.columns.map((c) => c.header[lang]), ...rows] },
      [i]: { name: i, values: [intake.columns.map((c) => c.header[lang]), ...intakeRows] },
    },
  };
}

function withCell(key: string, value: Cell, lang: "zh" | "en" = "zh"): Cell[][] {
  const rows = sampleRegister(3, lang);
  rows[1]![col(key)] = value;
  return rows;
}

describe("validateWorkbook", () => {
  it("finds nothing wrong in well-formed sample customers", () => {
    const report = validateWorkbook(book(sampleRegister(200, "zh")), defaultSettings, today);
    assert.deepEqual(report.problems, []);
    assert.equal(report.checked["客户原簿"], 200);
  });

  const cases: [string, Cell, string, string | undefined][] = [
    // column, value typed, rule expected, fix offered
    ["name", "", "required", undefined],
    ["postcode", "１００１２０", "postcode.format", "100120"],
    ["postcode", "10012", "postcode.format", "010012"],
    ["postcode", "1001200", "postcode.format", undefined],
    ["uscc", "91350100m000100y43", "uscc.format", "91350100M000100Y43"],
    ["uscc", "91350100M000100Y44", "uscc.checkDigit", undefined],
    ["phone", "6512345", "phone.format", undefined],
    ["email", "sales＠example.cn", "email.format", "sales@example.cn"],
    ["type", "客户", "enum.notAllowed", undefined],
    ["type", "Supplier", "enum.otherLanguage", "供应商"],
    ["region", "火星", "enum.notAllowed", undefined],
    ["region", " 华北 ", "enum.notAllowed", "华北"],
    ["firstTradeDate", "2023-02-29", "date.format", undefined],
    ["firstTradeDate", "2024/3/5", "date.format", "2024-03-05"],
    ["firstTradeDate", "2030-01-01", "date.future", undefined],
    ["capital", "一百万", "number.format", undefined],
    ["contact", "  王  伟 ", "text.whitespace", "王 伟"],
    ["contact", "王".repeat(51), "tooLong", undefined],
    ["id", "C 0001", "id.format", undefined],
  ];
  for (const [key, value, rule, fix] of cases) {
    it(`${key} 「${value}」 → ${rule}${fix ? ` (fix ${fix})` : ""}`, () => {
      const { problems } = validateWorkbook(book(withCell(key, value)), defaultSettings, today);
      const here = problems.filter((p) => p.row === 3 && p.column === key);
      assert.equal(here.length, 1, JSON.stringify(problems));
      assert.equal(here[0]!.rule, rule);
      assert.equal(here[0]!.sheet, "register");
      assert.equal(here[0]!.fix, fix);
    });
  }

  it("accepts an Excel date serial number as a date", () => {
    const { problems } = validateWorkbook(book(withCell("firstTradeDate", 45000)), defaultSettings, today);
    assert.deepEqual(problems, []);
  });

  it("reads a register set up in English and checks it the same way", () => {
    const rows = sampleRegister(3, "en");
    rows[2]![col("postcode")] = "1234";
    const { problems } = validateWorkbook(book(rows, [], "en"), defaultSettings, today);
    assert.deepEqual(
      problems.map((p) => [p.sheet, p.row, p.column, p.rule]),
      [["register", 4, "postcode", "postcode.format"]],
    );
  });

  it("finds columns by header, whatever their order", () => {
    const order = register.columns.map((_, i) => i).reverse();
    const rows = withCell("postcode", "abc").map((r) => order.map((i) => r[i]!));
    const snapshot: Snapshot = {
      sheetNames: ["客户原簿"],
      sheets: {
        客户原簿: { name: "客户原簿", values: [order.map((i) => register.columns[i]!.header.zh), ...rows] },
      },
    };
    const here = validateWorkbook(snapshot, defaultSettings, today).problems.filter(
      (p) => p.sheet === "register",
    );
    assert.deepEqual(
      here.map((p) => [p.row, p.column, p.rule]),
      [[3, "postcode", "postcode.format"]],
    );
  });

  it("flags the same customer entered twice: credit code, normalised name, phone", () => {
    const rows = sampleRegister(4, "zh");
    rows[3]![col("uscc")] = rows[0]![col("uscc")]!;
    rows[2]![col("name")] = String(rows[1]![col("name")]).replace(
      /(股份)?有限(责任)?公司$/,
      "（股份）有限 公司",
    );
    const { problems } = validateWorkbook(book(rows), defaultSettings, today);
    const dupes = problems.filter((p) => p.rule.startsWith("duplicate."));
    assert.deepEqual(dupes.map((p) => [p.rule, p.row, p.detail?.otherRow]).sort(), [
      ["duplicate.name", 4, 3],
      ["duplicate.uscc", 5, 2],
    ]);
  });

  it("flags an open intake request for a customer already on the register, but not a posted one", () => {
    const customer = sampleRegister(1, "zh")[0]!;
    const request = (status: string) =>
      intake.columns.map((c) => {
        if (c.key === "requestNo") return "R0001";
        if (c.key === "requestDate") return "2026-11-01";
        if (c.key === "intakeStatus") return status;
        const i = col(c.key);
        return i >= 0 ? customer[i]! : "";
      });
    const open = validateWorkbook(book([customer], [request("待盖章")]), defaultSettings, today).problems;
    assert.ok(
      open.some(
        (p) => p.sheet === "intake" && p.rule === "duplicate.uscc" && p.detail?.otherSheet === "register",
      ),
    );
    const posted = validateWorkbook(book([customer], [request("已登记")]), defaultSettings, today).problems;
    assert.deepEqual(
      posted.filter((p) => p.rule.startsWith("duplicate.")),
      [],
    );
  });

  it("says so when the Register is missing or lacks a required header", () => {
    const none = validateWorkbook({ sheetNames: ["Sheet1"], sheets: {} }, defaultSettings, today).problems;
    assert.deepEqual(
      none.map((p) => [p.sheet, p.rule]),
      [
        ["register", "header.missing"],
        ["intake", "header.missing"],
      ],
    );
    const header = register.columns.filter((c) => c.key !== "uscc").map((c) => c.header.zh);
    const snapshot: Snapshot = {
      sheetNames: ["客户原簿"],
      sheets: { 客户原簿: { name: "客户原簿", values: [header] } },
    };
    const lacking = validateWorkbook(snapshot, defaultSettings, today).problems.filter(
      (p) => p.sheet === "register",
    );
    assert.deepEqual(
      lacking.map((p) => [p.row, p.column, p.rule]),
      [[1, "uscc", "header.missing"]],
    );
  });

  it("flags a customer ID used twice", () => {
    const rows = sampleRegister(3, "zh");
    rows[2]![col("id")] = rows[0]![col("id")]!;
    const { problems } = validateWorkbook(book(rows), defaultSettings, today);
    assert.deepEqual(
      problems.filter((p) => p.rule === "id.duplicate").map((p) => [p.row, p.detail?.otherRow]),
      [[4, 2]],
    );
  });
});

// Issue 15: Validate remembers each row's findings by its content, and checks a value of a
// choice or a Settings list once per sheet. Whatever the rows, first time or again, its cell
// problems are those of checkCell on every cell, row by row, column by column.
describe("validateWorkbook finds in each cell what checkCell finds", () => {
  const values: Cell[] = [
    "",
    " ",
    "供应商",
    "Supplier",
    " 供应商 ",
    "ｓｕｐｐｌｉｅｒ",
    "A",
    "a",
    "正常",
    "active",
    "华北",
    " 华北",
    "业务一部",
    "AAA",
    "是",
    "火星",
    "C000001",
    "C 1",
    "010-62345678",
    "(010) 6234 5678",
    "100080",
    100080,
    "91350100M000100Y43",
    "info@example.cn",
    "2024/3/5",
    45356,
    "王  伟",
    "#N/A",
    "=A1",
    true,
    -1,
    0,
  ];
  const settings = { ...defaultSettings, regions: ["华北", "华 东"] };
  const theLongWay = (rows: Cell[][]) =>
    rows.flatMap((row, r) =>
      isBlankRow(row)
        ? []
        : register.columns.flatMap((column, c) => {
            const problem = checkCell(column, row[c] ?? "", settings, "zh", today);
            return problem ? [{ sheet: "register", row: r + 2, column: column.key, ...problem }] : [];
          }),
    );
  const cellRules = (problems: Problem[]) =>
    problems.filter(
      (p) => !p.rule.startsWith("duplicate.") && p.rule !== "id.duplicate" && p.rule !== "dupIndex.stale",
    );

  it("the first time and again", () => {
    const row = fc.array(fc.constantFrom(...values), {
      minLength: register.columns.length,
      maxLength: register.columns.length,
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
        forgetCheckedRows();
        const expected = theLongWay(rows);
        assert.deepEqual(cellRules(validateWorkbook(book(rows), settings, today).problems), expected);
        assert.deepEqual(cellRules(validateWorkbook(book(rows), settings, today).problems), expected);
      }),
      { numRuns: 300 },
    );
  });
});
