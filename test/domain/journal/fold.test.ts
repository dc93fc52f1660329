import assert from "node:assert/strict";
import {
  isCurrent,
  isIntent,
  journalRegister,
  journalRow,
  readJournal,
} from "../../../src/domain/journal/journal";
import { register } from "../../../src/domain/schema/sheets";
import { sampleRegister } from "../../../src/domain/sample";
import type { Snapshot } from "../../../src/domain/workbook";
import { adopt, done, logBook, move } from "./log-book";

const places = (journal: ReturnType<typeof readJournal>) =>
  Object.fromEntries([...journal.states].map(([id, s]) => [id, s.place]));
const conflictRows = (journal: ReturnType<typeof readJournal>) => journal.conflicts.map((c) => c.row.row);

describe("the journal's fold, event by event", () => {
  it("a customer adopted with the request it came from is that request's posted customer", async () => {
    const journal = readJournal(
      await logBook([
        { action: "intake", requestNo: "R1", field: "name", newValue: "甲公司" },
        adopt("C1", "客户原簿", "active", "R1"),
        adopt("C2"),
      ]),
    );
    assert.deepEqual([...journal.posted], [["R1", "C1"]], "a customer adopted with no request posts none");
    assert.deepEqual([...journal.states.get("C1")!.requests], ["R1"]);
    assert.deepEqual([...journal.states.get("C2")!.requests], [], "no blank request is counted");
    assert.equal(journal.states.get("C1")!.requestNo, "R1");
    assert.deepEqual(
      journal.rowsOf("C1").map((r) => r.row),
      [2, 3],
      "its request's intake rows are its rows",
    );
  });

  it("a post of another customer from a request an adopted customer came from is refused", async () => {
    const journal = readJournal(
      await logBook([
        adopt("C1", "客户原簿", "active", "R1"),
        move("post", "C2", "", "客户原簿", "P", "R1"),
        done("P"),
      ]),
    );
    assert.deepEqual(conflictRows(journal), [3]);
    assert.deepEqual(places(journal), { C1: "register" });
  });

  it("a terminated customer without a request keeps no blank request", async () => {
    const journal = readJournal(
      await logBook([adopt("C1"), move("terminate", "C1", "客户原簿", "交易过去", "T"), done("T")]),
    );
    assert.equal(journal.states.get("C1")!.place, "past");
    assert.deepEqual([...journal.states.get("C1")!.requests], []);
  });

  it("a post that names no customer, or no request, is refused and places nobody", async () => {
    const journal = readJournal(
      await logBook([
        move("post", "", "", "客户原簿", "A", "R1"),
        done("A"),
        move("post", "C2", "", "客户原簿", "B", ""),
        done("B"),
      ]),
    );
    assert.deepEqual(conflictRows(journal), [2, 4]);
    assert.deepEqual(places(journal), {});
    assert.deepEqual([...journal.posted], []);
  });

  it("only a Register customer adopted as invalid is invalid, not an archived one, a posted one or a terminated one", async () => {
    const journal = readJournal(
      await logBook([
        adopt("C1", "交易过去", "invalid"),
        move("post", "C2", "", "客户原簿", "P", "R2", "invalid"),
        done("P"),
        adopt("C3"),
        move("terminate", "C3", "客户原簿", "交易中止", "T", "", "invalid"),
        done("T"),
        adopt("C4", "客户原簿", "invalid"),
      ]),
    );
    assert.deepEqual(
      [...journal.states.values()].map((s) => [s.id, s.place, s.invalid]),
      [
        ["C1", "past", false],
        ["C2", "register", false],
        ["C3", "suspended", false],
        ["C4", "register", true],
      ],
    );
  });

  it("a request's filer is whoever filed it first, not who edited it later; a row without a request files nothing", async () => {
    const journal = readJournal(
      await logBook([
        { action: "intake", requestNo: "R1", person: "陈会计", field: "name", newValue: "甲公司" },
        { action: "intake", requestNo: "R1", person: "张经理", field: "phone", newValue: "123" },
        { action: "intake", requestNo: "", person: "孙职员", field: "name", newValue: "乙公司" },
        adopt("C5", "交易中止"),
        {
          action: "reinstateRequest",
          customerId: "C5",
          requestNo: "R2",
          person: "陈会计",
          field: "requestNo",
          newValue: "R2",
        },
        {
          action: "reinstateRequest",
          customerId: "C5",
          requestNo: "R2",
          person: "张经理",
          field: "requestNo",
          newValue: "R2",
        },
        { action: "reinstateRequest", customerId: "C5", requestNo: "", person: "孙职员", field: "requestNo" },
      ]),
    );
    assert.deepEqual(
      [...journal.filedBy],
      [
        ["R1", "陈会计"],
        ["R2", "陈会计"],
      ],
    );
    assert.deepEqual([...journal.reinstating], [["R2", "C5"]]);
    assert.deepEqual([...journal.states.get("C5")!.requests], ["R2"]);
  });

  it("an intake row that names a customer does not make its request a reinstatement", async () => {
    const journal = readJournal(
      await logBook([
        adopt("C1", "交易中止"),
        { action: "intake", customerId: "C1", requestNo: "R7", field: "customerId", newValue: "C1" },
      ]),
    );
    assert.deepEqual([...journal.reinstating], []);
    assert.deepEqual([...journal.filedBy], [["R7", "陈会计"]]);
    assert.deepEqual([...journal.states.get("C1")!.requests], []);
  });

  it("a reinstatement request that names no customer brings nobody back", async () => {
    const journal = readJournal(
      await logBook([
        {
          action: "reinstateRequest",
          customerId: "",
          requestNo: "R3",
          person: "陈会计",
          field: "requestNo",
          newValue: "R3",
        },
      ]),
    );
    assert.deepEqual([...journal.reinstating], []);
    assert.deepEqual([...journal.filedBy], [["R3", "陈会计"]]);
  });

  it("a customer's rows leave out a request it once asked for that another customer was posted from", async () => {
    const journal = readJournal(
      await logBook([
        adopt("C1", "交易中止"),
        { action: "reinstateRequest", customerId: "C1", requestNo: "R2", field: "requestNo", newValue: "R2" },
        move("post", "C2", "", "客户原簿", "P", "R2"),
        done("P"),
      ]),
    );
    assert.deepEqual(places(journal), { C1: "suspended", C2: "register" });
    assert.deepEqual(
      journal.rowsOf("C1").map((r) => r.row),
      [2, 3],
      "C2's post is not C1's to erase",
    );
    assert.deepEqual(
      journal.rowsOf("C2").map((r) => r.row),
      [3, 4],
    );
  });

  it("rows that name no customer belong to nobody", async () => {
    const journal = readJournal(
      await logBook([adopt("C1"), { action: "contact", customerId: "", field: "note", newValue: "来电" }]),
    );
    assert.deepEqual(journal.rowsOf(""), []);
    assert.deepEqual(
      journal.rowsOf("C1").map((r) => r.row),
      [2],
    );
  });

  it("an action with no name is not an op to finish", async () => {
    assert.equal(isIntent(""), false);
    const journal = readJournal(await logBook([adopt("C1"), { action: "", customerId: "C1", op: "X" }]));
    assert.deepEqual(journal.unfinished, []);
  });

  it("an adoption is the last word on a customer only until it moves", async () => {
    const journal = readJournal(
      await logBook([
        adopt("C1"),
        adopt("C2"),
        move("terminate", "C1", "客户原簿", "交易过去", "T"),
        done("T"),
      ]),
    );
    const row = (n: number) => journal.rows.find((r) => r.row === n)!;
    assert.equal(isCurrent(journal, row(2)), false, "C1 was terminated since");
    assert.equal(isCurrent(journal, row(3)), true, "C2 still stands where it was adopted");
  });

  it("a pending correction is not overridden by a refused post of another customer citing the same request", async () => {
    const journal = readJournal(
      await logBook([
        adopt("C1", "客户原簿", "active", "R1"),
        { action: "correct", customerId: "C1", field: "phone", op: "X", newValue: "123" },
        move("post", "C2", "", "客户原簿", "P", "R1"),
      ]),
    );
    assert.deepEqual(conflictRows(journal), [4]);
    assert.equal(
      isCurrent(
        journal,
        journal.rows.find((r) => r.row === 3)!,
      ),
      true,
    );
  });

  it("a correction of a customer not on the Register is never current", async () => {
    const journal = readJournal(
      await logBook([
        adopt("C1", "交易过去"),
        { action: "correct", customerId: "C1", field: "phone", op: "X", newValue: "123" },
        { action: "review", customerId: "C9", field: "reviewDate", op: "Y", newValue: "2026-11-24" },
      ]),
    );
    assert.equal(
      isCurrent(
        journal,
        journal.rows.find((r) => r.row === 3)!,
      ),
      false,
    );
    assert.equal(
      isCurrent(
        journal,
        journal.rows.find((r) => r.row === 4)!,
      ),
      false,
      "C9 is known nowhere",
    );
  });

  it("a Change log without value columns reads their cells as blank", () => {
    const row = journalRow(7, { action: "contact", customerId: "C1" });
    assert.deepEqual(
      [row.row, row.action, row.customerId, row.oldValue, row.newValue, row.reason, row.approval],
      [7, "contact", "C1", "", "", "", ""],
    );
  });

  it("the Register read through a journal that was not read with it is refused, naming the Change log", async () => {
    const withLog = await logBook([adopt("C000001")]);
    const journal = readJournal(withLog);
    const header = register.columns.map((c) => c.header.zh);
    const registerOnly: Snapshot = {
      sheetNames: ["客户原簿"],
      sheets: { 客户原簿: { name: "客户原簿", values: [header, ...sampleRegister(2, "zh")] } },
    };
    assert.throws(() => journalRegister(registerOnly, journal), { message: "变更记录 was not read" });
    const both: Snapshot = {
      sheetNames: ["客户原簿", "变更记录"],
      sheets: { ...registerOnly.sheets, ...withLog.sheets },
    };
    assert.deepEqual(
      journalRegister(both, journal).records.map((r) => r.values.id),
      ["C000001"],
    );
  });
});
