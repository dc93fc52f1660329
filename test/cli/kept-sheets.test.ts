/**
 * Kept sheets through the command-line tool (issue 19): `validate` reads each sheet's
 * visibility and protection from the file and names what the rule 保密工作表隐藏 does not
 * allow; a command that writes the file keeps the sheets as hidden and protected as it found them.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { openBook } from "../../src/cli/xlsx";

const KEPT = ["客户原簿", "交易中止", "交易过去", "销毁记录", "变更记录", "人员"];

function capture() {
  const lines: string[] = [];
  return { lines, out: { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) } };
}

describe("the command-line tool and kept sheets", function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "cli-kept-"));

  it("names every kept sheet in sight or unprotected under the rule, and none once they are kept; writing keeps them so", async () => {
    const book = join(dir, "kept.xlsx");
    assert.equal(await main(["sample", book, "--rows", "30", "--month", "2026-11"], capture().out), 0);
    const wb = await openBook(book);
    const settings = wb.getWorksheet("设置")!;
    settings.eachRow((row) => {
      if (row.getCell(5).value === "保密工作表隐藏") row.getCell(6).value = "是";
    });
    await wb.xlsx.writeFile(book);

    const shown = capture();
    assert.equal(await main(["validate", book, "--today", "2026-11-24"], shown.out), 1);
    for (const name of KEPT) {
      assert.ok(
        shown.lines.some((l) => l.startsWith(`${name}!A1`) && l.includes("已被手动显示")),
        `${name} shown: ${shown.lines.join("\n")}`,
      );
      assert.ok(
        shown.lines.some((l) => l.startsWith(`${name}!A1`) && l.includes("未受保护")),
        `${name} unprotected`,
      );
    }

    for (const name of KEPT) {
      const ws = wb.getWorksheet(name)!;
      await ws.protect("", { formatColumns: true });
      ws.state = "veryHidden";
    }
    await wb.xlsx.writeFile(book);
    const kept = capture();
    await main(["validate", book, "--today", "2026-11-24"], kept.out);
    assert.deepEqual(
      kept.lines.filter((l) => /已被手动显示|未受保护|时间已过/.test(l)),
      [],
    );

    // A command that writes the file (the department lists, into the Register's workbook).
    assert.equal(await main(["dept-lists", book], capture().out), 0);
    const after = await openBook(book);
    for (const name of KEPT) {
      const ws = after.getWorksheet(name)!;
      assert.equal(ws.state, "veryHidden", name);
      assert.equal(
        (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet,
        true,
        name,
      );
    }
  });
});
