import assert from "node:assert/strict";
import fc from "fast-check";
import {
  ClosureSearch,
  customerNeeds,
  handOverNeeds,
  journalClosure,
  journalLog,
  placesNeed,
  PLACING_ACTIONS,
  postingNeeds,
  settingNeeds,
  type JournalSeed,
} from "../../../src/domain/journal/needs";
import { readJournal, type Journal } from "../../../src/domain/journal/journal";
import { logClock } from "../../../src/domain/book-context";
import {
  narrowSpan,
  neededColumns,
  partialSnapshot,
  pickedRows,
  rowsToRead,
  wholeSpans,
  type Need,
  type SheetParts,
} from "../../../src/domain/partial-read";
import { archiveSuspended, changeLog, register } from "../../../src/domain/schema/sheets";
import type { Cell, Snapshot } from "../../../src/domain/workbook";

// Issue 15: a run over the journal reads, of the Change log, the rows about the customers and
// requests it acts on and, in turn, about those the rows name (journal/needs.ts). What the
// fold of that partial log says about them must be what the fold of the whole log says —
// checked here on random logs of every kind of event over a few customers and requests,
// through the same steps the adapter takes (columns, rows picked, partial snapshot).
const LOG = changeLog.name.zh;
const header = changeLog.columns.map((c) => c.header.zh);
const at = (key: string) => changeLog.columns.findIndex((c) => c.key === key);
const customers = ["C1", "C2", "C3", "C4", "C5"];
const requests = ["R1", "R2", "R3", "R4", "R5"];

interface Event {
  action: string;
  customerId: string;
  requestNo: string;
  newValue: string;
  person: string;
  op: string;
  day: number;
  /** "invalid" on an adopt row: the customer came in marked invalid. */
  reason?: string;
}
const event: fc.Arbitrary<Event> = fc.record({
  action: fc.constantFrom(
    "adopt",
    "post",
    "reinstate",
    "reinstateRequest",
    "intake",
    "terminate",
    "destroy",
    "markInvalid",
    "correct",
    "stamp",
    "look",
    "done",
    "enrol",
    "revoke",
  ),
  customerId: fc.constantFrom("", ...customers),
  requestNo: fc.constantFrom("", ...requests),
  newValue: fc.constantFrom("", "客户原簿", "交易中止", "交易过去"),
  person: fc.constantFrom("陈会计", "王建国"),
  op: fc.constantFrom("", "A", "B"),
  // Not in order: a row may claim an earlier time than the rows above it.
  day: fc.integer({ min: 1, max: 28 }),
});

function whole(events: Event[]): Snapshot {
  const values: Cell[][] = [
    header,
    ...events.map((e) => {
      const row: Cell[] = header.map(() => "");
      row[at("time")] = `2026-11-${String(e.day).padStart(2, "0")}T09:00`;
      for (const key of ["action", "customerId", "requestNo", "newValue", "person", "op"] as const)
        row[at(key)] = e[key];
      row[at("reason")] = e.reason ?? "";
      // What the fold never reads, as the add-in writes it: what a narrow read must leave out.
      row[at("approval")] = `approval ${e.day}`;
      row[at("hash")] = `hash ${e.day}`;
      return row;
    }),
  ];
  return { sheetNames: [LOG], sheets: { [LOG]: { name: LOG, values } } };
}

/** What the adapter reads of the log for a need (excel/partial.ts), as a snapshot. */
function asRead(snapshot: Snapshot, need: Need): Snapshot {
  const values = snapshot.sheets[LOG]!.values;
  const parts: SheetParts = {
    header: values[0]!,
    size: { rows: values.length, cols: header.length },
    columns: {},
    rows: new Map(),
  };
  for (const { key, col } of neededColumns(need, values[0]))
    parts.columns[key] = values.slice(1).map((r) => r[col]!);
  // Rows read whole, and those read only across the need's span (as the adapter reads them).
  const { whole, narrow } = rowsToRead(need, parts);
  for (const r of whole) parts.rows.set(r, values[r]!);
  const span = narrowSpan(need, values[0]);
  for (const r of narrow)
    parts.rows.set(
      r,
      values[r]!.map((cell, c) => (span && c >= span.col && c < span.col + span.cols ? cell : "")),
    );
  return partialSnapshot([LOG], [need], { [LOG]: parts }, {});
}

/** What a run may rely on about the seed's customers and requests. */
function about(journal: Journal, seed: { customers: string[]; requests: string[] }) {
  return {
    customers: seed.customers.map((id) => {
      const state = journal.states.get(id);
      return {
        id,
        state: state && {
          place: state.place,
          invalid: state.invalid,
          requestNo: state.requestNo,
          requests: [...state.requests].sort(),
          placedAt: state.placedAt.row,
        },
        rows: journal.rowsOf(id).map((r) => r.row),
      };
    }),
    requests: seed.requests.map((no) => ({
      no,
      posted: journal.posted.get(no),
      reinstating: journal.reinstating.get(no),
      filedBy: journal.filedBy.get(no),
    })),
    unfinished: journal.unfinished.map((op) => op.id),
  };
}

/** When the log says each key was revoked and each enrolment began: what every plan's trust starts from. */
function clockOf(snapshot: Snapshot) {
  const clock = logClock(snapshot)!;
  return { revokedAt: [...clock.revokedAt], startedAt: [...clock.startedAt] };
}

describe("a run over the journal reads its customers' and requests' closure of the log (issue 15)", () => {
  it("the fold of the partial log says of them exactly what the fold of the whole log says", () => {
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 40 }),
        fc.subarray(customers, { maxLength: 2 }),
        fc.subarray(requests, { maxLength: 2 }),
        (events, seedCustomers, seedRequests) => {
          const seed = { customers: seedCustomers, requests: seedRequests };
          const book = whole(events);
          for (const keep of [[], ["requestNo"], ["customerId"]] as ("customerId" | "requestNo")[][]) {
            const read = asRead(book, journalLog(seed, keep));
            assert.deepEqual(about(readJournal(read), seed), about(readJournal(book), seed));
            // And the trust skeleton: a row's moment is the latest time up to it, every row's time counting.
            assert.deepEqual(clockOf(read), clockOf(book));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("a customer it did not read has no state: a plan never takes one it did not read for one it knows", () => {
    const book = whole([
      { action: "post", customerId: "C1", requestNo: "R1", newValue: "", person: "陈会计", op: "A", day: 1 },
      { action: "done", customerId: "", requestNo: "", newValue: "", person: "陈会计", op: "A", day: 1 },
      { action: "post", customerId: "C2", requestNo: "R2", newValue: "", person: "陈会计", op: "B", day: 1 },
      { action: "done", customerId: "", requestNo: "", newValue: "", person: "陈会计", op: "B", day: 1 },
    ]);
    const partial = readJournal(asRead(book, journalLog({ customers: ["C2"] }, ["requestNo"])));
    assert.equal(partial.states.get("C1"), undefined);
    assert.equal(partial.posted.get("R1"), undefined);
    assert.equal(partial.states.get("C2")?.place, "register");
    // Every request number the log has used is still there to be skipped by the next number.
    assert.deepEqual(partial.rows.map((r) => r.requestNo).filter(Boolean), ["R1", "R2"]);
  });

  it("follows a request to its customer and that customer to its other requests, however far", () => {
    // R3 was posted as C2, which came in on R2, posted over C1's R1 — the conflict on R2 is
    // only seen with C1's rows.
    const columns = {
      customerId: ["C1", "", "C2", "C2", "C1"],
      requestNo: ["R1", "R9", "R2", "R3", "R2"],
    };
    const seed: JournalSeed = { requests: ["R3"] };
    assert.deepEqual(
      journalClosure(columns, 6, seed).sort((a, b) => a - b),
      [1, 3, 4, 5],
    );
    assert.deepEqual(journalClosure(columns, 6, {}), []);
    assert.deepEqual(journalClosure(columns, 6, { customers: ["C9"] }), []);
  });

  it("finds the closure round by round, as Excel's counts lead it, and ends with journalClosure's rows (fast-check)", () => {
    const name = (prefix: string) =>
      fc.constantFrom("", `${prefix}1`, `${prefix}2`, `${prefix}3`, `${prefix}4`);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name("C"), name("R")), { maxLength: 40 }),
        fc.subarray(["C1", "C2", "R1", "R3"], { minLength: 1 }),
        fc.boolean(),
        (rows, seedNames, byBlock) => {
          const columns = { customerId: rows.map((r) => r[0]), requestNo: rows.map((r) => r[1]) };
          const seed: JournalSeed = {
            customers: seedNames.filter((n) => n.startsWith("C")),
            requests: seedNames.filter((n) => n.startsWith("R")),
          };
          const search = new ClosureSearch(seed);
          // Excel's part: where each name asked about is. Each of its rows is read (found
          // exactly), or, by turns, the whole column around it once (a block read: a name
          // met later finds its rows there among those already read, as the adapter does).
          let blockRead = false;
          for (let round = 0; round < 20; round++) {
            const { customers, requests } = search.next();
            if (!customers.length && !requests.length) break;
            rows.forEach(([id, no], i) => {
              if (!customers.includes(id) && !requests.includes(no)) return;
              if (byBlock) {
                if (!blockRead) rows.forEach(([a, b], k) => search.read(k + 1, a, b));
                blockRead = true;
              } else if (!search.scanned.has(i + 1)) search.read(i + 1, id, no);
            });
          }
          assert.deepEqual(
            [...search.rows.keys()].sort((a, b) => a - b),
            journalClosure(columns, rows.length + 1, seed).sort((a, b) => a - b),
          );
        },
      ),
      { numRuns: 300 },
    );
    // A seed of requests only asks about its requests.
    assert.deepEqual(new ClosureSearch({ requests: ["R1"] }).next(), { customers: [], requests: ["R1"] });
    // A name is asked about once, and a row read before its name was met joins when it is.
    const search = new ClosureSearch({ customers: ["C1"] });
    assert.deepEqual(search.next(), { customers: ["C1"], requests: [] });
    search.read(3, "", "R7");
    assert.deepEqual([...search.rows.keys()], []);
    search.read(1, "C1", "R7");
    assert.deepEqual([...search.rows.keys()].sort(), [1, 3]);
    assert.deepEqual(search.next(), { customers: [], requests: ["R7"] });
    assert.equal(search.names, 2);
    // The counted need: a run with a seed known before reading, and no columns kept whole.
    assert.deepEqual(journalLog({ requests: ["R000001"] }).countedSeed, { requests: ["R000001"] });
    assert.equal(journalLog({ requests: ["R000001"] }, ["customerId"]).countedSeed, undefined);
    assert.equal(journalLog(() => ({ requests: ["R000001"] })).countedSeed, undefined);
  });

  it("a run about no customer or request reads no customer or request column of the log (filing a new request)", () => {
    const keys = (need: Need) =>
      neededColumns(need, header)
        .map((c) => c.key)
        .sort();
    assert.deepEqual(keys(journalLog({}, ["requestNo"])), ["action", "op", "requestNo", "time"]);
    assert.deepEqual(keys(journalLog({ requests: ["R1"] })), [
      "action",
      "customerId",
      "op",
      "requestNo",
      "time",
    ]);
  });

  it("rows chosen outside the sheet (the header, past the end) are not read", () => {
    const need: Need = { schema: changeLog, columns: ["action"], choose: () => [0, 2, 5, 9, -1] };
    const parts = {
      header,
      size: { rows: 5, cols: header.length },
      columns: { action: ["a", "b", "c", "d"] },
    };
    assert.deepEqual(pickedRows(need, parts), [2]);
  });

  it("every row's action and op are read, so an op cut off anywhere in the log is seen", () => {
    const book = whole([
      { action: "correct", customerId: "C1", requestNo: "", newValue: "", person: "陈会计", op: "A", day: 1 },
      { action: "look", customerId: "C2", requestNo: "", newValue: "", person: "陈会计", op: "", day: 1 },
    ]);
    const partial = readJournal(asRead(book, journalLog({ customers: ["C2"] })));
    assert.deepEqual(
      partial.unfinished.map((op) => op.id),
      ["A"],
    );
  });
});

describe("a look at where every customer is reads the log's placing rows (issue 15: the review worklist)", () => {
  const withReason = fc
    .tuple(event, fc.constantFrom("", "", "invalid"))
    .map(([e, reason]): Event => ({ ...e, reason }));
  const places = (journal: Journal) =>
    customers.map((id) => {
      const state = journal.states.get(id);
      return state ? `${id}:${state.place}${state.invalid ? ":invalid" : ""}` : `${id}:-`;
    });

  it("places every customer, invalid or not, exactly as the fold of the whole log (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(withReason, { maxLength: 40 }), (events) => {
        const book = whole(events);
        const read = asRead(book, placesNeed());
        assert.deepEqual(places(readJournal(read)), places(readJournal(book)));
        // The trust skeleton too: every plan's trust starts from it.
        assert.deepEqual(clockOf(read), clockOf(book));
      }),
      { numRuns: 500 },
    );
  });

  it("reads the placing rows from time to reason, the trust rows and the last row whole, and of the rest only their action, time and op", () => {
    const book = whole([
      { action: "post", customerId: "C1", requestNo: "R1", newValue: "", person: "陈会计", op: "A", day: 1 },
      { action: "done", customerId: "", requestNo: "", newValue: "", person: "陈会计", op: "A", day: 1 },
      { action: "review", customerId: "C1", requestNo: "", newValue: "", person: "王建国", op: "B", day: 2 },
      { action: "enrol", customerId: "", requestNo: "", newValue: "", person: "王建国", op: "", day: 2 },
      {
        action: "markInvalid",
        customerId: "C1",
        requestNo: "",
        newValue: "",
        person: "陈会计",
        op: "C",
        day: 3,
      },
      { action: "look", customerId: "C1", requestNo: "", newValue: "", person: "陈会计", op: "", day: 4 },
      { action: "look", customerId: "C2", requestNo: "", newValue: "", person: "陈会计", op: "", day: 4 },
    ]);
    const values = book.sheets[LOG]!.values;
    const read = asRead(book, placesNeed()).sheets[LOG]!.values;
    // The post and the invalid mark: what places a customer, not their approvals or hashes.
    for (const r of [1, 5]) {
      assert.equal(read[r]![at("customerId")], "C1");
      assert.equal(read[r]![at("reason")], values[r]![at("reason")]);
      assert.equal(read[r]![at("approval")] ?? "", "");
      assert.equal(read[r]![at("hash")] ?? "", "");
    }
    // The enrolment (trust) and the last row: whole.
    for (const r of [4, 7]) assert.deepEqual(read[r], values[r]);
    // The review and the first look: their action, no customer.
    for (const r of [3, 6]) {
      assert.equal(read[r]![at("action")], values[r]![at("action")]);
      assert.equal(read[r]![at("customerId")] ?? "", "");
    }
    // Every action that places a customer is one the fold moves or marks by.
    assert.deepEqual([...PLACING_ACTIONS].sort(), [
      "adopt",
      "destroy",
      "markInvalid",
      "post",
      "reinstate",
      "terminate",
    ]);
  });
});

describe("an op a checkpoint names unfinished (issue 15)", () => {
  const read = (unfinished: string[], below: Cell[][] = []) => {
    const book = whole([
      { action: "correct", customerId: "C1", requestNo: "", newValue: "", person: "陈会计", op: "A", day: 1 },
      { action: "look", customerId: "C2", requestNo: "", newValue: "", person: "陈会计", op: "", day: 1 },
    ]);
    const values = [...book.sheets[LOG]!.values, ...below];
    // Read from a checkpoint at row 3 down: of the rows above it, only C2's.
    const log = {
      name: LOG,
      values: values.map((row, r) => (r === 1 ? [] : row)),
      base: { row: 3, time: "2026-11-01T09:00", unfinished, rows: {}, columns: ["time", "action", "op"] },
    };
    return readJournal({ sheetNames: [LOG], sheets: { [LOG]: log } });
  };
  const done = (op: string) => {
    const row: Cell[] = header.map(() => "");
    row[at("action")] = "done";
    row[at("op")] = op;
    return row;
  };

  it("is done above the checkpoint when an intent of it stands above and the checkpoint does not name it", () => {
    const intent = (op: string, id: string) => {
      const row: Cell[] = header.map(() => "");
      row[at("action")] = "correct";
      row[at("op")] = op;
      row[at("customerId")] = id;
      return row;
    };
    // Rows 1–2 above a checkpoint at row 3; rows 4–5 below it.
    const journal = (rows: Cell[][], unfinished: string[] = []) =>
      readJournal({
        sheetNames: [LOG],
        sheets: {
          [LOG]: {
            name: LOG,
            values: [header, ...rows],
            base: {
              row: 3,
              time: "2026-11-01T09:00",
              unfinished,
              rows: {},
              columns: ["time", "action", "op"],
            },
          },
        },
      });
    const ids = (j: ReturnType<typeof readJournal>) => j.unfinished.map((op) => op.id);
    // Its intent just above the checkpoint: done there.
    assert.deepEqual(ids(journal([[], intent("A", "C1"), [], []])), []);
    // Only below it, with no done row: unfinished.
    assert.deepEqual(ids(journal([[], [], [], intent("B", "C1")])), ["B"]);
    // Above and below it: done above (the checkpoint would have named it).
    assert.deepEqual(ids(journal([intent("D", "C1"), [], [], intent("D", "C2")])), []);
    // Named unfinished: unfinished, whatever stands above.
    assert.deepEqual(ids(journal([intent("D", "C1"), [], [], []], ["D"])), ["D"]);
  });

  it("is unfinished though none of its intents was read, until its done row is read below", () => {
    assert.deepEqual(
      read(["A"]).unfinished.map((op) => op.id),
      ["A"],
    );
    assert.deepEqual(read([]).unfinished, []);
    assert.deepEqual(read(["A"], [[], done("A")]).unfinished, []);
  });
});

describe("posting everything reads the requests not yet posted or sent back (issue 15)", () => {
  it("chooses Intake's rows by their status, and seeds the log's closure with their numbers", () => {
    const [logNeed, intakeNeed] = postingNeeds("all");
    const columns = {
      requestNo: ["R1", "R2", "R3", "R4", "", "R6"],
      intakeStatus: ["已登记", "待盖章", "已驳回", "已批准", "待盖章", "Posted"],
    };
    const intakeParts = { columns, height: columns.requestNo.length + 1 };
    // R1 posted, R3 sent back, R6 posted (in English), the fifth row has no number.
    assert.deepEqual([...intakeNeed!.choose!(columns, intakeParts.height, () => undefined)], [2, 4]);
    const logColumns = { customerId: ["", "", ""], requestNo: ["R2", "R1", "R4"] };
    const others = (schema: { key: string }) => (schema.key === "intake" ? intakeParts : undefined);
    assert.deepEqual([...logNeed!.choose!(logColumns, 4, others as never)].sort(), [1, 3]);
    // The status of every row is kept: a row not read whole is one the plan skips by it.
    assert.deepEqual(intakeNeed!.columns, ["requestNo", "intakeStatus"]);
  });
});

describe("acts that set other cells read their customers' Register rows without the Stamps (issue 15)", () => {
  const header = register.columns.map((c) => c.header.zh);
  const stamps = header.indexOf("盖章");
  const registerNeed = (needs: Need[]) => needs.find((n) => n.schema === register)!;
  const columnsOf = (spans: { col: number; cols: number }[]) =>
    spans.flatMap(({ col, cols }) => Array.from({ length: cols }, (_, k) => col + k));
  const all = (width: number, but: number[] = []) =>
    Array.from({ length: width }, (_, c) => c).filter((c) => !but.includes(c));

  it("confirming reviews, marking invalid and a hand-over: every column but the Stamps, on either side of it", () => {
    assert.ok(stamps > 0 && stamps < header.length - 1, "the Stamps stand between other columns");
    for (const need of [registerNeed(settingNeeds(["C1"])), registerNeed(handOverNeeds("王"))]) {
      const spans = wholeSpans(need, header, header.length);
      assert.deepEqual(spans, [
        { col: 0, cols: stamps },
        { col: stamps + 1, cols: header.length - stamps - 1 },
      ]);
    }
    // Wider than the header (cells typed right of it): read as ever.
    assert.deepEqual(
      columnsOf(wholeSpans(registerNeed(settingNeeds(["C1"])), header, 40)),
      all(40, [stamps]),
    );
  });

  it("a correction and a termination read the rows whole: which fields the stamps cover, the row moving with them", () => {
    for (const needs of [customerNeeds(["C1"]), customerNeeds(["C1"], archiveSuspended)])
      assert.deepEqual(wholeSpans(registerNeed(needs), header, header.length), [
        { col: 0, cols: header.length },
      ]);
  });

  it("leaves unread only columns it does not read otherwise, wherever the header puts them", () => {
    const need: Need = { schema: register, notRead: ["stamps"] };
    // First, last, absent.
    const first = ["盖章", ...header.filter((h) => h !== "盖章")];
    assert.deepEqual(wholeSpans(need, first, first.length), [{ col: 1, cols: first.length - 1 }]);
    const last = [...header.filter((h) => h !== "盖章"), "Stamps"];
    assert.deepEqual(wholeSpans(need, last, last.length), [{ col: 0, cols: last.length - 1 }]);
    const none = header.filter((h) => h !== "盖章");
    assert.deepEqual(wholeSpans(need, none, none.length), [{ col: 0, cols: none.length }]);
    // A column the need reads top to bottom, or finds its rows by, is read on its rows too.
    for (const own of [
      { ...need, columns: ["stamps"] },
      { ...need, peek: ["stamps"] },
      { ...need, keyed: { column: "stamps", keys: ["x"] } },
    ])
      assert.deepEqual(wholeSpans(own, header, header.length), [{ col: 0, cols: header.length }]);
    // Two columns unread side by side: no empty span between them.
    const two: Need = { schema: register, notRead: ["stamps", "lastReviewDate"] };
    const review = header.indexOf("最近复核日期");
    assert.equal(review, stamps + 1);
    assert.deepEqual(columnsOf(wholeSpans(two, header, header.length)), all(header.length, [stamps, review]));
    assert.equal(wholeSpans(two, header, header.length).length, 2);
  });
});
