/**
 * Rows addressed by identity when the batch runs (issue 14, decisions "Several people in one
 * workbook", point 2). The lease keeps two panes from writing at once, but it cannot stop a
 * person deleting a row by hand, or a co-author's deletion arriving late, between an
 * action's read and its write. The action's write still goes to the customer it was
 * planned for (found by ID in the batch that writes), and if that customer's row is gone
 * the person is told so and nothing is written — not even the Change log entry.
 */
import assert from "node:assert/strict";
import { CoAuthoring } from "../../src/host/co-authoring";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { confirmReviews, terminateCustomers } from "../../src/excel/actions/lifecycle";
import { correctCustomer, stampRequests } from "../../src/excel/actions/workflow";
import type { ExcelEnv } from "../../src/excel/env";
import type { ActionResult } from "../../src/excel/actions/result";
import { envOf } from "./fixtures";
import { problemsOf } from "./integrity/invariants";
import { now, stamper, staffOf, world, type People } from "./integrity/world";

type Act = (env: ExcelEnv, people: People) => Promise<ActionResult<{ problems: unknown[] }>>;
const REGISTER = "客户原簿";
const INTAKE = "交易开始调查书";
const DELAY = 200;

/** The row (0-based) of the sheet whose first cell holds this ID, in this co-author's view. */
const rowOf = (host: MemoryExcelHost, sheet: string, id: string) =>
  host.sheet(sheet).values.findIndex((r) => String(r[0]) === id);
const cellOf = (host: MemoryExcelHost, sheet: string, id: string, header: string) => {
  const [head, ...rows] = host.sheet(sheet).values;
  const row = rows.find((r) => String(r[0]) === id);
  return row && String(row[head!.indexOf(header)]);
};

/** Deletes the row holding this ID in the host's view, as a person would by hand. */
const deleteByHand = (host: MemoryExcelHost, sheet: string, id: string) =>
  host.run(async (c: Excel.RequestContext) => {
    const row = rowOf(host, sheet, id) + 1;
    assert.ok(row > 1, `${id} on ${sheet}`);
    c.workbook.worksheets.getItem(sheet).getRange(`${row}:${row}`).delete("Up");
    await c.sync();
  });

/**
 * Runs `act` in a co-author's pane, held back before the sync that writes while someone
 * else deletes a row by hand and the deletion reaches the pane; returns the result and the
 * workbook as the service holds it.
 */
async function withRowDeleted(base: MemoryExcelHost, people: People, act: Act, sheet: string, id: string) {
  const alone = new CoAuthoring(base).author("alone");
  const done = await act(envOf(alone), people);
  assert.ok(done.ok, JSON.stringify(done));
  const writing = alone.syncs;
  const session = new CoAuthoring(base, { delay: DELAY });
  const pane = session.author("王");
  const other = session.author("李");
  let resume!: () => void;
  let reached!: () => void;
  const held = new Promise<void>((r) => (reached = r));
  pane.gate = (n) =>
    n === writing
      ? new Promise<void>((r) => {
          resume = r;
          reached();
        })
      : undefined;
  const running = act(envOf(pane), people);
  await held;
  await deleteByHand(other, sheet, id);
  session.advance(DELAY);
  resume();
  const result = await running;
  session.advance(DELAY);
  return { result, service: session.service() };
}

describe("writes find their row by identity when the batch runs (issue 14)", function () {
  this.timeout(120_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });

  const correct: Act = (env) =>
    correctCustomer(env, "C000008", { phone: "010-62999999" }, "客户来函", "陈会计", now);
  const review: Act = (env) => confirmReviews(env, ["C000009"], "陈会计", now);
  const stamp: Act = (env, p) =>
    stampRequests(env, p.admin.fp, ["R000005"], stamper(p.head), "approve", "", now);
  const terminate: Act = (env, p) =>
    terminateCustomers(env, p.admin.fp, ["C000008"], "past", "关系解除", stamper(p.head), now);

  it("a row above moved up by a deletion: the correction, the review and the termination still reach their own customer", async () => {
    // C000007 sits just above C000008 and C000009 on the Register.
    assert.equal(rowOf(base, REGISTER, "C000008") - rowOf(base, REGISTER, "C000007"), 1);
    const phoneOf9 = cellOf(base, REGISTER, "C000009", "电话");
    {
      const { result, service } = await withRowDeleted(base, people, correct, REGISTER, "C000007");
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(cellOf(service, REGISTER, "C000008", "电话"), "010-62999999");
      assert.equal(cellOf(service, REGISTER, "C000009", "电话"), phoneOf9, "the customer below untouched");
    }
    {
      const { result, service } = await withRowDeleted(base, people, review, REGISTER, "C000008");
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(cellOf(service, REGISTER, "C000009", "复核人"), "陈会计");
      const reviewers = service
        .sheet(REGISTER)
        .values.slice(1)
        .filter((r) => r.includes("陈会计") && String(r[0]) !== "C000009");
      assert.deepEqual(reviewers, [], "nobody else marked reviewed");
    }
    {
      const { result, service } = await withRowDeleted(base, people, terminate, REGISTER, "C000007");
      assert.ok(result.ok, JSON.stringify(result));
      const left = service.sheet(REGISTER).values.map((r) => String(r[0]));
      assert.ok(!left.includes("C000008"), "C000008 left the Register");
      assert.ok(left.includes("C000009"), "C000009, now on C000008's old row, stays");
      assert.ok(cellOf(service, "交易过去", "C000008", "企业名称"));
      // What Validate finds is the hand deletion, and only that: the termination itself is whole.
      const problems = (await problemsOf(service, people)).filter(
        (p) => p.rule.startsWith("journal.") || p.rule.startsWith("log."),
      );
      assert.deepEqual(
        problems.map((p) => `${p.rule} ${p.value}`),
        ["journal.missingRow C000007"],
      );
    }
  });

  it("a request row above removed: the stamp lands on its own request", async () => {
    const target = rowOf(base, INTAKE, "R000005");
    const above = String(base.sheet(INTAKE).values[target - 1]![0]);
    const { result, service } = await withRowDeleted(base, people, stamp, INTAKE, above);
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(cellOf(service, INTAKE, "R000005", "盖章") ?? "", /王主管/);
    const stamped = service
      .sheet(INTAKE)
      .values.slice(1)
      .filter(
        (r) =>
          String(r[0]) !== "R000005" &&
          String(r.join("")).includes("王主管") &&
          !base.sheet(INTAKE).values.some((b) => b[0] === r[0] && b.join("") === r.join("")),
      );
    assert.deepEqual(stamped, [], "no other request changed");
  });

  it("its own row deleted: the person is told, and nothing is written, the Change log entry neither", async () => {
    for (const [act, id] of [
      [correct, "C000008"],
      [review, "C000009"],
    ] as const) {
      const logBefore = base.sheet("变更记录").values.length;
      const { result, service } = await withRowDeleted(base, people, act, REGISTER, id);
      assert.equal(result.ok, false);
      if (result.ok) continue;
      assert.equal(result.failure.code, "RowMoved");
      assert.match(
        result.failure.message,
        new RegExp(`客户原簿 ${id}.*刚被其他人移动或删除,您的操作未写入任何内容`),
      );
      assert.equal(service.sheet("变更记录").values.length, logBefore, "no log entry");
      assert.equal(rowOf(service, REGISTER, id), -1);
    }
  });
});
