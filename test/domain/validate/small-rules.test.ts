import assert from "node:assert/strict";
import { checkPostcode } from "../../../src/domain/validate/postcode";
import { checkEmail } from "../../../src/domain/validate/email";
import { checkDate, isoToSerial, serialToIso } from "../../../src/domain/validate/date";
import { cellText, collapseSpaces, toHalfWidth } from "../../../src/domain/validate/text";

type Outcome = { ok: boolean; value?: string; rule?: string; fix?: string; fixed?: boolean };
const pick = (r: Outcome) =>
  r.ok ? { ok: true, value: r.value, fixed: r.fixed ?? false } : { ok: false, rule: r.rule, fix: r.fix };

describe("postcode", () => {
  const cases: [string | number, Outcome][] = [
    ["100080", { ok: true, value: "100080", fixed: false }],
    [100080, { ok: true, value: "100080", fixed: true }],
    ["１０００８０", { ok: true, value: "100080", fixed: true }],
    [" 200 120 ", { ok: true, value: "200120", fixed: true }],
    ["10080", { ok: false, rule: "postcode.format", fix: "010080" }],
    [10080, { ok: false, rule: "postcode.format", fix: "010080" }],
    ["999077", { ok: false, rule: "postcode.format", fix: undefined }],
    ["1000800", { ok: false, rule: "postcode.format", fix: undefined }],
    ["10008O", { ok: false, rule: "postcode.format", fix: undefined }],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () =>
      assert.deepEqual(pick(checkPostcode(input)), expected));
  }
});

describe("e-mail", () => {
  const cases: [string, Outcome][] = [
    ["info@example.cn", { ok: true, value: "info@example.cn", fixed: false }],
    ["Wang.Wei@Example.COM.CN", { ok: true, value: "Wang.Wei@example.com.cn", fixed: true }],
    ["sales＠example.cn", { ok: true, value: "sales@example.cn", fixed: true }],
    ["sales@example。cn", { ok: true, value: "sales@example.cn", fixed: true }],
    [" a@b.cn ", { ok: true, value: "a@b.cn", fixed: true }],
    ["sales@example", { ok: false, rule: "email.format", fix: undefined }],
    ["sales example.cn", { ok: false, rule: "email.format", fix: undefined }],
    ["a@@b.cn", { ok: false, rule: "email.format", fix: undefined }],
    ["a..b@c.cn", { ok: false, rule: "email.format", fix: undefined }],
    ["王@例子.cn", { ok: false, rule: "email.format", fix: undefined }],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected.ok ? expected.value : expected.rule}`, () =>
      assert.deepEqual(pick(checkEmail(input)), expected));
  }
});

describe("dates", () => {
  const cases: [string | number, Outcome][] = [
    ["2024-03-05", { ok: true, value: "2024-03-05", fixed: false }],
    ["2024/3/5", { ok: true, value: "2024-03-05", fixed: true }],
    ["2024.3.5", { ok: true, value: "2024-03-05", fixed: true }],
    ["2024年3月5日", { ok: true, value: "2024-03-05", fixed: true }],
    ["２０２４－０３－０５", { ok: true, value: "2024-03-05", fixed: true }],
    ["20240305", { ok: true, value: "2024-03-05", fixed: true }],
    [45356, { ok: true, value: "2024-03-05", fixed: false }],
    ["2024-02-29", { ok: true, value: "2024-02-29", fixed: false }],
    ["2023-02-29", { ok: false, rule: "date.format", fix: undefined }],
    ["2024-13-01", { ok: false, rule: "date.format", fix: undefined }],
    ["05/03/2024", { ok: false, rule: "date.format", fix: undefined }],
    [0, { ok: false, rule: "date.format", fix: undefined }],
    [3_000_000, { ok: false, rule: "date.format", fix: undefined }],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected.ok ? expected.value : expected.rule}`, () =>
      assert.deepEqual(pick(checkDate(input)), expected));
  }

  it("refuses a date after the limit given", () => {
    assert.deepEqual(checkDate("2026-12-01", { notAfter: "2026-11-24" }), { ok: false, rule: "date.future" });
    assert.equal(checkDate("2026-11-24", { notAfter: "2026-11-24" }).ok, true);
  });

  const serials: [number, string][] = [
    [25569, "1970-01-01"],
    [45356, "2024-03-05"],
    [61, "1900-03-01"],
  ];
  for (const [serial, iso] of serials) {
    it(`Excel serial ${serial} is ${iso} and back`, () => {
      assert.equal(serialToIso(serial), iso);
      assert.equal(isoToSerial(iso), serial);
    });
  }
});

describe("text", () => {
  it("turns full-width forms into ASCII and the ideographic space into a space", () => {
    assert.equal(toHalfWidth("ＡＢＣ１２３（）＠　x"), "ABC123()@ x");
  });
  it("collapses runs of white space, no-break spaces included", () => {
    assert.equal(collapseSpaces(" a \u00A0 b\t\nc\u3000 "), "a b c");
  });
  const cells: [string | number | boolean | undefined, string][] = [
    [100080, "100080"],
    [0.1 + 0.2, "0.3"],
    [true, "TRUE"],
    [undefined, ""],
    ["x", "x"],
  ];
  for (const [value, text] of cells)
    it(`cell ${String(value)} reads as ${text}`, () => assert.equal(cellText(value), text));
});
