/**
 * Input as clerks really produce it (issue 18): company names pasted from web pages and
 * chat, phone numbers in every usual notation, credit codes Excel turned into numbers.
 * Table-driven, one row per case.
 */
import assert from "node:assert/strict";
import { checkCell } from "../../../src/domain/validation";
import { normaliseCompanyName } from "../../../src/domain/validate/company-name";
import { usccCheckChar } from "../../../src/domain/validate/uscc";
import { defaultSettings } from "../../../src/domain/settings";
import { register } from "../../../src/domain/schema/sheets";
import { planIntake } from "../../../src/domain/intake";
import { readSheet } from "../../../src/domain/records";
import { changeLog, intake } from "../../../src/domain/schema/sheets";
import { sampleCustomer } from "../../../src/domain/sample";
import { trustStaff } from "../../../src/domain/stamps/staff";
import type { Snapshot } from "../../../src/domain/workbook";
import { apply } from "../support/apply";
import { office } from "../support/people";

const column = (key: string) => register.columns.find((c) => c.key === key)!;
const check = (key: string, value: string | number) =>
  checkCell(column(key), value, defaultSettings, "zh", "2026-11-24");

describe("company names: the same company however it was pasted, another company stays another", () => {
  const same: [string, string][] = [
    ["华为技术有限公司", "华为技术有限公司\u200B"],
    ["北京字节跳动科技有限公司", "北京字节跳动科技 有限公司"],
    ["阿里巴巴（中国）有限公司", "阿里巴巴(中国)有限公司"],
    ["ＡＢＣ贸易有限公司", "ABC贸易有限公司"],
    ["中国平安保险（集团）股份有限公司", "中国平安保险(集团)股份有限公司\uFEFF"],
    ["Lenovo Group Limited", "LENOVO GROUP LTD."],
    ["Cisco Systems, Inc.", "CISCO SYSTEMS INC"],
    ["Sony Co., Ltd.", "SONY"],
    ["㈱ 山田商事", "(株)山田商事"],
    ["上海浦东发展银行股份有限公司", "上海浦东发展银行股份有限公司\u00AD"],
  ];
  for (const [a, b] of same)
    it(`${JSON.stringify(a)} = ${JSON.stringify(b)}`, () =>
      assert.equal(normaliseCompanyName(a), normaliseCompanyName(b)));
  const different: [string, string][] = [
    ["Cisco", "Cis Co., Ltd."],
    ["Costco", "Cost Co."],
    ["Alco Inc.", "Al Co."],
    ["Disco Limited", "Dis Co"],
    ["中信集团", "中信有限公司"],
    ["华为技术有限公司", "华为终端有限公司"],
  ];
  for (const [a, b] of different)
    it(`${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`, () =>
      assert.notEqual(normaliseCompanyName(a), normaliseCompanyName(b)));

  it("an invisible character in a name is a whitespace problem, with the name without it offered", () => {
    assert.deepEqual(check("name", "华为技术有限公司\u200B"), {
      rule: "text.whitespace",
      value: "华为技术有限公司\u200B",
      fix: "华为技术有限公司",
    });
  });
});

describe("phone numbers: valid notations are tidy-ups offered, not errors", () => {
  const tidy: [string, string][] = [
    ["(010) 6234 5678", "010-62345678"],
    ["（021）5888 1234", "021-58881234"],
    ["+86 138 1234 5678", "13812345678"],
    ["+86-10-62345678", "010-62345678"],
    ["0086 571 8765 4321", "0571-87654321"],
    ["0571 8765 4321", "0571-87654321"],
    ["400 123 4567", "400-123-4567"],
    ["138-1234-5678", "13812345678"],
  ];
  for (const [typed, canonical] of tidy)
    it(`${typed} → ${canonical}`, () =>
      assert.deepEqual(check("phone", typed), {
        rule: "phone.tidy",
        value: typed,
        fix: canonical,
        tidy: true,
      }));
  for (const wrong of ["12345", "6234 5678", "+1 415 555 0100"])
    it(`${wrong} is an error`, () => assert.equal(check("phone", wrong)?.rule, "phone.format"));
  it("the usual form is no problem at all", () => assert.equal(check("phone", "010-62345678"), undefined));

  it("filing a request with a bracketed number files it in the usual form, without a problem", async () => {
    const people = await office();
    const empty: Snapshot = {
      sheetNames: ["客户原簿", "交易开始调查书", "变更记录"],
      sheets: {
        客户原簿: { name: "客户原簿", values: [register.columns.map((c) => c.header.zh)] },
        交易开始调查书: { name: "交易开始调查书", values: [intake.columns.map((c) => c.header.zh)] },
        变更记录: { name: "变更记录", values: [changeLog.columns.map((c) => c.header.zh)] },
      },
    };
    const customer = sampleCustomer(0, "zh");
    const entry: Record<string, string> = {
      class: "B",
      firstTradeDate: "",
      responsible: "王建国",
      department: "业务一部",
    };
    register.columns.forEach((c, k) => {
      if (
        intake.columns.some((x) => x.key === c.key) &&
        !["stamps", "notes", "requestNo"].includes(c.key) &&
        !(c.key in entry)
      )
        entry[c.key] = String(customer[k]);
    });
    entry.phone = "(010) 6234 5678";
    const plan = await planIntake(
      empty,
      defaultSettings,
      await trustStaff(people.entries, people.admin.fp),
      entry,
      "王建国",
      { date: "2026-11-24", time: "16:00" },
      "zh",
    );
    assert.deepEqual(plan.problems, []);
    assert.equal(readSheet(intake, apply(empty, plan.writes)).records[0]!.values.phone, "010-62345678");
  });
});

describe("credit codes Excel stored as numbers", () => {
  // An all-digit code, valid as text: 17 digits whose check character is a digit too.
  let code = "";
  for (let n = 0; !code; n++) {
    const first17 = `911101085513850${String(n).padStart(2, "0")}`;
    const c = usccCheckChar(first17);
    if (/\d/.test(c)) code = first17 + c;
  }

  it("as text it is valid", () => assert.equal(check("uscc", code), undefined));
  it("as a number it says the digits are lost and to re-enter it as text, not which check character to use", () => {
    const found = check("uscc", Number(code));
    assert.equal(found?.rule, "uscc.number");
    assert.equal(found?.fix, undefined, "no check character is offered for digits that are gone");
    assert.notEqual(found?.value, code, "the number already lost digits");
  });
});

describe("choices in either language (a pane in English on a Chinese workbook)", () => {
  it("an allowed value in the other language is a tidy-up into the sheet's language, not an error", () => {
    assert.deepEqual(check("type", "Supplier"), {
      rule: "enum.otherLanguage",
      value: "Supplier",
      fix: "供应商",
      tidy: true,
    });
    assert.equal(check("type", "供应商"), undefined);
    assert.equal(check("type", "客户")?.rule, "enum.notAllowed");
  });

  it("filing with the English labels on a Chinese workbook files the request with the Chinese ones", async () => {
    const people = await office();
    const empty: Snapshot = {
      sheetNames: ["客户原簿", "交易开始调查书", "变更记录"],
      sheets: {
        客户原簿: { name: "客户原簿", values: [register.columns.map((c) => c.header.zh)] },
        交易开始调查书: { name: "交易开始调查书", values: [intake.columns.map((c) => c.header.zh)] },
        变更记录: { name: "变更记录", values: [changeLog.columns.map((c) => c.header.zh)] },
      },
    };
    const customer = sampleCustomer(0, "en");
    const entry: Record<string, string> = {
      class: "B",
      firstTradeDate: "",
      responsible: "王建国",
      department: "业务一部",
    };
    register.columns.forEach((c, k) => {
      if (
        intake.columns.some((x) => x.key === c.key) &&
        !["stamps", "notes", "requestNo"].includes(c.key) &&
        !(c.key in entry)
      )
        entry[c.key] = String(customer[k]);
    });
    entry.region = "华东";
    entry.creditRating = "A";
    assert.equal(entry.type, "Supplier", "the English pane's label");
    const plan = await planIntake(
      empty,
      defaultSettings,
      await trustStaff(people.entries, people.admin.fp),
      entry,
      "王建国",
      { date: "2026-11-24", time: "16:00" },
      "en",
    );
    assert.deepEqual(plan.problems, []);
    assert.equal(readSheet(intake, apply(empty, plan.writes)).records[0]!.values.type, "供应商");
  });
});
