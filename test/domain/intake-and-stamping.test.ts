import assert from "node:assert/strict";
import { planIntake } from "../../src/domain/intake";
import { planStamping, type Stamper } from "../../src/domain/stamping";
import { planPosting } from "../../src/domain/posting";
import { defaultSettings } from "../../src/domain/settings";
import { changeLog, intake, register } from "../../src/domain/schema/sheets";
import { sampleCustomer } from "../../src/domain/sample";
import { readSheet } from "../../src/domain/records";
import { trustStaff } from "../../src/domain/stamps/staff";
import { verifyChain } from "../../src/domain/change-log";
import type { Snapshot } from "../../src/domain/workbook";
import { apply } from "./support/apply";
import { office, type Person } from "./support/people";

const now = { date: "2026-11-24", time: "16:00" };
const empty = (): Snapshot => ({
  sheetNames: ["客户原簿", "交易开始调查书", "变更记录"],
  sheets: {
    客户原簿: { name: "客户原簿", values: [register.columns.map((c) => c.header.zh)] },
    交易开始调查书: { name: "交易开始调查书", values: [intake.columns.map((c) => c.header.zh)] },
    变更记录: { name: "变更记录", values: [changeLog.columns.map((c) => c.header.zh)] },
  },
});

/** A new customer as the pane's form sends it: text, labels in Chinese, class A. */
function entry(i: number, responsible = "王建国"): Record<string, string> {
  const customer = sampleCustomer(i, "zh");
  const out: Record<string, string> = {};
  register.columns.forEach((c, k) => {
    if (intake.columns.some((x) => x.key === c.key) && !["stamps", "notes", "requestNo"].includes(c.key)) {
      out[c.key] = String(customer[k]);
    }
  });
  return { ...out, class: "A", firstTradeDate: "", responsible, department: "业务一部" };
}

describe("intake, stamps and posting, end to end in the domain", function () {
  this.timeout(20_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });
  const stamperOf = (p: Person): Stamper => ({ entry: p.entry, privateKey: p.privateKey, fingerprint: p.fp });
  const trust = () => trustStaff(people.entries, people.admin.fp);
  const stamp = async (
    snapshot: Snapshot,
    p: Person,
    nos: string[],
    decision: "approve" | "reject" = "approve",
    reason = "",
  ) => planStamping(snapshot, defaultSettings, await trust(), nos, stamperOf(p), decision, reason, now, "zh");

  it("adds a checked request with the next number, awaiting stamps, and logs it", async () => {
    const plan = await planIntake(empty(), defaultSettings, await trust(), entry(0), "王建国", now, "zh");
    assert.deepEqual(plan.problems, []);
    assert.equal(plan.requestNo, "R000001");
    const after = apply(empty(), plan.writes);
    const req = readSheet(intake, after).records;
    assert.equal(req[0]!.values.intakeStatus, "待盖章");
    assert.equal(readSheet(changeLog, after).records[0]!.values.action, "intake");
  });

  it("refuses a request with bad fields, naming each cell, and writes nothing", async () => {
    const bad = { ...entry(0), postcode: "1234", phone: "6512345", name: "" };
    const plan = await planIntake(empty(), defaultSettings, await trust(), bad, "王建国", now, "zh");
    assert.deepEqual(
      plan.problems.map((p) => [p.row, p.column, p.rule]),
      [
        [2, "name", "required"],
        [2, "postcode", "postcode.format"],
        [2, "phone", "phone.format"],
      ],
    );
    assert.deepEqual(plan.writes, []);
  });

  it("refuses a customer already on the Register", async () => {
    const book = apply(empty(), [
      { kind: "values", sheet: "客户原簿", row: 1, col: 0, values: [sampleCustomer(0, "zh")] },
    ]);
    const plan = await planIntake(book, defaultSettings, await trust(), entry(0), "王建国", now, "zh");
    assert.ok(plan.problems.some((p) => p.rule === "duplicate.uscc" && p.detail?.otherSheet === "register"));
  });

  it("takes a class A request through the head's and the chairman's stamps to the Register", async () => {
    let book = apply(
      empty(),
      (await planIntake(empty(), defaultSettings, await trust(), entry(0), "王建国", now, "zh")).writes,
    );
    const byHead = await stamp(book, people.head, ["R000001"]);
    assert.deepEqual(byHead.stamped, [{ requestNo: "R000001", status: "pending" }]);
    book = apply(book, byHead.writes);
    assert.match(
      String(readSheet(intake, book).records[0]!.values.stamps),
      /^部门主管 王主管 2026-11-24 16:00 批准 ⟦/,
    );
    const byChair = await stamp(book, people.chairman, ["R000001"]);
    assert.deepEqual(byChair.stamped, [{ requestNo: "R000001", status: "approved" }]);
    book = apply(book, byChair.writes);
    const posted = await planPosting(
      book,
      defaultSettings,
      await trust(),
      "all",
      { name: "陈会计" },
      now,
      "zh",
    );
    assert.deepEqual(posted.problems, []);
    book = apply(book, posted.writes);
    assert.equal(readSheet(register, book).records.length, 1);
    const log = readSheet(changeLog, book).records;
    assert.deepEqual(
      log.map((r) => r.values.action),
      ["intake", "stamp", "done", "stamp", "done", "post", "buildDeptList", "done"],
    );
    assert.deepEqual(await verifyChain(log.map((r) => ({ row: r.row, entry: r.values as never }))), []);
  });

  it("refuses the chairman before the head, a head of another department, and one's own request", async () => {
    const book = apply(
      empty(),
      (await planIntake(empty(), defaultSettings, await trust(), entry(0, "王主管"), "王主管", now, "zh"))
        .writes,
    );
    assert.deepEqual(
      (await stamp(book, people.chairman, ["R000001"])).problems.map((p) => p.rule),
      ["stamp.notYourTurn"],
    );
    assert.deepEqual(
      (await stamp(book, people.head, ["R000001"])).problems.map((p) => p.rule),
      ["stamp.ownRequest"],
    );
    const other = apply(
      empty(),
      (
        await planIntake(
          empty(),
          defaultSettings,
          await trust(),
          { ...entry(1), department: "业务二部" },
          "x",
          now,
          "zh",
        )
      ).writes,
    );
    assert.deepEqual(
      (await stamp(other, people.head, ["R000001"])).problems.map((p) => p.rule),
      ["stamp.otherDepartment"],
    );
  });

  it("records a rejection with its reason, and a rejected request cannot be stamped further", async () => {
    let book = apply(
      empty(),
      (await planIntake(empty(), defaultSettings, await trust(), entry(0), "王建国", now, "zh")).writes,
    );
    const rejected = await stamp(book, people.head, ["R000001"], "reject", "信用资料不全");
    assert.deepEqual(rejected.stamped, [{ requestNo: "R000001", status: "rejected" }]);
    book = apply(book, rejected.writes);
    assert.match(String(readSheet(intake, book).records[0]!.values.stamps), /驳回:信用资料不全/);
    assert.deepEqual(
      (await stamp(book, people.chairman, ["R000001"])).problems.map((p) => p.rule),
      ["stamp.notPending"],
    );
  });

  it("a request rejected and sent back (its status typed back) starts its chain again, edited or not", async () => {
    for (const edited of [false, true]) {
      let book = apply(
        empty(),
        (await planIntake(empty(), defaultSettings, await trust(), entry(0), "王建国", now, "zh")).writes,
      );
      book = apply(book, (await stamp(book, people.head, ["R000001"], "reject", "信用资料不全")).writes);
      const values = book.sheets["交易开始调查书"]!.values[1]!;
      values[intake.columns.findIndex((c) => c.key === "intakeStatus")] = "待盖章";
      if (edited) values[intake.columns.findIndex((c) => c.key === "address")] = "北京市朝阳区建国路100号";
      const again = await stamp(book, people.head, ["R000001"]);
      assert.deepEqual(again.problems, [], `edited: ${edited}`);
      assert.deepEqual(again.stamped, [{ requestNo: "R000001", status: "pending" }]);
      // The rejection is not carried into the new chain: one stamp, the head's approval.
      book = apply(book, again.writes);
      const stamps = String(readSheet(intake, book).records[0]!.values.stamps);
      assert.doesNotMatch(stamps, /驳回/);
    }
  });

  it("a rejection by the second of two stampers also ends the approval: sent back, the chain starts at the first", async () => {
    let book = apply(
      empty(),
      (await planIntake(empty(), defaultSettings, await trust(), entry(0), "王建国", now, "zh")).writes,
    );
    book = apply(book, (await stamp(book, people.head, ["R000001"])).writes);
    book = apply(book, (await stamp(book, people.chairman, ["R000001"], "reject", "信用资料不全")).writes);
    const values = book.sheets["交易开始调查书"]!.values[1]!;
    values[intake.columns.findIndex((c) => c.key === "intakeStatus")] = "待盖章";
    assert.deepEqual(
      (await stamp(book, people.chairman, ["R000001"])).problems.map((p) => [p.rule, p.detail?.role]),
      [["stamp.notYourTurn", "deptHead"]],
      "the head's earlier approval does not count after the chairman's rejection",
    );
    const again = await stamp(book, people.head, ["R000001"]);
    assert.deepEqual(again.problems, []);
    assert.deepEqual(again.stamped, [{ requestNo: "R000001", status: "pending" }]);
  });

  it("a request whose every stamp is in, typed back to 待盖章, is nobody's turn: the refusal says it is fully stamped", async () => {
    let book = apply(
      empty(),
      (
        await planIntake(
          empty(),
          defaultSettings,
          await trust(),
          { ...entry(0), class: "B" },
          "王建国",
          now,
          "zh",
        )
      ).writes,
    );
    book = apply(book, (await stamp(book, people.head, ["R000001"])).writes);
    const values = book.sheets["交易开始调查书"]!.values[1]!;
    values[intake.columns.findIndex((c) => c.key === "intakeStatus")] = "待盖章";
    for (const who of [people.head, people.chairman]) {
      const refused = await stamp(book, who, ["R000001"]);
      assert.deepEqual(
        refused.problems.map((p) => [p.sheet, p.row, p.column, p.rule, p.value, p.detail]),
        [["intake", 2, "stamps", "stamp.fullyStamped", "R000001", undefined]],
      );
      assert.deepEqual(refused.writes, []);
    }
  });

  it("starts approval again when the request was edited after the head stamped it", async () => {
    let book = apply(
      empty(),
      (await planIntake(empty(), defaultSettings, await trust(), entry(0), "王建国", now, "zh")).writes,
    );
    book = apply(book, (await stamp(book, people.head, ["R000001"])).writes);
    const address = intake.columns.findIndex((c) => c.key === "address");
    book.sheets["交易开始调查书"]!.values[1]![address] = "北京市朝阳区建国路100号";
    assert.deepEqual(
      (await stamp(book, people.chairman, ["R000001"])).problems.map((p) => p.rule),
      ["stamp.notYourTurn"],
    );
    const again = await stamp(book, people.head, ["R000001"]);
    assert.deepEqual(again.stamped, [{ requestNo: "R000001", status: "pending" }]);
  });

  it("stamps 50 requests in one plan", async () => {
    let book = empty();
    for (let i = 0; i < 50; i++)
      book = apply(
        book,
        (await planIntake(book, defaultSettings, await trust(), entry(i), "王建国", now, "zh")).writes,
      );
    const nos = readSheet(intake, book).records.map((r) => String(r.values.requestNo));
    const plan = await stamp(book, people.head, nos);
    assert.equal(plan.stamped.length, 50);
    assert.deepEqual(plan.problems, []);
  });
});
