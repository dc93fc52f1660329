/**
 * Issue 16, printing: what Excel prints in a page header is what the list says. A literal
 * "&" is doubled (Excel reads "&D" as the date: a department "R&D" printed "R" and today),
 * a header or footer fits Excel's 255 characters (longer texts are cut and end in "…",
 * never inside a code), generated cells fit 32,767 characters, and list sheet names never
 * collide (Excel allows 31 characters and compares names ignoring case).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  excelPageText,
  fitPageTexts,
  HEADER_FOOTER_LIMIT,
  PAGE_COUNT,
  PAGE_NUMBER,
  pageOf,
  PRINT_DATE,
  type PageText,
} from "../../../src/domain/page-text";
import { listSheetNames } from "../../../src/domain/department-lists";
import { departmentList } from "../../../src/domain/schema/sheets";
import { CELL_TEXT_MAX, fitCell, tooLongCell } from "../../../src/domain/workbook";

/** What Excel prints for a header text: "&&" one "&", &P/&N/&D their values. */
function printed(excel: string, page = 2, pages = 9, date = "2026-12-03"): string {
  let out = "";
  for (let i = 0; i < excel.length; i++) {
    if (excel[i] !== "&") {
      out += excel[i];
      continue;
    }
    const code = excel[++i];
    if (code === "&") out += "&";
    else if (code === "P") out += page;
    else if (code === "N") out += pages;
    else if (code === "D") out += date;
    else throw new Error(`unexpected code &${code} in ${excel}`);
  }
  return out;
}

const total = (parts: string[]) => parts.reduce((n, t) => n + (t ? 2 + t.length : 0), 0);

describe("page headers and footers as Excel prints them (issue 16)", () => {
  it('a department called "R&D" prints its name, not "R" and the date', () => {
    const excel = excelPageText(["R&D 客户一览表"]);
    assert.equal(excel, "R&&D 客户一览表");
    assert.equal(printed(excel), "R&D 客户一览表");
  });

  it("codes stay codes: page X of Y and the date", () => {
    assert.equal(printed(excelPageText(pageOf("zh"))), "第 2 页 / 共 9 页");
    assert.equal(printed(excelPageText(pageOf("en"))), "Page 2 of 9");
    assert.equal(excelPageText([PRINT_DATE, " · ", PAGE_NUMBER, "/", PAGE_COUNT]), "&D · &P/&N");
  });

  it("a long title is cut to fit the 255-character header and ends in …; a short one is untouched", () => {
    const title = `${"很长的部门名称".repeat(60)} 客户一览表`;
    const [, center] = fitPageTexts([[], [title], []]);
    assert.ok(total(["", center!, ""]) <= HEADER_FOOTER_LIMIT);
    assert.ok(center!.endsWith("…"));
    assert.ok(title.startsWith(center!.slice(0, -1)));
    assert.deepEqual(fitPageTexts([[], ["业务一部 客户一览表"], []]), ["", "业务一部 客户一览表", ""]);
  });

  it("a footer keeps its page numbers and date when the borrower's text is cut", () => {
    const [left, center, right] = fitPageTexts([
      [PRINT_DATE],
      pageOf("zh"),
      [`L000001 ${"借阅人".repeat(200)}`],
    ]);
    assert.equal(left, "&D");
    assert.equal(printed(center!), "第 2 页 / 共 9 页");
    assert.ok(total([left!, center!, right!]) <= HEADER_FOOTER_LIMIT);
    assert.ok(right!.startsWith("L000001 借阅人"));
  });

  it("any texts with any ampersands: fits, prints as a prefix of the text, never a stray code", () => {
    const literal = fc.string({ unit: fc.constantFrom("&", "D", "P", "a", "部", " ", "😀"), maxLength: 400 });
    const part = fc.array(fc.oneof(literal, fc.constantFrom(PAGE_NUMBER, PAGE_COUNT, PRINT_DATE)), {
      maxLength: 4,
    });
    fc.assert(
      fc.property(fc.tuple(part, part, part), (parts) => {
        const fitted = fitPageTexts(parts as PageText[]);
        assert.ok(total(fitted) <= HEADER_FOOTER_LIMIT, `${total(fitted)} characters`);
        fitted.forEach((excel, i) => {
          const want = printed(excelPageText(parts[i]!));
          const got = printed(excel); // throws on a stray code
          // Cut or not, every piece printed is the text's own, in order: only "…" stands for what was cut.
          if (got !== want) {
            assert.ok(got.includes("…"), `${JSON.stringify(got)} cut without …`);
            let from = 0;
            for (const piece of got.split("…")) {
              const at = want.indexOf(piece, from);
              assert.ok(at >= 0, `${JSON.stringify(piece)} is not in ${JSON.stringify(want)}`);
              from = at + piece.length;
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("generated cells within Excel's 32,767 characters (issue 16)", () => {
  it("a longer text is cut and ends in …, a shorter one and numbers are kept", () => {
    const long = "地址".repeat(20_000);
    const cut = fitCell(long) as string;
    assert.equal(cut.length, CELL_TEXT_MAX);
    assert.ok(cut.endsWith("…") && long.startsWith(cut.slice(0, -1)));
    assert.equal(fitCell("短"), "短");
    assert.equal(fitCell(12), 12);
  });

  it("a plan with a cell too long names its sheet, row and column", () => {
    const values = [
      ["a", "b"],
      ["c", "x".repeat(CELL_TEXT_MAX + 1)],
    ];
    assert.deepEqual(tooLongCell([{ kind: "values", sheet: "客户原簿", row: 4, col: 2, values }]), {
      sheet: "客户原簿",
      row: 5,
      col: 3,
    });
    assert.equal(
      tooLongCell([{ kind: "values", sheet: "S", row: 0, col: 0, values: [["x".repeat(CELL_TEXT_MAX)]] }]),
      undefined,
    );
  });
});

describe("department list sheet names (issue 16)", () => {
  const prefix = "一览表-";

  it("a short, plain department keeps its plain name", () => {
    assert.equal(listSheetNames(["业务一部", "总务部"], "zh").get("业务一部"), "一览表-业务一部");
    assert.equal(listSheetNames(["Sales"], "en").get("Sales"), `${departmentList.name.en}-Sales`);
  });

  it("two long departments alike in their first 27 characters get two sheets", () => {
    const a = "华东区域销售管理中心第一业务拓展部门上海分部客户服务一组";
    const b = "华东区域销售管理中心第一业务拓展部门上海分部客户服务二组";
    const names = listSheetNames([a, b], "zh");
    assert.notEqual(names.get(a), names.get(b));
    for (const n of names.values()) assert.ok(n.length <= 31 && n.startsWith(prefix), n);
  });

  it("departments that differ only in case, or in characters a sheet name cannot hold, get two sheets", () => {
    const names = listSheetNames(["Sales", "SALES", "A/B", "A_B", "A:B"], "en");
    const folded = [...names.values()].map((n) => n.toLowerCase());
    assert.equal(new Set(folded).size, 5, [...names.values()].join(", "));
  });

  it("any set of departments: every name legal for Excel, no two alike ignoring case, each the same whatever order", () => {
    const dept = fc.string({
      unit: fc.constantFrom("a", "A", "部", "/", ":", "'", "[", " ", "甲", "b"),
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(fc.uniqueArray(dept, { maxLength: 12 }), (departments) => {
        const names = listSheetNames(departments, "zh");
        const again = listSheetNames([...departments].reverse(), "zh");
        for (const d of departments) {
          const n = names.get(d)!;
          assert.ok(n.length <= 31, n);
          assert.ok(!/[:\\/?*[\]]/.test(n) && !n.endsWith("'"), n);
          assert.equal(again.get(d), n, "the same sheet whatever order the departments come in");
        }
        const folded = [...names.values()].map((n) => n.toLowerCase());
        assert.equal(new Set(folded).size, departments.length);
      }),
      { numRuns: 300 },
    );
  });
});
