import assert from "node:assert/strict";
import fc from "fast-check";
import { journalClosure, journalLog, type JournalSeed } from "../../../src/domain/journal/needs";
import { readJournal, type Journal } from "../../../src/domain/journal/journal";
import {
  neededColumns,
  partialSnapshot,
  pickedRows,
  type Need,
  type SheetParts,
} from "../../../src/domain/partial-read";
import { changeLog } from "../../../src/domain/schema/sheets";
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
  ),
  customerId: fc.constantFrom("", ...customers),
  requestNo: fc.constantFrom("", ...requests),
  newValue: fc.constantFrom("", "客户原簿", "交易中止", "交易过去"),
  person: fc.constantFrom("陈会计", "王建国"),
  op: fc.constantFrom("", "A", "B"),
});

function whole(events: Event[]): Snapshot {
  const values: Cell[][] = [
    header,
    ...events.map((e, i) => {
      const row: Cell[] = header.map(() => "");
      row[at("time")] = `2026-11-${String(1 + (i % 28)).padStart(2, "0")}T09:00:00`;
      for (const key of ["action", "customerId", "requestNo", "newValue", "person", "op"] as const)
        row[at(key)] = e[key];
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
  for (const r of pickedRows(need, parts)) parts.rows.set(r, values[r]!);
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
            const partial = readJournal(asRead(book, journalLog(seed, keep)));
            const all = readJournal(book);
            assert.deepEqual(about(partial, seed), about(all, seed));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("a customer it did not read has no state: a plan never takes one it did not read for one it knows", () => {
    const book = whole([
      { action: "post", customerId: "C1", requestNo: "R1", newValue: "", person: "陈会计", op: "A" },
      { action: "done", customerId: "", requestNo: "", newValue: "", person: "陈会计", op: "A" },
      { action: "post", customerId: "C2", requestNo: "R2", newValue: "", person: "陈会计", op: "B" },
      { action: "done", customerId: "", requestNo: "", newValue: "", person: "陈会计", op: "B" },
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

  it("every row's action and op are read, so an op cut off anywhere in the log is seen", () => {
    const book = whole([
      { action: "correct", customerId: "C1", requestNo: "", newValue: "", person: "陈会计", op: "A" },
      { action: "look", customerId: "C2", requestNo: "", newValue: "", person: "陈会计", op: "" },
    ]);
    const partial = readJournal(asRead(book, journalLog({ customers: ["C2"] })));
    assert.deepEqual(
      partial.unfinished.map((op) => op.id),
      ["A"],
    );
  });
});
