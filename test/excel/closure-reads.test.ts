/**
 * Issue 15: the Change log's closure of a seed, found by Excel's counts round by round
 * (excel/partial.ts), reads whole every row the closure over the whole columns holds
 * (journal/needs.ts `journalClosure`) — whatever the round that found it: a row Excel
 * settled, or a row of a block read in the two columns because a name stands twice there.
 * Found by the integrity sequences (npm run test:property): a round that asked Excel only
 * about names met in a block, and found there rows naming no new name, left those rows unread.
 * (The closure read whole, as a destruction reads it: the other runs read the same rows narrower.)
 */
import assert from "node:assert/strict";
import { readNeeds } from "../../src/excel/partial";
import { Book, ReadShifted } from "../../src/excel/book";
import { journalClosure, journalLog } from "../../src/domain/journal/needs";
import { headerIndex } from "../../src/domain/layout";
import { keyedBlock, setKeyedBlock } from "../../src/domain/partial-read";
import { changeLog } from "../../src/domain/schema/sheets";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { staffOf, world } from "./integrity/world";
import { atSpacing } from "./support/checkpoint-spacing";

const LOG = "变更记录";

/** The log's two closure columns as the sheet holds them (row 1 at index 0). */
function closureColumns(host: MemoryExcelHost) {
  const log = host.sheet(LOG).values;
  const at = headerIndex(changeLog, log[0]!);
  return {
    customerId: log.slice(1).map((row) => row[at.customerId!] ?? ""),
    requestNo: log.slice(1).map((row) => row[at.requestNo!] ?? ""),
  };
}

describe("the log's closure found by Excel reads every row of it whole (issue 15)", function () {
  this.timeout(300_000);
  let base: MemoryExcelHost;
  before(async () => {
    base = await world(await staffOf());
  });

  for (const block of [2, 3, 5])
    it(`for every customer and request of the log, over blocks of ${block} rows: each row of the closure as the sheet holds it`, async () => {
      const log = base.sheet(LOG).values;
      const columns = closureColumns(base);
      const seeds = [
        ...[...new Set(columns.customerId.map(String).filter(Boolean))].map((id) => ({ customers: [id] })),
        ...[...new Set(columns.requestNo.map(String).filter(Boolean))].map((no) => ({ requests: [no] })),
      ];
      assert.ok(seeds.length > 15, `${seeds.length} seeds`);
      const before = keyedBlock();
      setKeyedBlock(block);
      try {
        for (const seed of seeds) {
          const host = base.clone();
          const snapshot = await host.run({}, (excel) =>
            readNeeds(new Book(excel as never, "web"), [journalLog(seed, [], undefined, null)]),
          );
          const read = snapshot.sheets[LOG]!.values;
          const rows = journalClosure(columns, log.length, seed);
          assert.ok(rows.length > 0, JSON.stringify(seed));
          for (const r of rows)
            assert.deepEqual(read[r], log[r], `${JSON.stringify(seed)}: row ${r + 1} of the log, read whole`);
        }
      } finally {
        setKeyedBlock(before);
      }
    });

  describe("a co-author's row inserted at the top of the log between Excel's counts and the rows read", () => {
    // Checkpoints every 5 rows: the rows above the last one are not compared with columns
    // read before, so only the closure's own check (a row Excel found still says the name it
    // was found by) sees that the rows moved under the read.
    atSpacing(5);
    let spaced: MemoryExcelHost;
    before(async () => {
      spaced = await world(await staffOf());
    });

    it("reads again, and what it reads is every row of the closure as the sheet holds it after the insert", async () => {
      const ids = [...new Set(closureColumns(spaced).customerId.map(String).filter(Boolean))];
      let shifted = 0;
      for (const id of ids) {
        const seed = { customers: [id] };
        const plain = spaced.clone();
        plain.resetCounters();
        await plain.run({}, (excel) =>
          readNeeds(new Book(excel as never, "web"), [journalLog(seed, [], undefined, null)]),
        );
        // A blank row inserted once, before each sync of the read after the first three.
        for (let at = 4; at <= plain.syncs; at++) {
          const host = spaced.clone();
          host.resetCounters();
          host.gate = (n) => {
            if (n === at) host.store.get(LOG).insertCells({ row: 1, col: 0, rows: 1, cols: 16_384 });
          };
          let read;
          try {
            read = await host.run({}, (excel) =>
              readNeeds(new Book(excel as never, "web"), [journalLog(seed, [], undefined, null)]),
            );
          } catch (error) {
            assert.ok(error instanceof ReadShifted, String(error));
            continue;
          }
          if (host.syncs > plain.syncs) shifted++;
          const log = host.sheet(LOG).values;
          for (const r of journalClosure(closureColumns(host), log.length, seed))
            assert.deepEqual(
              read.sheets[LOG]!.values[r],
              log[r],
              `${id}, a row inserted before sync ${at}: row ${r + 1} of the log`,
            );
        }
      }
      assert.ok(shifted > 0, "no read started again");
    });
  });
});
