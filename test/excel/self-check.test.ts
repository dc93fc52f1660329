/**
 * Issue 16, the self-check: the adapter's assumptions tried through its own code. Against
 * the in-memory host (strict like Excel) every Excel check passes, the scratch sheet goes,
 * nothing else in the workbook changes; what cannot apply says so; what fails says what
 * was seen.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { reportText, runSelfCheck, SCRATCH } from "../../src/excel/self-check";
import { setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import { envOf } from "./fixtures";

const probes = { platform: "preview", version: "", keyStorage: async () => "" };

describe("the self-check (issue 16)", () => {
  it("passes every Excel check against the host, skips the file in the preview, and leaves the workbook as it was", async () => {
    const host = new MemoryExcelHost();
    const env = envOf(host);
    await setUpWorkbook(env);
    const before = host.sheetNames().map((n) => [n, host.sheet(n).values]);
    const report = await runSelfCheck(env, probes);
    assert.deepEqual(
      report.checks.map((c) => `${c.id} ${c.status} ${c.detail}`),
      [
        "textFormat pass ",
        "generalTyping pass ",
        "unbounded pass ",
        "printFit pass ",
        "validation pass ",
        "find pass ",
        "protection pass ",
        "fileApi skip the preview has no Office file",
        "keyStorage pass ",
      ],
    );
    assert.deepEqual(
      host.sheetNames().map((n) => [n, host.sheet(n).values]),
      before,
      "the scratch sheet is gone and nothing else changed",
    );
  });

  it("a scratch sheet left by a check cut off is replaced, and removed again", async () => {
    const host = new MemoryExcelHost({ sheets: ["Sheet1", SCRATCH] });
    host.seedSheet(SCRATCH, [["left over"]]);
    await host.run(async (c: Excel.RequestContext) => {
      c.workbook.worksheets.getItem(SCRATCH).protection.protect();
      await c.sync();
    });
    const report = await runSelfCheck(envOf(host), probes);
    assert.ok(
      report.checks.filter((c) => c.id !== "fileApi").every((c) => c.status === "pass"),
      reportText(report, "now"),
    );
    assert.deepEqual(host.sheetNames(), ["Sheet1"]);
  });

  it("what fails is reported with what was seen, ready to paste into a support request", async () => {
    const host = new MemoryExcelHost();
    // An Excel without the CompressedFile requirement set, and a webview whose storage refuses keys.
    const env = { ...envOf(host), officePlatform: "PC" };
    const report = await runSelfCheck(env, {
      platform: "PC",
      version: "16.0.18227.20000",
      supports: (set) => set !== "CompressedFile",
      keyStorage: async () => "IndexedDB is not available",
    });
    const text = reportText(report, "2026-12-03 10:00");
    assert.match(text, /^Customer Register self-check, 2026-12-03 10:00\nExcel: PC 16\.0\.18227\.20000\n/);
    assert.match(text, /Requirement sets: ExcelApi 1\.9 yes, ExcelApi 1\.5 yes, CompressedFile 1\.1 no/);
    assert.match(text, /\nFAIL fileApi: no CompressedFile requirement set: the pane cannot read the file/);
    assert.match(text, /\nFAIL keyStorage: IndexedDB is not available$/);
    assert.match(text, /\nPASS textFormat\n/);
  });
});
