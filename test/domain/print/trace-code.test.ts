/**
 * The trace code on a printed copy (domain/trace.ts): made from the copy's log row, so
 * each fact of the row changes it; typed back as people type it, it is the same code.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  contentDigest,
  findPrintout,
  normalCode,
  traceCode,
  traceFooter,
  tracedSheets,
  type PrintoutFacts,
} from "../../../src/domain/trace";
import { fitPageTexts } from "../../../src/domain/page-text";
import { listPageSetup, type Write } from "../../../src/domain/workbook";
import { logBook } from "../support/log-rows";

const facts: fc.Arbitrary<PrintoutFacts> = fc.record({
  sheet: fc.string({ minLength: 1, maxLength: 20 }),
  time: fc.string({ minLength: 1, maxLength: 20 }),
  person: fc.string({ minLength: 1, maxLength: 10 }),
  digest: fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 }),
});
const keys = ["sheet", "time", "person", "digest"] as const;

describe("trace codes of printed copies", () => {
  it("are eight characters of Crockford's base 32 in two groups, with no I, L, O or U", () => {
    fc.assert(
      fc.property(facts, (f) => {
        assert.match(traceCode(f), /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      }),
    );
  });

  it("change when any one fact of the log row changes, and not otherwise", () => {
    fc.assert(
      fc.property(
        facts,
        fc.constantFrom(...keys),
        fc.string({ minLength: 1, maxLength: 4 }),
        (f, key, extra) => {
          assert.equal(traceCode({ ...f }), traceCode(f));
          assert.notEqual(traceCode({ ...f, [key]: f[key] + extra }), traceCode(f), key);
        },
      ),
    );
  });

  it("read back the same however they are typed: case, spaces, dashes, O for 0, I or L for 1", () => {
    fc.assert(
      fc.property(facts, fc.boolean(), (f, spaced) => {
        const code = traceCode(f);
        const typed = code
          .toLowerCase()
          .replace("-", spaced ? " " : "")
          .replace(/0/g, "o")
          .replace(/1/g, "I");
        assert.equal(normalCode(` ${typed} `), code);
      }),
    );
    for (const bad of ["", "1234-567", "1234-56789", "UUUU-UUUU", "12#4-5678"])
      assert.equal(normalCode(bad), undefined, bad);
  });

  it("a copy's content digest ignores blank cells at a row's end and blank rows at the end, nothing else", () => {
    const grid = [["标题"], ["编号", "名称", ""], ["C000001", 12, ""]];
    assert.equal(
      contentDigest(grid),
      contentDigest([["标题", ""], ["编号", "名称"], ["C000001", "12"], [""]]),
    );
    assert.notEqual(contentDigest(grid), contentDigest([["标题"], ["编号", "名称"], ["C000001", "13"]]));
    assert.notEqual(contentDigest(grid), contentDigest([["标题"], ["", "编号", "名称"], ["C000001", 12]]));
  });

  it("the footer keeps the whole code when a long name has to be shortened to Excel's 255 characters", () => {
    const code = "7K3M-Q9XD";
    const footer = traceFooter("某".repeat(300), "2026-11-24T11:00", code, "zh");
    const [left] = fitPageTexts([footer, ["第 1 页"], []]);
    assert.ok(left!.startsWith(`&D · 追溯码 ${code}\n某`), left);
    assert.ok(left!.endsWith("…"));
    assert.ok(left!.length <= 255);
  });
});

describe("finding a printed copy's log row (trace.ts)", () => {
  const D = (n: number) => String(n).repeat(64);
  const made = (
    action: string,
    sheet: string,
    newValue: string,
    digest: string,
    extra: Record<string, string> = {},
  ) => ({
    time: "2026-11-24T11:00",
    person: "陈会计",
    action,
    newValue,
    digest,
    ...extra,
  });
  const codeOf = (sheet: string, digest: string) =>
    traceCode({ sheet, time: "2026-11-24T11:00", person: "陈会计", digest });
  const book = logBook;

  it("a code stays what it was printed as: the same facts give the same code in every version", () => {
    // Printed on paper, a code must still be found after an upgrade: its derivation is pinned.
    assert.equal(
      traceCode({
        sheet: "卡片-C000007",
        time: "2026-11-24T11:00",
        person: "陈会计",
        digest: "0".repeat(64),
      }),
      "19B7-K79K",
    );
    assert.deepEqual(traceFooter("Chen", "2026-11-24T11:00", "19B7-K79K", "en"), [
      { code: "D" },
      " · trace 19B7-K79K",
      "\nmade by Chen 2026-11-24 11:00",
    ]);
  });

  it("each kind of copy is found; a newer copy of another sheet does not make it old; only its own loan's return counts", () => {
    const monthly = [["2026年11月新增客户名单"]];
    const digest = contentDigest(monthly);
    const log = book(
      [
        made("buildMonthlyLists", "新增2026-11", "新增2026-11: 1", digest),
        made("loanExtract", "借阅-L000001", "借阅-L000001: 3", D(1), { oldValue: "L000001" }),
        made("printCard", "卡片-C000009", "卡片-C000009", D(2), { customerId: "C000009" }),
        {
          time: "2026-11-24T12:00",
          person: "陈会计",
          action: "loanReturn",
          oldValue: "L000002",
          newValue: "2026-11-24 12:00",
        },
      ],
      { "新增2026-11": monthly, "借阅-L000001": [["x"]] },
    );
    const list = findPrintout(log, codeOf("新增2026-11", digest));
    assert.equal(list?.action, "buildMonthlyLists");
    assert.equal(list?.state, "current", "a later copy of another sheet is not a newer one of this");
    assert.equal(list?.count, 1);
    const extract = findPrintout(log, codeOf("借阅-L000001", D(1)));
    assert.equal(extract?.loanNo, "L000001");
    assert.equal(extract?.returnedAt, undefined, "another loan's return");
    assert.equal(extract?.state, "changed");
  });

  it("the same content made twice in the same minute by the same person is one copy, still current", () => {
    const grid = [["2026年12月新增客户名单"]];
    const digest = contentDigest(grid);
    const twice = made("buildMonthlyLists", "新增2026-12", "新增2026-12: 0", digest);
    const found = findPrintout(book([twice, twice], { "新增2026-12": grid }), codeOf("新增2026-12", digest));
    assert.deepEqual([found?.state, found?.newer, found?.row], ["current", undefined, 3]);
  });

  it("to whom a copy went outside the company: an extract's reason, a mailing's 'outside=' part", () => {
    const rows = [
      made("loanExtract", "借阅-L000003", "借阅-L000003: 2", D(4), {
        oldValue: "L000003",
        reason: "某审计所",
      }),
      made("buildMailingLabels", "邮寄标签", "邮寄标签: 9", D(5), {
        reason: "department=业务一部; outside=华兴(印刷)厂 (L000004)",
      }),
      made("buildEnvelopeList", "邮寄信封清单", "邮寄信封清单: 9", D(6), {
        reason: "outside=华兴印刷厂 (L000004)",
      }),
      made("buildMailingLabels", "邮寄标签", "邮寄标签: 3", D(7), {
        reason: "region=华东; note=outside=x (y)z",
      }),
      made("printCard", "卡片-C000001", "卡片-C000001", D(8), { customerId: "C000001", reason: "年检" }),
    ];
    const log = book(rows);
    const seen = (sheet: string, digest: string) => {
      const p = findPrintout(log, codeOf(sheet, digest))!;
      return [p.recipient, p.reason, p.loanNo];
    };
    assert.deepEqual(seen("借阅-L000003", D(4)), ["某审计所", "", "L000003"]);
    assert.deepEqual(seen("邮寄标签", D(5)), [
      "华兴(印刷)厂",
      "department=业务一部; outside=华兴(印刷)厂 (L000004)",
      "",
    ]);
    assert.deepEqual(seen("邮寄信封清单", D(6)), ["华兴印刷厂", "outside=华兴印刷厂 (L000004)", ""]);
    assert.deepEqual(seen("邮寄标签", D(7)), [undefined, "region=华东; note=outside=x (y)z", ""]);
    assert.deepEqual(seen("卡片-C000001", D(8)), [undefined, "年检", ""]);
  });

  it("rows that made no copy answer to no code: an old printout without a digest, another action's digest", () => {
    const log = book([
      made("printCard", "卡片-C000001", "卡片-C000001", ""),
      made("correct", "电话", "电话", D(3), { customerId: "C000001" }),
    ]);
    assert.equal(findPrintout(log, codeOf("卡片-C000001", "")), undefined);
    assert.equal(findPrintout(log, codeOf("电话", D(3))), undefined);
  });
});

describe("sheets traced as a plan rebuilds them (department lists, the review list)", () => {
  it("traces each sheet the plan lays out for paper, once, with its row; a sheet only written to is not one", () => {
    const time = "2026-12-04T10:00";
    const layout = (sheet: string): Write => ({
      kind: "pageLayout",
      sheet,
      ...listPageSetup(sheet, 1, 1, 2, "zh"),
    });
    const grid = (sheet: string, v: string): Write => ({
      kind: "values",
      sheet,
      row: 0,
      col: 0,
      values: [[v]],
    });
    const { writes, entries, codes } = tracedSheets(
      [
        grid("一览表-A", "甲"),
        layout("一览表-A"),
        grid("变更记录", "x"),
        grid("一览表-B", "乙"),
        layout("一览表-B"),
        layout("一览表-B"),
      ],
      "buildDeptList",
      "陈会计",
      time,
      "zh",
    );
    assert.deepEqual(
      entries.map((e) => ({ ...e, digest: undefined })),
      ["一览表-A", "一览表-B"].map((sheet) => ({
        time,
        person: "陈会计",
        action: "buildDeptList",
        customerId: "",
        field: "sheet",
        oldValue: "",
        newValue: sheet,
        reason: "",
        digest: undefined,
      })),
    );
    assert.equal(entries[0]!.digest, contentDigest([["甲"]]));
    assert.deepEqual([...codes.keys()], ["一览表-A", "一览表-B"]);
    assert.equal(
      codes.get("一览表-A"),
      traceCode({ sheet: "一览表-A", time, person: "陈会计", digest: entries[0]!.digest! }),
    );
    const footers = writes.flatMap((w) => (w.kind === "pageLayout" ? [w.leftFooter] : []));
    assert.deepEqual(footers[0], traceFooter("陈会计", time, codes.get("一览表-A")!, "zh"));
    assert.deepEqual(footers[2], traceFooter("陈会计", time, codes.get("一览表-B")!, "zh"));
  });
});
