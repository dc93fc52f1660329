/**
 * Who may look up customers and how a list's customers are logged (domain/looking.ts).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decodeIds,
  encodeIds,
  lookedToday,
  lookEntry,
  lookListEntries,
  lookProblems,
  lookRefusal,
  looksAt,
  LOOK_LIST,
} from "../../src/domain/looking";
import { trustStaff, countersign, type StaffEntry } from "../../src/domain/stamps/staff";
import { defaultSettings } from "../../src/domain/settings";
import { CELL_TEXT_MAX } from "../../src/domain/workbook";
import { office, person } from "./support/people";
import { header as logHeader, logBook, logRow } from "./support/log-rows";

const id = (n: number) => `C${String(n).padStart(6, "0")}`;

describe("who looked at a customer, and who may (issue 19)", () => {
  describe("a list's customers in one short text", () => {
    it("any set of IDs comes back as the same set, sorted, duplicates once", () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: 999_999 }).map(id), { maxLength: 300 }),
          fc.array(fc.constantFrom("X-1", "旧编号7", "C12"), { maxLength: 3 }),
          (ids, odd) => {
            const all = [...ids, ...odd];
            const back = decodeIds(encodeIds(all));
            assert.deepEqual(back, [...new Set(ids)].sort().concat([...new Set(odd)].sort()));
          },
        ),
      );
    });

    it("runs and steps are short: a thousand consecutive IDs take a few characters", () => {
      const run = Array.from({ length: 1000 }, (_, i) => id(5001 + i));
      assert.equal(encodeIds(run), "3ux+rr", "5001 in base 36, then 999 more");
      assert.equal(encodeIds(["C000001", "C000002", "C000003", "C000010"]), "1+2,7");
    });

    it("a list too long for one cell is split between IDs into rows that each decode on their own", () => {
      // Every other ID of 60,000: no runs, about 2 characters a step.
      const ids = Array.from({ length: 30_000 }, (_, i) =>
        id(2 * i + 1 + (i % 7 === 0 ? 1_000_000 - 90_000 : 0)),
      );
      const rows = lookListEntries("陈会计", "2026-11-24T11:00", "邮寄标签", ids, "年末回访");
      assert.ok(rows.length > 1, `${rows.length} rows`);
      for (const r of rows) {
        assert.ok(r.newValue.length <= CELL_TEXT_MAX, `${r.newValue.length} characters`);
        assert.equal(r.action, LOOK_LIST);
        assert.equal(r.oldValue, "邮寄标签");
        assert.equal(r.reason, "年末回访");
      }
      assert.deepEqual(
        rows.map((r) => r.field),
        rows.map((_, i) => `customers ${i + 1}/${rows.length}`),
      );
      assert.deepEqual(
        rows.flatMap((r) => decodeIds(r.newValue)),
        [...ids].sort(),
      );
      assert.deepEqual(
        lookListEntries("陈会计", "2026-11-24T11:00", "邮寄标签", [], "x"),
        [],
        "nobody, no row",
      );
    });
  });

  describe("who may look", () => {
    let people: Awaited<ReturnType<typeof office>>;
    let sales: Awaited<ReturnType<typeof person>>;
    let waiting: Awaited<ReturnType<typeof person>>;
    before(async () => {
      people = await office();
      sales = await person(6, "王建国", "responsible");
      sales.entry.countersign = await countersign(people.admin.privateKey, sales.entry);
      // Enrolled, not yet countersigned by the administrator.
      waiting = await person(7, "钱新人", "clerk", "财务科");
    });
    const trustOf = (entries: StaffEntry[]) => trustStaff(entries, people.admin.fp);
    const at = "2026-11-24T11:00";

    it("a role of 查询权限 looks at any customer; a responsible person only at their own; nobody unenrolled or uncountersigned", async () => {
      const trust = await trustOf([...people.entries, sales.entry, waiting.entry]);
      const rules = { lookRoles: defaultSettings.lookRoles };
      assert.equal(
        lookRefusal(rules, trust, { name: "王主管", fingerprint: people.head.fp }, at, "李四"),
        undefined,
      );
      assert.equal(lookRefusal(rules, trust, { name: "王主管" }, at), undefined, "by name: a bulk look");
      assert.equal(
        lookRefusal(rules, trust, { name: "王建国", fingerprint: sales.fp }, at, " 王建国 "),
        undefined,
      );
      assert.deepEqual(lookRefusal(rules, trust, { name: "王建国", fingerprint: sales.fp }, at, "李四"), {
        sheet: "staff",
        row: 1,
        column: "role",
        rule: "look.notAllowed",
        value: "王建国",
        detail: { person: "王建国", role: "responsible", roles: defaultSettings.lookRoles.join(",") },
      });
      assert.equal(
        lookRefusal(rules, trust, { name: "王建国", fingerprint: sales.fp }, at)?.rule,
        "look.notAllowed",
        "a list needs a role",
      );
      for (const who of [
        { name: "陈会计" },
        { name: "钱新人", fingerprint: waiting.fp },
        { name: "钱新人" },
        { name: "" },
      ])
        assert.equal(
          lookRefusal(rules, trust, who, at, "钱新人")?.rule,
          "look.notEnrolled",
          JSON.stringify(who),
        );
      // Someone else's key under the head's name is not the head.
      assert.equal(
        lookRefusal(rules, trust, { name: "王主管", fingerprint: sales.fp }, at)?.rule,
        "look.notAllowed",
      );
      // Signed wider, the responsible person looks at anyone.
      assert.equal(
        lookRefusal({ lookRoles: ["responsible"] }, trust, { name: "王建国" }, at, "李四"),
        undefined,
      );
    });

    it("before there is an administrator to trust, nobody can be told apart: a named look is allowed (and logged), an anonymous one is not", async () => {
      const trust = await trustStaff([sales.entry], undefined, false);
      assert.ok(trust.unverified);
      const rules = { lookRoles: defaultSettings.lookRoles };
      assert.equal(lookRefusal(rules, trust, { name: "陈会计" }, at), undefined);
      assert.equal(lookRefusal(rules, trust, { name: "" }, at)?.rule, "look.notEnrolled");
      assert.equal(lookRefusal(rules, trust, undefined, at)?.rule, "look.notEnrolled");
    });

    it("a revoked key looks at nothing from its revocation on", async () => {
      const revoked = { ...people.head.entry, revoked: true, since: "2026-11-20" };
      revoked.countersign = await countersign(people.admin.privateKey, revoked);
      const trust = await trustOf([people.admin.entry, people.head.entry, revoked]);
      const rules = { lookRoles: defaultSettings.lookRoles };
      assert.equal(
        lookRefusal(rules, trust, { name: "王主管", fingerprint: people.head.fp }, at)?.rule,
        "look.notEnrolled",
      );
    });
  });

  it("who looked, from the log: card looks and prints of the customer and the lists that named them, in the year", () => {
    const header = logHeader;
    const row = logRow;
    const labels = lookListEntries(
      "陈会计",
      "2026-03-01T09:00",
      "邮寄标签",
      ["C000007", "C000009"],
      "春节问候",
    );
    const snapshot = {
      sheetNames: ["变更记录"],
      sheets: {
        变更记录: {
          name: "变更记录",
          values: [
            header,
            row({ time: "2025-12-30T10:00", person: "王主管", action: "lookCard", customerId: "C000007" }),
            row({
              time: "2026-01-05T10:00",
              person: "王主管",
              action: "lookCard",
              customerId: "C000007",
              reason: "年检",
            }),
            row({ time: "2026-01-05T10:01", person: "王主管", action: "lookCard", customerId: "C000008" }),
            row({
              time: "2026-03-01T09:00",
              person: "陈会计",
              action: "buildMailingLabels",
              newValue: "邮寄标签: 2",
            }),
            ...labels.map((e) => row({ ...e, field: e.field } as unknown as Record<string, string>)),
            row({
              time: "2026-04-01T09:00",
              person: "陈会计",
              action: "printCard",
              customerId: "C000007",
              field: "sheet",
              newValue: "卡片-C000007",
            }),
          ],
        },
      },
    };
    assert.deepEqual(
      looksAt(snapshot, "C000007", "2026").map((l) => [
        l.time,
        l.person,
        l.action,
        l.sheet,
        l.purpose,
        l.row,
      ]),
      [
        ["2026-01-05T10:00", "王主管", "lookCard", "", "年检", 3],
        ["2026-03-01T09:00", "陈会计", "buildMailingLabels", "邮寄标签", "春节问候", 6],
        ["2026-04-01T09:00", "陈会计", "printCard", "卡片-C000007", "", 7],
      ],
    );
    assert.deepEqual(looksAt(snapshot, "C000008", "2025"), []);
  });
});

describe("looking.ts, each rule held to its word", () => {
  const logOf = (rows: Record<string, string>[]) => logBook(rows);

  it("a look's row: the card's customer, the purpose trimmed, nothing else", () => {
    assert.deepEqual(lookEntry("王主管", "2026-11-24T11:00", "C000007", "  年检 "), {
      time: "2026-11-24T11:00",
      person: "王主管",
      action: "lookCard",
      customerId: "C000007",
      field: "",
      oldValue: "",
      newValue: "",
      reason: "年检",
    });
    assert.deepEqual(
      lookListEntries("王主管", "2026-11-24T11:00", "邮寄标签", ["C000002", "C000001"], " 回访 "),
      [
        {
          time: "2026-11-24T11:00",
          person: "王主管",
          action: "lookList",
          customerId: "",
          field: "customers",
          oldValue: "邮寄标签",
          newValue: "1+1",
          reason: "回访",
        },
      ],
    );
  });

  it("looked today: only this person's card look at this customer, that day", () => {
    const log = logOf([
      { time: "2026-11-24T09:00", person: "王主管", action: "printCard", customerId: "C000007" },
      { time: "2026-11-24T09:00", person: "陈会计", action: "lookCard", customerId: "C000007" },
      { time: "2026-11-24T09:00", person: "王主管", action: "lookCard", customerId: "C000008" },
      { time: "2026-11-23T09:00", person: "王主管", action: "lookCard", customerId: "C000007" },
    ]);
    assert.equal(lookedToday(log, "王主管", "C000007", "2026-11-24"), false);
    assert.equal(lookedToday(log, "陈会计", "C000007", "2026-11-24"), true);
    assert.equal(lookedToday(log, "王主管", "C000007", "2026-11-23"), true);
  });

  it("IDs: runs decode in place, other spellings kept as they are", () => {
    assert.deepEqual(decodeIds("1+2,7"), ["C000001", "C000002", "C000003", "C000010"]);
    const odd = ["XC000001", "C0000012", "C00001"];
    assert.equal(encodeIds(["C000005", ...odd]), `5|${[...odd].sort().join(" ")}`);
    assert.deepEqual(decodeIds(encodeIds(["C000005", ...odd])), ["C000005", ...[...odd].sort()]);
  });

  it("a list's IDs fill a cell to Excel's limit exactly, and one more takes a second row", () => {
    // Every other customer: "1" then ",2" for each next one, 2n − 1 characters for n IDs.
    const ids = (n: number) => Array.from({ length: n }, (_, i) => id(2 * i + 1));
    const full = lookListEntries("陈会计", "2026-11-24T11:00", "邮寄标签", ids(16_384), "x");
    assert.deepEqual(
      full.map((r) => [r.field, r.newValue.length]),
      [["customers", CELL_TEXT_MAX]],
    );
    const over = lookListEntries("陈会计", "2026-11-24T11:00", "邮寄标签", ids(16_385), "x");
    assert.equal(over.length, 2);
    assert.deepEqual(
      over.flatMap((r) => decodeIds(r.newValue)),
      ids(16_385),
    );
  });

  it("who looked: a customer's other rows and other lists' numbers are not looks at them", () => {
    const log = logOf([
      {
        time: "2026-02-01T09:00",
        person: "陈会计",
        action: "correct",
        customerId: "C000007",
        newValue: "电话",
      },
      { time: "2026-02-01T09:00", person: "陈会计", action: "contact", customerId: "C000009", newValue: "7" },
      { time: "2026-02-02T09:00", person: "王主管", action: "lookCard", customerId: "C000007" },
    ]);
    assert.deepEqual(
      looksAt(log, "C000007", "2026").map((l) => [l.action, l.person, l.sheet]),
      [["lookCard", "王主管", ""]],
    );
  });

  it("Validate's report of a look made without the right names the log row, its person and action", async () => {
    const people = await office();
    const trust = await trustStaff(people.entries, people.admin.fp);
    const log = logOf([
      {
        time: "2026-11-24T09:00",
        person: "路人甲",
        action: "printCard",
        customerId: "C000007",
        newValue: "卡片-C000007",
      },
      { time: "2026-11-24T09:00", person: "王主管", action: "lookCard", customerId: "C000008" },
      { time: "2026-11-24T09:00", person: "路人甲", action: "lookList", newValue: "7" },
    ]);
    assert.deepEqual(
      lookProblems(log, { lookRoles: defaultSettings.lookRoles }, trust, () => "王建国"),
      [
        {
          sheet: "changeLog",
          row: 2,
          column: "person",
          rule: "look.notEnrolled",
          value: "路人甲",
          detail: { person: "路人甲", action: "printCard" },
        },
      ],
    );
    // Not enrolled, the refusal itself says where and who.
    assert.deepEqual(lookRefusal({ lookRoles: [] }, trust, { name: "路人甲" }, "2026-11-24T09:00"), {
      sheet: "staff",
      row: 1,
      column: "name",
      rule: "look.notEnrolled",
      value: "路人甲",
      detail: { person: "路人甲" },
    });
  });
});
