/**
 * Marking customers invalid (planMarkInvalid) and the supervisor's stamp on the month's
 * invalid list (planInvalidApproval): the words the log and the archive get, who answers
 * for which department's entries, and every refusal with what the user is shown.
 */
import assert from "node:assert/strict";
import { planMarkInvalid, type InvalidReason } from "../../src/domain/invalid";
import { planInvalidApproval } from "../../src/domain/lists/invalid-approval";
import { defaultSettings } from "../../src/domain/settings";
import { customerStatuses } from "../../src/domain/schema/choices";
import { choiceLabel, type Lang } from "../../src/domain/schema/model";
import { archivePast, changeLog, register } from "../../src/domain/schema/sheets";
import type { StaffTrust } from "../../src/domain/stamps/staff";
import type { Snapshot } from "../../src/domain/workbook";
import { apply } from "./support/apply";
import { idsOn, movesBook, now, recordsOf, stamper, staffWithManager, trustOf } from "./support/moves-book";
import type { Person } from "./support/people";

describe("invalid customers and the month's invalid list", function () {
  this.timeout(60_000);
  let people: Awaited<ReturnType<typeof staffWithManager>>;
  let trust: StaffTrust;
  before(async () => {
    people = await staffWithManager();
    trust = await trustOf(people.entries, people.admin);
  });

  const mark = (
    s: Snapshot,
    ids: string[],
    reason: InvalidReason = "returnedMail",
    detail = "",
    lang: Lang = "zh",
  ) => planMarkInvalid(s, defaultSettings, trust, ids, reason, detail, "陈会计", now, lang);
  const marked = async (
    s: Snapshot,
    ids: string[],
    reason: InvalidReason = "returnedMail",
    lang: Lang = "zh",
  ) => {
    const plan = await mark(s, ids, reason, "", lang);
    assert.deepEqual(plan.problems, []);
    return apply(s, plan.writes);
  };
  const approve = (s: Snapshot, by: Person, lang: Lang = "zh") =>
    planInvalidApproval(s, defaultSettings, trust, "2026-11", stamper(by), now, lang);
  const loggedReasons = (s: Snapshot) =>
    recordsOf(s, changeLog)
      .map((r) => r.values)
      .filter((e) => e.action === "markInvalid")
      .map((e) => [e.customerId, e.reason]);

  describe("marking", () => {
    it("logs each reason in the Register's language, with the detail after it", async () => {
      const cases: [Lang, InvalidReason, string, string][] = [
        ["zh", "returnedMail", "", "退件"],
        ["zh", "noResponse", "2026-05 起", "长期无回应:2026-05 起"],
        ["zh", "other", "", "其他"],
        ["en", "returnedMail", "", "Returned mail"],
        ["en", "noResponse", "since 2026-05", "No response:since 2026-05"],
        ["en", "other", "merged", "Other:merged"],
      ];
      for (const [lang, reason, detail, expected] of cases) {
        const s = await movesBook(lang, ["业务一部"]);
        const plan = await mark(s, ["C000001"], reason, detail, lang);
        assert.deepEqual([plan.problems, plan.marked], [[], ["C000001"]]);
        const after = apply(s, plan.writes);
        assert.deepEqual(loggedReasons(after), [["C000001", expected]], `${lang} ${reason}`);
        assert.equal(
          recordsOf(after, register)[0]!.values.status,
          choiceLabel(customerStatuses, "invalid", lang),
        );
      }
    });

    it("marking a customer already marked invalid writes nothing and reports nothing", async () => {
      const once = await marked(await movesBook("zh", ["业务一部", "业务一部"]), ["C000001"]);
      const again = await mark(once, ["C000001"]);
      assert.deepEqual([again.problems, again.marked, again.writes], [[], [], []]);
    });

    it("refuses all when one customer is unknown, naming its ID, and marks none", async () => {
      const plan = await mark(await movesBook("zh", ["业务一部"]), ["C000001", "C000099"]);
      assert.deepEqual(plan.problems, [
        { sheet: "register", row: 1, column: "id", rule: "id.unknown", value: "C000099" },
      ]);
      assert.deepEqual([plan.marked, plan.writes], [[], []]);
    });

    it("refuses when the Register has no status column, naming that column", async () => {
      const s = await movesBook("zh", ["业务一部"]);
      const grid = s.sheets["客户原簿"]!.values;
      const at = grid[0]!.indexOf("状态");
      for (const row of grid) row.splice(at, 1);
      const plan = await mark(s, ["C000001"]);
      assert.deepEqual(plan.problems, [
        { sheet: "register", row: 1, column: "status", rule: "header.missing", value: "" },
      ]);
      assert.deepEqual([plan.marked, plan.writes], [[], []]);
    });
  });

  describe("the supervisor's stamp on the invalid list", () => {
    /** C000001 (业务一部) and C000003 (业务二部) marked invalid; C000002, C000004 not. */
    const twoDepartments = async (lang: Lang = "zh") =>
      marked(
        await movesBook(lang, ["业务一部", "业务一部", "业务二部", "业务二部"]),
        ["C000001", "C000003"],
        "returnedMail",
        lang,
      );

    it("the manager's stamp archives every customer on the list, whatever the department, with the list's reason", async () => {
      const s = await twoDepartments();
      const result = await approve(s, people.manager);
      assert.deepEqual([result.problems, result.moved, result.left], [[], ["C000001", "C000003"], 0]);
      const after = apply(s, result.writes);
      assert.deepEqual(idsOn(after, register), ["C000002", "C000004"]);
      assert.deepEqual(
        recordsOf(after, archivePast).map((r) => [r.values.id, r.values.archiveReason]),
        [
          ["C000001", "无效: 退件"],
          ["C000003", "无效: 退件"],
        ],
      );
    });

    it("a department head's stamp archives only their department's customers, leaving the rest for their own head", async () => {
      const s = await twoDepartments();
      const result = await approve(s, people.head);
      assert.deepEqual([result.problems, result.moved, result.left], [[], ["C000001"], 1]);
      const after = apply(s, result.writes);
      assert.deepEqual(idsOn(after, archivePast), ["C000001"]);
      assert.ok(idsOn(after, register).includes("C000003"), "业务二部's customer waits on the Register");
    });

    it("in an English workbook, the archive reason reads in English", async () => {
      const s = await twoDepartments("en");
      const result = await approve(s, people.manager, "en");
      assert.deepEqual(result.problems, []);
      assert.deepEqual(
        recordsOf(apply(s, result.writes), archivePast).map((r) => [r.values.id, r.values.archiveReason]),
        [
          ["C000001", "Invalid: Returned mail"],
          ["C000003", "Invalid: Returned mail"],
        ],
      );
    });

    it("the archive reason is in the workbook's language, whatever the pane's", async () => {
      const s = await twoDepartments("zh");
      const result = await approve(s, people.manager, "en");
      assert.deepEqual(result.problems, []);
      assert.deepEqual(
        recordsOf(apply(s, result.writes), archivePast).map((r) => r.values.archiveReason),
        ["无效: 退件", "无效: 退件"],
      );
    });

    it("tells a head with nothing of theirs on the list so, and makes no list sheet", async () => {
      const s = await marked(await movesBook("zh", ["业务一部", "业务二部"]), ["C000002"]);
      const result = await approve(s, people.head);
      assert.deepEqual(result.problems, [
        { sheet: "register", row: 1, column: "status", rule: "list.nothingToStamp", value: "2026-11" },
      ]);
      assert.deepEqual([result.moved, result.left], [[], 1]);
      const after = apply(s, result.writes);
      assert.deepEqual(after.sheetNames, s.sheetNames, "no sheet made");
      assert.deepEqual(idsOn(after, register), ["C000001", "C000002"]);
    });

    it("refuses a stamp from someone who may not approve it, moving nothing and making no list sheet", async () => {
      const s = await twoDepartments();
      const result = await approve(s, people.chairman);
      assert.deepEqual(result.problems, [
        { sheet: "register", row: 1, column: "archiveApprover", rule: "stamp.wrongRole", value: "李董事长" },
      ]);
      assert.deepEqual(result.moved, []);
      const after = apply(s, result.writes);
      assert.deepEqual(after.sheetNames, s.sheetNames, "no sheet made");
      assert.deepEqual(idsOn(after, register), ["C000001", "C000002", "C000003", "C000004"]);
    });
  });
});
