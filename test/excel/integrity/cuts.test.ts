/**
 * Faults inside a sync. Every writing action of the life cycle is cut after every single
 * operation of every sync it makes, on a workbook in use; then, from each cut state,
 * (a) the same action runs again, (b) each other action runs first and then the cut one,
 * (c) someone edits the rows involved by hand before the action runs again. After each:
 * nobody lost or in two places, every logged intent closed or named by Validate, every
 * stamp logged, the chain intact, and each action's own effect there exactly once.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { actions, staffOf, world, type Action, type People } from "./world";
import { segmentRows, setSegmentRows } from "../../../src/domain/log-segments";
import {
  assertCutIsSafe,
  assertSettled,
  places,
  problemsOf,
  stateOf,
  unfinished,
  unloggedStamps,
} from "./invariants";

/**
 * Every other action before each recovery is the full matrix (`npm run test:cuts`, about
 * 4 minutes on 2 cores); `npm test` and the mutation run take one other action per cut
 * state, in turn (each cut state is still run again, after another action, and after a
 * hand edit).
 */
const FULL = !!process.env.CUTS_FULL && !process.env.INTEGRITY_LITE;

/** Each distinct cut: the k-th sync stopped after its n-th operation. Read-only syncs are cut once. */
function cutPoints(dry: MemoryExcelHost): { k: number; n: number }[] {
  return dry.syncLog.flatMap((s, i) =>
    s.writes === 0
      ? [{ k: i + 1, n: 0 }]
      : Array.from({ length: s.operations + 1 }, (_, n) => ({ k: i + 1, n })),
  );
}

const succeeded = (r: { ok: boolean }, label: string) =>
  assert.ok(
    r.ok && !((r as { problems?: unknown[] }).problems ?? []).length,
    `${label}: ${JSON.stringify(r).slice(0, 600)}`,
  );

/**
 * Running an action again after its work was finished for it may only say there is nothing
 * left to do: never any other problem.
 */
const NOTHING_LEFT = new Set(["list.nothingToStamp", "handOver.none", "stamp.notPending"]);
const repeated = (r: { ok: boolean }, label: string) => {
  const problems = ((r as { problems?: { rule: string }[] }).problems ?? []).filter(
    (p) => !NOTHING_LEFT.has(p.rule),
  );
  assert.ok(r.ok && problems.length === 0, `${label}: ${JSON.stringify(r).slice(0, 600)}`);
};

/** A clerk's hand edit of every row an unfinished intent concerns: the address typed over. */
function editByHand(host: MemoryExcelHost, keys: Set<string>): void {
  for (const sheet of ["客户原簿", "交易中止", "交易过去", "交易开始调查书"]) {
    const [head, ...rows] = host.sheet(sheet).values;
    const address = head!.indexOf("地址");
    const customer = head!.indexOf(sheet === "交易开始调查书" ? "登记客户编号" : "客户编号");
    rows.forEach((row, i) => {
      if (keys.has(String(row[0])) || keys.has(String(row[customer])))
        host.seedSheet(sheet, [["手改的地址"]], {
          at: `${String.fromCharCode(65 + address)}${i + 2}`,
          raw: true,
        });
    });
  }
}

/**
 * The Change log on several sheets (log-segments.ts) at a size its rows cross at every
 * action: the world's log already holds more, so each action's rows open a new sheet (in a
 * sync of its own, cut after each of its operations too) or fill the last. The full matrix
 * takes every action so; `npm test` the post and the termination.
 */
const SEGMENTED = { rows: 6, actions: FULL ? undefined : ["post", "terminate"] };

for (const segment of [undefined, SEGMENTED])
  describe(`faults inside a sync: every action cut after every operation, then run again, after others, after a hand edit${segment ? ` — the Change log on sheets of ${segment.rows} rows` : ""}`, function () {
    this.timeout(900_000);
    let people: People;
    let base: MemoryExcelHost;
    let was = 0;
    before(async () => {
      people = await staffOf();
      base = await world(people);
      was = segmentRows();
      if (segment) setSegmentRows(segment.rows);
    });
    after(() => setSegmentRows(was));

    for (const action of actions.filter((a) => !segment?.actions || segment.actions.includes(a.name))) {
      it(`${action.name}: cut anywhere, finished by the next action, nothing lost, doubled or unnamed`, async () => {
        const dry = base.clone();
        succeeded(await action.run(dry, people), `${action.name} uncut`);
        const points = cutPoints(dry);
        await assertSettled(dry, people, `${action.name} uncut`);
        action.expect(dry, base);
        const everyone = new Set(places(base).keys());
        const seen = new Set<string>();
        let distinct = 0;
        for (const { k, n } of points) {
          const cut = base.clone();
          cut.failAtSync(k, { operations: n });
          const label = `${action.name} cut at sync ${k} after ${n} operations`;
          assert.equal((await action.run(cut, people)).ok, false, `${label}: the failure reaches the pane`);
          const state = stateOf(cut);
          if (seen.has(state)) continue;
          seen.add(state);
          distinct++;
          await assertCutIsSafe(cut, people, everyone, label);
          await again(action, cut, label);
          const others = actions.filter((a) => a !== action);
          for (const other of FULL ? others : [others[distinct % others.length]!])
            await otherFirst(other, action, cut, `${label}, ${other.name} first`);
          await handEdited(action, cut, everyone, `${label}, rows edited by hand`);
        }
        assert.ok(distinct > 2, `${action.name}: the cuts leave ${distinct} distinct states`);
      });
    }

    async function again(action: Action, cut: MemoryExcelHost, label: string) {
      const host = cut.clone();
      repeated(await action.run(host, people), `${label}, run again`);
      await assertSettled(host, people, `${label}, run again`);
      action.expect(host, base);
    }

    async function otherFirst(other: Action, action: Action, cut: MemoryExcelHost, label: string) {
      const host = cut.clone();
      succeeded(await other.run(host, people), label);
      await assertSettled(host, people, label);
      other.expect(host, base);
      repeated(await action.run(host, people), `${label}, then again`);
      await assertSettled(host, people, `${label}, then again`);
      action.expect(host, base);
      other.expect(host, base);
    }

    async function handEdited(action: Action, cut: MemoryExcelHost, everyone: Set<string>, label: string) {
      const host = cut.clone();
      editByHand(host, unfinished(host));
      const result = await action.run(host, people);
      assert.ok(result.ok, `${label}: ${JSON.stringify(result).slice(0, 400)}`);
      const where = places(host);
      for (const id of everyone) assert.ok(where.has(id), `${label}: ${id} lost`);
      const problems = await problemsOf(host, people);
      const named = new Set(problems.filter((p) => p.rule === "journal.unfinished").map((p) => p.value));
      // A row someone edited is never acted on: it stays, and Validate names it.
      const disagreeing = new Set(problems.filter((p) => p.rule.startsWith("journal.")).map((p) => p.value));
      for (const [id, sheets] of where)
        if (sheets.length > 1)
          assert.ok(disagreeing.has(id), `${label}: ${id} on ${sheets.join(", ")} and Validate is silent`);
      assert.deepEqual(
        [...named].sort(),
        [...unfinished(host)].sort(),
        `${label}: Validate names what is unfinished`,
      );
      assert.deepEqual(unloggedStamps(host), [], `${label}: a stamp without its log entry`);
      assert.deepEqual(
        problems.filter((p) => p.rule.startsWith("log.")).map((p) => p.address),
        [],
        `${label}: chain`,
      );
    }
  });
