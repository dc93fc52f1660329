/**
 * A reason typed with a blank at the end or a line break in it (a termination, a
 * destruction, a rejection) goes into the approver's stamp as the stamp line reads back:
 * one line, single blanks. Before, the stamp never verified, the logged intent could not
 * be finished, and the customer was stuck — every later action on it refused.
 */
import assert from "node:assert/strict";
import { planDestruction } from "../../src/domain/destruction";
import { readJournal } from "../../src/domain/journal/journal";
import { archivePast, destructionLog, intake, register } from "../../src/domain/schema/sheets";
import { defaultSettings } from "../../src/domain/settings";
import { planStamping } from "../../src/domain/stamping";
import { countersign, type StaffTrust } from "../../src/domain/stamps/staff";
import { planTermination } from "../../src/domain/termination";
import { verifyWorkbook } from "../../src/domain/verification";
import type { Snapshot } from "../../src/domain/workbook";
import { apply } from "./support/apply";
import { idsOn, movesBook, now, recordsOf, stamper, staffWithManager, trustOf } from "./support/moves-book";
import { stampedRequest } from "./support/people";

describe("reasons typed with stray blanks (found by mutation testing)", function () {
  this.timeout(60_000);
  let people: Awaited<ReturnType<typeof staffWithManager>>;
  let trust: StaffTrust;
  let base: Snapshot;
  before(async () => {
    people = await staffWithManager();
    trust = await trustOf(people.entries, people.admin);
    base = await movesBook("zh", ["业务一部", "业务一部"]);
  });
  const problemsOf = async (s: Snapshot) => verifyWorkbook(s, defaultSettings, trust, readJournal(s));

  for (const reason of ["关系解除 ", " 关系\n解除", "关系  解除\t"])
    it(`a termination with the reason ${JSON.stringify(reason)} moves the customer, and its stamp verifies`, async () => {
      const plan = await planTermination(
        base,
        defaultSettings,
        trust,
        ["C000001"],
        "past",
        reason,
        stamper(people.head),
        now,
        "zh",
      );
      assert.deepEqual(plan.problems, []);
      assert.deepEqual(plan.moved, ["C000001"]);
      const after = apply(base, plan.writes);
      assert.deepEqual(idsOn(after, register), ["C000002"]);
      assert.deepEqual(idsOn(after, archivePast), ["C000001"]);
      assert.deepEqual(await problemsOf(after), []);
      // And the customer is not stuck: the next termination of the other one goes through.
      const next = await planTermination(
        after,
        defaultSettings,
        trust,
        ["C000002"],
        "past",
        "关系解除",
        stamper(people.head),
        now,
        "zh",
      );
      assert.deepEqual([next.problems, next.moved], [[], ["C000002"]]);
    });

  it('a destruction with the reason "无法恢复 " destroys the archived customer, and its stamp verifies', async () => {
    const archived = apply(
      base,
      (
        await planTermination(
          base,
          defaultSettings,
          trust,
          ["C000001"],
          "past",
          "关系解除",
          stamper(people.head),
          now,
          "zh",
        )
      ).writes,
    );
    const plan = await planDestruction(
      archived,
      trust,
      ["C000001"],
      "无法恢复 ",
      stamper(people.manager),
      now,
      "zh",
      defaultSettings,
    );
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.destroyed, ["C000001"]);
    const after = apply(archived, plan.writes);
    assert.deepEqual(idsOn(after, archivePast), []);
    assert.deepEqual(idsOn(after, destructionLog, "customerId"), ["C000001"]);
    assert.deepEqual(await problemsOf(after), []);
  });

  it('a rejection with the reason "资信不足\\n待补充 " is stamped, and its stamp verifies', async () => {
    const withRequest: Snapshot = structuredClone(base);
    const name = intake.name.zh;
    withRequest.sheetNames.push(name);
    withRequest.sheets[name] = {
      name,
      values: [intake.columns.map((c) => c.header.zh), await stampedRequest(0, [], "待盖章")],
    };
    const plan = await planStamping(
      withRequest,
      defaultSettings,
      trust,
      ["R000001"],
      stamper(people.head),
      "reject",
      "资信不足\n待补充 ",
      now,
      "zh",
    );
    assert.deepEqual(plan.problems, []);
    const after = apply(withRequest, plan.writes);
    const row = recordsOf(after, intake)[0]!;
    assert.match(String(row.values.stamps), /资信不足 待补充/);
    assert.deepEqual(
      (await problemsOf(after)).filter((p) => p.sheet === "intake"),
      [],
    );
  });

  it("a head the Staff sheet moved to 业务二部 (device still says 业务一部) is refused on 业务一部 with nothing logged, approves 业务二部, and the customer is not stuck", async () => {
    const book = await movesBook("zh", ["业务一部", "业务二部"]);
    const row = { ...people.head.entry, department: "业务二部", row: 9, since: "2026-11-20T09:00" };
    row.countersign = await countersign(people.admin.privateKey, row);
    const moved = await trustOf([...people.entries, row], people.admin);
    const old = await planTermination(
      book,
      defaultSettings,
      moved,
      ["C000001"],
      "past",
      "关系解除",
      stamper(people.head),
      now,
      "zh",
    );
    assert.deepEqual(
      old.problems.map((p) => [p.row, p.column, p.rule, p.value]),
      [[2, "id", "stamp.otherDepartment", "C000001"]],
    );
    assert.deepEqual(old.writes, [], "nothing logged, so nothing left to finish");
    const mine = await planTermination(
      book,
      defaultSettings,
      moved,
      ["C000002"],
      "past",
      "关系解除",
      stamper(people.head),
      now,
      "zh",
    );
    assert.deepEqual([mine.problems, mine.moved], [[], ["C000002"]]);
    const after = apply(book, mine.writes);
    assert.deepEqual(await verifyWorkbook(after, defaultSettings, moved, readJournal(after)), []);
    // The manager may still end C000001's relationship: it was never blocked.
    const byManager = await planTermination(
      after,
      defaultSettings,
      moved,
      ["C000001"],
      "past",
      "关系解除",
      stamper(people.manager),
      now,
      "zh",
    );
    assert.deepEqual([byManager.problems, byManager.moved], [[], ["C000001"]]);
  });
});
