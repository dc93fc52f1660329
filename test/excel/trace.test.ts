/**
 * Issue 19: every printed copy can be traced. Each sheet made for paper carries in its
 * footer who made it, when, and a code; the code, typed in, finds the copy's Change log row
 * and says whether the copy is still what the workbook holds.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { printCard } from "../../src/excel/actions/card";
import { buildMailing } from "../../src/excel/actions/mailing";
import { applyForLoan, buildLoanExtract, returnLoans, stampLoans } from "../../src/excel/actions/loans";
import { lookUpPrintout } from "../../src/excel/actions/trace";
import { correctCustomer } from "../../src/excel/actions/workflow";
import { buildReviewList } from "../../src/excel/actions/lifecycle";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { traceCode } from "../../src/domain/trace";
import { office } from "../domain/support/people";
import { bookOf, envOf, logOf, yearEndLoan } from "./fixtures";
import { typeInto } from "./integrity/insider";

const now = { date: "2026-11-24", time: "11:00" };
const later = { date: "2026-11-25", time: "09:30" };

describe("tracing a printed copy by the code in its footer (issue 19)", function () {
  this.timeout(120_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });

  const look = async (host: MemoryExcelHost, code: string) => {
    const found = await lookUpPrintout(envOf(host), code);
    assert.ok(found.ok, JSON.stringify(found));
    return found;
  };

  it("a card's footer names its maker, time and code; the code finds it, current until it is printed again", async () => {
    const host = await bookOf(30, people);
    const env = envOf(host);
    const first = await printCard(env, "C000007", "陈会计", people.admin.fp, now);
    assert.ok(first.ok && first.problems.length === 0 && first.code, JSON.stringify(first));
    const code = first.code;
    assert.equal(
      host.sheet("卡片-C000007").pageLayout.leftFooter,
      `&D · 追溯码 ${code}\n陈会计 制作于 2026-11-24 11:00`,
    );
    // The code is the log row's: its sheet, time, person and the digest of what was printed.
    const row = logOf(host).at(-1)!;
    assert.equal(row.action, "printCard");
    assert.equal(
      traceCode({ sheet: row.newValue!, time: row.time!, person: row.person!, digest: row.digest! }),
      code,
    );

    host.resetCounters();
    // Typed as people type: lower case, spaces, O for 0 and I or L for 1 read as Crockford's base 32 does.
    const typed = code.toLowerCase().replace("-", " ").replace(/0/g, "o").replace(/1/g, "l");
    const found = await look(host, typed);
    assert.ok(host.syncs <= 6, `syncs ${host.syncs}`);
    assert.equal(found.code, code);
    assert.deepEqual(
      { ...found.printout, digest: undefined },
      {
        code,
        action: "printCard",
        sheet: "卡片-C000007",
        time: "2026-11-24T11:00",
        person: "陈会计",
        customerId: "C000007",
        loanNo: "",
        reason: "",
        digest: undefined,
        row: host.sheet("变更记录").values.length,
        state: "current",
      },
    );

    const second = await printCard(env, "C000007", "王建国", people.admin.fp, later);
    assert.ok(second.ok && second.code && second.code !== code, JSON.stringify(second));
    const old = await look(host, code);
    assert.equal(old.printout?.state, "rebuilt");
    assert.equal(old.printout?.newer, second.code);
    assert.equal((await look(host, second.code)).printout?.state, "current");
  });

  it("says a copy changed when its sheet was edited, and removed when the sheet is gone", async () => {
    const host = await bookOf(30, people);
    const env = envOf(host);
    const labels = await buildMailing(
      env,
      { department: "业务一部" },
      "labels",
      "陈会计",
      now,
      "年末客户回访",
    );
    assert.ok(labels.ok && labels.problems.length === 0 && labels.code, JSON.stringify(labels));
    assert.match(
      String(host.sheet(labels.sheetName).pageLayout.leftFooter),
      new RegExp(`追溯码 ${labels.code}\\n`),
    );
    assert.equal((await look(host, labels.code)).printout?.state, "current");
    host.seedSheet(labels.sheetName, [["某某公司 收"]], { at: "A1", raw: true });
    assert.equal((await look(host, labels.code)).printout?.state, "changed");
    host.store.remove(labels.sheetName);
    const gone = await look(host, labels.code);
    assert.equal(gone.printout?.state, "removed");
    assert.equal(gone.printout?.count, labels.count);
    assert.equal(gone.printout?.reason, "department=业务一部");
  });

  it("a loan extract's code names the loan, and once it is back, when it came back", async () => {
    const host = await bookOf(30, people);
    const env = envOf(host);
    const loan = yearEndLoan;
    assert.ok((await applyForLoan(env, loan, "陈会计", now)).ok);
    const head = {
      entry: people.head.entry,
      privateKey: people.head.privateKey,
      fingerprint: people.head.fp,
    };
    assert.ok((await stampLoans(env, people.admin.fp, ["L000001"], head, "approve", "", now)).ok);
    const extract = await buildLoanExtract(env, people.admin.fp, "L000001", "陈会计", now);
    assert.ok(extract.ok && extract.problems.length === 0 && extract.code, JSON.stringify(extract));
    const footer = host.sheet("借阅-L000001").pageLayout;
    assert.match(
      String(footer.leftFooter),
      new RegExp(`追溯码 ${extract.code}\\n陈会计 制作于 2026-11-24 11:00`),
    );
    assert.equal(footer.rightFooter, "L000001 刘业务", "the loan's footer stays");
    const out = await look(host, extract.code);
    assert.equal(out.printout?.loanNo, "L000001");
    assert.equal(out.printout?.state, "current");
    assert.equal(out.printout?.returnedAt, undefined);
    assert.ok((await returnLoans(env, ["L000001"], "", "陈会计", later)).ok);
    const back = await look(host, extract.code);
    assert.equal(back.printout?.state, "removed");
    assert.equal(back.printout?.returnedAt, "2026-11-25 09:30");
  });

  it("a log row typed over no longer answers to its code, and Validate names the break", async () => {
    const host = await bookOf(30, people);
    const env = envOf(host);
    const card = await printCard(env, "C000004", "陈会计", people.admin.fp, now);
    assert.ok(card.ok && card.code);
    const row = host.sheet("变更记录").values.length;
    typeInto(host, "变更记录", row, "操作人", "王建国");
    const found = await look(host, card.code);
    assert.equal(found.code, card.code);
    assert.equal(found.printout, undefined, "no row answers to the code");
    const checked = await validateWorkbook(env, "2026-11-25", people.admin.fp);
    assert.ok(checked.ok);
    assert.ok(
      checked.problems.some((p) => p.rule === "log.chainBroken" && p.row === row),
      JSON.stringify(checked.problems.filter((p) => p.sheet === "changeLog")),
    );
  });

  it("a department list rebuilt by an action carries a code of its own; an older list's code says it was rebuilt", async () => {
    const host = await bookOf(12, people);
    const env = envOf(host);
    const codeOf = () =>
      /追溯码 ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(
        String(host.sheet("一览表-业务一部").pageLayout.leftFooter),
      )?.[1];
    const fixed = await correctCustomer(env, "C000001", { phone: "010-62999999" }, "客户来函", "陈会计", now);
    assert.ok(fixed.ok && fixed.problems.length === 0, JSON.stringify(fixed));
    const first = codeOf();
    assert.ok(first, String(host.sheet("一览表-业务一部").pageLayout.leftFooter));
    const found = await look(host, first);
    assert.equal(found.printout?.action, "buildDeptList");
    assert.equal(found.printout?.sheet, "一览表-业务一部");
    assert.equal(found.printout?.person, "陈会计");
    assert.equal(found.printout?.state, "current");
    // Nobody is judged for a list rebuilt as the Register changed: it is not a look.
    const checked = await validateWorkbook(env, now.date, people.admin.fp);
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.problems.filter((p) => p.rule.startsWith("look.")),
      [],
    );
    const again = await correctCustomer(
      env,
      "C000001",
      { phone: "010-62888888" },
      "客户来函",
      "陈会计",
      later,
    );
    assert.ok(again.ok && again.problems.length === 0);
    const second = codeOf()!;
    assert.notEqual(second, first);
    const old = await look(host, first);
    assert.equal(old.printout?.state, "rebuilt");
    assert.equal(old.printout?.newer, second);
  });

  it("the review list is traced and names everyone on it as looked at", async () => {
    const host = await bookOf(12, people);
    const env = envOf(host);
    const built = await buildReviewList(env, "陈会计", now);
    assert.ok(built.ok && built.problems.length === 0 && built.code, JSON.stringify(built));
    assert.match(
      String(host.sheet("复核清单").pageLayout.leftFooter),
      new RegExp(`追溯码 ${built.code}\n陈会计`),
    );
    const found = await look(host, built.code);
    assert.equal(found.printout?.action, "buildReviewList");
    assert.equal(found.printout?.state, "current");
    const listed = logOf(host).filter((e) => e.action === "lookList" && e.oldValue === "复核清单");
    assert.equal(listed.length, 1);
    assert.equal(listed[0]!.reason, "半年度复核");
  });

  it("what cannot be a code is not looked up; a code no copy has is said unknown", async () => {
    const host = await bookOf(10, people);
    host.resetCounters();
    assert.deepEqual(await look(host, "12-34"), { ok: true });
    assert.equal(host.syncs, 0, "nothing read for what cannot be a code");
    assert.deepEqual(await look(host, "ZZZZ-ZZZZ"), { ok: true, code: "ZZZZ-ZZZZ" });
  });
});
