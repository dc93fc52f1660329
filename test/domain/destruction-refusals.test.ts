/**
 * Destroying archived customers (planDestruction): what the manager's destruction writes,
 * and every refusal, each naming the sheet, row, column, rule and value the user is shown
 * — with nothing written and nothing destroyed.
 */
import assert from "node:assert/strict";
import { planDestruction } from "../../src/domain/destruction";
import { planTermination } from "../../src/domain/termination";
import { readJournal } from "../../src/domain/journal/journal";
import { defaultSettings } from "../../src/domain/settings";
import {
  archivePast,
  archiveSuspended,
  changeLog,
  destructionLog,
  register,
} from "../../src/domain/schema/sheets";
import { countersign, type StaffEntry, type StaffTrust } from "../../src/domain/stamps/staff";
import { isoToSerial } from "../../src/domain/validate/date";
import { verifyWorkbook } from "../../src/domain/verification";
import type { Snapshot } from "../../src/domain/workbook";
import { apply } from "./support/apply";
import {
  idsOn,
  movesBook,
  now,
  recordsOf,
  stamper,
  staffWithManager,
  trustOf,
  withCell,
} from "./support/moves-book";
import { person, type Person } from "./support/people";

describe("destroying archived customers", function () {
  this.timeout(60_000);
  let people: Awaited<ReturnType<typeof staffWithManager>>;
  let trust: StaffTrust;
  /** C000001 suspended, C000002 past, C000003 and C000004 on the Register. */
  let archived: Snapshot;
  before(async () => {
    people = await staffWithManager();
    trust = await trustOf(people.entries, people.admin);
    let s = await movesBook("zh", ["业务一部", "业务一部", "业务一部", "业务一部"]);
    for (const [id, target] of [
      ["C000001", "suspended"],
      ["C000002", "past"],
    ] as const) {
      const moved = await planTermination(
        s,
        defaultSettings,
        trust,
        [id],
        target,
        "关系解除",
        stamper(people.head),
        now,
        "zh",
      );
      assert.deepEqual(moved.problems, []);
      s = apply(s, moved.writes);
    }
    archived = s;
  });

  const destroy = (
    s: Snapshot,
    ids: string[],
    by: Person = people.manager,
    reason = "无法恢复",
    withTrust: StaffTrust = trust,
  ) => planDestruction(s, withTrust, ids, reason, stamper(by), now, "zh", defaultSettings);

  /** A refusal: the problems the user is shown, having destroyed and written nothing. */
  const refused = (plan: Awaited<ReturnType<typeof destroy>>) => {
    assert.deepEqual(plan.destroyed, [], "nothing reported destroyed");
    assert.deepEqual(plan.writes, [], "nothing written");
    return plan.problems.map((p) => ({ ...p }));
  };

  it("destroys a suspended customer out of 交易中止 and a past one out of 交易过去, each tombstone stamped by the manager at the time of the action", async () => {
    const plan = await destroy(archived, ["C000001", "C000002"]);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.destroyed, ["C000001", "C000002"]);
    const after = apply(archived, plan.writes);
    assert.deepEqual(idsOn(after, archiveSuspended), []);
    assert.deepEqual(idsOn(after, archivePast), []);
    const tombs = recordsOf(after, destructionLog).map((r) => r.values);
    assert.deepEqual(
      tombs.map((t) => [t.customerId, t.date, t.reason, t.approver]),
      [
        ["C000001", isoToSerial(now.date), "无法恢复", "孙经理"],
        ["C000002", isoToSerial(now.date), "无法恢复", "孙经理"],
      ],
    );
    for (const t of tombs)
      assert.match(String(t.stamps), /^主管经理 孙经理 2026-11-24 16:00 批准:无法恢复 ⟦/, "who, when, why");
    const log = recordsOf(after, changeLog)
      .map((r) => r.values)
      .filter((e) => e.action === "destroy");
    assert.deepEqual(
      log.map((e) => [e.customerId, e.oldValue, e.newValue, e.reason]),
      [
        ["C000001", "交易中止", "已销毁", "无法恢复"],
        ["C000002", "交易过去", "已销毁", "无法恢复"],
      ],
    );
  });

  it("Validate flags a tombstone whose destruction date was changed after the manager stamped it", async () => {
    const plan = await destroy(archived, ["C000002"]);
    const after = apply(archived, plan.writes);
    const tombIssues = async (s: Snapshot) =>
      (await verifyWorkbook(s, defaultSettings, trust, readJournal(s))).filter(
        (p) => p.sheet === "destructionLog",
      );
    assert.deepEqual(await tombIssues(after), []);
    const redated = withCell(after, destructionLog, "C000002", "date", isoToSerial("2026-10-01"));
    assert.deepEqual(await tombIssues(redated), [
      { sheet: "destructionLog", row: 2, column: "stamps", rule: "stamp.contentChanged", value: "C000002" },
    ]);
  });

  it("asked again for a customer already destroyed, does nothing and reports nothing", async () => {
    const once = apply(archived, (await destroy(archived, ["C000002"])).writes);
    const again = await destroy(once, ["C000002"]);
    assert.deepEqual([again.problems, again.destroyed, again.writes], [[], [], []]);
  });

  it("refuses without the destruction log sheet, naming that sheet", async () => {
    const copy = structuredClone(archived);
    copy.sheetNames = copy.sheetNames.filter((n) => n !== "销毁记录");
    delete copy.sheets["销毁记录"];
    assert.deepEqual(refused(await destroy(copy, ["C000002"])), [
      { sheet: "destructionLog", row: 1, column: "", rule: "header.missing", value: "" },
    ]);
  });

  describe("refuses anyone but a trusted manager, naming the approver", () => {
    const enrolled = async (p: Person, rows: StaffEntry[] = [p.entry]) =>
      trustOf([...people.entries, ...rows], people.admin);

    it("a manager whose key is not on the Staff sheet", async () => {
      const stranger = await person(6, "钱经理", "manager", "总务部");
      assert.deepEqual(refused(await destroy(archived, ["C000002"], stranger)), [
        { sheet: "destructionLog", row: 1, column: "approver", rule: "stamp.unknownKey", value: "钱经理" },
      ]);
    });

    it("a manager whose Staff row the administrator never countersigned", async () => {
      const typed = await person(6, "钱经理", "manager", "总务部");
      const plan = await destroy(archived, ["C000002"], typed, "无法恢复", await enrolled(typed));
      assert.deepEqual(refused(plan), [
        {
          sheet: "destructionLog",
          row: 1,
          column: "approver",
          rule: "stamp.notCountersigned",
          value: "钱经理",
        },
      ]);
    });

    it("a manager whose key was revoked, saying so", async () => {
      const leaver = await person(6, "钱经理", "manager", "总务部");
      leaver.entry.countersign = await countersign(people.admin.privateKey, leaver.entry);
      const revocation = { ...leaver.entry, row: 7, revoked: true, since: "2026-11-20T09:00" };
      revocation.countersign = await countersign(people.admin.privateKey, revocation);
      const plan = await destroy(
        archived,
        ["C000002"],
        leaver,
        "无法恢复",
        await enrolled(leaver, [leaver.entry, revocation]),
      );
      assert.deepEqual(refused(plan), [
        { sheet: "destructionLog", row: 1, column: "approver", rule: "stamp.revoked", value: "钱经理" },
      ]);
    });
  });

  it("refuses a destruction without a reason, or with only spaces, naming the reason column", async () => {
    for (const reason of ["", "   "])
      assert.deepEqual(refused(await destroy(archived, ["C000002"], people.manager, reason)), [
        { sheet: "destructionLog", row: 1, column: "reason", rule: "required", value: "" },
      ]);
  });

  it("refuses all when one customer is still on the Register or unknown, naming each by its customer ID", async () => {
    const plan = await destroy(archived, ["C000002", "C000003", "C000099"]);
    assert.deepEqual(
      refused(plan).map((p) => [p.sheet, p.row, p.column, p.rule, p.value]),
      [
        ["destructionLog", 1, "customerId", "journal.wrongPlace", "C000003"],
        ["destructionLog", 1, "customerId", "id.unknown", "C000099"],
      ],
    );
  });

  it("refuses a customer whose archived row was deleted by hand, naming the archive and its ID column", async () => {
    const copy = structuredClone(archived);
    copy.sheets["交易过去"]!.values.splice(1, 1);
    assert.deepEqual(refused(await destroy(copy, ["C000002"])), [
      { sheet: "archivePast", row: 1, column: "id", rule: "journal.missingRow", value: "C000002" },
    ]);
  });

  it("refuses a customer whose archived row was pasted twice, naming the second copy's row", async () => {
    const copy = structuredClone(archived);
    const grid = copy.sheets["交易中止"]!.values;
    grid.push([...grid[1]!]);
    assert.deepEqual(refused(await destroy(copy, ["C000001"])), [
      {
        sheet: "archiveSuspended",
        row: grid.length,
        column: "id",
        rule: "journal.duplicateRow",
        value: "C000001",
      },
    ]);
  });

  it("refuses a customer whose cut-off move cannot be finished, saying why", async () => {
    // A termination logged and cut off, then the customer's name retyped: its stamp no longer holds.
    const plan = await planTermination(
      archived,
      defaultSettings,
      trust,
      ["C000003"],
      "past",
      "关系解除",
      stamper(people.head),
      now,
      "zh",
    );
    const cut = withCell(apply(archived, plan.writes.slice(0, 1)), register, "C000003", "name", "改过的名字");
    const result = await destroy(cut, ["C000003"]);
    assert.deepEqual(
      result.problems.map((p) => [p.sheet, p.rule, p.value, p.detail?.why, p.detail?.action]),
      [["register", "journal.cannotFinish", "C000003", "approval", "terminate"]],
    );
    assert.deepEqual(result.destroyed, []);
    assert.ok(idsOn(apply(cut, result.writes), register).includes("C000003"), "the customer stays");
  });

  it("destroys nothing for a manager whose Staff row comes into force only later, and says so", async () => {
    const early = await person(6, "钱经理", "manager", "总务部");
    early.entry.since = "2026-12-01T09:00";
    early.entry.countersign = await countersign(people.admin.privateKey, early.entry);
    const plan = await destroy(
      archived,
      ["C000002"],
      early,
      "无法恢复",
      await trustOf([...people.entries, early.entry], people.admin),
    );
    assert.deepEqual(refused(plan), [
      {
        sheet: "destructionLog",
        row: 1,
        column: "approver",
        rule: "stamp.notCountersigned",
        value: "钱经理",
      },
    ]);
    const after = apply(archived, plan.writes);
    assert.deepEqual(idsOn(after, archivePast), ["C000002"], "the archived row stays");
    assert.deepEqual(idsOn(after, destructionLog, "customerId"), [], "no tombstone");
  });
});
