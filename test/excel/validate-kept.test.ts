/**
 * Validate again keeps what it worked out from rows it did not read again (issue 15) — only
 * while what that was judged against is the same. Each case changes what rows are judged
 * against, not the rows: a Staff key, a Settings list, the day, a header, a sheet gone, the
 * worker's kept read lost. The Validate after it must find what a whole check finds.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { checkInput, type CheckInput } from "../../src/domain/workbook-check";
import { columnLetter } from "../../src/domain/workbook";
import { setCheckpointEvery } from "../../src/domain/journal/checkpoints";
import { keepingChecker, located, watched, wholeRead } from "./validate-support";
import { now, staffOf, world, type People } from "./integrity/world";

describe("Validate again: what was kept is judged again when what it stood on changed (issue 15)", function () {
  this.timeout(120_000);
  let people: People;
  let prepared: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    prepared = await world(people);
  });

  /** The prepared workbook in a pane that watches, validated once (whole). */
  async function opened(check?: (input: CheckInput) => ReturnType<typeof checkInput>) {
    const host = prepared.clone();
    const env = await watched(host);
    const validate = (today = now.date) =>
      validateWorkbook(env, today, people.admin.fp, [], now.time, check ? { check: (i) => check(i) } : {});
    const first = await validate();
    assert.ok(first.ok);
    return { host, env, validate, first };
  }

  /** The same workbook checked whole, afresh. */
  async function fresh(host: MemoryExcelHost, today = now.date) {
    const snapshot = await wholeRead(host);
    return checkInput({
      snapshot,
      today,
      seenHeads: [],
      now: `${today}T${now.time}`,
      pinnedAdmin: people.admin.fp,
    });
  }

  const typed = async (host: MemoryExcelHost, sheet: string, header: string, row: number, value: string) => {
    const col = host.sheet(sheet).values[0]!.indexOf(header);
    assert.ok(col >= 0, `${sheet} has ${header}`);
    host.seedSheet(sheet, [[value]], { at: `${columnLetter(col)}${row}`, raw: true });
    await host.eventsDelivered();
  };

  it("a Staff key typed over: every stamp it made is judged again, though no stamped row was read again", async () => {
    const { host, validate } = await opened();
    const staffRows = host.sheet("人员").values;
    const head = staffRows.findIndex((r) => r.includes(people.head.entry.name));
    assert.ok(head > 0);
    await typed(host, "人员", "公钥", head + 1, "not a key");
    const again = await validate();
    assert.ok(again.ok && again.read.since, "read only what changed");
    assert.ok(again.read.rows <= 2, `${again.read.rows} rows read again`);
    const expected = await fresh(host);
    assert.ok(expected.problems.some((p) => p.rule.startsWith("stamp.") && p.sheet === "register"));
    assert.deepEqual(located(again.problems), located(expected.problems));
  });

  it("a Staff row's department typed over: its countersignature no longer holds, and its stamps are judged again", async () => {
    const { host, validate } = await opened();
    const staffRows = host.sheet("人员").values;
    const head = staffRows.findIndex((r) => r.includes(people.head.entry.name));
    const department = String(staffRows[head]![staffRows[0]!.indexOf("部门")]);
    await typed(host, "人员", "部门", head + 1, department === "业务二部" ? "业务一部" : "业务二部");
    const again = await validate();
    assert.ok(again.ok && again.read.since, "read only what changed");
    assert.equal(again.read.rows, 1, "the Staff row alone read again");
    const expected = await fresh(host);
    assert.ok(expected.problems.some((p) => p.sheet === "register" && p.rule === "stamp.notCountersigned"));
    assert.deepEqual(located(again.problems), located(expected.problems));
  });

  it("a department taken out of Settings: rows naming it are judged again", async () => {
    const { host, validate } = await opened();
    const settings = host.sheet("设置").values;
    const at = settings.findIndex((r) => r.some((c) => String(c) === "业务一部"));
    assert.ok(at > 0, "Settings name 业务一部");
    const col = settings[at]!.findIndex((c) => String(c) === "业务一部");
    host.seedSheet("设置", [["业务九部"]], { at: `${String.fromCharCode(65 + col)}${at + 1}`, raw: true });
    await host.eventsDelivered();
    const again = await validate();
    assert.ok(again.ok && again.read.since);
    const expected = await fresh(host);
    assert.deepEqual(located(again.problems), located(expected.problems));
    assert.ok(again.problems.some((p) => p.sheetName === "客户原簿" && p.column === "department"));
  });

  it("the next day: a date that was in the future is judged against the new day", async () => {
    const { host, validate } = await opened();
    await typed(host, "客户原簿", "登记日期", 2, "2026-11-25");
    await typed(host, "联系记录", "日期", 2, "2026-11-25");
    const today = await validate();
    assert.ok(today.ok);
    assert.ok(
      today.problems.some((p) => p.sheetName === "联系记录" && p.row === 2 && p.rule === "date.future"),
    );
    assert.ok(
      today.problems.some((p) => p.sheetName === "客户原簿" && p.row === 2 && p.rule === "date.future"),
    );
    const tomorrow = await validate("2026-11-25");
    assert.ok(tomorrow.ok && tomorrow.read.since);
    assert.equal(tomorrow.read.rows, 0, "nothing read again");
    assert.deepEqual(located(tomorrow.problems), located((await fresh(host, "2026-11-25")).problems));
    assert.ok(!tomorrow.problems.some((p) => p.rule === "date.future" && p.row === 2));
  });

  it("a Change log row typed over: the customers it placed are judged against the journal as it now reads", async () => {
    const { host, validate } = await opened();
    const log = host.sheet("变更记录").values;
    const [action, customer] = ["操作", "客户编号"].map((h) => log[0]!.indexOf(h));
    const posted = log.findIndex((r) => r[action] === "post" && r[customer] === "C000013");
    assert.ok(posted > 0, "C000013's post is logged");
    await typed(host, "变更记录", "客户编号", posted + 1, "C000099");
    const again = await validate();
    assert.ok(again.ok && again.read.since);
    assert.equal(again.read.rows, 1, "the log row alone read again");
    const expected = await fresh(host);
    assert.ok(expected.problems.some((p) => p.sheet === "register" && p.value === "C000013"));
    assert.deepEqual(located(again.problems), located(expected.problems));
  });

  it("a checkpoint's claims typed over: named by Validate, named again after an edit elsewhere, and a second one named when typed over", async () => {
    // A log with checkpoints: every fourth row (the default spacing is far beyond this workbook).
    setCheckpointEvery(4);
    let host: MemoryExcelHost;
    try {
      host = await world(people);
    } finally {
      setCheckpointEvery(1000);
    }
    const env = await watched(host);
    const validate = async () => {
      const checked = await validateWorkbook(env, now.date, people.admin.fp, [], now.time);
      assert.ok(checked.ok);
      return checked;
    };
    const named = (checked: { problems: { rule: string; address: string }[] }) =>
      checked.problems.filter((p) => p.rule === "log.checkpoint").map((p) => p.address);
    const log = host.sheet("变更记录").values;
    const action = log[0]!.indexOf("操作");
    const places = log.flatMap((r, i) => (r[action] === "checkpoint" ? [i + 1] : []));
    assert.ok(places.length >= 2, `${places.length} checkpoints`);
    await typed(host, "变更记录", "新值", places[0]!, "{}");
    const first = await validate();
    assert.equal(named(first).length, 1, JSON.stringify(named(first)));
    // A phone typed on the Register: the log is not read again, and what its checkpoints claim still counts.
    await typed(host, "客户原簿", "电话", 2, "010-62000001");
    const second = await validate();
    assert.ok(second.read.since, "read only what changed");
    assert.deepEqual(named(second), named(first));
    assert.deepEqual(located(second.problems), located((await fresh(host)).problems));
    // Another checkpoint typed over: the log read again, both named.
    await typed(host, "变更记录", "新值", places[1]!, "{}");
    const third = await validate();
    assert.equal(named(third).length, 2, JSON.stringify(named(third)));
    assert.deepEqual(located(third.problems), located((await fresh(host)).problems));
  });

  it("a header typed over: every row under it is read under the new header", async () => {
    const { host, validate, first } = await opened();
    await typed(host, "客户原簿", "电话", 1, "电话号码");
    const again = await validate();
    assert.ok(again.ok && again.read.since);
    assert.equal(again.read.rows, 1, "the header row alone read again");
    assert.equal(again.read.rows + again.read.unchanged, first.read.rows, "every row counted once");
    assert.deepEqual(located(again.problems), located((await fresh(host)).problems));
  });

  it("a checked sheet deleted: the workbook is read whole", async () => {
    const { host, validate } = await opened();
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("年度业绩").delete();
      await context.sync();
    });
    const again = await validate();
    assert.ok(again.ok);
    assert.equal(again.read.since, undefined, "read whole");
    assert.deepEqual(located(again.problems), located((await fresh(host)).problems));
  });

  it("rows deleted: that sheet is read whole, the others as they were", async () => {
    const { host, validate, first } = await opened();
    const register = host.sheet("客户原簿").values.length;
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("联系记录").getRange("2:2").delete("Up");
      await context.sync();
    });
    // The person's deletion is heard before their next click.
    await host.eventsDelivered();
    const again = await validate();
    assert.ok(again.ok && again.read.since);
    const contacts = host.sheet("联系记录").values.length;
    assert.equal(again.read.rows, contacts, "the contacts sheet read whole, nothing else");
    assert.equal(again.read.rows + again.read.unchanged, first.read.rows - 1);
    assert.ok(register > contacts);
    assert.deepEqual(located(again.problems), located((await fresh(host)).problems));
  });

  /**
   * What the journal says of one row, typed over in the Change log: the rows it names are
   * judged again — their stamps (verification.ts) and their standing (journal/check.ts) —
   * though those rows were not read again. Each case changes one of a row's grounds.
   */
  type LogRow = (header: string) => string;
  async function logTypedOver(
    host: MemoryExcelHost,
    where: (row: LogRow, log: LogRow[]) => boolean,
    header: string,
    value: (old: string) => string,
  ) {
    const log = host.sheet("变更记录").values;
    const rows: LogRow[] = log.map((r) => (h: string) => String(r[log[0]!.indexOf(h)] ?? ""));
    const at = rows.findIndex((r, i) => i > 0 && where(r, rows));
    assert.ok(at > 0, `the row is logged: ${where.toString()}`);
    await typed(host, "变更记录", header, at + 1, value(rows[at]!(header)));
  }

  const is =
    (action: string, customerId?: string, requestNo?: string) =>
    (row: LogRow): boolean =>
      row("操作") === action &&
      (customerId === undefined || row("客户编号") === customerId) &&
      (requestNo === undefined || row("申请编号") === requestNo);

  const journalGrounds: {
    what: string;
    where: (row: LogRow, log: LogRow[]) => boolean;
    header: string;
    value: (old: string, people: People) => string;
    finds: { sheet: string; rule: string };
  }[] = [
    {
      what: "the approval a customer was posted with",
      where: is("post", undefined, "R000001"),
      header: "批准盖章",
      value: (old) => old.split("\n").slice(0, -1).join("\n") || "—",
      finds: { sheet: "register", rule: "stamp.notAsPosted" },
    },
    {
      what: "the approval a customer was archived with",
      where: is("terminate", "C000014"),
      header: "批准盖章",
      value: () => "—",
      finds: { sheet: "archivePast", rule: "stamp.notAsPosted" },
    },
    {
      what: "who filed a request (they may not approve it)",
      where: is("intake", undefined, "R000003"),
      header: "操作人",
      value: (_old, people) => people.head.entry.name,
      finds: { sheet: "intake", rule: "stamp.ownRequest" },
    },
    {
      what: "the customer a reinstatement request brings back",
      where: is("reinstateRequest", undefined, "R000004"),
      header: "客户编号",
      value: () => "C000004",
      finds: { sheet: "intake", rule: "stamp.otherSubject" },
    },
    {
      what: "the customer an archiving moved (where the journal places a row)",
      where: is("terminate", "C000004"),
      header: "客户编号",
      value: () => "C000007",
      finds: { sheet: "register", rule: "journal.wrongPlace" },
    },
    {
      what: "the customer marked invalid (the status the journal gives a row)",
      where: is("markInvalid", "C000005"),
      header: "客户编号",
      value: () => "C000007",
      finds: { sheet: "register", rule: "journal.statusDiffers" },
    },
    {
      what: "an act's done row (its customers' rows are under way, not judged)",
      where: (row, log) =>
        row("操作") === "done" &&
        log.some((r) => r("操作") === "markInvalid" && r("操作编号") === row("操作编号")),
      header: "操作编号",
      value: (old) => `${old}x`,
      finds: { sheet: "changeLog", rule: "journal.unfinished" },
    },
    {
      what: "the request a customer was posted from",
      where: is("post", undefined, "R000002"),
      header: "申请编号",
      value: () => "R000009",
      finds: { sheet: "intake", rule: "journal.requestNotPosted" },
    },
    {
      what: "a stamp's trail in the log",
      where: is("stamp", undefined, "R000003"),
      header: "批准盖章",
      value: () => "—",
      finds: { sheet: "intake", rule: "journal.unlogged" },
    },
  ];
  for (const ground of journalGrounds)
    it(`${ground.what}, typed over in the Change log: the stamps it concerns are judged again`, async () => {
      const { host, validate } = await opened();
      await logTypedOver(host, ground.where, ground.header, (old) => ground.value(old, people));
      const again = await validate();
      assert.ok(again.ok && again.read.since, "read only what changed");
      assert.equal(again.read.rows, 1, "the log row alone read again");
      const expected = await fresh(host);
      assert.ok(
        expected.problems.some((p) => p.sheet === ground.finds.sheet && p.rule === ground.finds.rule),
        `a whole check finds ${ground.finds.rule} on ${ground.finds.sheet}: ${JSON.stringify(located(expected.problems))}`,
      );
      assert.deepEqual(located(again.problems), located(expected.problems));
    });

  it("an act's done row typed over after rows it concerns went wrong: those rows are under way, not judged", async () => {
    const { host, validate } = await opened();
    const intakeRows = host.sheet("交易开始调查书").values;
    const r1 = intakeRows.findIndex((r) => r[0] === "R000001");
    await typed(host, "交易开始调查书", "登记客户编号", r1 + 1, "C000099");
    const registerRows = host.sheet("客户原簿").values;
    const c13 = registerRows.findIndex((r) => r[0] === "C000013");
    await typed(host, "客户原簿", "状态", c13 + 1, "无效");
    const wrong = await validate();
    assert.ok(wrong.ok);
    assert.ok(wrong.problems.some((p) => p.sheet === "intake" && p.rule === "journal.requestStatus"));
    assert.ok(wrong.problems.some((p) => p.sheet === "register" && p.rule === "journal.statusDiffers"));
    // The post of C000013 and C000014 (R000001, R000002) was never finished, as the log now says.
    await logTypedOver(
      host,
      (row, log) =>
        row("操作") === "done" && log.some((r) => r("操作") === "post" && r("操作编号") === row("操作编号")),
      "操作编号",
      (old) => `${old}x`,
    );
    const again = await validate();
    assert.ok(again.ok && again.read.since);
    assert.equal(again.read.rows, 1, "the log row alone read again");
    const expected = await fresh(host);
    assert.ok(
      !expected.problems.some(
        (p) => p.rule === "journal.requestStatus" || p.rule === "journal.statusDiffers",
      ),
    );
    assert.deepEqual(located(again.problems), located(expected.problems));
  });

  it("a customer destroyed, as the log now says: what its requests keep is judged again", async () => {
    const { host, validate } = await opened();
    // The request to bring C000003 back, typed into its destruction, under a finished op.
    const reinstating = is("reinstateRequest", "C000003", "R000004");
    await logTypedOver(host, reinstating, "操作", () => "destroy");
    const stamped = host.sheet("变更记录").values.find((r) => r.includes("stamp") && r.includes("R000004"));
    const op = String(stamped![host.sheet("变更记录").values[0]!.indexOf("操作编号")]);
    await logTypedOver(host, is("destroy", "C000003", "R000004"), "操作编号", () => op);
    const again = await validate();
    assert.ok(again.ok && again.read.since);
    assert.equal(again.read.rows, 1, "the log row alone read again");
    const expected = await fresh(host);
    assert.ok(
      expected.problems.some((p) => p.sheet === "intake" && p.rule === "journal.destroyedData"),
      JSON.stringify(located(expected.problems)),
    );
    assert.deepEqual(located(again.problems), located(expected.problems));
  });

  it("the worker lost what it kept (restarted): the workbook is read whole and checked", async () => {
    const { check, kept } = keepingChecker();
    const { host, validate } = await opened(check);
    kept.forget();
    await typed(host, "客户原簿", "电话", 3, "12");
    const again = await validate();
    assert.ok(again.ok, JSON.stringify(again));
    assert.equal(again.read.since, undefined, "read whole");
    assert.ok(again.problems.some((p) => p.sheetName === "客户原簿" && p.row === 3 && p.column === "phone"));
  });
});
