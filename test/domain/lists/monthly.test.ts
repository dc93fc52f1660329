import assert from "node:assert/strict";
import { buildMonthlyList, newNamesByMonth } from "../../../src/domain/lists/monthly";
import { changeLog, register } from "../../../src/domain/schema/sheets";
import { sampleRegister } from "../../../src/domain/sample";
import { isoToSerial } from "../../../src/domain/validate/date";
import type { Cell, Snapshot } from "../../../src/domain/workbook";
import { adopted } from "../support/journal";

const col = (key: string) => register.columns.findIndex((c) => c.key === key);

function book(rows: Cell[][], log: Cell[][] = []): Snapshot {
  return {
    sheetNames: ["客户原簿", "变更记录"],
    sheets: {
      客户原簿: { name: "客户原簿", values: [register.columns.map((c) => c.header.zh), ...rows] },
      变更记录: { name: "变更记录", values: [changeLog.columns.map((c) => c.header.zh), ...log] },
    },
  };
}

describe("monthly lists", () => {
  it("lists a month's 350 new customers numbered 1…350, grouped by class and region with sub-headings", async () => {
    const rows = sampleRegister(400, "zh").map((r, i) => {
      r[col("postedDate")] = isoToSerial(i < 350 ? "2026-11-05" : "2026-10-20");
      return r;
    });
    const list = buildMonthlyList(await adopted(book(rows)), "new", "2026-11", "zh");
    assert.equal(list.sheetName, "新增2026-11");
    assert.equal(list.title, "2026年11月新增客户名单");
    assert.deepEqual(list.header, ["序号", "企业名称", "地址", "邮编", "电话/传真", "联系人", "备注"]);
    assert.equal(list.count, 350);
    const numbers = list.rows.filter((r) => !r.heading).map((r) => r.cells[0]);
    assert.deepEqual(
      numbers,
      Array.from({ length: 350 }, (_, i) => i + 1),
    );
    const headings = list.rows.filter((r) => r.heading).map((r) => String(r.cells[0]));
    assert.ok(headings.includes("A类 · 华北"));
    assert.equal(new Set(headings).size, headings.length, "one sub-heading per group");
    // Every customer sits under its own group's heading.
    let group = "";
    for (const r of list.rows) {
      if (r.heading) group = String(r.cells[0]);
      else assert.ok(group.length > 0);
    }
    assert.match(list.signature, /主管:_+\s+制表:_+/);
    const phoneAndFax = list.rows.find((r) => !r.heading && String(r.cells[4]).includes(" / "));
    assert.ok(phoneAndFax, "phone and fax share a column");
  });

  it("lists the month's invalid customers with the reason from the log", async () => {
    const rows = sampleRegister(5, "zh");
    rows[2]![col("status")] = "无效待删";
    const at = (key: string) => changeLog.columns.findIndex((c) => c.key === key);
    const entry: Cell[] = changeLog.columns.map(() => "");
    entry[at("time")] = "2026-11-12T09:00";
    entry[at("action")] = "markInvalid";
    entry[at("customerId")] = "C000003";
    entry[at("reason")] = "退件:11月刊";
    const snapshot = await adopted(book(rows, [entry]));
    const list = buildMonthlyList(snapshot, "invalid", "2026-11", "zh");
    assert.equal(list.sheetName, "无效2026-11");
    assert.equal(list.count, 1);
    const row = list.rows.find((r) => !r.heading)!;
    assert.equal(row.cells[1], rows[2]![col("name")]);
    assert.equal(row.cells[6], "退件:11月刊");
    assert.equal(buildMonthlyList(snapshot, "invalid", "2026-10", "zh").count, 0);
  });

  it("counts new names for the last twelve months, the chosen one last", async () => {
    const rows = sampleRegister(30, "zh").map((r, i) => {
      r[col("postedDate")] = isoToSerial(i < 20 ? "2026-11-05" : "2025-12-01");
      return r;
    });
    const counts = newNamesByMonth(await adopted(book(rows)), "2026-11");
    assert.equal(counts.length, 12);
    assert.deepEqual(counts[0], { month: "2025-12", count: 10 });
    assert.deepEqual(counts[11], { month: "2026-11", count: 20 });
  });

  it("leaves out a row typed into the Register: it is no new customer of the month", async () => {
    const rows = sampleRegister(3, "zh").map((r) => {
      r[col("postedDate")] = isoToSerial("2026-11-05");
      return r;
    });
    const snapshot = await adopted(book(rows));
    const typed = [...rows[0]!];
    typed[0] = "C000099";
    snapshot.sheets["客户原簿"]!.values.push(typed, [...rows[1]!]);
    assert.equal(
      buildMonthlyList(snapshot, "new", "2026-11", "zh").count,
      3,
      "neither the typed row nor the copy",
    );
  });

  it("writes English lists for an English workbook", () => {
    const rows = sampleRegister(3, "en").map((r) => {
      r[col("postedDate")] = isoToSerial("2026-11-05");
      return r;
    });
    const snapshot: Snapshot = {
      sheetNames: ["Register"],
      sheets: { Register: { name: "Register", values: [register.columns.map((c) => c.header.en), ...rows] } },
    };
    const list = buildMonthlyList(snapshot, "new", "2026-11", "en");
    assert.equal(list.sheetName, "New-2026-11");
    assert.equal(list.count, 3);
    assert.equal(list.header[0], "No.");
  });
});
