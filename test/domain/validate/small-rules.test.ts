import assert from "node:assert/strict";
import fc from "fast-check";
import { checkPostcode } from "../../../src/domain/validate/postcode";
import { checkEmail } from "../../../src/domain/validate/email";
import { checkDate, isoToSerial, serialToIso } from "../../../src/domain/validate/date";
import {
  cellText,
  collapseSpaces,
  isTidyLine,
  toHalfWidth,
  withoutInvisibles,
} from "../../../src/domain/validate/text";

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

// Issue 15: Validate reads most cells the short way; each short way must answer as the long
// way it stands for, whatever the input.
describe("the short ways answer as the long ways", () => {
  it("a day serial as a date: by arithmetic as through Date, every day Excel can show and the days around", function () {
    this.timeout(60_000);
    const throughDate = (serial: number) =>
      new Date(Math.round((Math.floor(serial) - 25569) * 86_400_000)).toISOString().slice(0, 10);
    for (let serial = -400; serial <= 2_958_465 + 400; serial++)
      if (serialToIso(serial) !== throughDate(serial)) assert.equal(serialToIso(serial), throughDate(serial));
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 3e6, noNaN: true }), (serial) =>
        assert.equal(serialToIso(serial), throughDate(serial)),
      ),
    );
  });

  it("a tidy line (isTidyLine) is one that collapsing spaces and dropping invisible characters leaves as it is", () => {
    const anyText = fc.string({ unit: "binary", maxLength: 12 });
    const spaced = fc.string({
      unit: fc.constantFrom(
        "a",
        "中",
        "“",
        "—",
        " ",
        "\t",
        "\n",
        "\u00A0",
        "\u3000",
        "\u2003",
        "\u200B",
        "\u00AD",
        "\uFEFF",
        "\u2060",
        "\u180E",
        "\u0085",
      ),
      maxLength: 12,
    });
    fc.assert(
      fc.property(fc.oneof(anyText, spaced), (s) =>
        assert.equal(isTidyLine(s), collapseSpaces(withoutInvisibles(s)) === s),
      ),
      { numRuns: 5_000 },
    );
    for (let c = 0; c < 0x10000; c++) {
      const s = `a${String.fromCharCode(c)}b`;
      if (isTidyLine(s) !== (collapseSpaces(withoutInvisibles(s)) === s)) assert.fail(`U+${c.toString(16)}`);
    }
  });

  it("a number reads as its text (cellText) as toFixed and toPrecision write it", () => {
    const theLongWay = (v: number) =>
      Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(Number(v.toPrecision(15)));
    const numbers = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.maxSafeInteger(),
      fc.constantFrom(-0, 2 ** 53, 2 ** 53 + 2, 1e21, -1e20),
    );
    fc.assert(
      fc.property(numbers, (v) => assert.equal(cellText(v), theLongWay(v))),
      { numRuns: 20_000 },
    );
  });
});
