import assert from "node:assert/strict";
import { checkWorkbook } from "../../src/domain/workbook-check";
import { register } from "../../src/domain/schema/sheets";
import { sampleRegister } from "../../src/domain/sample";
import type { Snapshot } from "../../src/domain/workbook";

// The worst case issue 15 found: a check with more problems than a function call takes
// arguments. `problems.push(...list)` threw "Maximum call stack size exceeded" past about
// 140,000 problems, so the pane showed a crash instead of the list.
describe("Validate of a workbook with very many problems", function () {
  this.timeout(120_000);
  it("lists 150,000 problems, each at its cell, instead of crashing", async () => {
    const rows = 150_000;
    const data = sampleRegister(rows, "zh");
    const postcode = register.columns.findIndex((c) => c.key === "postcode");
    for (const row of data) row[postcode] = "１００１２０"; // full-width digits: one problem per row
    const name = register.name.zh;
    const snapshot: Snapshot = {
      sheetNames: [name],
      sheets: { [name]: { name, values: [register.columns.map((c) => c.header.zh), ...data] } },
    };
    const outcome = await checkWorkbook(snapshot, "2026-11-24");
    const postcodes = outcome.problems.filter((p) => p.rule === "postcode.format");
    assert.equal(postcodes.length, rows);
    assert.equal(outcome.checked[name], rows);
    assert.deepEqual(
      [postcodes[0], postcodes[rows - 1]].map((p) => [p!.sheetName, p!.address, p!.fix]),
      [
        [name, "F2", "100120"],
        [name, `F${rows + 1}`, "100120"],
      ],
    );
  });
});
