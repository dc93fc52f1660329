/**
 * Posting, in the domain: which requests a post takes, which it passes over quietly, which
 * it refuses and with what problem, and the log entry it writes.
 */
import assert from "node:assert/strict";
import { planPosting } from "../../src/domain/posting";
import { planStamping } from "../../src/domain/stamping";
import { defaultSettings } from "../../src/domain/settings";
import { changeLog, intake, register } from "../../src/domain/schema/sheets";
import { trustStaff } from "../../src/domain/stamps/staff";
import { readSheet } from "../../src/domain/records";
import type { Cell, Snapshot } from "../../src/domain/workbook";
import { apply } from "./support/apply";
import { office, stampedRequest as request, type Person } from "./support/people";

const now = { date: "2026-11-24", time: "15:00" };
const header = (s: typeof register) => s.columns.map((c) => c.header.zh);
const sheets = { register: "客户原簿", intake: "交易开始调查书", changeLog: "变更记录" } as const;
const col = (key: string) => intake.columns.findIndex((c) => c.key === key);

function book(intakeRows: Cell[][]): Snapshot {
  return {
    sheetNames: Object.values(sheets),
    sheets: {
      客户原簿: { name: "客户原簿", values: [header(register)] },
      交易开始调查书: { name: "交易开始调查书", values: [header(intake), ...intakeRows] },
      变更记录: { name: "变更记录", values: [header(changeLog)] },
    },
  };
}

describe("posting: what it takes, passes over and refuses", function () {
  this.timeout(20_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });
  const trust = () => trustStaff(people.entries, people.admin.fp);
  const post = async (snapshot: Snapshot, which: string[] | "all" = "all") =>
    planPosting(snapshot, defaultSettings, await trust(), which, { name: "陈会计" }, now, "zh");
  const stamperOf = (p: Person) => ({ entry: p.entry, privateKey: p.privateKey, fingerprint: p.fp });
  const chairman = (decision: "approve" | "reject", snapshot: Snapshot, requestNo: string) =>
    trust().then((t) =>
      planStamping(
        snapshot,
        defaultSettings,
        t,
        [requestNo],
        stamperOf(people.chairman),
        decision,
        decision === "reject" ? "资信不足" : "",
        now,
        "zh",
      ),
    );
  const ready = () => request(0, [people.head, people.chairman]);

  it("refuses to post without a Register, an intake sheet or a Change log, naming the missing sheet", async () => {
    for (const [key, name] of Object.entries(sheets)) {
      const snapshot = book([await ready()]);
      snapshot.sheetNames = snapshot.sheetNames.filter((n) => n !== name);
      delete snapshot.sheets[name];
      const plan = await post(snapshot);
      assert.deepEqual(
        plan.problems,
        [{ sheet: key, row: 1, column: "", rule: "header.missing", value: "" }],
        `without ${name}`,
      );
      assert.deepEqual(plan.posted, []);
      assert.deepEqual(plan.writes, []);
    }
  });

  it("refuses a request number that stands on two rows, naming both rows and the request number column", async () => {
    const row = await ready();
    const plan = await post(book([row, [...row]]));
    assert.deepEqual(
      plan.problems.map((p) => [p.sheet, p.row, p.column, p.rule, p.value]),
      [
        ["intake", 2, "requestNo", "journal.duplicateRow", "R000001"],
        ["intake", 3, "requestNo", "journal.duplicateRow", "R000001"],
      ],
    );
    assert.deepEqual(plan.posted, []);
    assert.deepEqual(plan.writes, []);
  });

  it("passes over requests still being filled in or collecting stamps when posting everything, and posts the ready one", async () => {
    const drafting = await request(1, [], "填写中");
    const collecting = await request(2, [people.head], "待盖章");
    const plan = await post(book([drafting, await ready(), collecting]));
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(
      plan.posted.map((p) => p.requestNo),
      ["R000001"],
    );
  });

  it("refuses a request asked for by number that is still collecting stamps, naming its stamps cell", async () => {
    const plan = await post(book([await request(0, [people.head], "待盖章")]), ["R000001"]);
    assert.deepEqual(
      plan.problems.map((p) => [p.sheet, p.row, p.column, p.rule, p.value]),
      [["intake", 2, "stamps", "stamp.incomplete", "R000001"]],
    );
    assert.deepEqual(plan.writes, []);
  });

  it("passes over a request the chairman rejected and posts the others", async () => {
    const snapshot = book([
      await request(0, [people.head], "待盖章"),
      await request(1, [people.head, people.chairman]),
    ]);
    const rejection = await chairman("reject", snapshot, "R000001");
    assert.deepEqual(rejection.problems, []);
    const rejected = apply(snapshot, rejection.writes);
    assert.equal(rejected.sheets["交易开始调查书"]!.values[1]![col("intakeStatus")], "已驳回");
    const plan = await post(rejected);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(
      plan.posted.map((p) => p.requestNo),
      ["R000002"],
    );
    const after = apply(rejected, plan.writes);
    assert.deepEqual(
      readSheet(register, after).records.map((r) => r.values.requestNo),
      ["R000002"],
    );
  });

  it("refuses a request whose cut-off stamp cannot be finished, naming the request and the stamp's log row", async () => {
    const snapshot = book([await request(0, [people.head], "待盖章")]);
    const stamping = await chairman("approve", snapshot, "R000001");
    assert.deepEqual(stamping.problems, []);
    // The chairman's stamp is logged, then the run is cut off; then someone edits the address.
    const cut = apply(snapshot, stamping.writes.slice(0, 1));
    cut.sheets["交易开始调查书"]!.values[1]![col("address")] = "别处";
    const plan = await post(cut, ["R000001"]);
    assert.deepEqual(
      plan.problems.map((p) => [p.sheet, p.row, p.rule, p.value, p.detail?.action, p.detail?.logRow]),
      [["intake", 2, "journal.cannotFinish", "R000001", "stamp", 2]],
    );
    assert.deepEqual(plan.posted, []);
    assert.deepEqual(readSheet(register, apply(cut, plan.writes)).records, []);
  });

  it("reports each posted request with its new ID and company name, and logs the move from nowhere to the Register", async () => {
    const row = await ready();
    const snapshot = book([row]);
    const plan = await post(snapshot);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.posted, [
      { requestNo: "R000001", id: "C000001", name: row[col("name")], resumed: false },
    ]);
    const [entry] = readSheet(changeLog, apply(snapshot, plan.writes)).records.map((r) => r.values);
    assert.deepEqual(
      [
        entry!.action,
        entry!.customerId,
        entry!.requestNo,
        entry!.field,
        entry!.oldValue,
        entry!.newValue,
        entry!.reason,
      ],
      ["post", "C000001", "R000001", "place", "", "客户原簿", ""],
    );
  });
});
