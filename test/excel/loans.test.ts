import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import {
  applyForLoan,
  buildLoanExtract,
  loadLoans,
  returnLoans,
  stampLoans,
} from "../../src/excel/actions/loans";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { loanLog, register } from "../../src/domain/schema/sheets";
import { countersign } from "../../src/domain/stamps/staff";
import type { LoanApplication } from "../../src/domain/loans";
import { decodeIds } from "../../src/domain/looking";
import { office, person } from "../domain/support/people";
import { bookOf, envOf, logOf, seedStaff } from "./fixtures";
import { snapshotOf } from "./integrity/world";

/** Each distinct cut of an action's syncs: the k-th sync stopped after its n-th operation (as cuts.test.ts). */
const cutPoints = (dry: MemoryExcelHost) =>
  dry.syncLog.flatMap((s, i) =>
    s.writes === 0
      ? [{ k: i + 1, n: 0 }]
      : Array.from({ length: s.operations + 1 }, (_, n) => ({ k: i + 1, n })),
  );

const morning = { date: "2026-11-24", time: "09:00" };
const evening = { date: "2026-11-24", time: "18:00" };
const at = (key: string) => loanLog.columns.findIndex((c) => c.key === key);
const business: LoanApplication = {
  borrower: "刘业务",
  department: "业务一部",
  title: "业务员",
  class: "A",
  region: "华东",
  from: "",
  due: "2026-11-27 17:30",
  purpose: "年末走访",
};

describe("the loan log through the in-memory host", function () {
  this.timeout(120_000);
  let people: Awaited<ReturnType<typeof office>>;
  let adminHead: Awaited<ReturnType<typeof person>>;
  before(async () => {
    people = await office();
    adminHead = await person(5, "周总务", "adminHead", "总务部");
    adminHead.entry.countersign = await countersign(people.admin.privateKey, adminHead.entry);
  });
  const as = (p: typeof adminHead) => ({ entry: p.entry, privateKey: p.privateKey, fingerprint: p.fp });

  async function book(rows = 60, platform: "web" | "desktop" = "web"): Promise<MemoryExcelHost> {
    const host = await bookOf(rows, people, platform);
    seedStaff(host, [...people.entries, adminHead.entry]);
    host.resetCounters();
    return host;
  }
  const logRow = (host: MemoryExcelHost, no: string) =>
    host.sheet("使用登记簿").values.find((r) => r[0] === no)!;

  it("applies, stamps and returns reading the Loan log and the log's loan rows, not the whole Change log (issue 15)", async () => {
    const host = await book(3000);
    const env = envOf(host);
    const logBytes = JSON.stringify(host.sheet("变更记录").values).length;
    const read = async <T>(act: () => Promise<T>) => {
      host.resetCounters();
      const result = await act();
      return { result, bytes: host.syncLog.reduce((n, s) => n + s.responseBytes, 0) };
    };
    const applied = await read(() => applyForLoan(env, business, "陈会计", morning));
    const stamped = await read(() =>
      stampLoans(env, people.admin.fp, ["L000001"], as(people.head), "approve", "", morning),
    );
    const extract = await buildLoanExtract(env, people.admin.fp, "L000001", "陈会计", morning);
    assert.ok(extract.ok && extract.problems.length === 0, JSON.stringify(extract));
    // A return reads the loan's extract sheet whole besides (compared with its logged digest).
    const extractBytes = JSON.stringify(host.sheet("借阅-L000001").values).length;
    const back = await read(() => returnLoans(env, ["L000001"], "", "陈会计", evening));
    for (const [what, { result, bytes }, besides] of [
      ["apply", applied, 0],
      ["stamp", stamped, 0],
      ["return", back, extractBytes],
    ] as const) {
      assert.ok(result.ok, `${what}: ${JSON.stringify(result)}`);
      assert.ok((bytes - besides) * 10 < logBytes, `${what} read ${bytes} bytes; the log holds ${logBytes}`);
    }
    assert.ok(back.result.ok && back.result.returned.length === 1);
    const checked = await validateWorkbook(env, "2026-11-24", people.admin.fp);
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.problems.filter((p) => p.rule.startsWith("log.") || p.rule.startsWith("loan")),
      [],
    );
  });

  it("runs apply → department head's stamp → extract → return, each in the Change log", async () => {
    const host = await book();
    const env = envOf(host);
    const applied = await applyForLoan(env, business, "陈会计", morning);
    assert.ok(applied.ok && applied.problems.length === 0, JSON.stringify(applied));
    assert.equal(applied.loanNo, "L000001");
    // The extract waits for the stamp.
    const early = await buildLoanExtract(env, people.admin.fp, "L000001", "陈会计", morning);
    assert.ok(early.ok);
    assert.equal(early.problems[0]!.rule, "loan.notApproved");
    assert.ok(!host.sheetNames().includes("借阅-L000001"));

    const stamped = await stampLoans(
      env,
      people.admin.fp,
      ["L000001"],
      as(people.head),
      "approve",
      "",
      morning,
    );
    assert.ok(stamped.ok && stamped.stamped.length === 1, JSON.stringify(stamped));
    assert.match(String(logRow(host, "L000001")[at("approver")]), /部门主管 王主管 .*批准/);

    host.resetCounters();
    const extract = await buildLoanExtract(env, people.admin.fp, "L000001", "陈会计", morning);
    assert.ok(extract.ok && extract.problems.length === 0, JSON.stringify(extract));
    // Sheet names, headers and sizes, the columns chosen by, the rows they choose, the write
    // (issue 15: an extract reads its customers, not the Register whole).
    assert.ok(host.syncs <= 5, `syncs ${host.syncs}`);
    const sheet = host.sheet("借阅-L000001");
    const reg = host.sheet("客户原簿").values.slice(1);
    const cls = register.columns.findIndex((c) => c.key === "class");
    const region = register.columns.findIndex((c) => c.key === "region");
    const wanted = reg.filter((r) => r[cls] === "A" && r[region] === "华东").map((r) => r[0]);
    const listed = sheet.values
      .slice(2)
      .map((r) => r[0])
      .filter((v) => /^C\d{6}$/.test(String(v)));
    assert.deepEqual(listed, wanted, "just the requested class and region");
    assert.equal(extract.count, wanted.length);
    assert.equal(sheet.isProtected, true);
    assert.equal(sheet.pageLayout.centerHeader, "借阅编号 L000001 · 借阅人 刘业务 · 应还 2026-11-27 17:30");
    assert.equal(sheet.pageLayout.rightFooter, "L000001 刘业务");
    assert.equal(sheet.pageLayout.centerFooter, "第 &P 页 / 共 &N 页");
    assert.equal(sheet.pageLayout.printTitleRows, "$1:$2");

    const back = await returnLoans(env, ["L000001"], "", "陈会计", { date: "2026-11-26", time: "10:15" });
    assert.ok(back.ok && back.returned.length === 1);
    assert.equal(logRow(host, "L000001")[at("returned")], 46352 + (10 * 60 + 15) / 1440);
    const again = await returnLoans(env, ["L000001"], "", "陈会计", morning);
    assert.ok(again.ok);
    assert.equal(again.problems[0]!.rule, "loan.returned");
    const actions = logOf(host).map((r) => r.action);
    // The extract's customers follow it (looking.ts): who was lent, and why.
    assert.deepEqual(actions, ["loanApply", "loanApprove", "loanExtract", "lookList", "loanReturn"]);
    const lent = logOf(host).find((e) => e.action === "lookList")!;
    assert.deepEqual([lent.oldValue, lent.reason], ["借阅-L000001", "年末走访"]);
    assert.deepEqual(decodeIds(lent.newValue!), wanted);
    const checked = await validateWorkbook(env, "2026-11-26", people.admin.fp);
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.problems.filter((p) => p.rule === "log.chainBroken"),
      [],
    );
  });

  it("a non-business department is due back the same day at close of business, approved by the administration head, and shows overdue after", async () => {
    const host = await book();
    const env = envOf(host);
    const other = { ...business, borrower: "钱文员", department: "总务部", due: "2026-12-31 17:30" };
    const applied = await applyForLoan(env, other, "陈会计", morning);
    assert.ok(applied.ok && applied.due === "2026-11-24 17:30", JSON.stringify(applied));
    const wrong = await stampLoans(
      env,
      people.admin.fp,
      ["L000001"],
      as(people.head),
      "approve",
      "",
      morning,
    );
    assert.ok(wrong.ok);
    assert.equal(wrong.problems[0]!.rule, "loan.approverKind");
    const right = await stampLoans(env, people.admin.fp, ["L000001"], as(adminHead), "approve", "", morning);
    assert.ok(right.ok && right.stamped.length === 1, JSON.stringify(right));

    const noon = await loadLoans(env, { date: "2026-11-24", time: "12:00" });
    assert.ok(noon.ok);
    assert.equal(noon.loans[0]!.state, "out");
    host.resetCounters();
    const late = await loadLoans(env, evening);
    assert.ok(late.ok);
    assert.equal(late.loans[0]!.state, "overdue");
    // Headers, then the Loan log with the Change log's loan rows picked (never the log whole), then one write.
    assert.ok(host.syncs <= 5, `read in parts, then one write of the highlighting: ${host.syncs} syncs`);
    const fills = host.sheet("使用登记簿").formats.filter((f) => f.property === "fill.color");
    assert.deepEqual(
      fills.map((f) => [f.address, f.value]).at(-1),
      ["使用登记簿!A2:N2", "#FFC7CE"],
      "the overdue row is filled red",
    );
    await returnLoans(env, ["L000001"], "2026-11-24 18:20", "陈会计", evening);
    const after = host.sheet("使用登记簿").formats.at(-1)!;
    assert.equal(after.property, "fill.cleared", "returned: the red goes");
    assert.equal(logOf(host).at(-1)!.reason, "overdue", "the late return is logged as such");
  });

  it("Validate shows a loan edited after its stamp: the due time moved by hand", async () => {
    const host = await book(5);
    const env = envOf(host);
    await applyForLoan(env, business, "陈会计", morning);
    await stampLoans(env, people.admin.fp, ["L000001"], as(people.head), "approve", "", morning);
    const clean = await validateWorkbook(env, "2026-11-24", people.admin.fp);
    assert.ok(clean.ok);
    assert.deepEqual(
      clean.problems.filter((p) => p.sheet === "loanLog"),
      [],
    );
    const dueCol = String.fromCharCode(65 + at("due"));
    host.seedSheet("使用登记簿", [[46400.5]], { at: `${dueCol}2`, raw: true });
    const edited = await validateWorkbook(env, "2026-11-24", people.admin.fp);
    assert.ok(edited.ok);
    const found = edited.problems.filter((p) => p.sheet === "loanLog");
    assert.deepEqual(
      found.map((p) => [p.sheetName, p.address, p.rule, p.value]),
      [["使用登记簿", `${String.fromCharCode(65 + at("stamps"))}2`, "stamp.contentChanged", "L000001"]],
    );
    const extract = await buildLoanExtract(env, people.admin.fp, "L000001", "陈会计", morning);
    assert.ok(extract.ok);
    assert.equal(extract.problems[0]!.rule, "loan.notApproved", "no extract on a broken stamp");
  });

  it("builds an extract in the same number of syncs from a 100-row and a 20,000-row register", async () => {
    const syncs: number[] = [];
    for (const rows of [100, 20_000]) {
      const host = await book(rows, "desktop");
      const env = envOf(host, "desktop");
      await applyForLoan(env, business, "陈会计", morning);
      await stampLoans(env, people.admin.fp, ["L000001"], as(people.head), "approve", "", morning);
      host.resetCounters();
      const extract = await buildLoanExtract(env, people.admin.fp, "L000001", "陈会计", morning);
      assert.ok(extract.ok && extract.count > 0, JSON.stringify(extract));
      syncs.push(host.syncs);
    }
    assert.equal(syncs[0], syncs[1]);
  });

  it("names the row, column and rule of a bad application and writes nothing", async () => {
    const host = await book(5);
    const env = envOf(host);
    const bad = { ...business, borrower: "", region: "火星", due: "2026-11-20 10:00" };
    const result = await applyForLoan(env, bad, "陈会计", morning);
    assert.ok(result.ok);
    const got = result.problems.map((p) => [p.row, p.column, p.rule]);
    assert.deepEqual(got, [
      [2, "borrower", "required"],
      [2, "region", "enum.notAllowed"],
      [2, "due", "loan.dueBeforeOut"],
    ]);
    assert.equal(host.sheet("使用登记簿").values.length, 1);
    assert.equal(logOf(host).length, 0);
  });

  it("refuses the borrower's own stamp and a stamp on someone else's department", async () => {
    const host = await book(5);
    const env = envOf(host);
    await applyForLoan(env, { ...business, borrower: "王主管" }, "陈会计", morning);
    await applyForLoan(env, { ...business, department: "业务二部" }, "陈会计", morning);
    const own = await stampLoans(env, people.admin.fp, ["L000001"], as(people.head), "approve", "", morning);
    assert.ok(own.ok);
    assert.equal(own.problems[0]!.rule, "stamp.ownRequest");
    const theirs = await stampLoans(
      env,
      people.admin.fp,
      ["L000002"],
      as(people.head),
      "approve",
      "",
      morning,
    );
    assert.ok(theirs.ok);
    assert.equal(theirs.problems[0]!.rule, "loan.approverKind");
  });

  it("a loan never approved — waiting, rejected, or its stamp copied from another loan — cannot be returned, and nothing is written", async () => {
    const host = await book(5);
    const env = envOf(host);
    for (let i = 0; i < 2; i++) await applyForLoan(env, business, "陈会计", morning);
    const rejected = await stampLoans(
      env,
      people.admin.fp,
      ["L000002"],
      as(people.head),
      "reject",
      "不需要",
      morning,
    );
    assert.ok(rejected.ok && rejected.problems.length === 0, JSON.stringify(rejected));
    for (const no of ["L000001", "L000002"]) {
      const before = snapshotOf(host);
      const back = await returnLoans(env, [no], "", "陈会计", morning);
      assert.ok(back.ok);
      assert.deepEqual(
        back.problems.map((p) => `${p.row} ${p.column} ${p.rule} ${p.value}`),
        [`${no === "L000001" ? 2 : 3} stamps loan.notApproved ${no}`],
      );
      assert.deepEqual(snapshotOf(host), before, `${no}: nothing written`);
    }
    // A stamp typed in from an approved loan's row (copied onto another) does not verify either.
    await stampLoans(env, people.admin.fp, ["L000001"], as(people.head), "approve", "", morning);
    await applyForLoan(env, business, "陈会计", morning);
    const rows = host.sheet("使用登记簿").values;
    const col = rows[0]!.indexOf("盖章");
    host.sheet("使用登记簿").values[3]![col] = rows[1]![col]!;
    const copied = await returnLoans(env, ["L000003"], "", "陈会计", morning);
    assert.ok(copied.ok);
    assert.equal(copied.problems[0]?.rule, "loan.notApproved");
  });
  /** L000001 applied for, stamped by the head and its extract built (class A of 华东). */
  async function lent(host: MemoryExcelHost, no = "L000001") {
    const env = envOf(host);
    const applied = await applyForLoan(env, business, "陈会计", morning);
    assert.ok(applied.ok && applied.loanNo === no, JSON.stringify(applied));
    await stampLoans(env, people.admin.fp, [no], as(people.head), "approve", "", morning);
    const extract = await buildLoanExtract(env, people.admin.fp, no, "陈会计", morning);
    assert.ok(extract.ok && extract.problems.length === 0, JSON.stringify(extract));
    assert.ok(host.sheetNames().includes(`借阅-${no}`));
  }
  const returnOf = (host: MemoryExcelHost) => logOf(host).filter((e) => e.action === "loanReturn");
  const loanProblems = async (host: MemoryExcelHost, day = "2026-11-26") => {
    const checked = await validateWorkbook(envOf(host), day, people.admin.fp);
    assert.ok(checked.ok, JSON.stringify(checked));
    return checked.problems
      .filter((p) => p.sheet === "loanLog" || p.rule.startsWith("log."))
      .map((p) => `${p.address} ${p.rule} ${p.value}`);
  };
  const returnedCell = `${String.fromCharCode(65 + at("returned"))}2`;

  it("returning a loan removes its extract sheet; the Change log keeps the return and the digest of what was lent and came back", async () => {
    const host = await book(20);
    const env = envOf(host);
    await lent(host);
    const built = logOf(host).find((e) => e.action === "loanExtract")!;
    assert.match(built.digest, /^[0-9a-f]{64}$/, "the extract's digest is logged when it is built");
    const back = await returnLoans(env, ["L000001"], "", "陈会计", { date: "2026-11-26", time: "10:15" });
    assert.ok(back.ok && back.problems.length === 0, JSON.stringify(back));
    assert.deepEqual(back.returned, ["L000001"]);
    assert.deepEqual(back.extracts, [{ loanNo: "L000001", sheet: "借阅-L000001", check: "same" }]);
    assert.ok(!host.sheetNames().includes("借阅-L000001"), "the extract sheet is gone");
    const [logged] = returnOf(host);
    assert.deepEqual(
      [logged!.oldValue, logged!.newValue, logged!.reason, logged!.digest],
      ["L000001", "2026-11-26 10:15", "", built.digest],
      "the return, on time, with the digest of the sheet as it came back: what was lent",
    );
    assert.equal(logRow(host, "L000001")[at("returned")], 46352 + (10 * 60 + 15) / 1440);
    assert.deepEqual(await loanProblems(host), []);
    const rebuild = await buildLoanExtract(env, people.admin.fp, "L000001", "陈会计", morning);
    assert.ok(rebuild.ok);
    assert.equal(rebuild.problems[0]?.rule, "loan.returned", "no extract of a returned loan");
    assert.ok(!host.sheetNames().includes("借阅-L000001"));
  });

  it("an extract edited while lent still comes back: the return goes through, says so and logs it; one deleted by hand is said missing", async () => {
    const host = await book(20);
    const env = envOf(host);
    await lent(host);
    const built = logOf(host).find((e) => e.action === "loanExtract")!;
    // Someone types over a customer's address on the lent sheet (raw: the protection is no bar to a test).
    host.seedSheet("借阅-L000001", [["手改的地址"]], { at: "C4", raw: true });
    const late = { date: "2026-11-28", time: "09:00" };
    const back = await returnLoans(env, ["L000001"], "", "陈会计", late);
    assert.ok(back.ok && back.problems.length === 0, JSON.stringify(back));
    assert.deepEqual(back.extracts, [{ loanNo: "L000001", sheet: "借阅-L000001", check: "changed" }]);
    assert.ok(!host.sheetNames().includes("借阅-L000001"), "removed all the same");
    const [logged] = returnOf(host);
    assert.equal(logged!.reason, "overdue extractChanged");
    assert.match(logged!.digest, /^[0-9a-f]{64}$/);
    assert.notEqual(logged!.digest, built.digest, "what came back is not what was lent");

    // A second loan whose sheet was deleted by hand before it came back.
    await lent(host, "L000002");
    host.store.remove("借阅-L000002");
    const missing = await returnLoans(env, ["L000002"], "", "陈会计", late);
    assert.ok(missing.ok && missing.problems.length === 0, JSON.stringify(missing));
    assert.deepEqual(missing.extracts, [{ loanNo: "L000002", sheet: "借阅-L000002", check: "missing" }]);
    assert.equal(returnOf(host).at(-1)!.reason, "overdue extractMissing");
    assert.equal(returnOf(host).at(-1)!.digest, "");
  });

  it("a return time typed into the Loan log is no return: the loan stays out and overdue, Validate names the cell, and the return is still recorded", async () => {
    const host = await book(20);
    const env = envOf(host);
    await lent(host);
    host.seedSheet("使用登记簿", [[46351.5]], { at: returnedCell, raw: true });
    const later = { date: "2026-11-28", time: "09:00" };
    const loans = await loadLoans(env, later);
    assert.ok(loans.ok);
    assert.equal(loans.loans[0]!.state, "overdue", "the typed date does not bring it back");
    assert.equal(loans.loans[0]!.extract, "借阅-L000001");
    assert.deepEqual(await loanProblems(host, later.date), [`${returnedCell} loan.returnNotLogged L000001`]);
    const back = await returnLoans(env, ["L000001"], "", "陈会计", later);
    assert.ok(back.ok && back.problems.length === 0 && back.returned.length === 1, JSON.stringify(back));
    assert.ok(!host.sheetNames().includes("借阅-L000001"));
    assert.equal(
      logRow(host, "L000001")[at("returned")],
      46354 + 9 / 24,
      "the recorded time, not the typed one",
    );
    assert.deepEqual(await loanProblems(host, later.date), []);
  });

  it("a return cut after any operation of any sync: never the sheet gone without the return logged; Validate names what is left, and the next return or any other loan action finishes it, once", async () => {
    const base = await book(20);
    await lent(base);
    const day = { date: "2026-11-26", time: "10:15" };
    const serial = 46352 + (10 * 60 + 15) / 1440;
    const dry = base.clone();
    const uncut = await returnLoans(envOf(dry), ["L000001"], "", "陈会计", day);
    assert.ok(uncut.ok && uncut.returned.length === 1, JSON.stringify(uncut));
    const states = new Set<string>();
    for (const { k, n } of cutPoints(dry)) {
      const cut = base.clone();
      cut.failAtSync(k, { operations: n });
      const label = `cut at sync ${k} after ${n} operations`;
      assert.equal((await returnLoans(envOf(cut), ["L000001"], "", "陈会计", day)).ok, false, label);
      const logged = returnOf(cut).length;
      const sheet = cut.sheetNames().includes("借阅-L000001");
      const cell = logRow(cut, "L000001")[at("returned")];
      states.add(`${logged} ${sheet} ${cell}`);
      assert.ok(logged <= 1, `${label}: logged twice`);
      if (!logged) {
        assert.ok(sheet && cell === "", `${label}: written before the return was logged`);
        assert.deepEqual(await loanProblems(cut), [], label);
      } else {
        // Logged: the loan is back, whatever the sheets show yet, and Validate says what is left.
        const loans = await loadLoans(envOf(cut.clone()), { date: "2026-11-30", time: "09:00" });
        assert.ok(loans.ok);
        assert.equal(loans.loans[0]!.state, "returned", label);
        assert.deepEqual(
          await loanProblems(cut),
          [
            ...(cell === serial ? [] : [`${returnedCell} loan.returnUnfinished L000001`]),
            ...(sheet ? [`${returnedCell} loan.extractLeft L000001`] : []),
          ],
          label,
        );
      }
      const done = (host: MemoryExcelHost, what: string) => {
        assert.equal(returnOf(host).length, 1, `${label}, ${what}: one return logged`);
        assert.ok(!host.sheetNames().includes("借阅-L000001"), `${label}, ${what}: the sheet is gone`);
        assert.equal(logRow(host, "L000001")[at("returned")], serial, `${label}, ${what}: the logged time`);
      };
      // The same return again: finishes what the log says was started, logs nothing twice.
      const again = cut.clone();
      const retried = await returnLoans(envOf(again), ["L000001"], "", "陈会计", day);
      assert.ok(retried.ok, label);
      assert.deepEqual(retried.returned, logged ? [] : ["L000001"], label);
      const finishedAlready = logged && !sheet && cell === serial;
      assert.deepEqual(
        retried.problems.map((p) => p.rule),
        finishedAlready ? ["loan.returned"] : [],
        label,
      );
      if (logged && !finishedAlready) assert.deepEqual(retried.finished, ["L000001"], label);
      done(again, "returned again");
      assert.deepEqual(await loanProblems(again), [], `${label}, returned again`);
      // Or another loan action first: it finishes the return too.
      if (logged) {
        const other = cut.clone();
        const applied = await applyForLoan(envOf(other), business, "陈会计", day);
        assert.ok(applied.ok && applied.problems.length === 0, label);
        assert.deepEqual(applied.finished, finishedAlready ? [] : ["L000001"], `${label}: said so`);
        done(other, "an application first");
      }
    }
    assert.ok(states.size >= 3, `the cuts leave ${states.size} distinct states`);
  });
  it("an extract build cut after any operation: no sheet with customers on it that the log does not know, and the return afterwards removes whatever stands", async () => {
    const base = await book(20);
    const env = envOf(base);
    await applyForLoan(env, business, "陈会计", morning);
    await stampLoans(env, people.admin.fp, ["L000001"], as(people.head), "approve", "", morning);
    base.resetCounters();
    const dry = base.clone();
    const uncut = await buildLoanExtract(envOf(dry), people.admin.fp, "L000001", "陈会计", morning);
    assert.ok(uncut.ok && uncut.count > 0, JSON.stringify(uncut));
    let logFirst = 0;
    for (const { k, n } of cutPoints(dry)) {
      const cut = base.clone();
      cut.failAtSync(k, { operations: n });
      const label = `cut at sync ${k} after ${n} operations`;
      assert.equal(
        (await buildLoanExtract(envOf(cut), people.admin.fp, "L000001", "陈会计", morning)).ok,
        false,
        label,
      );
      const logged = logOf(cut).filter((e) => e.action === "loanExtract");
      const customers = cut.sheetNames().includes("借阅-L000001")
        ? cut.sheet("借阅-L000001").values.filter((r) => /^C\d{6}$/.test(String(r[0]))).length
        : 0;
      if (customers) assert.equal(logged.length, 1, `${label}: customers on a sheet the log does not know`);
      if (logged.length && !customers) logFirst++;
      const back = await returnLoans(envOf(cut), ["L000001"], "", "陈会计", morning);
      assert.ok(back.ok && back.returned.length === 1, `${label}: ${JSON.stringify(back)}`);
      assert.ok(!cut.sheetNames().includes("借阅-L000001"), `${label}: the sheet stands after the return`);
    }
    assert.ok(logFirst > 0, "some cut leaves the extract logged and its sheet not yet written");
  });
});
