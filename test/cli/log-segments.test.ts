/**
 * The Node tool keeps the Change log on several sheets as the pane does (issue 15; domain/
 * log-segments.ts): what it appends past a segment's end goes on the next sheet, made as
 * the first is, and `validate` — streamed or whole — reads the sheets as one log.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { streamSnapshot } from "../../src/cli/stream-read";
import { openBook, snapshotOf } from "../../src/cli/xlsx";
import { logSegmentNames, segmentRows, setSegmentRows } from "../../src/domain/log-segments";

const LOG = "变更记录";

function capture() {
  const lines: string[] = [];
  return { lines, out: { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) } };
}

/** `validate --json`'s problems on the file. */
async function problemsOf(file: string): Promise<{ rule: string; sheetName: string; address: string }[]> {
  const { lines, out } = capture();
  await main(["validate", file, "--json", "--today", "2026-10-20"], out);
  return (JSON.parse(lines.find((l) => l.startsWith("{"))!) as { problems: never[] }).problems;
}

describe("the Node tool keeps the Change log on several sheets (issue 15)", function () {
  this.timeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), "cli-segments-"));
  const book = join(dir, "book.xlsx");

  it("appends past a segment's end on a new sheet, and validate reads the sheets as one log", async () => {
    assert.equal(await main(["sample", book, "--rows", "30", "--month", "2026-10"], capture().out), 0);
    const before = await problemsOf(book);
    const logBefore = snapshotOf(await openBook(book)).sheets[LOG]!.values.length;
    const was = segmentRows();
    setSegmentRows(4);
    try {
      // Each run appends a traced row per department list to the log.
      for (let i = 0; i < 3; i++) assert.equal(await main(["dept-lists", book], capture().out), 0);
    } finally {
      setSegmentRows(was);
    }
    const wb = await openBook(book);
    const names = logSegmentNames(wb.worksheets.map((w) => w.name));
    assert.ok(names.length >= 3, names.join(", "));
    const header = wb.getWorksheet(LOG)!.getRow(1).values;
    for (const name of names.slice(1)) {
      const ws = wb.getWorksheet(name)!;
      assert.ok(ws.actualRowCount <= 4, `${name}: ${ws.actualRowCount} rows`);
      assert.deepEqual(ws.getRow(1).values, header, `${name} repeats the header`);
    }
    // Read whole or streamed, the core sees one log and no sheet of its segments.
    const whole = snapshotOf(wb);
    const streamed = (await streamSnapshot(book))!;
    for (const snapshot of [whole, streamed]) {
      assert.ok(!snapshot.sheetNames.some((n) => names.slice(1).includes(n)));
      assert.ok(snapshot.sheets[LOG]!.values.length > logBefore + 3);
    }
    assert.deepEqual(streamed.sheets[LOG]!.values, whole.sheets[LOG]!.values);
    // The same problems as before the appends: nothing on the log (its chain runs across the sheets).
    const after = await problemsOf(book);
    assert.deepEqual(after.map((p) => p.rule).sort(), before.map((p) => p.rule).sort());
    assert.deepEqual(
      after.filter((p) => p.rule.startsWith("log.")),
      [],
    );
  });
});
