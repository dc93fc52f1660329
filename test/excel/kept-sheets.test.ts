/**
 * The register's sheets out of casual sight (issue 19, domain/kept-sheets.ts): very hidden
 * and protected when Settings say so, every writing action of the life cycle still writing
 * to them (unprotect → writes → protect in each batch), shown to a person allowed for a
 * while and logged, and Validate naming a sheet shown or unprotected by hand.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import {
  hideKeptSheets,
  keptSheetsState,
  setKeepHidden,
  showKeptSheet,
} from "../../src/excel/actions/kept-sheets";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { selectCell } from "../../src/excel/actions/select-cell";
import {
  countersignStaff,
  enrolDevice,
  loadAwaitingCountersign,
  signStampPolicy,
} from "../../src/excel/actions/workflow";
import { createDeviceKey } from "../../src/domain/stamps/keys";
import { actions, now, stamper, type People } from "./integrity/world";
import { envOf, yearEndLoan } from "./fixtures";
import { loadHome } from "../../src/excel/actions/home";
import { setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import { printCard } from "../../src/excel/actions/card";
import { buildMailing } from "../../src/excel/actions/mailing";
import { buildMonthlyLists } from "../../src/excel/actions/lists";
import { applyForLoan, buildLoanExtract, returnLoans, stampLoans } from "../../src/excel/actions/loans";
import { buildReviewList } from "../../src/excel/actions/lifecycle";
import { looksAtCustomer } from "../../src/excel/actions/trace";
import { assertKept, hiddenWorld, setSetting, stateOf } from "./support/kept";

describe("kept sheets: the register out of casual sight", function () {
  this.timeout(300_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    ({ people, base } = await hiddenWorld());
  });

  it("hides the Register, archives, Destruction log, Change log and Staff, very hidden and protected; the others stay in sight", () => {
    assertKept(base, "after hiding");
    for (const name of ["交易开始调查书", "使用登记簿", "设置"]) assert.equal(stateOf(base, name), "Visible");
    // Excel's own refusals now stand in a clerk's way: the cell cannot be typed into.
    assert.throws(
      () => base.sheet("客户原簿") && base.store.get("客户原簿").assertWritable("values"),
      /protected/,
    );
  });

  it("turns the rule on from the pane, adding the Settings row a workbook set up before lacks; once the rules are signed, only a new signing puts it in force", async () => {
    const host = base.clone();
    const env = envOf(host);
    // A workbook set up before the rule: no 保密工作表隐藏 row.
    const [head, ...rows] = host.sheet("设置").values;
    const key = head!.indexOf("设置项");
    const at = rows.findIndex((r) => r[key] === "保密工作表隐藏");
    host.seedSheet("设置", [["", ""]], { at: `${String.fromCharCode(65 + key)}${at + 2}`, raw: true });
    const off = await keptSheetsState(env, people.admin.fp);
    assert.ok(off.ok && off.keepHidden === false);
    const on = await setKeepHidden(env, true, people.admin.fp);
    assert.ok(on.ok && on.written, JSON.stringify(on));
    assert.ok(host.sheet("设置").values.some((r) => r[key] === "保密工作表隐藏" && r[key + 1] === "是"));
    const turned = await keptSheetsState(env, people.admin.fp);
    assert.ok(turned.ok && turned.keepHidden, "no rules signed yet: the cell is in force");

    // Signed with the rule off, then the cell turned on: not in force until signed again.
    const other = base.clone();
    const signed = envOf(other);
    const admin = {
      entry: people.admin.entry,
      fingerprint: people.admin.fp,
      privateKey: people.admin.privateKey,
    };
    setSetting(other, "保密工作表隐藏", "否");
    assert.ok((await signStampPolicy(signed, people.admin.fp, admin, now)).ok);
    assert.ok((await setKeepHidden(signed, true, people.admin.fp)).ok);
    const waiting = await keptSheetsState(signed, people.admin.fp);
    assert.ok(waiting.ok && waiting.keepHidden === false, "the signed rule holds until signed again");
    assert.ok((await signStampPolicy(signed, people.admin.fp, admin, now)).ok);
    const inForce = await keptSheetsState(signed, people.admin.fp);
    assert.ok(inForce.ok && inForce.keepHidden === true);
  });

  it("refuses to hide while the rule is off, and says where to turn it on", async () => {
    const host = base.clone();
    setSetting(host, "保密工作表隐藏", "否");
    const r = await hideKeptSheets(envOf(host), people.admin.fp);
    assert.ok(r.ok);
    assert.deepEqual(
      r.problems.map((p) => p.rule),
      ["sheets.ruleOff"],
    );
  });

  for (const action of actions)
    it(`${action.name}: writes through the protection and leaves every kept sheet very hidden and protected`, async () => {
      const host = base.clone();
      const result = await action.run(host, people);
      assert.ok(
        result.ok && !((result as { problems?: unknown[] }).problems ?? []).length,
        JSON.stringify(result).slice(0, 500),
      );
      action.expect(host, base);
      assertKept(host, action.name);
    });

  it("enrols and countersigns a new person through the protected Staff sheet, and the administrator signs the rule", async () => {
    const host = base.clone();
    const env = envOf(host);
    const key = await createDeviceKey("Tz8q-Wm4k");
    const who = {
      name: "周总务",
      role: "generalHead",
      department: "总务部",
      device: "PC",
      publicKey: key.publicKey,
    };
    const enrolled = await enrolDevice(env, who, now);
    assert.ok(enrolled.ok && enrolled.problems.length === 0, JSON.stringify(enrolled));
    const waiting = await loadAwaitingCountersign(env, people.admin.fp);
    assert.ok(waiting.ok);
    const admin = {
      name: people.admin.entry.name,
      fingerprint: people.admin.fp,
      privateKey: people.admin.privateKey,
    };
    const signed = await countersignStaff(
      env,
      people.admin.fp,
      admin,
      now,
      waiting.awaiting.map((p) => p.fingerprint),
    );
    assert.ok(signed.ok && (signed.changed as string[]).includes("周总务"), JSON.stringify(signed));
    assert.ok(host.sheet("人员").values.some((r) => r[0] === "周总务"));
    const policy = await signStampPolicy(
      env,
      people.admin.fp,
      { entry: people.admin.entry, fingerprint: people.admin.fp, privateKey: people.admin.privateKey },
      now,
    );
    assert.ok(policy.ok && policy.problems.length === 0, JSON.stringify(policy));
    assertKept(host, "enrolment and signing");
    // Signed, the rule holds against its cell: typed back to 否, the sheets stay kept and Validate names the cell.
    setSetting(host, "保密工作表隐藏", "否");
    host.store.get("人员").visibility = "Visible";
    const checked = await validateWorkbook(env, now.date, people.admin.fp, [], "16:00");
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.problems
        .filter((p) => p.rule.startsWith("sheets.") || p.rule === "settings.unsigned")
        .map((p) => [p.rule, p.fix ?? p.value])
        .sort(),
      [
        ["settings.unsigned", "是"],
        ["sheets.shown", "人员"],
      ].sort(),
    );
  });

  it("the other writers write through it too: set-up, a printed card, labels, monthly lists, a loan lent and back, the review list", async () => {
    const host = base.clone();
    const env = envOf(host);
    const manager = people.manager;
    const looking = { ...env, signer: () => ({ fingerprint: manager.fp, privateKey: manager.privateKey }) };
    const ok = (r: { ok: boolean }, what: string) =>
      assert.ok(
        r.ok && !((r as { problems?: unknown[] }).problems ?? []).length,
        `${what}: ${JSON.stringify(r)}`,
      );
    ok(await setUpWorkbook(env), "set up");
    assertKept(host, "set up");
    ok(await printCard(looking, "C000008", manager.entry.name, people.admin.fp, now), "card");
    ok(
      await buildMailing(looking, { department: "业务一部" }, "labels", manager.entry.name, now, "回访"),
      "labels",
    );
    ok(await buildMonthlyLists(looking, ["2026-11"], ["new"], manager.entry.name, now), "monthly");
    const loan = yearEndLoan;
    const applied = await applyForLoan(env, loan, "陈会计", now);
    ok(applied, "loan");
    const loanNo = (applied as unknown as { loanNo: string }).loanNo;
    ok(
      await stampLoans(env, people.admin.fp, [loanNo], stamper(people.head), "approve", "", now),
      "loan stamp",
    );
    ok(await buildLoanExtract(looking, people.admin.fp, loanNo, manager.entry.name, now), "extract");
    ok(await returnLoans(env, [loanNo], "", "陈会计", now), "return");
    ok(await buildReviewList(looking, manager.entry.name, now), "review list");
    assertKept(host, "after every other writer");
    const checked = await validateWorkbook(env, now.date, people.admin.fp, [], "16:00");
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.problems.filter((p) => p.rule.startsWith("sheets.") || p.rule.startsWith("log.")),
      [],
    );
  });

  it("shows one sheet to a person the rule allows, for the minutes chosen, protected, and logs who, until when and why", async () => {
    const host = base.clone();
    const manager = people.manager;
    const env = {
      ...envOf(host),
      acting: () => ({ name: manager.entry.name, fingerprint: manager.fp }),
      signer: () => ({ fingerprint: manager.fp, privateKey: manager.privateKey }),
    };
    const shown = await showKeptSheet(
      env,
      people.manager.entry.name,
      "register",
      20,
      "年度审计抽查",
      people.admin.fp,
      now,
    );
    assert.ok(shown.ok && shown.problems.length === 0, JSON.stringify(shown));
    assert.equal(shown.until, "2026-11-24T16:20");
    assert.equal(stateOf(host, "客户原簿"), "Visible protected");
    assert.equal(host.activeSheet, "客户原簿");
    const log = host.sheet("变更记录").values;
    const head = log[0]!;
    const last = log.at(-1)!;
    assert.deepEqual(
      ["操作人", "操作", "原值", "新值", "原因"].map((h) => last[head.indexOf(h)]),
      [people.manager.entry.name, "showSheet", "客户原簿", "2026-11-24T16:20", "年度审计抽查"],
    );
    // The card's "who looked" of any customer on it names the showing, after the labels the
    // world made: the sheet showed every customer on it.
    const customer = String(host.sheet("客户原簿").values[1]![0]);
    const looked = await looksAtCustomer(envOf(host), customer, now.date.slice(0, 4));
    assert.ok(looked.ok, JSON.stringify(looked));
    assert.deepEqual(
      looked.looks.map((l) => [l.person, l.action, l.sheet, l.purpose]),
      [
        [people.manager.entry.name, "buildMailingLabels", "邮寄标签", "年末客户回访"],
        [people.manager.entry.name, "showSheet", "客户原簿", "年度审计抽查"],
      ],
    );
    const state = await keptSheetsState(envOf(host), people.admin.fp);
    assert.ok(state.ok);
    assert.equal(state.keepHidden, true);
    assert.deepEqual(
      state.sheets.find((s) => s.key === "register"),
      {
        key: "register",
        name: "客户原簿",
        visibility: "Visible",
        protected: true,
        shown: { person: people.manager.entry.name, until: "2026-11-24T16:20" },
      },
    );
    // Within its time Validate says nothing of it; after, it names who showed it and until when.
    const within = await validateWorkbook(envOf(host), now.date, people.admin.fp, [], "16:10");
    assert.ok(within.ok);
    assert.deepEqual(
      within.problems.filter((p) => p.rule.startsWith("sheets.")),
      [],
    );
    const late = await validateWorkbook(envOf(host), now.date, people.admin.fp, [], "16:21");
    assert.ok(late.ok);
    assert.deepEqual(
      late.problems
        .filter((p) => p.rule.startsWith("sheets."))
        .map((p) => [p.rule, p.value, p.detail?.person]),
      [["sheets.shownLate", "客户原簿", people.manager.entry.name]],
    );
    // Put away again by anyone: very hidden and protected, the page says so.
    const hidden = await hideKeptSheets(envOf(host), people.admin.fp);
    assert.ok(hidden.ok && hidden.problems.length === 0);
    assertKept(host, "hidden again");
  });

  it("refuses to show a sheet to someone the rule 查询权限 does not allow, or without a purpose; nothing shown or logged", async () => {
    const host = base.clone();
    setSetting(host, "查询权限", "admin,chairman");
    const rows = host.sheet("变更记录").values.length;
    const env = {
      ...envOf(host),
      acting: () => ({ name: people.manager.entry.name, fingerprint: people.manager.fp }),
    };
    const refused = await showKeptSheet(
      env,
      people.manager.entry.name,
      "register",
      15,
      "查看",
      people.admin.fp,
      now,
    );
    assert.ok(refused.ok);
    assert.deepEqual(
      refused.problems.map((p) => p.rule),
      ["look.notAllowed"],
    );
    const admin = {
      ...envOf(host),
      acting: () => ({ name: people.admin.entry.name, fingerprint: people.admin.fp }),
    };
    const noPurpose = await showKeptSheet(
      admin,
      people.admin.entry.name,
      "staff",
      15,
      " ",
      people.admin.fp,
      now,
    );
    assert.deepEqual(noPurpose.ok && noPurpose.problems.map((p) => p.rule), ["look.purposeRequired"]);
    assertKept(host, "refused");
    assert.equal(host.sheet("变更记录").values.length, rows, "nothing logged");
  });

  it("names a sheet shown or unprotected by hand in Validate; the next writing action protects it again", async () => {
    const host = base.clone();
    host.store.get("人员").visibility = "Visible";
    host.store.get("交易过去").isProtected = false;
    const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp, [], "16:00");
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.problems
        .filter((p) => p.rule.startsWith("sheets."))
        .map((p) => [p.rule, p.value])
        .sort(),
      [
        ["sheets.shown", "人员"],
        ["sheets.unprotected", "交易过去"],
      ],
    );
    const correct = actions.find((a) => a.name === "correct")!;
    assert.ok((await correct.run(host, people)).ok);
    assert.equal(stateOf(host, "交易过去"), "VeryHidden protected", "protected again by the next write");
    assert.equal(
      stateOf(host, "人员"),
      "Visible protected",
      "a shown sheet is Validate's to name, not the correction's to hide",
    );
  });

  it("stops, naming the sheet, when someone protected a kept sheet with a password the add-in does not know; nothing written", async () => {
    const host = base.clone();
    host.store.get("客户原簿").protectionPassword = "手设密码";
    const before = JSON.stringify(host.sheet("客户原簿").values);
    const correct = actions.find((a) => a.name === "correct")!;
    const r = await correct.run(host, people);
    assert.ok(!r.ok);
    const failure = (r as unknown as { failure: { code: string; message: string } }).failure;
    assert.equal(failure.code, "SheetLocked");
    assert.match(failure.message, /客户原簿.*密码/);
    assert.doesNotMatch(failure.message, /变更记录/, "only the sheet that would not open");
    assert.equal(JSON.stringify(host.sheet("客户原簿").values), before);
    assertKept(host, "after the refusal");
  });

  it("does not go to a cell of a kept sheet: says it is kept hidden instead of failing", async () => {
    const r = await selectCell(envOf(base.clone()), "客户原簿", "B5");
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.problems?.map((p) => [p.rule, p.detail?.name]),
      [["sheets.hidden", "客户原簿"]],
    );
  });

  it("home tells those who keep the register of a kept sheet shown by hand or left open, at once; nobody else, and nothing when all is kept", async () => {
    const clerk = { name: "陈会计", role: "clerk", department: "财务科" };
    const head = { name: "王主管", role: "deptHead", department: "业务一部" };
    const sheetsItem = async (host: MemoryExcelHost, who: typeof clerk) => {
      const home = await loadHome(envOf(host), who, now);
      assert.ok(home.ok, JSON.stringify(home));
      return home.items.find((i) => i.task === "sheets");
    };
    assert.equal(await sheetsItem(base, clerk), undefined);
    const host = base.clone();
    host.store.get("人员").visibility = "Visible";
    host.store.get("交易过去").isProtected = false;
    const item = await sheetsItem(host, clerk);
    assert.deepEqual(item && [item.count, item.lines.sort()], [2, ["交易过去", "人员"]]);
    assert.equal(await sheetsItem(host, head), undefined, "a department head does not keep the register");
  });

  it("Validate is silent while the rule is off, whatever the sheets' state", async () => {
    const host = base.clone();
    setSetting(host, "保密工作表隐藏", "否");
    host.store.get("人员").visibility = "Visible";
    host.store.get("交易过去").isProtected = false;
    const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp, [], "16:00");
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.problems.filter((p) => p.rule.startsWith("sheets.")),
      [],
    );
  });
});
