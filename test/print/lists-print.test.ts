import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import ExcelJS from "exceljs";
import { keepOnly, printPages } from "../support/print";
import { openBook, snapshotOf } from "../../src/cli/xlsx";
import { findPrintout } from "../../src/domain/trace";

const quiet = { log: () => {}, error: (s: string) => assert.fail(s) };
const squash = (s: string) => s.replace(/\s+/g, "");

/**
 * What the user prints is what they sign: the product writes the sheets (through the
 * command-line tool over the same domain core), LibreOffice prints them to PDF, and the
 * PDF's text is read back page by page.
 */
describe("printed lists, through LibreOffice", function () {
  this.timeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), "lists-"));
  const book = join(dir, "book.xlsx");

  before(async () => {
    // 467 sample customers: 350 of them posted in 2026-11.
    assert.equal(await main(["sample", book, "--rows", "467", "--month", "2026-11"], quiet), 0);
    assert.equal(await main(["build-month", book, "2026-11"], quiet), 0);
  });

  it("prints the 350-name monthly list with its header row on every page, every column, page X of Y and the signature on the last page", async () => {
    const file = join(dir, "month.xlsx");
    await keepOnly(book, file, ["新增2026-11"]);
    const pages = await printPages(file);
    assert.ok(pages.length >= 3, `a 350-name list takes several pages, got ${pages.length}`);
    const numbers: number[] = [];
    pages.forEach((page, i) => {
      const lines = page.split("\n");
      assert.ok(
        lines.some((l) => /序号\s+企业名称\s+地址\s+邮编\s+电话\/传真\s+联系人\s+备注/.test(l)),
        `page ${i + 1} repeats the header row`,
      );
      assert.ok(squash(page).includes("2026年11月新增客户名单"), `page ${i + 1} carries the title`);
      assert.ok(
        squash(page).includes(`第${i + 1}页/共${pages.length}页`),
        `page ${i + 1} says 第 ${i + 1} 页 / 共 ${pages.length} 页`,
      );
      for (const line of lines) {
        const m = /^\s*(\d+)\s+\S+.*\s(\d{6})\s.*\s(C\d{6})\s*$/.exec(line);
        if (m) numbers.push(Number(m[1])); // number, postcode and the last column all on the page
      }
      const signed = /主管:_+\s+制表:_+/.test(page);
      assert.equal(signed, i === pages.length - 1, `signature lines on the last page only (page ${i + 1})`);
    });
    assert.deepEqual(
      numbers,
      Array.from({ length: 350 }, (_, i) => i + 1),
      "every row printed once, in order, with all its columns",
    );
  });

  it("prints a department list with its header row on every page, every column, page X of Y and its trace code, which finds it", async () => {
    // Rebuilt by the tool: each list traced (its footer's code, its Change log row).
    const traced = join(dir, "traced.xlsx");
    assert.equal(await main(["dept-lists", book, "--out", traced, "--person", "陈会计"], quiet), 0);
    const file = join(dir, "dept.xlsx");
    await keepOnly(traced, file, ["一览表-业务一部"]);
    const pages = await printPages(file);
    assert.ok(pages.length >= 2, `got ${pages.length} pages`);
    const codes = pages.map(
      (page) => /追溯码\s*([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})/.exec(page)?.[1],
    );
    assert.ok(codes[0], pages[0]);
    assert.deepEqual(new Set(codes).size, 1, "the same code on every page");
    assert.ok(squash(pages[0]!).includes("陈会计制作于"), pages[0]);
    const found = findPrintout(snapshotOf(await openBook(traced)), codes[0]!);
    assert.equal(found?.sheet, "一览表-业务一部");
    assert.equal(found?.state, "current");
    let rows = 0;
    pages.forEach((page, i) => {
      assert.ok(/客户编号\s+企业名称/.test(page), `page ${i + 1} repeats the header row`);
      assert.ok(squash(page).includes("业务一部客户一览表"), `page ${i + 1} carries the title`);
      assert.ok(squash(page).includes(`第${i + 1}页/共${pages.length}页`), `page ${i + 1} numbered`);
      // The last column (state) is on the page for every customer row.
      for (const line of page.split("\n")) if (/^\s*C\d{6}\s/.test(line)) rows++;
      const cut = page.split("\n").filter((l) => /^\s*C\d{6}\s/.test(l) && !/(正常|Active)\s*$/.test(l));
      assert.deepEqual(cut, [], `page ${i + 1}: every row ends with its state column`);
      // The page directory in the header row's hidden cells (list-pages.ts) is never printed.
      assert.ok(!page.includes("deptList"), `page ${i + 1} prints no directory`);
    });
    assert.equal(rows, 156, "a third of the 467 customers are 业务一部's");
  });

  it('prints the list of a department called "R&D" with its name in the page header, not "R" and the date', async () => {
    // Three customers moved to "R&D" by hand, then the lists rebuilt.
    const file = join(dir, "rnd.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book, { ignoreNodes: ["dataValidations"] } as never);
    const ws = wb.getWorksheet("客户原簿")!;
    const col = (ws.getRow(1).values as unknown[]).indexOf("负责部门");
    for (const r of [2, 3, 4]) ws.getCell(r, col).value = "R&D";
    await wb.xlsx.writeFile(file);
    assert.equal(await main(["dept-lists", file], quiet), 0);
    const only = join(dir, "rnd-only.xlsx");
    await keepOnly(file, only, ["一览表-R&D"]);
    const [page, ...more] = await printPages(only);
    assert.equal(more.length, 0);
    assert.ok(squash(page!).includes("R&D客户一览表"), page);
    assert.equal((page!.match(/^\s*C\d{6}\s/gm) ?? []).length, 3, "its three customers");
  });
});
