/**
 * Validate's journal half: each kind of row that disagrees with the journal, made by hand
 * on a workbook in use, named at its cell with its rule — and nothing said of a clean one.
 */
import assert from "node:assert/strict";
import { checkJournal, erasable } from "../../../src/domain/journal/check";
import { bookContext } from "../../../src/domain/book-context";
import { planDestruction } from "../../../src/domain/destruction";
import { planTermination } from "../../../src/domain/termination";
import { chainEntries } from "../../../src/domain/change-log";
import { readJournal } from "../../../src/domain/journal/journal";
import { asRead, readSheet, rowOf } from "../../../src/domain/records";
import { changeLog } from "../../../src/domain/schema/sheets";
import type { Cell, Snapshot } from "../../../src/domain/workbook";
import { apply } from "../support/apply";
import { now, snapshotOf, staffOf, stamper, world, type People } from "../../excel/integrity/world";

describe("Validate compares every row with the journal", function () {
  this.timeout(60_000);
  let people: People;
  let base: Snapshot;
  before(async () => {
    people = await staffOf();
    base = snapshotOf(await world(people));
  });

  const found = (s: Snapshot) =>
    checkJournal(s, "zh").problems.map((p) => [p.sheet, p.row, p.column, p.rule, p.value, p.detail ?? {}]);
  /** A copy of the workbook with one sheet's grid changed by hand. */
  const edited = (sheet: string, change: (grid: Cell[][]) => void): Snapshot => {
    const copy = structuredClone(base);
    change(copy.sheets[sheet]!.values);
    return copy;
  };
  const col = (s: Snapshot, sheet: string, header: string) => s.sheets[sheet]!.values[0]!.indexOf(header);
  const rowOfId = (s: Snapshot, sheet: string, id: string) =>
    s.sheets[sheet]!.values.findIndex((r) => r[0] === id);

  it("says nothing of a workbook run only through the add-in", () => assert.deepEqual(found(base), []));

  it("names a row typed into the Register", () => {
    const s = edited("客户原簿", (g) => g.push([...g[1]!].map((v, i) => (i === 0 ? "C000099" : v))));
    const at = s.sheets["客户原簿"]!.values.length;
    assert.deepEqual(found(s), [["register", at, "id", "journal.notInJournal", "C000099", {}]]);
  });

  it("names a Register row pasted into an archive, with where the customer belongs", () => {
    const s = edited("交易过去", (g) =>
      g.push([...base.sheets["客户原簿"]!.values[rowOfId(base, "客户原簿", "C000008")]!]),
    );
    const at = s.sheets["交易过去"]!.values.length;
    assert.deepEqual(found(s), [
      ["archivePast", at, "id", "journal.wrongPlace", "C000008", { place: "客户原簿" }],
    ]);
  });

  it("names a customer's second row", () => {
    const s = edited("客户原簿", (g) => g.push([...g[2]!]));
    const at = s.sheets["客户原簿"]!.values.length;
    assert.deepEqual(found(s), [["register", at, "id", "journal.duplicateRow", "C000002", {}]]);
  });

  it("names a customer whose row was deleted, at the log row that put it there", () => {
    const s = edited("客户原簿", (g) => g.splice(rowOfId(base, "客户原簿", "C000011"), 1));
    const journal = readJournal(base);
    const placedAt = journal.states.get("C000011")!.placedAt.row;
    assert.deepEqual(found(s), [
      ["changeLog", placedAt, "customerId", "journal.missingRow", "C000011", { place: "客户原簿" }],
    ]);
  });

  it("names a tombstone typed for a customer never destroyed", () => {
    const s = edited("销毁记录", (g) => g.push(["C000004", "2026-11-01", "手写", "某人"]));
    assert.deepEqual(found(s), [
      ["destructionLog", 2, "customerId", "journal.wrongPlace", "C000004", { place: "交易过去" }],
    ]);
  });

  it("names a status cell that differs from the journal", () => {
    const r = rowOfId(base, "客户原簿", "C000005");
    const s = edited("客户原簿", (g) => (g[r]![col(base, "客户原簿", "状态")] = "正常"));
    assert.deepEqual(found(s), [
      ["register", r + 1, "status", "journal.statusDiffers", "C000005", { status: "无效待删" }],
    ]);
    const t = rowOfId(base, "客户原簿", "C000001");
    const s2 = edited("客户原簿", (g) => (g[t]![col(base, "客户原簿", "状态")] = "无效待删"));
    assert.deepEqual(found(s2), [
      ["register", t + 1, "status", "journal.statusDiffers", "C000001", { status: "正常" }],
    ]);
  });

  it("names a request typed as posted, and a posted request whose status or ID was changed", () => {
    const status = col(base, "交易开始调查书", "申请状态");
    const id = col(base, "交易开始调查书", "登记客户编号");
    const r3 = rowOfId(base, "交易开始调查书", "R000003");
    const r1 = rowOfId(base, "交易开始调查书", "R000001");
    assert.deepEqual(found(edited("交易开始调查书", (g) => (g[r3]![status] = "已登记"))), [
      ["intake", r3 + 1, "intakeStatus", "journal.requestNotPosted", "R000003", {}],
    ]);
    assert.deepEqual(found(edited("交易开始调查书", (g) => (g[r1]![status] = "已批准"))), [
      ["intake", r1 + 1, "intakeStatus", "journal.requestStatus", "R000001", { id: "C000013" }],
    ]);
    assert.deepEqual(found(edited("交易开始调查书", (g) => (g[r1]![id] = "C000099"))), [
      ["intake", r1 + 1, "customerId", "journal.requestStatus", "R000001", { id: "C000013" }],
    ]);
  });

  it("names a stamp that has no log entry", () => {
    const stamps = col(base, "交易开始调查书", "盖章");
    const r5 = rowOfId(base, "交易开始调查书", "R000005");
    const r3 = rowOfId(base, "交易开始调查书", "R000003");
    const s = edited("交易开始调查书", (g) => (g[r5]![stamps] = g[r3]![stamps]!));
    assert.deepEqual(
      found(s).map((p) => p.slice(0, 4)),
      [["intake", r5 + 1, "stamps", "journal.unlogged"]],
    );
  });

  it("names each intent of an op cut off, and nothing else about its customers meanwhile", async () => {
    const { settings, trust } = await bookContext(base, people.admin.fp);
    const plan = await planTermination(
      base,
      settings,
      trust,
      ["C000007", "C000013"],
      "past",
      "关系解除",
      stamper(people.head),
      now,
      "zh",
    );
    // Intents logged and the archive rows written: both customers stand in two places.
    const cut = apply(base, plan.writes.slice(0, 2));
    const problems = checkJournal(cut, "zh").problems;
    assert.deepEqual(
      problems.map((p) => [p.sheet, p.column, p.rule, p.value, p.detail?.action]),
      [
        ["changeLog", "op", "journal.unfinished", "C000007", "terminate"],
        ["changeLog", "op", "journal.unfinished", "C000013", "terminate"],
      ],
    );
  });

  it("names an event that does not follow from the journal (a second post of a customer), and ignores it", async () => {
    const log = readSheet(changeLog, base);
    const last = String(log.records.at(-1)!.values.hash);
    const [forged] = await chainEntries(last, [
      {
        time: "2026-11-24T18:00",
        person: "某人",
        action: "post",
        customerId: "C000001",
        requestNo: "R000099",
        field: "place",
        oldValue: "",
        newValue: "客户原簿",
        reason: "",
      },
    ]);
    const s = edited("变更记录", (g) => g.push(rowOf(log, { ...forged! })));
    const at = s.sheets["变更记录"]!.values.length;
    assert.deepEqual(
      found(s).map((p) => p.slice(0, 5)),
      [["changeLog", at, "action", "journal.conflict", "C000001"]],
    );
  });

  describe("after a destruction", () => {
    let destroyed: Snapshot;
    before(async () => {
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
      destroyed = apply(base, plan.writes);
    });

    it("says nothing, and knows which intake rows were blanked on purpose", () => {
      const check = checkJournal(destroyed, "zh");
      assert.deepEqual(check.problems, []);
      const r2 = rowOfId(destroyed, "交易开始调查书", "R000002");
      assert.deepEqual([...check.erasedIntakeRows], [r2 + 1]);
    });

    it("names the destroyed customer's data typed back into its request, a contact or a result", () => {
      const r2 = rowOfId(destroyed, "交易开始调查书", "R000002");
      const copy = structuredClone(destroyed);
      copy.sheets["交易开始调查书"]!.values[r2]![col(destroyed, "交易开始调查书", "企业名称")] =
        "又写回来的名字";
      copy.sheets["联系记录"]!.values.push([
        "LX000099",
        "2026-11-24",
        "C000014",
        "王建国",
        "电话",
        "又打了电话",
      ]);
      const at = copy.sheets["联系记录"]!.values.length;
      assert.deepEqual(
        checkJournal(copy, "zh").problems.map((p) => [p.sheet, p.row, p.column, p.rule, p.value]),
        [
          ["intake", r2 + 1, "name", "journal.destroyedData", "C000014"],
          ["contacts", at, "customerId", "journal.destroyedData", "C000014"],
        ],
      );
    });

    it("names a row of the destroyed customer put back on the Register", () => {
      const copy = structuredClone(destroyed);
      copy.sheets["客户原簿"]!.values.push([
        ...base.sheets["交易过去"]!.values[rowOfId(base, "交易过去", "C000014")]!,
      ]);
      assert.deepEqual(
        checkJournal(copy, "zh").problems.map((p) => [p.sheet, p.rule, p.value]),
        [["register", "journal.destroyedData", "C000014"]],
      );
    });

    it("tells whose words a destruction blanks, and whether it is done", () => {
      const whose = erasable(readJournal(destroyed));
      assert.equal(whose({ customerId: "C000014", requestNo: "" }), "destroyed");
      assert.equal(whose({ customerId: "", requestNo: "R000002" }), "destroyed", "its request");
      assert.equal(whose({ customerId: "C000013", requestNo: "R000001" }), "none");
      assert.equal(whose({ customerId: "", requestNo: "" }), "none");
    });
  });

  it("tells a destruction still being carried out from one that is done", async () => {
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
    const cut = apply(base, plan.writes.slice(0, 1));
    assert.equal(erasable(readJournal(cut))({ customerId: "C000014", requestNo: "" }), "pending");
  });

  it("a stamp logged by a row appended to the log counts, though the request's row was judged before (issue 15)", () => {
    // R000003 carries its logged stamp and a second one never logged (R000001's line, typed in).
    const grid = structuredClone(base);
    const intake = grid.sheets["交易开始调查书"]!.values;
    const stamps = col(grid, "交易开始调查书", "盖章");
    const r3 = intake.findIndex((r) => r[0] === "R000003");
    const r1 = intake.findIndex((r) => r[0] === "R000001");
    const other = String(intake[r1]![stamps]).split("\n")[0]!;
    intake[r3]![stamps] = `${String(intake[r3]![stamps])}\n${other}`;
    const log = grid.sheets["变更记录"]!.values;
    const logCol = (h: string) => col(grid, "变更记录", h);
    // As the adapter reads: rows as read, never changed; the later read keeps the rows that did not change.
    const asOf = (logRows: Cell[][]): Snapshot =>
      asRead({
        sheetNames: grid.sheetNames,
        sheets: { ...grid.sheets, 变更记录: { ...grid.sheets["变更记录"]!, values: logRows } },
      });
    const unlogged = (s: Snapshot) =>
      checkJournal(s, "zh").problems.filter((p) => p.rule === "journal.unlogged" && p.row === r3 + 1);
    assert.equal(unlogged(asOf([...log])).length, 1, "the typed stamp is not in the log");
    const appended = log[0]!.map(() => "" as Cell);
    appended[logCol("操作")] = "stamp";
    appended[logCol("申请编号")] = "R000003";
    appended[logCol("批准盖章")] = other;
    appended[logCol("时间")] = "2026-11-24 18:00";
    assert.deepEqual(unlogged(asOf([...log, appended])), [], "logged by the row appended");
  });
});
