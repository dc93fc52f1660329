/**
 * Reinstatement, in the domain: asking to bring a suspended customer (交易中止) back, and
 * posting that request. Each book is set up and moved through the domain's own plans:
 * customers taken over, one suspended with the department head's stamp, requests filed,
 * stamped and posted as the pane would.
 */
import assert from "node:assert/strict";
import { planDestruction } from "../../src/domain/destruction";
import { planPosting } from "../../src/domain/posting";
import { planReinstatementRequests } from "../../src/domain/reinstatement";
import { planStamping, type Stamper } from "../../src/domain/stamping";
import { planTermination } from "../../src/domain/termination";
import { readSheet } from "../../src/domain/records";
import { sampleRegister } from "../../src/domain/sample";
import type { Lang, SheetSchema } from "../../src/domain/schema/model";
import {
  archiveSuspended,
  changeLog,
  destructionLog,
  intake,
  register,
} from "../../src/domain/schema/sheets";
import { defaultSettings } from "../../src/domain/settings";
import { countersign, trustStaff } from "../../src/domain/stamps/staff";
import { isoToSerial } from "../../src/domain/validate/date";
import type { Cell, Snapshot } from "../../src/domain/workbook";
import { apply } from "./support/apply";
import { adopted } from "./support/journal";
import { office, person, type Person } from "./support/people";

const now = { date: "2026-11-24", time: "18:00" };
const stamper = (p: Person): Stamper => ({ entry: p.entry, privateKey: p.privateKey, fingerprint: p.fp });

/** Four customers C000001…C000004 taken over, all in the head's department; the sheets in `lang`. */
async function takenOver(lang: Lang): Promise<Snapshot> {
  const rows = sampleRegister(4, lang);
  const dept = register.columns.findIndex((c) => c.key === "department");
  for (const r of rows) r[dept] = "业务一部";
  const sheets: SheetSchema[] = [register, archiveSuspended, intake, changeLog, destructionLog];
  const snapshot: Snapshot = { sheetNames: sheets.map((s) => s.name[lang]), sheets: {} };
  for (const s of sheets)
    snapshot.sheets[s.name[lang]] = {
      name: s.name[lang],
      values: [s.columns.map((c) => c.header[lang]), ...(s === register ? rows : [])],
    };
  return adopted(snapshot);
}

/** The grid of a sheet, by its schema, in whichever language the book uses. */
const grid = (s: Snapshot, schema: SheetSchema) =>
  (s.sheets[schema.name.zh] ?? s.sheets[schema.name.en])!.values;
/** The row of a sheet whose first column (ID or request number) is `key`. */
const rowWith = (s: Snapshot, schema: SheetSchema, key: string) => grid(s, schema).find((r) => r[0] === key)!;
const setCell = (s: Snapshot, schema: SheetSchema, key: string, column: string, value: Cell) => {
  rowWith(s, schema, key)[schema.columns.findIndex((c) => c.key === column)] = value;
};
const idsOn = (s: Snapshot, schema: SheetSchema) => readSheet(schema, s).records.map((r) => r.values.id);
/** The Change log rows written after the take-over, without the "done" rows that close each action. */
const actions = (s: Snapshot) =>
  readSheet(changeLog, s)
    .records.map((r) => r.values)
    .filter((v) => v.action !== "adopt" && v.action !== "done");

describe("asking to reinstate a suspended customer", function () {
  this.timeout(30_000);
  let people: Awaited<ReturnType<typeof office>>;
  let manager: Person;
  before(async () => {
    people = await office();
    manager = await person(5, "孙经理", "manager", "总务部");
    manager.entry.countersign = await countersign(people.admin.privateKey, manager.entry);
  });
  const trust = () => trustStaff([...people.entries, manager.entry], people.admin.fp);

  const suspend = async (s: Snapshot, ids: string[], lang: Lang = "zh") => {
    const plan = await planTermination(
      s,
      defaultSettings,
      await trust(),
      ids,
      "suspended",
      "暂停交易",
      stamper(people.head),
      now,
      lang,
    );
    assert.deepEqual(plan.problems, []);
    return apply(s, plan.writes);
  };
  const ask = async (s: Snapshot, ids: string[], lang: Lang = "zh") =>
    planReinstatementRequests(s, defaultSettings, await trust(), ids, "陈会计", now, lang);
  const asked = async (s: Snapshot, ids: string[]) => {
    const plan = await ask(s, ids);
    assert.deepEqual(plan.problems, []);
    return apply(s, plan.writes);
  };
  const stamp = async (s: Snapshot, requestNo: string, decision: "approve" | "reject" = "approve") => {
    const plan = await planStamping(
      s,
      defaultSettings,
      await trust(),
      [requestNo],
      stamper(people.head),
      decision,
      decision === "reject" ? "资信不足" : "",
      now,
      "zh",
    );
    assert.deepEqual(plan.problems, []);
    return apply(s, plan.writes);
  };
  const post = async (s: Snapshot, requestNos: string[] | "all") =>
    planPosting(s, defaultSettings, await trust(), requestNos, { name: "陈会计" }, now, "zh");
  const posted = async (s: Snapshot, requestNos: string[] | "all") => {
    const plan = await post(s, requestNos);
    assert.deepEqual(plan.problems, []);
    return apply(s, plan.writes);
  };
  /** C000002 suspended and asked back: R000001 filed, waiting for the head's stamp. */
  const waiting = async () => asked(await suspend(await takenOver("zh"), ["C000002"]), ["C000002"]);

  it("files a request awaiting stamps that carries the customer's fields and ID, no stamps, a 恢复交易 note, and logs it", async () => {
    const before = await suspend(await takenOver("zh"), ["C000002"]);
    const archived = readSheet(archiveSuspended, before).records[0]!.values;
    assert.match(String(archived.stamps), /王主管/, "the archived row carries the termination's stamp");
    const plan = await ask(before, ["C000002"]);
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.requested, [{ id: "C000002", requestNo: "R000001" }]);
    const after = apply(before, plan.writes);
    const [request] = readSheet(intake, after).records.map((r) => r.values);
    assert.equal(request!.requestNo, "R000001");
    assert.equal(request!.requestDate, isoToSerial(now.date));
    assert.equal(request!.intakeStatus, "待盖章");
    assert.equal(request!.stamps, "", "the old stamps do not come along: the request is approved afresh");
    assert.equal(request!.customerId, "C000002");
    assert.equal(request!.notes, "恢复交易");
    for (const key of ["name", "address", "phone", "department", "responsible"])
      assert.equal(request![key], archived[key], key);
    const log = actions(after).at(-1)!;
    assert.deepEqual(
      [
        log.time,
        log.person,
        log.action,
        log.customerId,
        log.requestNo,
        log.field,
        log.oldValue,
        log.newValue,
        log.reason,
      ],
      [
        `${now.date}T${now.time}`,
        "陈会计",
        "reinstateRequest",
        "C000002",
        "R000001",
        "requestNo",
        "",
        "R000001",
        "",
      ],
    );
  });

  it("writes the status and the note in English on an English workbook", async () => {
    const before = await suspend(await takenOver("en"), ["C000002"], "en");
    const plan = await ask(before, ["C000002"], "en");
    assert.deepEqual(plan.problems, []);
    const [request] = readSheet(intake, apply(before, plan.writes)).records.map((r) => r.values);
    assert.equal(request!.intakeStatus, "Awaiting stamps");
    assert.equal(request!.notes, "Reinstatement");
  });

  it("refuses a second request while the first is still open — stamped, or sent back to 填写中 — naming the customer", async () => {
    const stamped = await stamp(await waiting(), "R000001");
    assert.equal(
      rowWith(stamped, intake, "R000001")[intake.columns.findIndex((c) => c.key === "intakeStatus")],
      "已批准",
    );
    const refusal = [
      { sheet: "intake", row: 1, column: "customerId", rule: "reinstate.pending", value: "C000002" },
    ];
    const again = await ask(stamped, ["C000002"]);
    assert.deepEqual(again.problems, refusal);
    assert.deepEqual(again.requested, []);
    setCell(stamped, intake, "R000001", "intakeStatus", "填写中");
    assert.deepEqual((await ask(stamped, ["C000002"])).problems, refusal);
  });

  it("accepts a new request once the head has rejected the first", async () => {
    const rejected = await stamp(await waiting(), "R000001", "reject");
    const again = await ask(rejected, ["C000002"]);
    assert.deepEqual(again.problems, []);
    assert.deepEqual(again.requested, [{ id: "C000002", requestNo: "R000002" }]);
  });

  it("accepts a new request after the first was posted, even with its status typed back to 已批准", async () => {
    const back = await posted(await stamp(await waiting(), "R000001"), ["R000001"]);
    assert.ok(idsOn(back, register).includes("C000002"));
    const suspendedAgain = await suspend(back, ["C000002"]);
    setCell(suspendedAgain, intake, "R000001", "intakeStatus", "已批准");
    const again = await ask(suspendedAgain, ["C000002"]);
    assert.deepEqual(again.problems, []);
    assert.deepEqual(again.requested, [{ id: "C000002", requestNo: "R000002" }]);
  });

  it("refuses customers the journal does not place in 交易中止 — on the Register, pasted into 交易中止, unknown — naming the row", async () => {
    const s = await suspend(await takenOver("zh"), ["C000002"]);
    // C000001's Register row pasted into 交易中止 under the suspended customer: it is still on the Register.
    grid(s, archiveSuspended).push([...rowWith(s, register, "C000001")]);
    const plan = await ask(s, ["C000001", "C000003", "C000099"]);
    assert.deepEqual(
      plan.problems.map((p) => [p.sheet, p.row, p.column, p.rule, p.value]),
      [
        ["archiveSuspended", 3, "id", "journal.wrongPlace", "C000001"],
        ["archiveSuspended", 1, "id", "journal.wrongPlace", "C000003"],
        ["archiveSuspended", 1, "id", "id.unknown", "C000099"],
      ],
    );
    assert.deepEqual(plan.requested, []);
  });

  it("refuses a suspended customer whose 交易中止 row is gone or doubled, naming the row", async () => {
    const s = await suspend(await takenOver("zh"), ["C000002"]);
    const rows = grid(s, archiveSuspended);
    const [copy] = rows.splice(1, 1);
    assert.deepEqual(
      (await ask(s, ["C000002"])).problems.map((p) => [p.sheet, p.row, p.column, p.rule, p.value]),
      [["archiveSuspended", 1, "id", "journal.missingRow", "C000002"]],
    );
    rows.push(copy!, [...copy!]);
    assert.deepEqual(
      (await ask(s, ["C000002"])).problems.map((p) => [p.sheet, p.row, p.column, p.rule, p.value]),
      [["archiveSuspended", 3, "id", "journal.duplicateRow", "C000002"]],
    );
  });

  it("files nothing at all when one of the customers asked for is refused", async () => {
    const s = await suspend(await takenOver("zh"), ["C000002"]);
    const plan = await ask(s, ["C000002", "C000001"]);
    assert.deepEqual(
      plan.problems.map((p) => [p.rule, p.value]),
      [["journal.wrongPlace", "C000001"]],
    );
    assert.deepEqual(plan.requested, []);
    const after = apply(s, plan.writes);
    assert.deepEqual(readSheet(intake, after).records, []);
    assert.ok(!actions(after).some((e) => e.action === "reinstateRequest"));
  });

  it("refuses when the workbook has no 交易开始调查书 to file the request on", async () => {
    const s = await suspend(await takenOver("zh"), ["C000002"]);
    s.sheetNames = s.sheetNames.filter((n) => n !== intake.name.zh);
    delete s.sheets[intake.name.zh];
    const plan = await ask(s, ["C000002"]);
    assert.deepEqual(plan.problems, [
      { sheet: "intake", row: 1, column: "", rule: "header.missing", value: "" },
    ]);
    assert.deepEqual(plan.writes, []);
  });

  it("refuses when the workbook has no Change log to record the request in, naming the Change log", async () => {
    const s = await suspend(await takenOver("zh"), ["C000002"]);
    s.sheetNames = s.sheetNames.filter((n) => n !== changeLog.name.zh);
    delete s.sheets[changeLog.name.zh];
    const plan = await ask(s, ["C000002"]);
    assert.deepEqual(plan.problems, [
      { sheet: "changeLog", row: 1, column: "", rule: "header.missing", value: "" },
    ]);
    assert.deepEqual(plan.writes, []);
  });

  describe("posting it", () => {
    it("brings the customer back from 交易中止 under its own ID, logging where it came from", async () => {
      const ready = await stamp(await waiting(), "R000001");
      const name = rowWith(ready, archiveSuspended, "C000002")[
        register.columns.findIndex((c) => c.key === "name")
      ];
      const plan = await post(ready, "all");
      assert.deepEqual(plan.problems, []);
      assert.deepEqual(plan.posted, [{ requestNo: "R000001", id: "C000002", name, resumed: false }]);
      const after = apply(ready, plan.writes);
      assert.deepEqual(idsOn(after, register), ["C000001", "C000003", "C000004", "C000002"]);
      assert.deepEqual(idsOn(after, archiveSuspended), []);
      const log = actions(after)
        .filter((a) => a.action !== "buildDeptList")
        .at(-1)!;
      assert.deepEqual(
        [log.action, log.customerId, log.requestNo, log.field, log.oldValue, log.newValue, log.reason],
        ["reinstate", "C000002", "R000001", "place", "交易中止", "客户原簿", ""],
      );
    });

    it("refuses a second request for a customer already brought back, naming the request's customer column", async () => {
      // R000001 stamped, then its status typed as 已登记 by mistake: a second request gets filed.
      const first = await stamp(await waiting(), "R000001");
      setCell(first, intake, "R000001", "intakeStatus", "已登记");
      const second = await stamp(await asked(first, ["C000002"]), "R000002");
      setCell(second, intake, "R000001", "intakeStatus", "已批准");
      const back = await posted(second, ["R000002"]);
      const plan = await post(back, ["R000001"]);
      assert.deepEqual(plan.problems, [
        { sheet: "intake", row: 2, column: "customerId", rule: "journal.wrongPlace", value: "R000001" },
      ]);
      assert.deepEqual(plan.posted, []);
      const after = apply(back, plan.writes);
      assert.deepEqual(
        idsOn(after, register).filter((id) => id === "C000002"),
        ["C000002"],
      );
      assert.ok(!actions(after).some((e) => e.requestNo === "R000001" && e.action === "reinstate"));
    });

    it("brings a customer back once when two approved requests for it are posted together: the second is refused, naming its customer column", async () => {
      const first = await stamp(await waiting(), "R000001");
      setCell(first, intake, "R000001", "intakeStatus", "已登记");
      const second = await stamp(await asked(first, ["C000002"]), "R000002");
      setCell(second, intake, "R000001", "intakeStatus", "已批准");
      const plan = await post(second, "all");
      assert.deepEqual(plan.problems, [
        { sheet: "intake", row: 3, column: "customerId", rule: "journal.wrongPlace", value: "R000002" },
      ]);
      assert.deepEqual(plan.posted, [], "nothing of the batch is posted while one request is wrong");
      const after = apply(second, plan.writes);
      assert.deepEqual(
        idsOn(after, register).filter((id) => id === "C000002"),
        [],
        "still suspended, not on the Register twice",
      );
    });

    it("refuses to bring back a customer whose cut-off destruction cannot be finished, naming that log row", async () => {
      const ready = await stamp(await waiting(), "R000001");
      const destruction = await planDestruction(
        ready,
        await trust(),
        ["C000002"],
        "无法恢复",
        stamper(manager),
        now,
        "zh",
        defaultSettings,
      );
      assert.deepEqual(destruction.problems, []);
      // Cut off after its intent was logged; then someone edits the logged reason the manager stamped.
      const cut = apply(ready, destruction.writes.slice(0, 1));
      const log = grid(cut, changeLog);
      const logRow = log.length;
      assert.equal(log[logRow - 1]![changeLog.columns.findIndex((c) => c.key === "action")], "destroy");
      log[logRow - 1]![changeLog.columns.findIndex((c) => c.key === "reason")] = "改过的原因";
      const plan = await post(cut, ["R000001"]);
      assert.deepEqual(
        plan.problems.map((p) => [p.sheet, p.row, p.rule, p.value, p.detail?.action, p.detail?.why]),
        [["changeLog", logRow, "journal.cannotFinish", "C000002", "destroy", "approval"]],
      );
      assert.deepEqual(plan.posted, []);
      assert.ok(!idsOn(apply(cut, plan.writes), register).includes("C000002"));
    });
  });
});
