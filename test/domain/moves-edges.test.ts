/**
 * Edges of moving customers, in the domain: what a user is told when a hand-over meets
 * several problems at once or a row nobody placed on the Register, posting a new customer
 * and a returning one in one batch, and termination or destruction by someone whose
 * device still carries a Staff row the administrator has since changed.
 */
import assert from "node:assert/strict";
import { planDestruction } from "../../src/domain/destruction";
import { planHandOver } from "../../src/domain/hand-over";
import { planPosting } from "../../src/domain/posting";
import { readSheet } from "../../src/domain/records";
import { planReinstatementRequests } from "../../src/domain/reinstatement";
import { sampleRegister } from "../../src/domain/sample";
import {
  archivePast,
  archiveSuspended,
  changeLog,
  destructionLog,
  intake,
  register,
} from "../../src/domain/schema/sheets";
import { defaultSettings } from "../../src/domain/settings";
import { planStamping } from "../../src/domain/stamping";
import { countersign, trustStaff, type StaffTrust } from "../../src/domain/stamps/staff";
import { planTermination } from "../../src/domain/termination";
import type { Snapshot } from "../../src/domain/workbook";
import { apply } from "./support/apply";
import { adopted } from "./support/journal";
import { idsOn, movesBook, now, recordsOf, stamper, staffWithManager, trustOf } from "./support/moves-book";
import { stampedRequest } from "./support/people";

const col = (key: string) => register.columns.findIndex((c) => c.key === key);

describe("hand-over: several problems, and rows nobody placed", function () {
  this.timeout(20_000);
  const leaver = "刘洋";
  const newcomer = "周新";

  /** A taken-over Register: C000001, C000002… each with the given responsible person. */
  const registerOf = (responsible: string[]): Promise<Snapshot> => {
    const rows = sampleRegister(responsible.length, "zh");
    responsible.forEach((name, i) => {
      rows[i]![col("responsible")] = name;
      rows[i]![col("staffContacts")] = "";
    });
    return adopted({
      sheetNames: ["客户原簿", "变更记录"],
      sheets: {
        客户原簿: { name: "客户原簿", values: [register.columns.map((c) => c.header.zh), ...rows] },
        变更记录: { name: "变更记录", values: [changeLog.columns.map((c) => c.header.zh)] },
      },
    });
  };
  const grid = (s: Snapshot) => s.sheets["客户原簿"]!.values;
  /** Pastes the Register row of a customer again at the bottom. */
  const pasteAgain = (s: Snapshot, id: string) => grid(s).push([...grid(s).find((r) => r[0] === id)!]);
  const handOver = async (s: Snapshot, from: string, to: string) =>
    planHandOver(s, defaultSettings, await trustStaff([], undefined), from, to, "调离", "陈会计", now, "zh");

  it("names both doubled rows when two of the leaver's customers each stand twice on the Register", async () => {
    const s = await registerOf([leaver, leaver, leaver]);
    pasteAgain(s, "C000001");
    pasteAgain(s, "C000003");
    const plan = await handOver(s, leaver, newcomer);
    assert.deepEqual(plan.problems, [
      { sheet: "register", row: 5, column: "id", rule: "journal.duplicateRow", value: "C000001" },
      { sheet: "register", row: 6, column: "id", rule: "journal.duplicateRow", value: "C000003" },
    ]);
    assert.deepEqual(plan.reassigned, []);
    assert.deepEqual(plan.writes, []);
  });

  it("names a doubled row even beside a refusal of another kind that carries the same words", async () => {
    // The customer ID typed into 负责人 by mistake, then asked from and to that same text.
    const s = await registerOf(["张敏", "C000002"]);
    pasteAgain(s, "C000002");
    const plan = await handOver(s, "C000002", "C000002");
    assert.deepEqual(plan.problems, [
      { sheet: "register", row: 1, column: "responsible", rule: "handOver.same", value: "C000002" },
      { sheet: "register", row: 4, column: "id", rule: "journal.duplicateRow", value: "C000002" },
    ]);
    assert.deepEqual(plan.reassigned, []);
  });

  it("hands over the leaver's customers and leaves alone a row typed onto the Register that the journal never placed there", async () => {
    const s = await registerOf([leaver, "张敏"]);
    const typed = [...grid(s)[1]!];
    typed[col("id")] = "C000099";
    grid(s).push(typed);
    const plan = await handOver(s, leaver, newcomer);
    assert.deepEqual(plan.problems, [], "a typed row is nobody's customer: it stops nothing");
    assert.deepEqual(plan.reassigned, ["C000001"]);
    const after = readSheet(register, apply(s, plan.writes)).records.map((r) => [
      r.values.id,
      r.values.responsible,
    ]);
    assert.deepEqual(after, [
      ["C000001", newcomer],
      ["C000002", "张敏"],
      ["C000099", leaver],
    ]);
  });
});

describe("posting a new customer and a returning one together", function () {
  this.timeout(30_000);

  it("brings both in: the new request under the next free ID, the reinstatement under the customer's own", async () => {
    const people = await staffWithManager();
    const trust = await trustOf(people.entries, people.admin);
    let s = await movesBook("zh", ["业务一部", "业务一部", "业务一部", "业务一部"]);
    s.sheetNames.push(intake.name.zh);
    s.sheets[intake.name.zh] = { name: intake.name.zh, values: [intake.columns.map((c) => c.header.zh)] };
    const applied = (plan: { problems: unknown[]; writes: Parameters<typeof apply>[1] }) => {
      assert.deepEqual(plan.problems, []);
      s = apply(s, plan.writes);
    };
    applied(
      await planTermination(
        s,
        defaultSettings,
        trust,
        ["C000002"],
        "suspended",
        "暂停交易",
        stamper(people.head),
        now,
        "zh",
      ),
    );
    // A new customer's request, fully stamped, filed above the reinstatement request.
    const fresh = await stampedRequest(10, [people.head, people.chairman]);
    s.sheets[intake.name.zh]!.values.push(fresh);
    const freshNo = String(fresh[intake.columns.findIndex((c) => c.key === "requestNo")]);
    const freshName = String(fresh[intake.columns.findIndex((c) => c.key === "name")]);
    const asked = await planReinstatementRequests(
      s,
      defaultSettings,
      trust,
      ["C000002"],
      "陈会计",
      now,
      "zh",
    );
    applied(asked);
    const backNo = asked.requested[0]!.requestNo;
    applied(
      await planStamping(s, defaultSettings, trust, [backNo], stamper(people.head), "approve", "", now, "zh"),
    );
    const backName = recordsOf(s, archiveSuspended)[0]!.values.name;

    const plan = await planPosting(s, defaultSettings, trust, "all", { name: "陈会计" }, now, "zh");
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.posted, [
      { requestNo: freshNo, id: "C000005", name: freshName, resumed: false },
      { requestNo: backNo, id: "C000002", name: backName, resumed: false },
    ]);
    const after = apply(s, plan.writes);
    assert.deepEqual(idsOn(after, register), ["C000001", "C000003", "C000004", "C000005", "C000002"]);
    assert.deepEqual(idsOn(after, archiveSuspended), []);
  });
});

describe("approvers whose device is behind the Staff sheet", function () {
  this.timeout(60_000);
  let people: Awaited<ReturnType<typeof staffWithManager>>;
  let trust: StaffTrust;
  before(async () => {
    people = await staffWithManager();
    trust = await trustOf(people.entries, people.admin);
  });

  /** The trust after the administrator gave a key a new, countersigned Staff row from 2026-11-20 on. */
  const changedStaff = async (
    changed: (typeof people)["head"],
    change: { role?: string; department?: string },
  ) => {
    const row = { ...changed.entry, ...change, row: 9, since: "2026-11-20T09:00" };
    row.countersign = await countersign(people.admin.privateKey, row);
    return trustOf([...people.entries, row], people.admin);
  };

  it("a head the Staff sheet moved to another department, whose device still names the old one, moves none of the old department's customers", async () => {
    const s = await movesBook("zh", ["业务一部", "业务一部"]);
    const moved = await changedStaff(people.head, { department: "业务二部" });
    // The device still holds the head's old row: 业务一部.
    const plan = await planTermination(
      s,
      defaultSettings,
      moved,
      ["C000001"],
      "past",
      "关系解除",
      stamper(people.head),
      now,
      "zh",
    );
    assert.deepEqual(plan.moved, [], "nothing is reported moved");
    assert.notDeepEqual(plan.problems, [], "the user is told why");
    const after = apply(s, plan.writes);
    assert.deepEqual(idsOn(after, register), ["C000001", "C000002"], "the customer stays on the Register");
    assert.deepEqual(idsOn(after, archivePast), [], "and is archived nowhere");
  });

  it("a manager the Staff sheet has since made a department head, whose device still says manager, destroys nothing", async () => {
    let s = await movesBook("zh", ["业务一部", "业务一部"]);
    const suspended = await planTermination(
      s,
      defaultSettings,
      trust,
      ["C000001"],
      "past",
      "关系解除",
      stamper(people.head),
      now,
      "zh",
    );
    assert.deepEqual(suspended.problems, []);
    s = apply(s, suspended.writes);
    const demoted = await changedStaff(people.manager, { role: "deptHead", department: "业务一部" });
    const plan = await planDestruction(
      s,
      demoted,
      ["C000001"],
      "无法恢复",
      stamper(people.manager),
      now,
      "zh",
      defaultSettings,
    );
    assert.deepEqual(plan.destroyed, [], "nothing is reported destroyed");
    assert.notDeepEqual(plan.problems, [], "the user is told why");
    const after = apply(s, plan.writes);
    assert.deepEqual(idsOn(after, archivePast), ["C000001"], "the archived row stays");
    assert.deepEqual(idsOn(after, destructionLog, "customerId"), [], "no tombstone");
  });
});
