/**
 * Cells of a file read as Excel shows them (issue 18): a formula's cached result, never
 * "[object Object]"; a formula saved without one, and an error value in any column, are
 * problems; a merged block holds its value in its top-left cell only.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { openBook, snapshotOf } from "../../src/cli/xlsx";
import { register } from "../../src/domain/schema/sheets";

function capture() {
  const lines: string[] = [];
  return { lines, out: { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) } };
}
const col = (key: string) => register.columns.findIndex((c) => c.key === key) + 1;

describe("cells of a file, read as Excel shows them (issue 18)", function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "cli-cells-"));

  it("error values and formulas without a result are problems at their cell; no list sheet is named after an error; nothing prints [object Object]", async () => {
    const book = join(dir, "errors.xlsx");
    assert.equal(await main(["sample", book, "--rows", "12", "--month", "2026-10"], capture().out), 0);
    const wb = await openBook(book);
    const ws = wb.getWorksheet("客户原簿")!;
    ws.getCell(3, col("name")).value = { error: "#N/A" } as never;
    ws.getCell(4, col("department")).value = { error: "#DIV/0!" } as never;
    ws.getCell(5, col("address")).value = { formula: 'CONCAT(B5,"路")' } as never;
    ws.getCell(6, col("contact")).value = { formula: 'UPPER("li")', result: "LI" } as never;
    const id5 = String(ws.getCell(5, 1).value);
    await wb.xlsx.writeFile(book);

    const c = capture();
    assert.equal(await main(["validate", book, "--today", "2026-11-24"], c.out), 1);
    const letter = (key: string) => ws.getColumn(col(key)).letter;
    const at = (address: string) => c.lines.find((l) => l.startsWith(`客户原簿!${address} `));
    assert.match(at(`${letter("name")}3`) ?? "", /Excel 错误值.*\[#N\/A\]/);
    assert.match(at(`${letter("department")}4`) ?? "", /Excel 错误值.*\[#DIV\/0!\]/);
    assert.match(at(`${letter("address")}5`) ?? "", /没有计算结果的公式.*\[=CONCAT/);
    assert.equal(at(`${letter("contact")}6`), undefined, "a formula with its cached result is that result");
    assert.ok(!c.lines.join("\n").includes("[object Object]"));

    assert.equal(await main(["dept-lists", book], capture().out), 0);
    const after = await openBook(book);
    assert.ok(
      !after.worksheets.some((w) => w.name.includes("#DIV/0!")),
      after.worksheets.map((w) => w.name).join(", "),
    );
    const card = capture();
    assert.equal(await main(["card", book, id5, "--out", join(dir, "card.xlsx")], card.out), 0);
    const sheet = (await openBook(join(dir, "card.xlsx"))).getWorksheet(card.lines.at(-1)!)!;
    const text: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => text.push(String(cell.value))));
    assert.ok(text.length > 5, text.join(" | "));
    assert.ok(!text.join(" | ").includes("[object Object]"), text.join(" | "));
    assert.ok(
      text.some((t) => t.includes("=CONCAT")),
      "the card shows what the file holds: the formula",
    );
  });

  it("a merged block reads its value in its top-left cell and nothing in the others", async () => {
    const book = join(dir, "merged.xlsx");
    assert.equal(await main(["sample", book, "--rows", "6", "--month", "2026-10"], capture().out), 0);
    const wb = await openBook(book);
    const ws = wb.getWorksheet("客户原簿")!;
    const notes = col("notes");
    ws.getCell(3, notes).value = "两家共用一个联系人";
    ws.mergeCells(3, notes, 4, notes);
    await wb.xlsx.writeFile(book);
    const rows = snapshotOf(await openBook(book)).sheets["客户原簿"]!.values;
    assert.equal(rows[2]![notes - 1], "两家共用一个联系人");
    assert.equal(rows[3]![notes - 1], "", "the second row's note is empty, as Excel shows it");
  });

  it("a header pasted again as a row, and a header twice in one row, are problems; neither makes a list sheet or is read as data", async () => {
    const book = join(dir, "headers.xlsx");
    assert.equal(await main(["sample", book, "--rows", "8", "--month", "2026-10"], capture().out), 0);
    const wb = await openBook(book);
    const ws = wb.getWorksheet("客户原簿")!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    ws.spliceRows(6, 0, header as never);
    const extra = ws.columnCount + 1;
    ws.getCell(1, extra).value = "电话";
    ws.getCell(2, extra).value = "不会被读取";
    await wb.xlsx.writeFile(book);
    const c = capture();
    assert.equal(await main(["validate", book, "--today", "2026-11-24"], c.out), 1);
    const letter = ws.getColumn(extra).letter;
    assert.ok(
      c.lines.some((l) => l.startsWith("客户原簿!A6 ") && l.includes("这一行重复了表头")),
      c.lines.join("\n"),
    );
    assert.ok(
      c.lines.some((l) => l.includes(`表头“电话”出现了两次(第 ${letter} 列是第二个)`)),
      c.lines.join("\n"),
    );
    assert.match(c.lines.at(-1)!, /共检查 8 行,发现 2 个问题/);
    assert.equal(await main(["dept-lists", book], capture().out), 0);
    const names = (await openBook(book)).worksheets.map((w) => w.name);
    assert.ok(!names.some((n) => n.includes("部门")), names.join(", "));
  });
});
