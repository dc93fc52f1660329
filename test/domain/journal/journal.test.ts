import assert from "node:assert/strict";
import { isCurrent, isIntent, placeOf, readJournal } from "../../../src/domain/journal/journal";
import { logBook, type Event } from "./log-book";

const adopt = (id: string, where = "客户原簿", reason = "active"): Event => ({
  action: "adopt",
  customerId: id,
  field: "place",
  newValue: where,
  reason,
});
const move = (action: string, id: string, from: string, to: string, op = "OP1", requestNo = ""): Event => ({
  action,
  customerId: id,
  requestNo,
  field: "place",
  oldValue: from,
  newValue: to,
  op,
});
const done = (op: string): Event => ({ action: "done", op });

describe("the journal: a customer's place and status are a fold of its events", () => {
  const cases: [string, Event[], Record<string, string>][] = [
    ["adopted where it stood", [adopt("C1"), adopt("C2", "交易过去")], { C1: "register", C2: "past" }],
    ["posted", [move("post", "C3", "", "客户原簿", "A", "R1"), done("A")], { C3: "register" }],
    [
      "posted, suspended, reinstated",
      [
        move("post", "C3", "", "客户原簿", "A", "R1"),
        done("A"),
        move("terminate", "C3", "客户原簿", "交易中止", "B"),
        done("B"),
        move("reinstate", "C3", "交易中止", "客户原簿", "C", "R2"),
        done("C"),
      ],
      { C3: "register" },
    ],
    [
      "terminated to past, then destroyed",
      [
        adopt("C1"),
        move("terminate", "C1", "客户原簿", "交易过去", "B"),
        move("destroy", "C1", "交易过去", "已销毁", "D"),
      ],
      { C1: "destroyed" },
    ],
    ["English place names read the same", [adopt("C1", "Archive-Suspended")], { C1: "suspended" }],
  ];
  for (const [title, events, places] of cases) {
    it(title, async () => {
      const journal = readJournal(await logBook(events));
      assert.deepEqual(Object.fromEntries([...journal.states].map(([id, s]) => [id, s.place])), places);
      assert.deepEqual(journal.conflicts, []);
    });
  }

  const conflicts: [string, Event[], number[]][] = [
    [
      "a second post of one request",
      [move("post", "C1", "", "客户原簿", "A", "R1"), move("post", "C2", "", "客户原簿", "B", "R1")],
      [3],
    ],
    [
      "a second post of one customer",
      [move("post", "C1", "", "客户原簿", "A", "R1"), move("post", "C1", "", "客户原簿", "B", "R2")],
      [3],
    ],
    [
      "a termination of a customer not on the Register",
      [adopt("C1", "交易过去"), move("terminate", "C1", "客户原簿", "交易过去")],
      [3],
    ],
    ["a termination to nowhere", [adopt("C1"), move("terminate", "C1", "客户原簿", "火星")], [3]],
    ["a destruction from the Register", [adopt("C1"), move("destroy", "C1", "客户原簿", "已销毁")], [3]],
    [
      "a reinstatement of an active customer",
      [adopt("C1"), move("reinstate", "C1", "交易中止", "客户原簿", "A", "R2")],
      [3],
    ],
    [
      "a reinstatement without a request",
      [adopt("C1", "交易中止"), move("reinstate", "C1", "交易中止", "客户原簿", "A")],
      [3],
    ],
    ["adopting twice", [adopt("C1"), adopt("C1", "交易过去")], [3]],
    ["adopting without an ID", [adopt("")], [2]],
    [
      "a correction of a customer not on the Register",
      [adopt("C1", "交易过去"), { action: "correct", customerId: "C1", field: "phone", op: "X" }],
      [3],
    ],
    [
      "marking invalid a customer not on the Register",
      [adopt("C1", "交易中止"), { action: "markInvalid", customerId: "C1", field: "status", op: "X" }],
      [3],
    ],
  ];
  for (const [title, events, rows] of conflicts) {
    it(`ignores and reports ${title}`, async () => {
      const journal = readJournal(await logBook(events));
      assert.deepEqual(
        journal.conflicts.map((c) => c.row.row),
        rows,
      );
    });
  }

  it("a terminated customer stays terminated: later unrelated events do not bring it back", async () => {
    const journal = readJournal(
      await logBook([
        move("post", "C3", "", "客户原簿", "A", "R1"),
        done("A"),
        move("terminate", "C3", "客户原簿", "交易过去", "B"),
        done("B"),
        move("post", "C4", "", "客户原簿", "C", "R2"),
        done("C"),
      ]),
    );
    assert.equal(journal.states.get("C3")!.place, "past");
    assert.deepEqual(
      [...journal.posted],
      [
        ["R1", "C3"],
        ["R2", "C4"],
      ],
    );
  });

  it("marks invalid on the Register, and a move clears it", async () => {
    const events = [
      adopt("C1"),
      { action: "markInvalid", customerId: "C1", field: "status", op: "M" },
      done("M"),
    ];
    assert.equal(readJournal(await logBook(events)).states.get("C1")!.invalid, true);
    const moved = readJournal(
      await logBook([...events, move("terminate", "C1", "客户原簿", "交易过去", "T")]),
    );
    assert.equal(moved.states.get("C1")!.invalid, false);
    assert.equal(
      readJournal(await logBook([adopt("C2", "客户原簿", "invalid")])).states.get("C2")!.invalid,
      true,
    );
  });

  it("an op is unfinished until its done, wherever the done stands", async () => {
    const journal = readJournal(
      await logBook([
        adopt("C1"),
        adopt("C2"),
        move("terminate", "C1", "客户原簿", "交易过去", "T1"),
        move("terminate", "C2", "客户原簿", "交易中止", "T2"),
        { action: "contact", customerId: "C2", newValue: "电话", op: "K" },
        done("T1"),
      ]),
    );
    assert.deepEqual(
      journal.unfinished.map((op) => [op.id, op.intents.map((i) => i.customerId)]),
      [["T2", ["C2"]]],
    );
  });

  it("knows which requests a customer had, to erase their words too", async () => {
    const journal = readJournal(
      await logBook([
        { action: "intake", requestNo: "R1", field: "name", newValue: "甲公司" },
        move("post", "C1", "", "客户原簿", "A", "R1"),
        { action: "reinstateRequest", customerId: "C1", requestNo: "R2", field: "requestNo", newValue: "R2" },
        { action: "intake", requestNo: "R3", field: "name", newValue: "乙公司" },
      ]),
    );
    assert.deepEqual([...journal.states.get("C1")!.requests].sort(), ["R1", "R2"]);
    assert.deepEqual(
      journal.rowsOf("C1").map((r) => r.row),
      [2, 3, 4],
    );
    assert.deepEqual([...journal.reinstating], [["R2", "C1"]]);
  });

  it("an unfinished intent is current until a later event about the same customer overrides it", async () => {
    const journal = readJournal(
      await logBook([
        adopt("C1"),
        move("terminate", "C1", "客户原簿", "交易中止", "T1"),
        { action: "correct", customerId: "C2", field: "phone", op: "X" },
        adopt("C2"),
        { action: "correct", customerId: "C2", field: "phone", op: "Y" },
        { action: "correct", customerId: "C2", field: "fax", op: "Y" },
      ]),
    );
    const intent = (row: number) => journal.rows.find((r) => r.row === row)!;
    assert.equal(isCurrent(journal, intent(3)), true, "the suspension is the last word on C1");
    assert.equal(isCurrent(journal, intent(4)), false, "overridden by a later correction of the same field");
    assert.equal(isCurrent(journal, intent(6)), true);
    assert.equal(isCurrent(journal, intent(7)), true, "another field is not overridden");
  });

  it("a review's date row also answers for its reviewer (session 28: one row per customer)", async () => {
    const review = (id: string, field: string, op: string, person = "陈会计"): Event => ({
      action: "review",
      customerId: id,
      field,
      newValue: field === "lastReviewer" ? person : "2026-11-24",
      op,
      person,
    });
    const journal = readJournal(
      await logBook([
        adopt("C1"),
        // The earlier form, two rows in one op, then a review of the new form by another person.
        review("C1", "lastReviewDate", "A"),
        review("C1", "lastReviewer", "A"),
        review("C1", "lastReviewDate", "B", "王复核"),
        { action: "correct", customerId: "C1", field: "phone", op: "C" },
        adopt("C2"),
        review("C2", "lastReviewer", "D"),
        { action: "correct", customerId: "C2", field: "fax", op: "E" },
        { action: "correct", customerId: "C2", field: "lastReviewDate", op: "F" },
      ]),
    );
    const intent = (row: number) => journal.rows.find((r) => r.row === row)!;
    assert.equal(isCurrent(journal, intent(3)), false, "its date overridden by the later review");
    assert.equal(
      isCurrent(journal, intent(4)),
      false,
      "its reviewer overridden by the later review's date row",
    );
    assert.equal(isCurrent(journal, intent(5)), true, "a correction of the phone is another field");
    assert.equal(isCurrent(journal, intent(6)), true);
    assert.equal(
      isCurrent(journal, intent(8)),
      true,
      "neither a fax's nor a date's correction names a reviewer",
    );
  });

  const intents: [string, boolean][] = [
    ["post", true],
    ["reinstate", true],
    ["terminate", true],
    ["destroy", true],
    ["correct", true],
    ["review", true],
    ["handOver", true],
    ["markInvalid", true],
    ["stamp", true],
    ["reject", true],
    ["adopt", false],
    ["intake", false],
    ["contact", false],
    ["done", false],
  ];
  for (const [action, yes] of intents)
    it(`${action} ${yes ? "is" : "is not"} an intent`, () => assert.equal(isIntent(action), yes));

  const places: [string, string | undefined][] = [
    ["客户原簿", "register"],
    ["Register", "register"],
    ["交易中止", "suspended"],
    ["Archive-Past", "past"],
    ["已销毁", "destroyed"],
    ["past", "past"],
    ["别处", undefined],
    ["", undefined],
  ];
  for (const [label, place] of places)
    it(`place “${label}” → ${place}`, () => assert.equal(placeOf(label), place));
});
