/**
 * The trace code on a printed copy (domain/trace.ts): made from the copy's log row, so
 * each fact of the row changes it; typed back as people type it, it is the same code.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  contentDigest,
  normalCode,
  traceCode,
  traceFooter,
  type PrintoutFacts,
} from "../../../src/domain/trace";
import { fitPageTexts } from "../../../src/domain/page-text";

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
