/**
 * Stamping intake requests (planStamping): whom it refuses and why — each refusal naming
 * the sheet, row, column, rule and request number the user is shown — and what it writes
 * when it stamps: the Stamps cell, the status, and the Change log entry with its reason.
 */
import assert from "node:assert/strict";
import { planIntake } from "../../src/domain/intake";
import { planStamping } from "../../src/domain/stamping";
import { readSheet } from "../../src/domain/records";
import { sampleCustomer } from "../../src/domain/sample";
import { changeLog, intake, register } from "../../src/domain/schema/sheets";
import { defaultSettings, type Settings } from "../../src/domain/settings";
import { countersign, trustStaff, type StaffEntry } from "../../src/domain/stamps/staff";
import type { Cell, Snapshot } from "../../src/domain/workbook";
import { apply } from "./support/apply";
import { stamper } from "./support/moves-book";
import { office, person, type Person } from "./support/people";

const now = { date: "2026-11-24", time: "16:00" };

const empty = (): Snapshot => ({
  sheetNames: ["客户原簿", "交易开始调查书", "变更记录"],
  sheets: {
    客户原簿: { name: "客户原簿", values: [register.columns.map((c) => c.header.zh)] },
    交易开始调查书: { name: "交易开始调查书", values: [intake.columns.map((c) => c.header.zh)] },
    变更记录: { name: "变更记录", values: [changeLog.columns.map((c) => c.header.zh)] },
  },
});

/** A new customer as the pane's form sends it, in 业务一部, of the class given. */
function entry(i: number, cls = "B"): Record<string, string> {
  const customer = sampleCustomer(i, "zh");
  const out: Record<string, string> = {};
  register.columns.forEach((c, k) => {
    if (intake.columns.some((x) => x.key === c.key) && !["stamps", "notes", "requestNo"].includes(c.key))
      out[c.key] = String(customer[k]);
  });
  return { ...out, class: cls, firstTradeDate: "", responsible: "王建国", department: "业务一部" };
}

const column = (key: string) => intake.columns.findIndex((c) => c.key === key);
/** The request rows of the Intake sheet, by column key. */
const requests = (s: Snapshot) => readSheet(intake, s).records.map((r) => r.values);
/** The Change log entries written after `before`, without the "done" rows closing each action. */
const logged = (s: Snapshot, before: Snapshot) =>
  readSheet(changeLog, s)
    .records.slice(readSheet(changeLog, before).records.length)
    .map((r) => r.values)
    .filter((v) => v.action !== "done");

describe("stamping intake requests", function () {
  this.timeout(30_000);
  let people: Awaited<ReturnType<typeof office>>;
  let manager: Person;
  let entries: StaffEntry[];
  before(async () => {
    people = await office();
    manager = await person(5, "孙经理", "manager", "总务部");
    manager.entry.countersign = await countersign(people.admin.privateKey, manager.entry);
    entries = [...people.entries, manager.entry];
  });
  const trust = (rows = entries) => trustStaff(rows, people.admin.fp);

  /** A book with `classes.length` requests R000001… filed by 陈会计, awaiting stamps. */
  const filed = async (classes: string[], settings: Settings = defaultSettings) => {
    let book = empty();
    for (const [i, cls] of classes.entries()) {
      const plan = await planIntake(book, settings, await trust(), entry(i, cls), "陈会计", now, "zh");
      assert.deepEqual(plan.problems, []);
      book = apply(book, plan.writes);
    }
    return book;
  };
  const stamp = async (
    book: Snapshot,
    by: Person,
    nos: string[],
    {
      decision = "approve" as "approve" | "reject",
      reason = "",
      settings = defaultSettings,
      staff = entries,
    } = {},
  ) => planStamping(book, settings, await trust(staff), nos, stamper(by), decision, reason, now, "zh");
  /** A refusal: the problems the user is shown, with nothing stamped and nothing written. */
  const refused = (plan: Awaited<ReturnType<typeof stamp>>) => {
    assert.deepEqual(plan.stamped, [], "nothing reported stamped");
    assert.deepEqual(plan.writes, [], "nothing written");
    return plan.problems.map((p) => ({ ...p }));
  };

  it("refuses without the Intake sheet or without the Change log, naming the missing header", async () => {
    const book = await filed(["B"]);
    for (const sheet of ["交易开始调查书", "变更记录"]) {
      const copy = structuredClone(book);
      copy.sheetNames = copy.sheetNames.filter((n) => n !== sheet);
      delete copy.sheets[sheet];
      assert.deepEqual(refused(await stamp(copy, people.head, ["R000001"])), [
        { sheet: "intake", row: 1, column: "", rule: "header.missing", value: "" },
      ]);
    }
  });

  it("refuses a request already decided, naming its row, the Stamps column and its number", async () => {
    const book = await filed(["B", "B"]);
    const approved = apply(book, (await stamp(book, people.head, ["R000002"])).writes);
    assert.deepEqual(refused(await stamp(approved, people.head, ["R000002"])), [
      { sheet: "intake", row: 3, column: "stamps", rule: "stamp.notPending", value: "R000002" },
    ]);
  });

  it("stamps a request still being filled in (填写中) as it stamps one awaiting stamps", async () => {
    const book = await filed(["B"]);
    book.sheets["交易开始调查书"]!.values[1]![column("intakeStatus")] = "填写中";
    const plan = await stamp(book, people.head, ["R000001"]);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.stamped, [{ requestNo: "R000001", status: "approved" }]);
    const [request] = requests(apply(book, plan.writes));
    assert.equal(request!.intakeStatus, "已批准");
    assert.match(String(request!.stamps), /^部门主管 王主管 2026-11-24 16:00 批准 ⟦/);
  });

  it("passes over a request number that is not on the sheet and stamps the others", async () => {
    const book = await filed(["B"]);
    const plan = await stamp(book, people.head, ["R000099", "R000001"]);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.stamped, [{ requestNo: "R000001", status: "approved" }]);
    assert.equal(requests(apply(book, plan.writes))[0]!.intakeStatus, "已批准");
  });

  it("refuses a request number standing on two rows, naming the second row", async () => {
    const book = await filed(["B"]);
    const grid = book.sheets["交易开始调查书"]!.values;
    grid.push([...grid[1]!]);
    assert.deepEqual(refused(await stamp(book, people.head, ["R000001"])), [
      { sheet: "intake", row: 3, column: "stamps", rule: "journal.duplicateRow", value: "R000001" },
    ]);
  });

  it("refuses someone whose key the administrator never countersigned, or that is on no Staff row, as not countersigned", async () => {
    const book = await filed(["B"]);
    const newcomer = await person(6, "周主管", "deptHead");
    const notCountersigned = [
      { sheet: "intake", row: 2, column: "stamps", rule: "stamp.notCountersigned", value: "R000001" },
    ];
    assert.deepEqual(
      refused(await stamp(book, newcomer, ["R000001"], { staff: [...entries, newcomer.entry] })),
      notCountersigned,
    );
    assert.deepEqual(refused(await stamp(book, newcomer, ["R000001"])), notCountersigned);
  });

  it("refuses someone whose key was revoked, as revoked", async () => {
    const book = await filed(["B"]);
    const staff = entries.map((e) => (e === people.head.entry ? { ...e, revoked: true } : e));
    assert.deepEqual(refused(await stamp(book, people.head, ["R000001"], { staff })), [
      { sheet: "intake", row: 2, column: "stamps", rule: "stamp.revoked", value: "R000001" },
    ]);
  });

  it("stamps what it may and reports the rest: a batch with one request already decided still stamps the other", async () => {
    const book = await filed(["B", "B"]);
    const decided = apply(book, (await stamp(book, people.head, ["R000001"])).writes);
    const plan = await stamp(decided, people.head, ["R000001", "R000002"]);
    assert.deepEqual(plan.problems, [
      { sheet: "intake", row: 2, column: "stamps", rule: "stamp.notPending", value: "R000001" },
    ]);
    assert.deepEqual(plan.stamped, [{ requestNo: "R000002", status: "approved" }]);
    const after = apply(decided, plan.writes);
    assert.deepEqual(
      requests(after).map((r) => r.intakeStatus),
      ["已批准", "已批准"],
    );
    assert.deepEqual(
      logged(after, decided).map((e) => [e.action, e.requestNo]),
      [["stamp", "R000002"]],
    );
  });

  it("logs an approval with the stamper's role as its reason, and a rejection with the reason given", async () => {
    const book = await filed(["A", "A"]);
    const approved = apply(book, (await stamp(book, people.head, ["R000001"])).writes);
    const rejected = apply(
      approved,
      (await stamp(approved, people.head, ["R000002"], { decision: "reject", reason: "信用资料不全" }))
        .writes,
    );
    const [approval, rejection] = logged(rejected, book);
    assert.deepEqual(
      [approval!.action, approval!.requestNo, approval!.field, approval!.newValue, approval!.reason],
      ["stamp", "R000001", "stamps", "待盖章", "deptHead"],
    );
    assert.deepEqual(
      [rejection!.action, rejection!.requestNo, rejection!.field, rejection!.newValue, rejection!.reason],
      ["reject", "R000002", "stamps", "已驳回", "信用资料不全"],
    );
    assert.equal(rejection!.approval, requests(rejected)[1]!.stamps, "the log carries the stamped cell");
  });

  it("gives an approval no reason even when one was typed: the cell says 批准 alone", async () => {
    const book = await filed(["B"]);
    const plan = await stamp(book, people.head, ["R000001"], { reason: "看起来不错" });
    assert.deepEqual(plan.problems, []);
    const cell = String(requests(apply(book, plan.writes))[0]!.stamps);
    assert.match(cell, /^部门主管 王主管 2026-11-24 16:00 批准 ⟦[^\n]+⟧$/);
    assert.doesNotMatch(cell, /看起来不错/);
  });

  it("starts approval again from the first role when an earlier stamp no longer holds (the manager's key revoked)", async () => {
    const settings: Settings = {
      ...defaultSettings,
      stampChain: { ...defaultSettings.stampChain, A: ["deptHead", "manager", "chairman"] },
    };
    let book = await filed(["A"], settings);
    for (const by of [people.head, manager]) {
      const plan = await stamp(book, by, ["R000001"], { settings });
      assert.deepEqual(plan.problems, []);
      book = apply(book, plan.writes);
    }
    const staff = entries.map((e) => (e === manager.entry ? { ...e, revoked: true } : e));
    assert.deepEqual(refused(await stamp(book, people.chairman, ["R000001"], { settings, staff })), [
      {
        sheet: "intake",
        row: 2,
        column: "stamps",
        rule: "stamp.notYourTurn",
        value: "R000001",
        // Approval starts again: it is the department head's turn, and the message says so.
        detail: { role: "deptHead" },
      },
    ]);
    const again = await stamp(book, people.head, ["R000001"], { settings, staff });
    assert.deepEqual(again.problems, []);
    assert.deepEqual(again.stamped, [{ requestNo: "R000001", status: "pending" }]);
    const cell = String(requests(apply(book, again.writes))[0]!.stamps);
    assert.deepEqual(
      cell.split("\n").map((line) => line.replace(/ ⟦.*$/, "")),
      ["部门主管 王主管 2026-11-24 16:00 批准"],
      "the head's new stamp alone",
    );
  });

  it("does not stamp a request whose interrupted stamping cannot be finished, and says where", async () => {
    const book = await filed(["B"]);
    const plan = await stamp(book, people.head, ["R000001"]);
    // Cut off after the intent was logged; then the request is edited by hand.
    const cut = apply(book, plan.writes.slice(0, 1));
    const logRow = readSheet(changeLog, cut).records.at(-1)!.row;
    cut.sheets["交易开始调查书"]!.values[1]![column("address")] = "北京市朝阳区建国路100号" as Cell;
    const again = await stamp(cut, people.head, ["R000001"]);
    assert.deepEqual(again.stamped, []);
    assert.deepEqual(again.problems, [
      {
        sheet: "intake",
        row: 2,
        column: "id",
        rule: "journal.cannotFinish",
        value: "R000001",
        detail: { action: "stamp", why: "approval", logRow },
      },
    ]);
    assert.equal(requests(apply(cut, again.writes))[0]!.stamps, "", "no stamp lands on the request");
  });
});
