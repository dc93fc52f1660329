import assert from "node:assert/strict";
import { planSetup } from "../../src/domain/setup";
import { register, setUpSheets, settings } from "../../src/domain/schema/sheets";
import type { Snapshot, Write } from "../../src/domain/workbook";

const empty: Snapshot = { sheetNames: ["Sheet1"], sheets: {} };
const valuesOf = (writes: Write[], sheet: string) =>
  writes.filter((w): w is Extract<Write, { kind: "values" }> => w.kind === "values" && w.sheet === sheet);

describe("planSetup", () => {
  it("creates every product sheet in the display language, with headers, formats, validation and a frozen row", () => {
    const report = planSetup(empty, "zh");
    assert.deepEqual(
      report.created,
      setUpSheets.map((s) => s.name.zh),
    );
    const header = valuesOf(report.writes, "客户原簿")[0]!;
    assert.deepEqual(
      header.values[0],
      register.columns.map((c) => c.header.zh),
    );
    const formats = report.writes.filter((w) => w.kind === "columnFormat" && w.sheet === "客户原簿");
    assert.equal(formats.length, register.columns.length);
    assert.ok(report.writes.some((w) => w.kind === "freezeRows" && w.sheet === "客户原簿" && w.count === 1));
  });

  it("keeps text columns as text so leading zeros survive, and dates as dates", () => {
    const writes = planSetup(empty, "en").writes;
    const format = (col: string) => {
      const index = register.columns.findIndex((c) => c.key === col);
      return writes.find((w) => w.kind === "columnFormat" && w.sheet === "Register" && w.col === index);
    };
    assert.equal((format("postcode") as { numberFormat: string }).numberFormat, "@");
    assert.equal((format("phone") as { numberFormat: string }).numberFormat, "@");
    assert.equal((format("firstTradeDate") as { numberFormat: string }).numberFormat, "yyyy-mm-dd");
  });

  it("gives drop-downs for fixed choices and for lists kept on the Settings sheet", () => {
    const writes = planSetup(empty, "zh").writes;
    const rule = (key: string) => {
      const index = register.columns.findIndex((c) => c.key === key);
      return writes.find((w) => w.kind === "validation" && w.sheet === "客户原簿" && w.col === index) as
        Extract<Write, { kind: "validation" }> | undefined;
    };
    assert.deepEqual(rule("class")!.rule, { list: { inCellDropDown: true, source: "A,B,C" } });
    assert.match(JSON.stringify(rule("type")!.rule), /供应商,经销商/);
    assert.deepEqual(rule("department")!.rule, {
      list: { inCellDropDown: true, source: "='设置'!$A$2:$A$500" },
    });
    assert.deepEqual(rule("region")!.rule, { list: { inCellDropDown: true, source: "='设置'!$C$2:$C$500" } });
    assert.ok(rule("firstTradeDate")!.rule && "date" in rule("firstTradeDate")!.rule);
    assert.match(rule("postcode")!.error.message, /邮编/);
  });

  it("writes the default Settings below its header", () => {
    const rows = valuesOf(planSetup(empty, "zh").writes, "设置");
    assert.equal(rows.length, 2);
    assert.equal(rows[1]!.row, 1);
    assert.ok(rows[1]!.values.some((r) => r[0] === "财务科"));
    assert.ok(rows[1]!.values.some((r) => r[4] === "复核月份" && r[5] === "2,8"));
  });

  it("writes nothing on a workbook that is already set up, in either language", () => {
    for (const lang of ["zh", "en"] as const) {
      const names = setUpSheets.map((s) => s.name[lang]);
      const snapshot: Snapshot = {
        sheetNames: ["Notes", ...names],
        sheets: Object.fromEntries(
          setUpSheets.map((s) => [
            s.name[lang],
            { name: s.name[lang], values: [s.columns.map((c) => c.header[lang])] },
          ]),
        ),
      };
      const report = planSetup(snapshot, lang === "zh" ? "en" : "zh");
      assert.deepEqual(report.writes, []);
      assert.equal(report.lang, lang, "the workbook's own language wins over the display language");
    }
  });

  it("adds only the missing columns after the user's own, and leaves the rest alone", () => {
    const header = [...register.columns.slice(0, 5).map((c) => c.header.en), "My own notes"];
    const snapshot: Snapshot = {
      sheetNames: ["Register"],
      sheets: { Register: { name: "Register", values: [header, ["C000001", "Acme"]] } },
    };
    const report = planSetup(snapshot, "zh");
    assert.equal(report.lang, "en");
    assert.ok(!report.created.includes("Register"));
    const added = valuesOf(report.writes, "Register");
    assert.equal(added.length, 1, "only the header cells are written");
    assert.equal(added[0]!.col, 6);
    assert.deepEqual(
      added[0]!.values[0],
      register.columns.slice(5).map((c) => c.header.en),
    );
    assert.ok(report.created.includes("Settings"), "the other sheets follow the register's language");
  });

  it("finds sheets by name whatever their position, and Settings lists wherever their columns are", () => {
    const moved = [...settings.columns].reverse();
    const snapshot: Snapshot = {
      sheetNames: ["设置", "Sheet1"],
      sheets: { 设置: { name: "设置", values: [moved.map((c) => c.header.zh)] } },
    };
    const writes = planSetup(snapshot, "zh").writes;
    const dept = register.columns.findIndex((c) => c.key === "department");
    const rule = writes.find((w) => w.kind === "validation" && w.sheet === "客户原簿" && w.col === dept);
    assert.deepEqual((rule as { rule: unknown }).rule, {
      list: { inCellDropDown: true, source: "='设置'!$F$2:$F$500" },
    });
  });
});
