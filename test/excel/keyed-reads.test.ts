/**
 * Issue 15: a customer's or a request's rows found by Excel (domain/partial-read.ts
 * `keyed`): COUNTIF of the ID, COUNTIF of `*ID*` and MATCH, block by block, instead of
 * reading the ID column — and the same rows as reading the column and picking by the ID
 * (`keyedAsPick`), whatever anyone typed there: the ID twice, padded with a space, in
 * lower case, inside a longer text, as a number, far down the sheet.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { Book, ReadShifted } from "../../src/excel/book";
import { readNeeds } from "../../src/excel/partial";
import { KEYED_BLOCK, countableKeys, keyedAsPick, keyedRows, type Need } from "../../src/domain/partial-read";
import { intakeStatuses } from "../../src/domain/schema/choices";
import { asTyped } from "../../src/host/range";
import { changeLog, register } from "../../src/domain/schema/sheets";
import type { Cell } from "../../src/domain/workbook";
import { journalPlanApply } from "../../src/excel/actions/journal-plan-apply";
import { guarded } from "../../src/excel/actions/result";
import { correctCustomer } from "../../src/excel/actions/workflow";
import { planCorrection } from "../../src/domain/correction";
import { envOf } from "./fixtures";
import { now, staffOf, world, type People } from "./integrity/world";
import { difference } from "./support/same-book";
import { pasteRow, typeInto } from "./integrity/insider";

const SHEET = register.name.zh;
const header = register.columns.map((c) => c.header.zh);

/** A Register whose ID column holds `ids` at the given rows (1-based below the header), every other cell blank but a name. */
function registerOf(cells: Map<number, Cell>, height: number): MemoryExcelHost {
  const host = new MemoryExcelHost({ platform: "web", sheets: [SHEET] });
  const rows: Cell[][] = [header];
  for (let r = 1; r < height; r++) {
    const id = cells.get(r) ?? "";
    rows.push(id === "" ? [] : [id, `名称${r}`]);
  }
  host.seedSheet(SHEET, rows, { raw: true });
  host.resetCounters();
  return host;
}

const read = (host: MemoryExcelHost, need: Need) =>
  host.run({}, (excel) => readNeeds(new Book(excel as never, "web"), [need]));
const readBytes = (host: MemoryExcelHost) => host.syncLog.reduce((sum, s) => sum + s.responseBytes, 0);

describe("rows found by Excel's counts instead of their ID column (issue 15)", function () {
  this.timeout(120_000);

  it("settles a key once and exactly, finds none where Excel counts none, and reads the block for anything else", () => {
    const block = { row: 1, rows: 100 };
    const at = (exact: number, around: number, first: number, key = "C000001") => ({
      key,
      block,
      exact,
      around,
      first,
    });
    assert.deepEqual([...keyedRows([at(1, 1, 7)]).rows], [[7, "C000001"]]);
    assert.deepEqual(keyedRows([at(0, 0, 0)]), { rows: new Map(), unsettled: [] });
    // Twice, padded elsewhere, padded only, an answer that does not add up, a MATCH beyond the block.
    for (const odd of [at(2, 2, 3), at(1, 2, 3), at(0, 1, 0), at(1, 0, 3), at(1, 1, 0), at(1, 1, 101)])
      assert.deepEqual(keyedRows([odd]), { rows: new Map(), unsettled: [block] }, JSON.stringify(odd));
    // Answers Excel would not give (twice, yet once around it) settle nothing either.
    assert.deepEqual(keyedRows([at(2, 1, 3)]), { rows: new Map(), unsettled: [block] });
    // A key settled in a block read anyway for another key is found again in the read —
    // at the block's first row too — and a row just past that block is not.
    const both = keyedRows([at(1, 1, 5), at(2, 2, 9, "C000002")]);
    assert.deepEqual([...both.rows], []);
    assert.deepEqual(both.unsettled, [block]);
    const next = { row: 101, rows: 100 };
    const edges = keyedRows([
      at(1, 1, 1),
      at(2, 2, 9, "C000002"),
      { key: "C000003", block: next, exact: 1, around: 1, first: 1 },
    ]);
    assert.deepEqual([...edges.rows], [[101, "C000003"]]);
  });

  it("reads the same rows as the ID column picked by key, whatever is typed in it (fast-check)", async () => {
    const variants = (id: string): Cell[] => [
      id,
      id.toLowerCase(),
      ` ${id}`,
      `${id}\u3000`,
      `${id}9`,
      `X${id}`,
    ];
    const ids = ["C000001", "C000002", "C000003"];
    const cell = fc.oneof(
      fc.constantFrom(...ids).chain((id) => fc.constantFrom(...variants(id))),
      fc.constantFrom<Cell>(123, true, "C000004", "其他"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: KEYED_BLOCK * 2 + 50 }),
        fc.array(fc.tuple(fc.nat(), cell), { maxLength: 12 }),
        fc.subarray(ids, { minLength: 1 }),
        async (height, placed, keys) => {
          const cells = new Map(placed.map(([r, v]) => [1 + (r % Math.max(1, height - 1)), v] as const));
          const need: Need = { schema: register, keyed: { column: "id", keys } };
          const keyedHost = registerOf(cells, height);
          const pickHost = registerOf(cells, height);
          const byExcel = await read(keyedHost, need);
          const byColumn = await read(pickHost, keyedAsPick(need));
          assert.deepEqual(byExcel.sheets[SHEET]?.values, byColumn.sheets[SHEET]?.values);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reads a customer's row and not the ID column: a few hundred bytes on a 20,000-row Register", async () => {
    const cells = new Map<number, Cell>(
      Array.from({ length: 20_000 }, (_, i) => [i + 1, `C${String(i + 1).padStart(6, "0")}`]),
    );
    const need: Need = { schema: register, keyed: { column: "id", keys: ["C012345"] } };
    const byExcel = registerOf(cells, 20_001);
    const byColumn = registerOf(cells, 20_001);
    const a = await read(byExcel, need);
    const b = await read(byColumn, keyedAsPick(need));
    assert.deepEqual(a.sheets[SHEET]?.values[12345]?.slice(0, 2), ["C012345", "名称12345"]);
    assert.deepEqual(a.sheets[SHEET]?.values, b.sheets[SHEET]?.values);
    assert.ok(readBytes(byColumn) > 200_000, `the column: ${readBytes(byColumn)} bytes`);
    assert.ok(readBytes(byExcel) < 5_000, `Excel's counts: ${readBytes(byExcel)} bytes`);
    // IDs of two letters (a contact's, a loan's) are asked about the same way.
    const twoLetters = new Map<number, Cell>(
      Array.from({ length: 20_000 }, (_, i) => [i + 1, `LX${String(i + 1).padStart(6, "0")}`]),
    );
    const lx = registerOf(twoLetters, 20_001);
    await read(lx, { schema: register, keyed: { column: "id", keys: ["LX012345"] } });
    assert.ok(readBytes(lx) < 5_000, `LX012345: ${readBytes(lx)} bytes`);
    // More keys than Excel is asked about: the column, as before.
    const many: Need = {
      schema: register,
      keyed: {
        column: "id",
        keys: Array.from({ length: 21 }, (_, i) => `C${String(i + 1).padStart(6, "0")}`),
      },
    };
    const wide = registerOf(cells, 20_001);
    await read(wide, many);
    assert.ok(readBytes(wide) > 200_000);
  });

  it("asks Excel about choices' labels it keeps as text, never about words it could read as a month, a day or a logical value", () => {
    for (const label of [...intakeStatuses.flatMap((s) => [s.zh, s.en]), "C000001", "LX000002"]) {
      assert.ok(countableKeys([label]), label);
      // The host, as strict as Excel, keeps each of them as text.
      assert.equal(asTyped(label, "General"), label);
    }
    for (const word of [
      "TRUE",
      "false",
      "Draft Mar",
      "AM",
      "pm",
      "待盖章 ",
      "R-1",
      "Mar-1",
      "a",
      "On hold?",
      "9待盖章",
      "x待盖章",
      "-Draft",
      "9 Draft",
    ])
      assert.equal(countableKeys([word]), false, word);
    // Every month and day, short and long, alone or among other words: Excel may read them as dates.
    const months = [
      "January",
      "February",
      "March",
      "April",
      "May",
      "June",
      "July",
      "August",
      "September",
      "October",
      "November",
      "December",
    ];
    const days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    for (const name of [...months, ...days]) {
      const short = name.slice(0, 3);
      for (const word of [
        name,
        short,
        name.toUpperCase(),
        short.toLowerCase(),
        `Draft ${name}`,
        `${short} Draft`,
      ])
        assert.equal(countableKeys([word]), false, word);
    }
    for (const word of ["Sept", "Tues", "Wednes", "Thurs", "Thur", "Satur"])
      assert.equal(countableKeys([word]), false, word);
  });

  it("asks Excel only about IDs as the add-in makes them: one Excel might read as a logical value or a date is found by its column", async () => {
    const cells = new Map<number, Cell>([
      [1, "TRUE"],
      [2, "Mar-1"],
      [3, "C-1"],
      [4, "C000004"],
    ]);
    for (const key of ["TRUE", "Mar-1", "C-1", "C000004*", "+A1", "1A1"]) {
      // With a key Excel can be asked about, as a pane asking for two customers would.
      const need: Need = { schema: register, keyed: { column: "id", keys: ["C000004", key] } };
      const a = await read(registerOf(cells, 5), need);
      const b = await read(registerOf(cells, 5), keyedAsPick(need));
      assert.deepEqual(a.sheets[SHEET]?.values, b.sheets[SHEET]?.values, key);
    }
  });

  it("reads again when a co-author's row moves the found row between Excel's counts and the row read", async () => {
    const cells = new Map<number, Cell>([
      [1, "C000001"],
      [2, "C000002"],
      [3, "C000003"],
    ]);
    const host = registerOf(cells, 4);
    // Syncs 1–2 list the sheets and read headers, 3 counts, 4 reads the rows: C000001 goes before 4.
    host.gate = (n) => {
      if (n === 4) host.store.get(SHEET).deleteCells({ row: 1, col: 0, rows: 1, cols: 16384 }, "Up");
    };
    const snapshot = await read(host, { schema: register, keyed: { column: "id", keys: ["C000003"] } });
    const values = snapshot.sheets[SHEET]!.values;
    assert.deepEqual(
      values.flatMap((row, r) => (row[0] ? [[r, row[0]]] : [])),
      [
        [0, header[0]],
        [2, "C000003"],
      ],
    );
    // Moving under every attempt: nothing is planned on another row.
    const restless = registerOf(new Map([...cells, [4, "C000004"]]), 5);
    restless.gate = (n) => {
      if (n >= 4) restless.store.get(SHEET).insertCells({ row: 1, col: 0, rows: 1, cols: 16384 });
    };
    await assert.rejects(
      read(restless, { schema: register, keyed: { column: "id", keys: ["C000002"] } }),
      (e) => {
        assert.ok(e instanceof ReadShifted, String(e));
        return true;
      },
    );
  });

  describe("a correction decides as a whole read does, whatever is typed in the Register's ID column", () => {
    let people: People;
    let base: MemoryExcelHost;
    before(async () => {
      people = await staffOf();
      base = await world(people);
    });
    const correctWhole = (host: MemoryExcelHost, id: string) =>
      guarded(() =>
        journalPlanApply(envOf(host), undefined, {} as never, ({ snapshot, settings, trust }) =>
          planCorrection(
            snapshot,
            settings,
            trust,
            id,
            { phone: "010-66668888" },
            "客户来函",
            "陈会计",
            now,
            "zh",
          ),
        ),
      );
    const rowOf = (host: MemoryExcelHost, id: string) =>
      host.sheet(SHEET).values.findIndex((r) => r[0] === id) + 1;
    type Outcome = "corrected" | "refused";
    const cases: [string, (host: MemoryExcelHost) => void, Outcome][] = [
      ["as it is", () => undefined, "corrected"],
      [
        "pasted again with a space before its ID",
        (h) => void pasteRow(h, SHEET, [" C000002", "某公司"]),
        "refused",
      ],
      [
        "another row holding its ID in lower case",
        (h) => void pasteRow(h, SHEET, ["c000002", "某公司"]),
        "corrected",
      ],
      // Found (its ID, trimmed) and corrected: the write goes to the row by its number, since
      // Excel's search would look for the ID without the space (keyed.ts). It used to fail
      // with "moved by someone else", which no retry could mend.
      [
        "its own ID typed with an ideographic space after it",
        (h) => typeInto(h, SHEET, rowOf(h, "C000002"), "客户编号", "C000002\u3000"),
        "corrected",
      ],
      [
        "its own ID typed in lower case",
        (h) => typeInto(h, SHEET, rowOf(h, "C000002"), "客户编号", "c000002"),
        "refused",
      ],
      [
        "pasted again far down, past Excel's first block of counts",
        (h) => h.seedSheet(SHEET, [["C000002", "某公司"]], { at: `A${KEYED_BLOCK + 300}`, raw: true }),
        "refused",
      ],
    ];
    for (const [what, change, outcome] of cases)
      it(`its ID ${what}`, async () => {
        const from = base.clone();
        change(from);
        const a = from.clone();
        const b = from.clone();
        const x = await correctWhole(a, "C000002");
        const y = await correctCustomer(
          envOf(b),
          "C000002",
          { phone: "010-66668888" },
          "客户来函",
          "陈会计",
          now,
        );
        assert.equal(difference(b, a), "");
        if (!x.ok || !y.ok) {
          assert.deepEqual(y, x);
          assert.equal(y.ok ? "" : y.failure.code, outcome);
          return;
        }
        assert.deepEqual(y.problems, x.problems);
        // The case does what it says: a correction made, or refused naming the ID.
        assert.equal(y.problems.length === 0 ? "corrected" : "refused", outcome, JSON.stringify(y.problems));
        if (outcome === "refused") assert.match(JSON.stringify(y.problems), /C000002/);
      });

    for (const typed of ["TRUE", "Mar-1", "R*"])
      it(`a request number typed as ${typed} in a row of its closure in the log: decided by the log's columns, not asked of Excel`, async () => {
        const from = base.clone();
        const log = from.sheet("变更记录").values;
        const at = (key: string) => changeLog.columns.findIndex((c) => c.key === key);
        const row = log.findIndex((r) => r[at("customerId")] === "C000013" && r[at("requestNo")]) + 1;
        assert.ok(row > 1, "a log row of C000013 naming its request");
        typeInto(from, "变更记录", row, changeLog.columns[at("requestNo")]!.header.zh, typed);
        const a = from.clone();
        const b = from.clone();
        const x = await correctWhole(a, "C000013");
        const y = await correctCustomer(
          envOf(b),
          "C000013",
          { phone: "010-66668888" },
          "客户来函",
          "陈会计",
          now,
        );
        assert.ok(y.ok, JSON.stringify(y));
        assert.deepEqual(y, x);
        assert.equal(difference(b, a), "");
      });
  });
});
