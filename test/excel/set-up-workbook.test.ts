import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import { envOf } from "./fixtures";
import { register, setUpSheets } from "../../src/domain/schema/sheets";
import { sampleRegister } from "../../src/domain/sample";

describe("Set up workbook (adapter through the in-memory Excel host)", () => {
  it("creates every sheet with headers, text formats, drop-downs and a frozen header, in three syncs", async () => {
    const host = new MemoryExcelHost({ platform: "web" });
    const result = await setUpWorkbook(envOf(host));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(host.syncs, 3, "names, headers, then one write");
    for (const s of setUpSheets) assert.ok(host.sheetNames().includes(s.name.zh), s.name.zh);
    const sheet = host.sheet("客户原簿");
    assert.deepEqual(
      sheet.values[0],
      register.columns.map((c) => c.header.zh),
    );
    assert.equal(sheet.frozenRows, 1);
    const postcode = register.columns.findIndex((c) => c.key === "postcode");
    assert.equal(sheet.numberFormatAt(5, postcode), "@");
    const rules = sheet.validations.map((v) => JSON.stringify(v.rule));
    assert.ok(
      rules.some((r) => r.includes("='设置'!$A$2:$A$500")),
      "department drop-down points at Settings",
    );
    assert.ok(host.sheet("设置").values.some((r) => r[0] === "财务科"));
  });

  it("then keeps a typed postcode's leading zero, as Excel would with a text column", async () => {
    const host = new MemoryExcelHost({ platform: "web" });
    await setUpWorkbook(envOf(host));
    const postcode = register.columns.findIndex((c) => c.key === "postcode");
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("客户原簿").getRangeByIndexes(1, postcode, 1, 1).values = [
        ["010020"],
      ];
      await context.sync();
    });
    assert.equal(host.sheet("客户原簿").values[1]![postcode], "010020");
  });

  it("changes nothing and loses nothing when run again, even on a 100,000-row register", async () => {
    const host = new MemoryExcelHost({ platform: "web" });
    await setUpWorkbook(envOf(host));
    host.seedSheet("客户原簿", [register.columns.map((c) => c.header.zh), ...sampleRegister(100_000, "zh")], {
      raw: true,
    });
    const before = JSON.stringify(host.sheet("客户原簿").values);
    host.resetCounters();
    const again = await setUpWorkbook(envOf(host));
    assert.ok(again.ok && again.created.length === 0 && again.completed.length === 0);
    // The headers, then the four columns the duplicate index is made of (register-index.ts): no row.
    const read = host.syncLog.reduce((sum, s) => sum + s.responseBytes, 0);
    assert.ok(
      host.syncLog.every((s) => s.writes === 0),
      "no write",
    );
    assert.ok(read < 20_000_000, `${read} bytes: the header and four columns, not the rows`);
    assert.equal(JSON.stringify(host.sheet("客户原簿").values), before);
  });

  it("recognises a workbook set up in English while Office speaks Chinese", async () => {
    const host = new MemoryExcelHost({ platform: "web" });
    await setUpWorkbook(envOf(host, "web", "en-US"));
    const again = await setUpWorkbook(envOf(host, "web", "zh-CN"));
    assert.ok(again.ok);
    assert.equal(again.lang, "en");
    assert.deepEqual(again.created, []);
    assert.ok(!host.sheetNames().includes("客户原簿"));
  });

  it("reports a failed sync instead of throwing, and a second run finishes the job", async () => {
    const host = new MemoryExcelHost({ platform: "web" });
    host.failAtSync(3, { mode: "before" });
    const failed = await setUpWorkbook(envOf(host));
    assert.equal(failed.ok, false);
    assert.equal(!failed.ok && failed.failure.code, "GeneralException");
    assert.deepEqual(host.sheetNames(), ["Sheet1"]);
    const retried = await setUpWorkbook(envOf(host));
    assert.ok(retried.ok);
    assert.equal(host.sheetNames().length, 1 + setUpSheets.length);
  });

  it("finishes a set-up that a partial failure left half done", async () => {
    const host = new MemoryExcelHost({ platform: "web" });
    host.failAtSync(3, { mode: "partial" });
    assert.equal((await setUpWorkbook(envOf(host))).ok, false);
    const retried = await setUpWorkbook(envOf(host));
    assert.ok(retried.ok, JSON.stringify(retried));
    for (const s of setUpSheets) {
      assert.deepEqual(
        host.sheet(s.name.zh).values[0],
        s.columns.map((c) => c.header.zh),
        s.key,
      );
    }
  });
});
