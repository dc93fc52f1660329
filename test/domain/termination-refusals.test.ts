/**
 * Ending a relationship (planTermination): who may approve it for which department, where
 * the customer goes, and every refusal, each naming the sheet, row, column, rule and value
 * the user is shown — with nothing moved and nothing written.
 */
import assert from "node:assert/strict";
import { planTermination } from "../../src/domain/termination";
import { readJournal } from "../../src/domain/journal/journal";
import { defaultSettings } from "../../src/domain/settings";
import { archivePast, archiveSuspended, register } from "../../src/domain/schema/sheets";
import type { ArchiveKind } from "../../src/domain/termination";
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

describe("ending customer relationships", function () {
  this.timeout(60_000);
  let people: Awaited<ReturnType<typeof staffWithManager>>;
  let trust: StaffTrust;
  /** C000001, C000002 in 业务一部 (the head's), C000003, C000004 in 业务二部; all on the Register. */
  let base: Snapshot;
  before(async () => {
    people = await staffWithManager();
    trust = await trustOf(people.entries, people.admin);
    base = await movesBook("zh", ["业务一部", "业务一部", "业务二部", "业务二部"]);
  });

  const terminate = (
    s: Snapshot,
    ids: string[],
    by: Person,
    { target = "past" as ArchiveKind, reason = "关系解除", withTrust = trust } = {},
  ) => planTermination(s, defaultSettings, withTrust, ids, target, reason, stamper(by), now, "zh");

  /** A refusal: the problems the user is shown, having moved and written nothing. */
  const refused = (plan: Awaited<ReturnType<typeof terminate>>) => {
    assert.deepEqual(plan.moved, [], "nothing reported moved");
    assert.deepEqual(plan.writes, [], "nothing written");
    return plan.problems.map((p) => ({ ...p }));
  };

  it("lets the manager end relationships in any department, each archived with the manager's stamp", async () => {
    const plan = await terminate(base, ["C000001", "C000003"], people.manager);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.moved, ["C000001", "C000003"]);
    const after = apply(base, plan.writes);
    assert.deepEqual(idsOn(after, register), ["C000002", "C000004"]);
    const archived = recordsOf(after, archivePast).map((r) => r.values);
    assert.deepEqual(
      archived.map((v) => [v.id, v.department, v.archiveReason]),
      [
        ["C000001", "业务一部", "关系解除"],
        ["C000003", "业务二部", "关系解除"],
      ],
    );
    for (const v of archived) assert.match(String(v.archiveApprover), /^主管经理 孙经理 2026-11-24 16:00/);
  });

  it("refuses a department head a customer of another department, naming that customer's Register row, and moves none", async () => {
    const plan = await terminate(base, ["C000001", "C000003"], people.head);
    assert.deepEqual(refused(plan), [
      { sheet: "register", row: 4, column: "id", rule: "stamp.otherDepartment", value: "C000003" },
    ]);
  });

  it("suspends into 交易中止, and without that sheet refuses, naming it", async () => {
    const plan = await terminate(base, ["C000002"], people.head, { target: "suspended" });
    assert.deepEqual(plan.problems, []);
    const after = apply(base, plan.writes);
    assert.deepEqual([idsOn(after, archiveSuspended), idsOn(after, archivePast)], [["C000002"], []]);

    const copy = structuredClone(base);
    copy.sheetNames = copy.sheetNames.filter((n) => n !== "交易中止");
    delete copy.sheets["交易中止"];
    assert.deepEqual(refused(await terminate(copy, ["C000002"], people.head, { target: "suspended" })), [
      { sheet: "archiveSuspended", row: 1, column: "", rule: "header.missing", value: "" },
    ]);
  });

  describe("refuses an approver who is not a trusted head or manager, naming the approver column", () => {
    const enrolled = (rows: StaffEntry[]) => trustOf([...people.entries, ...rows], people.admin);

    it("a head whose key is not on the Staff sheet", async () => {
      const stranger = await person(6, "钱主管", "deptHead");
      assert.deepEqual(refused(await terminate(base, ["C000001"], stranger)), [
        { sheet: "register", row: 1, column: "archiveApprover", rule: "stamp.unknownKey", value: "钱主管" },
      ]);
    });

    it("a head whose Staff row the administrator never countersigned", async () => {
      const typed = await person(6, "钱主管", "deptHead");
      const plan = await terminate(base, ["C000001"], typed, { withTrust: await enrolled([typed.entry]) });
      assert.deepEqual(refused(plan), [
        {
          sheet: "register",
          row: 1,
          column: "archiveApprover",
          rule: "stamp.notCountersigned",
          value: "钱主管",
        },
      ]);
    });

    it("a head whose key was revoked, saying so", async () => {
      const leaver = await person(6, "钱主管", "deptHead");
      leaver.entry.countersign = await countersign(people.admin.privateKey, leaver.entry);
      const revocation = { ...leaver.entry, row: 7, revoked: true, since: "2026-11-20T09:00" };
      revocation.countersign = await countersign(people.admin.privateKey, revocation);
      const plan = await terminate(base, ["C000001"], leaver, {
        withTrust: await enrolled([leaver.entry, revocation]),
      });
      assert.deepEqual(refused(plan), [
        { sheet: "register", row: 1, column: "archiveApprover", rule: "stamp.revoked", value: "钱主管" },
      ]);
    });
  });

  it("refuses a reason of only spaces, naming the reason column", async () => {
    assert.deepEqual(refused(await terminate(base, ["C000001"], people.head, { reason: "   " })), [
      { sheet: "register", row: 1, column: "archiveReason", rule: "required", value: "" },
    ]);
  });

  it("refuses all when one customer is unknown, naming its ID", async () => {
    assert.deepEqual(refused(await terminate(base, ["C000001", "C000099"], people.head)), [
      { sheet: "register", row: 1, column: "id", rule: "id.unknown", value: "C000099" },
    ]);
  });

  it("asked again for a customer already in that archive, does nothing and reports nothing", async () => {
    const once = apply(base, (await terminate(base, ["C000002"], people.head)).writes);
    const again = await terminate(once, ["C000002"], people.head);
    assert.deepEqual([again.problems, again.moved, again.writes], [[], [], []]);
  });

  it("Validate flags an archived row whose archive date was changed after the approver stamped it", async () => {
    const after = apply(base, (await terminate(base, ["C000002"], people.head)).writes);
    const archiveIssues = async (s: Snapshot) =>
      (await verifyWorkbook(s, defaultSettings, trust, readJournal(s))).filter(
        (p) => p.sheet === "archivePast",
      );
    assert.deepEqual(await archiveIssues(after), []);
    const redated = withCell(after, archivePast, "C000002", "archivedDate", isoToSerial("2026-10-01"));
    assert.deepEqual(
      (await archiveIssues(redated)).map((p) => [p.row, p.column, p.rule]),
      [[2, "stamps", "stamp.contentChanged"]],
    );
  });

  it("moves nothing for a head whose Staff row comes into force only later, and says so", async () => {
    const early = await person(6, "钱主管", "deptHead");
    early.entry.since = "2026-12-01T09:00";
    early.entry.countersign = await countersign(people.admin.privateKey, early.entry);
    const plan = await terminate(base, ["C000001"], early, {
      withTrust: await trustOf([...people.entries, early.entry], people.admin),
    });
    assert.deepEqual(plan.moved, []);
    assert.notDeepEqual(plan.problems, [], "the user is told");
    const after = apply(base, plan.writes);
    assert.ok(idsOn(after, register).includes("C000001"), "the customer stays on the Register");
    assert.deepEqual(idsOn(after, archivePast), [], "and is archived nowhere");
  });
});
