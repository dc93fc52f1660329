/**
 * Issue 15: a need read only where a column holds a text (partial-read.ts `within`): Excel
 * counts the text block by block first, and the need's columns are read only in the blocks
 * it is in — a year's rows of a log of five years. Whatever is typed in that column, the
 * read picks the rows a read of the whole columns picks (fast-check), and a need whose
 * `within` column is not among its own is read as if it had none.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { readNeeds } from "../../src/excel/partial";
import { Book } from "../../src/excel/book";
import { headerIndex } from "../../src/domain/layout";
import { changeLog } from "../../src/domain/schema/sheets";
import { text } from "../../src/domain/records";
import { keyedBlock, setKeyedBlock, type Need } from "../../src/domain/partial-read";
import type { Cell } from "../../src/domain/workbook";

const LOG = "变更记录";
const header = changeLog.columns.map((c) => c.header.zh);
const at = headerIndex(changeLog, header);

function logOf(lines: [Cell, string][]): MemoryExcelHost {
  const host = new MemoryExcelHost({ platform: "web", sheets: [LOG] });
  host.seedSheet(
    LOG,
    [
      header,
      ...lines.map(([time, action], i) => {
        const row: Cell[] = new Array<Cell>(header.length).fill("");
        row[at.time!] = time;
        row[at.action!] = action;
        row[at.newValue!] = `第${i}行`;
        return row;
      }),
    ],
    { raw: true },
  );
  return host;
}

async function read(host: MemoryExcelHost, need: Need) {
  const copy = host.clone();
  copy.resetCounters();
  const snapshot = await copy.run({}, (excel) => readNeeds(new Book(excel as never, "web"), [need]));
  return {
    values: snapshot.sheets[LOG]!.values,
    bytes: copy.syncLog.reduce((sum, s) => sum + s.responseBytes, 0),
  };
}

/** The lookList rows of a year, or of any of a few years or months. */
const pickOf = (when: string | string[]): Need => ({
  schema: changeLog,
  peek: ["action", "time"],
  pick: (cells) =>
    text(cells.action) === "lookList" && [when].flat().some((w) => text(cells.time).startsWith(w)),
});

describe("a need read only where a column holds a text (issue 15)", function () {
  this.timeout(300_000);
  const blockRows = keyedBlock();
  before(() => setKeyedBlock(3));
  after(() => setKeyedBlock(blockRows));

  it("whatever is typed in the column: the rows a read of the whole columns picks (fast-check)", async () => {
    const time = fc.oneof(
      fc
        .tuple(fc.constantFrom("2024", "2025", "2026"), fc.constantFrom("-01-05T09:00", "-12-31T23:59"))
        .chain(([y, rest]) => fc.constantFrom<Cell>(`${y}${rest}`, ` ${y}${rest}`, `${y}`, `x${y}${rest}`)),
      fc.constantFrom<Cell>("", 2026, 46000.5, "12026", "2025-12-31T20:26"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(time, fc.constantFrom("lookList", "correct")), { minLength: 1, maxLength: 30 }),
        // A year, or a few months (a month's lists of twelve months ask each of them).
        fc.subarray(["2025", "2026", "2024-01", "2025-12", "2026-12"], { minLength: 1, maxLength: 3 }),
        async (lines, when) => {
          const host = logOf(lines);
          const whole = await read(host, pickOf(when));
          const within = await read(host, { ...pickOf(when), within: { column: "time", contains: when } });
          assert.deepEqual(within.values, whole.values);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("reads only the blocks holding the text; a need whose column is not its own is read whole", async () => {
    const lines: [Cell, string][] = [
      ...Array.from({ length: 120 }, (_, i): [Cell, string] => [`2024-0${1 + (i % 9)}-01T09:00`, "lookList"]),
      ["2026-11-24T11:00", "lookList"],
      ["2026-11-24T11:00", "correct"],
    ];
    const host = logOf(lines);
    // Blocks of 20 rows: Excel's two counts a block weigh less than its rows' two cells.
    setKeyedBlock(20);
    const whole = await read(host, pickOf("2026"));
    const within = await read(host, { ...pickOf("2026"), within: { column: "time", contains: ["2026"] } });
    setKeyedBlock(3);
    assert.deepEqual(within.values, whole.values);
    assert.ok(within.bytes < whole.bytes / 2, `${within.bytes} of ${whole.bytes}`);
    // The year at both ends and none between: the blocks between are not read either.
    const ends = logOf([["2026-01-05T09:00", "lookList"], ...lines]);
    setKeyedBlock(20);
    const endsWhole = await read(ends, pickOf("2026"));
    const endsWithin = await read(ends, {
      ...pickOf("2026"),
      within: { column: "time", contains: ["2026"] },
    });
    setKeyedBlock(3);
    assert.deepEqual(endsWithin.values, endsWhole.values);
    assert.ok(endsWithin.bytes < endsWhole.bytes * 0.6, `${endsWithin.bytes} of ${endsWhole.bytes}`);
    // Two months asked, in blocks apart: only their blocks are read.
    const months = logOf(
      (["2023-01", "2024-05", "2025-02", "2026-11"] as const).flatMap((month) =>
        Array.from({ length: 200 }, (_, i): [Cell, string] => [
          `${month}-0${1 + (i % 9)}T09:00`,
          i % 50 ? "correct" : "lookList",
        ]),
      ),
    );
    setKeyedBlock(50);
    const monthsWhole = await read(months, pickOf(["2024-05", "2026-11"]));
    const monthsWithin = await read(months, {
      ...pickOf(["2024-05", "2026-11"]),
      within: { column: "time", contains: ["2024-05", "2026-11"] },
    });
    setKeyedBlock(3);
    assert.deepEqual(monthsWithin.values, monthsWhole.values);
    assert.equal(monthsWithin.values.filter((r) => r[at.action!] === "lookList").length, 8);
    // Half the blocks' columns, and Excel's three counts a block.
    assert.ok(monthsWithin.bytes < monthsWhole.bytes * 0.75, `${monthsWithin.bytes} of ${monthsWhole.bytes}`);
    // Picked by the action alone (the time not among its columns): every year's rows, read whole.
    const byAction: Need = {
      schema: changeLog,
      peek: ["action"],
      pick: (cells) => text(cells.action) === "lookList",
      within: { column: "time", contains: ["2026"] },
    };
    const plain: Need = { ...byAction, within: undefined };
    assert.deepEqual((await read(host, byAction)).values, (await read(host, plain)).values);
    assert.equal((await read(host, byAction)).values.filter((r) => r[at.action!] === "lookList").length, 121);
    // No text to count, or one longer than COUNTIF takes (255 characters with its two
    // wildcards): read as without `within` — every lookList row, none left in a block unread.
    for (const contains of [[], ["2024-0".padEnd(254, "x")], ["2026", "9".repeat(300)]]) {
      const asked: Need = { ...byAction, peek: ["action", "time"], within: { column: "time", contains } };
      const found = await read(host, asked);
      assert.deepEqual(found.values, (await read(host, { ...asked, within: undefined })).values);
      assert.equal(
        found.values.filter((r) => r[at.action!] === "lookList").length,
        121,
        `${contains.length} texts`,
      );
    }
  });
});
