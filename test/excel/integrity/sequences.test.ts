/**
 * Random sequences of real actions through the in-memory host, some cut at a random
 * operation of a random sync, checked after every step: nobody lost, anyone in two places
 * has a logged unfinished intent that Validate names, every stamp logged, the chain
 * intact — and after every step that ran uncut, everything settled. The seed is printed on
 * failure: replay it with INTEGRITY_SEED=<seed> (and INTEGRITY_PATH=<path>).
 * `npm test` runs a few dozen sequences; `npm run test:property` runs many more.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { postRequests } from "../../../src/excel/actions/post-requests";
import {
  destroyRecords,
  handOver,
  markInvalid,
  requestReinstatement,
  terminateCustomers,
} from "../../../src/excel/actions/lifecycle";
import { correctCustomer, fileRequest, stampRequests } from "../../../src/excel/actions/workflow";
import { approveInvalidList } from "../../../src/excel/actions/lists";
import { envOf } from "../fixtures";
import { entryFor, now, staffOf, stamper, world, type People } from "./world";
import { assertCutIsSafe, assertSettled, places } from "./invariants";
import { CHECKPOINT, checkpointEvery, setCheckpointEvery } from "../../../src/domain/journal/checkpoints";
import { highestGuess, keyedBlock, setHighestGuess, setKeyedBlock } from "../../../src/domain/partial-read";

const RUNS = Number(process.env.INTEGRITY_RUNS ?? 24);

interface Step {
  kind: string;
  pick: number;
  cut: { k: number; n: number } | null;
}

type Run = (host: MemoryExcelHost, people: People, pick: number, serial: number) => Promise<{ ok: boolean }>;

/** IDs standing on a sheet, in row order. */
const on = (host: MemoryExcelHost, sheet: string) =>
  host
    .sheet(sheet)
    .values.slice(1)
    .map((r) => String(r[0]))
    .filter(Boolean);
const choose = <T>(items: T[], pick: number, count = 1): T[] =>
  items.length
    ? Array.from({ length: Math.min(count, items.length) }, (_, i) => items[(pick + i * 7) % items.length]!)
    : [];

const steps: Record<string, Run> = {
  file: (host, _p, pick, serial) =>
    fileRequest(envOf(host), entryFor(200 + serial, pick % 2 ? "A" : "B"), "王建国", now),
  stamp: async (host, people, pick) => {
    const open = on(host, "交易开始调查书");
    const by = pick % 3 === 0 ? people.chairman : people.head;
    return stampRequests(
      envOf(host),
      people.admin.fp,
      choose(open, pick, 2),
      stamper(by),
      "approve",
      "",
      now,
    );
  },
  post: (host, people) => postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, "all", now),
  terminate: (host, people, pick) =>
    terminateCustomers(
      envOf(host),
      people.admin.fp,
      choose(on(host, "客户原簿"), pick, 1 + (pick % 3)),
      pick % 2 ? "past" : "suspended",
      "关系解除",
      stamper(people.head),
      now,
    ),
  reinstate: async (host, _p, pick) =>
    requestReinstatement(envOf(host), choose(on(host, "交易中止"), pick), "陈会计", now),
  destroy: (host, people, pick) =>
    destroyRecords(
      envOf(host),
      people.admin.fp,
      choose([...on(host, "交易过去"), ...on(host, "交易中止")], pick, 1 + (pick % 2)),
      "无法恢复",
      stamper(people.manager),
      now,
    ),
  invalid: (host, _p, pick) =>
    markInvalid(envOf(host), choose(on(host, "客户原簿"), pick, 2), "returnedMail", "", "陈会计", now),
  invalidList: (host, people) =>
    approveInvalidList(envOf(host), people.admin.fp, "2026-11", stamper(people.head), now),
  handOver: (host, _p, pick) => {
    const [head, ...rows] = host.sheet("客户原簿").values;
    const who = rows.map((r) => String(r[head!.indexOf("负责人")])).filter(Boolean);
    return handOver(envOf(host), choose(who, pick)[0] ?? "无人", `接手人${pick % 5}`, "调离", "陈会计", now);
  },
  correct: (host, _p, pick) =>
    correctCustomer(
      envOf(host),
      choose(on(host, "客户原簿"), pick)[0] ?? "C000001",
      { phone: `010-62${String(100000 + (pick % 899999)).slice(0, 6)}` },
      "客户来函",
      "陈会计",
      now,
    ),
};

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom(...Object.keys(steps)),
  pick: fc.nat({ max: 1000 }),
  cut: fc.option(fc.record({ k: fc.integer({ min: 1, max: 6 }), n: fc.nat({ max: 40 }) }), { freq: 2 }),
});

describe("random sequences of actions with random cuts keep every promise (fast-check)", function () {
  this.timeout(900_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });

  // With checkpoints every few rows (domain/journal/checkpoints.ts), every action writes
  // them, cut or not, and Validate must find each one true of the rows above it.
  for (const [runs, spacing] of [
    [RUNS, undefined],
    [Math.ceil(RUNS / 2), 4],
  ] as const)
    it(`holds over ${runs} random sequences of up to 10 actions${spacing ? `, with a checkpoint every ${spacing} log rows and IDs counted over 3 rows, the highest guessed from 2` : ""}`, async () => {
      const before = checkpointEvery();
      const block = keyedBlock();
      const guess = highestGuess();
      if (spacing) {
        setCheckpointEvery(spacing);
        // Rows found by Excel one by one, as in a large sheet (partial-read.ts `keyedBlock`),
        // and the highest ID guessed from a column's last 2 rows (`highestGuess`).
        setKeyedBlock(3);
        setHighestGuess(2);
      }
      try {
        await sequencesHold(runs);
      } finally {
        setCheckpointEvery(before);
        setKeyedBlock(block);
        setHighestGuess(guess);
      }
    });

  async function sequencesHold(runs: number) {
    const baseRows = base.sheet("变更记录").values.length;
    const seed = process.env.INTEGRITY_SEED ? Number(process.env.INTEGRITY_SEED) : Date.now() % 2 ** 31;
    const path = process.env.INTEGRITY_PATH;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 10 }), async (sequence) => {
          const host = base.clone();
          let serial = 0;
          for (const [i, step] of sequence.entries()) {
            const everyone = new Set(places(host).keys());
            if (step.cut) host.failAtSync(step.cut.k, { operations: step.cut.n });
            const result = await steps[step.kind]!(host, people, step.pick, serial++);
            const label = `step ${i + 1} ${step.kind}${step.cut ? ` cut ${step.cut.k}/${step.cut.n}` : ""}`;
            // The planned cut may fall after the action's last sync: then it ran whole.
            const failed = !result.ok;
            host.resetCounters();
            if (failed) await assertCutIsSafe(host, people, everyone, label);
            else await assertSettled(host, people, label);
          }
          // One more uncut action finishes anything the last cut left.
          assert.ok((await steps.post!(host, people, 0, serial)).ok);
          await assertSettled(host, people, "after the closing post");
          if (checkpointEvery() < 1000) {
            // Every place the steps' rows reached holds a checkpoint: each step's writer read
            // what it claims (Validate, in assertSettled, has checked the claims).
            const log = host.sheet("变更记录").values;
            const action = log[0]!.indexOf("操作");
            for (let r = baseRows; r < log.length; r++)
              if (r % checkpointEvery() === 0)
                assert.equal(log[r]![action], CHECKPOINT, `row ${r + 1} is a checkpoint's place`);
          }
        }),
        { numRuns: runs, seed, ...(path ? { path } : {}), endOnFailure: true },
      );
    } catch (error) {
      console.error(`Replay with INTEGRITY_SEED=${seed} (fast-check prints the path above)`);
      throw error;
    }
  }
});
