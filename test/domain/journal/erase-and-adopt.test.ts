import assert from "node:assert/strict";
import { bookContext } from "../../../src/domain/book-context";
import { planDestruction } from "../../../src/domain/destruction";
import { planAdoption } from "../../../src/domain/journal/adopt";
import { isPrintoutSheet, recordHash } from "../../../src/domain/journal/erase";
import { readJournal } from "../../../src/domain/journal/journal";
import { ERASED, verifyChain } from "../../../src/domain/change-log";
import { changeLog, register } from "../../../src/domain/schema/sheets";
import { sampleRegister } from "../../../src/domain/sample";
import type { Cell, Snapshot } from "../../../src/domain/workbook";
import { apply } from "../support/apply";
import { now, snapshotOf, staffOf, stamper, world, type People } from "../../excel/integrity/world";

describe("destruction erases the person, not the proof", function () {
  this.timeout(60_000);
  let people: People;
  let base: Snapshot;
  let after: Snapshot;
  before(async () => {
    people = await staffOf();
    base = snapshotOf(await world(people));
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
    assert.deepEqual(plan.problems, []);
    after = apply(base, plan.writes);
  });
  const grid = (s: Snapshot, sheet: string) => s.sheets[sheet]?.values ?? [];
  const cells = (s: Snapshot, sheet: string) => grid(s, sheet).flat().map(String);

  it("blanks its intake request but for number, date, status and posted ID", () => {
    const [head, ...rows] = grid(after, "交易开始调查书");
    const r2 = rows.find((r) => r[0] === "R000002")!;
    const kept = Object.fromEntries(
      head!.map((h, i) => [String(h), String(r2[i] ?? "")]).filter(([, v]) => v),
    );
    assert.deepEqual(
      Object.keys(kept).sort(),
      ["备注", "申请日期", "申请状态", "申请编号", "登记客户编号"].sort(),
    );
    assert.equal(kept["备注"], "已销毁");
    const r1 = rows.find((r) => r[0] === "R000001")!;
    assert.ok(r1[head!.indexOf("企业名称")], "another customer's request keeps its words");
  });

  it("blanks the words and salt of its log rows, keeps their digests, and the chain still verifies", async () => {
    const journal = readJournal(after);
    const mine = journal.rowsOf("C000014").filter((r) => r.salt);
    assert.ok(mine.length >= 3, "its intake, correction, contact and result rows were salted");
    for (const r of mine)
      assert.deepEqual([r.oldValue, r.newValue, r.salt, r.digest.length], ["", "", ERASED, 64]);
    const others = journal.rowsOf("C000013").filter((r) => r.salt);
    assert.ok(others.length && others.every((r) => r.salt !== ERASED), "nobody else's words go");
    const byRow = journal.rows.map((r) => ({ row: r.row, entry: r }));
    assert.deepEqual(await verifyChain(byRow, () => "destroyed"), []);
  });

  it("deletes its contact records, annual results and printed card; clears its lines on labels and lists", () => {
    assert.ok(cells(base, "联系记录").includes("C000014"));
    assert.ok(!cells(after, "联系记录").includes("C000014"));
    assert.ok(!grid(after, "年度业绩").some((r) => r[0] === "C000014"));
    assert.ok(base.sheetNames.includes("卡片-C000014"));
    assert.ok(!after.sheetNames.includes("卡片-C000014"));
    const name = String(grid(base, "交易过去").find((r) => r[0] === "C000014")![1]);
    for (const sheet of ["邮寄标签", "新增2026-11"]) {
      assert.ok(
        cells(base, sheet).some((c) => c.includes(name)),
        `${sheet} named it`,
      );
      assert.ok(!cells(after, sheet).some((c) => c.includes(name)), `${sheet} no longer does`);
    }
    assert.equal(
      cells(after, "邮寄标签").filter(Boolean).length,
      cells(base, "邮寄标签").filter(Boolean).length - 1,
      "one label cleared, the others kept",
    );
  });

  it("keeps a tombstone with ID, date, reason, approver, digest and stamp", async () => {
    const [head, row] = grid(after, "销毁记录");
    const at = (h: string) => String(row![head!.indexOf(h)]);
    assert.equal(at("客户编号"), "C000014");
    assert.equal(at("原因"), "无法恢复");
    assert.equal(at("批准人"), "孙经理");
    assert.match(at("内容校验值"), /^[0-9a-f]{64}$/);
    assert.match(at("盖章"), /主管经理 孙经理/);
  });

  it("a printout is any generated sheet that can carry a customer's words", () => {
    const cases: [string, boolean][] = [
      ["新增2026-11", true],
      ["Invalid-2026-02", true],
      ["卡片-C000001", true],
      ["Card-C000001", true],
      ["借阅-L000001", true],
      ["Loan-L000002", true],
      ["邮寄标签", true],
      ["Envelope list", true],
      ["复核清单", true],
      ["Review-due", true],
      ["一览表-业务一部", false],
      ["客户原簿", false],
      ["新增2026", false],
    ];
    for (const [name, yes] of cases) assert.equal(isPrintoutSheet(name), yes, name);
  });

  it("the destroyed row's digest covers every value, as text", async () => {
    const a = await recordHash({ id: "C1", name: "甲", capital: 100 });
    assert.equal(
      a,
      await recordHash({ name: "甲", id: "C1", capital: "100" }),
      "order and cell type do not matter",
    );
    assert.notEqual(a, await recordHash({ id: "C1", name: "乙", capital: 100 }));
  });
});

describe("taking over a register kept by hand", () => {
  const header = (s: { columns: { header: { zh: string } }[] }) => s.columns.map((c) => c.header.zh);
  function book(registerRows: Cell[][], logRows: Cell[][] = []): Snapshot {
    return {
      sheetNames: ["客户原簿", "交易过去", "变更记录"],
      sheets: {
        客户原簿: { name: "客户原簿", values: [header(register), ...registerRows] },
        交易过去: { name: "交易过去", values: [header(register).concat(["归档日期", "归档原因", "批准人"])] },
        变更记录: { name: "变更记录", values: [header(changeLog), ...logRows] },
      },
    };
  }
  const status = register.columns.findIndex((c) => c.key === "status");

  it("adopts every customer where it stands, once, with its status", async () => {
    const rows = sampleRegister(3, "zh");
    rows[1]![status] = "无效待删";
    rows.push([...rows[0]!]);
    const bad = [...rows[0]!];
    bad[0] = "C 1";
    rows.push(bad);
    const plan = await planAdoption(book(rows), "陈会计", now, "zh");
    assert.equal(plan.adopted, 3, "the duplicate and the malformed ID are left to Validate");
    const journal = readJournal(apply(book(rows), plan.writes));
    assert.deepEqual(
      [...journal.states.values()].map((s) => [s.id, s.place, s.invalid]),
      [
        ["C000001", "register", false],
        ["C000002", "register", true],
        ["C000003", "register", false],
      ],
    );
    assert.deepEqual(journal.unfinished, [], "adoption is a fact, not an intent");
  });

  it("is refused once the journal holds customers, and writes nothing when there is nothing to take", async () => {
    const rows = sampleRegister(2, "zh");
    const first = await planAdoption(book(rows), "陈会计", now, "zh");
    const adopted = apply(book(rows), first.writes);
    const more = structuredClone(adopted);
    more.sheets["客户原簿"]!.values.push(sampleRegister(3, "zh")[2]!);
    const again = await planAdoption(more, "陈会计", now, "zh");
    assert.deepEqual(
      [again.adopted, again.problems.map((p) => p.rule), again.writes],
      [0, ["journal.adoptRefused"], []],
    );
    assert.deepEqual(await planAdoption(adopted, "陈会计", now, "zh"), {
      adopted: 0,
      problems: [],
      damaged: [],
      writes: [],
    });
  });
});
