/**
 * Issue 15: a keyed need's rows (a customer's Register row, a request's Intake row, the
 * Change log's rows naming a customer) found by Excel's search in the sync that asks Excel's
 * counts of its IDs (excel/partial.ts `takeKeyedFound`), as a closure's rows are
 * (closure-search.test.ts): each found cell's row read whole, taken only where the counts
 * of the same sync say the search found every row the ID stands on in its column. Whatever
 * the search does, the read is the one the counts alone make: compared here ID by ID on the
 * integrity workbook, under every cut of the found cells into areas, with the search
 * refused (a hidden column, an ID found nowhere), not asked (a sheet not shown), missing a
 * row (Excel's search looks at what a cell shows; the counts at what it holds), and over
 * columns typed by hand.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { FIND_MAX } from "../../src/excel/partial";
import type { RowFind } from "../../src/excel/book";
import { readSearched } from "./support/search-read";
import { headerIndex } from "../../src/domain/layout";
import { changeLog, intake, register } from "../../src/domain/schema/sheets";
import { text } from "../../src/domain/records";
import { keyedBlock, setKeyedBlock, type Need } from "../../src/domain/partial-read";
import type { AreaSplit } from "../../src/host/range-areas";
import type { Cell } from "../../src/domain/workbook";
import { staffOf, world } from "./integrity/world";

const LOG = "变更记录";
const REGISTER = "客户原簿";

/** What a one-customer act asks of the three sheets: the customer's rows, found by their IDs. */
const needsOf = (id: string, requestNo: string): Need[] => [
  { schema: register, keyed: { column: "id", keys: [id], find: true } },
  { schema: intake, keyed: { column: "requestNo", keys: [requestNo], find: true } },
  {
    schema: changeLog,
    keyed: { column: "customerId", keys: [id], find: true },
    peek: ["action"],
    pick: (cells) => text(cells.action) === "enrol",
  },
];

const read = readSearched;

/** Each Register customer with a request of the Intake sheet (its own where it has one). */
function pairsOf(host: MemoryExcelHost): [string, string][] {
  const ids = host
    .sheet(REGISTER)
    .values.slice(1)
    .map((r) => String(r[0] ?? ""))
    .filter(Boolean);
  const requests = host
    .sheet("交易开始调查书")
    .values.slice(1)
    .map((r) => String(r[headerIndex(intake, host.sheet("交易开始调查书").values[0]!).requestNo!] ?? ""))
    .filter(Boolean);
  return ids.map((id, i) => [id, requests[i % requests.length]!]);
}

describe("a keyed need's rows, found by Excel's search in the sync that counts them (issue 15)", function () {
  this.timeout(600_000);
  let base: MemoryExcelHost;
  const blockRows = keyedBlock();
  before(async () => {
    // Excel counts over blocks of 3 rows: a small sheet is asked about block by block, as a
    // large one is, and an ID twice in a block is a block Excel's counts do not settle.
    setKeyedBlock(3);
    base = await world(await staffOf());
  });
  after(() => setKeyedBlock(blockRows));

  it("every customer: the same read as the counts alone make, a sync shorter, two where its ID stands twice in a block", async () => {
    const pairs = pairsOf(base);
    assert.ok(pairs.length >= 10, `${pairs.length} customers`);
    const log = base.sheet(LOG).values;
    const idCol = headerIndex(changeLog, log[0]!).customerId!;
    let twice = 0;
    // Blocks of 3 rows, and one block holding the whole log (as 4,096 rows hold a small one).
    for (const rows of [3, 4096]) {
      setKeyedBlock(rows);
      for (const [id, no] of pairs) {
        const counted = await read(base, needsOf(id, no), { search: false });
        const found = await read(base, needsOf(id, no), { search: true });
        assert.ok(found.searched && !counted.searched, id);
        assert.deepEqual(found.snapshot, counted.snapshot, id);
        // The rows come with the counts: no sync to read them; nor, where the ID stands twice
        // in a block Excel's counts cannot settle, one to read that block in the column.
        const blocks = new Map<number, number>();
        log.forEach((row, r) => {
          if (r > 0 && row[idCol] === id)
            blocks.set(Math.floor((r - 1) / rows), (blocks.get(Math.floor((r - 1) / rows)) ?? 0) + 1);
        });
        const unsettled = [...blocks.values()].some((n) => n > 1);
        if (unsettled) twice++;
        assert.equal(found.syncs, counted.syncs - (unsettled ? 2 : 1), `${id} (blocks of ${rows})`);
      }
    }
    setKeyedBlock(3);
    assert.ok(twice >= 2, `${twice} reads with an ID twice in a block`);
  });

  it("the same read however Excel cuts the found cells into areas", async () => {
    for (const split of ["rowRuns", "cells"] as AreaSplit[]) {
      const cut = base.clone();
      (cut as { findAllAreas: AreaSplit }).findAllAreas = split;
      for (const [id, no] of pairsOf(base).filter((_, i) => i % 2 === 0)) {
        const counted = await read(cut, needsOf(id, no), { search: false });
        const found = await read(cut, needsOf(id, no), { search: true });
        assert.deepEqual(found.snapshot, counted.snapshot, `${split} ${id}`);
      }
    }
  });

  it("a search that missed a row the counts see: the ID settled by the counts, the read unchanged", async () => {
    let missed = 0;
    const tamper = (finds: RowFind[]) => {
      for (const f of finds) {
        const first = [...(f.rows?.keys() ?? [])].filter((r) => r > 0).sort((a, b) => a - b)[0];
        if (first !== undefined && f.rows!.delete(first)) missed++;
      }
    };
    for (const [id, no] of pairsOf(base)) {
      const counted = await read(base, needsOf(id, no), { search: false });
      const found = await read(base, needsOf(id, no), { search: true, tamper });
      assert.deepEqual(found.snapshot, counted.snapshot, id);
    }
    assert.ok(missed > 20, `${missed} rows left out`);
  });

  it("a refused search (a hidden column, an ID found nowhere) is read again without it; a sheet not shown is never searched", async () => {
    const [id, no] = pairsOf(base)[0]!;
    const hidden = base.clone();
    await hidden.run(async (c: Excel.RequestContext) => {
      c.workbook.worksheets.getItem(REGISTER).getRangeByIndexes(0, 0, 1, 1).columnHidden = true;
      await c.sync();
    });
    const refused = await read(hidden, needsOf(id, no), { search: true });
    assert.equal(refused.refused, 1, "the sync with the search was refused once");
    assert.deepEqual(refused.snapshot, (await read(hidden, needsOf(id, no), { search: false })).snapshot);

    const nowhere = await read(base, needsOf("C999999", no), { search: true });
    assert.equal(nowhere.refused, 1, "a null object's rows are refused");
    assert.deepEqual(
      nowhere.snapshot,
      (await read(base, needsOf("C999999", no), { search: false })).snapshot,
    );

    const veiled = base.clone();
    await veiled.run(async (c: Excel.RequestContext) => {
      for (const name of [REGISTER, LOG, "交易开始调查书"])
        c.workbook.worksheets.getItem(name).visibility = "Hidden" as Excel.SheetVisibility;
      await c.sync();
    });
    const unseen = await read(veiled, needsOf(id, no), { search: true });
    assert.equal(unseen.searched, false, "content in hidden worksheets is not returned: not asked");
    assert.equal(unseen.refused, 0);
    assert.deepEqual(unseen.snapshot, (await read(veiled, needsOf(id, no), { search: false })).snapshot);
  });

  it("not asked unless the need asks it, nor for a label (many rows), for more IDs than a round's few, or where the need leaves columns unread", async () => {
    const [id, no] = pairsOf(base)[0]!;
    const ids = pairsOf(base).map(([id]) => id);
    for (const needs of [
      [{ schema: register, keyed: { column: "id", keys: [id] } }],
      [{ schema: intake, keyed: { column: "intakeStatus", keys: ["已登记"], find: true } }],
      [{ schema: register, keyed: { column: "id", keys: ids.slice(0, FIND_MAX + 1), find: true } }],
      [{ schema: register, keyed: { column: "id", keys: [id], find: true }, notRead: ["stamps"] }],
    ] as Need[][]) {
      const asked = await read(base, needs, { search: true });
      assert.equal(asked.searched, false, JSON.stringify(needs[0]!.keyed));
      assert.deepEqual(asked.snapshot, (await read(base, needs, { search: false })).snapshot);
    }
    // Nor for an ID among labels, nor on a sheet of its header alone (the ID is on no row).
    const mixed = [
      { schema: intake, keyed: { column: "intakeStatus", keys: ["R000001", "已登记"], find: true } },
    ] as Need[];
    assert.equal((await read(base, mixed, { search: true })).searched, false);
    const bare = base.clone();
    const height = bare.sheet(REGISTER).values.length;
    await bare.run(async (c: Excel.RequestContext) => {
      c.workbook.worksheets
        .getItem(REGISTER)
        .getRangeByIndexes(1, 0, height - 1, 1)
        .getEntireRow()
        .delete("Up");
      await c.sync();
    });
    const empty = [{ schema: register, keyed: { column: "id", keys: [id], find: true } }] as Need[];
    const none = await read(bare, empty, { search: true });
    assert.equal(none.searched, false);
    assert.equal(none.refused, 0, "no search refused on a sheet without rows");
    // And asked for as many as a round's few, each ID's rows taken on their own: a sync shorter.
    const few = [
      { schema: register, keyed: { column: "id", keys: ids.slice(0, FIND_MAX), find: true } },
    ] as Need[];
    const found = await read(base, few, { search: true });
    const counted = await read(base, few, { search: false });
    assert.ok(found.searched);
    assert.deepEqual(found.snapshot, counted.snapshot);
    assert.equal(found.syncs, counted.syncs - 1);
    assert.ok((await read(base, needsOf(id, no), { search: true })).searched);
  });
});

describe("a column typed by hand: the keyed rows read with Excel's search are the ones the counts make (fast-check)", function () {
  this.timeout(300_000);
  const blockRows = keyedBlock();
  before(() => setKeyedBlock(4));
  after(() => setKeyedBlock(blockRows));
  const header = register.columns.map((c) => c.header.zh);
  const at = headerIndex(register, header);

  it("whatever is typed in the ID column and the notes", async () => {
    const variants = (id: string): Cell[] => [id, id.toLowerCase(), ` ${id}`, `${id} `, `${id}9`, `X${id}`];
    const cell = fc.oneof(
      fc.constantFrom("C000001", "C000002").chain((id) => fc.constantFrom(...variants(id))),
      fc.constantFrom<Cell>("", 1, "其他"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 30 }),
        fc.constantFrom(["C000001"], ["C000002"], ["C000001", "C000002"]),
        async (lines, keys) => {
          const host = new MemoryExcelHost({ platform: "web", sheets: [REGISTER] });
          host.seedSheet(
            REGISTER,
            [
              header,
              ...lines.map(([id, note]) => {
                const row: Cell[] = new Array<Cell>(header.length).fill("");
                row[at.id!] = id;
                row[at.name!] = "某公司";
                row[at.notes!] = note;
                return row;
              }),
            ],
            { raw: true },
          );
          const needs: Need[] = [{ schema: register, keyed: { column: "id", keys, find: true } }];
          const counted = await read(host, needs, { search: false });
          const found = await read(host, needs, { search: true });
          assert.deepEqual(found.snapshot.sheets[REGISTER], counted.snapshot.sheets[REGISTER]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
