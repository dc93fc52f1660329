/**
 * The pane's writing actions the journal catalogue (integrity/world.ts `actions`) leaves
 * out — filing, marking invalid, a reinstatement request, the loan log's four steps, a
 * contact, an annual result, marking a major matter reported, the monthly lists, labels,
 * returned mail, a card — each with what it promises as a user would see it in the sheets,
 * whatever ran before or after it.
 *
 * Some need something to act on that the world lacks: `prepare` makes it through the
 * pane's own actions (a suspended customer to ask to reinstate, a major matter to report,
 * loans waiting for a stamp, for an extract and for their return).
 *
 * Actions that only ever set something (a status, a stamp, a return time) promise it
 * exactly once, however often they ran. Actions that add something each time they run (a
 * loan, a contact, a result, a printout's log line) cannot say in `expect` how often they
 * ran: `tallies` counts what they add, for the caller to compare with the runs that
 * reported success.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { markInvalid, requestReinstatement, terminateCustomers } from "../../../src/excel/actions/lifecycle";
import { fileRequest } from "../../../src/excel/actions/workflow";
import { applyForLoan, buildLoanExtract, returnLoans, stampLoans } from "../../../src/excel/actions/loans";
import { addAnnualResult, addContact, markReported } from "../../../src/excel/actions/contacts";
import { buildMonthlyLists } from "../../../src/excel/actions/lists";
import { buildMailing, recordReturnedMail } from "../../../src/excel/actions/mailing";
import { printCard } from "../../../src/excel/actions/card";
import { dateTimeSerial, type LoanApplication } from "../../../src/domain/loans";
import { envOf, logOf } from "../fixtures";
import { entryFor, now, stamper, type Action, type People } from "../integrity/world";

/** A loan for the business department: class B customers of 华东 (C000002 among them, who stays). */
const loan: LoanApplication = {
  borrower: "刘业务",
  department: "业务一部",
  title: "业务员",
  class: "B",
  region: "华东",
  from: "",
  due: "2026-11-27 17:30",
  purpose: "年末走访",
};
/** The loan the "loan apply" action files: its borrower tells its rows from the others. */
const applied: LoanApplication = { ...loan, borrower: "钱业务", purpose: "客户回访" };
const returnedAt = "2026-11-24 15:00";

/** The contact the "contact" action adds, and the major matter `prepare` leaves to report. */
const call = {
  customerId: "C000002",
  date: "",
  staff: "李晓梅",
  channel: "电话",
  summary: "年末回访,确认明年订货计划",
  major: false,
};
const matter = { ...call, channel: "拜访", summary: "对方资金周转困难,要求延期付款", major: true };
const reporter = "信息部 刘主任";
const result = { customerId: "C000002", year: "2025", revenue: "1234", financialNotes: "回款正常" };

const ok = <T extends { ok: boolean }>(r: T, what: string): Extract<T, { ok: true }> => {
  assert.ok(
    r.ok && !("problems" in r && (r as { problems: unknown[] }).problems.length),
    `${what}: ${JSON.stringify(r)}`,
  );
  return r as Extract<T, { ok: true }>;
};

/**
 * What the world lacks for these actions, made through the pane's own actions: C000001
 * suspended (for a reinstatement request), a major matter on C000002 (LX000002, to mark
 * reported), and three loans: L000001 waiting for its stamp, L000002 and L000003 stamped
 * (one for its extract, one for its return). Counters reset.
 */
export async function prepare(host: MemoryExcelHost, people: People): Promise<void> {
  const env = envOf(host);
  const head = stamper(people.head);
  ok(
    await terminateCustomers(env, people.admin.fp, ["C000001"], "suspended", "暂停", head, now),
    "suspend C000001",
  );
  const major = ok(await addContact(env, matter, "陈会计", now), "major matter");
  assert.equal(major.contactNo, "LX000002");
  for (const no of ["L000001", "L000002", "L000003"]) {
    const filed = ok(await applyForLoan(env, loan, "陈会计", now), `apply ${no}`);
    assert.equal(filed.loanNo, no);
  }
  ok(
    await stampLoans(env, people.admin.fp, ["L000002", "L000003"], head, "approve", "", now),
    "stamp L000002, L000003",
  );
  host.resetCounters();
}

const table = (host: MemoryExcelHost, sheet: string) => {
  const [head = [], ...rows] = host.sheet(sheet).values;
  return { rows, at: (h: string) => head.indexOf(h) };
};
/** The rows of `sheet` whose first column holds `key`. */
const rowsWith = (host: MemoryExcelHost, sheet: string, key: string) =>
  table(host, sheet).rows.filter((r) => String(r[0]) === key);
const cellOf = (host: MemoryExcelHost, sheet: string, key: string, header: string) => {
  const { rows, at } = table(host, sheet);
  const row = rows.find((r) => String(r[0]) === key);
  return row && String(row[at(header)] ?? "");
};
const nameOf = (host: MemoryExcelHost, id: string) => cellOf(host, "客户原簿", id, "企业名称")!;
const logged = (host: MemoryExcelHost, action: string, match: (e: Record<string, string>) => boolean) =>
  logOf(host).filter((e) => e.action === action && match(e));
const once = <T>(found: T[], what: string): T => {
  assert.equal(found.length, 1, `${what}: ${found.length} times`);
  return found[0]!;
};
/** Several of the same, each named once: no number twice. */
const distinct = (values: string[], what: string) =>
  assert.equal(new Set(values).size, values.length, `${what} twice: ${values.join(", ")}`);

/** A customer marked invalid once, in its own row: still on the Register so marked, or moved on by the invalid list's stamp. */
function markedInvalid(host: MemoryExcelHost, before: MemoryExcelHost, id: string, reason: RegExp) {
  const entry = once(
    logged(host, "markInvalid", (e) => e.customerId === id),
    `${id} marked invalid`,
  );
  assert.match(entry.reason!, reason);
  const onRegister = rowsWith(host, "客户原簿", id);
  const past = rowsWith(host, "交易过去", id);
  assert.equal(onRegister.length + past.length, 1, `${id} in one place`);
  if (onRegister.length)
    assert.equal(cellOf(host, "客户原簿", id, "状态"), "无效待删", `${id} marked invalid`);
  const place = onRegister.length ? "客户原簿" : "交易过去";
  assert.equal(cellOf(host, place, id, "企业名称"), nameOf(before, id), `${id}'s own row`);
}

/** The number of each loan, in the Loan log. */
const loanNos = (host: MemoryExcelHost) => table(host, "使用登记簿").rows.map((r) => String(r[0]));

export const moreActions: Action[] = [
  {
    name: "file",
    run: (host, _people, env = envOf(host)) => fileRequest(env, entryFor(104), "陈会计", now),
    expect(host) {
      const { rows, at } = table(host, "交易开始调查书");
      const filed = once(
        rows.filter((r) => r[at("企业名称")] === entryFor(104).name),
        "the request filed",
      );
      const requestNo = String(filed[at("申请编号")]);
      assert.equal(filed[at("申请状态")], "待盖章");
      once(
        logged(host, "intake", (e) => e.requestNo === requestNo),
        `${requestNo} logged`,
      );
    },
  },
  {
    name: "mark invalid",
    run: (host, _people, env = envOf(host)) => markInvalid(env, ["C000011"], "noResponse", "", "陈会计", now),
    expect: (host, before) => markedInvalid(host, before, "C000011", /^长期无回应$/),
  },
  {
    name: "reinstatement request",
    run: (host, _people, env = envOf(host)) => requestReinstatement(env, ["C000001"], "陈会计", now),
    expect(host, before) {
      const { rows, at } = table(host, "交易开始调查书");
      const request = once(
        rows.filter((r) => r[at("登记客户编号")] === "C000001"),
        "C000001's reinstatement request",
      );
      const requestNo = String(request[at("申请编号")]);
      assert.equal(request[at("企业名称")], cellOf(before, "交易中止", "C000001", "企业名称"));
      assert.equal(request[at("申请状态")], "待盖章");
      assert.equal(request[at("备注")], "恢复交易");
      once(
        logged(host, "reinstateRequest", (e) => e.customerId === "C000001" && e.requestNo === requestNo),
        `${requestNo} logged`,
      );
      assert.equal(rowsWith(host, "交易中止", "C000001").length, 1, "C000001 still suspended");
    },
  },
  {
    name: "loan apply",
    run: (host, _people, env = envOf(host)) => applyForLoan(env, applied, "陈会计", now),
    expect(host) {
      const { rows, at } = table(host, "使用登记簿");
      const mine = rows.filter((r) => r[at("借阅人")] === applied.borrower);
      assert.ok(mine.length >= 1, "the loan applied for");
      distinct(loanNos(host), "a loan number");
      for (const row of mine) {
        const loanNo = String(row[0]);
        assert.equal(row[at("用途")], applied.purpose, `${loanNo}'s own row`);
        assert.equal(row[at("盖章")], "", `${loanNo} waits for its stamp`);
        once(
          logged(host, "loanApply", (e) => e.oldValue === loanNo),
          `${loanNo} logged`,
        );
      }
    },
  },
  {
    name: "loan stamp",
    run: (host, people, env = envOf(host)) =>
      stampLoans(env, people.admin.fp, ["L000001"], stamper(people.head), "approve", "", now),
    expect(host, before) {
      assert.match(cellOf(host, "使用登记簿", "L000001", "批准人") ?? "", /王主管/);
      assert.notEqual(cellOf(host, "使用登记簿", "L000001", "盖章"), "");
      once(
        logged(host, "loanApprove", (e) => e.oldValue === "L000001"),
        "L000001's stamp logged",
      );
      for (const other of ["L000002", "L000003"])
        assert.equal(
          cellOf(host, "使用登记簿", other, "盖章"),
          cellOf(before, "使用登记簿", other, "盖章"),
          `${other}'s stamp as it was`,
        );
    },
  },
  {
    name: "loan extract",
    run: (host, people, env = envOf(host)) =>
      buildLoanExtract(env, people.admin.fp, "L000002", "陈会计", now),
    expect(host, before) {
      assert.ok(host.sheetNames().includes("借阅-L000002"), "the extract");
      const listed = host
        .sheet("借阅-L000002")
        .values.slice(2)
        .filter((r) => /^C\d{6}$/.test(String(r[0])));
      distinct(
        listed.map((r) => String(r[0])),
        "a customer listed",
      );
      const c2 = once(
        listed.filter((r) => r[0] === "C000002"),
        "C000002 listed",
      );
      assert.equal(c2[1], nameOf(before, "C000002"), "C000002's own name");
      assert.match(String(host.sheet("借阅-L000002").values[0]![0]), /L000002.*刘业务/);
    },
  },
  {
    name: "loan return",
    run: (host, _people, env = envOf(host)) => returnLoans(env, ["L000003"], returnedAt, "陈会计", now),
    expect(host) {
      const { rows, at } = table(host, "使用登记簿");
      const back = rows.filter((r) => r[at("归还时间")] !== "");
      assert.deepEqual(
        back.map((r) => [r[0], r[at("归还时间")]]),
        [["L000003", dateTimeSerial(returnedAt)]],
        "L000003 returned, no other loan",
      );
      once(
        logged(host, "loanReturn", (e) => e.oldValue === "L000003"),
        "L000003's return logged",
      );
    },
  },
  {
    name: "contact",
    run: (host, _people, env = envOf(host)) => addContact(env, call, "陈会计", now),
    expect(host) {
      const { rows, at } = table(host, "联系记录");
      distinct(
        rows.map((r) => String(r[0])),
        "a contact number",
      );
      const mine = rows.filter((r) => r[at("内容摘要")] === call.summary);
      assert.ok(mine.length >= 1, "the contact recorded");
      for (const row of mine) {
        const no = String(row[0]);
        assert.deepEqual(
          [row[at("客户编号")], row[at("经办人员")], row[at("方式")], row[at("重大事项")]],
          ["C000002", "李晓梅", "电话", "否"],
          `${no}'s own row`,
        );
        once(
          logged(host, "contact", (e) => e.newValue!.startsWith(`${no} `)),
          `${no} logged`,
        );
      }
    },
  },
  {
    name: "annual result",
    run: (host, _people, env = envOf(host)) => addAnnualResult(env, result, "陈会计", now),
    expect(host) {
      const { rows, at } = table(host, "年度业绩");
      const mine = rows.filter((r) => r[0] === "C000002" && r[at("交易额(万元)")] === 1234);
      assert.ok(mine.length >= 1, "the result recorded");
      for (const row of mine) assert.deepEqual([row[at("年度")], row[at("财务状况")]], ["2025", "回款正常"]);
      assert.equal(
        logged(host, "annualResult", (e) => e.customerId === "C000002").length,
        mine.length,
        "each result logged once",
      );
    },
  },
  {
    name: "mark reported",
    run: (host, _people, env = envOf(host)) => markReported(env, ["LX000002"], reporter, now),
    expect(host) {
      assert.equal(cellOf(host, "联系记录", "LX000002", "报告人"), reporter);
      assert.equal(cellOf(host, "联系记录", "LX000002", "内容摘要"), matter.summary, "LX000002's own row");
      const { rows, at } = table(host, "联系记录");
      const others = rows.filter((r) => r[0] !== "LX000002" && String(r[at("报告人")] ?? "") !== "");
      assert.deepEqual(others, [], "no other contact marked reported");
      once(
        logged(host, "reportMajor", (e) => e.newValue === "LX000002"),
        "LX000002's report logged",
      );
    },
  },
  {
    name: "monthly lists",
    run: (host, _people, env = envOf(host)) =>
      buildMonthlyLists(env, ["2026-11"], ["new", "invalid"], "陈会计", now),
    expect(host, before) {
      assert.equal(host.sheetNames().filter((n) => n.startsWith("新增")).length, 1, "one list sheet");
      // The invalid list: C000005 and C000006, marked this month — on the Register, or moved
      // to Archive-Past by the list's stamp — and C000011 and C000012 (returned mail) if
      // their marks came first; nobody else.
      const invalid = host
        .sheet("无效2026-11")
        .values.filter((r) => typeof r[0] === "number")
        .map((r) => String(r[1]));
      const marked = ["C000005", "C000006", "C000011", "C000012"].map((id) => nameOf(before, id));
      assert.ok(
        invalid.includes(marked[0]!) && invalid.includes(marked[1]!),
        `C000005 and C000006 on the invalid list: ${invalid.join(", ")}`,
      );
      assert.ok(
        invalid.every((name) => marked.includes(name)),
        `only customers marked this month: ${invalid.join(", ")}`,
      );
      distinct(invalid, "a name on the invalid list");
      const values = host.sheet("新增2026-11").values;
      assert.equal(values[0]![0], "2026年11月新增客户名单");
      const numbered = values.filter((r) => typeof r[0] === "number");
      assert.ok(numbered.length >= 1, "somebody new in November");
      // Numbered 1…n as built; a destruction since may have cleared a line.
      const numbers = numbered.map((r) => Number(r[0]));
      assert.ok(
        numbers.every((x, i) => x > (numbers[i - 1] ?? 0)),
        `numbered in order, no number twice: ${numbers.join(" ")}`,
      );
      distinct(
        numbered.map((r) => String(r[1])),
        "a name listed",
      );
      assert.match(String(values.at(-1)![0]), /^主管:_+\s+制表:_+/);
    },
  },
  {
    name: "labels",
    run: (host, _people, env = envOf(host)) =>
      buildMailing(env, { department: "业务一部" }, "labels", "陈会计", now, "年末客户回访"),
    expect(host, before) {
      const labels = host
        .sheet("邮寄标签")
        .values.flatMap((r) => [r[0], r[2]])
        .map((v) => String(v ?? ""))
        .filter(Boolean);
      distinct(labels, "a label");
      const name = nameOf(before, "C000002");
      const c2 = once(
        labels.filter((l) => l.split("\n")[2] === name),
        "C000002's label",
      );
      assert.equal(c2.split("\n")[1], cellOf(before, "客户原簿", "C000002", "地址"), "its own address");
    },
  },
  {
    name: "returned mail",
    run: (host, _people, env = envOf(host)) =>
      recordReturnedMail(env, ["C000012"], "地址不详", "陈会计", now),
    expect: (host, before) => markedInvalid(host, before, "C000012", /^退件:地址不详$/),
  },
  {
    name: "card",
    run: (host, people, env = envOf(host)) => printCard(env, "C000002", "陈会计", people.admin.fp, now),
    expect(host, before) {
      assert.equal(host.sheetNames().filter((n) => n.includes("C000002")).length, 1, "one card sheet");
      assert.equal(
        host.sheet("卡片-C000002").values[0]![0],
        `客户原始资料卡片 C000002 ${nameOf(before, "C000002")}`,
      );
    },
  },
];

/**
 * For the actions that add something each time they run: how many of it the workbook
 * holds. Each run that reports success without problems adds exactly one.
 */
export const tallies: Record<string, (host: MemoryExcelHost) => number> = {
  "loan apply": (host) => {
    const { rows, at } = table(host, "使用登记簿");
    return rows.filter((r) => r[at("借阅人")] === applied.borrower).length;
  },
  "loan extract": (host) => logged(host, "loanExtract", (e) => e.oldValue === "L000002").length,
  contact: (host) => {
    const { rows, at } = table(host, "联系记录");
    return rows.filter((r) => r[at("内容摘要")] === call.summary).length;
  },
  "annual result": (host) => table(host, "年度业绩").rows.filter((r) => r[0] === "C000002").length,
  // One log row per sheet built: each run builds 新增2026-11 (and 无效2026-11).
  "monthly lists": (host) =>
    logged(host, "buildMonthlyLists", (e) => e.newValue.startsWith("新增2026-11:")).length,
  labels: (host) => logged(host, "buildMailingLabels", () => true).length,
  card: (host) => logged(host, "printCard", (e) => e.customerId === "C000002").length,
};
