import assert from "node:assert/strict";
import { planPosting } from "../../src/domain/posting";
import { defaultSettings } from "../../src/domain/settings";
import { changeLog, intake, register } from "../../src/domain/schema/sheets";
import { sampleCustomer } from "../../src/domain/sample";
import { trustStaff } from "../../src/domain/stamps/staff";
import { verifyChain } from "../../src/domain/change-log";
import { readSheet } from "../../src/domain/records";
import type { Cell, Snapshot } from "../../src/domain/workbook";
import { apply } from "./support/apply";
import { office, stampedRequest as request } from "./support/people";

const now = { date: "2026-11-24", time: "15:00" };
const header = (s: typeof register) => s.columns.map((c) => c.header.zh);

function book(registerRows: Cell[][], intakeRows: Cell[][], logRows: Cell[][] = []): Snapshot {
  return {
    sheetNames: ["客户原簿", "交易开始调查书", "变更记录"],
    sheets: {
      客户原簿: { name: "客户原簿", values: [header(register), ...registerRows] },
      交易开始调查书: { name: "交易开始调查书", values: [header(intake), ...intakeRows] },
      变更记录: { name: "变更记录", values: [header(changeLog), ...logRows] },
    },
  };
}

describe("planPosting", function () {
  this.timeout(20_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });
  const trust = () => trustStaff(people.entries, people.admin.fp);
  const post = async (snapshot: Snapshot, which: string[] | "all" = "all") =>
    planPosting(snapshot, defaultSettings, await trust(), which, { name: "陈会计" }, now, "zh");

  it("posts a fully stamped request as a Register row with a new ID, its stamps, a log entry and its list", async () => {
    const snapshot = book([], [await request(0, [people.head, people.chairman])]);
    const plan = await post(snapshot);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(
      plan.posted.map((p) => [p.requestNo, p.id]),
      [["R000001", "C000001"]],
    );
    const after = apply(snapshot, plan.writes);
    const reg = readSheet(register, after);
    assert.equal(reg.records.length, 1);
    assert.equal(reg.records[0]!.values.id, "C000001");
    assert.equal(reg.records[0]!.values.status, "正常");
    assert.match(String(reg.records[0]!.values.stamps), /王主管.*\n.*李董事长/);
    const req = readSheet(intake, after);
    assert.equal(req.records[0]!.values.intakeStatus, "已登记");
    assert.equal(req.records[0]!.values.customerId, "C000001");
    const log = readSheet(changeLog, after);
    assert.deepEqual(
      log.records.map((r) => [r.values.action, r.values.customerId, r.values.requestNo, r.values.person]),
      [
        ["post", "C000001", "R000001", "陈会计"],
        ["buildDeptList", "", "", "陈会计"],
        ["done", "", "", "陈会计"],
      ],
    );
    assert.equal(log.records[0]!.values.op, log.records[2]!.values.op, "the done row closes the post's op");
    assert.deepEqual(
      await verifyChain(log.records.map((r) => ({ row: r.row, entry: r.values as never }))),
      [],
    );
    const list = after.sheets["一览表-业务一部"];
    assert.ok(list, "the department's list sheet is built");
    assert.equal(list.values[1]![0], "C000001");
    assert.ok(plan.writes.some((w) => w.kind === "protect" && w.sheet === "一览表-业务一部"));
  });

  it("refuses a request the chairman has not stamped yet (class A), naming the row", async () => {
    const plan = await post(book([], [await request(0, [people.head])]));
    assert.deepEqual(plan.posted, []);
    assert.deepEqual(
      plan.problems.map((p) => [p.sheet, p.row, p.column, p.rule]),
      [["intake", 2, "stamps", "stamp.incomplete"]],
    );
    assert.deepEqual(plan.writes, []);
  });

  it("refuses a request edited after it was stamped", async () => {
    const row = await request(0, [people.head, people.chairman]);
    row[intake.columns.findIndex((c) => c.key === "address")] = "别处";
    const plan = await post(book([], [row]));
    assert.deepEqual(
      plan.problems.map((p) => p.rule),
      ["stamp.contentChanged"],
    );
  });

  it("never reuses an ID: the next one is past every ID the workbook has seen", async () => {
    const existing = sampleCustomer(0, "zh");
    existing[0] = "C000041";
    const logRow = changeLog.columns.map((c) =>
      c.key === "customerId" ? "C000077" : c.key === "action" ? "destroy" : "",
    );
    const plan = await post(book([existing], [await request(1, [people.head, people.chairman])], [logRow]));
    assert.deepEqual(
      plan.posted.map((p) => p.id),
      ["C000078"],
    );
  });

  it("posts 50 requests in one plan, with consecutive IDs and one chained log entry each", async () => {
    const rows = [];
    for (let i = 0; i < 50; i++) rows.push(await request(i, [people.head, people.chairman]));
    const snapshot = book([], rows);
    const plan = await post(snapshot);
    assert.equal(plan.posted.length, 50);
    assert.equal(plan.posted[49]!.id, "C000050");
    const log = readSheet(changeLog, apply(snapshot, plan.writes));
    assert.equal(log.records.filter((r) => r.values.action === "post").length, 50);
    assert.equal(log.records.length, 52, "50 intents, the department list's row and one done");
    assert.deepEqual(
      await verifyChain(log.records.map((r) => ({ row: r.row, entry: r.values as never }))),
      [],
    );
  });

  it("logs the intent first, then adds the Register row, then marks the request, and closes with done last", async () => {
    const plan = await post(book([], [await request(0, [people.head, people.chairman])]));
    const order = plan.writes.filter((w) => w.kind === "values").map((w) => (w as { sheet: string }).sheet);
    assert.deepEqual(order.slice(0, 4), ["变更记录", "客户原簿", "交易开始调查书", "交易开始调查书"]);
    assert.equal(order.at(-1), "变更记录");
  });

  it("finishes a post cut off after the Register row: the request gets marked, nothing twice", async () => {
    const snapshot = book([], [await request(0, [people.head, people.chairman])]);
    const plan = await post(snapshot);
    const half = apply(snapshot, plan.writes.slice(0, 2));
    assert.equal(readSheet(intake, half).records[0]!.values.intakeStatus, "已批准");
    assert.equal(readSheet(register, half).records.length, 1);
    // Any later post finishes it, even one asked to post something else.
    const again = await post(half, ["R999999"]);
    assert.deepEqual(again.posted, []);
    assert.deepEqual(again.finished, ["C000001"]);
    const done = apply(half, again.writes);
    assert.deepEqual(
      readSheet(register, done).records.map((r) => r.values.id),
      ["C000001"],
    );
    assert.equal(readSheet(intake, done).records[0]!.values.intakeStatus, "已登记");
    assert.deepEqual(
      readSheet(changeLog, done).records.map((r) => r.values.action),
      ["post", "buildDeptList", "done"],
    );
    const last = await post(done);
    assert.deepEqual(
      [last.posted, last.finished, last.writes],
      [[], [], []],
      "a finished post leaves nothing to do",
    );
  });

  it("finishes a post cut off after its intent: same ID, no second intent", async () => {
    const snapshot = book([], [await request(0, [people.head, people.chairman])]);
    const plan = await post(snapshot);
    const logOnly = apply(snapshot, plan.writes.slice(0, 1));
    const fixed = apply(logOnly, (await post(logOnly)).writes);
    assert.deepEqual(
      readSheet(register, fixed).records.map((r) => r.values.id),
      ["C000001"],
    );
    assert.deepEqual(
      readSheet(changeLog, fixed).records.map((r) => r.values.action),
      ["post", "buildDeptList", "done"],
    );
    assert.equal(readSheet(intake, fixed).records[0]!.values.intakeStatus, "已登记");
  });

  it("posts only the requests asked for", async () => {
    const snapshot = book(
      [],
      [await request(0, [people.head, people.chairman]), await request(1, [people.head, people.chairman])],
    );
    const plan = await post(snapshot, ["R000002"]);
    assert.deepEqual(
      plan.posted.map((p) => p.requestNo),
      ["R000002"],
    );
  });
});
