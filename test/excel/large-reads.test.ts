/**
 * Issue 16, reads that never end or crash: a single row over the web's 5 MB answer limit,
 * an oversized answer that Excel on the web gives as GeneralException instead of
 * ResponsePayloadSizeLimitExceeded, and a range too large for Excel to answer at all
 * (values null). The adapter reads what it can, smaller, and stops with a message naming
 * the row when a single row is too much — it never retries for ever, never throws a
 * TypeError.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost, type HostOptions } from "../../src/host/memory-host";
import { Book } from "../../src/excel/book";

const read = (host: MemoryExcelHost, lang: "zh" | "en" = "zh") =>
  host.run((c: Excel.RequestContext) => new Book(c, host.platform, lang).read(() => ["S"]));

/** A sheet of `rows` rows × `cols` columns, each cell `size` characters and its own. */
function hostWith(rows: number, cols: number, size: number, options: HostOptions = {}) {
  const host = new MemoryExcelHost({ sheets: ["S"], ...options });
  const values = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => `${r}:${c}:`.padEnd(size, "字")),
  );
  host.seedSheet("S", values, { raw: true });
  host.resetCounters();
  return { host, values };
}

describe("reads Excel will not answer whole (issue 16)", () => {
  it("a row over the web's 5 MB answer stops the read with its row named, after a few tries", async () => {
    const { host } = hostWith(3, 1, 10);
    // Row 3 holds 60 cells of 32,767 characters: ~5.9 MB as UTF-8, alone.
    host.seedSheet("S", [Array.from({ length: 60 }, () => "长".repeat(32_767))], { raw: true, at: "A3" });
    const failed = await read(host).then(
      () => "read",
      (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
    );
    assert.match(failed, /^RowTooLarge: 无法读取“S”第 3 行/);
    assert.ok(host.syncs < 40, `${host.syncs} syncs`);
  });

  it("oversized answers given as GeneralException are read again in smaller slices", async () => {
    const { host, values } = hostWith(600, 30, 120, { oversizedAnswer: "GeneralException" });
    const snapshot = await read(host);
    assert.deepEqual(snapshot.sheets.S!.values, values);
    assert.ok(
      host.syncLog.some((s) => !s.ok),
      "at least one answer was too large and failed as GeneralException",
    );
    for (const s of host.syncLog.filter((x) => x.ok)) assert.ok(s.responseBytes <= 5 * 1024 * 1024);
  });

  it("a GeneralException that does not go away with smaller reads fails the read, after a few tries", async () => {
    const { host } = hostWith(10, 3, 5);
    for (let k = 3; k <= 100; k++) host.failAtSync(k, { mode: "before" });
    const failed = await read(host).then(
      () => "read",
      (e: { code?: string }) => e.code,
    );
    assert.equal(failed, "GeneralException");
    assert.ok(host.syncs <= 40);
  });

  it("a GeneralException on a read that was not too large is passed on, not swallowed by the retry", async () => {
    const { host } = hostWith(10, 3, 5);
    host.failAtSync(3, { mode: "before" });
    const failed = await read(host).then(
      () => "read",
      (e: { code?: string }) => e.code,
    );
    assert.equal(failed, "GeneralException", "a fault is a fault: the action must not go on as if it read");
  });

  it("on desktop, a sheet too large to come back whole (values null) is read in slices", async () => {
    const { host, values } = hostWith(400, 10, 4, { platform: "desktop", largeRangeCells: 1000 });
    const snapshot = await read(host);
    assert.deepEqual(snapshot.sheets.S!.values, values);
  });

  it("a light column and heavy rows read together are each sized by their own weight: no answer refused, none over 5 MB", async () => {
    // The journal's reads: an ID column of 100,000 short cells, then rows whole of another
    // sheet weighing ten times more a cell. Sized by the column's weight, the rows' first
    // slice would come back several times over the limit (refused, read again smaller).
    const host = new MemoryExcelHost({ sheets: ["S", "L"] });
    const ids = Array.from({ length: 100_000 }, (_, r) => [`C${String(r).padStart(6, "0")}`]);
    const rows = Array.from({ length: 3_000 }, (_, r) =>
      Array.from({ length: 15 }, (_, c) => `${r}:${c}:`.padEnd(150, "x")),
    );
    host.seedSheet("S", ids, { raw: true });
    host.seedSheet("L", rows, { raw: true });
    host.resetCounters();
    const [column, whole] = await host.run((c: Excel.RequestContext) =>
      new Book(c, "web", "zh").readBlocks([
        { sheet: "S", row: 0, col: 0, rows: ids.length, cols: 1 },
        { sheet: "L", row: 0, col: 0, rows: rows.length, cols: 15 },
      ]),
    );
    assert.deepEqual(column, ids);
    assert.deepEqual(whole, rows);
    assert.deepEqual(host.syncLog.filter((s) => !s.ok).length, 0, "no answer was refused as too large");
    for (const s of host.syncLog) assert.ok(s.responseBytes <= 5 * 1024 * 1024);
  });

  it("answers refused as too large make the slices lighter, not fewer cells for the rest of the read", async () => {
    // A million short cells weigh about 14 MB. Six answers refused first (as Excel on the web
    // refuses a heavy one) must not leave the read asking a sixty-fourth of the cells per
    // sync for the rest of it (23 syncs, where the bytes need five).
    const { host, values } = hostWith(1_000_000, 1, 1);
    for (let k = 1; k <= 6; k++) host.failAtSync(k, { code: "ResponsePayloadSizeLimitExceeded" });
    const [column] = await host.run((c: Excel.RequestContext) =>
      new Book(c, "web", "zh").readBlocks([{ sheet: "S", row: 0, col: 0, rows: values.length, cols: 1 }]),
    );
    assert.equal(column!.length, values.length);
    // Six refused, then what the bytes ask (about 14 MB: four or five slices of 4 MB).
    assert.ok(host.syncs <= 6 + 6, `${host.syncs} syncs`);
  });

  it("a kind whose rows grow heavier further down is not refused again and again after a light slice", async () => {
    // Rows of one kind (the Change log's rows whole), light and heavy by turns, each row its
    // own block (as a run reads scattered rows): a refused answer's lesson must outlast
    // the next light slice's measure, or every other sync is refused.
    const groups = 8;
    const rows = Array.from({ length: groups * 1500 }, (_, r) =>
      Array.from({ length: 15 }, (_, c) => `${r}:${c}:`.padEnd(Math.floor(r / 1500) % 2 ? 320 : 12, "x")),
    );
    const host = new MemoryExcelHost({ sheets: ["L"] });
    host.seedSheet("L", rows, { raw: true });
    host.resetCounters();
    const read = await host.run((c: Excel.RequestContext) =>
      new Book(c, "web", "zh").readBlocks(
        rows.map((_, r) => ({ sheet: "L", row: r, col: 0, rows: 1, cols: 15 })),
      ),
    );
    assert.deepEqual(
      read.map((g) => g[0]),
      rows,
    );
    // The first heavy stretch is found by a few refusals (each doubles the weight); after it
    // the kind is sized by the heaviest it weighed. The sizing before this test: 2,807
    // answers refused in 5,627 syncs (a refusal doubled the weight once per one-row block).
    const refused = host.syncLog.filter((s) => !s.ok).length;
    assert.ok(refused <= 5 && host.syncs <= 30, `${refused} answers refused in ${host.syncs} syncs`);
  });
});
