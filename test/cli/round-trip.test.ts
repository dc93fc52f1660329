/**
 * A file the tool writes keeps what it did not make (issue 18): a person's own sheet with
 * its values, number formats, merged cells, notes and data validations, their rules and
 * notes on the Register's own extra columns, and the workbook's defined names — through
 * every command that writes, in place or with --out. Only the sheets the command makes
 * may differ; the product's own rules are bounded, not whole columns.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { openBook, snapshotOf, writeBook } from "../../src/cli/xlsx";
import { takeOutValidations } from "../../src/cli/kept-parts";

const quiet = { log: () => {}, error: (s: string) => assert.fail(s) };

/** Everything of the person's own making, as the file holds it. */
async function theirs(path: string) {
  const { kept } = await takeOutValidations(readFileSync(path));
  const wb = await openBook(path);
  const mine = wb.getWorksheet("我的表")!;
  const reg = wb.getWorksheet("客户原簿")!;
  const cells: Record<string, unknown> = {};
  mine.eachRow((row) =>
    row.eachCell((cell) => {
      cells[cell.address] = { value: cell.value, numFmt: cell.numFmt, note: cell.note };
    }),
  );
  return {
    sheetOrder: wb.worksheets.map((w) => w.name).filter((n) => n === "我的表" || n === "客户原簿"),
    cells,
    merges: (mine as unknown as { model: { merges: string[] } }).model.merges,
    myRules: kept.get("我的表"),
    registerExtraRules: (kept.get("客户原簿") ?? []).filter((r) => /sqref="AH/.test(r)),
    registerNote: reg.getCell("B3").note,
    registerExtra: reg.getCell("AH3").value,
    names: (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model.filter(
      (n) => !n.name.startsWith("_xlnm"),
    ),
  };
}

describe("a file the tool writes keeps what it did not make (issue 18)", function () {
  this.timeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), "cli-keep-"));
  const book = join(dir, "rich.xlsx");
  let original: Awaited<ReturnType<typeof theirs>>;

  before(async () => {
    assert.equal(await main(["sample", book, "--rows", "30", "--month", "2026-10"], quiet), 0);
    const wb = await openBook(book);
    const mine = wb.addWorksheet("我的表");
    mine.getCell("A1").value = "本部门备忘";
    mine.getCell("B2").value = 0.125;
    mine.getCell("B2").numFmt = "0.00%";
    mine.getCell("C3").value = "已核对";
    mine.getCell("C3").note = "王会计 11月核对";
    mine.mergeCells("A5:C5");
    mine.getCell("A5").value = "合并的标题";
    (
      mine as ExcelJS.Worksheet & { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations.add("D2:D50", { type: "list", allowBlank: true, formulae: ['"是,否"'] });
    const reg = wb.getWorksheet("客户原簿")!;
    reg.getCell("AH1").value = "内部评分";
    reg.getCell("AH3").value = 4;
    reg.getCell("B3").note = "大客户,注意回款";
    (
      reg as ExcelJS.Worksheet & { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations.add("AH2:AH500", {
      type: "whole",
      operator: "between",
      allowBlank: true,
      formulae: [1, 5],
    });
    wb.definedNames.add("'我的表'!$A$1", "备忘");
    await writeBook(wb, book);
    original = await theirs(book);
    // The person's parts are there to be kept, and the product's rules came back too.
    assert.equal(original.myRules?.length, 1);
    assert.equal(original.registerExtraRules.length, 1);
    assert.equal(original.registerNote, "大客户,注意回款");
    assert.deepEqual(original.names, [{ name: "备忘", ranges: ["'我的表'!$A$1"] }]);
  });

  for (const command of [
    ["dept-lists"],
    ["build-month", "2026-10"],
    ["mail", "--purpose", "年末回访"],
    ["card", "C000003"],
  ])
    for (const where of ["in place", "--out"])
      it(`${command[0]} ${where}`, async () => {
        const copy = join(dir, `${command[0]}-${where === "in place" ? "in" : "out"}.xlsx`);
        copyFileSync(book, copy);
        const target = where === "in place" ? copy : join(dir, `${command[0]}-written.xlsx`);
        const args = [
          command[0]!,
          copy,
          ...command.slice(1),
          ...(where === "--out" ? ["--out", target] : []),
        ];
        assert.equal(await main(args, quiet), 0);
        assert.deepEqual(await theirs(target), original);
        // The product's own rules: one per rule-bearing column, bounded.
        const { kept } = await takeOutValidations(readFileSync(target));
        const productRules = (kept.get("客户原簿") ?? []).filter((r) => !/sqref="AH/.test(r));
        assert.ok(productRules.length > 5, `${productRules.length} product rules`);
        for (const rule of productRules) assert.doesNotMatch(rule, /1048576/, rule.slice(0, 160));
        assert.ok(snapshotOf(await openBook(target)).sheets["客户原簿"]!.values.length > 30);
      });
});
