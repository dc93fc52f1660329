/**
 * Issue 15: the Change log's rows about a name found by Excel's search in the sync that asks
 * Excel's counts of it (excel/partial.ts `takeFound`, book.ts `RowFind`): findAll, each found
 * cell's row cut to the columns a closure row is read across, loaded at once — taken only
 * where the counts of the same sync say the search found every row the name stands on. A
 * one-customer act's closure then costs one sync a round instead of two (a correction 6 → 5,
 * a reinstatement 7 → 6 at 10,000 customers). Whatever the search does, the read is the one
 * the counts alone make: compared here seed by seed on the integrity workbook, under every
 * cut of the found cells into areas, with the search refused (a hidden column, a name found
 * nowhere), not asked (a log not shown), and missing a row (Excel's search looks at what a
 * cell shows; the counts at what it holds).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { MemoryExcelHost } from "../../src/host/memory-host";
import type { RowFind } from "../../src/excel/book";
import { readSearched } from "./support/search-read";
import { journalLog, journalClosure } from "../../src/domain/journal/needs";
import { headerIndex } from "../../src/domain/layout";
import { changeLog } from "../../src/domain/schema/sheets";
import { foundAgrees, keyedBlock, setKeyedBlock } from "../../src/domain/partial-read";
import type { AreaSplit } from "../../src/host/range-areas";
import type { Cell, Snapshot } from "../../src/domain/workbook";
import { staffOf, world } from "./integrity/world";
import { atSpacing } from "./support/checkpoint-spacing";

const LOG = "变更记录";

function seedsOf(host: MemoryExcelHost) {
  const log = host.sheet(LOG).values;
  const at = headerIndex(changeLog, log[0]!);
  const names = (col: number) => [
    ...new Set(
      log
        .slice(1)
        .map((row) => String(row[col] ?? ""))
        .filter(Boolean),
    ),
  ];
  return [
    ...names(at.customerId!).map((id) => ({ customers: [id] })),
    ...names(at.requestNo!).map((no) => ({ requests: [no] })),
  ];
}

/** A read of the seed's closure (across the fold's columns, or whole), with its syncs and whether a search was asked. */
const read = (
  host: MemoryExcelHost,
  seed: { customers?: string[]; requests?: string[] },
  options: { search: boolean; whole?: boolean; tamper?: (finds: RowFind[]) => void },
) => readSearched(host, [journalLog(seed, [], undefined, options.whole ? null : undefined)], options);

const logOf = (s: Snapshot) => s.sheets[LOG]!.values;

// Without checkpoints, and with one every 5 rows (the rows found above the last one need
// their times from the checkpoint before them: read in the next round). Either way Excel
// counts over blocks of 3 rows: the small log is asked about block by block, as a large one
// is (with 4,096 rows a block, its last block, read with the columns, would hold all of it).
for (const spacing of [undefined, 5])
  describe(`the log's rows about a name, found by Excel's search in the sync that counts them (issue 15)${spacing ? `, a checkpoint every ${spacing} rows` : ""}`, function () {
    this.timeout(600_000);
    let base: MemoryExcelHost;
    const blockRows = keyedBlock();
    atSpacing(spacing);
    before(async () => {
      setKeyedBlock(3);
      base = await world(await staffOf());
    });
    after(() => setKeyedBlock(blockRows));

    for (const whole of [false, true])
      it(`every customer and request: the same read as the counts alone make, in fewer syncs (${whole ? "rows whole" : "the fold's columns"})`, async () => {
        const seeds = seedsOf(base);
        assert.ok(seeds.length > 15, `${seeds.length} seeds`);
        const syncs: [number, number][] = [];
        for (const seed of seeds) {
          const counted = await read(base, seed, { search: false, whole });
          const found = await read(base, seed, { search: true, whole });
          assert.ok(found.searched && !counted.searched, JSON.stringify(seed));
          assert.deepEqual(logOf(found.snapshot), logOf(counted.snapshot), JSON.stringify(seed));
          assert.deepEqual(found.snapshot, counted.snapshot, JSON.stringify(seed));
          syncs.push([counted.syncs, found.syncs]);
        }
        // A closure that takes the counts more rounds (a request's customer, that customer's
        // first request) takes the search fewer; none takes it more.
        const fewest = Math.min(...syncs.map(([counted]) => counted));
        for (const [[counted, found], seed] of syncs.map((s, i) => [s, seeds[i]] as const)) {
          assert.ok(found <= counted, `${JSON.stringify(seed)}: ${found} > ${counted}`);
          if (counted > fewest) assert.ok(found < counted, `${JSON.stringify(seed)}: ${found} of ${counted}`);
        }
        assert.ok(
          syncs.filter(([counted]) => counted > fewest).length >= 5,
          "several closures of more than one round",
        );
      });

    it("two names asked at once (two customers, a customer and a request): each taken or settled on its own", async () => {
      const seeds = seedsOf(base);
      const customers = seeds.flatMap((s) => ("customers" in s ? s.customers : []));
      const requests = seeds.flatMap((s) => ("requests" in s ? s.requests : []));
      const pairs = [
        ...customers.slice(1).map((id, i) => ({ customers: [customers[i]!, id] })),
        ...requests.map((no, i) => ({ customers: [customers[i % customers.length]!], requests: [no] })),
      ];
      let fewer = 0;
      for (const seed of pairs) {
        const counted = await read(base, seed, { search: false });
        const found = await read(base, seed, { search: true });
        assert.deepEqual(found.snapshot, counted.snapshot, JSON.stringify(seed));
        assert.ok(found.syncs <= counted.syncs, `${JSON.stringify(seed)}: ${found.syncs} > ${counted.syncs}`);
        if (found.syncs < counted.syncs) fewer++;
      }
      assert.ok(fewer >= 5, `${fewer} of ${pairs.length} reads shorter`);
    });

    it("the same read however Excel cuts the found cells into areas", async () => {
      const seeds = seedsOf(base).filter((_, i) => i % 3 === 0);
      for (const split of ["rowRuns", "cells"] as AreaSplit[]) {
        const cut = base.clone();
        (cut as { findAllAreas: AreaSplit }).findAllAreas = split;
        for (const seed of seeds) {
          const counted = await read(cut, seed, { search: false });
          const found = await read(cut, seed, { search: true });
          assert.deepEqual(found.snapshot, counted.snapshot, `${split} ${JSON.stringify(seed)}`);
        }
      }
    });

    it("a search that missed a row the counts see: the name settled by the counts, the read unchanged", async () => {
      const log = base.sheet(LOG).values;
      const at = headerIndex(changeLog, log[0]!);
      const columns = {
        customerId: log.slice(1).map((row) => row[at.customerId!] ?? ""),
        requestNo: log.slice(1).map((row) => row[at.requestNo!] ?? ""),
      };
      let missed = 0;
      for (const seed of seedsOf(base)) {
        const rows = journalClosure(columns, log.length, seed);
        // Excel's search leaves out the first row about the name (say, a row hidden from view).
        const tamper = (finds: RowFind[]) => {
          for (const f of finds) {
            const first = [...(f.rows?.keys() ?? [])].filter((r) => r > 0).sort((a, b) => a - b)[0];
            if (first !== undefined && f.rows!.delete(first)) missed++;
          }
        };
        const counted = await read(base, seed, { search: false });
        const found = await read(base, seed, { search: true, tamper });
        assert.deepEqual(found.snapshot, counted.snapshot, JSON.stringify(seed));
        for (const r of rows) assert.deepEqual(logOf(found.snapshot)[r]!.length, log[r]!.length);
      }
      assert.ok(missed > 15, `${missed} rows left out`);
    });

    it("a refused search (a hidden column of the log, a name found nowhere) is read again without it; a log not shown is never searched", async () => {
      const seed = seedsOf(base).find((s) => "customers" in s)!;
      const counted = await read(base, seed, { search: false });

      const hidden = base.clone();
      await hidden.run(async (c: Excel.RequestContext) => {
        const at = headerIndex(changeLog, base.sheet(LOG).values[0]!);
        c.workbook.worksheets.getItem(LOG).getRangeByIndexes(0, at.customerId!, 1, 1).columnHidden = true;
        await c.sync();
      });
      const refused = await read(hidden, seed, { search: true });
      assert.equal(refused.refused, 1, "the sync with the search was refused once");
      assert.deepEqual(refused.snapshot, (await read(hidden, seed, { search: false })).snapshot);

      const nowhere = { customers: ["C999999"] };
      const none = await read(base, nowhere, { search: true });
      assert.equal(none.refused, 1, "a null object's rows are refused");
      assert.deepEqual(none.snapshot, (await read(base, nowhere, { search: false })).snapshot);

      const veiled = base.clone();
      await veiled.run(async (c: Excel.RequestContext) => {
        c.workbook.worksheets.getItem(LOG).visibility = "Hidden" as Excel.SheetVisibility;
        await c.sync();
      });
      const unseen = await read(veiled, seed, { search: true });
      assert.equal(unseen.searched, false, "content in hidden worksheets is not returned: not asked");
      assert.equal(unseen.refused, 0);
      assert.deepEqual(unseen.snapshot.sheets[LOG], counted.snapshot.sheets[LOG]);
    });
  });

describe("foundAgrees: whether a search found every row Excel counted a name on", () => {
  const block = { row: 1, rows: 10 };
  const answer = (exact: number, around: number, row = 1) => ({
    key: "C000001",
    block: { row, rows: 10 },
    exact,
    around,
    first: 0,
  });
  // Rows found (row → cells from column 2 on; the name's column is 3).
  const rows = (...cells: [number, unknown][]) => new Map(cells.map(([r, c]) => [r, ["x", c] as Cell[]]));

  it("agrees where each block's exact and around counts are the found rows' own, in any case", () => {
    assert.equal(
      foundAgrees(rows([2, "C000001"], [5, "c000001"], [7, " C000001"]), 2, 3, [answer(2, 3)]),
      true,
    );
    // Found by another column (a note): counts for nothing.
    assert.equal(foundAgrees(rows([2, "C000001"], [4, "R000009"]), 2, 3, [answer(1, 1)]), true);
    // Per block: a row of the second block counts there only.
    assert.equal(
      foundAgrees(rows([2, "C000001"], [12, "C000001"]), 2, 3, [answer(1, 1), answer(1, 1, 11)]),
      true,
    );
    assert.equal(block.rows, 10);
  });

  it("disagrees where the counts see a row the search did not, or an answer never came", () => {
    assert.equal(foundAgrees(rows([2, "C000001"]), 2, 3, [answer(2, 2)]), false, "a row missed");
    assert.equal(foundAgrees(rows([2, "C000001"]), 2, 3, [answer(1, 2)]), false, "one padded missed");
    assert.equal(foundAgrees(rows([2, "C000001"], [5, "xC000001"]), 2, 3, [answer(1, 1)]), false);
    assert.equal(foundAgrees(rows([2, "C000001"]), 2, 3, [answer(1, 1), answer(1, 1, 11)]), false);
    assert.equal(foundAgrees(rows([2, "C000001"]), 2, 3, [answer(-1, -1)]), false, "not answered");
    assert.equal(foundAgrees(rows([2, "C000001"]), 2, 3, []), false, "nothing asked");
    // A number is no text Excel's COUNTIF of text counts.
    assert.equal(foundAgrees(rows([2, 1]), 2, 3, [answer(0, 0)]), true);
  });
});

describe("a log typed by hand: the closure read with Excel's search is the one the counts make (fast-check)", function () {
  this.timeout(300_000);
  const blockRows = keyedBlock();
  before(() => setKeyedBlock(4));
  after(() => setKeyedBlock(blockRows));
  const header = changeLog.columns.map((c) => c.header.zh);
  const at = headerIndex(changeLog, header);

  it("whatever is typed in the name columns and the notes", async () => {
    const variants = (id: string): Cell[] => [id, id.toLowerCase(), ` ${id}`, `${id}9`, `X${id}`];
    const name = fc.oneof(
      fc
        .constantFrom("C000001", "C000002", "R000001", "R000002")
        .chain((id) => fc.constantFrom(...variants(id))),
      fc.constantFrom<Cell>("", 1, "其他"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(name, name, name), { minLength: 1, maxLength: 30 }),
        fc.constantFrom<{ customers?: string[]; requests?: string[] }>(
          { customers: ["C000001"] },
          { requests: ["R000001"] },
          { customers: ["C000002"], requests: ["R000002"] },
        ),
        async (lines, seed) => {
          const host = new MemoryExcelHost({ platform: "web", sheets: [LOG] });
          host.seedSheet(
            LOG,
            [
              header,
              ...lines.map(([id, no, note], i) => {
                const row: Cell[] = new Array<Cell>(header.length).fill("");
                row[at.time!] = `2026-11-01T09:${String(i).padStart(2, "0")}`;
                row[at.action!] = "correct";
                row[at.customerId!] = id;
                row[at.requestNo!] = no;
                row[at.newValue!] = note;
                return row;
              }),
            ],
            { raw: true },
          );
          const counted = await read(host, seed, { search: false });
          const found = await read(host, seed, { search: true });
          assert.deepEqual(found.snapshot.sheets[LOG], counted.snapshot.sheets[LOG]);
        },
      ),
      { numRuns: 80 },
    );
  });
});
