/**
 * Change log entries overwritten when Excel's propagation delay outlasts the lease's settle
 * time (issue 14): two panes each believe they hold the lease and append to the same rows;
 * the last writer's cells win. The loser's pane looks again (checkLogWrite), finds what it
 * lost and writes it back (relogLost), vouching with a sealed `rechain` entry for its rows
 * left hanging from a lost predecessor (a fork). Validate then holds everything logged
 * once and the chain whole.
 */
import assert from "node:assert/strict";
import { CoAuthoring } from "../../src/host/co-authoring";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import type { ExcelEnv } from "../../src/excel/env";
import { actingWith } from "../../src/excel/env";
import { correctCustomer, stampRequests } from "../../src/excel/actions/workflow";
import { checkLogWrite, relogLost } from "../../src/excel/log-check";
import type { LogWrite } from "../../src/domain/log-repair";
import { problemsOf } from "./integrity/invariants";
import { actions, now, stamper, staffOf, world, type People } from "./integrity/world";
import { paneOnClock } from "./support/clock";

const SETTLE = 1000;
const DELAY = 3000;
const LOG = "变更记录";

/** A pane that keeps what it appended to the Change log. */
function pane(session: CoAuthoring, name: string) {
  const host = session.author(name);
  const written: LogWrite[] = [];
  const env: ExcelEnv = { ...paneOnClock(session, host, SETTLE), onLogWritten: (w) => written.push(w) };
  return { host, env, written };
}

const logRows = (host: MemoryExcelHost) => {
  const [head, ...rows] = host.sheet(LOG).values;
  const at = (h: string) => head!.indexOf(h);
  return rows.map((r) => ({
    action: String(r[at("操作")]),
    id: String(r[at("客户编号")]),
    request: String(r[at("申请编号")]),
    newValue: String(r[at("新值")]),
  }));
};
const corrections = (host: MemoryExcelHost) =>
  logRows(host).filter((r) => r.action === "correct" && r.id === "C000008" && r.newValue === "010-62999999");
const stamps = (host: MemoryExcelHost) =>
  logRows(host).filter((r) => r.action === "stamp" && r.request === "R000005");
const journalProblems = async (host: MemoryExcelHost, people: People) =>
  (await problemsOf(host, people))
    .filter((p) => p.rule.startsWith("log.") || p.rule.startsWith("journal."))
    .map((p) => `${p.rule} ${p.value}`.trim());

describe("Change log entries overwritten by a co-author's late write, found and written back (issue 14)", function () {
  this.timeout(120_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });

  const correct = (env: ExcelEnv) =>
    correctCustomer(env, "C000008", { phone: "010-62999999" }, "客户来函", "陈会计", now);
  /** The head's termination of two customers: two intents, their department list, done. */
  const terminate = async (env: ExcelEnv) =>
    (await actions.find((a) => a.name === "terminate")!.run(base, people, env)) as {
      ok: boolean;
      problems?: unknown[];
    };
  const stamp = (env: ExcelEnv) =>
    stampRequests(env, people.admin.fp, ["R000005"], stamper(people.head), "approve", "", now);

  /** `first` writes, then `second`, both within the delay: neither sees the other's claim or rows. */
  async function lateWrite(first: "correct" | "stamp") {
    const session = new CoAuthoring(base, { delay: DELAY });
    const clerk = pane(session, "陈");
    const head = pane(session, "王");
    const act = { correct: [clerk, correct], stamp: [head, stamp] } as const;
    const order = first === "correct" ? (["correct", "stamp"] as const) : (["stamp", "correct"] as const);
    for (const which of order) {
      const [who, run] = act[which];
      const result = await run(who.env);
      assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
    }
    session.advance(DELAY);
    return { session, clerk, head };
  }

  it("the loser wrote no more rows than the winner: its entry vanished without a trace; its pane finds it and writes it back", async () => {
    // The correction appends three rows (its intent, its department list, done); the head's
    // termination of two customers four, over them.
    const session = new CoAuthoring(base, { delay: DELAY });
    const clerk = pane(session, "陈");
    const head = pane(session, "王");
    const corrected = await correct(clerk.env);
    assert.ok(corrected.ok && corrected.problems.length === 0, JSON.stringify(corrected));
    const terminated = await terminate(head.env);
    assert.ok(terminated.ok && !terminated.problems?.length, JSON.stringify(terminated));
    session.advance(DELAY);
    assert.equal(clerk.written[0]!.entries.length, 3);
    assert.equal(head.written[0]!.entries.length, 4);
    assert.deepEqual(corrections(session.service()), [], "the correction's entry was overwritten");
    assert.deepEqual(await journalProblems(session.service(), people), [], "and nothing shows it");
    assert.deepEqual(
      (await checkLogWrite(head.env, head.written[0]!)).lost,
      [],
      "the termination's rows stand",
    );
    const lost = await checkLogWrite(clerk.env, clerk.written[0]!);
    assert.equal(lost.lost.length, clerk.written[0]!.entries.length, "all of the correction's rows");
    assert.deepEqual(lost.breaks, []);
    const repaired = await relogLost(clerk.env, clerk.written[0]!, people.admin.fp, "陈会计", now);
    assert.ok(repaired.ok && repaired.relogged === lost.lost.length, JSON.stringify(repaired));
    session.advance(DELAY);
    const service = session.service();
    assert.equal(corrections(service).length, 1, "the correction logged once");
    assert.equal(
      logRows(service).filter((r) => r.action === "terminate" && ["C000007", "C000013"].includes(r.id))
        .length,
      2,
      "the termination logged once",
    );
    assert.deepEqual(await journalProblems(service, people), []);
    // A second look finds nothing more to do.
    const again = await relogLost(clerk.env, clerk.written[0]!, people.admin.fp, "陈会计", now);
    assert.ok(again.ok && again.relogged === 0, JSON.stringify(again));
  });

  it("a stamp overwritten whole: Validate sees the stamp without its entry; the stamper's pane writes it back", async () => {
    const { session, head } = await lateWrite("stamp");
    assert.deepEqual(stamps(session.service()), []);
    const before = await journalProblems(session.service(), people);
    assert.deepEqual(before, ["journal.unlogged deptHead 王主管 2026-11-24T16:00"]);
    const lost = await checkLogWrite(head.env, head.written[0]!);
    assert.equal(lost.lost.length, 2);
    // 王主管 holds a trusted key: every row of theirs is sealed, the ones written back too.
    const sealed = actingWith(head.env, { fingerprint: people.head.fp, privateKey: people.head.privateKey });
    const repaired = await relogLost(sealed, head.written[0]!, people.admin.fp, "王主管", now);
    assert.ok(repaired.ok && repaired.relogged === 2, JSON.stringify(repaired));
    session.advance(DELAY);
    assert.equal(stamps(session.service()).length, 1);
    assert.deepEqual(await journalProblems(session.service(), people), []);
  });

  it("the loser wrote more rows: its last one hangs from a lost predecessor (a fork), reported until its pane rechains it under its seal", async () => {
    const session = new CoAuthoring(base, { delay: DELAY });
    const clerk = pane(session, "陈");
    const head = pane(session, "王");
    // The head's termination of two customers appends four rows (two intents, its department
    // list, done), then the clerk's correction three over the first three.
    const terminated = await terminate(head.env);
    assert.ok(terminated.ok && !terminated.problems?.length, JSON.stringify(terminated));
    const corrected = await correct(clerk.env);
    assert.ok(corrected.ok && corrected.problems.length === 0, JSON.stringify(corrected));
    session.advance(DELAY);
    const before = await journalProblems(session.service(), people);
    assert.ok(
      before.includes(
        `log.chainBroken ${head.written[0]!.entries[3]!.values[head.written[0]!.header.indexOf("校验值")]}`,
      ),
      before.join("; "),
    );
    const lost = await checkLogWrite(head.env, head.written[0]!);
    assert.equal(lost.lost.length, 3, "the termination's intent and list rows under the correction");
    assert.equal(lost.breaks.length, 1, "its done row, left hanging");
    // Unsealed, the rechain would vouch for nothing: it needs the head's key, like the termination.
    const sealed = actingWith(head.env, { fingerprint: people.head.fp, privateKey: people.head.privateKey });
    const repaired = await relogLost(sealed, head.written[0]!, people.admin.fp, "王主管", now);
    assert.ok(repaired.ok && repaired.relogged === 3, JSON.stringify(repaired));
    session.advance(DELAY);
    const service = session.service();
    const terminations = logRows(service).filter((r) => r.action === "terminate");
    assert.deepEqual(
      terminations.map((r) => r.id).sort(),
      [
        ...logRows(base)
          .filter((r) => r.action === "terminate")
          .map((r) => r.id),
        "C000007",
        "C000013",
      ].sort(),
      "the termination's entries once each",
    );
    assert.equal(corrections(service).length, 1, "the correction logged once");
    assert.deepEqual(await journalProblems(service, people), []);
  });

  it("a rechain written without the person's seal vouches for nothing: the break and the unsealed entry are reported", async () => {
    const session = new CoAuthoring(base, { delay: DELAY });
    const clerk = pane(session, "陈");
    const head = pane(session, "王");
    await terminate(head.env);
    await correct(clerk.env);
    session.advance(DELAY);
    const repaired = await relogLost(head.env, head.written[0]!, people.admin.fp, "王主管", now);
    assert.ok(repaired.ok && repaired.relogged === 3, JSON.stringify(repaired));
    session.advance(DELAY);
    const problems = await journalProblems(session.service(), people);
    assert.ok(
      problems.some((p) => p.startsWith("log.chainBroken")),
      problems.join("; "),
    );
    assert.ok(problems.includes("log.unsigned 王主管"), problems.join("; "));
  });
});
