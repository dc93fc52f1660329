import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { labelLines, labelRowHeight, selectForMailing } from "../../src/domain/mailing";
import { snapshotOf, openBook } from "../../src/cli/xlsx";
import { register } from "../../src/domain/schema/sheets";
import { findPrintout } from "../../src/domain/trace";
import { keepOnly, printPages, printWords, type PrintedWord } from "../support/print";

const quiet = { log: () => {}, error: (s: string) => assert.fail(s) };
const squash = (s: string) => s.replace(/\s+/g, "");
/** Points of the page's top and bottom margins, where header and footer print. */
const MARGIN = 54;

/** Words in bands: a new band starts where the text leaves a vertical gap. */
function bands(words: PrintedWord[]): PrintedWord[][] {
  const sorted = [...words].sort((a, b) => a.yMin - b.yMin);
  const out: PrintedWord[][] = [];
  let bottom = -Infinity;
  for (const w of sorted) {
    if (w.yMin > bottom + 6) out.push([]);
    out[out.length - 1]!.push(w);
    bottom = Math.max(bottom, w.yMax);
  }
  return out;
}

const read = (words: PrintedWord[]) =>
  [...words]
    .sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)
    .map((w) => w.text)
    .join("");

/**
 * Address labels as the product writes them, printed by LibreOffice: every label whole on
 * one page, its text inside its own cell (above the next row, left of the next label).
 */
describe("printed address labels and customer cards, through LibreOffice", function () {
  this.timeout(300_000);

  it("prints a customer card with long texts on one A4 page, every field and the signature on it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "card-"));
    const book = join(dir, "book.xlsx");
    assert.equal(await main(["sample", book, "--rows", "20", "--month", "2026-11"], quiet), 0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book, { ignoreNodes: ["dataValidations"] } as never);
    const ws = wb.getWorksheet("客户原簿")!;
    const at = (key: string) => register.columns.findIndex((c) => c.key === key) + 1;
    ws.getCell(3, at("businessScope")).value =
      "机械设备、电子产品、五金交电的研发、生产、销售及技术服务;".repeat(12);
    ws.getCell(3, at("notes")).value = "二〇二五年起改为季度结算,对账联系人见联系人员。".repeat(20);
    ws.getCell(3, at("tradingAttitude")).value = "付款及时,合同履约良好。".repeat(10);
    await wb.xlsx.writeFile(book);
    const written = { lines: [] as string[], log: (s: string) => written.lines.push(s), error: quiet.error };
    assert.equal(
      await main(["card", book, "C000002", "--person", "陈会计", "--out", join(dir, "card.xlsx")], written),
      0,
    );
    assert.deepEqual(written.lines, ["卡片-C000002"]);
    const file = join(dir, "card-only.xlsx");
    await keepOnly(join(dir, "card.xlsx"), file, ["卡片-C000002"]);
    const pages = await printPages(file);
    assert.equal(pages.length, 1, "one page");
    const page = squash(pages[0]!);
    for (const label of [
      "客户原始资料卡片C000002",
      "企业名称",
      "经营范围",
      "交易态度",
      "备注",
      "所在位置",
      "盖章",
      "联系记录",
      "年度业绩",
      "变更记录",
      "打印",
      "主管",
      "第1页/共1页",
    ])
      assert.ok(page.includes(label), `the card shows ${label}`);
    assert.ok(page.includes("对账联系人见联系人员。二〇二五年起"), "long notes wrap inside the page");
    assert.ok(page.includes("…(全文见工作表)"), "and are cut where the card would grow past a page");
    // Each history line's time reads on one line: date and hour together, never wrapped.
    const history = pages[0]!.slice(pages[0]!.indexOf("变更记录"));
    assert.match(history, /\d{4}-\d\d-\d\d \d\d:\d\d/, history.slice(0, 400));
    // The footer's trace code, read back from the paper, finds the card's log row, current.
    const code = /追溯码([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})/.exec(page)?.[1];
    assert.ok(code, `a trace code in the footer: ${page.slice(-200)}`);
    assert.ok(page.includes("陈会计制作于"), "the footer names who made the copy");
    // Nothing of the footer prints over anything else of it (a footer section does not wrap:
    // one long left part once ran under the page number).
    const [sheetPage] = await printWords(file);
    const footer = sheetPage!.words.filter((w) => w.yMin > sheetPage!.height - MARGIN);
    assert.ok(
      footer.some((w) => w.text.includes(code)),
      footer.map((w) => w.text).join(" "),
    );
    for (const [i, a] of footer.entries())
      for (const b of footer.slice(i + 1))
        assert.ok(
          a.xMax <= b.xMin || b.xMax <= a.xMin || a.yMax <= b.yMin || b.yMax <= a.yMin,
          `“${a.text}” and “${b.text}” print over each other`,
        );
    const printed = findPrintout(snapshotOf(await openBook(join(dir, "card.xlsx"))), code);
    assert.equal(printed?.sheet, "卡片-C000002");
    assert.equal(printed?.customerId, "C000002");
    assert.equal(printed?.state, "current");
    const none = { lines: [] as string[], log: () => {}, error: (s: string) => none.lines.push(s) };
    assert.equal(await main(["card", book, "C999999"], none), 1);
    assert.match(none.lines.join(), /C999999/);
  });

  it("prints 61 labels two across, none split across pages, every label's text inside its cell", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labels-"));
    const book = join(dir, "book.xlsx");
    assert.equal(await main(["sample", book, "--rows", "61", "--month", "2026-11"], quiet), 0);
    // Some long addresses and names, so rows differ in height and text must wrap.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book, { ignoreNodes: ["dataValidations"] } as never);
    const ws = wb.getWorksheet("客户原簿")!;
    const at = (key: string) => register.columns.findIndex((c) => c.key === key) + 1;
    for (const row of [3, 14, 15, 30, 47])
      ws.getCell(row, at("address")).value =
        `北京市朝阳区建国路${row}号现代城SOHO写字楼B座2201室(东门进入,前台转财务部收发室,工作日9:00-17:00)`;
    ws.getCell(20, at("name")).value = "中国北方重型机械装备制造与工程技术服务集团有限责任公司";
    await wb.xlsx.writeFile(book);

    assert.equal(
      await main(["mail", book, "--purpose", "年末回访", "--out", join(dir, "mail.xlsx")], quiet),
      0,
    );
    const labels = selectForMailing(snapshotOf(await openBook(book)), {}).map((r) => labelLines(r, "zh"));
    assert.equal(labels.length, 61);
    const heights: number[] = [];
    for (let i = 0; i < labels.length; i += 2) heights.push(labelRowHeight(labels.slice(i, i + 2)));
    assert.ok(new Set(heights).size > 1, "rows of different heights");

    const file = join(dir, "labels.xlsx");
    await keepOnly(join(dir, "mail.xlsx"), file, ["邮寄标签"]);
    const pages = await printWords(file);
    assert.ok(pages.length >= 2, `61 labels take several pages, got ${pages.length}`);

    const printed: string[] = [];
    let row = 0;
    let scale = 0;
    pages.forEach((page, p) => {
      const top = page.words.filter((w) => w.yMax < MARGIN);
      const foot = page.words.filter((w) => w.yMin > page.height - MARGIN);
      assert.ok(squash(read(top)).includes("邮寄标签2026-"), `page ${p + 1} header`);
      assert.ok(squash(read(foot)).includes(`第${p + 1}页/共${pages.length}页`), `page ${p + 1} footer`);
      const body = page.words.filter((w) => w.yMax >= MARGIN && w.yMin <= page.height - MARGIN);
      const middle = page.width / 2;
      const found = bands(body);
      found.forEach((band, b) => {
        const left = band.filter((w) => w.xMin < middle);
        const right = band.filter((w) => w.xMin >= middle);
        printed.push(read(left));
        if (right.length) printed.push(read(right));
        // The row's height on paper, from the distance to the next row on this page.
        const next = found[b + 1];
        const bandTop = Math.min(...band.map((w) => w.yMin));
        const bandBottom = Math.max(...band.map((w) => w.yMax));
        if (next) {
          const pitch = Math.min(...next.map((w) => w.yMin)) - bandTop;
          scale ||= pitch / heights[row]!;
          assert.ok(
            Math.abs(pitch - heights[row]! * scale) < 1.5,
            `row ${row + 1} prints ${heights[row]} points tall (pitch ${pitch.toFixed(1)}, scale ${scale.toFixed(3)})`,
          );
        }
        if (scale)
          assert.ok(
            bandBottom - bandTop < heights[row]! * scale - 2,
            `row ${row + 1}: the text (${(bandBottom - bandTop).toFixed(1)} pt) stays inside its cell`,
          );
        if (right.length && left.length) {
          const rightStart = Math.min(...right.map((w) => w.xMin));
          assert.ok(
            Math.max(...left.map((w) => w.xMax)) < rightStart - 5,
            `row ${row + 1}: the left label's text stays left of the right label`,
          );
          assert.ok(
            Math.max(...right.map((w) => w.xMax)) <= page.width - 30,
            `row ${row + 1}: right label on the page`,
          );
        }
        row++;
      });
    });
    assert.deepEqual(
      printed,
      labels.map((l) => squash(l.join(""))),
      "every label printed once, whole, in order: none split across rows or pages",
    );
  });
});
