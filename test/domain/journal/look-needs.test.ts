/**
 * Issue 15: which rows the looks at many customers read (journal/look-needs.ts, the monthly
 * lists', mailings' and extracts' needs), on small sheets, through the steps the adapter
 * takes (neededColumns, pickedRows with the other sheets' columns). The adapter tests
 * (test/excel/look-reads.test.ts) show the looks decide what whole reads decide; these show
 * they read no more than they choose.
 */
import assert from "node:assert/strict";
import { destructionNeeds, postingNeeds } from "../../../src/domain/journal/needs";
import { markedInvalid, monthlyNeeds } from "../../../src/domain/lists/monthly";
import { mailingNeeds } from "../../../src/domain/mailing";
import { extractNeeds } from "../../../src/domain/loans";
import {
  narrowSpan,
  neededColumns,
  oncePerRead,
  pickedRows,
  rowsToRead,
  wholeColumns,
  type ColumnsOf,
  type Need,
} from "../../../src/domain/partial-read";
import type { SheetSchema } from "../../../src/domain/schema/model";
import {
  archivePast,
  archiveSuspended,
  changeLog,
  destructionLog,
  intake,
  loanLog,
  register,
} from "../../../src/domain/schema/sheets";
import type { Cell } from "../../../src/domain/workbook";

type Rows = Record<string, Cell>[];

/** A sheet's values from records by key, in the schema's column order. */
function sheet(schema: SheetSchema, rows: Rows): Cell[][] {
  return [
    schema.columns.map((c) => c.header.zh),
    ...rows.map((r) => schema.columns.map((c) => r[c.key] ?? "")),
  ];
}

/** The rows (0-based) each need reads whole, as the adapter picks them from the columns it read. */
function picked(needs: Need[], book: Map<SheetSchema, Cell[][]>): Map<SheetSchema, number[]> {
  const parts = new Map<SheetSchema, { columns: Record<string, Cell[]>; height: number }>();
  for (const need of needs) {
    const values = book.get(need.schema) ?? sheet(need.schema, []);
    if (need.whole) continue;
    const columns: Record<string, Cell[]> = {};
    for (const { key, col } of neededColumns(need, values[0]))
      columns[key] = values.slice(1).map((r) => r[col] ?? "");
    parts.set(need.schema, { columns, height: values.length });
  }
  const others: ColumnsOf = (schema) =>
    parts.get(schema) ?? (book.has(schema) ? wholeColumns(schema, book.get(schema)!) : undefined);
  const out = new Map<SheetSchema, number[]>();
  for (const need of needs)
    if (!need.whole) {
      const part = parts.get(need.schema)!;
      out.set(
        need.schema,
        pickedRows(need, { header: [], size: { rows: part.height, cols: 0 }, columns: part.columns }, others),
      );
    }
  return out;
}

const reg = (id: string, more: Record<string, Cell> = {}) => ({ id, status: "正常", ...more });
const log = (action: string, customerId: string, time = "2026-11-03T10:00") => ({ action, customerId, time });

describe("looks at many customers read the rows they choose (issue 15)", () => {
  it("a month's lists: the Register's rows posted in it, invalid ones only for an invalid list, every row of those customers, and Archive-Past's", () => {
    const book = new Map<SheetSchema, Cell[][]>([
      [
        register,
        sheet(register, [
          reg("C1", { postedDate: "2026-11-02" }), // row 1: posted this month
          reg("C2", { postedDate: "2026-10-30" }), // row 2: last month
          reg("C3", { postedDate: "2026-10-01", status: "无效待删" }), // row 3: invalid
          reg("C1", { postedDate: "2025-01-01" }), // row 4: C1 again, another date
          reg("", { postedDate: "2026-11-05" }), // row 5: no ID
        ]),
      ],
      [
        archivePast,
        sheet(archivePast, [
          { id: "C7", postedDate: "2026-11-20" }, // row 1: posted this month, archived since
          { id: "C8", postedDate: "2024-02-02" }, // row 2: marked invalid this month, archived
          { id: "C9", postedDate: "2024-02-02" }, // row 3: marked invalid last month
        ]),
      ],
      [
        changeLog,
        sheet(changeLog, [
          log("markInvalid", "C8"), // row 1
          log("markInvalid", "C9", "2026-10-28T10:00"), // row 2
          log("correct", "C2"), // row 3: not a mark
          log("markInvalid", "C3"), // row 4
          log("addContact", "C99"), // row 5: the last row, read for the chain
        ]),
      ],
    ]);
    const newOnly = picked(monthlyNeeds(["2026-11"], []), book);
    assert.deepEqual(newOnly.get(register), [1, 4]);
    assert.deepEqual(newOnly.get(archivePast), [1]);
    const snapshot = {
      sheetNames: [...book.keys()].map((s) => s.name.zh),
      sheets: Object.fromEntries([...book].map(([s, values]) => [s.name.zh, { name: s.name.zh, values }])),
    };
    const marked = markedInvalid(snapshot, ["2026-11"]);
    assert.deepEqual([...marked].sort(), ["C3", "C8"]);
    const both = picked(monthlyNeeds(["2026-11"], ["2026-11"], [], marked), book);
    assert.deepEqual(both.get(register), [1, 3, 4]);
    assert.deepEqual(both.get(archivePast), [1, 2]);
    // The log's rows about them: C1's none, C3's and C8's marks (C7 has no row); the last row.
    assert.deepEqual(both.get(changeLog), [1, 4, 5]);
    assert.deepEqual(newOnly.get(changeLog), [5]);
  });

  it("the customers the log marks invalid in the months asked, where its time says so, never an empty one", () => {
    const values = sheet(changeLog, [
      log("markInvalid", "C1"),
      log("markInvalid", "", "2026-11-04T10:00"),
      log("markInvalid", "C2", "2026-10-01T10:00"),
      log("post", "C3"),
      log("markInvalid", " C4 ", " 2026-09-30T23:59"),
    ]);
    const snapshot = {
      sheetNames: [changeLog.name.zh],
      sheets: { [changeLog.name.zh]: { name: changeLog.name.zh, values } },
    };
    assert.deepEqual([...markedInvalid(snapshot, ["2026-11"])], ["C1"]);
    assert.deepEqual([...markedInvalid(snapshot, ["2026-09", "2026-10"])], ["C2", "C4"]);
    assert.deepEqual([...markedInvalid(snapshot, [])], []);
  });

  it("a mailing: the filter's customers with an ID, not invalid, of the key ones if asked — and every row of them", () => {
    const book = new Map<SheetSchema, Cell[][]>([
      [
        register,
        sheet(register, [
          reg("C1", { region: "华东", department: "业务一部", keyCustomer: "是" }), // 1
          reg("C2", { region: "华东", department: "业务二部" }), // 2
          reg("C3", { region: "华东", status: "无效待删", department: "业务一部" }), // 3: invalid
          reg("", { region: "华东", department: "业务一部" }), // 4: no ID
          reg("C2", { region: "西北", department: "业务一部" }), // 5: C2 again
          reg("C4", { region: "华南", department: "业务一部" }), // 6: another region
        ]),
      ],
      // C2's post, a loan's return, C9's post (the last row: read for the chain).
      [changeLog, sheet(changeLog, [log("post", "C2"), log("loanReturn", ""), log("post", "C9")])],
    ]);
    assert.deepEqual(picked(mailingNeeds({ region: "华东" }, false), book).get(register), [1, 2, 5]);
    assert.deepEqual(
      picked(mailingNeeds({ department: "业务一部" }, false), book).get(register),
      [1, 2, 5, 6],
    );
    assert.deepEqual(picked(mailingNeeds({ keyOnly: true }, false), book).get(register), [1]);
    assert.deepEqual(
      picked(mailingNeeds({ region: "  " }, false), book).get(register),
      [1, 2, 5, 6],
      "blank: no filter",
    );
    const choice = picked(mailingNeeds({ region: " 华东 " }, false), book);
    assert.deepEqual(choice.get(register), [1, 2, 5], "the filter's own spaces do not count");
    assert.deepEqual(choice.get(changeLog), [1, 3]);
    // Under an outside release, the loans' returns too (whether the release is back).
    assert.deepEqual(picked(mailingNeeds({ region: "华东" }, true), book).get(changeLog), [1, 2, 3]);
  });

  it("a loan's extract: the customers of the class and region on the loan's row, none for an unknown loan", () => {
    const book = new Map<SheetSchema, Cell[][]>([
      [
        register,
        sheet(register, [
          reg("C1", { class: "A", region: "华东" }), // 1
          reg("C2", { class: "B", region: "华东" }), // 2
          reg("C3", { class: "A", region: "华北" }), // 3
          reg("C4", { class: "A", region: "华东", status: "无效待删" }), // 4
        ]),
      ],
      [
        loanLog,
        sheet(loanLog, [
          { loanNo: "L1", class: "A", region: "华东" },
          { loanNo: "L2", class: "", region: "" },
        ]),
      ],
      [changeLog, sheet(changeLog, [log("loanExtract", ""), log("post", "C9")])],
    ]);
    assert.deepEqual(picked(extractNeeds("L1"), book).get(register), [1]);
    assert.deepEqual(picked(extractNeeds("L2"), book).get(register), [1, 2, 3]);
    assert.deepEqual(picked(extractNeeds("L9"), book).get(register), []);
    // The loans' extracts and returns are read whole: whether the loan is back.
    assert.deepEqual(picked(extractNeeds("L1"), book).get(changeLog), [1, 2]);
  });

  it("a destruction, where Excel's counts do not settle it: Intake's rows naming the customers or the requests their log rows name", () => {
    const book = new Map<SheetSchema, Cell[][]>([
      [
        changeLog,
        sheet(changeLog, [
          { action: "intake", customerId: "", requestNo: "R1" },
          { action: "post", customerId: "C1", requestNo: "R1" }, // C1 came in on R1
          { action: "reinstateRequest", customerId: "C1", requestNo: "R3" },
          { action: "post", customerId: "C2", requestNo: "R2" },
          { action: "review", customerId: "C1", requestNo: "" }, // names no request
          { action: "look", customerId: "C9", requestNo: "" },
        ]),
      ],
      [
        intake,
        sheet(intake, [
          { requestNo: "R1", customerId: "C1" }, // row 1: by both
          { requestNo: "R2", customerId: "C2" }, // row 2: another customer's
          { requestNo: "R3", customerId: "" }, // row 3: only the log ties it to C1
          { requestNo: "R4", customerId: "C1" }, // row 4: only the cell ties it to C1
          { requestNo: "", customerId: "" }, // row 5: blank, never chosen by a blank request
        ]),
      ],
    ]);
    const chosen = picked(destructionNeeds(["C1"]), book).get(intake);
    assert.deepEqual(chosen, [1, 3, 4]);
    assert.deepEqual(picked(destructionNeeds(["C7"]), book).get(intake), []);
  });

  it("a sheet read whole gives its columns below the header", () => {
    const values = sheet(loanLog, [{ loanNo: "L1" }, { loanNo: "L2" }]);
    const { columns, height } = wholeColumns(loanLog, values);
    assert.deepEqual(columns.loanNo, ["L1", "L2"]);
    assert.equal(height, 3);
  });

  it("posting finds the highest customer ID of the log and of every sheet that holds one: a new ID repeats none", () => {
    for (const needs of [postingNeeds(["R1"]), postingNeeds("all")]) {
      const highest = (schema: typeof register, column: string) =>
        needs.some(
          (n) =>
            n.schema === schema &&
            ((n.highest?.column === column && n.highest.prefix === "C") || n.columns?.includes(column)),
        );
      assert.ok(highest(changeLog, "customerId"));
      assert.ok(highest(register, "id"));
      assert.ok(highest(archiveSuspended, "id"));
      assert.ok(highest(archivePast, "id"));
      assert.ok(highest(destructionLog, "customerId"));
    }
  });

  it("a choice asked by two needs of one read scans its sheet once; the next read scans afresh; a sheet not read gives the fallback", () => {
    let scans = 0;
    const chosen = oncePerRead(
      register,
      ({ columns }) => {
        scans++;
        return columns.id?.length ?? 0;
      },
      () => -1,
    );
    const read = (ids: string[]): ColumnsOf => {
      const part = wholeColumns(
        register,
        sheet(
          register,
          ids.map((id) => reg(id)),
        ),
      );
      return (schema) => (schema === register ? part : undefined);
    };
    const first = read(["C1", "C2"]);
    assert.equal(chosen(first), 2);
    assert.equal(chosen(first), 2);
    assert.equal(scans, 1);
    assert.equal(chosen(read(["C1", "C2", "C3"])), 3);
    assert.equal(scans, 2);
    assert.equal(
      chosen(() => undefined),
      -1,
    );
    assert.equal(scans, 2);
  });

  it("a look reads its customers' log rows across the fold's columns only; trust rows and the last row whole, one both chosen and trusted whole", () => {
    const values = sheet(changeLog, [
      log("post", "C1"), // row 1: chosen
      { action: "enrol", customerId: "C1", time: "2026-11-03T10:00" }, // row 2: trust, and names C1
      log("addContact", "C2"), // row 3: neither
      log("correct", "C1"), // row 4: chosen
      log("addContact", "C9"), // row 5: the last
    ]);
    const need = monthlyNeeds(["2026-11"], [])[0]!;
    assert.equal(need.schema, changeLog);
    const columns: Record<string, Cell[]> = {};
    for (const { key, col } of neededColumns(need, values[0]))
      columns[key] = values.slice(1).map((r) => r[col] ?? "");
    const onRegister = wholeColumns(register, sheet(register, [reg("C1", { postedDate: "2026-11-02" })]));
    const others: ColumnsOf = (schema) => (schema === register ? onRegister : undefined);
    const parts = { header: values[0]!, size: { rows: values.length, cols: values[0]!.length }, columns };
    assert.deepEqual(rowsToRead(need, parts, others), { whole: [2, 5], narrow: [1, 4] });
    // Across the fold's columns as the header places them: time … reason in the schema's order.
    const header = values[0]!;
    const first = header.indexOf("时间");
    const last = header.indexOf("原因");
    assert.deepEqual(narrowSpan(need, header), { col: first, cols: last - first + 1 });
    // A column moved by hand widens the span to cover what the fold reads, wherever it stands.
    const moved = [...header.slice(0, -1), "时间"].map((h, i) => (i === first ? "签名" : h));
    assert.deepEqual(narrowSpan(need, moved), {
      col: moved.indexOf("操作人"),
      cols: moved.length - moved.indexOf("操作人"),
    });
    // A column missing from the header is left out of the span; with none of them, no span.
    const noReason = header.map((h) => (h === "原因" ? "备注" : h));
    assert.deepEqual(narrowSpan(need, noReason), { col: first, cols: header.indexOf("新值") - first + 1 });
    assert.equal(narrowSpan(need, ["甲", "乙"]), undefined);
    // A need without them reads its chosen rows whole.
    assert.equal(narrowSpan(destructionNeeds(["C1"])[0]!, header), undefined);
    assert.deepEqual(rowsToRead({ ...need, chooseColumns: undefined }, parts, others), {
      whole: [1, 2, 4, 5],
      narrow: [],
    });
  });
});
