import assert from "node:assert/strict";
import { forgetCheckedRows, validateWorkbook } from "../../../src/domain/validation";
import { defaultSettings, type Settings } from "../../../src/domain/settings";
import { intake, register } from "../../../src/domain/schema/sheets";
import { sampleRegister } from "../../../src/domain/sample";
import { isoToSerial } from "../../../src/domain/validate/date";
import type { Cell, Snapshot } from "../../../src/domain/workbook";
import { asRead } from "../../../src/domain/records";

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

// Session 28: findings are kept with the rows as read (asRead) — the arrays Excel's answer
// gave — and taken again only for the very same array at the same place, under the same
// header, day and Settings lists.
describe("a row's findings kept with the row as read (issue 15)", () => {
  const today = "2026-11-24";
  const read = (rows: Cell[][]) => asRead(book(rows));
  let rows: Cell[][];
  beforeEach(() => {
    forgetCheckedRows();
    rows = sampleRegister(6, "zh");
  });

  /** The snapshot as read again: the same header and rows, but as `change` puts them. */
  function readAgain(before: Snapshot, change: (values: Cell[][]) => void): Snapshot {
    const name = register.name.zh;
    const values = [...before.sheets[name]!.values];
    change(values);
    return asRead({ ...before, sheets: { ...before.sheets, [name]: { name, values } } });
  }

  it("a row read again with other content is checked again; the rows around it keep theirs", () => {
    const first = read(rows);
    validateWorkbook(first, defaultSettings, today);
    const changed = readAgain(first, (values) => {
      values[3] = [...values[3]!];
      values[3]![col("phone")] = "打电话";
    });
    const again = validateWorkbook(changed, defaultSettings, today);
    assert.deepEqual(again.problems, afresh(changed, defaultSettings, today).problems);
    assert.ok(again.problems.some((p) => p.row === 4 && p.column === "phone"));
  });

  it("rows that moved (a row inserted above them) are judged at their new rows", () => {
    rows[3]![col("postcode")] = "10012";
    const first = read(rows);
    assert.deepEqual(
      validateWorkbook(first, defaultSettings, today)
        .problems.filter((p) => p.rule === "postcode.format")
        .map((p) => p.row),
      [5],
    );
    const inserted = readAgain(first, (values) => {
      const row = [...values[6]!];
      row[col("id")] = "C-INSERTED";
      values.splice(2, 0, row);
    });
    const again = validateWorkbook(inserted, defaultSettings, today);
    assert.deepEqual(again.problems, afresh(inserted, defaultSettings, today).problems);
    assert.deepEqual(
      again.problems.filter((p) => p.rule === "postcode.format").map((p) => p.row),
      [6],
    );
  });

  it("blank rows and a repeated header are skipped, the first time and again", () => {
    const header = register.columns.map((c) => c.header.zh);
    const mixed = [
      rows[0]!,
      register.columns.map(() => ""),
      [...header],
      [" ", "", "\u3000"],
      ...rows.slice(1),
    ];
    const snapshot = read(mixed);
    for (const run of ["first", "again"]) {
      const report = validateWorkbook(snapshot, defaultSettings, today);
      assert.deepEqual(report.problems, afresh(book(mixed), defaultSettings, today).problems, run);
      assert.deepEqual(
        report.problems.filter((p) => p.row >= 3 && p.row <= 5),
        [{ sheet: "register", row: 4, column: "", rule: "header.repeated", value: "" }],
        run,
      );
      assert.equal(report.checked[register.name.zh], rows.length, run);
    }
  });

  it("a row shorter than the header is judged as if its missing cells were blank", () => {
    const short = rows[1]!.slice(0, 5);
    const padded = [...short, ...register.columns.slice(5).map(() => "")];
    const problemsAt3 = (rs: Cell[][]) =>
      validateWorkbook(read(rs), defaultSettings, today)
        .problems.filter((p) => p.row === 3)
        .map((p) => [p.column, p.rule]);
    assert.deepEqual(problemsAt3([rows[0]!, short]), problemsAt3([rows[0]!, padded]));
    assert.ok(problemsAt3([rows[0]!, padded]).length > 0, "required cells left blank are named");
  });

  it("an ID typed with spaces around it is offered trimmed", () => {
    rows[1]![col("id")] = ` ${String(rows[1]![col("id")])} `;
    const found = validateWorkbook(read(rows), defaultSettings, today).problems.filter(
      (p) => p.column === "id",
    );
    assert.deepEqual(
      found.map((p) => [p.row, p.rule, p.fix]),
      [[3, "id.format", String(rows[1]![col("id")]).trim()]],
    );
  });

  it("the same rows under another day or other Settings lists are judged again", () => {
    rows[0]![col("firstTradeDate")] = isoToSerial("2026-11-25");
    const snapshot = read(rows);
    assert.ok(
      validateWorkbook(snapshot, defaultSettings, today).problems.some((p) => p.rule === "date.future"),
    );
    const next = validateWorkbook(snapshot, defaultSettings, "2026-11-25");
    assert.ok(!next.problems.some((p) => p.rule === "date.future"));
    const region = String(rows[1]![col("region")]);
    const fewer = { ...defaultSettings, regions: defaultSettings.regions.filter((r) => r !== region) };
    const narrower = validateWorkbook(snapshot, fewer, "2026-11-25");
    assert.deepEqual(narrower.problems, afresh(book(rows), fewer, "2026-11-25").problems);
    assert.ok(narrower.problems.some((p) => p.row === 3 && p.column === "region"));
  });

  it("the same rows under another header are judged again", () => {
    rows[2]![col("phone")] = "打电话";
    const first = read(rows);
    assert.ok(validateWorkbook(first, defaultSettings, today).problems.some((p) => p.column === "phone"));
    const renamed = readAgain(first, (values) => {
      values[0] = [...values[0]!];
      values[0]![col("phone")] = "电话(旧)";
    });
    const again = validateWorkbook(renamed, defaultSettings, today);
    assert.deepEqual(again.problems, afresh(renamed, defaultSettings, today).problems);
    assert.ok(!again.problems.some((p) => p.row === 4 && p.column === "phone"));
  });
});
