/**
 * Issue 14: two people running writing actions at the same moment in one shared workbook,
 * through the co-authoring host. The first action is held back before each of its syncs in
 * turn while the second runs from start to end, with a short and a long propagation delay;
 * afterwards, as the service holds the workbook: no request or customer lost or doubled,
 * every act logged once, the chain whole, and whoever did not get to write was told so in
 * words, with nothing of theirs written.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { CoAuthoring } from "../../src/host/co-authoring";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import type { ExcelEnv } from "../../src/excel/env";
import { fileRequest } from "../../src/excel/actions/workflow";
import { postRequests } from "../../src/excel/actions/post-requests";
import { printCard } from "../../src/excel/actions/card";
import { envOf } from "./fixtures";
import { assertSettled } from "./integrity/invariants";
import { actions, entryFor, now, staffOf, world, type People } from "./integrity/world";
import { SETTLE, Timeline, paneOf, syncsOf, interleaved, type Act } from "./co-authoring/support";

/** Random three-person runs in `npm test`; more with CO_AUTHORING_RUNS=… */
const RUNS = Number(process.env.CO_AUTHORING_RUNS ?? 40);

/** The intake requests: number and company name, in sheet order. */
const requestsOf = (host: MemoryExcelHost) => {
  const [head, ...rows] = host.sheet("交易开始调查书").values;
  const at = (h: string) => head!.indexOf(h);
  return rows.map((r) => [String(r[at("申请编号")]), String(r[at("企业名称")])]);
};

describe("two people writing at once in one shared workbook (issue 14)", function () {
  this.timeout(300_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });

  const file =
    (i: number): Act =>
    (env) =>
      fileRequest(env, entryFor(i), "陈会计", now);
  const post =
    (which: string[] | "all"): Act =>
    (env) =>
      postRequests(env, { name: "陈会计" }, people.admin.fp, which, now);

  /** Whoever did not write was told so in words, by the lease; whoever did, did it whole. */
  const outcome = (r: Awaited<ReturnType<Act>>) => {
    if (r.ok) {
      assert.deepEqual(r.problems, []);
      return "done";
    }
    assert.equal(r.failure.code, "RegisterBusy", JSON.stringify(r));
    assert.match(r.failure.message, /正在写入客户名簿,您的操作未写入任何内容。请稍后再试。/);
    return "busy";
  };

  for (const delay of [0, 300]) {
    it(`two clerks filing at once (delay ${delay} ms): each request once, under its own number, or the clerk told to try again`, async () => {
      const syncs = await syncsOf(base, file(104));
      const before = requestsOf(base);
      for (let k = 1; k <= syncs + 1; k++) {
        const { resultA, resultB, service } = await interleaved(base, delay, k, file(104), file(105));
        const label = `k=${k}`;
        await assertSettled(service, people, label);
        const filed = requestsOf(service).slice(before.length);
        const names = filed.map(([, name]) => name);
        const expected = [resultA, resultB]
          .map((r, i) => (outcome(r) === "done" ? entryFor(104 + i).name : undefined))
          .filter(Boolean);
        assert.deepEqual(
          [...names].sort(),
          [...expected].sort(),
          `${label}: the requests filed are those reported done`,
        );
        assert.ok(expected.length >= 1, `${label}: at least one of them files`);
        const numbers = filed.map(([no]) => no);
        assert.equal(new Set(numbers).size, numbers.length, `${label}: one number each`);
      }
    });

    it(`two clerks posting at once (delay ${delay} ms): the approved request becomes one customer with one ID`, async () => {
      const syncs = await syncsOf(base, post(["R000003"]));
      for (let k = 1; k <= syncs + 1; k++) {
        const { resultA, resultB, service } = await interleaved(
          base,
          delay,
          k,
          post(["R000003"]),
          post("all"),
        );
        const label = `k=${k}`;
        outcome(resultA);
        outcome(resultB);
        await assertSettled(service, people, label);
        const register = service.sheet("客户原簿").values.slice(1);
        const posted = register.filter((r) => r.includes("R000003"));
        assert.equal(posted.length, 1, `${label}: R000003 posted once`);
        const ids = register.map((r) => String(r[0]));
        assert.equal(new Set(ids).size, ids.length, `${label}: no ID twice`);
      }
    });
  }

  /**
   * Three people at random: each runs one of the writing actions (or files a request) at
   * the same moment, their syncs interleaved at random (each sync held back for a random
   * number of turns of the event loop), with a random propagation delay below half the
   * settle time. Whatever happens, the workbook settles, and each action either did all it
   * promises or its person was told the register was busy.
   */
  it(`three people at random: ${RUNS} runs, each settled, each action whole or told to try again`, async () => {
    const seed = process.env.CO_AUTHORING_SEED ? Number(process.env.CO_AUTHORING_SEED) : Date.now() % 2 ** 31;
    const choices = [...actions.map((a) => a.name), "file"];
    const person = fc.record({
      action: fc.constantFrom(...choices),
      waits: fc.array(fc.nat({ max: 3 }), { minLength: 40, maxLength: 40 }),
    });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(person, person, person),
          fc.integer({ min: 0, max: SETTLE / 2 - 1 }),
          async (three, delay) => {
            const session = new CoAuthoring(base, { delay });
            const timeline = new Timeline(session);
            const runs = three.map(({ action, waits }, i) => {
              const host = session.author(`同事${i + 1}`);
              host.gate = async (n) => {
                for (let t = 0; t < (waits[n % waits.length] ?? 0); t++)
                  await new Promise((r) => setImmediate(r));
              };
              const env = paneOf(timeline, host);
              const chosen = actions.find((a) => a.name === action);
              return {
                action,
                chosen,
                result: timeline.run(() =>
                  chosen
                    ? (chosen.run(base, people, env) as ReturnType<Act>)
                    : fileRequest(env, entryFor(200 + i), "陈会计", now),
                ),
              };
            });
            const results = await Promise.all(runs.map((r) => r.result));
            session.advance(SETTLE + delay);
            const service = session.service();
            const label = `${three.map((p) => p.action).join(" / ")}, delay ${delay}`;
            results.forEach((result, i) => {
              if (!result.ok)
                assert.equal(result.failure.code, "RegisterBusy", `${label}: ${JSON.stringify(result)}`);
              else runs[i]!.chosen?.expect(service, base);
            });
            assert.ok(
              results.some((r) => r.ok),
              `${label}: somebody goes ahead`,
            );
            await assertSettled(service, people, label);
          },
        ),
        { numRuns: RUNS, seed, endOnFailure: true },
      );
    } catch (error) {
      console.error(`Replay with CO_AUTHORING_SEED=${seed} (fast-check prints the path above)`);
      throw error;
    }
  });

  it("set-up meets the lease like any writing action: refused while someone else writes, at once in a workbook with no Settings yet", async () => {
    const session = new CoAuthoring(base);
    const host = session.author("王");
    const row = host.sheet("设置").values.findIndex((r) => r[4] === "写入租约") + 1;
    host.seedSheet("设置", [[`t0k3n ${new Date(session.now + 60_000).toISOString()} 李会计`]], {
      at: `F${row}`,
      raw: true,
    });
    const refused = await setUpWorkbook(paneOf(new Timeline(session), host));
    assert.ok(!refused.ok && refused.failure.code === "RegisterBusy", JSON.stringify(refused));
    assert.match(refused.failure.message, /^李会计 正在写入客户名簿/);
    const fresh = new CoAuthoring(new MemoryExcelHost());
    const done = await setUpWorkbook(paneOf(new Timeline(fresh), fresh.author("王")));
    assert.ok(done.ok && done.created.length > 0, JSON.stringify(done));
  });

  /**
   * A claim verified, then overwritten before the action reads what it will write (another
   * pane's read of a free register was stale): the action writes nothing and says who holds
   * the register. `overwriteAt` is the env.run at which the other claim arrives.
   */
  const overwrittenAfterVerifying = async (
    act: (env: ExcelEnv) => Promise<{ ok: boolean }>,
    overwriteAt: number,
  ) => {
    const host = base.clone();
    const row = host.sheet("设置").values.findIndex((r) => r[4] === "写入租约") + 1;
    const others = () =>
      JSON.stringify(
        host
          .sheetNames()
          .filter((n) => n !== "设置")
          .map((n) => host.sheet(n).values),
      );
    const before = others();
    let runs = 0;
    const env: ExcelEnv = {
      ...envOf(host),
      run: (batch) => {
        if (++runs === overwriteAt)
          host.seedSheet("设置", [[`0th3r ${new Date(Date.now() + 60_000).toISOString()} 李会计`]], {
            at: `F${row}`,
            raw: true,
          });
        return host.run(batch);
      },
      lease: {
        settleMs: 0,
        holdMs: 60_000,
        now: () => Date.now(),
        sleep: async () => {},
        token: () => randomUUID(),
      },
    };
    const result = (await act(env)) as Awaited<ReturnType<Act>>;
    assert.ok(!result.ok && result.failure.code === "RegisterBusy", JSON.stringify(result));
    assert.match(result.failure.message, /^李会计 正在写入客户名簿/);
    assert.equal(others(), before, "nothing written");
    assert.match(
      String(host.sheet("设置").values[row - 1]![5]),
      /^0th3r /,
      "the other's claim left as it is",
    );
  };

  it("a claim overwritten after it was verified stops the action before it writes: filing, and printing a card", async () => {
    // Filing: its plan without writing, the claim, the check, then (4th) the batch that writes.
    await overwrittenAfterVerifying((env) => fileRequest(env, entryFor(104), "陈会计", now), 4);
    // A card: the claim, the check, then (3rd) the batch that reads the card and writes it.
    await overwrittenAfterVerifying((env) => printCard(env, "C000008", "陈会计", people.admin.fp, now), 3);
  });
});
