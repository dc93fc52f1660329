/**
 * `validate` reads the file streamed (issue 15): it must see exactly what reading the whole
 * file sees — formulas' cached results, formulas without one, error values, rich text,
 * hyperlinks, dates, booleans, merged blocks, sheets in the workbook's order — in files
 * written by ExcelJS and by LibreOffice, and it must report the same problems.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { main } from "../../src/cli/main";
import { streamSnapshot } from "../../src/cli/stream-read";
import { openBook, snapshotOf } from "../../src/cli/xlsx";
import { register } from "../../src/domain/schema/sheets";
import { checkWorkbook } from "../../src/domain/workbook-check";

const run = promisify(execFile);
const col = (key: string) => register.columns.findIndex((c) => c.key === key) + 1;
function capture() {
  const lines: string[] = [];
  return { lines, out: { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) } };
}

/** The file streamed, after checking it reads as the whole read does: every sheet, in order, cell for cell. */
async function sameAsWholeRead(file: string, writer: string) {
  const streamed = await streamSnapshot(file);
  const whole = snapshotOf(await openBook(file));
  assert.ok(streamed, `the stream names every sheet of a file ${writer} wrote`);
  assert.deepEqual(streamed.sheetNames, whole.sheetNames);
  for (const name of whole.sheetNames)
    assert.deepEqual(streamed.sheets[name]!.values, whole.sheets[name]!.values, name);
  return streamed;
}

describe("validate reads the file streamed, seeing what a whole read sees (issue 15)", function () {
  this.timeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), "cli-stream-"));
  const book = join(dir, "varied.xlsx");
  const tricky = join(dir, "tricky.xlsx");
  /** No error values: LibreOffice saves an error value as a formula (`<f>#N/A</f>`). */
  const plain = join(dir, "plain.xlsx");

  before(async () => {
    assert.equal(await main(["sample", book, "--rows", "30", "--month", "2026-10"], capture().out), 0);
    const wb = await openBook(book);
    const ws = wb.getWorksheet("客户原簿")!;
    ws.getCell(5, col("contact")).value = { formula: 'UPPER("li")', result: "LI" } as never;
    ws.getCell(6, col("notes")).value = {
      richText: [{ text: "重要" }, { text: "客户", font: { bold: true } }],
    };
    ws.getCell(7, col("notes")).value = { text: "主页", hyperlink: "https://example.invalid/" };
    ws.getCell(8, col("notes")).value = true;
    ws.getCell(9, col("postedDate")).value = new Date(Date.UTC(2026, 9, 15));
    ws.getCell(10, col("notes")).value = "两家共用一个联系人";
    ws.mergeCells(10, col("notes"), 11, col("notes"));
    ws.getCell(12, col("notes") + 3).value = "表外的字";
    // A sheet with quotes and an ampersand in its name, one styled but empty, and a hidden one.
    wb.addWorksheet('备注 & "其他"').getCell("B2").value = 42;
    wb.addWorksheet("空").getCell("C3").style = { font: { bold: true } };
    const hidden = wb.addWorksheet("隐藏", { state: "hidden" });
    hidden.getCell("A1").value = "x";
    await wb.xlsx.writeFile(plain);
    ws.getCell(3, col("name")).value = { error: "#N/A" } as never;
    await wb.xlsx.writeFile(book);
    // A formula saved without its result: what the stream cannot tell from an error result.
    ws.getCell(4, col("address")).value = { formula: 'CONCAT(B4,"路")' } as never;
    await wb.xlsx.writeFile(tricky);
  });

  async function findings(file: string) {
    const c = capture();
    const status = await main(["validate", file, "--today", "2026-11-24"], c.out);
    return { status, lines: c.lines.filter((l) => l.includes("!")) };
  }
  async function wholeFindings(file: string) {
    const outcome = await checkWorkbook(snapshotOf(await openBook(file)), "2026-11-24", undefined, false);
    return outcome.problems.length;
  }

  it("reads Chinese text whole where the file's chunks split a character's bytes (3,000 customers)", async () => {
    const big = join(dir, "big.xlsx");
    assert.equal(await main(["sample", big, "--rows", "3000", "--month", "2026-10"], capture().out), 0);
    const streamed = await sameAsWholeRead(big, "the tool");
    const names = streamed.sheets["客户原簿"]!.values.map((row) => String(row[col("name") - 1]));
    assert.ok(!names.some((n) => n.includes("\uFFFD")));
  });

  it("the streamed snapshot equals the whole read, cell for cell and sheet for sheet", async () => {
    const streamed = await sameAsWholeRead(book, "ExcelJS");
    const reg = streamed.sheets["客户原簿"]!.values;
    assert.equal(reg[5]![col("notes") - 1], "重要客户");
    assert.equal(reg[6]![col("notes") - 1], "主页");
    assert.equal(reg[8]![col("postedDate") - 1], 46310, "a date reads as its serial day");
    assert.equal(reg[10]![col("notes") - 1], "", "a merged block's second cell is empty");
  });

  it("a formula without a cached result (or with an error as its result) is read whole: the same findings", async () => {
    assert.equal(await streamSnapshot(tricky), undefined, "the stream cannot tell its value");
    const { status, lines } = await findings(tricky);
    assert.equal(status, 1);
    assert.equal(lines.length, await wholeFindings(tricky), lines.join("\n"));
    assert.ok(
      lines.some((l) => l.includes("没有计算结果的公式") && l.includes("[=CONCAT")),
      lines.join("\n"),
    );
  });

  it("validate prints the same findings as a whole read, and the stream reads a file LibreOffice saved as a whole read does", async () => {
    const { status, lines } = await findings(book);
    assert.equal(status, 1);
    assert.equal(lines.length, await wholeFindings(book), lines.join("\n"));
    assert.ok(
      lines.some((l) => l.startsWith(`客户原簿!`) && l.includes("[#N/A]")),
      lines.join("\n"),
    );

    assert.ok(existsSync("/usr/bin/libreoffice"), "npm test installs libreoffice");
    const out = join(dir, "lo");
    const source = join(dir, "lo-source.xlsx");
    copyFileSync(plain, source);
    await run(
      "/usr/bin/libreoffice",
      [
        `-env:UserInstallation=file://${join(dir, "profile")}`,
        "--headless",
        "--convert-to",
        "xlsx",
        "--outdir",
        out,
        source,
      ],
      { timeout: 180_000 },
    );
    const saved = join(out, "lo-source.xlsx");
    await sameAsWholeRead(saved, "LibreOffice");
  });

  it("a file that is not a workbook is still refused with its one line and exit status 2", async () => {
    const junk = join(dir, "junk.xlsx");
    writeFileSync(junk, "not a zip");
    const c = capture();
    assert.equal(await main(["validate", junk], c.out), 2);
    assert.match(c.lines.join("\n"), /不是 Excel 工作簿/);
  });
});
