import assert from "node:assert/strict";
import { decodeIds } from "../../src/domain/looking";
import { lookUpPrintout } from "../../src/excel/actions/trace";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import { markInvalid } from "../../src/excel/actions/lifecycle";
import { approveInvalidList, buildMonthlyLists } from "../../src/excel/actions/lists";
import { lastTwelveMonths } from "../../src/domain/lists/monthly";
import { register } from "../../src/domain/schema/sheets";
import { sampleRegister } from "../../src/domain/sample";
import { isoToSerial } from "../../src/domain/validate/date";
import type { Platform } from "../../src/excel/env";
import { office } from "../domain/support/people";
import { adopt, envOf, logOf, seedStaff } from "./fixtures";

const now = { date: "2026-11-30", time: "16:00" };
const col = (key: string) => register.columns.findIndex((c) => c.key === key);

/** A register whose first `november` rows were posted in 2026-11, the rest spread over the year before. */
async function bookPosted(rows: number, november: number, platform: Platform = "desktop") {
  const host = new MemoryExcelHost({ platform });
  await setUpWorkbook(envOf(host, platform));
  const data = sampleRegister(rows, "zh").map((r, i) => {
    const month = i < november ? 11 : 1 + (i % 10);
    r[col("postedDate")] = isoToSerial(`2026-${String(month).padStart(2, "0")}-15`);
    r[col("department")] = "业务一部";
    return r;
  });
  host.seedSheet("客户原簿", data, { at: "A2", raw: true });
  await adopt(host, platform);
  host.resetCounters();
  return host;
}

describe("monthly list sheets through the in-memory host", function () {
  this.timeout(120_000);

  it("writes 新增2026-11 with title, header, numbered rows under sub-headings and the signature line, ready to print", async () => {
    const host = await bookPosted(400, 350);
    const result = await buildMonthlyLists(envOf(host, "desktop"), ["2026-11"], ["new"], "陈会计", now);
    assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
    const code = result.lists[0]?.code ?? "";
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    assert.deepEqual(result.lists, [
      { kind: "new", month: "2026-11", sheetName: "新增2026-11", count: 350, code },
    ]);
    assert.equal(result.target, 300);
    assert.equal(result.counts.at(-1)!.count, 350);
    const sheet = host.sheet("新增2026-11");
    assert.equal(sheet.values[0]![0], "2026年11月新增客户名单");
    assert.deepEqual(sheet.values[1], ["序号", "企业名称", "地址", "邮编", "电话/传真", "联系人", "备注"]);
    const numbered = sheet.values.filter((r) => typeof r[0] === "number");
    assert.equal(numbered.length, 350);
    assert.equal(numbered.at(-1)![0], 350);
    assert.match(String(sheet.values.at(-1)![0]), /^主管:_+\s+制表:_+/);
    assert.ok(String(sheet.values[2]![0]).includes("类 · "), "a sub-heading opens the first group");
    assert.equal(sheet.isProtected, true);
    const layout = sheet.pageLayout;
    assert.equal(layout.paperSize, "A4");
    assert.equal(layout.printTitleRows, "$1:$2");
    assert.equal(layout.printArea, `A1:G${sheet.values.length}`);
    assert.equal(layout.centerHeader, "2026年11月新增客户名单");
    assert.equal(layout.centerFooter, "第 &P 页 / 共 &N 页");
    // Who made the copy, when, and the code that finds its log row again (trace.ts).
    assert.equal(layout.leftFooter, `&D · 追溯码 ${code}\n陈会计 制作于 2026-11-30 16:00`);
    // Postcodes keep their leading zeros: the columns are text.
    assert.equal(sheet.numberFormatAt(5, 3), "@");
    const log = logOf(host);
    assert.equal(log.at(-2)!.action, "buildMonthlyLists");
    assert.match(log.at(-2)!.newValue!, /新增2026-11: 350/);
    // Then who is on it (looking.ts): all 350.
    assert.deepEqual([log.at(-1)!.action, log.at(-1)!.oldValue], ["lookList", "新增2026-11"]);
    assert.equal(decodeIds(log.at(-1)!.newValue!).length, 350);
  });

  it("rebuilding a month replaces its sheet: no second sheet, no rows or sub-heading fills left over", async () => {
    const host = await bookPosted(60, 40);
    const env = envOf(host, "desktop");
    assert.ok((await buildMonthlyLists(env, ["2026-11"], ["new"], "陈会计", now)).ok);
    const firstHeight = host.sheet("新增2026-11").values.length;
    // Twenty November customers are re-dated to October on the sheet by a clerk.
    const reg = host.sheet("客户原簿").values;
    const october = reg.slice(1, 21).map(() => [isoToSerial("2026-10-15")]);
    host.seedSheet("客户原簿", october, { at: `${String.fromCharCode(65 + col("postedDate"))}2`, raw: true });
    const again = await buildMonthlyLists(env, ["2026-11"], ["new"], "陈会计", now);
    assert.ok(again.ok && again.lists[0]!.count === 20);
    assert.equal(host.sheetNames().filter((n) => n.startsWith("新增")).length, 1);
    const sheet = host.sheet("新增2026-11");
    assert.ok(sheet.values.length < firstHeight);
    assert.equal(sheet.values.filter((r) => typeof r[0] === "number").length, 20);
    assert.match(String(sheet.values.at(-1)![0]), /^主管/);
    assert.equal(sheet.isProtected, true);
    // Rows below the new end hold no fill from the first build's sub-headings.
    const fills = sheet.formats.filter((f) => f.property === "fill.cleared");
    assert.ok(fills.length > 0, "the old block's fills are cleared before the rewrite");
  });

  it("builds twelve months of new and invalid lists in one action, with the same syncs at 100 and 20,000 rows", async () => {
    const syncs: number[] = [];
    for (const rows of [100, 20_000]) {
      const host = await bookPosted(rows, 50);
      const result = await buildMonthlyLists(
        envOf(host, "desktop"),
        lastTwelveMonths("2026-11"),
        ["new", "invalid"],
        "陈会计",
        now,
      );
      // Twelve months at once: a month with nobody of a kind gets no empty sheet (2025-12 had
      // no new customers, and nobody was marked invalid), and says so.
      assert.ok(result.ok && result.lists.length === 11, JSON.stringify(result.ok && result.lists));
      assert.deepEqual(
        result.skipped.map((s) => `${s.month} ${s.kind}`).sort(),
        [...lastTwelveMonths("2026-11").map((m) => `${m} invalid`), "2025-12 new"].sort(),
      );
      assert.equal(host.sheetNames().filter((n) => /^(新增|无效)\d{4}-\d{2}$/.test(n)).length, 11);
      syncs.push(host.syncs);
    }
    assert.equal(syncs[0], syncs[1]);
  });

  it("one month asked for alone gets its sheet even when empty; a list already there is rebuilt when its month empties", async () => {
    const host = await bookPosted(10, 5);
    const env = envOf(host, "desktop");
    const alone = await buildMonthlyLists(env, ["2026-12"], ["new"], "陈会计", now);
    assert.ok(alone.ok && alone.problems.length === 0);
    assert.deepEqual(
      alone.lists.map((l) => `${l.sheetName} ${l.count}`),
      ["新增2026-12 0"],
    );
    const twelve = await buildMonthlyLists(env, lastTwelveMonths("2026-12"), ["new"], "陈会计", now);
    assert.ok(twelve.ok);
    assert.ok(
      twelve.lists.some((l) => l.sheetName === "新增2026-12"),
      "the sheet there is kept current",
    );
    // Each sheet of one build carries its own code, which finds that sheet, current.
    assert.ok(twelve.lists.length >= 2, `${twelve.lists.length} sheets`);
    assert.equal(new Set(twelve.lists.map((l) => l.code)).size, twelve.lists.length);
    for (const l of twelve.lists) {
      assert.match(String(host.sheet(l.sheetName).pageLayout.leftFooter), new RegExp(`追溯码 ${l.code}\\n`));
      const found = await lookUpPrintout(env, l.code!);
      assert.ok(
        found.ok && found.printout?.sheet === l.sheetName && found.printout.state === "current",
        `${l.sheetName}: ${JSON.stringify(found)}`,
      );
    }
  });

  it("says the workbook is not set up instead of building lists from nothing", async () => {
    const host = new MemoryExcelHost({ platform: "desktop" });
    const result = await buildMonthlyLists(envOf(host, "desktop"), ["2026-11"], ["new"], "陈会计", now);
    assert.ok(result.ok);
    assert.deepEqual(
      result.problems.map((p) => `${p.sheet} ${p.rule}`),
      ["register header.missing"],
    );
    assert.deepEqual(host.sheetNames(), ["Sheet1"], "nothing added");
  });

  it("refuses a month that is not YYYY-MM, naming the rule", async () => {
    const host = await bookPosted(10, 5);
    const result = await buildMonthlyLists(envOf(host, "desktop"), ["2026-13"], ["new"], "陈会计", now);
    assert.ok(result.ok);
    assert.equal(result.problems[0]!.rule, "month.format");
    assert.equal(result.problems[0]!.value, "2026-13");
    assert.ok(!host.sheetNames().some((n) => n.startsWith("新增")));
  });
});

describe("the supervisor's stamp on the invalid list", function () {
  this.timeout(120_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });
  const as = (p: typeof people.head) => ({ entry: p.entry, privateKey: p.privateKey, fingerprint: p.fp });

  async function marked() {
    const host = await bookPosted(30, 10, "web");
    seedStaff(host, people.entries);
    const env = envOf(host, "web");
    const r = await markInvalid(env, ["C000003", "C000007", "C000011"], "returnedMail", "", "陈会计", {
      date: "2026-11-12",
      time: "10:00",
    });
    assert.ok(r.ok && r.marked.length === 3);
    assert.ok((await buildMonthlyLists(env, ["2026-11"], ["invalid"], "陈会计", now)).ok);
    host.resetCounters();
    return { host, env };
  }

  it("moves every listed customer to 交易过去 with reason 无效 in one action and stamps the list", async () => {
    const { host, env } = await marked();
    const result = await approveInvalidList(env, people.admin.fp, "2026-11", as(people.head), now);
    assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
    assert.deepEqual(result.moved.sort(), ["C000003", "C000007", "C000011"]);
    const ids = (sheet: string) =>
      host
        .sheet(sheet)
        .values.slice(1)
        .map((r) => String(r[0]));
    for (const id of result.moved) {
      assert.ok(!ids("客户原簿").includes(id), `${id} left the Register`);
      assert.ok(!ids("一览表-业务一部").includes(id), `${id} left the department list`);
    }
    const past = host.sheet("交易过去").values.slice(1);
    assert.equal(past.length, 3);
    const at = host.sheet("交易过去").values[0]!.indexOf("归档原因");
    for (const r of past) assert.equal(r[at], "无效: 退件");
    const list = host.sheet("无效2026-11").values;
    assert.equal(list.filter((r) => typeof r[0] === "number").length, 3, "the stamped list still shows them");
    assert.match(String(list.at(-1)![0]), /^主管审核\(已盖章\): .*王主管/);
    assert.ok(host.syncs <= 4, `syncs: ${host.syncs}`);
  });

  it("refuses a chairman's stamp (wrong role) and writes nothing", async () => {
    const { host, env } = await marked();
    const before = host.sheet("客户原簿").values.length;
    const result = await approveInvalidList(env, people.admin.fp, "2026-11", as(people.chairman), now);
    assert.ok(result.ok);
    assert.equal(result.problems[0]!.rule, "stamp.wrongRole");
    assert.equal(host.sheet("客户原簿").values.length, before);
    assert.equal(host.sheet("交易过去").values.length, 1);
  });

  it("says so when nothing is waiting for this head's stamp", async () => {
    const { env } = await marked();
    assert.ok((await approveInvalidList(env, people.admin.fp, "2026-11", as(people.head), now)).ok);
    const again = await approveInvalidList(env, people.admin.fp, "2026-11", as(people.head), now);
    assert.ok(again.ok);
    assert.equal(again.problems[0]!.rule, "list.nothingToStamp");
  });
});
