/**
 * Finishing a cut-off intent acts only on what the intent's approval still holds for.
 * Each case logs an intent and nothing else (the cut), edits the rows by hand, and asks
 * the next run to finish it: it must refuse, say why, and leave the rows alone — or, for an
 * edit that changes nothing the approval covers, finish.
 */
import assert from "node:assert/strict";
import { bookContext } from "../../../src/domain/book-context";
import { intend, runOnJournal } from "../../../src/domain/journal/run";
import { readJournal } from "../../../src/domain/journal/journal";
import { planPosting } from "../../../src/domain/posting";
import { planTermination } from "../../../src/domain/termination";
import { planDestruction } from "../../../src/domain/destruction";
import { planStamping } from "../../../src/domain/stamping";
import { planCorrection } from "../../../src/domain/correction";
import { planReviewConfirmation } from "../../../src/domain/review";
import { chainEntries } from "../../../src/domain/change-log";
import { readSheet, rowOf } from "../../../src/domain/records";
import { changeLog } from "../../../src/domain/schema/sheets";
import { formatStamps, makeStamp } from "../../../src/domain/stamps/stamps";
import { isoToSerial } from "../../../src/domain/validate/date";
import type { Cell, Snapshot, Write } from "../../../src/domain/workbook";
import { apply } from "../support/apply";
import { now, snapshotOf, staffOf, stamper, world, type People } from "../../excel/integrity/world";

describe("finishing a cut-off intent trusts its approval, never the rows", function () {
  this.timeout(60_000);
  let people: People;
  let base: Snapshot;
  before(async () => {
    people = await staffOf();
    base = snapshotOf(await world(people));
  });
  const lang = "zh" as const;
  const ctx = (s: Snapshot) => bookContext(s, people.admin.fp);

  /** The plan's first write only: its intents logged, nothing else done. */
  const intentOnly = (plan: { writes: Write[] }) => structuredClone(apply(base, plan.writes.slice(0, 1)));
  const finish = async (s: Snapshot) => {
    const { settings, trust } = await ctx(s);
    const run = await runOnJournal(
      { snapshot: s, settings, trust, person: "陈会计", now, lang },
      async (r) => ({
        problems: [...r.blocked.values()],
      }),
    );
    return { ...run, after: apply(s, run.writes) };
  };
  const cell = (s: Snapshot, sheet: string, key: string, header: string) => {
    const [head, ...rows] = s.sheets[sheet]!.values;
    return rows.find((r) => r[0] === key)?.[head!.indexOf(header)];
  };
  const setCell = (s: Snapshot, sheet: string, key: string, header: string, value: Cell) => {
    const grid = s.sheets[sheet]!.values;
    grid[grid.findIndex((r) => r[0] === key)]![grid[0]!.indexOf(header)] = value;
  };
  const why = (r: Awaited<ReturnType<typeof finish>>) =>
    r.problems.map((p) => [p.rule, p.sheet, p.value, p.detail?.why, p.detail?.action]);
  const idsOn = (s: Snapshot, sheet: string) => s.sheets[sheet]!.values.slice(1).map((r) => r[0]);

  describe("a post", () => {
    const posted = async () => {
      const { settings, trust } = await ctx(base);
      return intentOnly(await planPosting(base, settings, trust, ["R000003"], { name: "陈会计" }, now, lang));
    };

    it("is finished from its request as it was approved, dated the day it was logged", async () => {
      const cut = await posted();
      const later = await finish({ ...cut });
      assert.deepEqual(later.finished, ["C000015"]);
      assert.equal(cell(later.after, "客户原簿", "C000015", "登记日期"), isoToSerial(now.date));
      assert.equal(cell(later.after, "客户原簿", "C000015", "来源申请编号"), "R000003");
      assert.equal(cell(later.after, "交易开始调查书", "R000003", "申请状态"), "已登记");
      assert.equal(cell(later.after, "交易开始调查书", "R000003", "登记客户编号"), "C000015");
    });

    it("is refused from a request edited since, or whose stamps were swapped, or that is gone or doubled", async () => {
      const edited = await posted();
      setCell(edited, "交易开始调查书", "R000003", "地址", "手改的地址");
      assert.deepEqual(why(await finish(edited)), [
        ["journal.cannotFinish", "intake", "C000015", "approval", "post"],
      ]);

      const swapped = await posted();
      const other = cell(swapped, "交易开始调查书", "R000001", "盖章")!;
      setCell(swapped, "交易开始调查书", "R000003", "盖章", other);
      assert.deepEqual(why(await finish(swapped)), [
        ["journal.cannotFinish", "intake", "C000015", "approval", "post"],
      ]);

      const gone = await posted();
      const grid = gone.sheets["交易开始调查书"]!.values;
      const row = grid.findIndex((r) => r[0] === "R000003");
      const [copy] = grid.splice(row, 1);
      assert.deepEqual(why(await finish(gone)), [
        ["journal.cannotFinish", "intake", "C000015", "request", "post"],
      ]);
      grid.push(copy!, copy!);
      const doubled = await finish(gone);
      assert.deepEqual(why(doubled), [["journal.cannotFinish", "intake", "C000015", "request", "post"]]);
      assert.equal(doubled.problems[0]!.row, grid.length, "at the second row");
      assert.ok(!idsOn(doubled.after, "客户原簿").includes("C000015"), "nothing posted");
    });

    it("is refused beside a Register row of that ID from another request, or two of them", async () => {
      const typed = await posted();
      const reg = typed.sheets["客户原簿"]!.values;
      const row = [...reg.find((r) => r[0] === "C000001")!];
      row[0] = "C000015";
      reg.push(row);
      assert.deepEqual(why(await finish(typed)), [
        ["journal.cannotFinish", "register", "C000015", "otherRequest", "post"],
      ]);
      reg.push(row);
      assert.deepEqual(why(await finish(typed)), [
        ["journal.cannotFinish", "register", "C000015", "duplicate", "post"],
      ]);
    });
  });

  describe("a termination", () => {
    const terminated = async () => {
      const { settings, trust } = await ctx(base);
      return intentOnly(
        await planTermination(
          base,
          settings,
          trust,
          ["C000007"],
          "past",
          "关系解除",
          stamper(people.head),
          now,
          lang,
        ),
      );
    };

    it("is finished from the Register row its stamp covers: archived with reason, date, approver and stamp", async () => {
      const later = await finish(await terminated());
      assert.deepEqual(later.finished, ["C000007"]);
      assert.ok(!idsOn(later.after, "客户原簿").includes("C000007"));
      assert.equal(cell(later.after, "交易过去", "C000007", "归档原因"), "关系解除");
      assert.equal(cell(later.after, "交易过去", "C000007", "归档日期"), isoToSerial(now.date));
      assert.equal(cell(later.after, "交易过去", "C000007", "状态"), "交易过去");
      assert.match(
        String(cell(later.after, "交易过去", "C000007", "批准人")),
        /^部门主管 王主管 2026-11-24 16:00 批准:关系解除$/,
      );
      assert.match(String(cell(later.after, "交易过去", "C000007", "盖章")), /部门主管 王主管.*⟦/);
    });

    it("is finished after an edit of a field its stamp does not cover", async () => {
      const cut = await terminated();
      setCell(cut, "客户原簿", "C000007", "电话", "010-62111111");
      const later = await finish(cut);
      assert.deepEqual([later.problems, later.finished], [[], ["C000007"]]);
      assert.equal(cell(later.after, "交易过去", "C000007", "电话"), "010-62111111");
    });

    it("is refused from a row edited where the stamp covers it, and the row stays on the Register", async () => {
      const cut = await terminated();
      setCell(cut, "客户原簿", "C000007", "企业名称", "改过的名字");
      const later = await finish(cut);
      assert.deepEqual(why(later), [
        ["journal.cannotFinish", "register", "C000007", "approval", "terminate"],
      ]);
      assert.ok(idsOn(later.after, "客户原簿").includes("C000007"));
      assert.ok(!idsOn(later.after, "交易过去").includes("C000007"));
    });

    it("is refused when its approval is no stamp, or its destination no archive", async () => {
      for (const [column, value] of [
        ["approval", "部门主管 王主管 (typed)"],
        ["newValue", "火星"],
      ] as const) {
        const cut = await terminated();
        const log = cut.sheets["变更记录"]!.values;
        const at = log[0]!.indexOf(changeLog.columns.find((c) => c.key === column)!.header.zh);
        log[log.length - 1]![at] = value;
        const later = await finish(cut);
        assert.deepEqual(
          later.problems.map((p) => [p.rule, p.sheet, p.column, p.detail?.why]),
          column === "approval" ? [["journal.cannotFinish", "changeLog", "op", "approval"]] : [],
          column,
        );
        assert.ok(idsOn(later.after, "客户原簿").includes("C000007"), `${column}: still on the Register`);
      }
    });
  });

  describe("a destruction", () => {
    it("is refused on a stamp that is not the manager's", async () => {
      const { trust } = await ctx(base);
      assert.ok(trust);
      const log = readSheet(changeLog, base);
      const values = { id: "C000004", reason: "无法恢复", date: now.date, contentHash: "ab".repeat(32) };
      const stamp = await makeStamp(people.head.privateKey, { kind: "destroy", ref: values.id, values }, [], {
        role: "deptHead",
        name: "王主管",
        time: `${now.date}T${now.time}`,
        decision: "approve",
        key: people.head.fp,
        fields: ["id", "reason", "date", "contentHash"],
        policy: "p1",
      });
      const [forged] = await chainEntries(String(log.records.at(-1)!.values.hash), [
        {
          time: `${now.date}T${now.time}`,
          person: "王主管",
          action: "destroy",
          op: "FORGED",
          customerId: "C000004",
          field: "place",
          oldValue: "交易过去",
          newValue: "已销毁",
          reason: "无法恢复",
          approval: formatStamps([stamp], "zh"),
          digest: "ab".repeat(32),
        },
      ]);
      const cut = structuredClone(base);
      cut.sheets["变更记录"]!.values.push(rowOf(log, { ...forged! }));
      const later = await finish(cut);
      assert.deepEqual(why(later), [["journal.cannotFinish", "changeLog", "C000004", "approval", "destroy"]]);
      assert.ok(idsOn(later.after, "交易过去").includes("C000004"), "nothing destroyed");
    });

    it("is refused when the digest its stamp covers was changed in the log", async () => {
      const { settings, trust } = await ctx(base);
      const cut = intentOnly(
        await planDestruction(
          base,
          trust,
          ["C000004"],
          "无法恢复",
          stamper(people.manager),
          now,
          lang,
          settings,
        ),
      );
      const log = cut.sheets["变更记录"]!.values;
      log[log.length - 1]![log[0]!.indexOf("内容摘要")] = "00".repeat(32);
      const later = await finish(cut);
      assert.deepEqual(why(later), [["journal.cannotFinish", "changeLog", "C000004", "approval", "destroy"]]);
    });
  });

  describe("a field change", () => {
    const corrected = async () => {
      const { settings, trust } = await ctx(base);
      return intentOnly(
        await planCorrection(
          base,
          settings,
          trust,
          "C000008",
          { phone: "010-62999999" },
          "来函",
          "陈会计",
          now,
          lang,
        ),
      );
    };

    it("is written where the cell still holds the old value, and left where it already holds the new", async () => {
      const later = await finish(await corrected());
      assert.equal(cell(later.after, "客户原簿", "C000008", "电话"), "010-62999999");
      const done = await corrected();
      setCell(done, "客户原簿", "C000008", "电话", "010-62999999");
      const again = await finish(done);
      assert.deepEqual(again.finished, ["C000008"]);
      assert.ok(!again.writes.some((w) => w.kind === "values" && w.sheet === "客户原簿"), "no cell written");
    });

    it("is refused where someone typed a third value, or the row is gone or doubled", async () => {
      const typed = await corrected();
      setCell(typed, "客户原簿", "C000008", "电话", "010-60000000");
      const t = await finish(typed);
      assert.deepEqual(why(t), [["journal.cannotFinish", "register", "C000008", "changed", "correct"]]);
      assert.equal(cell(t.after, "客户原簿", "C000008", "电话"), "010-60000000", "the typed value stays");

      const gone = await corrected();
      const reg = gone.sheets["客户原簿"]!.values;
      const [row] = reg.splice(
        reg.findIndex((r) => r[0] === "C000008"),
        1,
      );
      assert.deepEqual(why(await finish(gone)), [
        ["journal.cannotFinish", "register", "C000008", "missing", "correct"],
      ]);
      reg.push(row!, row!);
      assert.deepEqual(why(await finish(gone)), [
        ["journal.cannotFinish", "register", "C000008", "duplicate", "correct"],
      ]);
    });

    it("writes a date as the date Excel shows, and compares it as one", async () => {
      const { settings, trust } = await ctx(base);
      const cut = intentOnly(
        await planReviewConfirmation(base, settings, trust, ["C000009"], "陈会计", now, lang),
      );
      const later = await finish(cut);
      assert.equal(cell(later.after, "客户原簿", "C000009", "最近复核日期"), isoToSerial(now.date));
      assert.equal(cell(later.after, "客户原簿", "C000009", "复核人"), "陈会计");
      const again = await finish(later.after);
      assert.deepEqual(again.writes, [], "a date already there is the new value");
    });

    // Session 28: a review logs one row per customer; its reviewer is the row's person.
    const reviewedBy = async (reviewer: string) => {
      const { settings, trust } = await ctx(base);
      return intentOnly(
        await planReviewConfirmation(base, settings, trust, ["C000009"], reviewer, now, lang),
      );
    };

    it("sets a review's reviewer from the person who logged it, whoever finishes it", async () => {
      const cut = await reviewedBy("王复核");
      const log = cut.sheets["变更记录"]!.values;
      const head = log[0]!;
      const reviews = log.filter((r) => r[head.indexOf("操作")] === "review");
      assert.deepEqual(
        reviews.map((r) => [r[head.indexOf("客户编号")], r[head.indexOf("字段")], r[head.indexOf("操作人")]]),
        [["C000009", "lastReviewDate", "王复核"]],
      );
      const later = await finish(cut);
      assert.equal(cell(later.after, "客户原簿", "C000009", "最近复核日期"), isoToSerial(now.date));
      assert.equal(cell(later.after, "客户原簿", "C000009", "复核人"), "王复核");
    });

    it("sets no reviewer for any other change", async () => {
      const cut = await corrected();
      setCell(cut, "客户原簿", "C000008", "复核人", "李旧");
      const later = await finish(cut);
      assert.equal(cell(later.after, "客户原簿", "C000008", "电话"), "010-62999999");
      assert.equal(cell(later.after, "客户原簿", "C000008", "复核人"), "李旧");
    });

    it("sets the reviewer of a review cut after its date was written", async () => {
      const cut = await reviewedBy("王复核");
      setCell(cut, "客户原簿", "C000009", "最近复核日期", isoToSerial(now.date));
      const later = await finish(cut);
      assert.deepEqual(later.problems, []);
      assert.equal(cell(later.after, "客户原簿", "C000009", "复核人"), "王复核");
    });

    it("finishes a review logged the earlier way, a second row naming the reviewer", async () => {
      const { settings, trust } = await ctx(base);
      const earlier = await runOnJournal(
        { snapshot: base, settings, trust, person: "王复核", now, lang },
        async (run) => ({
          problems: await intend(run, [
            {
              action: "review",
              customerId: "C000009",
              field: "lastReviewDate",
              oldValue: "",
              newValue: now.date,
              reason: "无变化",
            },
            {
              action: "review",
              customerId: "C000009",
              field: "lastReviewer",
              oldValue: "",
              newValue: "王复核",
              reason: "无变化",
            },
          ]),
        }),
      );
      const cut = intentOnly(earlier);
      const later = await finish(cut);
      assert.deepEqual(later.problems, []);
      assert.equal(cell(later.after, "客户原簿", "C000009", "最近复核日期"), isoToSerial(now.date));
      assert.equal(cell(later.after, "客户原簿", "C000009", "复核人"), "王复核");
      assert.deepEqual((await finish(later.after)).writes, [], "nothing left to do");
    });

    it("is refused on a field the Register does not have", async () => {
      const cut = await corrected();
      const log = cut.sheets["变更记录"]!.values;
      log[log.length - 1]![log[0]!.indexOf("字段")] = "noSuchField";
      assert.deepEqual(why(await finish(cut)), [
        ["journal.cannotFinish", "changeLog", "C000008", "field", "correct"],
      ]);
    });
  });

  describe("a stamp", () => {
    const stamped = async () => {
      const { settings, trust } = await ctx(base);
      return intentOnly(
        await planStamping(
          base,
          settings,
          trust,
          ["R000005"],
          stamper(people.head),
          "approve",
          "",
          now,
          lang,
        ),
      );
    };

    it("is written into its request with the status it gave", async () => {
      const later = await finish(await stamped());
      assert.match(String(cell(later.after, "交易开始调查书", "R000005", "盖章")), /王主管/);
      assert.equal(cell(later.after, "交易开始调查书", "R000005", "申请状态"), "已批准");
    });

    it("is refused on a request edited since, or gone, or doubled", async () => {
      const edited = await stamped();
      setCell(edited, "交易开始调查书", "R000005", "企业名称", "改过的名字");
      assert.deepEqual(why(await finish(edited)), [
        ["journal.cannotFinish", "intake", "R000005", "approval", "stamp"],
      ]);
      const gone = await stamped();
      const grid = gone.sheets["交易开始调查书"]!.values;
      const [row] = grid.splice(
        grid.findIndex((r) => r[0] === "R000005"),
        1,
      );
      assert.deepEqual(why(await finish(gone)), [
        ["journal.cannotFinish", "intake", "R000005", "missing", "stamp"],
      ]);
      grid.push(row!, row!);
      assert.deepEqual(why(await finish(gone)), [
        ["journal.cannotFinish", "intake", "R000005", "duplicate", "stamp"],
      ]);
    });
  });

  it("never finishes an intent a later event overrides, yet closes its op", async () => {
    const { settings, trust } = await ctx(base);
    const first = await planCorrection(
      base,
      settings,
      trust,
      "C000008",
      { phone: "010-61111111" },
      "来函",
      "陈会计",
      now,
      lang,
    );
    const cut = structuredClone(apply(base, first.writes.slice(0, 1)));
    // A co-author's later correction of the same field, carried out and closed, lands after it.
    const log = readSheet(changeLog, cut);
    const later = await chainEntries(String(log.records.at(-1)!.values.hash), [
      {
        time: "2026-11-24T16:05",
        person: "李会计",
        action: "correct",
        op: "LATER",
        customerId: "C000008",
        field: "phone",
        oldValue: String(cell(cut, "客户原簿", "C000008", "电话")),
        newValue: "010-62222222",
        reason: "来函",
      },
      {
        time: "2026-11-24T16:05",
        person: "李会计",
        action: "done",
        op: "LATER",
        customerId: "",
        field: "",
        oldValue: "",
        newValue: "",
        reason: "",
      },
    ]);
    cut.sheets["变更记录"]!.values.push(...later.map((e) => rowOf(log, { ...e })));
    setCell(cut, "客户原簿", "C000008", "电话", "010-62222222");
    const finished = await finish(cut);
    assert.deepEqual(finished.problems, []);
    assert.equal(
      cell(finished.after, "客户原簿", "C000008", "电话"),
      "010-62222222",
      "the later value stands",
    );
    assert.deepEqual(readJournal(finished.after).unfinished, [], "the overridden op was closed");
  });
});
