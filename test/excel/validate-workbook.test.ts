import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { selectCell } from "../../src/excel/actions/select-cell";
import { register } from "../../src/domain/schema/sheets";
import { sampleRegister } from "../../src/domain/sample";
import type { Platform } from "../../src/excel/env";
import { adopt, envOf } from "./fixtures";

const today = "2026-11-24";
const postcode = register.columns.findIndex((c) => c.key === "postcode");

async function bookWith(rows: number, platform: Platform) {
  const host = new MemoryExcelHost({ platform });
  await setUpWorkbook(envOf(host, platform));
  const data = sampleRegister(rows, "zh");
  data[rows - 1]![postcode] = "１００１２０";
  host.seedSheet("客户原簿", [register.columns.map((c) => c.header.zh), ...data], { raw: true });
  await adopt(host, platform);
  host.resetCounters();
  return host;
}

describe("Validate workbook (adapter through the in-memory Excel host)", function () {
  this.timeout(90_000);
  it("lists a problem with the cell to jump to, and selecting it selects that cell", async () => {
    const host = await bookWith(10, "web");
    const result = await validateWorkbook(envOf(host), today);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(
      result.problems.map((p) => [p.sheetName, p.address, p.rule, p.fix]),
      [["客户原簿", "F11", "postcode.format", "100120"]],
    );
    assert.equal(result.checked["客户原簿"], 10);
    await selectCell(envOf(host), "客户原簿", "F11");
    assert.equal(host.selection?.sheet, "客户原簿");
    assert.match(host.selection?.address ?? "", /F11$/);
  });

  it("makes as many syncs on a 100,000-row register as on a 10-row one (Excel desktop: no payload limit)", async () => {
    const small = await bookWith(10, "desktop");
    await validateWorkbook(envOf(small, "desktop"), today);
    const big = await bookWith(100_000, "desktop");
    const result = await validateWorkbook(envOf(big, "desktop"), today);
    assert.ok(result.ok);
    assert.equal(result.checked["客户原簿"], 100_000);
    assert.equal(result.problems.length, 1);
    assert.equal(big.syncs, small.syncs);
    assert.equal(big.syncs, 2);
  });

  it("on Excel on the web, reads a 100,000-row register in slices that each stay under 5 MB", async () => {
    const small = await bookWith(10, "web");
    await validateWorkbook(envOf(small), today);
    assert.equal(small.syncs, 3, "names, sizes, one slice");

    const big = await bookWith(100_000, "web");
    const result = await validateWorkbook(envOf(big), today);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.failure));
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0]!.address, "F100001");
    const limit = 5 * 1024 * 1024;
    assert.ok(big.syncLog.every((s) => s.requestBytes < limit && s.responseBytes < limit));
    const data = big.syncLog.reduce((a, s) => a + s.responseBytes, 0);
    // The slices are what the 5 MB answer limit forces, not one per row: each carries
    // megabytes (a first, smaller one measures the rows), plus the reads of names and sizes.
    assert.ok(data > 25 * 1024 * 1024, "the register really is too big for one answer");
    assert.ok(
      big.syncs <= 2 + 1 + Math.ceil(data / (2.5 * 1024 * 1024)),
      `${big.syncs} syncs for ${data} bytes`,
    );
  });

  it("turns a broken connection into a message, not an exception", async () => {
    const host = await bookWith(10, "web");
    host.failAtSync(2, { mode: "before", code: "GeneralException" });
    const result = await validateWorkbook(envOf(host), today);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.failure.code, "GeneralException");
  });
});
