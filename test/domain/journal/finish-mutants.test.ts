/**
 * Finishing logged intents, down to the cell: what the clerk and the department head see
 * after a cut-off action is finished by the next one — the new customer's row, the
 * archive's approver and stamp, a cell written once and not again, the row a refusal
 * points at — and what happens to intents someone appended to the Change log by hand
 * (log rows are not signed yet, see docs/decisions.md): they are carried out only where
 * their approval holds.
 */
import assert from "node:assert/strict";
import { bookContext } from "../../../src/domain/book-context";
import { chainEntries, type ChangeEntry } from "../../../src/domain/change-log";
import { planCorrection } from "../../../src/domain/correction";
import { planDestruction } from "../../../src/domain/destruction";
import { readJournal } from "../../../src/domain/journal/journal";
import { newOpNumber, runOnJournal } from "../../../src/domain/journal/run";
import { terminationSubject } from "../../../src/domain/journal/finish";
import { planPosting } from "../../../src/domain/posting";
import { readSheet, rowOf, text } from "../../../src/domain/records";
import { planReviewConfirmation } from "../../../src/domain/review";
import {
  archivePast,
  archiveSuspended,
  changeLog,
  intake,
  register,
} from "../../../src/domain/schema/sheets";
import { policyVersion } from "../../../src/domain/settings";
import { planStamping } from "../../../src/domain/stamping";
import { sha256Hex } from "../../../src/domain/stamps/encoding";
import {
  defaultStampedFields,
  formatStamps,
  makeStamp,
  verifyStamps,
} from "../../../src/domain/stamps/stamps";
import { planTermination } from "../../../src/domain/termination";
import { isoToSerial } from "../../../src/domain/validate/date";
import { stampedValues } from "../../../src/domain/stamps/values";
import { verifyWorkbook } from "../../../src/domain/verification";
import type { Snapshot, Write } from "../../../src/domain/workbook";
import type { SheetSchema } from "../../../src/domain/schema/model";
import { apply } from "../support/apply";
import { idsOn, recordsOf, withCell } from "../support/moves-book";
import { now, snapshotOf, staffOf, stamper, world, type People } from "../../excel/integrity/world";

describe("finishing logged intents: what the clerk and the department head see", function () {
  this.timeout(60_000);
  let people: People;
  let base: Snapshot;
  before(async () => {
    people = await staffOf();
    base = snapshotOf(await world(people));
  });
  const lang = "zh" as const;
  const ctx = (s: Snapshot) => bookContext(s, people.admin.fp);
  const time = `${now.date}T${now.time}`;

  /** The plan's first write only: its intents logged, nothing else done. */
  const intentOnly = (s: Snapshot, plan: { writes: Write[] }) => apply(s, plan.writes.slice(0, 1));
  /** The next run over the journal, doing nothing of its own: it finishes what was cut off. */
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
  const why = (r: {
    problems: { rule: string; sheet: string; value: string; detail?: Record<string, unknown> }[];
  }) => r.problems.map((p) => [p.rule, p.sheet, p.value, p.detail?.why, p.detail?.action]);
  const valueOf = (s: Snapshot, schema: SheetSchema, id: string, key: string, idKey = "id") =>
    recordsOf(s, schema).find((r) => text(r.values[idKey]) === id)?.values[key];
  const rowNumberOf = (s: Snapshot, schema: SheetSchema, id: string, idKey = "id") =>
    recordsOf(s, schema)
      .filter((r) => text(r.values[idKey]) === id)
      .map((r) => r.row);
  const writesTo = (writes: Write[], sheet: string) =>
    writes.filter((w) => "sheet" in w && w.sheet === sheet);

  /** Entries appended to the Change log by hand, chained as the add-in chains them. */
  const appendToLog = async (s: Snapshot, entries: ChangeEntry[]): Promise<Snapshot> => {
    const copy = structuredClone(s);
    const log = readSheet(changeLog, copy);
    const chained = await chainEntries(String(log.records.at(-1)!.values.hash), entries);
    copy.sheets[log.name!]!.values.push(...chained.map((e) => rowOf(log, { ...e })));
    return copy;
  };
  /** The last logged row, retyped with `patch` (and chained again, so the log itself still holds). */
  const relogLast = async (s: Snapshot, patch: Partial<ChangeEntry>): Promise<Snapshot> => {
    const copy = structuredClone(s);
    const log = readSheet(changeLog, copy);
    const v = log.records.at(-1)!.values;
    const grid = copy.sheets[log.name!]!.values;
    grid.splice(log.records.at(-1)!.row - 1, 1);
    const keys = ["time", "person", "action", "op", "customerId", "requestNo", "field"] as const;
    const entry: ChangeEntry = {
      ...(Object.fromEntries(keys.map((k) => [k, text(v[k])])) as Pick<ChangeEntry, (typeof keys)[number]>),
      oldValue: String(v.oldValue ?? ""),
      newValue: String(v.newValue ?? ""),
      reason: String(v.reason ?? ""),
      approval: String(v.approval ?? ""),
      ...patch,
    };
    return appendToLog(copy, [entry]);
  };
  const digestOf = async (stampsCell: string) => `sha256:${await sha256Hex(stampsCell)}`;

  describe("a post", () => {
    it("starts the new customer with no review date and empty notes: the request's note stays on the request", async () => {
      const { settings, trust } = await ctx(base);
      const noted = withCell(base, intake, "R000003", "notes", "请尽快登记");
      const cut = intentOnly(
        noted,
        await planPosting(noted, settings, trust, ["R000003"], { name: "陈会计" }, now, lang),
      );
      const later = await finish(cut);
      assert.deepEqual(later.finished, ["C000015"]);
      assert.equal(valueOf(later.after, register, "C000015", "lastReviewDate"), "");
      assert.equal(valueOf(later.after, register, "C000015", "lastReviewer"), "");
      assert.equal(valueOf(later.after, register, "C000015", "notes"), "");
      assert.equal(valueOf(later.after, intake, "R000003", "notes", "requestNo"), "请尽快登记");
    });

    it("finishing a post leaves alone a row pasted into 交易中止 under the new ID: only a reinstatement takes one out", async () => {
      const { settings, trust } = await ctx(base);
      const cut = intentOnly(
        base,
        await planPosting(base, settings, trust, ["R000003"], { name: "陈会计" }, now, lang),
      );
      const pasted = structuredClone(cut);
      const suspended = readSheet(archiveSuspended, pasted);
      const grid = pasted.sheets[suspended.name!]!.values;
      const copy = [...grid[1]!];
      copy[suspended.at.id!] = "C000015";
      grid.push(copy);
      const later = await finish(pasted);
      assert.deepEqual(later.finished, ["C000015"]);
      assert.deepEqual(rowNumberOf(later.after, register, "C000015").length, 1);
      assert.deepEqual(
        rowNumberOf(later.after, archiveSuspended, "C000015").length,
        1,
        "the pasted row stays",
      );
    });

    it("a request stamped again after its post was logged, validly but not as logged, is not posted: the approval is the logged one", async () => {
      const { settings, trust } = await ctx(base);
      const cut = intentOnly(
        base,
        await planPosting(base, settings, trust, ["R000003"], { name: "陈会计" }, now, lang),
      );
      const request = recordsOf(cut, intake).find((r) => text(r.values.requestNo) === "R000003")!;
      const values = stampedValues(
        Object.fromEntries(intake.columns.map((c) => [c.key, text(request.values[c.key])])),
      );
      const again = await makeStamp(people.head.privateKey, { kind: "intake", ref: "R000003", values }, [], {
        role: people.head.entry.role,
        name: people.head.entry.name,
        time: `${now.date}T17:45`,
        decision: "approve",
        key: people.head.fp,
        fields: defaultStampedFields,
        policy: policyVersion(settings),
      });
      const restamped = withCell(cut, intake, "R000003", "stamps", formatStamps([again], "zh"));
      const later = await finish(restamped);
      assert.deepEqual(later.finished, []);
      assert.deepEqual(rowNumberOf(later.after, register, "C000015"), [], "not on the Register");
    });

    const handPost = (requestNo: string, approval: string): ChangeEntry => ({
      time,
      person: "陈会计",
      action: "post",
      op: "BYHAND",
      customerId: "C000015",
      requestNo,
      field: "place",
      oldValue: "",
      newValue: "客户原簿",
      reason: "",
      approval,
    });

    it("appended by hand for a request still waiting for its stamps posts nothing and names the request", async () => {
      assert.equal(valueOf(base, intake, "R000005", "stamps", "requestNo"), "");
      const forged = await appendToLog(base, [handPost("R000005", await digestOf(""))]);
      const later = await finish(forged);
      assert.deepEqual(why(later), [["journal.cannotFinish", "intake", "C000015", "approval", "post"]]);
      assert.ok(!idsOn(later.after, register).includes("C000015"), "nobody posted");
      assert.equal(valueOf(later.after, intake, "R000005", "intakeStatus", "requestNo"), "待盖章");
    });

    it("appended by hand for a request whose head's stamp was doubled posts nothing", async () => {
      const line = String(valueOf(base, intake, "R000003", "stamps", "requestNo"));
      const doubled = `${line}\n${line}`;
      const edited = withCell(base, intake, "R000003", "stamps", doubled);
      const forged = await appendToLog(edited, [handPost("R000003", await digestOf(doubled))]);
      const later = await finish(forged);
      assert.deepEqual(why(later), [["journal.cannotFinish", "intake", "C000015", "approval", "post"]]);
      assert.ok(!idsOn(later.after, register).includes("C000015"), "nobody posted");
    });
  });

  describe("a termination", () => {
    const terminated = async (s = base) => {
      const { settings, trust } = await ctx(s);
      return intentOnly(
        s,
        await planTermination(
          s,
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
    const words = "部门主管 王主管 2026-11-24 16:00 批准:关系解除";

    it("approved by the chairman, who may not end a relationship, is not finished: the customer stays on the Register", async () => {
      const { settings } = await ctx(base);
      const values = recordsOf(base, register).find((r) => r.values.id === "C000007")!.values;
      const stamp = await makeStamp(
        people.chairman.privateKey,
        terminationSubject("past", values, "关系解除", now.date),
        [],
        {
          role: "chairman",
          name: "李董事长",
          time,
          decision: "approve",
          reason: "关系解除",
          key: people.chairman.fp,
          fields: [...defaultStampedFields, "id", "archiveReason", "archivedDate"],
          policy: policyVersion(settings),
        },
      );
      const forged = await appendToLog(base, [
        {
          time,
          person: "李董事长",
          action: "terminate",
          op: "BYHAND",
          customerId: "C000007",
          field: "place",
          oldValue: "客户原簿",
          newValue: "交易过去",
          reason: "关系解除",
          approval: formatStamps([stamp], "zh"),
        },
      ]);
      const later = await finish(forged);
      assert.deepEqual(why(later), [
        ["journal.cannotFinish", "register", "C000007", "approval", "terminate"],
      ]);
      assert.ok(idsOn(later.after, register).includes("C000007"), "still on the Register");
      assert.ok(!idsOn(later.after, archivePast).includes("C000007"), "not archived");
    });

    it("refused after an edit its stamp covers points at the customer's Register row", async () => {
      const cut = withCell(await terminated(), register, "C000007", "name", "改过的名字");
      const later = await finish(cut);
      assert.deepEqual(why(later), [
        ["journal.cannotFinish", "register", "C000007", "approval", "terminate"],
      ]);
      assert.deepEqual(
        later.problems.map((p) => p.row),
        rowNumberOf(cut, register, "C000007"),
      );
      assert.notEqual(later.problems[0]!.row, 1);
    });

    it("whose customer's Register row was deleted by hand is reported, not a crash", async () => {
      const cut = await terminated();
      const grid = cut.sheets["客户原簿"]!.values;
      grid.splice(
        grid.findIndex((r) => r[0] === "C000007"),
        1,
      );
      const later = await finish(cut);
      assert.deepEqual(why(later), [
        ["journal.cannotFinish", "register", "C000007", "approval", "terminate"],
      ]);
      assert.equal(later.problems[0]!.row, 1);
    });

    it("names the approver by the stamp's words, however the logged stamp line is spaced", async () => {
      const cut = await terminated();
      const line = readJournal(cut).rows.at(-1)!.approval;
      assert.ok(line.startsWith(`${words} ⟦`));
      const earlier = text(valueOf(base, register, "C000007", "stamps"));
      for (const approval of [`${line}\n`, `\n${line}`, line.replace(" ⟦", "⟦")]) {
        const later = await finish(await relogLast(cut, { approval }));
        assert.deepEqual(later.problems, [], JSON.stringify(approval));
        assert.equal(
          valueOf(later.after, archivePast, "C000007", "archiveApprover"),
          words,
          JSON.stringify(approval),
        );
        const stamps = String(valueOf(later.after, archivePast, "C000007", "stamps"));
        assert.equal(
          stamps,
          earlier ? `${earlier}\n${approval.trim()}` : approval.trim(),
          JSON.stringify(approval),
        );
      }
    });

    it("a head's approval to suspend is no approval to end the relationship: where it goes is signed", async () => {
      const { settings, trust } = await ctx(base);
      const values = recordsOf(base, register).find((r) => r.values.id === "C000007")!.values;
      const stamp = await makeStamp(
        people.head.privateKey,
        terminationSubject("suspended", values, "关系解除", now.date),
        [],
        {
          role: "deptHead",
          name: people.head.entry.name,
          time,
          decision: "approve",
          reason: "关系解除",
          key: people.head.fp,
          fields: [...defaultStampedFields, "id", "archiveReason", "archivedDate"],
          policy: policyVersion(settings),
        },
      );
      const rule = { chain: ["deptHead"], department: text(values.department) };
      const as = async (target: string) =>
        (
          await verifyStamps(terminationSubject(target, values, "关系解除", now.date), [stamp], trust, rule)
        )[0]?.issue;
      assert.equal(await as("suspended"), undefined);
      assert.notEqual(await as("past"), undefined);
    });
  });

  describe("a destruction", () => {
    it("finished after a cut clears the customer's address labels as well", async () => {
      const { settings, trust } = await ctx(base);
      const labels = "邮寄标签";
      const name = String(valueOf(base, archivePast, "C000004", "name"));
      const address = String(valueOf(base, archivePast, "C000004", "address"));
      const holds = (s: Snapshot, word: string) =>
        s.sheets[labels]!.values.some((row) => row.some((v) => String(v).includes(word)));
      assert.ok(holds(base, name) && holds(base, address), "the labels name C000004 before");
      const cut = intentOnly(
        base,
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
      const later = await finish(cut);
      assert.deepEqual(later.finished, ["C000004"]);
      assert.ok(!holds(later.after, name), "its name is gone from the labels");
      assert.ok(!holds(later.after, address), "its address is gone from the labels");
    });
  });

  describe("a field change", () => {
    const corrected = async (s: Snapshot, changes: Record<string, string>, id = "C000008") => {
      const { settings, trust } = await ctx(s);
      return planCorrection(s, settings, trust, id, changes, "来函", "陈会计", now, lang);
    };

    it("refused on a doubled Register row points at the second row", async () => {
      const cut = intentOnly(base, await corrected(base, { phone: "010-62999999" }));
      const grid = cut.sheets["客户原簿"]!.values;
      grid.push([...grid.find((r) => r[0] === "C000008")!]);
      const later = await finish(cut);
      assert.deepEqual(why(later), [["journal.cannotFinish", "register", "C000008", "duplicate", "correct"]]);
      assert.equal(later.problems[0]!.row, grid.length);
    });

    it("of a phone number makes no department list named after the number", async () => {
      const plan = await corrected(base, { phone: "010-62999999" });
      assert.deepEqual(plan.problems, []);
      const after = apply(base, plan.writes);
      assert.deepEqual(after.sheetNames, base.sheetNames);
      assert.equal(valueOf(after, register, "C000008", "phone"), "010-62999999");
    });

    it("of the department rebuilds the lists of both departments", async () => {
      const plan = await corrected(base, { department: "业务二部" });
      assert.deepEqual(plan.problems, []);
      const after = apply(base, plan.writes);
      assert.ok(after.sheetNames.includes("一览表-业务二部"), "the new department's list");
      assert.ok(!after.sheets["一览表-业务一部"]!.values.some((r) => r[0] === "C000008"), "off the old list");
    });

    it("leaves every other customer of the department on its list", async () => {
      const list = "一览表-业务一部";
      const plan = await corrected(base, { phone: "010-62999999" });
      const after = apply(base, plan.writes);
      assert.ok(writesTo(plan.writes, list).length > 0, "the list was rebuilt");
      const listed = after.sheets[list]!.values.slice(1).map((r) => r[0]);
      const onRegister = [...new Set(idsOn(base, register))].filter((id) => {
        const state = readJournal(base).states.get(id);
        return state?.place === "register" && valueOf(base, register, id, "department") === "业务一部";
      });
      assert.ok(onRegister.length > 5);
      assert.deepEqual(listed, onRegister.sort());
    });

    it("a review replaces an earlier review date Excel holds as a date", async () => {
      const reviewed = withCell(base, register, "C000009", "lastReviewDate", isoToSerial("2025-11-20"));
      const { settings, trust } = await ctx(reviewed);
      const plan = await planReviewConfirmation(reviewed, settings, trust, ["C000009"], "陈会计", now, lang);
      assert.deepEqual(plan.problems, []);
      const after = apply(reviewed, plan.writes);
      assert.equal(valueOf(after, register, "C000009", "lastReviewDate"), isoToSerial(now.date));
    });

    it("a notes cell Excel holds as a number is corrected to the date text the clerk typed", async () => {
      const typed = withCell(base, register, "C000008", "notes", isoToSerial("2026-11-20"));
      const plan = await corrected(typed, { notes: "2026-11-20" });
      assert.deepEqual(plan.problems, []);
      const after = apply(typed, plan.writes);
      assert.equal(valueOf(after, register, "C000008", "notes"), "2026-11-20");
    });

    const handCorrection = (field: string, oldValue: string, newValue: string): ChangeEntry => ({
      time,
      person: "陈会计",
      action: "correct",
      op: "BYHAND",
      customerId: "C000008",
      field,
      oldValue,
      newValue,
      reason: "来函",
    });

    it("appended by hand with a stray space after its old value is still carried out where the cell holds it", async () => {
      const phone = String(valueOf(base, register, "C000008", "phone"));
      const text_ = await finish(
        await appendToLog(base, [handCorrection("phone", `${phone} `, "010-62999999")]),
      );
      assert.deepEqual(text_.problems, []);
      assert.equal(valueOf(text_.after, register, "C000008", "phone"), "010-62999999");

      const dated = withCell(base, register, "C000008", "firstTradeDate", isoToSerial("2025-11-20"));
      const date = await finish(
        await appendToLog(dated, [handCorrection("firstTradeDate", "2025-11-20 ", "2026-11-01")]),
      );
      assert.deepEqual(date.problems, []);
      assert.equal(valueOf(date.after, register, "C000008", "firstTradeDate"), isoToSerial("2026-11-01"));
    });
  });

  describe("a stamp", () => {
    const stamping = async () => {
      const { settings, trust } = await ctx(base);
      return planStamping(base, settings, trust, ["R000005"], stamper(people.head), "approve", "", now, lang);
    };
    /** Cut after every cell was written, before the op's "done" row. */
    const allButDone = async () => {
      const plan = await stamping();
      const last = plan.writes.at(-1)!;
      assert.ok("sheet" in last && last.sheet === "变更记录", "the plan ends with its done row");
      return apply(base, plan.writes.slice(0, -1));
    };

    it("is logged as the Change log shows a stamp: the request, the field, no old value, the new status, the role", async () => {
      const after = apply(base, (await stamping()).writes);
      const row = readJournal(after).rows.find((r) => r.action === "stamp" && r.requestNo === "R000005")!;
      assert.deepEqual(
        [row.field, row.oldValue, row.newValue, row.reason, row.customerId],
        ["stamps", "", "已批准", "deptHead", ""],
      );
    });

    it("already wholly in its request is finished without writing the request again", async () => {
      const cut = await allButDone();
      assert.equal(readJournal(cut).unfinished.length, 1);
      assert.equal(valueOf(cut, intake, "R000005", "intakeStatus", "requestNo"), "已批准");
      const later = await finish(cut);
      assert.deepEqual([later.problems, later.finished], [[], ["R000005"]]);
      assert.deepEqual(writesTo(later.writes, "交易开始调查书"), [], "no cell of the request written");
      assert.deepEqual(readJournal(later.after).unfinished, [], "its op closed");
    });

    it("already in its request is not written again when its logged approval ends in a stray line break", async () => {
      const cut = await allButDone();
      const approval = readJournal(cut).rows.at(-1)!.approval;
      const later = await finish(await relogLast(cut, { approval: `${approval}\n` }));
      assert.deepEqual([later.problems, later.finished], [[], ["R000005"]]);
      assert.deepEqual(writesTo(later.writes, "交易开始调查书"), [], "no cell of the request written");
    });

    it("logged as a typed name, or with the head's stamp twice, is not written into the request", async () => {
      const plan = await stamping();
      const cut = intentOnly(base, plan);
      const line = readJournal(cut).rows.at(-1)!.approval;
      for (const approval of ["部门主管 王主管 2026-11-24 16:00 批准", `${line}\n${line}`]) {
        const later = await finish(await relogLast(cut, { approval }));
        assert.deepEqual(
          why(later),
          [["journal.cannotFinish", "intake", "R000005", "approval", "stamp"]],
          approval,
        );
        assert.equal(valueOf(later.after, intake, "R000005", "stamps", "requestNo"), "", "no stamp written");
        assert.equal(valueOf(later.after, intake, "R000005", "intakeStatus", "requestNo"), "待盖章");
      }
    });

    it("refused on a doubled request points at the second row", async () => {
      const cut = intentOnly(base, await stamping());
      const grid = cut.sheets["交易开始调查书"]!.values;
      grid.push([...grid.find((r) => r[0] === "R000005")!]);
      const later = await finish(cut);
      assert.deepEqual(why(later), [["journal.cannotFinish", "intake", "R000005", "duplicate", "stamp"]]);
      assert.equal(later.problems[0]!.row, grid.length);
    });
  });

  describe("every action over the journal", () => {
    it("writes its op number as ten capital hex digits, the same on its intents and its done row", async () => {
      for (let i = 0; i < 40; i++) assert.match(newOpNumber(), /^[0-9A-F]{10}$/);
      const plan = await (async () => {
        const { settings, trust } = await ctx(base);
        return planCorrection(
          base,
          settings,
          trust,
          "C000008",
          { phone: "010-62999999" },
          "来函",
          "陈会计",
          now,
          lang,
        );
      })();
      const rows = readJournal(apply(base, plan.writes)).rows.slice(-3);
      assert.deepEqual(
        rows.map((r) => r.action),
        ["correct", "buildDeptList", "done"],
      );
      assert.match(rows[0]!.op, /^[0-9A-F]{10}$/);
      assert.equal(rows[2]!.op, rows[0]!.op);
    });

    it("tells where an archived customer is when asked to change it", async () => {
      const { settings, trust } = await ctx(base);
      const plan = await planCorrection(
        base,
        settings,
        trust,
        "C000004",
        { phone: "010-62999999" },
        "来函",
        "陈会计",
        now,
        lang,
      );
      assert.deepEqual(
        plan.problems.map((p) => [p.rule, p.value, p.detail]),
        [["journal.wrongPlace", "C000004", { place: "past" }]],
      );
    });

    it("reports a customer whose Register row was deleted by hand as missing", async () => {
      const gone = structuredClone(base);
      const grid = gone.sheets["客户原簿"]!.values;
      grid.splice(
        grid.findIndex((r) => r[0] === "C000008"),
        1,
      );
      const { settings, trust } = await ctx(gone);
      const plan = await planCorrection(
        gone,
        settings,
        trust,
        "C000008",
        { phone: "010-62999999" },
        "来函",
        "陈会计",
        now,
        lang,
      );
      assert.deepEqual(
        plan.problems.map((p) => [p.rule, p.sheet, p.row, p.value]),
        [["journal.missingRow", "register", 1, "C000008"]],
      );
    });
  });

  describe("Validate, on an archived customer's stamps", () => {
    it("does not call them changed since posting for a blank line before the termination stamp", async () => {
      const { settings, trust } = await ctx(base);
      const journal = readJournal(base);
      const stampsOf = (s: Snapshot) =>
        verifyWorkbook(s, settings, trust, journal).then((ps) =>
          ps.filter((p) => p.sheet === "archivePast" && p.column === "stamps").map((p) => [p.rule, p.value]),
        );
      const cell = String(valueOf(base, archivePast, "C000014", "stamps"));
      const lines = cell.split("\n");
      assert.equal(lines.length, 2, "its intake stamp, then its termination stamp");
      assert.deepEqual(await stampsOf(base), []);
      const spaced = withCell(base, archivePast, "C000014", "stamps", `${lines[0]}\n\n${lines[1]}`);
      assert.deepEqual(await stampsOf(spaced), []);
      const trailing = withCell(base, archivePast, "C000014", "stamps", `${lines[0]} \n${lines[1]}`);
      assert.deepEqual(await stampsOf(trailing), []);
    });
  });
});
