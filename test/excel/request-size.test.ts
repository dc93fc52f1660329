/**
 * Issue 15: a write plan is sent in chunks that each stay under Excel on the web's 5 MB
 * request limit. The chunks were sized by the writes' data alone; a write also costs the
 * actions that address it (a sheet, a range, a keyed write's row found by `find`), so
 * 10,000 one-cell keyed writes — stamping or handing over thousands of customers — were
 * estimated at 4 MB and sent as 6.5 MB, and Excel refused the request.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { Book } from "../../src/excel/book";
import { requestBytesOf } from "../../src/excel/chunks";
import type { Write } from "../../src/domain/workbook";

const LIMIT = 5 * 1024 * 1024;
const idOf = (i: number) => `C${String(i + 1).padStart(6, "0")}`;

/** A sheet S of `rows` customers: an ID and a status each. */
function hostWith(rows: number, platform: "web" | "desktop") {
  const host = new MemoryExcelHost({ platform, sheets: ["S"] });
  host.seedSheet("S", [["ID", "状态"], ...Array.from({ length: rows }, (_, i) => [idOf(i), "待盖章"])], {
    raw: true,
  });
  host.resetCounters();
  return host;
}

const apply = (host: MemoryExcelHost, writes: Write[]) =>
  host.run((c: Excel.RequestContext) => new Book(c, host.platform).apply(writes));

/** One write of each shape a plan makes, for row i. */
const shapes: Record<string, (i: number) => Write> = {
  "a cell": (i) => ({ kind: "values", sheet: "S", row: i + 1, col: 1, values: [["已批准"]] }),
  "a text cell": (i) => ({
    kind: "values",
    sheet: "S",
    row: i + 1,
    col: 1,
    values: [["已批准"]],
    formats: ["@"],
  }),
  "a cell of a row found by its ID": (i) => ({
    kind: "values",
    sheet: "S",
    row: i + 1,
    col: 1,
    values: [["已批准"]],
    formats: ["@"],
    key: { col: 0, value: idOf(i) },
  }),
  "a row found by its ID, deleted": (i) => ({
    kind: "deleteRows",
    sheet: "S",
    row: 1,
    count: 1,
    key: { col: 0, value: idOf(i) },
  }),
  "a block in mixed formats": (i) => ({
    kind: "values",
    sheet: "S",
    row: 3000 + i * 20,
    col: 2,
    values: Array.from({ length: 20 }, (_, r) => [`备注${r}`, 45000 + r, "x"]),
    formats: ["@", "yyyy-mm-dd", "@"],
  }),
  "a page layout": () => ({
    kind: "pageLayout",
    sheet: "S",
    orientation: "Landscape",
    printArea: "A1:B10",
    printTitleRows: "$1:$1",
    centerHeader: ["客户名单"],
    leftFooter: ["打印人 陈会计"],
    centerFooter: ["第 &P 页"],
    rightFooter: ["2026-11-24"],
  }),
};

describe("write requests stay under the web's 5 MB (issue 15)", function () {
  this.timeout(120_000);
  for (const [shape, make] of Object.entries(shapes))
    it(`the estimate of ${shape} covers what is sent for it`, async () => {
      const host = hostWith(200, "desktop");
      const writes = Array.from({ length: 100 }, (_, i) => make(i));
      await apply(host, writes);
      const sent = host.syncLog.reduce((a, s) => a + s.requestBytes, 0);
      const estimated = writes.reduce((a, w) => a + requestBytesOf(w), 0);
      assert.ok(sent <= estimated, `${shape}: sent ${sent} bytes, estimated ${estimated}`);
    });

  it("12,000 one-cell writes to rows found by ID go out in several requests, each under 5 MB, and all land", async () => {
    const rows = 12_000;
    const host = hostWith(rows, "web");
    const writes = Array.from({ length: rows }, (_, i) => shapes["a cell of a row found by its ID"]!(i));
    const { syncs } = await apply(host, writes);
    assert.ok(syncs > 1, "too much for one request");
    assert.ok(
      host.syncLog.every((s) => s.requestBytes < LIMIT),
      `largest request ${Math.max(...host.syncLog.map((s) => s.requestBytes))} bytes`,
    );
    const statuses = host
      .sheet("S")
      .values.slice(1)
      .map((r) => r[1]);
    assert.deepEqual(new Set(statuses), new Set(["已批准"]));
  });
});
