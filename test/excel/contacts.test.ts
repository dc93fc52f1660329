import assert from "node:assert/strict";
import {
  addAnnualResult,
  addContact,
  loadMajorMatters,
  markReported,
} from "../../src/excel/actions/contacts";
import { handOver } from "../../src/excel/actions/lifecycle";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { columnLetter } from "../../src/domain/workbook";
import { register } from "../../src/domain/schema/sheets";
import type { ContactEntry } from "../../src/domain/contacts";
import { office } from "../domain/support/people";
import { bookOf, envOf, logOf } from "./fixtures";

const now = { date: "2026-11-24", time: "10:00" };
const at = (key: string) => register.columns.findIndex((c) => c.key === key);
const call: ContactEntry = {
  customerId: "C000002",
  date: "",
  staff: "张伟",
  channel: "longDistance",
  summary: "对方资金周转困难,要求延期付款",
  major: true,
};

describe("contacts, key customers and annual results through the in-memory host", function () {
  this.timeout(60_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });

  it("records a long-distance call as a major matter, lists it to report until marked, all logged", async () => {
    const host = await bookOf(10, people);
    const env = envOf(host);
    const added = await addContact(env, call, "陈会计", now);
    assert.ok(added.ok && added.problems.length === 0, JSON.stringify(added));
    assert.equal(added.contactNo, "LX000001");
    const row = host.sheet("联系记录").values[1]!;
    assert.deepEqual(row.slice(2, 7), ["C000002", "张伟", "长话", "对方资金周转困难,要求延期付款", "是"]);
    await addContact(env, { ...call, major: false, channel: "letter", summary: "寄送年历" }, "陈会计", now);
    const open = await loadMajorMatters(env);
    assert.ok(open.ok);
    assert.deepEqual(
      open.matters.map((m) => m.contactNo),
      ["LX000001"],
    );
    const done = await markReported(env, ["LX000001"], "信息部 刘主任", now);
    assert.ok(done.ok && done.reported.length === 1);
    const after = await loadMajorMatters(env);
    assert.ok(after.ok && after.matters.length === 0);
    const again = await markReported(env, ["LX000001"], "信息部 刘主任", now);
    assert.ok(again.ok);
    assert.equal(again.problems[0]!.rule, "contact.notOpen");
    const actions = logOf(host).map((r) => `${r.action} ${r.customerId}`);
    assert.deepEqual(actions, ["contact C000002", "contact C000002", "reportMajor C000002"]);
  });

  it("names row, column and rule for a bad contact or result, and writes nothing", async () => {
    const host = await bookOf(5, people);
    const env = envOf(host);
    const bad = await addContact(
      env,
      { ...call, customerId: "C999999", channel: "鸽子", summary: "" },
      "陈会计",
      now,
    );
    assert.ok(bad.ok);
    assert.deepEqual(
      bad.problems.map((p) => [p.row, p.column, p.rule]),
      [
        [2, "channel", "enum.notAllowed"],
        [2, "summary", "required"],
        [2, "customerId", "id.unknown"],
      ],
    );
    const result = await addAnnualResult(
      env,
      { customerId: "C000001", year: "25", revenue: "-3", financialNotes: "" },
      "陈会计",
      now,
    );
    assert.ok(result.ok);
    assert.deepEqual(
      result.problems.map((p) => [p.column, p.rule]),
      [
        ["revenue", "number.format"],
        ["year", "year.format"],
      ],
    );
    assert.equal(host.sheet("联系记录").values.length, 1);
    assert.equal(host.sheet("年度业绩").values.length, 1);
  });

  it("keeps each year's results as a new row, never overwriting, logged", async () => {
    const host = await bookOf(5, people);
    const env = envOf(host);
    for (const revenue of ["1200", "1350.5"]) {
      const r = await addAnnualResult(
        env,
        { customerId: "C000001", year: "2025", revenue, financialNotes: "回款正常" },
        "陈会计",
        now,
      );
      assert.ok(r.ok && r.problems.length === 0, JSON.stringify(r));
    }
    const rows = host.sheet("年度业绩").values.slice(1);
    assert.deepEqual(
      rows.map((r) => [r[0], r[1], r[2]]),
      [
        ["C000001", "2025", 1200],
        ["C000001", "2025", 1350.5],
      ],
    );
    assert.equal(logOf(host).at(-1)!.action, "annualResult");
  });

  it("Validate flags a key customer with one staff contact, and hand-over refuses to leave one so", async () => {
    const host = await bookOf(5, people);
    const env = envOf(host);
    const keyCell = `${columnLetter(at("keyCustomer"))}2`;
    host.seedSheet("客户原簿", [["是", "王建国、李晓梅"]], { at: keyCell, raw: true });
    host.seedSheet("客户原簿", [["是", "张伟"]], { at: `${columnLetter(at("keyCustomer"))}3`, raw: true });
    const checked = await validateWorkbook(env, "2026-11-24");
    assert.ok(checked.ok);
    const flagged = checked.problems.filter((p) => p.rule === "key.fewContacts");
    assert.deepEqual(
      flagged.map((p) => [p.address, p.value]),
      [[`${columnLetter(at("staffContacts"))}3`, "C000002"]],
    );
    // 王建国 leaves and 李晓梅 takes over: C000001 would keep only 李晓梅.
    const refused = await handOver(env, "王建国", "李晓梅", "调离", "陈会计", now);
    assert.ok(refused.ok);
    assert.deepEqual(
      refused.problems.map((p) => [p.rule, p.value]),
      [["key.fewContacts", "C000001"]],
    );
    assert.equal(host.sheet("客户原簿").values[1]![at("staffContacts")], "王建国、李晓梅");
    // Handed to someone new, the key customer keeps two contacts.
    const ok = await handOver(env, "王建国", "周新", "调离", "陈会计", now);
    assert.ok(ok.ok && ok.problems.length === 0, JSON.stringify(ok));
    assert.equal(host.sheet("客户原簿").values[1]![at("staffContacts")], "周新、李晓梅");
  });
});
