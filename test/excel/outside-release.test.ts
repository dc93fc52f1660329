/**
 * Issue 19: leaving the company is an approved act (对外提供客户资料必须经过授权和审批). A list
 * for a party outside the company — an extract for an auditor, labels for the printing house
 * that sends the DM — goes out only under a loan naming that party, approved by the
 * chairman's stamp; the sheet and the Change log say to whom it went.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { applyForLoan, buildLoanExtract, returnLoans, stampLoans } from "../../src/excel/actions/loans";
import { buildMailing } from "../../src/excel/actions/mailing";
import { lookUpPrintout } from "../../src/excel/actions/trace";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import type { LoanApplication } from "../../src/domain/loans";
import { loanLog } from "../../src/domain/schema/sheets";
import { office, type Person } from "../domain/support/people";
import { bookOf, envOf, logOf, yearEndLoan } from "./fixtures";
import { typeInto } from "./integrity/insider";

const now = { date: "2026-11-24", time: "09:00" };
const later = { date: "2026-11-26", time: "10:00" };
const dm: LoanApplication = {
  ...yearEndLoan,
  due: "2026-11-30 17:30",
  purpose: "年末 DM 寄送",
  recipient: "华兴印刷厂",
};
const as = (p: Person) => ({ entry: p.entry, privateKey: p.privateKey, fingerprint: p.fp });

describe("lists provided outside the company (issue 19)", function () {
  this.timeout(120_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });
  const col = (key: string) => loanLog.columns.findIndex((c) => c.key === key);
  const loanRow = (host: MemoryExcelHost, no: string) =>
    host.sheet("使用登记簿").values.find((r) => r[0] === no)!;

  async function applied(host: MemoryExcelHost, entry = dm) {
    const r = await applyForLoan(envOf(host), entry, "陈会计", now);
    assert.ok(r.ok && r.problems.length === 0, JSON.stringify(r));
    return r.loanNo!;
  }

  it("a loan naming an outside party is the chairman's to approve; its extract says to whom it goes", async () => {
    const host = await bookOf(30, people);
    const env = envOf(host);
    const no = await applied(host);
    assert.equal(loanRow(host, no)[col("recipient")], "华兴印刷厂");
    const byHead = await stampLoans(env, people.admin.fp, [no], as(people.head), "approve", "", now);
    assert.ok(byHead.ok && byHead.problems[0]?.rule === "loan.approverKind", JSON.stringify(byHead));
    const early = await buildLoanExtract(env, people.admin.fp, no, "赵管理", now);
    assert.ok(early.ok && early.problems[0]?.rule === "loan.notApproved");
    const byChair = await stampLoans(env, people.admin.fp, [no], as(people.chairman), "approve", "", now);
    assert.ok(byChair.ok && byChair.stamped.length === 1, JSON.stringify(byChair));

    const extract = await buildLoanExtract(env, people.admin.fp, no, "赵管理", now);
    assert.ok(extract.ok && extract.problems.length === 0 && extract.code, JSON.stringify(extract));
    const sheet = host.sheet(`借阅-${no}`);
    assert.match(String(sheet.values[0]![0]), /对外提供:华兴印刷厂$/);
    assert.match(String(sheet.pageLayout.centerHeader), /对外提供:华兴印刷厂/);
    assert.equal(sheet.pageLayout.rightFooter, `${no} 刘业务 → 华兴印刷厂`);
    const made = logOf(host).find((e) => e.action === "loanExtract")!;
    assert.equal(made.reason, "华兴印刷厂", "the log says to whom it went");
    const traced = await lookUpPrintout(env, extract.code);
    assert.ok(traced.ok);
    assert.equal(traced.printout?.recipient, "华兴印刷厂");
    assert.equal(traced.printout?.loanNo, no);
  });

  it("the outside party typed in after approval, or changed after it, leaves the loan unapproved", async () => {
    const host = await bookOf(30, people);
    const env = envOf(host);
    // Approved by the head for the company's own use, then an outside party typed in.
    const inside = await applied(host, { ...dm, recipient: "" });
    assert.ok((await stampLoans(env, people.admin.fp, [inside], as(people.head), "approve", "", now)).ok);
    typeInto(host, "使用登记簿", rowOf(host, inside), "对外提供对象", "某审计所");
    const first = await buildLoanExtract(env, people.admin.fp, inside, "赵管理", now);
    assert.ok(first.ok && first.problems[0]?.rule === "loan.notApproved", JSON.stringify(first));
    // Approved by the chairman for one party, then the party changed.
    const outside = await applied(host);
    assert.ok(
      (await stampLoans(env, people.admin.fp, [outside], as(people.chairman), "approve", "", now)).ok,
    );
    typeInto(host, "使用登记簿", rowOf(host, outside), "对外提供对象", "别的印刷厂");
    const second = await buildLoanExtract(env, people.admin.fp, outside, "赵管理", now);
    assert.ok(second.ok && second.problems[0]?.rule === "loan.notApproved");
    const checked = await validateWorkbook(env, now.date, people.admin.fp);
    assert.ok(checked.ok);
    const stampIssues = checked.problems.filter((p) => p.sheet === "loanLog" && p.column === "stamps");
    assert.deepEqual(
      stampIssues.map((p) => [p.row, p.rule]),
      [
        [rowOf(host, inside), "stamp.wrongRole"],
        [rowOf(host, outside), "stamp.contentChanged"],
      ],
    );
  });

  it("a Loan log set up before the column existed takes no outside release until Set up adds it", async () => {
    const host = await bookOf(10, people);
    const header = host.sheet("使用登记簿").values[0]!;
    host.seedSheet("使用登记簿", [[""]], {
      at: `${String.fromCharCode(65 + header.indexOf("对外提供对象"))}1`,
      raw: true,
    });
    const r = await applyForLoan(envOf(host), dm, "陈会计", now);
    assert.ok(
      r.ok && r.problems[0]?.rule === "header.missing" && r.problems[0]?.column === "recipient",
      JSON.stringify(r),
    );
    assert.equal(host.sheet("使用登记簿").values.length, 1, "nothing written");
    assert.ok(
      (await applyForLoan(envOf(host), { ...dm, recipient: "" }, "陈会计", now)).ok,
      "its own use still works",
    );
  });

  it("labels for a printing house go out only under an approved release naming it, and say so", async () => {
    const host = await bookOf(30, people);
    const env = envOf(host);
    const inside = await applied(host, { ...dm, recipient: "" });
    const pending = await applied(host);
    const mail = (release: string) =>
      buildMailing(env, { department: "业务一部" }, "labels", "赵管理", now, "年末 DM", release);
    const notOutside = await mail(inside);
    assert.ok(
      notOutside.ok && notOutside.problems[0]?.rule === "loan.notOutside",
      JSON.stringify(notOutside),
    );
    const unapproved = await mail(pending);
    assert.ok(unapproved.ok && unapproved.problems[0]?.rule === "loan.notApproved");
    const unknown = await mail("L000099");
    assert.ok(unknown.ok && unknown.problems[0]?.rule === "loan.unknown");
    assert.ok(!host.sheetNames().includes("邮寄标签"), "nothing built");

    assert.ok(
      (await stampLoans(env, people.admin.fp, [pending], as(people.chairman), "approve", "", now)).ok,
    );
    const labels = await mail(pending);
    assert.ok(labels.ok && labels.problems.length === 0 && labels.code, JSON.stringify(labels));
    assert.match(
      String(host.sheet("邮寄标签").pageLayout.centerHeader),
      new RegExp(`对外提供:华兴印刷厂\\(${pending}\\)`),
    );
    const row = logOf(host).find((e) => e.action === "buildMailingLabels")!;
    assert.equal(row.reason, `department=业务一部; outside=华兴印刷厂 (${pending})`);
    const traced = await lookUpPrintout(env, labels.code);
    assert.ok(traced.ok && traced.printout?.recipient === "华兴印刷厂", JSON.stringify(traced));

    // Back, the release covers no further mailing.
    assert.ok((await returnLoans(env, [pending], "", "陈会计", later)).ok);
    const after = await mail(pending);
    assert.ok(after.ok && after.problems[0]?.rule === "loan.returned");
  });
});

/** The Excel row of a loan in the Loan log. */
function rowOf(host: MemoryExcelHost, no: string): number {
  return host.sheet("使用登记簿").values.findIndex((r) => r[0] === no) + 1;
}
