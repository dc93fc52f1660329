import assert from "node:assert/strict";
import { labelLineCount, labelRowHeight, LABEL, selectForMailing } from "../../src/domain/mailing";
import { sampleRegister } from "../../src/domain/sample";
import { customerStatuses } from "../../src/domain/schema/choices";
import { choiceLabel } from "../../src/domain/schema/model";
import { register } from "../../src/domain/schema/sheets";
import { customerOfRow, sheetOfAddress } from "../../src/domain/selection";
import type { Cell, Snapshot } from "../../src/domain/workbook";

const col = (key: string) => register.columns.findIndex((c) => c.key === key);
const book = (rows: Cell[][]): Snapshot => ({
  sheetNames: ["客户原簿"],
  sheets: { 客户原簿: { name: "客户原簿", values: [register.columns.map((c) => c.header.zh), ...rows] } },
});

describe("DM selection and label sizes", () => {
  const rows = sampleRegister(60, "zh");
  rows[0]![col("keyCustomer")] = "是";
  rows[8]![col("keyCustomer")] = "是";
  rows[16]![col("keyCustomer")] = "是";
  rows[16]![col("status")] = choiceLabel(customerStatuses, "invalid", "zh");

  it("selects by class (code or label), type, region and department, and key customers only; never invalid ones", () => {
    const ids = (f: Parameters<typeof selectForMailing>[1]) =>
      selectForMailing(book(rows), f).map((r) => String(r.values.id));
    assert.equal(ids({}).length, 59, "all but the invalid one");
    assert.deepEqual(ids({ keyOnly: true }), ["C000001", "C000009"]);
    const a = ids({ class: "A" });
    assert.deepEqual(ids({ class: String(rows[0]![col("class")]) }), a, "label or code");
    assert.ok(
      a.length > 0 &&
        a.every((id) => rows[Number(id.slice(1)) - 1]![col("class")] === rows[0]![col("class")]),
    );
    const region = String(rows[1]![col("region")]);
    const dept = String(rows[1]![col("department")]);
    const type = String(rows[1]![col("type")]);
    const both = ids({ region, department: dept, type });
    assert.ok(both.includes("C000002"));
    for (const id of both) {
      const r = rows[Number(id.slice(1)) - 1]!;
      assert.deepEqual([r[col("region")], r[col("department")], r[col("type")]], [region, dept, type]);
    }
  });

  it("makes a row of labels tall enough for its longest label's wrapped lines", () => {
    const short = ["100020", "北京市朝阳区建国路1号", "北京华信科技有限公司", "王伟 收"];
    const long = ["100020", "北京市朝阳区建国路".repeat(6), "北京华信科技有限公司", "王伟 收"];
    assert.equal(labelLineCount(short), 4);
    assert.equal(labelLineCount(long), 3 + Math.ceil(54 / LABEL.lineChars));
    assert.equal(labelRowHeight([short, short]), LABEL.minHeight);
    assert.equal(labelRowHeight([short, long]), labelLineCount(long) * LABEL.linePoints + LABEL.padding);
    assert.equal(labelLineCount(["Room 1203, 88 Century Avenue, Pudong"]), 1, "Latin letters count half");
  });
});

describe("the customer of a selected row", () => {
  it("reads an ID column, a name column under a title row, and nothing from a blank row", () => {
    assert.deepEqual(customerOfRow([["客户编号", "企业名称"]], ["C000012", "某公司"]), { id: "C000012" });
    assert.deepEqual(customerOfRow([["Time", "Person", "Action", "Customer ID"]], ["", "", "", "C000003"]), {
      id: "C000003",
    });
    assert.deepEqual(
      customerOfRow(
        [["2026年11月新增客户名单"], ["序号", "企业名称", "地址"]],
        [3, "北京华信科技有限公司", "北京"],
      ),
      { name: "北京华信科技有限公司" },
    );
    assert.equal(customerOfRow([["客户编号", "企业名称"]], ["", ""]), undefined);
    assert.equal(
      customerOfRow([["客户编号", "企业名称"]], ["客户编号", "企业名称"]),
      undefined,
      "the header row itself",
    );
  });

  it("takes the sheet from an address, quoted or not", () => {
    assert.equal(sheetOfAddress("客户原簿!D6"), "客户原簿");
    assert.equal(sheetOfAddress("'Mailing labels'!A1:C1"), "Mailing labels");
    assert.equal(sheetOfAddress("'O''Brien''s'!A1"), "O'Brien's");
  });
});
