import assert from "node:assert/strict";
import { planAdoption } from "../../../src/domain/journal/adopt";
import { readJournal } from "../../../src/domain/journal/journal";
import { readSheet, rowOf } from "../../../src/domain/records";
import { sampleRegister } from "../../../src/domain/sample";
import { archivePast, changeLog, destructionLog, register } from "../../../src/domain/schema/sheets";
import type { Cell, Snapshot } from "../../../src/domain/workbook";
import { apply } from "../support/apply";

const now = { date: "2026-01-05", time: "09:00" };
const header = (s: { columns: { header: { zh: string } }[] }) => s.columns.map((c) => c.header.zh);
const at = (s: typeof register, key: string) => s.columns.findIndex((c) => c.key === key);

/** A hand-kept workbook: its Register, 交易过去 and 销毁记录 rows, and (unless left out) an empty Change log. */
function book(
  registerRows: Cell[][],
  pastRows: Cell[][] = [],
  destroyedRows: Cell[][] = [],
  withLog = true,
): Snapshot {
  const sheets: Snapshot["sheets"] = {
    客户原簿: { name: "客户原簿", values: [header(register), ...registerRows] },
    交易过去: { name: "交易过去", values: [header(archivePast), ...pastRows] },
    销毁记录: { name: "销毁记录", values: [header(destructionLog), ...destroyedRows] },
  };
  if (withLog) sheets["变更记录"] = { name: "变更记录", values: [header(changeLog)] };
  return { sheetNames: Object.keys(sheets), sheets };
}

/** A customer of the sample register, with the request it came from and its status. */
function customer(i: number, requestNo: string, status = "正常"): Cell[] {
  const row = sampleRegister(i + 1, "zh")[i]!;
  row[at(register, "requestNo")] = requestNo;
  row[at(register, "status")] = status;
  return row;
}

function pastRow(i: number, requestNo: string): Cell[] {
  const row = [...customer(i, requestNo, "正常"), "2025-12-01", "结束往来", "王主管"];
  return row;
}

function destroyedRow(id: string): Cell[] {
  const log = readSheet(destructionLog, book([]));
  return rowOf(log, { customerId: id, date: "2025-12-31", reason: "保存期满", approver: "王主管" });
}

/** The Change log rows an adoption wrote, by customer. */
function logged(s: Snapshot) {
  return Object.fromEntries(readJournal(s).rows.map((r) => [r.customerId, r]));
}

describe("adopting a hand-kept register: what the Change log says", () => {
  it("without a Change log adopts nobody and names the missing Change log", async () => {
    const plan = await planAdoption(book([customer(0, "R1")], [], [], false), "陈会计", now, "zh");
    assert.deepEqual(plan, {
      adopted: 0,
      problems: [{ sheet: "changeLog", row: 1, column: "", rule: "header.missing", value: "" }],
      damaged: [],
      writes: [],
    });
  });

  it("logs each customer at the date and time of adoption, by whoever adopted it, with no old place", async () => {
    const s = book([customer(0, "R1")]);
    const plan = await planAdoption(s, "陈会计", now, "zh");
    const row = logged(apply(s, plan.writes))[String(customer(0, "R1")[0])]!;
    assert.deepEqual(
      [row.time, row.person, row.action, row.field, row.oldValue, row.newValue],
      ["2026-01-05T09:00", "陈会计", "adopt", "place", "", "客户原簿"],
    );
  });

  it("keeps the request a Register or archive customer came from, and gives a destroyed one none", async () => {
    const active = customer(0, "R000011");
    const past = pastRow(1, "R000012");
    const s = book([active], [past], [destroyedRow("C000099")]);
    const plan = await planAdoption(s, "陈会计", now, "zh");
    assert.equal(plan.adopted, 3);
    const after = apply(s, plan.writes);
    const rows = logged(after);
    assert.deepEqual(
      [String(active[0]), String(past[0]), "C000099"].map((id) => [rows[id]!.newValue, rows[id]!.requestNo]),
      [
        ["客户原簿", "R000011"],
        ["交易过去", "R000012"],
        ["已销毁", ""],
      ],
    );
    const journal = readJournal(after);
    assert.deepEqual(
      [...journal.posted],
      [
        ["R000011", String(active[0])],
        ["R000012", String(past[0])],
      ],
    );
  });

  it("logs a Register customer's status as the reason, and no reason for an archived or destroyed one", async () => {
    const active = customer(0, "R1", "无效待删");
    const past = pastRow(1, "R2");
    const s = book([active], [past], [destroyedRow("C000099")]);
    const rows = logged(apply(s, (await planAdoption(s, "陈会计", now, "zh")).writes));
    assert.deepEqual(
      [String(active[0]), String(past[0]), "C000099"].map((id) => [rows[id]!.reason, rows[id]!.oldValue]),
      [
        ["invalid", ""],
        ["", ""],
        ["", ""],
      ],
    );
  });

  it("refuses a second adoption on the Register's ID column, counting the customers it would take", async () => {
    const s = book([customer(0, "R1")]);
    const first = apply(s, (await planAdoption(s, "陈会计", now, "zh")).writes);
    first.sheets["客户原簿"]!.values.push(customer(1, "R2"), customer(2, "R3"));
    const again = await planAdoption(first, "陈会计", now, "zh");
    assert.deepEqual(again.problems, [
      { sheet: "register", row: 1, column: "id", rule: "journal.adoptRefused", value: "2" },
    ]);
  });
});
