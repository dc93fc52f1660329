/**
 * The command-line tool as scripts use it (issue 18): exit status 0 clean, 1 problems found,
 * 2 could not do its job (with one line saying why, in the language asked for); every line
 * reaches a pipe; `--json` for machines; `sample` never overwrites a file unasked.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { openBook } from "../../src/cli/xlsx";
import { register } from "../../src/domain/schema/sheets";

function capture() {
  const lines: string[] = [];
  return { lines, out: { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) } };
}

/** Runs the tool as a separate process with stdout to a pipe, as `… | wc -l` does. */
function piped(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    // A slow reader, like a pager or a busy `tail`: the tool must wait for it.
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 2);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

describe("the command-line tool's exit status, output and refusals (issue 18)", function () {
  this.timeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), "cli-exit-"));
  let book: string;
  before(async () => {
    book = join(dir, "book.xlsx");
    assert.equal(await main(["sample", book, "--rows", "40", "--month", "2026-10"], capture().out), 0);
  });

  it("a missing file, a text file named .xlsx and a workbook that is not a register: status 2 and one line why, for every command", async () => {
    const text = join(dir, "notes.xlsx");
    writeFileSync(text, "这不是工作簿\n");
    const other = join(dir, "other.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget").addRow(["Item", "Amount"]);
    await wb.xlsx.writeFile(other);
    const before = readFileSync(other);
    // A zip that is no workbook at all (photos, say).
    const zip = join(dir, "photos.xlsx");
    const JSZip = (await import("jszip")).default;
    const photos = new JSZip();
    photos.file("IMG_0001.jpg", "not really a photo");
    writeFileSync(zip, await photos.generateAsync({ type: "nodebuffer" }));
    const cases: [string, RegExp, RegExp][] = [
      [join(dir, "nowhere.xlsx"), /^找不到文件:.*nowhere\.xlsx$/, /^No such file: .*nowhere\.xlsx$/],
      [
        text,
        /不是 Excel 工作簿\(\.xlsx\),或文件已损坏/,
        /is not an Excel workbook \(\.xlsx\), or the file is damaged/,
      ],
      [other, /不是客户名簿工作簿:没有带表头的“客户原簿”工作表/, /is not a customer register workbook/],
    ];
    for (const [file, zh, en] of cases)
      for (const command of [
        ["validate", file],
        ["build-month", file, "2026-10"],
        ["dept-lists", file],
        ["card", file, "C000001"],
        ["mail", file],
      ]) {
        const c = capture();
        assert.equal(await main(command, c.out), 2, `${command.join(" ")}: ${c.lines.join("\n")}`);
        assert.equal(c.lines.length, 1, c.lines.join("\n"));
        assert.match(c.lines[0]!, zh);
        const e = capture();
        assert.equal(await main([...command, "--lang", "en"], e.out), 2);
        assert.match(e.lines.join("\n"), en);
      }
    assert.deepEqual(readFileSync(other), before, "the unrelated workbook was not written");
  });

  it("sample refuses to overwrite an existing file unless --force", async () => {
    const bytes = readFileSync(book);
    const c = capture();
    assert.equal(await main(["sample", book, "--rows", "5"], c.out), 2);
    assert.match(c.lines.join("\n"), /已存在,未覆盖。要替换它,请加上 --force/);
    assert.deepEqual(readFileSync(book), bytes);
    const copy = join(dir, "copy.xlsx");
    writeFileSync(copy, bytes);
    assert.equal(await main(["sample", copy, "--rows", "5", "--force"], capture().out), 0);
    assert.equal((await openBook(copy)).getWorksheet("客户原簿")!.actualRowCount, 6);
  });

  it("--json gives one document with every problem, its place, rule and words; the status says whether there were any", async () => {
    const clean = capture();
    assert.equal(await main(["validate", book, "--today", "2026-11-24", "--json"], clean.out), 0);
    assert.equal(clean.lines.length, 1);
    assert.deepEqual(JSON.parse(clean.lines[0]!).problems, []);
    const bad = join(dir, "bad.xlsx");
    const wb = await openBook(book);
    const postcode = register.columns.findIndex((c) => c.key === "postcode") + 1;
    wb.getWorksheet("客户原簿")!.getCell(5, postcode).value = "1000";
    await wb.xlsx.writeFile(bad);
    const c = capture();
    assert.equal(await main(["validate", bad, "--today", "2026-11-24", "--json"], c.out), 1);
    const { problems } = JSON.parse(c.lines[0]!) as {
      problems: { sheetName: string; address: string; rule: string; message: string }[];
    };
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.sheetName, "客户原簿");
    assert.equal(problems[0]!.rule, "postcode.format");
    assert.match(problems[0]!.message, /邮编须为6位数字/);
  });

  it("every problem line and the summary reach a pipe, however many there are", async () => {
    const many = join(dir, "many.xlsx");
    assert.equal(await main(["sample", many, "--rows", "3000", "--month", "2026-10"], capture().out), 0);
    const wb = await openBook(many);
    const ws = wb.getWorksheet("客户原簿")!;
    const postcode = register.columns.findIndex((c) => c.key === "postcode") + 1;
    for (let r = 2; r <= 3001; r++) ws.getCell(r, postcode).value = "1000";
    await wb.xlsx.writeFile(many);
    const { code, stdout } = await piped(["validate", many, "--today", "2026-11-24"]);
    assert.equal(code, 1);
    const lines = stdout.split("\n").filter(Boolean);
    assert.equal(lines.length, 3000 + 1, `${lines.length} lines; first: ${lines[0]}; last: ${lines.at(-1)}`);
    assert.match(lines.at(-1)!, /共检查 \d+ 行,发现 3000 个问题。/);
  });

  it("a file it cannot write (a folder in the way, a file locked by Excel) is status 2, and the workbook read is unchanged", async () => {
    const bytes = readFileSync(book);
    const folder = mkdtempSync(join(dir, "out-"));
    for (const command of [
      ["dept-lists", book, "--out", folder],
      ["build-month", book, "2026-10", "--out", folder],
    ]) {
      const c = capture();
      assert.equal(await main(command, c.out), 2, c.lines.join("\n"));
      assert.match(
        c.lines.join("\n"),
        /^无法写入 .*文件被占用\(是否在 Excel 中打开着\?\)、没有写入权限,或路径不对。原文件未改动。$/,
      );
    }
    assert.deepEqual(readFileSync(book), bytes);
  });
});
