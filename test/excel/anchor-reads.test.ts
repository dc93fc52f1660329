/**
 * A partial read's anchor (Book.anchor: the checkpoint's row a read stands on) is read again
 * in every sync of a later read, not once per read: a read Excel on the web splits into
 * several syncs sees a row a co-author inserted above the anchor between two of them.
 */
import assert from "node:assert/strict";
import { Book, ReadShifted } from "../../src/excel/book";
import { MemoryExcelHost } from "../../src/host/memory-host";

const LOG = "变更记录";

/** A log of 20 rows and a sheet of 30,000 rows of two 100-character cells (6 MB: several syncs on the web). */
function hostWithBigSheet(): MemoryExcelHost {
  const host = new MemoryExcelHost({ platform: "web" });
  host.seedSheet(
    LOG,
    Array.from({ length: 20 }, (_, r) => [`时间${r}`, `动作${r}`]),
    { raw: true },
  );
  host.seedSheet(
    "大表",
    Array.from({ length: 30_000 }, (_, r) => [`${r}`.padEnd(100, "x"), `${r}`.padEnd(100, "y")]),
    { raw: true },
  );
  host.resetCounters();
  return host;
}

const anchorRow = { block: { sheet: LOG, row: 10, col: 0, rows: 1, cols: 2 }, cells: ["时间10", "动作10"] };
const big = { sheet: "大表", row: 0, col: 0, rows: 30_000, cols: 2 };

async function readWithInsertBefore(sync: number | undefined): Promise<unknown> {
  const host = hostWithBigSheet();
  host.gate = (n) => {
    if (n === sync) host.store.get(LOG).insertCells({ row: 1, col: 0, rows: 1, cols: 16_384 });
  };
  return host.run({}, async (excel) => {
    const book = new Book(excel as never, "web");
    book.anchor([anchorRow]);
    try {
      const [cells] = await book.readBlocks([big]);
      return { cells, syncs: host.syncs };
    } catch (error) {
      return error;
    }
  });
}

describe("a read's anchor is checked in every sync of a later read (issue 15)", function () {
  this.timeout(120_000);

  it("a read split into several syncs, nothing inserted: every cell, the anchor found where it was", async () => {
    const read = (await readWithInsertBefore(undefined)) as { cells: unknown[][]; syncs: number };
    assert.ok(!(read instanceof Error), String(read));
    assert.ok(read.syncs >= 2, `${read.syncs} syncs: the read must be split for this test to mean anything`);
    assert.equal(read.cells.length, 30_000);
    assert.ok(String(read.cells[29_999]![1]).startsWith("29999y"));
  });

  it("a row inserted above the anchor before any sync of the read, the first or a later one: the read starts again", async () => {
    const plain = (await readWithInsertBefore(undefined)) as { syncs: number };
    for (let sync = 1; sync <= plain.syncs; sync++) {
      const outcome = await readWithInsertBefore(sync);
      assert.ok(
        outcome instanceof ReadShifted,
        `inserted before sync ${sync} of ${plain.syncs}: ${String(outcome)}`,
      );
    }
  });
});
