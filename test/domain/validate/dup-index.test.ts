/**
 * The Register's duplicate index (issue 15): what a row's index cell holds, what filing asks
 * Excel to count for a new request, which rows a block's cell picks, which blocks Excel's
 * counts leave to read, and the writes that make a typed row's index true.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  dupIndex,
  indexOfKeys,
  duplicateKeys,
  findDuplicates,
  indexFragments,
  isIndex,
} from "../../../src/domain/validate/duplicates";
import {
  containsCriterion,
  INDEXED_CRITERION,
  searchBlocks,
  searchPick,
} from "../../../src/domain/partial-read";
import { wildcardText } from "../../../src/host/functions";
import { intakeFragments } from "../../../src/domain/intake";
import { indexWrites, staleIndexes } from "../../../src/domain/register-index";
import { intake, register } from "../../../src/domain/schema/sheets";
import { checkCell } from "../../../src/domain/validation";
import { defaultSettings } from "../../../src/domain/settings";
import type { Snapshot } from "../../../src/domain/workbook";

describe("the Register's duplicate index (issue 15)", () => {
  it("holds a row's credit code, name and phones in their normal forms, each marked", () => {
    assert.equal(
      dupIndex("91310000 ma1fl3l21x", "上海甲乙科技有限公司", "021-62345678, 13800138000"),
      "|U:91310000MA1FL3L21X|N:上海甲乙科技|P:02162345678|P:13800138000|",
    );
    // A name in another width, with another suffix, is the same name.
    assert.equal(dupIndex("", "ＡＣＭＥ　Trading Co., Ltd.", ""), dupIndex("", "Acme Trading Ltd", ""));
    assert.equal(dupIndex("", "", ""), "|", "a row with no keys is still indexed");
    assert.ok(isIndex("|") && !isIndex("") && !isIndex("U:1|"));
  });

  it("leaves a row unindexed where its keys are longer than COUNTIF can be asked about", () => {
    const long = "甲".repeat(300);
    assert.equal(dupIndex("", long, ""), "");
    assert.equal(dupIndex("", "甲".repeat(100), "").length <= 255, true);
    // 255 characters is what COUNTIF takes: kept; one more, left out.
    assert.equal(dupIndex("", "甲".repeat(251), ""), `|N:${"甲".repeat(251)}|`);
    assert.equal(dupIndex("", "甲".repeat(252), ""), "");
  });

  it("asks Excel about each key as a literal: COUNTIF's wildcards in a key are escaped, and the criterion matches the cell that holds it", () => {
    assert.equal(containsCriterion("|U:A*B?C~|"), "*|U:A~*B~?C~~|*");
    assert.equal(containsCriterion("|N:" + "甲".repeat(260) + "|"), undefined);
    assert.equal(containsCriterion(`|N:${"甲".repeat(249)}|`)?.length, 255, "255 characters: asked");
    assert.equal(containsCriterion(`|N:${"甲".repeat(250)}|`), undefined);
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        (key, before, after) => {
          const fragment = `|N:${key}|`;
          const criterion = containsCriterion(fragment)!;
          // The host's COUNTIF (Microsoft's wildcards): a cell holding the fragment counts.
          const matches = wildcardText("t", criterion);
          assert.ok(matches(`${before}${fragment}${after}`));
          // And one without it, as plain text, does not — unless it holds it in another case.
          const other = `${before}${after}`;
          if (!other.toLowerCase().includes(fragment.toLowerCase())) assert.ok(!matches(other));
        },
      ),
    );
  });

  it("a block read in the column gives the rows holding a fragment (in any case) and those holding no index", () => {
    const pick = searchPick(["|N:ACME|", "|P:13800138000|"]);
    assert.ok(pick("|U:X|N:acme|"), "case ignored, as COUNTIF");
    assert.ok(pick("|P:13800138000|"));
    assert.ok(pick(""), "a row typed by hand");
    assert.ok(pick("typed"), "an index cell typed over");
    assert.ok(!pick("|N:ACMEX|"), "a longer name is another name");
    assert.ok(!pick("|"));
  });

  it("reads only the blocks Excel's counts do not settle", () => {
    const block = (row: number, rows = 3) => ({ row, rows });
    assert.deepEqual(
      searchBlocks([
        { block: block(1), indexed: 3, fragments: [0, 0] },
        { block: block(4), indexed: 3, fragments: [0, 1] },
        { block: block(7), indexed: 2, fragments: [0, 0] },
        { block: block(10), indexed: 3, fragments: [-1, 0] },
        { block: block(13), indexed: -1, fragments: [0, 0] },
        { block: block(16, 1), indexed: 1, fragments: [] },
      ]),
      [block(4), block(7), block(10), block(13)],
    );
    assert.equal(INDEXED_CRITERION, "|*");
    assert.ok(wildcardText("t", INDEXED_CRITERION)("|"));
    assert.ok(!wildcardText("t", INDEXED_CRITERION)(""));
  });

  it("a row's index cell is its keys' fragments run together, each found in it as filing's COUNTIF looks", () => {
    // indexOfKeys writes the fragments out itself (session 28, made for every row Validate
    // checks); filing searches an index cell for indexFragments: the two must agree.
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.string({ maxLength: 30 }),
        fc.string({ maxLength: 40 }),
        (uscc, name, phone) => {
          const keys = duplicateKeys(uscc, name, phone);
          const index = indexOfKeys(keys);
          const together =
            "|" +
            indexFragments(keys)
              .map((f) => f.slice(1))
              .join("");
          assert.equal(index, together.length > 255 ? "" : together);
          if (index) for (const f of indexFragments(keys)) assert.ok(index.includes(f), f);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("filing searches for the keys a request is compared by, as typed and as it would be filed", () => {
    const entry = {
      uscc: "９１３１００００ＭＡ１ＦＬ３Ｌ２１Ｘ",
      name: "上海甲乙科技有限公司",
      phone: "(021)62345678",
    };
    const fragments = intakeFragments(entry);
    const keys = duplicateKeys(entry.uscc, entry.name, entry.phone);
    for (const f of indexFragments(keys)) assert.ok(fragments.includes(f), f);
    // Every key the duplicate check compares the request by is one of them.
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        (uscc, name, phone) => {
          const searched = intakeFragments({ uscc, name, phone });
          for (const f of indexFragments(duplicateKeys(uscc, name, phone))) assert.ok(searched.includes(f));
        },
      ),
    );
  });

  it("a phone as typed and as it is filed can have different keys: both are searched", () => {
    // "+86 4002000000分机 8" is filed as 0400-2000000-8, which reads back as 0400-20000008
    // (docs/progress.md, session 24: the canonical form's extension is ambiguous).
    const typed = "+86 4002000000分机 8";
    const phone = intake.columns.find((c) => c.key === "phone")!;
    const filed = checkCell(phone, typed, defaultSettings, "zh", "2026-01-01");
    assert.ok(filed?.tidy && filed.fix !== undefined);
    const asTyped = indexFragments(duplicateKeys("", "", typed));
    const asFiled = indexFragments(duplicateKeys("", "", filed.fix));
    assert.notDeepEqual(asFiled, asTyped, "the case this test is about");
    const searched = intakeFragments({ uscc: "", name: "", phone: typed });
    for (const f of [...asTyped, ...asFiled]) assert.ok(searched.includes(f), f);
  });

  it("a row is found by its index exactly where findDuplicates pairs it with a request", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom("91310000MA1FL3L21X", "91310000ma1fl3l21x", "", "91 310000 MA1FL3L21X", "9131*"),
          { minLength: 2, maxLength: 2 },
        ),
        fc.array(fc.constantFrom("甲乙有限公司", "甲乙股份有限公司", "ACME Ltd", "Acme", "甲乙", ""), {
          minLength: 2,
          maxLength: 2,
        }),
        fc.array(fc.constantFrom("13800138000", "138 0013 8000", "021-62345678", ""), {
          minLength: 2,
          maxLength: 2,
        }),
        (usccs, names, phones) => {
          const [row, request] = [0, 1].map((i) => ({
            uscc: usccs[i]!,
            name: names[i]!,
            phones: phones[i]!,
          }));
          const paired = findDuplicates([
            { sheet: "register", row: 2, ...row! },
            { sheet: "intake", row: 9, ...request! },
          ]).some((p) => p.sheet === "intake");
          const found = searchPick(
            intakeFragments({ uscc: request!.uscc, name: request!.name, phone: request!.phones }),
          )(dupIndex(row!.uscc, row!.name, row!.phones));
          // Found is enough (the plan compares the row's cells); paired and not found would be a duplicate missed.
          if (paired) assert.ok(found, JSON.stringify([row, request]));
        },
      ),
    );
  });

  it("Validate's and set-up's rows: the stale ones, written in runs of neighbouring rows", () => {
    const at = (key: string) => register.columns.findIndex((c) => c.key === key);
    const row = (id: string, name: string, index?: string) => {
      const cells: string[] = new Array<string>(register.columns.length).fill("");
      cells[at("id")] = id;
      cells[at("name")] = name;
      cells[at("dupKeys")] = index ?? dupIndex("", name, "");
      return cells;
    };
    const snapshot: Snapshot = {
      sheetNames: ["客户原簿"],
      sheets: {
        客户原簿: {
          name: "客户原簿",
          values: [
            register.columns.map((c) => c.header.zh),
            row("C1", "甲"),
            row("C2", "乙", ""),
            row("C3", "丙", "|N:丁|"),
            row("C4", "戊"),
            row("C5", "己", "typed"),
          ],
        },
      },
    };
    assert.deepEqual(
      staleIndexes(snapshot).map((s) => s.row),
      [3, 4, 6],
    );
    const col = at("dupKeys");
    assert.deepEqual(indexWrites(snapshot), [
      { kind: "values", sheet: "客户原簿", row: 2, col, values: [["|N:乙|"], ["|N:丙|"]] },
      { kind: "values", sheet: "客户原簿", row: 5, col, values: [["|N:己|"]] },
    ]);
    // A Register without the column (set up before it): nothing to make true.
    const before = structuredClone(snapshot);
    before.sheets["客户原簿"]!.values = before.sheets["客户原簿"]!.values.map((r) => r.slice(0, col));
    assert.deepEqual(indexWrites(before), []);
    assert.deepEqual(staleIndexes(before), []);
  });
});
