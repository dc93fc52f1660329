/**
 * Issue 15: the next customer ID without reading the ID columns (domain/partial-read.ts
 * `highest`). The last rows of each column give the highest ID met; Excel's counts of
 * `higherPatterns` show no column holds a higher one, or that column is read. Whatever is
 * typed where, `nextId` over what was read is `nextId` over the whole columns.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { Book } from "../../src/excel/book";
import { readNeeds } from "../../src/excel/partial";
import { highestGuess, setHighestGuess, type Need } from "../../src/domain/partial-read";
import { archivePast, register } from "../../src/domain/schema/sheets";
import { nextId } from "../../src/domain/ids";
import type { Cell, Snapshot } from "../../src/domain/workbook";
import { text } from "../../src/domain/records";

const REG = register.name.zh;
const PAST = archivePast.name.zh;
const header = (schema: typeof register) => schema.columns.map((c) => c.header.zh);

function bookOf(columns: Record<string, Cell[]>): MemoryExcelHost {
  const host = new MemoryExcelHost({ platform: "web", sheets: [REG, PAST] });
  for (const [name, schema] of [
    [REG, register],
    [PAST, archivePast],
  ] as const) {
    const cells = columns[name] ?? [];
    host.seedSheet(name, [header(schema), ...cells.map((id, r) => (id === "" ? [] : [id, `名称${r}`]))], {
      raw: true,
    });
  }
  host.resetCounters();
  return host;
}

const needs: Need[] = [
  { schema: register, highest: { column: "id", prefix: "C" } },
  { schema: archivePast, highest: { column: "id", prefix: "C" } },
];
const read = (host: MemoryExcelHost) =>
  host.run({}, (excel) => readNeeds(new Book(excel as never, "web"), needs));
const idsOf = (snapshot: Snapshot, name: string) =>
  (snapshot.sheets[name]?.values ?? []).slice(1).map((row) => text(row[0] ?? ""));
const readBytes = (host: MemoryExcelHost) => host.syncLog.reduce((sum, s) => sum + s.responseBytes, 0);
const id = (n: number) => `C${String(n).padStart(6, "0")}`;

describe("the next customer ID from Excel's counts, not the ID columns (issue 15)", function () {
  this.timeout(120_000);

  it("reads a 20,000-row Register's last rows and counts, and gives the ID after the highest", async () => {
    const host = bookOf({ [REG]: Array.from({ length: 20_000 }, (_, i) => id(i + 1)), [PAST]: [id(7)] });
    const snapshot = await read(host);
    assert.equal(nextId("C", [...idsOf(snapshot, REG), ...idsOf(snapshot, PAST)]), id(20_001));
    assert.ok(readBytes(host) < 20_000, `${readBytes(host)} bytes`);
    // The sheets listed, their headers, the last rows, the counts (with the rows' batch): no more.
    assert.equal(host.syncLog.length, 4);
    // The highest met on any column is asked about on every one: a long archive above a short
    // Register is not read for being above the Register's highest.
    const archived = bookOf({
      [REG]: [id(3), id(5)],
      [PAST]: Array.from({ length: 20_000 }, (_, i) => id(i + 1)),
    });
    const again = await read(archived);
    assert.equal(nextId("C", [...idsOf(again, REG), ...idsOf(again, PAST)]), id(20_001));
    assert.ok(readBytes(archived) < 20_000, `${readBytes(archived)} bytes`);
  });

  it("reads the column where a higher ID was typed far up it, in another case only at a cost", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => id(i + 1));
    for (const [typed, next] of [
      ["C500000", id(500_001)],
      [" C020001", id(20_002)],
      ["C0020005", id(20_006)],
      ["c900000", id(20_001)],
    ] as const) {
      const host = bookOf({ [REG]: rows, [PAST]: [typed, id(3)] });
      const snapshot = await read(host);
      assert.equal(nextId("C", [...idsOf(snapshot, REG), ...idsOf(snapshot, PAST)]), next, typed);
      // The archive's column is read (it is short); the Register's is not.
      assert.ok(readBytes(host) < 20_000, `${typed}: ${readBytes(host)} bytes`);
    }
  });

  it("gives nextId what the whole columns give, whatever is typed where (fast-check)", async () => {
    const guess = highestGuess();
    setHighestGuess(3);
    try {
      const cell = fc.oneof(
        fc.integer({ min: 0, max: 200 }).map(id),
        fc.integer({ min: 0, max: 200 }).map((n) => `C${n}`),
        fc.integer({ min: 0, max: 200 }).map((n) => ` ${id(n)}\u3000`),
        fc.integer({ min: 0, max: 200 }).map((n) => id(n).toLowerCase()),
        fc.constantFrom<Cell>("", "", 123, true, "R000300", "其他"),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(cell, { maxLength: 12 }),
          fc.array(cell, { maxLength: 12 }),
          async (a, b) => {
            const snapshot = await read(bookOf({ [REG]: a, [PAST]: b }));
            const whole = [...a, ...b].map((c) => text(c));
            assert.equal(
              nextId("C", [...idsOf(snapshot, REG), ...idsOf(snapshot, PAST)]),
              nextId("C", whole),
            );
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      setHighestGuess(guess);
    }
  });
});
