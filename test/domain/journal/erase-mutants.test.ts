/**
 * What a destruction erases, down to the cell: which requests are blanked and how they
 * are marked, which Change log rows lose their words (and that the log still verifies),
 * which printout lines go and which other customers' lines stay — also when the
 * destruction was cut off at any write and finished by the next action.
 */
import assert from "node:assert/strict";
import { bookContext } from "../../../src/domain/book-context";
import { ERASED, verifyChain } from "../../../src/domain/change-log";
import { planCorrection } from "../../../src/domain/correction";
import { planDestruction } from "../../../src/domain/destruction";
import { planPosting } from "../../../src/domain/posting";
import { sampleCustomer, sampleRegister } from "../../../src/domain/sample";
import { checkJournal, erasable } from "../../../src/domain/journal/check";
import { isPrintoutSheet } from "../../../src/domain/journal/erase";
import { readJournal } from "../../../src/domain/journal/journal";
import { runOnJournal } from "../../../src/domain/journal/run";
import { readSheet, text } from "../../../src/domain/records";
import type { Lang } from "../../../src/domain/schema/model";
import { archivePast, changeLog, intake, register } from "../../../src/domain/schema/sheets";
import { planTermination } from "../../../src/domain/termination";
import type { Cell, Snapshot, Write } from "../../../src/domain/workbook";
import { apply } from "../support/apply";
import { adopted } from "../support/journal";
import { stampedRequest } from "../support/people";
import { recordsOf, withCell } from "../support/moves-book";
import { now, snapshotOf, staffOf, stamper, world, type People } from "../../excel/integrity/world";

describe("what a destruction erases and what it keeps, cell by cell", function () {
  this.timeout(60_000);
  let people: People;
  let base: Snapshot;
  before(async () => {
    people = await staffOf();
    base = snapshotOf(await world(people));
  });
  const LABELS = "邮寄标签";
  const LIST = "新增2026-11";
  const INTAKE = "交易开始调查书";

  const destroy = async (s: Snapshot, id: string, lang: Lang = "zh") => {
    const { settings, trust } = await bookContext(s, people.admin.fp);
    const plan = await planDestruction(
      s,
      trust,
      [id],
      "无法恢复",
      stamper(people.manager),
      now,
      lang,
      settings,
    );
    assert.deepEqual(plan.problems, []);
    return { writes: plan.writes, after: apply(s, plan.writes) };
  };
  /** The next action, doing nothing of its own: it finishes what was cut off. */
  const finish = async (s: Snapshot) => {
    const { settings, trust } = await bookContext(s, people.admin.fp);
    const run = await runOnJournal(
      { snapshot: s, settings, trust, person: "陈会计", now, lang: "zh" },
      async (r) => ({
        problems: [...r.blocked.values()],
      }),
    );
    assert.deepEqual(run.problems, []);
    return { writes: run.writes, after: apply(s, run.writes) };
  };
  const request = (s: Snapshot, requestNo: string) =>
    recordsOf(s, intake).find((r) => text(r.values.requestNo) === requestNo)!.values;
  /** The request's cells that still hold something, by column key. */
  const filled = (s: Snapshot, requestNo: string) =>
    Object.fromEntries(Object.entries(request(s, requestNo)).filter(([, v]) => text(v) !== ""));
  const grid = (s: Snapshot, sheet: string) => s.sheets[sheet]!.values;
  const writesTo = (writes: Write[], sheet: string) =>
    writes.filter((w) => "sheet" in w && w.sheet === sheet);
  /** The log's salted rows about a customer (its requests' rows included). */
  const saltedRowsOf = (s: Snapshot, id: string) =>
    readJournal(s)
      .rowsOf(id)
      .filter((r) => r.salt);
  const chainProblems = (s: Snapshot) => {
    const journal = readJournal(s);
    return verifyChain(
      journal.rows.map((r) => ({ row: r.row, entry: r })),
      erasable(journal),
    );
  };
  /** A copy with one cell of a sheet changed, by Excel row and column (0-based), as someone typing there. */
  const typed = (s: Snapshot, sheet: string, row: number, col: number, value: Cell): Snapshot => {
    const copy = structuredClone(s);
    copy.sheets[sheet]!.values[row]![col] = value;
    return copy;
  };
  const labelOf = (s: Snapshot, name: string) => {
    const g = grid(s, LABELS);
    for (let r = 0; r < g.length; r++)
      for (let c = 0; c < g[r]!.length; c++) if (text(g[r]![c]).includes(name)) return { r, c };
    throw new Error(`no label for ${name}`);
  };
  const C14_NAME = "上海盛华科技有限责任公司";
  const C14_ADDRESS = "上海市浦东新区世纪大道102号";

  describe("its intake requests", () => {
    it("a Chinese workbook destroyed from a pane in English marks the request 已销毁", async () => {
      const { after } = await destroy(base, "C000014", "en");
      assert.equal(request(after, "R000002").notes, "已销毁");
    });

    it("an intake sheet kept in English is marked Destroyed, whatever the pane's language", async () => {
      const copy = structuredClone(base);
      const sheet = copy.sheets[INTAKE]!;
      sheet.values[0] = intake.columns.map((c) => c.header.en);
      sheet.name = intake.name.en;
      copy.sheets[intake.name.en] = sheet;
      delete copy.sheets[INTAKE];
      copy.sheetNames = copy.sheetNames.map((n) => (n === INTAKE ? intake.name.en : n));
      const { after } = await destroy(copy, "C000014", "zh");
      assert.equal(request(after, "R000002").notes, "Destroyed");
      assert.equal(request(after, "R000002").name, "");
    });

    it("keeps only number, date, status, posted ID and the 已销毁 note; other customers' requests keep every word", async () => {
      const { after } = await destroy(base, "C000014");
      assert.deepEqual(Object.keys(filled(after, "R000002")).sort(), [
        "customerId",
        "intakeStatus",
        "notes",
        "requestDate",
        "requestNo",
      ]);
      assert.equal(request(after, "R000002").notes, "已销毁");
      for (const other of ["R000001", "R000003", "R000004", "R000005"])
        assert.deepEqual(request(after, other), request(base, other), other);
    });

    it("a request typed by hand under the destroyed customer's ID is blanked too", async () => {
      const copy = structuredClone(base);
      const typedRow = [...grid(copy, INTAKE)[2]!];
      typedRow[0] = "R000099";
      grid(copy, INTAKE).push(typedRow);
      const { after } = await destroy(copy, "C000014");
      assert.deepEqual(filled(after, "R000099"), { ...filled(after, "R000002"), requestNo: "R000099" });
      assert.equal(request(after, "R000099").name, "");
    });

    it("the request the customer was posted from is blanked even when its ID cell was emptied by hand", async () => {
      const emptied = withCell(base, intake, "R000002", "customerId", "");
      const { after } = await destroy(emptied, "C000014");
      assert.deepEqual(Object.keys(filled(after, "R000002")).sort(), [
        "intakeStatus",
        "notes",
        "requestDate",
        "requestNo",
      ]);
    });
  });

  describe("its Change log rows", () => {
    it("a field a correction emptied loses its old words too, and the log still verifies", async () => {
      const { after } = await destroy(await correctedAndTerminated(), "C000013");
      const rows = saltedRowsOf(after, "C000013");
      assert.ok(
        rows.some((r) => r.action === "correct"),
        "the correction was salted",
      );
      for (const r of rows) assert.deepEqual([r.salt, r.oldValue, r.newValue], [ERASED, "", ""], r.action);
      assert.deepEqual(await chainProblems(after), []);
    });

    it("a row whose words someone blanked by hand is marked erased by the destruction, and the log verifies again", async () => {
      const log = readSheet(changeLog, base);
      const correction = saltedRowsOf(base, "C000014").find((r) => r.action === "correct")!;
      let blanked = typed(base, log.name!, correction.row - 1, log.at.oldValue!, "");
      blanked = typed(blanked, log.name!, correction.row - 1, log.at.newValue!, "");
      assert.notDeepEqual(await chainProblems(blanked), [], "blanked words no longer match their digest");
      const { after } = await destroy(blanked, "C000014");
      assert.equal(readJournal(after).rows.find((r) => r.row === correction.row)!.salt, ERASED);
      assert.deepEqual(await chainProblems(after), []);
    });
  });

  describe("its lines on printouts", () => {
    it("a label printed under the name and address of its request, both since corrected, is cleared", async () => {
      const { r, c } = labelOf(base, C14_NAME);
      let copy = withCell(base, intake, "R000002", "name", "上海旧名贸易有限公司");
      copy = withCell(copy, intake, "R000002", "address", "上海市黄浦区旧址路1号");
      copy = typed(copy, LABELS, r, c, "200120\n上海市黄浦区旧址路1号\n上海旧名贸易有限公司\n李丽 收");
      const { after } = await destroy(copy, "C000014");
      assert.equal(text(grid(after, LABELS)[r]![c]), "");
    });

    it("a label printed under a former name is still cleared by its address", async () => {
      const { r, c } = labelOf(base, C14_NAME);
      const copy = typed(base, LABELS, r, c, `200120\n${C14_ADDRESS}\n上海盛华旧名有限公司\n李丽 收`);
      const { after } = await destroy(copy, "C000014");
      assert.equal(text(grid(after, LABELS)[r]![c]), "");
    });

    it("a label whose lines someone indented by hand is still cleared", async () => {
      const { r, c } = labelOf(base, C14_NAME);
      const copy = typed(base, LABELS, r, c, `200120\n  ${C14_ADDRESS}\n  ${C14_NAME} \n李丽 收`);
      const { after } = await destroy(copy, "C000014");
      assert.equal(text(grid(after, LABELS)[r]![c]), "");
    });

    it("a list row naming it only by its USCC (the name cell retyped) is cleared whole", async () => {
      const row = grid(base, LIST).findIndex((r) => r[1] === C14_NAME);
      let copy = typed(base, LIST, row, 1, "上海盛华");
      copy = typed(copy, LIST, row, 6, "9131011500000YB7Y4");
      copy = typed(copy, LIST, row, 2, "上海浦东");
      const { after } = await destroy(copy, "C000014");
      assert.deepEqual(grid(after, LIST)[row]!.map(text).filter(Boolean), []);
    });

    it("clears only its own lines: every other customer's label and list row stays as printed", async () => {
      const { after } = await destroy(base, "C000014");
      const { r, c } = labelOf(base, C14_NAME);
      const labels = grid(base, LABELS).map((row) => row.map(text));
      labels[r]![c] = "";
      assert.deepEqual(
        grid(after, LABELS).map((row) => row.map(text)),
        labels,
      );
      const list = grid(base, LIST).map((row) => row.map(text));
      const mine = list.findIndex((row) => row[1] === C14_NAME);
      list[mine] = list[mine]!.map(() => "");
      assert.deepEqual(
        grid(after, LIST).map((row) => row.map(text)),
        list,
      );
    });

    it("a USCC and an address recorded as '-' clear no other customer's '-'", async () => {
      let copy = base;
      for (const key of ["uscc", "address"]) {
        copy = withCell(copy, archivePast, "C000014", key, "-");
        copy = withCell(copy, intake, "R000002", key, "-");
      }
      const other = grid(copy, LIST).findIndex((r) => r[6] === "C000013");
      copy = typed(copy, LIST, other, 2, "-");
      copy = typed(copy, LIST, other, 5, "-");
      const { after } = await destroy(copy, "C000014");
      assert.deepEqual(grid(after, LIST)[other], grid(copy, LIST)[other]);
    });

    it("a printout that never named the customer is left untouched, not even unprotected", async () => {
      assert.ok(!grid(base, LIST).flat().map(text).includes("深圳华华科技有限公司"), "C000004 is not new");
      const { writes } = await destroy(base, "C000004");
      assert.deepEqual(writesTo(writes, LIST), []);
      assert.ok(writesTo(writes, LABELS).length > 0, "its label goes");
    });

    it("a generated sheet is a printout by how its name starts, not by what it contains", () => {
      for (const name of ["会员卡片-名单", "Loyalty Card-holders", "图书借阅-登记", "Book Loan-records"])
        assert.equal(isPrintoutSheet(name), false, name);
    });
  });

  /** C000013 with its e-mail emptied by a correction (or `changes`, one after another), then terminated to 交易过去: ready to be destroyed. */
  async function correctedAndTerminated(...changes: Record<string, string>[]): Promise<Snapshot> {
    const { settings, trust } = await bookContext(base, people.admin.fp);
    let corrected = base;
    for (const change of changes.length ? changes : [{ email: "" }]) {
      const fix = await planCorrection(
        corrected,
        settings,
        trust,
        "C000013",
        change,
        "客户来函",
        "陈会计",
        now,
        "zh",
      );
      assert.deepEqual(fix.problems, []);
      corrected = apply(corrected, fix.writes);
    }
    const end = await planTermination(
      corrected,
      settings,
      trust,
      ["C000013"],
      "past",
      "关系解除",
      stamper(people.head),
      now,
      "zh",
    );
    assert.deepEqual(end.problems, []);
    return apply(corrected, end.writes);
  }

  for (const [key, middle, last] of [
    ["name", "只在记录里的公司", "最后的公司"],
    ["address", "只在记录里的路1号", "最后的路2号"],
  ] as const)
    it(`a printout line holding only ${key === "name" ? "a name" : "an address"} that a second correction replaced goes`, async () => {
      const ready = await correctedAndTerminated({ [key]: middle }, { [key]: last });
      // A list row retyped by hand to hold that one value and nothing else of the customer.
      const row = grid(ready, LIST).findIndex((r) => r.map(text).includes("C000013"));
      let copy = ready;
      for (const [col, value] of grid(ready, LIST)[row]!.entries())
        if (text(value) !== "") copy = typed(copy, LIST, row, col, col === 1 ? middle : "另一行");
      const { after } = await destroy(copy, "C000013");
      assert.ok(!grid(after, LIST).some((r) => r.map(text).includes(middle)), `${middle} still printed`);
    });

  it("a list row naming it only by a credit code a logged correction replaced is cleared whole", async () => {
    // Filed under one code, corrected to a second, then to a third: only the log remembers the second.
    const at = register.columns.findIndex((c) => c.key === "uscc");
    const code = (i: number) => String(sampleCustomer(i, "zh")[at]);
    const old = code(500);
    const ready = await correctedAndTerminated({ uscc: old }, { uscc: code(501) });
    // A list row printed under the second code, every other cell since retyped.
    const row = grid(ready, LIST).findIndex((r) => r.map(text).includes("C000013"));
    let copy = ready;
    for (const [col, value] of grid(ready, LIST)[row]!.entries())
      if (text(value) !== "") copy = typed(copy, LIST, row, col, col === 1 ? old : "另一行");
    const { after } = await destroy(copy, "C000013");
    assert.deepEqual(grid(after, LIST)[row]!.map(text).filter(Boolean), []);
  });

  it("a destruction cut off at any write and finished by the next action erases exactly what an uncut one does", async () => {
    const ready = await correctedAndTerminated();
    const whole = await destroy(ready, "C000013");
    const lastTo = (sheet: string) =>
      whole.writes.reduce((last, w, i) => ("sheet" in w && w.sheet === sheet ? i : last), -1);
    const shown = (s: Snapshot, sheet: string) => grid(s, sheet).map((r) => r.map(text));
    for (let k = 1; k < whole.writes.length; k++) {
      const cut = apply(ready, whole.writes.slice(0, k));
      const next = await finish(cut);
      const at = `cut after write ${k}`;
      for (const r of saltedRowsOf(next.after, "C000013"))
        assert.deepEqual([r.salt, r.oldValue, r.newValue], [ERASED, "", ""], `${at}: ${r.action}`);
      assert.deepEqual(await chainProblems(next.after), [], at);
      for (const sheet of [INTAKE, LABELS, LIST])
        assert.deepEqual(shown(next.after, sheet), shown(whole.after, sheet), `${at}: ${sheet}`);
      for (const sheet of [INTAKE, LABELS, LIST])
        if (k > lastTo(sheet))
          assert.deepEqual(writesTo(next.writes, sheet), [], `${at}: nothing more on ${sheet}`);
    }
  });
});

describe("Validate's journal rules: which sheet, row and column a problem names", function () {
  this.timeout(60_000);
  let people: People;
  let base: Snapshot;
  before(async () => {
    people = await staffOf();
    base = snapshotOf(await world(people));
  });
  const INTAKE = "交易开始调查书";
  const problems = (s: Snapshot) =>
    checkJournal(s, "zh").problems.map((p) => [p.sheet, p.row, p.column, p.rule, p.value]);
  /** A copy with a row typed at the bottom of the intake sheet, by column key. */
  const withRequest = (s: Snapshot, values: Record<string, Cell>): { copy: Snapshot; row: number } => {
    const copy = structuredClone(s);
    const grid = copy.sheets[INTAKE]!.values;
    grid.push(intake.columns.map((c) => values[c.key] ?? ""));
    return { copy, row: grid.length };
  };
  const requestValues = (s: Snapshot, requestNo: string) =>
    recordsOf(s, intake).find((r) => text(r.values.requestNo) === requestNo)!.values;
  const terminationStamp = (s: Snapshot, id: string) =>
    readJournal(s).rows.find((r) => r.action === "terminate" && r.customerId === id)!.approval;

  it("a posting cut off after its intent was logged is named once, as unfinished, not as a request out of step", async () => {
    const { settings, trust } = await bookContext(base, people.admin.fp);
    const plan = await planPosting(base, settings, trust, ["R000003"], { name: "陈会计" }, now, "zh");
    const cut = apply(base, plan.writes.slice(0, 1));
    const found = problems(cut);
    assert.deepEqual(
      found.map((p) => p[3]),
      ["journal.unfinished"],
    );
    assert.equal(found[0]![0], "changeLog");
  });

  it("a request typed after the destruction under the destroyed customer's ID is named as its data", async () => {
    const { settings, trust } = await bookContext(base, people.admin.fp);
    const plan = await planDestruction(
      base,
      trust,
      ["C000014"],
      "无法恢复",
      stamper(people.manager),
      now,
      "zh",
      settings,
    );
    const destroyed = apply(base, plan.writes);
    assert.deepEqual(problems(destroyed), []);
    const { copy, row } = withRequest(destroyed, {
      ...requestValues(base, "R000002"),
      requestNo: "R000099",
      stamps: "",
    });
    assert.deepEqual(problems(copy), [["intake", row, "name", "journal.destroyedData", "C000014"]]);
  });

  it("a termination's stamp pasted onto a request typed without a number is named as unlogged", async () => {
    const { copy, row } = withRequest(base, {
      ...requestValues(base, "R000005"),
      requestNo: "",
      stamps: terminationStamp(base, "C000004"),
    });
    const found = problems(copy).filter((p) => p[3] === "journal.unlogged");
    assert.deepEqual(
      found.map((p) => p.slice(0, 4)),
      [["intake", row, "stamps", "journal.unlogged"]],
    );
  });

  it("…and still is while another customer's correction is cut off", async () => {
    const { settings, trust } = await bookContext(base, people.admin.fp);
    const fix = await planCorrection(
      base,
      settings,
      trust,
      "C000013",
      { email: "a@b.cn" },
      "来函",
      "陈会计",
      now,
      "zh",
    );
    const cut = apply(base, fix.writes.slice(0, 1));
    const { copy, row } = withRequest(cut, {
      ...requestValues(base, "R000005"),
      requestNo: "",
      stamps: terminationStamp(base, "C000004"),
    });
    const found = problems(copy).filter((p) => p[3] === "journal.unlogged");
    assert.deepEqual(
      found.map((p) => p.slice(0, 4)),
      [["intake", row, "stamps", "journal.unlogged"]],
    );
  });

  it("stamps on a request taken over with a hand-kept register are not named as unlogged", async () => {
    const request = await stampedRequest(0, [people.head], "已登记");
    const customer = sampleRegister(1, "zh")[0]!;
    customer[register.columns.findIndex((c) => c.key === "requestNo")] = "R000001";
    const sheets: [typeof register, Cell[][]][] = [
      [register, [customer]],
      [intake, [request]],
      [changeLog, []],
    ];
    const book: Snapshot = { sheetNames: [], sheets: {} };
    for (const [schema, rows] of sheets) {
      const name = schema.name.zh;
      book.sheetNames.push(name);
      book.sheets[name] = { name, values: [schema.columns.map((c) => c.header.zh), ...rows] };
    }
    const taken = await adopted(book);
    assert.equal(readJournal(taken).posted.get("R000001"), "C000001");
    assert.deepEqual(
      problems(taken).filter((p) => p[3] === "journal.unlogged"),
      [],
    );
  });
});
