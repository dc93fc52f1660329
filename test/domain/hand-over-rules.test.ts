/**
 * Hand-over (员工调离), in the domain: whom a departing person's customers go to, what
 * happens to the staff contacts (联系人员) they were among, the two-contact rule for key
 * customers (重要客户), and the problems a user gets when the hand-over cannot be done.
 */
import assert from "node:assert/strict";
import { planHandOver } from "../../src/domain/hand-over";
import { readSheet } from "../../src/domain/records";
import { sampleRegister } from "../../src/domain/sample";
import { changeLog, register } from "../../src/domain/schema/sheets";
import { defaultSettings } from "../../src/domain/settings";
import { trustStaff } from "../../src/domain/stamps/staff";
import type { Snapshot } from "../../src/domain/workbook";
import { apply } from "./support/apply";
import { adopted } from "./support/journal";

const now = { date: "2026-11-24", time: "11:00" };
const leaver = "刘洋";
const newcomer = "周新";
const col = (key: string) => register.columns.findIndex((c) => c.key === key);

interface Customer {
  responsible: string;
  contacts?: string;
  key?: boolean;
}

/** A taken-over Register: C000001, C000002… with the given responsible person, staff contacts and key flag. */
function registerOf(customers: Customer[]): Promise<Snapshot> {
  const rows = sampleRegister(customers.length, "zh");
  customers.forEach((c, i) => {
    rows[i]![col("responsible")] = c.responsible;
    rows[i]![col("staffContacts")] = c.contacts ?? "";
    rows[i]![col("keyCustomer")] = c.key ? "是" : "否";
  });
  return adopted({
    sheetNames: ["客户原簿", "变更记录"],
    sheets: {
      客户原簿: { name: "客户原簿", values: [register.columns.map((c) => c.header.zh), ...rows] },
      变更记录: { name: "变更记录", values: [changeLog.columns.map((c) => c.header.zh)] },
    },
  });
}

const handOver = async (snapshot: Snapshot, from: string, to: string) =>
  planHandOver(
    snapshot,
    defaultSettings,
    await trustStaff([], undefined),
    from,
    to,
    "调离",
    "陈会计",
    now,
    "zh",
  );

/** Register cells of a customer after the plan. */
const cells = (snapshot: Snapshot, id: string) => {
  const row = readSheet(register, snapshot).records.find((r) => r.values.id === id)!;
  return { responsible: row.values.responsible, contacts: row.values.staffContacts };
};
/** The hand-over's log entries: customer, field, old and new value, reason. */
const logged = (snapshot: Snapshot) =>
  readSheet(changeLog, snapshot)
    .records.filter((r) => r.values.action === "handOver")
    .map((r) => [r.values.customerId, r.values.field, r.values.oldValue, r.values.newValue, r.values.reason]);

describe("hand-over: refusals", function () {
  this.timeout(20_000);

  it("refuses a hand-over to nobody, even to a name of spaces, naming the responsible column", async () => {
    const snapshot = await registerOf([{ responsible: leaver }]);
    for (const to of ["", "   "]) {
      const plan = await handOver(snapshot, leaver, to);
      assert.deepEqual(
        plan.problems,
        [{ sheet: "register", row: 1, column: "responsible", rule: "required", value: "" }],
        JSON.stringify(to),
      );
      assert.deepEqual(plan.reassigned, []);
      assert.deepEqual(logged(apply(snapshot, plan.writes)), []);
    }
  });

  it("refuses a hand-over to the same person however the names are spaced, naming the responsible column", async () => {
    const snapshot = await registerOf([{ responsible: leaver }]);
    for (const [from, to] of [
      [leaver, ` ${leaver} `],
      [`${leaver} `, leaver],
    ]) {
      const plan = await handOver(snapshot, from!, to!);
      assert.deepEqual(plan.problems, [
        { sheet: "register", row: 1, column: "responsible", rule: "handOver.same", value: to },
      ]);
      assert.deepEqual(plan.reassigned, []);
      assert.deepEqual(logged(apply(snapshot, plan.writes)), []);
    }
  });

  it("refuses a hand-over from someone with no customers, naming whom it was asked for", async () => {
    const snapshot = await registerOf([{ responsible: leaver }]);
    const plan = await handOver(snapshot, "无名氏", newcomer);
    assert.deepEqual(plan.problems, [
      { sheet: "register", row: 1, column: "responsible", rule: "handOver.none", value: "无名氏" },
    ]);
    assert.deepEqual(plan.reassigned, []);
  });

  it("refuses when the Register has lost its 负责人 column, naming that column", async () => {
    const snapshot = await registerOf([{ responsible: leaver }, { responsible: "张敏" }]);
    for (const row of snapshot.sheets["客户原簿"]!.values) row.splice(col("responsible"), 1);
    const plan = await handOver(snapshot, leaver, newcomer);
    assert.deepEqual(plan.problems, [
      { sheet: "register", row: 1, column: "responsible", rule: "header.missing", value: "" },
    ]);
    assert.deepEqual(plan.reassigned, []);
  });

  it("refuses to leave a key customer with a single staff contact, naming its row and the staff contacts column", async () => {
    const snapshot = await registerOf([
      { responsible: "张敏" },
      { responsible: "张敏", contacts: `${leaver}、${newcomer}`, key: true },
    ]);
    const plan = await handOver(snapshot, leaver, newcomer);
    assert.deepEqual(plan.problems, [
      {
        sheet: "register",
        row: 3,
        column: "staffContacts",
        rule: "key.fewContacts",
        value: "C000002",
        detail: { n: 1 },
      },
    ]);
    assert.deepEqual(plan.reassigned, []);
    const after = apply(snapshot, plan.writes);
    assert.deepEqual(logged(after), []);
    assert.deepEqual(cells(after, "C000002").contacts, `${leaver}、${newcomer}`);
  });
});

describe("hand-over: responsible person and staff contacts", function () {
  this.timeout(20_000);

  it("puts the newcomer in the leaver's place among a key customer's two contacts, and logs both changes", async () => {
    const snapshot = await registerOf([{ responsible: leaver, contacts: `${leaver}、张敏`, key: true }]);
    const plan = await handOver(snapshot, leaver, newcomer);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.reassigned, ["C000001"]);
    const after = apply(snapshot, plan.writes);
    assert.deepEqual(cells(after, "C000001"), { responsible: newcomer, contacts: `${newcomer}、张敏` });
    assert.deepEqual(logged(after), [
      ["C000001", "responsible", leaver, newcomer, "调离"],
      ["C000001", "staffContacts", `${leaver}、张敏`, `${newcomer}、张敏`, "调离"],
    ]);
  });

  it("writes and logs the names as people mean them, without the spaces typed around them", async () => {
    const snapshot = await registerOf([{ responsible: leaver }]);
    const plan = await handOver(snapshot, ` ${leaver} `, ` ${newcomer} `);
    assert.deepEqual(plan.problems, []);
    const after = apply(snapshot, plan.writes);
    assert.equal(cells(after, "C000001").responsible, newcomer);
    assert.deepEqual(logged(after), [["C000001", "responsible", leaver, newcomer, "调离"]]);
  });

  it("refuses while one of the leaver's customers stands twice on the Register, naming the second row: it would stay with the leaver unsaid", async () => {
    const snapshot = await registerOf([{ responsible: leaver }, { responsible: leaver }]);
    const rows = snapshot.sheets["客户原簿"]!.values;
    rows.push([...rows[2]!]);
    const plan = await handOver(snapshot, leaver, newcomer);
    assert.deepEqual(plan.problems, [
      { sheet: "register", row: 4, column: "id", rule: "journal.duplicateRow", value: "C000002" },
    ]);
    assert.deepEqual(plan.reassigned, []);
    assert.deepEqual(plan.writes, []);
  });

  it("lets a key customer whose only contact was the leaver pass to the newcomer", async () => {
    const snapshot = await registerOf([{ responsible: "张敏", contacts: leaver, key: true }]);
    const plan = await handOver(snapshot, leaver, newcomer);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.reassigned, ["C000001"]);
    assert.deepEqual(cells(apply(snapshot, plan.writes), "C000001").contacts, newcomer);
  });

  it("lets a customer that is not a key customer end with a single contact", async () => {
    const snapshot = await registerOf([{ responsible: "张敏", contacts: `${leaver}、${newcomer}` }]);
    const plan = await handOver(snapshot, leaver, newcomer);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.reassigned, ["C000001"]);
    assert.deepEqual(cells(apply(snapshot, plan.writes), "C000001").contacts, newcomer);
  });

  it("keeps the responsible person of a customer the leaver only served as a staff contact", async () => {
    const snapshot = await registerOf([{ responsible: "张敏", contacts: `${leaver}、陈静` }]);
    const plan = await handOver(snapshot, leaver, newcomer);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.reassigned, ["C000001"]);
    const after = apply(snapshot, plan.writes);
    assert.deepEqual(cells(after, "C000001"), { responsible: "张敏", contacts: `${newcomer}、陈静` });
    assert.deepEqual(logged(after), [
      ["C000001", "staffContacts", `${leaver}、陈静`, `${newcomer}、陈静`, "调离"],
    ]);
  });

  it("finds the leaver's customers and writes the newcomer's contact without the spaces typed around the names", async () => {
    const snapshot = await registerOf([
      { responsible: leaver, contacts: `${leaver}、张敏` },
      { responsible: "陈静" },
    ]);
    const plan = await handOver(snapshot, ` ${leaver} `, ` ${newcomer} `);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.reassigned, ["C000001"]);
    const after = cells(apply(snapshot, plan.writes), "C000001");
    assert.equal(String(after.responsible).trim(), newcomer);
    assert.equal(after.contacts, `${newcomer}、张敏`);
  });
});
