/**
 * Issue 14: two people running any two of the pane's writing actions at the same moment in
 * one shared workbook. Every ordered pair of writing actions — the journal's (integrity/
 * world.ts) and the rest (./actions.ts) — the first held back before one of its syncs
 * while the second runs whole, then a propagation delay. Afterwards, as the service holds
 * the workbook: each action that reports success did all it promises, once, in its own
 * rows; one that did not was told the register was busy (and wrote nothing: what the other
 * promises still holds, nothing is counted twice); at least one goes ahead; every customer
 * in one place, every intent closed, the chain whole.
 *
 * Hold points: the first sync (before the first action claims anything), the middle of its
 * run (its claim settling), the sync that writes its plan (read under its claim, not yet
 * written: where a claim that failed to keep the other out shows) and its last sync (its
 * release); delays 0 and 499 ms (under half the settle time: a longer delay is the third
 * layer's business, test/excel/log-overwritten.test.ts). `npm test` gives each pair one
 * of these four hold points and one delay, turned over the pairs so that every action,
 * first or second, meets all eight; CO_AUTHORING_FULL=1 (npm run test:co-authoring) holds
 * every pair before every one of its syncs, at both delays.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { assertSettled } from "../integrity/invariants";
import { actions, staffOf, world, type Action, type People } from "../integrity/world";
import { moreActions, prepare, tallies } from "./actions";
import { interleaved, shapeOf, type Act } from "./support";

const FULL = process.env.CO_AUTHORING_FULL === "1";
const DELAYS = [0, 499];
const all: Action[] = [...actions, ...moreActions];

interface Shape {
  syncs: number;
  /** The syncs that write, alone: the claim, the plan's writes, the release. */
  writing: number[];
}

/** The hold points of an action: its first sync, its middle, the first write after its claim, its last. */
const holdsOf = ({ syncs, writing }: Shape) => [
  1,
  Math.ceil(syncs / 2),
  writing.length > 2 ? writing[1]! : Math.ceil(syncs / 2),
  syncs,
];

/** Where the pair (i, j) is held: all eight in the full run, else one, turned over the pairs. */
function pointsOf(i: number, j: number, shape: Shape): [hold: number, delay: number][] {
  if (FULL)
    return Array.from({ length: shape.syncs }, (_, k) => k + 1).flatMap((k) =>
      DELAYS.map((d): [number, number] => [k, d]),
    );
  const holds = holdsOf(shape);
  const turn = (i * all.length + j) % (holds.length * DELAYS.length);
  return [[holds[turn % holds.length]!, DELAYS[Math.floor(turn / holds.length)]!]];
}

/** Rows that keep their identity keep their content: nothing written into someone else's row. */
const identities: [sheet: string, key: string, kept: string[]][] = [
  ["客户原簿", "客户编号", ["企业名称", "统一社会信用代码"]],
  ["交易中止", "客户编号", ["企业名称", "统一社会信用代码"]],
  ["交易过去", "客户编号", ["企业名称", "统一社会信用代码"]],
  ["交易开始调查书", "申请编号", ["企业名称", "统一社会信用代码"]],
  ["使用登记簿", "借阅编号", ["借阅人", "用途"]],
  ["联系记录", "记录编号", ["客户编号", "内容摘要"]],
];

function assertRowsInPlace(service: MemoryExcelHost, base: MemoryExcelHost, label: string) {
  const byKey = (host: MemoryExcelHost, sheet: string, key: string, kept: string[]) => {
    const [head = [], ...rows] = host.sheet(sheet).values;
    return rows.map(
      (r) => [String(r[head.indexOf(key)]), kept.map((h) => String(r[head.indexOf(h)]))] as const,
    );
  };
  const isPlace = (key: string) => key === "客户编号";
  // A customer keeps its name and code wherever it moved to; a request, loan or contact its own.
  const customers = new Map(
    identities
      .filter(([, key]) => isPlace(key))
      .flatMap(([sheet, key, kept]) => byKey(base, sheet, key, kept)),
  );
  for (const [sheet, key, kept] of identities) {
    const was = isPlace(key) ? customers : new Map(byKey(base, sheet, key, kept));
    const now = byKey(service, sheet, key, kept);
    const keys = now.map(([k]) => k).filter(Boolean);
    assert.equal(new Set(keys).size, keys.length, `${label}: a ${key} twice on ${sheet}`);
    for (const [k, values] of now) {
      const before = was.get(k);
      // A destruction erases what its request said: blank, not someone else's.
      const erased = values.every((v) => v === "");
      if (before && !erased)
        assert.deepEqual(values, before, `${label}: ${sheet} ${k}'s row holds someone else's`);
    }
  }
}

describe("every pair of the pane's writing actions at once in one shared workbook (issue 14)", function () {
  this.timeout(FULL ? 3_600_000 : 600_000);
  let people: People;
  let base: MemoryExcelHost;
  const shapes = new Map<string, Shape>();
  /** The action in a co-author's pane (the host it is given is only its default). */
  const act =
    (a: Action): Act =>
    (env) =>
      a.run(base, people, env) as ReturnType<Act>;

  before(async () => {
    people = await staffOf();
    base = await world(people);
    await prepare(base, people);
    for (const action of all) shapes.set(action.name, await shapeOf(base, act(action)));
  });

  it(`${all.length} writing actions, each alone from the same workbook, keeps its promises`, async () => {
    assert.equal(new Set(all.map((a) => a.name)).size, all.length, "one name each");
    for (const action of all) {
      const { writing } = shapes.get(action.name)!;
      assert.ok(writing.length >= 3, `${action.name} claims, writes, releases: writes at syncs ${writing}`);
      const host = base.clone();
      const result = (await action.run(host, people)) as Awaited<ReturnType<Act>>;
      assert.ok(result.ok && result.problems.length === 0, `${action.name}: ${JSON.stringify(result)}`);
      action.expect(host, base);
      const tally = tallies[action.name];
      if (tally) assert.equal(tally(host) - tally(base), 1, `${action.name} adds one`);
      assertRowsInPlace(host, base, action.name);
      await assertSettled(host, people, action.name);
    }
  });

  all.forEach((first, i) =>
    it(`${first.name} held back while each action runs whole: each done whole or told to try again`, async () => {
      const failures: string[] = [];
      const shape = shapes.get(first.name)!;
      const n = shape.syncs;
      for (const [j, second] of all.entries())
        for (const [k, delay] of pointsOf(i, j, shape)) {
          const label = `${first.name} held at sync ${k}/${n}, ${second.name} meanwhile, delay ${delay}`;
          try {
            const { resultA, resultB, service } = await interleaved(base, delay, k, act(first), act(second));
            const done = [
              [first, resultA],
              [second, resultB],
            ] as const;
            for (const [action, result] of done)
              if (!result.ok)
                assert.equal(
                  result.failure.code,
                  "RegisterBusy",
                  `${label}: ${action.name} ${JSON.stringify(result)}`,
                );
              else
                try {
                  action.expect(service, base);
                } catch (error) {
                  throw new Error(`${label}: ${action.name} reported done: ${(error as Error).message}`);
                }
            assert.ok(resultA.ok || resultB.ok, `${label}: one of them goes ahead`);
            for (const name of new Set([first.name, second.name])) {
              const tally = tallies[name];
              if (!tally) continue;
              const went = done.filter(([a, r]) => a.name === name && r.ok && r.problems.length === 0).length;
              assert.equal(tally(service) - tally(base), went, `${label}: ${name} added, for ${went} done`);
            }
            assertRowsInPlace(service, base, label);
            await assertSettled(service, people, label);
          } catch (error) {
            failures.push((error as Error).message.split("\n")[0]!);
          }
        }
      assert.deepEqual(failures, [], failures.join("\n"));
    }),
  );
});
