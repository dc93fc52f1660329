/**
 * Recovery in the pure core, in milliseconds: every life-cycle plan applied only up to each
 * of its writes (a cut), then a plan that does nothing of its own finishes it — or the same
 * plan again does. Checked straight off the sheets: each customer in one place, nothing
 * unfinished in the log, the action's effect there once.
 */
import assert from "node:assert/strict";
import { bookContext } from "../../../src/domain/book-context";
import { intend, runOnJournal } from "../../../src/domain/journal/run";
import { planPosting } from "../../../src/domain/posting";
import { planTermination } from "../../../src/domain/termination";
import { planDestruction } from "../../../src/domain/destruction";
import { planInvalidApproval } from "../../../src/domain/lists/invalid-approval";
import { planHandOver } from "../../../src/domain/hand-over";
import { planStamping } from "../../../src/domain/stamping";
import { planCorrection } from "../../../src/domain/correction";
import { planReviewConfirmation } from "../../../src/domain/review";
import { planMarkInvalid } from "../../../src/domain/invalid";
import { readJournal } from "../../../src/domain/journal/journal";
import type { Snapshot, Write } from "../../../src/domain/workbook";
import { apply } from "../support/apply";
import { leaver, now, snapshotOf, staffOf, stamper, world, type People } from "../../excel/integrity/world";

const ids = (s: Snapshot, sheet: string) =>
  (s.sheets[sheet]?.values ?? [])
    .slice(1)
    .map((r) => String(r[0] ?? ""))
    .filter(Boolean);

function placesOf(s: Snapshot): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const sheet of ["客户原簿", "交易中止", "交易过去", "销毁记录"])
    for (const id of ids(s, sheet)) where.set(id, [...(where.get(id) ?? []), sheet]);
  return where;
}

type Plan = (s: Snapshot) => Promise<{ writes: Write[]; problems: unknown[] }>;

describe("recovery in the core: each plan cut after each write, finished by the next plan", function () {
  this.timeout(120_000);
  let people: People;
  let base: Snapshot;
  before(async () => {
    people = await staffOf();
    base = snapshotOf(await world(people));
  });
  const ctx = async (s: Snapshot) => bookContext(s, people.admin.fp);
  const lang = "zh" as const;

  const plans: [string, Plan, (s: Snapshot) => void][] = [
    [
      "post",
      async (s) => {
        const { settings, trust } = await ctx(s);
        return planPosting(s, settings, trust, ["R000003"], { name: "陈会计" }, now, lang);
      },
      (s) => assert.equal(ids(s, "客户原簿").filter((id) => id === "C000015").length, 1),
    ],
    [
      "terminate",
      async (s) => {
        const { settings, trust } = await ctx(s);
        return planTermination(
          s,
          settings,
          trust,
          ["C000007", "C000013"],
          "past",
          "关系解除",
          stamper(people.head),
          now,
          lang,
        );
      },
      (s) =>
        assert.deepEqual(
          ids(s, "交易过去")
            .filter((id) => ["C000007", "C000013"].includes(id))
            .sort(),
          ["C000007", "C000013"],
        ),
    ],
    [
      "reinstate",
      async (s) => {
        const { settings, trust } = await ctx(s);
        return planPosting(s, settings, trust, ["R000004"], { name: "陈会计" }, now, lang);
      },
      (s) => assert.deepEqual(placesOf(s).get("C000003"), ["客户原簿"]),
    ],
    [
      "destroy",
      async (s) => {
        const { settings, trust } = await ctx(s);
        return planDestruction(
          s,
          trust,
          ["C000004", "C000014"],
          "无法恢复",
          stamper(people.manager),
          now,
          lang,
          settings,
        );
      },
      (s) => {
        assert.deepEqual(placesOf(s).get("C000004"), ["销毁记录"]);
        assert.deepEqual(placesOf(s).get("C000014"), ["销毁记录"]);
      },
    ],
    [
      "invalid-list stamp",
      async (s) => {
        const { settings, trust } = await ctx(s);
        return planInvalidApproval(s, settings, trust, "2026-11", stamper(people.head), now, lang);
      },
      (s) => assert.deepEqual(placesOf(s).get("C000005"), ["交易过去"]),
    ],
    [
      "hand-over",
      async (s) => {
        const { settings, trust } = await ctx(s);
        return planHandOver(s, settings, trust, leaver, "周新", "调离", "陈会计", now, lang);
      },
      (s) => {
        const [head, ...rows] = s.sheets["客户原簿"]!.values;
        assert.ok(!rows.some((r) => r[head!.indexOf("负责人")] === leaver));
      },
    ],
    [
      "stamp",
      async (s) => {
        const { settings, trust } = await ctx(s);
        return planStamping(s, settings, trust, ["R000005"], stamper(people.head), "approve", "", now, lang);
      },
      (s) => {
        const [head, ...rows] = s.sheets["交易开始调查书"]!.values;
        assert.match(String(rows.find((r) => r[0] === "R000005")![head!.indexOf("盖章")]), /王主管/);
      },
    ],
    [
      "correct",
      async (s) => {
        const { settings, trust } = await ctx(s);
        return planCorrection(
          s,
          settings,
          trust,
          "C000008",
          { phone: "010-62999999" },
          "来函",
          "陈会计",
          now,
          lang,
        );
      },
      (s) => {
        const [head, ...rows] = s.sheets["客户原簿"]!.values;
        assert.equal(rows.find((r) => r[0] === "C000008")![head!.indexOf("电话")], "010-62999999");
      },
    ],
    [
      "review",
      async (s) => {
        const { settings, trust } = await ctx(s);
        return planReviewConfirmation(s, settings, trust, ["C000009"], "陈会计", now, lang);
      },
      (s) => {
        const [head, ...rows] = s.sheets["客户原簿"]!.values;
        assert.equal(rows.find((r) => r[0] === "C000009")![head!.indexOf("复核人")], "陈会计");
      },
    ],
    [
      "mark invalid",
      async (s) => {
        const { settings, trust } = await ctx(s);
        return planMarkInvalid(s, settings, trust, ["C000010"], "noResponse", "", "陈会计", now, lang);
      },
      (s) => {
        const [head, ...rows] = s.sheets["客户原簿"]!.values;
        assert.equal(rows.find((r) => r[0] === "C000010")![head!.indexOf("状态")], "无效待删");
      },
    ],
  ];

  /** A run that does nothing of its own: it only finishes what the journal left unfinished. */
  const finishOnly: Plan = async (s) => {
    const { settings, trust } = await ctx(s);
    return runOnJournal({ snapshot: s, settings, trust, person: "陈会计", now, lang }, async () => ({
      problems: [],
    }));
  };

  function settled(s: Snapshot, label: string) {
    for (const [id, sheets] of placesOf(s))
      assert.equal(sheets.length, 1, `${label}: ${id} on ${sheets.join(", ")}`);
    const journal = readJournal(s);
    assert.deepEqual(
      journal.unfinished.map((op) => op.id),
      [],
      `${label}: unfinished`,
    );
    assert.deepEqual(journal.conflicts, [], `${label}: conflicts`);
  }

  for (const [name, plan, expect] of plans) {
    it(`${name}: cut after each write, then a plan of nothing, or the same plan again`, async () => {
      const whole = await plan(base);
      assert.deepEqual(whole.problems, [], name);
      assert.ok(whole.writes.length > 1);
      const done = apply(base, whole.writes);
      settled(done, `${name} whole`);
      expect(done);
      const everyone = [...placesOf(base).keys()];
      for (let cut = 0; cut < whole.writes.length; cut++) {
        const label = `${name} cut after ${cut} of ${whole.writes.length} writes`;
        const partial = apply(base, whole.writes.slice(0, cut));
        for (const id of everyone) assert.ok(placesOf(partial).has(id), `${label}: ${id} lost`);
        const finished = apply(partial, (await finishOnly(partial)).writes);
        settled(finished, `${label}, finished by another run`);
        const again = await plan(finished);
        const after = apply(finished, again.writes);
        settled(after, `${label}, then asked again`);
        expect(after);
        const retried = apply(partial, (await plan(partial)).writes);
        settled(retried, `${label}, retried`);
        expect(retried);
      }
    });
  }

  it("closes another's cut-off op with a done of its own, saying it finished it; its own op with a plain done", async () => {
    const { settings, trust } = await ctx(base);
    const plan = await planTermination(
      base,
      settings,
      trust,
      ["C000007"],
      "past",
      "关系解除",
      stamper(people.head),
      now,
      lang,
    );
    const cut = apply(base, plan.writes.slice(0, 1));
    const op = readJournal(cut).unfinished[0]!.id;
    const later = { date: "2026-11-25", time: "09:00" };
    const fixed = await runOnJournal(
      { snapshot: cut, settings, trust, person: "李出纳", now: later, lang },
      async () => ({ problems: [] }),
    );
    assert.deepEqual(fixed.finished, ["C000007"]);
    const done = readJournal(apply(cut, fixed.writes)).rows.at(-1)!;
    assert.deepEqual(
      [done.action, done.op, done.person, done.reason, done.time],
      ["done", op, "李出纳", "finished", "2026-11-25T09:00"],
    );
    const own = readJournal(apply(base, plan.writes)).rows.at(-1)!;
    assert.deepEqual([own.action, own.op, own.reason], ["done", readJournal(cut).unfinished[0]!.id, ""]);
  });

  it("leaves an intent it could not carry out open, for Validate to name and the next run to try", async () => {
    const { settings, trust } = await ctx(base);
    const result = await runOnJournal(
      { snapshot: base, settings, trust, person: "陈会计", now, lang },
      async (run) => ({
        problems: await intend(run, [
          {
            action: "correct",
            customerId: "C000404",
            field: "phone",
            oldValue: "1",
            newValue: "2",
            reason: "",
          },
        ]),
      }),
    );
    assert.deepEqual(
      result.problems.map((p) => [p.rule, p.value, p.detail?.why]),
      [["journal.cannotFinish", "C000404", "missing"]],
    );
    const journal = readJournal(apply(base, result.writes));
    assert.deepEqual(
      journal.unfinished.map((op) => op.intents.map((i) => i.customerId)),
      [["C000404"]],
    );
  });

  it("refuses to touch a customer whose cut-off intent cannot be finished, and says why", async () => {
    const { settings, trust } = await ctx(base);
    const plan = await planTermination(
      base,
      settings,
      trust,
      ["C000007"],
      "past",
      "关系解除",
      stamper(people.head),
      now,
      lang,
    );
    const cut = structuredClone(apply(base, plan.writes.slice(0, 1)));
    // Someone retypes the customer's name before anyone finishes the move: the stamp no longer holds.
    const grid = cut.sheets["客户原簿"]!.values;
    grid[grid.findIndex((r) => r[0] === "C000007")]![grid[0]!.indexOf("企业名称")] = "改过的名字";
    const again = await planCorrection(
      cut,
      settings,
      trust,
      "C000007",
      { phone: "010-62999999" },
      "来函",
      "陈会计",
      now,
      lang,
    );
    assert.deepEqual(
      again.problems.map((p) => [p.rule, p.value, p.detail?.why]),
      [["journal.cannotFinish", "C000007", "approval"]],
    );
    const after = apply(cut, again.writes);
    assert.deepEqual(placesOf(after).get("C000007"), ["客户原簿"], "the edited row stays where it is");
    assert.equal(readJournal(after).unfinished.length, 1, "and the move stays open");
  });

  it("a finished run leaves nothing to do: the next run writes nothing at all", async () => {
    assert.deepEqual((await finishOnly(base)).writes, []);
  });
});
