/**
 * Issue 15: the looks at many customers — the monthly lists and their counts, labels and
 * envelope lists, a loan's extract, a mailing for an outside party — read the columns they
 * choose by, the rows chosen and those customers' rows in the Change log
 * (domain/journal/look-needs.ts), and make exactly the sheets, log rows and answers that
 * reading the same sheets whole makes (`readWhole`): on the integrity tests' workbook, and
 * on it after rows were pasted and cells typed by hand.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import type { ExcelEnv } from "../../src/excel/env";
import { approveInvalidList, buildMonthlyLists, loadMonthlyCounts } from "../../src/excel/actions/lists";
import { buildMailing } from "../../src/excel/actions/mailing";
import {
  buildReviewList,
  confirmReviews,
  loadWorklist,
  markInvalid,
} from "../../src/excel/actions/lifecycle";
import { applyForLoan, buildLoanExtract, returnLoans, stampLoans } from "../../src/excel/actions/loans";
import { lastTwelveMonths } from "../../src/domain/lists/monthly";
import { isoToSerial } from "../../src/domain/validate/date";
import { changeLog, register } from "../../src/domain/schema/sheets";
import { headerIndex } from "../../src/domain/layout";
import type { Cell } from "../../src/domain/workbook";
import { bookOf, envOf, seedStaff, yearEndLoan } from "./fixtures";
import { logRowAfter, now, stamper, staffOf, world, type People } from "./integrity/world";
import { padApprovals, pasteRow, typeInto } from "./integrity/insider";
import { difference } from "./support/same-book";
import { assertSettled } from "./integrity/invariants";
import { SPACINGS, atSpacing, spacingLabel } from "./support/checkpoint-spacing";

const REGISTER = "客户原簿";
const LOANS = "使用登记簿";
const LOG = "变更记录";
const readBytes = (host: MemoryExcelHost) => host.syncLog.reduce((sum, s) => sum + s.responseBytes, 0);
const at = (key: string) => register.columns.findIndex((c) => c.key === key);
const rowOf = (host: MemoryExcelHost, id: string) =>
  host.sheet(REGISTER).values.findIndex((r) => r[0] === id);

/** A look run on two copies of a workbook, one reading what it needs and one every needed sheet whole: the same. */
async function bothWays<T>(
  from: MemoryExcelHost,
  what: string,
  look: (env: ExcelEnv) => Promise<T>,
  env: (host: MemoryExcelHost) => ExcelEnv,
): Promise<{ partial: MemoryExcelHost; whole: MemoryExcelHost; result: T }> {
  const whole = from.clone();
  const partial = from.clone();
  const a = await look({ ...env(whole), readWhole: true });
  const b = await look(env(partial));
  assert.deepEqual(b, a, what);
  assert.equal(difference(partial, whole), "", what);
  return { partial, whole, result: b };
}

for (const spacing of SPACINGS)
  describe(`${"looks at many customers read what they choose (issue 15)"}${spacingLabel(spacing)}`, function () {
    atSpacing(spacing);
    this.timeout(240_000);
    let people: People;
    let base: MemoryExcelHost;
    // Looking customers up in bulk is a role of 查询权限 (looking.ts): the manager, under their seal.
    const looking = (host: MemoryExcelHost): ExcelEnv => ({
      ...envOf(host),
      signer: () => ({ fingerprint: people.manager.fp, privateKey: people.manager.privateKey }),
    });
    const manager = () => people.manager.entry.name;
    before(async () => {
      people = await staffOf();
      base = await world(people);
    });

    /** The world, after hands that are not the add-in's touched the Register. */
    function typedOver(): MemoryExcelHost {
      const host = base.clone();
      const values = host.sheet(REGISTER).values;
      const copy = (id: string) => [...values[rowOf(host, id)]!] as Cell[];
      // A customer the journal never posted, pasted with this month's posting date.
      pasteRow(
        host,
        REGISTER,
        Object.assign(copy("C000013"), { [at("id")]: "C000099", [at("name")]: "粘贴公司" }),
      );
      // C000002 pasted again below with another name and region: the first row counts.
      pasteRow(
        host,
        REGISTER,
        Object.assign(copy("C000002"), { [at("name")]: "重复公司", [at("region")]: "西北" }),
      );
      // C000007 typed invalid by hand (the log has no mark), C000001 typed into this month.
      typeInto(host, REGISTER, rowOf(host, "C000007") + 1, "状态", "无效待删");
      typeInto(host, REGISTER, rowOf(host, "C000001") + 1, "登记日期", "2026-11-02");
      typeInto(host, REGISTER, rowOf(host, "C000008") + 1, "重要客户", "是");
      return host;
    }

    it("monthly lists and their counts: one month, twelve months, both kinds", async () => {
      // The month's invalid list stamped: C000005 and C000006 moved to Archive-Past, still on it.
      const approved = typedOver();
      const stamped = await approveInvalidList(
        envOf(approved),
        people.admin.fp,
        "2026-11",
        stamper(people.head),
        now,
      );
      assert.ok(stamped.ok && stamped.moved.length === 2, JSON.stringify(stamped));
      // C000013 posted this month (C000014 too, archived since), C000005 and C000006 marked
      // invalid; typed over, C000001's posting date typed into the month counts (the journal
      // places it on the Register; its date is the row's), the pasted C000099 does not.
      for (const [what, from, expected] of [
        ["as the add-in left it", base, "新增2026-11:2 无效2026-11:2"],
        ["rows pasted and cells typed", typedOver(), "新增2026-11:3 无效2026-11:2"],
        ["the invalid list stamped", approved, "新增2026-11:3 无效2026-11:2"],
      ] as const) {
        const one = await bothWays(
          from,
          `${what}: 2026-11`,
          (env) => buildMonthlyLists(env, ["2026-11"], ["new", "invalid"], manager(), now),
          looking,
        );
        assert.ok(one.result.ok && one.result.problems.length === 0, JSON.stringify(one.result));
        assert.equal(one.result.lists.map((l) => `${l.sheetName}:${l.count}`).join(" "), expected, what);
        const year = await bothWays(
          from,
          `${what}: twelve months`,
          (env) => buildMonthlyLists(env, lastTwelveMonths("2026-11"), ["new", "invalid"], manager(), now),
          looking,
        );
        assert.ok(year.result.ok && year.result.counts.length === 12);
        await bothWays(from, `${what}: counts`, (env) => loadMonthlyCounts(env, "2026-11"), envOf);
      }
    });

    it("a month's lists over a log of several months: the invalid marks found in their months' blocks, the same lists as a whole read", async () => {
      // After the world (all of it November's), a December of review confirmations of the
      // customers on no list — and a customer marked invalid among them, and one typed
      // invalid on the Register by hand.
      const host = base.clone();
      const novemberRows = host.sheet(LOG).values.length;
      const listed = ["C000005", "C000006", "C000009", "C000010", "C000013", "C000014"];
      const ids = host
        .sheet(REGISTER)
        .values.slice(1)
        .map((r) => String(r[0]))
        .filter((id) => !listed.includes(id));
      const december = (day: number) => ({ date: `2026-12-${String(day).padStart(2, "0")}`, time: "10:00" });
      for (let day = 1; day <= 6; day++) {
        assert.ok((await confirmReviews(envOf(host), ids, "陈会计", december(day))).ok);
        if (day === 3)
          assert.ok(
            (await markInvalid(envOf(host), ["C000009"], "noResponse", "", "陈会计", december(3))).ok,
          );
      }
      typeInto(host, REGISTER, rowOf(host, "C000010") + 1, "状态", "无效待删");
      const lists = async (
        months: string[],
        on: { date: string; time: string },
        kinds: ("new" | "invalid")[] = ["new", "invalid"],
      ) => {
        const { partial, result } = await bothWays(
          host,
          months.join(" "),
          (env) => buildMonthlyLists(env, months, kinds, manager(), on),
          looking,
        );
        assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
        return { partial, lists: result.lists.map((l) => `${l.sheetName}:${l.count}`).join(" ") };
      };
      const november = await lists(["2026-11"], now);
      assert.equal(november.lists, "新增2026-11:2 无效2026-11:2");
      // December's: C000009 marked in it (C000010, typed invalid, has no mark: on no list).
      assert.equal((await lists(["2026-12"], december(20))).lists, "新增2026-12:0 无效2026-12:1");
      assert.equal(
        (await lists(lastTwelveMonths("2026-12"), december(20))).lists,
        "新增2026-11:2 无效2026-11:2 无效2026-12:1",
      );
      // Months asked out of order: the counts run to the latest (November's new names
      // counted, though no new list is asked for); no marks read for new lists alone.
      assert.equal((await lists(["2026-11", "2026-10"], now, ["invalid"])).lists, "无效2026-11:2");
      const newOnly = host.clone();
      newOnly.loadTrace = [];
      assert.ok((await buildMonthlyLists(looking(newOnly), ["2026-11"], ["new"], manager(), now)).ok);
      // (Excel's COUNT of numbers goes with every `within` count, and nothing else asks it.)
      assert.ok(
        !newOnly.loadTrace.some((l) => JSON.stringify(l.describe).includes('functions.count"')),
        "new lists alone read no marks",
      );
      if (!spacing) return;
      // The log's time column is read in November's blocks (for its marks), from the last
      // checkpoint down and from a checkpoint to each row the lists' customers have (for the
      // journal's clock) — not December's confirmations above the last checkpoint (rows read
      // whole, the checkpoints' own cells, are rows, not the column).
      const time = headerIndex(changeLog, host.sheet(LOG).values[0]!).time!;
      const copy = host.clone();
      copy.loadTrace = [];
      assert.ok((await buildMonthlyLists(looking(copy), ["2026-11"], ["new", "invalid"], manager(), now)).ok);
      let timeRows = 0;
      for (const { describe } of copy.loadTrace) {
        const m = /变更记录.*getRangeByIndexes\((\d+),(\d+),(\d+),(\d+)\)/.exec(JSON.stringify(describe));
        if (m && Number(m[2]) === time && Number(m[4]) === 1) timeRows += Number(m[3]);
      }
      const decemberRows = host.sheet(LOG).values.length - novemberRows;
      assert.ok(decemberRows > 60, `${decemberRows} rows in December`);
      assert.ok(
        timeRows < novemberRows + 2 * spacing + 6,
        `${timeRows} time cells read of ${host.sheet(LOG).values.length}`,
      );
    });

    it("a month's lists cut after every operation of every sync: the failure reaches the pane, and the lists built next are a whole read's", async () => {
      // The invalid list stamped: its customers are on Archive-Past, found by the marks' read.
      const from = base.clone();
      assert.ok(
        (await approveInvalidList(envOf(from), people.admin.fp, "2026-11", stamper(people.head), now)).ok,
      );
      const build = (env: ExcelEnv) =>
        buildMonthlyLists(env, ["2026-11"], ["new", "invalid"], manager(), now);
      const dry = from.clone();
      dry.resetCounters();
      const uncut = await build(looking(dry));
      assert.ok(uncut.ok && uncut.problems.length === 0, JSON.stringify(uncut));
      const lists = (r: Awaited<ReturnType<typeof build>>) =>
        r.ok ? r.lists.map((l) => `${l.sheetName}:${l.count}`).join(" ") : JSON.stringify(r);
      assert.equal(lists(uncut), "新增2026-11:2 无效2026-11:2");
      const points = dry.syncLog.flatMap((sync, i) =>
        Array.from({ length: sync.writes ? sync.operations + 1 : 1 }, (_, n) => ({ k: i + 1, n })),
      );
      assert.ok(points.length > 10, `${points.length} cut points`);
      for (const { k, n } of points) {
        const cut = from.clone();
        cut.failAtSync(k, { operations: n });
        const label = `cut at sync ${k} after ${n} operations`;
        assert.equal((await build(looking(cut))).ok, false, `${label}: the failure reaches the pane`);
        // A co-author's act first, then the lists again: what a whole read of the same workbook makes.
        assert.ok((await markInvalid(envOf(cut), ["C000011"], "noResponse", "", "陈会计", now)).ok, label);
        const { result } = await bothWays(cut, label, build, looking);
        assert.equal(lists(result), "新增2026-11:2 无效2026-11:3", label);
        await assertSettled(cut, people, label);
      }
    });

    it("labels and envelope lists: by department, by class and type, by region, key customers only", async () => {
      const region = String(base.sheet(REGISTER).values[rowOf(base, "C000002")]![at("region")]);
      // No key customer in the sample; typed over, C000008 is one (typed, as its key status is).
      for (const [what, from, keys] of [
        ["as the add-in left it", base, 0],
        ["rows pasted and cells typed", typedOver(), 1],
      ] as const)
        for (const [filter, form, count] of [
          [{ department: "业务一部" }, "labels", undefined],
          [{ class: "B", type: "经销商" }, "envelopes", undefined],
          [{ region }, "labels", undefined],
          // C000002's second row is of 西北, its first (the one that counts) is not.
          [{ region: "西北" }, "labels", undefined],
          [{ keyOnly: true }, "envelopes", keys],
        ] as const) {
          const { result } = await bothWays(
            from,
            `${what}: ${JSON.stringify(filter)}`,
            (env) => buildMailing(env, filter, form, manager(), now, "年末客户回访"),
            looking,
          );
          assert.ok(result.ok, JSON.stringify(result));
          if (count === undefined) assert.ok(result.count > 0, JSON.stringify(result));
          else assert.equal(result.count, count, `${what}: ${JSON.stringify(result)}`);
        }
    });

    it("a loan's extract, and a mailing under an outside party's release", async () => {
      const from = typedOver();
      const env = envOf(from);
      const region = String(from.sheet(REGISTER).values[rowOf(from, "C000002")]![at("region")]);
      const applied = await applyForLoan(env, { ...yearEndLoan, class: "B", region }, "陈会计", now);
      assert.ok(applied.ok && applied.loanNo, JSON.stringify(applied));
      const outside = await applyForLoan(env, { ...yearEndLoan, recipient: "华兴印刷厂" }, "陈会计", now);
      assert.ok(outside.ok && outside.loanNo, JSON.stringify(outside));
      assert.ok(
        (await stampLoans(env, people.admin.fp, [applied.loanNo], stamper(people.head), "approve", "", now))
          .ok,
      );
      assert.ok(
        (
          await stampLoans(
            env,
            people.admin.fp,
            [outside.loanNo],
            stamper(people.chairman),
            "approve",
            "",
            now,
          )
        ).ok,
      );
      for (const loanNo of [applied.loanNo, outside.loanNo, "L999999"]) {
        const { result } = await bothWays(
          from,
          `extract of ${loanNo}`,
          (e) => buildLoanExtract(e, people.admin.fp, loanNo, manager(), now),
          looking,
        );
        assert.ok(result.ok);
        assert.equal(result.problems.length === 0, loanNo !== "L999999", JSON.stringify(result));
      }
      // Returned: neither its extract nor a mailing under it is made (the log's return says so).
      const back = from.clone();
      const returned = await returnLoans(envOf(back), [outside.loanNo], "2026-11-24 15:00", "陈会计", now);
      assert.ok(returned.ok && returned.problems.length === 0, JSON.stringify(returned));
      // …and its 归还时间 blanked by hand: back is what the log says, not the cell.
      const loanRow = back.sheet(LOANS).values.findIndex((r) => r[0] === outside.loanNo);
      typeInto(back, LOANS, loanRow + 1, "归还时间", "");
      // And a row after the return's: it is not the log's last row, which is read anyway.
      await logRowAfter(back);
      const late = await bothWays(
        back,
        "extract of a returned loan",
        (e) => buildLoanExtract(e, people.admin.fp, outside.loanNo!, manager(), now),
        looking,
      );
      assert.equal(late.result.ok && late.result.problems[0]?.rule, "loan.returned");
      const lateMail = await bothWays(
        back,
        "labels under a returned release",
        (e) =>
          buildMailing(e, { department: "业务一部" }, "labels", manager(), now, "年末 DM", outside.loanNo),
        looking,
      );
      assert.equal(lateMail.result.ok && lateMail.result.problems[0]?.rule, "loan.returned");
      const { result } = await bothWays(
        from,
        "labels for the printing house",
        (e) =>
          buildMailing(e, { department: "业务一部" }, "labels", manager(), now, "年末 DM", outside.loanNo),
        looking,
      );
      assert.ok(result.ok && result.problems.length === 0 && result.count > 0, JSON.stringify(result));
    });

    it("labels, a loan's extract and a month's lists read their customers' rows without the Stamps cells, and show the same", async () => {
      // Every Register row given a 20,000-character Stamps cell by hand (its stamps no longer
      // verify: a list does not care). Labels, envelopes, an extract and a month's lists show
      // none of it, so what they read barely grows.
      const padded = typedOver();
      const values = padded.sheet(REGISTER).values;
      for (let r = 1; r < values.length; r++)
        if (values[r]![0]) typeInto(padded, REGISTER, r + 1, "盖章", "章".repeat(20_000));
      const env = envOf(padded);
      const region = String(values[rowOf(padded, "C000002")]![at("region")]);
      const applied = await applyForLoan(env, { ...yearEndLoan, class: "", region }, "陈会计", now);
      assert.ok(applied.ok && applied.loanNo, JSON.stringify(applied));
      const head = stamper(people.head);
      assert.ok((await stampLoans(env, people.admin.fp, [applied.loanNo], head, "approve", "", now)).ok);
      // (Key customers only: their column stands past the Stamps, so those rows are read across them.)
      const looks: [string, (e: ExcelEnv) => Promise<{ ok: boolean; problems?: unknown[] }>][] = [
        ["labels", (e) => buildMailing(e, { region }, "labels", manager(), now, "回访")],
        [
          "envelopes",
          (e) => buildMailing(e, { department: "业务一部" }, "envelopes", manager(), now, "回访"),
        ],
        ["extract", (e) => buildLoanExtract(e, people.admin.fp, applied.loanNo!, manager(), now)],
        ["a month's lists", (e) => buildMonthlyLists(e, ["2026-11"], ["new", "invalid"], manager(), now)],
      ];
      for (const [what, look] of looks) {
        const { partial, whole, result } = await bothWays(padded, what, look, looking);
        assert.ok(result.ok && result.problems?.length === 0, `${what}: ${JSON.stringify(result)}`);
        assert.ok(readBytes(whole) > 20_000 * 3 * 10, `${what}: the whole read reads the padding`);
        assert.ok(
          readBytes(partial) < 20_000 * 3,
          `${what}: ${readBytes(partial)} bytes, not one padded cell`,
        );
      }
    });

    it("reads its customers' rows of the Change log without their approvals, hashes and signatures", async () => {
      // Every log row but the trust rows and the last (read whole for the chain) given a
      // 20,000-character approval by hand: a look reads what places its customers
      // (journal/look-needs.ts FOLD_COLUMNS), so what it reads barely grows — and it still
      // makes what the whole read makes.
      const padded = base.clone();
      const rows = padApprovals(padded);
      const labels = (env: ExcelEnv) =>
        buildMailing(env, { department: "业务一部" }, "labels", manager(), now, "回访");
      const plain = await bothWays(base, "labels", labels, looking);
      const long = await bothWays(padded, "labels, approvals padded", labels, looking);
      // Each padded cell is 60,000 bytes as UTF-8, less what the cell held before.
      const added = rows * 20_000 * 3 * 0.9;
      assert.ok(
        readBytes(long.whole) - readBytes(plain.whole) >= added,
        `the whole read reads the padding: ${readBytes(long.whole) - readBytes(plain.whole)} bytes more`,
      );
      assert.ok(
        readBytes(long.partial) - readBytes(plain.partial) < 20_000 * 3,
        `the look reads not one padded approval: ${readBytes(long.partial) - readBytes(plain.partial)} bytes more`,
      );
    });

    it("counts the twelve months' new names from their IDs and dates: a month's lists do not read those customers' rows", async () => {
      const book = await bookOf(3000, people);
      seedStaff(book, [...people.entries, people.manager.entry]);
      // The sample's customers were posted before the twelve months; 2,000 of them now say
      // they were posted within them (typed: the journal places them, the date is the row's),
      // 30 in the month whose lists are built.
      const counted = book.clone();
      for (let i = 0; i < 2000; i++) {
        const month = i < 30 ? "2026-11" : lastTwelveMonths("2026-10").slice(1)[i % 11]!;
        typeInto(counted, REGISTER, i + 2, "登记日期", isoToSerial(`${month}-10`));
      }
      const lists = (env: ExcelEnv) => buildMonthlyLists(env, ["2026-11"], ["new"], manager(), now);
      const before = await bothWays(book, "lists, nobody in the twelve months", lists, looking);
      const after = await bothWays(counted, "lists, 2,000 in the twelve months", lists, looking);
      assert.ok(after.result.ok, JSON.stringify(after.result));
      assert.equal(after.result.lists[0]?.count, 30);
      assert.equal(
        after.result.counts.reduce((n, c) => n + c.count, 0),
        2000,
      );
      // Each of the 1,970 counted adds its ID, its date and its log rows (its closure): less
      // than half of what reading its Register row whole would (about 500 bytes each before).
      const row = Buffer.byteLength(JSON.stringify(counted.sheet(REGISTER).values[100]));
      const added = readBytes(after.partial) - readBytes(before.partial);
      assert.ok(
        added < 30 * row + 1970 * (row / 2),
        `counting 1,970 customers read ${added} bytes more (${(added / 1970).toFixed(0)} each)`,
      );
    });

    it("the review worklist and the printable review list: every customer where the journal places it", async () => {
      // A termination of C000009 pasted into the log by hand, never done: the journal has it
      // on Archive-Suspended, though its row is still on the Register.
      const cut = typedOver();
      const log = cut.sheet("变更记录").values;
      const col = (header: string) => log[0]!.indexOf(header);
      const row: Cell[] = log[0]!.map(() => "");
      for (const [header, value] of [
        ["时间", "2026-11-24T15:00"],
        ["操作人", "陈会计"],
        ["操作", "terminate"],
        ["操作编号", "OP-HAND"],
        ["客户编号", "C000009"],
        ["新值", "交易中止"],
      ])
        row[col(header)] = value;
      pasteRow(cut, "变更记录", row);
      // …and a look pasted after it, so the termination is not the last row (read whole for the chain).
      pasteRow(
        cut,
        "变更记录",
        row.map((cell, c) =>
          c === col("操作") ? "look" : c === col("客户编号") ? "C000001" : c === col("新值") ? "" : cell,
        ),
      );
      // …and a correction's intent pasted after it, never done either: it places no one, but a
      // checkpoint the review list writes past it must name its op unfinished, as a whole read's would.
      pasteRow(
        cut,
        "变更记录",
        row.map((cell, c) =>
          c === col("操作")
            ? "correct"
            : c === col("操作编号")
              ? "OP-CUT"
              : c === col("客户编号")
                ? "C000011"
                : c === col("新值")
                  ? "010-60000000"
                  : cell,
        ),
      );
      // Looks pasted after them, so that the review list's rows reach the next checkpoint
      // where the checkpoints are 5 rows apart (its claims then name OP-CUT).
      const look = row.map((cell, c) => (c === col("操作") ? "look" : c === col("新值") ? "" : cell));
      while (cut.sheet("变更记录").values.length % 5 !== 4) pasteRow(cut, "变更记录", look);
      // C000010 typed as reviewed this cycle: the worklist shows the row's date, as before.
      typeInto(cut, REGISTER, rowOf(cut, "C000010") + 1, "最近复核日期", "2026-11-20");
      const on = (items: { id: string }[]) => items.map((i) => i.id);
      let shown = 0;
      for (const [what, from] of [
        ["as the add-in left it", base],
        ["rows pasted and cells typed", typedOver()],
        ["a termination pasted into the log, C000010 typed reviewed", cut],
      ] as const) {
        const { result } = await bothWays(
          from,
          `${what}: worklist`,
          (env) => loadWorklist(env, now.date),
          envOf,
        );
        assert.ok(result.ok, JSON.stringify(result));
        const ids = on(result.worklist.items);
        // The pasted C000099 is nobody; C000002 is there once, from its first row.
        assert.ok(!ids.includes("C000099") && ids.filter((id) => id === "C000002").length === 1, what);
        const twin = result.worklist.items.find((i) => i.id === "C000002")!;
        assert.equal(twin.row, rowOf(from, "C000002") + 1, what);
        assert.equal(ids.includes("C000009"), from !== cut, what);
        if (from === cut) assert.equal(result.worklist.items.find((i) => i.id === "C000010")?.state, "done");
        if (from === base) shown = ids.length;
        else assert.equal(ids.length, shown - (from === cut ? 1 : 0), what);
        const printed = await bothWays(
          from,
          `${what}: review list`,
          (env) => buildReviewList(env, manager(), now),
          looking,
        );
        assert.ok(printed.result.ok && printed.result.problems.length === 0, JSON.stringify(printed.result));
        assert.equal(
          printed.result.listed,
          result.worklist.items.filter((i) => i.state !== "done").length,
          what,
        );
      }
      assert.ok(shown > 5, `${shown} customers on the worklist`);
    });

    it("the review worklist reads neither the Stamps cells nor the log's approvals, and a fraction of the workbook (3,000 customers)", async () => {
      const book = await bookOf(3000, people);
      seedStaff(book, [...people.entries, people.manager.entry]);
      const list = await bothWays(book, "worklist, 3,000", (env) => loadWorklist(env, now.date), envOf);
      assert.ok(
        list.result.ok && list.result.worklist.items.length === 3000,
        JSON.stringify(list.result).slice(0, 300),
      );
      // Every row of this log places a customer (3,000 adopted) and is read, narrowly: the
      // least a look at everyone can save (a year's reviews and looks it would not read).
      assert.ok(
        readBytes(list.partial) * 2 < readBytes(list.whole),
        `${readBytes(list.partial)} of ${readBytes(list.whole)} bytes`,
      );
      // Every Register row's Stamps and every log row's approval (but the trust rows' and
      // the last row's, read whole) padded by hand: the worklist reads none of it.
      const padded = base.clone();
      const reg = padded.sheet(REGISTER).values;
      for (let r = 1; r < reg.length; r++)
        if (reg[r]![0]) typeInto(padded, REGISTER, r + 1, "盖章", "章".repeat(20_000));
      padApprovals(padded);
      const looks: [string, (e: ExcelEnv) => Promise<{ ok: boolean }>][] = [
        ["worklist", (e) => loadWorklist(e, now.date)],
        ["review list", (e) => buildReviewList(e, manager(), now)],
      ];
      for (const [what, look] of looks) {
        const { partial, whole, result } = await bothWays(padded, `${what}, padded`, look, looking);
        assert.ok(result.ok, JSON.stringify(result).slice(0, 300));
        assert.ok(readBytes(whole) > 20_000 * 3 * 10, `${what}: the whole read reads the padding`);
        assert.ok(
          readBytes(partial) < 20_000 * 3,
          `${what}: ${readBytes(partial)} bytes, not one padded cell`,
        );
      }
    });

    it("reads a fraction of the workbook for a month's lists and one region's labels (3,000 customers)", async () => {
      const book = await bookOf(3000, people);
      seedStaff(book, [...people.entries, people.manager.entry]);
      const region = String(book.sheet(REGISTER).values[1]![at("region")]);
      const loan = await applyForLoan(envOf(book), { ...yearEndLoan, class: "A", region }, "陈会计", now);
      assert.ok(loan.ok && loan.loanNo, JSON.stringify(loan));
      const head = stamper(people.head);
      assert.ok((await stampLoans(envOf(book), people.admin.fp, [loan.loanNo], head, "approve", "", now)).ok);
      const looks: [string, (env: ExcelEnv) => Promise<{ ok: boolean; problems?: unknown[] }>][] = [
        ["monthly lists", (env) => buildMonthlyLists(env, ["2026-11"], ["new", "invalid"], manager(), now)],
        ["labels", (env) => buildMailing(env, { region, class: "A" }, "labels", manager(), now, "回访")],
        ["extract", (env) => buildLoanExtract(env, people.admin.fp, loan.loanNo!, manager(), now)],
      ];
      for (const [what, look] of looks) {
        const { partial, whole, result } = await bothWays(book, what, look, looking);
        assert.ok(result.ok && result.problems?.length === 0, `${what}: ${JSON.stringify(result)}`);
        assert.ok(
          readBytes(partial) * 3 < readBytes(whole),
          `${what}: ${readBytes(partial)} of ${readBytes(whole)} bytes`,
        );
      }
    });
  });
