/**
 * The Change log's chain worked out on the pane's thread beside Validate's check (issue 15,
 * domain/chain-beside.ts): one finding per log row, the same as the check finds itself, for
 * any tampering; worked out a block of rows at a time, the thread let go between blocks;
 * taken by the check only when it is one finding for each of its rows.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { chainBeside, takeChain } from "../../src/domain/chain-beside";
import { chainEntries, erased, GENESIS, verifyChain, type ChangeEntry } from "../../src/domain/change-log";
import { journalRowOf } from "../../src/domain/journal/journal";
import { asRead, readSheet } from "../../src/domain/records";
import { changeLog } from "../../src/domain/schema/sheets";
import type { Cell, Snapshot } from "../../src/domain/workbook";

const header = changeLog.columns.map((c) => c.header.zh);

const entry = (i: number): ChangeEntry => ({
  time: `2026-11-24T10:${String(i % 60).padStart(2, "0")}`,
  person: i % 3 ? "王建国" : "陈会计",
  action: "correct",
  customerId: `C${String(i).padStart(6, "0")}`,
  // Every third row a move (plain words), the rest a corrected phone (salted words).
  field: i % 3 ? "phone" : "place",
  oldValue: i % 3 ? "010-62000000" : "客户原簿",
  newValue: i % 3 ? `010-6200${String(i).padStart(4, "0")}` : "交易过去",
  reason: "客户通知",
});

const rowOfEntry = (e: Record<string, unknown>): Cell[] =>
  changeLog.columns.map((c) => (e[c.key] as string | undefined) ?? "");

const snapshotOf = (rows: Cell[][]): Snapshot => ({
  sheetNames: ["变更记录"],
  sheets: { 变更记录: { name: "变更记录", values: [header, ...rows] } },
});

/** What a person may do to the log's rows in Excel. */
type Tamper =
  | { kind: "words" | "hash" | "erase" | "delete" | "blank"; at: number }
  | { kind: "swap"; at: number; with: number };
const tamper: fc.Arbitrary<Tamper> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("words", "hash", "erase", "delete", "blank"),
    at: fc.nat(200),
  }) as fc.Arbitrary<Tamper>,
  fc.record({ kind: fc.constant("swap"), at: fc.nat(200), with: fc.nat(200) }) as fc.Arbitrary<Tamper>,
);

function tampered(rows: Cell[][], changes: readonly Tamper[]): Cell[][] {
  const out = rows.map((r) => [...r]);
  const col = (key: string) => changeLog.columns.findIndex((c) => c.key === key);
  for (const t of changes) {
    if (out.length === 0) break;
    const i = t.at % out.length;
    if (t.kind === "words") out[i]![col("newValue")] = "换了";
    else if (t.kind === "hash") out[i]![col("hash")] = "0".repeat(64);
    else if (t.kind === "erase") {
      const e = Object.fromEntries(changeLog.columns.map((c, k) => [c.key, String(out[i]![k])]));
      out[i] = rowOfEntry(erased(e as never) as unknown as Record<string, unknown>);
    } else if (t.kind === "delete") out.splice(i, 1);
    else if (t.kind === "blank") out[i] = out[i]!.map(() => "");
    else if (t.kind === "swap") {
      const j = t.with % out.length;
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
  }
  return out;
}

async function loggedRows(n: number): Promise<Cell[][]> {
  const logged = await chainEntries(
    GENESIS,
    Array.from({ length: n }, (_, i) => entry(i + 1)),
  );
  return logged.map((e) => rowOfEntry(e as unknown as Record<string, unknown>));
}

/** The chain's problems the check finds with the findings taken, and without. */
async function problems(snapshot: Snapshot, found?: Uint8Array) {
  const read = asRead(structuredClone(snapshot));
  const taken = found ? takeChain(read, found) : false;
  const log = readSheet(changeLog, read);
  const entries = log.records.map((r) => ({ row: r.row, entry: journalRowOf(r) }));
  return { taken, problems: await verifyChain(entries) };
}

describe("chain-beside: the log's chain worked out on the pane's thread for the worker's check", () => {
  let rows: Cell[][];
  before(async () => {
    rows = await loggedRows(150);
  });

  it("finds, row by row, what the check finds itself, whatever was done to the log", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tamper, { maxLength: 4 }), async (changes) => {
        const snapshot = snapshotOf(tampered(rows, changes));
        const found = await chainBeside(snapshot, async () => {});
        assert.ok(found);
        const records = readSheet(changeLog, snapshot).records;
        assert.equal(found.length, records.length, "one finding for each record of the log");
        const own = await problems(snapshot);
        const beside = await problems(snapshot, found);
        assert.equal(beside.taken, true);
        assert.deepEqual(beside.problems, own.problems);
        // The findings say what the problems say: a row's hash, its words.
        const broken = (column: string) =>
          new Set(
            own.problems.filter((p) => p.rule === "log.chainBroken" && p.column === column).map((p) => p.row),
          );
        records.forEach((r, i) => {
          assert.equal((found[i]! & 1) === 0, broken("hash").has(r.row), `row ${r.row}'s hash`);
          if (broken("newValue").has(r.row)) assert.equal(found[i]! & 2, 0, `row ${r.row}'s words`);
        });
      }),
      { numRuns: 60 },
    );
  });

  it("the check takes the findings it is given: a row they say holds is not worked out again", async () => {
    const snapshot = snapshotOf(
      tampered(rows, [
        { kind: "words", at: 10 },
        { kind: "hash", at: 40 },
      ]),
    );
    const own = await problems(snapshot);
    assert.deepEqual(
      own.problems.map((p) => [p.row, p.column]),
      [
        [12, "newValue"],
        [42, "hash"],
        [43, "hash"],
      ],
    );
    // Findings that every row holds (what a pane would send for an intact log) are believed.
    const found = await chainBeside(snapshot, async () => {});
    const allHold = new Uint8Array(found!.length).fill(3);
    assert.deepEqual((await problems(snapshot, allHold)).problems, []);
  });

  it("findings of another number of rows are not taken: the check works the chain out itself", async () => {
    const snapshot = snapshotOf(tampered(rows, [{ kind: "hash", at: 40 }]));
    const found = await chainBeside(snapshot, async () => {});
    for (const other of [found!.subarray(1), new Uint8Array(found!.length + 1).fill(3)]) {
      const { taken, problems: got } = await problems(snapshot, other);
      assert.equal(taken, false);
      assert.deepEqual(
        got.map((p) => p.row),
        [42, 43],
      );
    }
  });

  it("nothing is kept for a snapshot not as read (made by hand): there are no rows kept to keep it with", async () => {
    const snapshot = snapshotOf(rows);
    const found = await chainBeside(snapshot, async () => {});
    assert.equal(takeChain(snapshot, found!), false);
  });

  it("works a block of rows at a time, the thread let go after each", async () => {
    let pauses = 0;
    const found = await chainBeside(snapshotOf(rows), async () => void pauses++);
    assert.equal(found!.length, 150);
    assert.ok(
      found!.every((bits) => bits === 3),
      "an intact log holds everywhere",
    );
    assert.equal(pauses, 3, "150 rows in blocks of 64");
    // Rows that fill their blocks: no empty block after them.
    pauses = 0;
    await chainBeside(snapshotOf(rows.slice(0, 128)), async () => void pauses++);
    assert.equal(pauses, 2, "128 rows: two blocks");
  });

  it("works nothing out for a log read in part or from a checkpoint down, nor without a log", async () => {
    const whole = snapshotOf(rows);
    const sheet = whole.sheets["变更记录"]!;
    for (const read of [
      { ...sheet, partial: ["hash"] },
      { ...sheet, base: { row: 2, hash: "x" } },
    ])
      assert.equal(
        await chainBeside({ ...whole, sheets: { 变更记录: read as typeof sheet } }, async () => {}),
        undefined,
      );
    assert.equal(await chainBeside({ sheetNames: [], sheets: {} }, async () => {}), undefined);
  });
});
