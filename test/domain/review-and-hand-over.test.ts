import assert from "node:assert/strict";
import { currentCycle, planReviewConfirmation, reviewWorklist } from "../../src/domain/review";
import { planHandOver } from "../../src/domain/hand-over";
import { defaultSettings } from "../../src/domain/settings";
import { changeLog, register } from "../../src/domain/schema/sheets";
import { sampleRegister } from "../../src/domain/sample";
import { readSheet } from "../../src/domain/records";
import { isoToSerial } from "../../src/domain/validate/date";
import type { Cell, Snapshot } from "../../src/domain/workbook";
import { apply } from "./support/apply";
import { adopted } from "./support/journal";
import { trustStaff } from "../../src/domain/stamps/staff";

const col = (key: string) => register.columns.findIndex((c) => c.key === key);
const noStaff = () => trustStaff([], undefined);
/** The actions' log rows: intents and their done, the set-up's adoption left out. */
const logged = (snapshot: Snapshot) =>
  readSheet(changeLog, snapshot).records.filter((r) => r.values.action !== "adopt");
function book(rows: Cell[][]): Snapshot {
  return {
    sheetNames: ["客户原簿", "变更记录"],
    sheets: {
      客户原簿: { name: "客户原簿", values: [register.columns.map((c) => c.header.zh), ...rows] },
      变更记录: { name: "变更记录", values: [changeLog.columns.map((c) => c.header.zh)] },
    },
  };
}

describe("twice-yearly review", () => {
  const cycles: [string, string, string][] = [
    // today, cycle start, cycle end (review months February and August)
    ["2026-11-24", "2026-08-01", "2026-08-31"],
    ["2026-08-15", "2026-08-01", "2026-08-31"],
    ["2026-02-01", "2026-02-01", "2026-02-28"],
    ["2026-01-10", "2025-08-01", "2025-08-31"],
    ["2028-02-10", "2028-02-01", "2028-02-29"],
  ];
  for (const [today, start, end] of cycles) {
    it(`on ${today} the cycle is ${start}…${end}`, () =>
      assert.deepEqual(currentCycle([2, 8], today), { start, end }));
  }

  it("lists who is done, due, and overdue once the review month is over, per department", () => {
    const rows = sampleRegister(3, "zh");
    rows[0]![col("lastReviewDate")] = isoToSerial("2026-08-12");
    rows[1]![col("lastReviewDate")] = isoToSerial("2026-02-20");
    const snapshot = book(rows);
    const inAugust = reviewWorklist(readSheet(register, snapshot), defaultSettings, "2026-08-20");
    assert.deepEqual(inAugust.items.map((i) => [i.id, i.state]).sort(), [
      ["C000001", "done"],
      ["C000002", "due"],
      ["C000003", "due"],
    ]);
    const later = reviewWorklist(readSheet(register, snapshot), defaultSettings, "2026-09-02");
    assert.deepEqual(
      later.items
        .filter((i) => i.state === "overdue")
        .map((i) => i.id)
        .sort(),
      ["C000002", "C000003"],
    );
    const total = Object.values(later.progress).reduce((a, p) => a + p.done + p.due + p.overdue, 0);
    assert.equal(total, 3);
  });

  it("records the date and reviewer on confirmed rows and logs each confirmation", async () => {
    const snapshot = await adopted(book(sampleRegister(3, "zh")));
    const plan = await planReviewConfirmation(
      snapshot,
      defaultSettings,
      await noStaff(),
      ["C000002"],
      "陈会计",
      {
        date: "2026-08-20",
        time: "10:00",
      },
      "zh",
    );
    assert.deepEqual(plan.confirmed, ["C000002"]);
    const after = apply(snapshot, plan.writes);
    const row = readSheet(register, after).records[1]!.values;
    assert.equal(row.lastReviewDate, isoToSerial("2026-08-20"));
    assert.equal(row.lastReviewer, "陈会计");
    const log = logged(after).map((r) => [r.values.action, r.values.customerId, r.values.field]);
    // One row per customer: the reviewer is the row's person (issue 15, session 28).
    assert.deepEqual(log, [
      ["review", "C000002", "lastReviewDate"],
      ["buildDeptList", "", "sheet"],
      ["done", "", ""],
    ]);
    assert.equal(
      reviewWorklist(readSheet(register, after), defaultSettings, "2026-08-21").items.find(
        (i) => i.id === "C000002",
      )!.state,
      "done",
    );
  });

  it("refuses an unknown customer and a missing reviewer", async () => {
    const one = await adopted(book(sampleRegister(1, "zh")));
    const day = { date: "2026-08-20", time: "10:00" };
    const plan = await planReviewConfirmation(
      one,
      defaultSettings,
      await noStaff(),
      ["C999999"],
      "",
      day,
      "zh",
    );
    assert.deepEqual(
      plan.problems.map((p) => p.rule),
      ["required"],
    );
    const unknown = await planReviewConfirmation(
      one,
      defaultSettings,
      await noStaff(),
      ["C999999"],
      "陈会计",
      day,
      "zh",
    );
    assert.deepEqual(
      unknown.problems.map((p) => [p.rule, p.value]),
      [["id.unknown", "C999999"]],
    );
  });
});

describe("hand-over", () => {
  const now = { date: "2026-11-24", time: "11:00" };
  it("reassigns every customer of the leaver in one plan, logging each and rebuilding lists", async () => {
    const rows = sampleRegister(10, "zh"); // responsible people cycle through five staff names
    const snapshot = await adopted(book(rows));
    const leaver = String(rows[0]![col("responsible")]);
    const plan = await planHandOver(
      snapshot,
      defaultSettings,
      await noStaff(),
      leaver,
      "周新",
      "调离",
      "陈会计",
      now,
      "zh",
    );
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.reassigned, ["C000001", "C000006"]);
    const after = apply(snapshot, plan.writes);
    const reg = readSheet(register, after).records;
    assert.deepEqual(
      reg.filter((r) => r.values.responsible === "周新").map((r) => r.values.id),
      ["C000001", "C000006"],
    );
    assert.ok(!reg.some((r) => r.values.responsible === leaver));
    const log = logged(after).map((r) => [r.values.customerId, r.values.oldValue, r.values.newValue]);
    assert.deepEqual(log, [
      ["C000001", leaver, "周新"],
      ["C000006", leaver, "周新"],
      ["", "", "一览表-业务一部"],
      ["", "", "一览表-海外业务部"],
      ["", "", ""],
    ]);
    assert.ok(plan.writes.some((w) => w.kind === "protect" && w.sheet.startsWith("一览表-")));
  });

  it("refuses a hand-over to the same person, or from someone with no customers", async () => {
    const snapshot = await adopted(book(sampleRegister(2, "zh")));
    const leaver = String(snapshot.sheets["客户原簿"]!.values[1]![col("responsible")]);
    const handOver = async (from: string, to: string) =>
      planHandOver(snapshot, defaultSettings, await noStaff(), from, to, "", "x", now, "zh");
    assert.deepEqual(
      (await handOver(leaver, leaver)).problems.map((p) => p.rule),
      ["handOver.same"],
    );
    assert.deepEqual(
      (await handOver("无名氏", "周新")).problems.map((p) => p.rule),
      ["handOver.none"],
    );
  });
});
