/**
 * 首页 — "what needs me now" (issue 17): for each person, exactly the work waiting for
 * them, read from the workbook the pane's own actions built.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { loadHome } from "../../src/excel/actions/home";
import { applyForLoan, buildLoanExtract, returnLoans, stampLoans } from "../../src/excel/actions/loans";
import { addContact, markReported } from "../../src/excel/actions/contacts";
import { fileRequest, listRequests, stampRequests } from "../../src/excel/actions/workflow";
import { defaultStampedFields } from "../../src/domain/stamps/stamps";
import type { CheckSeen, HomeItem, Me } from "../../src/domain/home";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { confirmCopySaved } from "../../src/excel/backup";
import { countersign } from "../../src/domain/stamps/staff";
import { person } from "../domain/support/people";
import { envOf, seedStaff } from "./fixtures";
import { requestRow, typeInto } from "./integrity/insider";
import { entryFor, now, stamper, staffOf, world, type People } from "./integrity/world";

describe("the home page: what needs me now", function () {
  this.timeout(60_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });
  const me = (p: { entry: { name: string; role: string; department: string } }): Me => ({
    name: p.entry.name,
    role: p.entry.role,
    department: p.entry.department,
  });
  async function home(host: MemoryExcelHost, who: Me | undefined, at = now, checks: CheckSeen[] = []) {
    const result = await loadHome(envOf(host), who, at, checks);
    assert.ok(result.ok, JSON.stringify(result));
    return new Map(result.items.map((i): [string, HomeItem] => [i.task, i]));
  }

  it("the department head sees the request waiting for their stamp, by number and name", async () => {
    const items = await home(base.clone(), me(people.head));
    const stamp = items.get("stamp");
    assert.ok(stamp, JSON.stringify([...items.keys()]));
    // R000005 is filed and unstamped; R000004 (the reinstatement) is already stamped by this head.
    assert.deepEqual(
      stamp.lines.map((l) => l.split(" ")[0]),
      ["R000005"],
    );
    assert.match(stamp.lines[0]!, /^R000005 \S+/);
  });

  it("nobody else is asked for that stamp: not the chairman (a class-B chain), not the administrator, not a head of another department", async () => {
    const host = base.clone();
    for (const who of [me(people.chairman), me(people.admin), { ...me(people.head), department: "业务二部" }])
      assert.equal((await home(host, who)).get("stamp"), undefined, who.name + who.department);
  });

  it("a request the head is responsible for is not theirs to stamp", async () => {
    const host = base.clone();
    const filed = await fileRequest(
      envOf(host),
      { ...entryFor(104), responsible: people.head.entry.name },
      "陈会计",
      now,
    );
    assert.ok(filed.ok && filed.problems.length === 0, JSON.stringify(filed));
    const stamp = (await home(host, me(people.head))).get("stamp")!;
    assert.deepEqual(
      stamp.lines.map((l) => l.split(" ")[0]),
      ["R000005"],
    );
  });

  it("a request the head rejected and the filer sent back (status typed back) waits for the head's stamp again", async () => {
    const host = base.clone();
    const env = envOf(host);
    const rejected = await stampRequests(
      env,
      people.admin.fp,
      ["R000005"],
      stamper(people.head),
      "reject",
      "地址有误",
      now,
    );
    assert.ok(rejected.ok && rejected.stamped.length === 1, JSON.stringify(rejected));
    assert.equal((await home(host, me(people.head))).get("stamp"), undefined, "rejected: nothing waits");
    const row = requestRow(host, "R000005");
    typeInto(host, "交易开始调查书", row, "地址", "杭州市西湖区文三路200号");
    typeInto(host, "交易开始调查书", row, "申请状态", "待盖章");
    const stamp = (await home(host, me(people.head))).get("stamp");
    assert.deepEqual(
      stamp?.lines.map((l) => l.split(" ")[0]),
      ["R000005"],
    );
    // The stamp page agrees: the head's stamp is taken.
    const again = await stampRequests(
      env,
      people.admin.fp,
      ["R000005"],
      stamper(people.head),
      "approve",
      "",
      now,
    );
    assert.ok(again.ok && again.stamped.length === 1, JSON.stringify(again));
  });

  it("nobody chosen on this device: nothing is said to be theirs", async () => {
    assert.deepEqual([...(await home(base.clone(), undefined)).keys()], []);
  });

  it("a loan waits for the head's stamp; once stamped and past due it is overdue for the borrower and the head, not for another department", async () => {
    const host = base.clone();
    const env = envOf(host);
    const applied = await applyForLoan(
      env,
      {
        borrower: "刘业务",
        department: "业务一部",
        title: "",
        class: "",
        region: "",
        from: "",
        due: "2026-11-25 17:30",
        purpose: "走访",
      },
      "陈会计",
      now,
    );
    assert.ok(applied.ok && applied.problems.length === 0, JSON.stringify(applied));
    assert.deepEqual((await home(host, me(people.head))).get("loanStamp")?.lines, ["L000001 刘业务"]);
    assert.equal((await home(host, me(people.chairman))).get("loanStamp"), undefined);
    const otherHead: Me = { ...me(people.head), department: "业务二部" };
    assert.equal((await home(host, otherHead)).get("loanStamp"), undefined, "another department's head");
    const headBorrowing: Me = { ...me(people.head), name: "刘业务" };
    assert.equal(
      (await home(host, headBorrowing)).get("loanStamp"),
      undefined,
      "nobody stamps their own loan",
    );
    const stamped = await stampLoans(
      env,
      people.admin.fp,
      ["L000001"],
      stamper(people.head),
      "approve",
      "",
      now,
    );
    assert.ok(stamped.ok && stamped.problems.length === 0, JSON.stringify(stamped));
    assert.equal(
      (await home(host, me(people.head))).get("loanStamp"),
      undefined,
      "stamped: no longer waiting",
    );

    const dueDay = { date: "2026-11-25", time: "09:00" };
    const later = { date: "2026-11-26", time: "09:00" };
    const borrower: Me = { name: "刘业务", role: "responsible", department: "业务一部" };
    assert.equal((await home(host, borrower, dueDay)).get("loanDue")?.count, 1, "due back today");
    assert.equal((await home(host, borrower, now)).get("loanDue"), undefined, "not due back yet");
    assert.equal((await home(host, borrower, dueDay)).get("loanOverdue"), undefined);
    for (const who of [borrower, me(people.head), me(people.admin)]) {
      const overdue = (await home(host, who, later)).get("loanOverdue");
      assert.equal(overdue?.count, 1, who.name);
      assert.equal(overdue.late, 1);
    }
    const elsewhere: Me = { name: "周主管", role: "deptHead", department: "业务二部" };
    assert.equal((await home(host, elsewhere, later)).get("loanOverdue"), undefined);
  });

  it("an extract not back by its due time is on the home page of the borrower, their head and the administrator, naming the sheet still in the workbook; a typed return date does not hide it, the recorded return does", async () => {
    const host = base.clone();
    const env = envOf(host);
    const adminHead = await person(6, "周总务", "adminHead", "总务部");
    adminHead.entry.countersign = await countersign(people.admin.privateKey, adminHead.entry);
    seedStaff(host, [...people.entries, people.manager.entry, adminHead.entry]);
    const loan = { title: "", class: "", region: "", from: "", purpose: "走访" };
    // 业务一部's loan is its head's; 总务部 (not a business department) is due back by close of business, the administration head's.
    for (const entry of [
      { ...loan, borrower: "刘业务", department: "业务一部", due: "2026-11-25 17:30" },
      { ...loan, borrower: "钱文员", department: "总务部", due: "" },
    ]) {
      const applied = await applyForLoan(env, entry, "陈会计", now);
      assert.ok(applied.ok && applied.problems.length === 0, JSON.stringify(applied));
    }
    for (const [no, head] of [
      ["L000001", people.head],
      ["L000002", adminHead],
    ] as const) {
      const stamped = await stampLoans(env, people.admin.fp, [no], stamper(head), "approve", "", now);
      assert.ok(stamped.ok && stamped.stamped.length === 1, JSON.stringify(stamped));
      const built = await buildLoanExtract(env, people.admin.fp, no, "陈会计", now);
      assert.ok(built.ok && built.problems.length === 0, JSON.stringify(built));
    }
    const later = { date: "2026-11-26", time: "09:00" };
    const overdue = async (who: Me) => {
      const item = (await home(host, who, later)).get("loanOverdue");
      return (item?.lines ?? []).map((l, i) => `${l.split(" ")[0]} ${item!.extracts?.[i] ?? "?"}`);
    };
    const borrower: Me = { name: "刘业务", role: "responsible", department: "业务一部" };
    const administrationHead = me(adminHead);
    for (const who of [borrower, me(people.head)])
      assert.deepEqual(await overdue(who), ["L000001 借阅-L000001"], who.name);
    assert.deepEqual(await overdue(me(people.admin)), ["L000001 借阅-L000001", "L000002 借阅-L000002"]);
    assert.deepEqual(await overdue(administrationHead), ["L000002 借阅-L000002"], "the borrower's head");
    assert.deepEqual(await overdue({ ...me(people.head), department: "业务二部" }), []);

    // A return time typed into the Loan log brings nothing back.
    typeInto(host, "使用登记簿", 2, "归还时间", "2026-11-25 17:00");
    assert.deepEqual(await overdue(me(people.admin)), ["L000001 借阅-L000001", "L000002 借阅-L000002"]);
    const back = await returnLoans(env, ["L000001"], "", "陈会计", later);
    assert.ok(back.ok && back.returned.length === 1, JSON.stringify(back));
    assert.deepEqual(await overdue(me(people.admin)), ["L000002 借阅-L000002"], "returned: off the list");
    assert.deepEqual(await overdue(me(people.head)), []);
  });

  it("reviews: overdue once the review month is over, counted for the head's department and for the administrator", async () => {
    const host = base.clone();
    // November is not a review month (2 and 8): August's cycle is over, so what is not done is overdue.
    const head = (await home(host, me(people.head))).get("review")!;
    const admin = (await home(host, me(people.admin))).get("review")!;
    assert.ok(head.count > 0 && head.count === head.late, JSON.stringify(head));
    assert.equal(admin.count, head.count, "every customer of the world is 业务一部's");
    assert.ok(head.lines.length <= 5 && head.lines.every((l) => /^C\d{6} /.test(l)));
    assert.equal((await home(host, { ...me(people.head), department: "业务二部" })).get("review"), undefined);
    // In August (a review month) they are due, not late.
    const august = (await home(host, me(people.head), { date: "2027-08-10", time: "09:00" })).get("review")!;
    assert.equal(august.late, 0);
    assert.equal(august.count, head.count);
  });

  it("a major matter waits for its staff member and the heads, until reported", async () => {
    const host = base.clone();
    const added = await addContact(
      envOf(host),
      {
        customerId: "C000001",
        date: now.date,
        staff: "王建国",
        channel: "电话",
        summary: "客户重组",
        major: true,
      },
      "陈会计",
      now,
    );
    assert.ok(added.ok && added.problems.length === 0, JSON.stringify(added));
    const staffMember: Me = { name: "王建国", role: "responsible", department: "业务一部" };
    for (const who of [staffMember, me(people.head), me(people.chairman)])
      assert.match((await home(host, who)).get("major")?.lines[0] ?? "", /C000001 客户重组$/, who.name);
    assert.equal(
      (await home(host, { name: "陈会计", role: "clerk", department: "财务科" })).get("major"),
      undefined,
    );
    const contactNo = (await home(host, staffMember)).get("major")!.lines[0]!.split(" ")[0]!;
    const reported = await markReported(envOf(host), [contactNo], "王主管", now);
    assert.ok(reported.ok && reported.problems.length === 0, JSON.stringify(reported));
    assert.equal((await home(host, me(people.head))).get("major"), undefined, "reported: no longer waiting");
  });

  it("this month's backup is the administrator's, until it is recorded", async () => {
    const host = base.clone();
    assert.ok((await home(host, me(people.admin))).get("backup"));
    assert.equal((await home(host, me(people.head))).get("backup"), undefined);
    const saved = await confirmCopySaved(envOf(host), people.admin.entry.name, now);
    assert.ok(saved.ok, JSON.stringify(saved));
    assert.equal((await home(host, me(people.admin))).get("backup"), undefined, "recorded this month");
    const nextMonth = { date: "2026-12-01", time: "09:00" };
    assert.ok((await home(host, me(people.admin), nextMonth)).get("backup"), "due again next month");
  });

  it("the stamp page lists, for each request, every field a stamp on it approves, as the request holds it now", async () => {
    const host = base.clone();
    const listed = await listRequests(envOf(host));
    assert.ok(listed.ok);
    const r5 = listed.requests.find((r) => r.requestNo === "R000005")!;
    assert.deepEqual(
      r5.fields.map((f) => f.key),
      defaultStampedFields,
    );
    const entry = entryFor(103);
    for (const f of r5.fields) if (f.key in entry) assert.equal(f.value, entry[f.key], f.key);
  });

  it("Validate's problem count: the last run on this device, for the administrator and clerks; a run never made here is said so", async () => {
    const host = base.clone();
    const env = envOf(host);
    const clean = await validateWorkbook(env, now.date);
    assert.ok(clean.ok, JSON.stringify(clean));
    // Never run here (or only on another workbook): the keepers are asked to run it.
    for (const checks of [[], [{ root: "another workbook", at: "2026-11-20 09:00", problems: 4 }]]) {
      const never = (await home(host, me(people.admin), now, checks)).get("validate");
      assert.deepEqual(never && { count: never.count, lines: never.lines }, { count: 0, lines: [] });
    }
    // A clean run: nothing to do.
    const seenClean = [{ root: clean.root, at: "2026-11-24 09:00", problems: clean.problems.length }];
    assert.equal(clean.problems.length, 0, JSON.stringify(clean.problems.slice(0, 3)));
    assert.equal((await home(host, me(people.admin), now, seenClean)).get("validate"), undefined);
    // Someone types a bad postcode into the Register: the next run's count is on the home page.
    typeInto(host, "客户原簿", 2, "邮编", "12");
    const dirty = await validateWorkbook(env, now.date);
    assert.ok(dirty.ok && dirty.problems.length > 0, JSON.stringify(dirty));
    const seen = [{ root: dirty.root, at: "2026-11-24 10:00", problems: dirty.problems.length }];
    const item = (await home(host, me(people.admin), now, seen)).get("validate");
    assert.deepEqual(item && { count: item.count, lines: item.lines }, {
      count: dirty.problems.length,
      lines: ["2026-11-24 10:00"],
    });
    const clerk = { name: "陈会计", role: "clerk", department: "财务科" };
    assert.ok((await home(host, clerk, now, seen)).get("validate"), "a clerk keeps the register too");
    assert.equal(
      (await home(host, me(people.head), now, seen)).get("validate"),
      undefined,
      "not a head's work",
    );
  });
});
