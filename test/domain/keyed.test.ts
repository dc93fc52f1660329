/**
 * keyWrites: which of a plan's writes the adapter addresses by the row's identity when the
 * batch runs, and with which identity (issue 14).
 */
import assert from "node:assert/strict";
import { keyWrites } from "../../src/domain/keyed";
import { applyToSnapshot } from "../../src/domain/apply";
import type { Snapshot, Write } from "../../src/domain/workbook";

const snapshot = (): Snapshot => ({
  sheetNames: ["客户原簿", "交易开始调查书", "备忘"],
  sheets: {
    客户原簿: {
      name: "客户原簿",
      values: [
        ["客户编号", "企业名称", "电话"],
        ["C000001", "甲", "1"],
        ["C000002", "乙", "2"],
        ["C000003", "丙", "3"],
        ["C000003", "丙'", "3'"],
        ["", "无编号", "5"],
        ["C*06", "怪", "6"],
        ["C000007", "庚", "7"],
      ],
    },
    // The identity is not the first column here: found by header.
    交易开始调查书: {
      name: "交易开始调查书",
      values: [
        ["申请日期", "申请编号", "企业名称"],
        ["2026-11-01", "R000001", "甲"],
        ["2026-11-02", "R000002", "乙"],
      ],
    },
    备忘: { name: "备忘", values: [["a"], ["b"]] },
  },
});
const keyOf = (w: Write) => ("key" in w ? w.key : undefined);

describe("keyWrites: writes to existing rows carry the row's identity", () => {
  it("an edit of an existing row carries its ID and column; the plan's row number stays", () => {
    const [w] = keyWrites(snapshot(), [
      { kind: "values", sheet: "客户原簿", row: 2, col: 2, values: [["9"]] },
    ]);
    assert.deepEqual(w, {
      kind: "values",
      sheet: "客户原簿",
      row: 2,
      col: 2,
      values: [["9"]],
      key: { col: 0, value: "C000002" },
    });
    const [r] = keyWrites(snapshot(), [
      { kind: "values", sheet: "交易开始调查书", row: 1, col: 2, values: [["x"]] },
    ]);
    assert.deepEqual(keyOf(r!), { col: 1, value: "R000001" }, "the request number's column, by header");
  });

  it("a row whose identity is typed with a space around it is addressed by number: Excel's search would not find it", () => {
    for (const typed of ["C000002\u3000", " C000002", "C000002 ", "C000002\u00a0"]) {
      const book = snapshot();
      book.sheets["客户原簿"]!.values[2]![0] = typed;
      const [w, other] = keyWrites(book, [
        { kind: "values", sheet: "客户原簿", row: 2, col: 2, values: [["9"]] },
        { kind: "values", sheet: "客户原簿", row: 1, col: 2, values: [["8"]] },
      ]);
      assert.equal(keyOf(w!), undefined, JSON.stringify(typed));
      assert.equal(w!.kind === "values" && w!.row, 2);
      assert.deepEqual(keyOf(other!), { col: 0, value: "C000001" });
    }
  });

  it("appends, the header, rows without a usable identity and other sheets stay addressed by number", () => {
    const writes: Write[] = [
      { kind: "values", sheet: "客户原簿", row: 8, col: 0, values: [["C000008", "辛", "8"]] },
      { kind: "values", sheet: "客户原簿", row: 0, col: 3, values: [["备注"]] },
      { kind: "values", sheet: "客户原簿", row: 3, col: 2, values: [["dup"]] },
      { kind: "values", sheet: "客户原簿", row: 5, col: 2, values: [["blank"]] },
      { kind: "values", sheet: "客户原簿", row: 6, col: 2, values: [["wildcard"]] },
      { kind: "values", sheet: "备忘", row: 1, col: 0, values: [["c"]] },
    ];
    assert.deepEqual(
      keyWrites(snapshot(), writes).map(keyOf),
      writes.map(() => undefined),
    );
  });

  it("a block over several existing rows becomes one write per row, each with its own ID; the effect is the same", () => {
    const block: Write = { kind: "values", sheet: "客户原簿", row: 1, col: 2, values: [["a"], ["b"]] };
    const keyed = keyWrites(snapshot(), [block]);
    assert.deepEqual(
      keyed.map((w) => [w.kind === "values" && w.row, keyOf(w)?.value]),
      [
        [1, "C000001"],
        [2, "C000002"],
      ],
    );
    assert.deepEqual(applyToSnapshot(snapshot(), keyed), applyToSnapshot(snapshot(), [block]));
    const mixed: Write = { kind: "values", sheet: "客户原簿", row: 7, col: 2, values: [["a"], ["b"]] };
    assert.deepEqual(
      keyWrites(snapshot(), [mixed]),
      [mixed],
      "a block reaching past the last row stays whole",
    );
  });

  it("a deletion of several rows becomes one deletion per row, each found by its ID; the effect is the same", () => {
    const del: Write = { kind: "deleteRows", sheet: "客户原簿", row: 1, count: 2 };
    const keyed = keyWrites(snapshot(), [del]);
    assert.deepEqual(keyed, [
      { kind: "deleteRows", sheet: "客户原簿", row: 1, count: 1, key: { col: 0, value: "C000001" } },
      { kind: "deleteRows", sheet: "客户原簿", row: 1, count: 1, key: { col: 0, value: "C000002" } },
    ]);
    assert.deepEqual(applyToSnapshot(snapshot(), keyed), applyToSnapshot(snapshot(), [del]));
    const withDuplicate: Write = { kind: "deleteRows", sheet: "客户原簿", row: 3, count: 2 };
    assert.deepEqual(keyWrites(snapshot(), [withDuplicate]), [withDuplicate]);
  });

  it("follows the plan's own deletions: a later write by the shifted row number gets the ID now on that row", () => {
    const keyed = keyWrites(snapshot(), [
      { kind: "deleteRows", sheet: "客户原簿", row: 1, count: 1 },
      { kind: "values", sheet: "客户原簿", row: 1, col: 2, values: [["x"]] },
      { kind: "values", sheet: "客户原簿", row: 6, col: 2, values: [["y"]] },
    ]);
    assert.deepEqual(
      keyed.map((w) => keyOf(w)?.value),
      ["C000001", "C000002", "C000007"],
    );
  });

  it("a row whose ID the plan changed, or cleared, is addressed by number afterwards", () => {
    const keyed = keyWrites(snapshot(), [
      { kind: "values", sheet: "客户原簿", row: 1, col: 0, values: [["C000099", "甲"]] },
      { kind: "values", sheet: "客户原簿", row: 1, col: 2, values: [["x"]] },
      { kind: "values", sheet: "客户原簿", row: 2, col: 0, values: [["C000002"]] },
      { kind: "values", sheet: "客户原簿", row: 2, col: 2, values: [["same ID rewritten"]] },
      { kind: "clear", sheet: "客户原簿", row: 7, col: 0, rows: 1, cols: 3 },
      { kind: "values", sheet: "客户原簿", row: 7, col: 2, values: [["z"]] },
      { kind: "clear", sheet: "客户原簿", row: 2, col: 1, rows: 1, cols: 2 },
      { kind: "values", sheet: "客户原簿", row: 2, col: 2, values: [["ID kept"]] },
    ]);
    assert.deepEqual(
      keyed.map((w) => keyOf(w)?.value),
      ["C000001", undefined, "C000002", "C000002", undefined, undefined, undefined, "C000002"],
    );
  });

  it("a row appended by the plan, then edited by it, stays addressed by number", () => {
    const keyed = keyWrites(snapshot(), [
      { kind: "values", sheet: "客户原簿", row: 8, col: 0, values: [["C000008", "辛", "8"]] },
      { kind: "values", sheet: "客户原簿", row: 8, col: 2, values: [["9"]] },
    ]);
    assert.deepEqual(keyed.map(keyOf), [undefined, undefined]);
  });

  it("a sheet the plan deletes and adds again is no longer keyed", () => {
    const keyed = keyWrites(snapshot(), [
      { kind: "deleteSheet", sheet: "客户原簿" },
      { kind: "addSheet", sheet: "客户原簿" },
      { kind: "values", sheet: "客户原簿", row: 1, col: 2, values: [["x"]] },
    ]);
    assert.equal(keyOf(keyed[2]!), undefined);
  });
});
