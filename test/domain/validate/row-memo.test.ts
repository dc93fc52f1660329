import assert from "node:assert/strict";
import { forgetCheckedRows, validateWorkbook } from "../../../src/domain/validation";
import { defaultSettings, type Settings } from "../../../src/domain/settings";
import { intake, register } from "../../../src/domain/schema/sheets";
import { sampleRegister } from "../../../src/domain/sample";
import { isoToSerial } from "../../../src/domain/validate/date";
import type { Cell, Snapshot } from "../../../src/domain/workbook";

// Issue 15: a row's cell checks are remembered by its content and what they depend on (the
// sheet, header language, day, the Settings lists), so a second Validate checks again only
// rows that changed. Each answer must be exactly what checking afresh answers.
const col = (key: string) => register.columns.findIndex((c) => c.key === key);

function book(rows: Cell[][]): Snapshot {
  const r = register.name.zh;
  const i = intake.name.zh;
  return {
    sheetNames: [r, i],
    sheets: {
      [r]: { name: r, values: [register.columns.map((c) => c.header.zh), ...rows] },
      [i]: { name: i, values: [intake.columns.map((c) => c.header.zh)] },
    },
  };
}

/** Validate with nothing remembered. */
function afresh(snapshot: Snapshot, settings: Settings, today: string) {
  forgetCheckedRows();
  return validateWorkbook(snapshot, settings, today);
}

describe("a row's checks remembered by its content (issue 15)", () => {
  const today = "2026-11-24";
  let rows: Cell[][];
  beforeEach(() => {
    forgetCheckedRows();
    rows = sampleRegister(6, "zh");
  });

  it("validating again gives the same findings, at each row's own number", () => {
    rows[4] = [...rows[1]!];
    rows[4]![col("postcode")] = rows[1]![col("postcode")] = "10012";
    const first = validateWorkbook(book(rows), defaultSettings, today);
    const again = validateWorkbook(book(rows), defaultSettings, today);
    assert.deepEqual(again.problems, first.problems);
    const postcodes = again.problems.filter((p) => p.rule === "postcode.format").map((p) => p.row);
    assert.deepEqual(postcodes, [3, 6]);
  });

  it("a changed cell is checked again", () => {
    validateWorkbook(book(rows), defaultSettings, today);
    rows[2]![col("phone")] = "打电话";
    const again = validateWorkbook(book(rows), defaultSettings, today);
    assert.deepEqual(again.problems, afresh(book(rows), defaultSettings, today).problems);
    assert.ok(again.problems.some((p) => p.row === 4 && p.column === "phone"));
  });

  it("a Settings list that changed changes the answer for the same row", () => {
    const region = String(rows[0]![col("region")]);
    validateWorkbook(book(rows), defaultSettings, today);
    const fewer = { ...defaultSettings, regions: defaultSettings.regions.filter((r) => r !== region) };
    const again = validateWorkbook(book(rows), fewer, today);
    assert.deepEqual(again.problems, afresh(book(rows), fewer, today).problems);
    assert.ok(
      again.problems.some((p) => p.row === 2 && p.column === "region"),
      region,
    );
  });

  it("another day changes the answer for a date in between", () => {
    rows[0]![col("firstTradeDate")] = isoToSerial("2026-11-25");
    const before = validateWorkbook(book(rows), defaultSettings, today);
    assert.ok(before.problems.some((p) => p.row === 2 && p.rule === "date.future"));
    const next = validateWorkbook(book(rows), defaultSettings, "2026-11-25");
    assert.deepEqual(next.problems, afresh(book(rows), defaultSettings, "2026-11-25").problems);
    assert.ok(!next.problems.some((p) => p.row === 2 && p.rule === "date.future"));
  });

  it("a number and the same digits as text are not the same content", () => {
    rows[0]![col("postcode")] = "100120";
    validateWorkbook(book(rows), defaultSettings, today);
    rows[0]![col("postcode")] = 100120;
    const again = validateWorkbook(book(rows), defaultSettings, today);
    assert.deepEqual(again.problems, afresh(book(rows), defaultSettings, today).problems);
  });
});
