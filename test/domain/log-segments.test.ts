import assert from "node:assert/strict";
import fc from "fast-check";
import { applyToSnapshot } from "../../src/domain/apply";
import {
  SegmentMap,
  joinSegments,
  joinLog,
  joinedState,
  logChanges,
  logSegmentNames,
  nextSegmentName,
  placeIn,
  segmentRows,
  segmentWrites,
  setSegmentRows,
} from "../../src/domain/log-segments";
import type { Cell, SheetState, Snapshot, Write } from "../../src/domain/workbook";

const HEADER = ["时间", "操作人", "操作", "操作编号", "客户编号"];
const LOG = "变更记录";

/** A workbook of the log's segments (and one other sheet), each as a grid from A1. */
function book(segments: Cell[][][], other = true): Snapshot {
  const names = segments.map((_, i) => (i ? `${LOG} ${i + 1}` : LOG));
  const sheets: Snapshot["sheets"] = {};
  names.forEach((name, i) => (sheets[name] = { name, values: segments[i]! }));
  if (other) sheets["客户名簿"] = { name: "客户名簿", values: [["客户编号"]] };
  return { sheetNames: other ? ["客户名簿", ...names] : names, sheets };
}

/** The log as the core sees it: its segments' sheets, found and joined. */
function logOf(snapshot: Snapshot): Cell[][] {
  return joinSegments(logSegmentNames(snapshot.sheetNames).map((n) => snapshot.sheets[n]!.values));
}

function mapOf(snapshot: Snapshot): SegmentMap {
  return new SegmentMap(
    logSegmentNames(snapshot.sheetNames).map((sheet) => ({
      sheet,
      height: snapshot.sheets[sheet]!.values.length,
    })),
  );
}

const row = (n: number): Cell[] => [`t${n}`, "王", "intake", `op${n}`, `C${n}`];

/** Appends `count` rows at the log's end through the mapping; the workbook after. */
function append(snapshot: Snapshot, count: number, next: number, capacity: number): Snapshot {
  const map = mapOf(snapshot);
  const values = Array.from({ length: count }, (_, i) => row(next + i));
  const w: Write = { kind: "values", sheet: LOG, row: Math.max(1, map.height), col: 0, values };
  const { opening, writes } = segmentWrites(map, [w], { header: HEADER, capacity });
  return applyToSnapshot(snapshot, [...opening, ...writes]);
}

describe("The Change log on several sheets (log-segments.ts)", () => {
  it("finds the segments by name in either language and by number, not by tab order", () => {
    assert.deepEqual(
      logSegmentNames(["变更记录 3", "客户名簿", "变更记录", "变更记录 2", "变更记录 x", "变更记录 1"]),
      ["变更记录", "变更记录 2", "变更记录 3"],
    );
    assert.deepEqual(logSegmentNames(["Change Log", "change log 2", "Change log 10"]), [
      "Change Log",
      "change log 2",
      "Change log 10",
    ]);
    assert.deepEqual(logSegmentNames(["变更记录 2"]), [], "no first segment: no log");
    assert.equal(nextSegmentName(["变更记录", "变更记录 2", "变更记录 7"]), "变更记录 8");
    assert.equal(nextSegmentName(["Change log"]), "Change log 2");
  });

  it("places the log's rows on their segments and splits a block at each segment's end", () => {
    // 变更记录: header + 3 rows; 2: header + 2 rows; 3: header only; 4: 1 row.
    const map = new SegmentMap([
      { sheet: "a", height: 4 },
      { sheet: "b", height: 3 },
      { sheet: "c", height: 1 },
      { sheet: "d", height: 2 },
    ]);
    assert.equal(map.height, 7);
    assert.deepEqual(
      [0, 1, 3, 4, 5, 6, 7].map((r) => map.place(r)),
      [
        { sheet: "a", row: 0 },
        { sheet: "a", row: 1 },
        { sheet: "a", row: 3 },
        { sheet: "b", row: 1 },
        { sheet: "b", row: 2 },
        { sheet: "d", row: 1 },
        { sheet: "d", row: 2 },
      ],
    );
    assert.deepEqual(map.pieces(0, 8), [
      { sheet: "a", row: 0, rows: 1, at: 0 },
      { sheet: "a", row: 1, rows: 3, at: 1 },
      { sheet: "b", row: 1, rows: 2, at: 4 },
      { sheet: "d", row: 1, rows: 2, at: 6 },
    ]);
    assert.equal(new SegmentMap([{ sheet: "a", height: 0 }]).height, 0);
    assert.equal(new SegmentMap([{ sheet: "a", height: 1 }]).height, 1);
  });

  it("keeps every row appended, in order, each action's rows on one sheet, a new sheet only once the last is full", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 25 }),
        (capacity, counts) => {
          let snapshot = book([[HEADER]]);
          let next = 0;
          for (const count of counts) {
            const before = logSegmentNames(snapshot.sheetNames).length;
            snapshot = append(snapshot, count, next, capacity);
            next += count;
            const names = logSegmentNames(snapshot.sheetNames);
            // The rows of one append stand on one sheet.
            {
              const holding = names.filter((n) =>
                snapshot.sheets[n]!.values.some((r) => r[3] === `op${next - 1}`),
              );
              const first = names.filter((n) =>
                snapshot.sheets[n]!.values.some((r) => r[3] === `op${next - count}`),
              );
              assert.deepEqual(holding, first);
            }
            assert.ok(names.length >= before);
          }
          const log = logOf(snapshot);
          assert.deepEqual(log, [HEADER, ...Array.from({ length: next }, (_, i) => row(i))]);
          const names = logSegmentNames(snapshot.sheetNames);
          const largest = Math.max(...counts);
          names.forEach((name, i) => {
            const values = snapshot.sheets[name]!.values;
            // Full before the next is opened; past the size by at most one append's rows.
            if (i < names.length - 1) assert.ok(values.length >= capacity, `${name}: ${values.length} rows`);
            assert.ok(values.length <= capacity - 1 + largest, `${name}: ${values.length} rows`);
            assert.deepEqual(values[0], HEADER, `${name} repeats the header`);
          });
          // Where the map says a row stands is where it stands.
          const map = mapOf(snapshot);
          for (let r = 0; r < log.length; r++) {
            const at = map.place(r);
            assert.deepEqual(snapshot.sheets[at.sheet]!.values[at.row], log[r]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("opens a new segment only once the last is full, whatever the rows to come", () => {
    const full = book([[HEADER, row(0), row(1), row(2)]]);
    // Three rows and the header fill a sheet of four: the next row opens 变更记录 2.
    const map = mapOf(full);
    const fits = segmentWrites(map, [{ kind: "values", sheet: LOG, row: 4, col: 0, values: [row(3)] }], {
      header: HEADER,
      capacity: 5,
    });
    assert.deepEqual(fits.opening, []);
    assert.deepEqual(fits.writes, [{ kind: "values", sheet: LOG, row: 4, col: 0, values: [row(3)] }]);
    const past = segmentWrites(
      mapOf(full),
      [{ kind: "values", sheet: LOG, row: 4, col: 0, values: [row(3)] }],
      {
        header: HEADER,
        capacity: 4,
      },
    );
    assert.deepEqual(past.opening[0], { kind: "addSheet", sheet: "变更记录 2", tabColor: "#595959" });
    assert.ok(
      past.opening.some((w) => w.kind === "values" && w.sheet === "变更记录 2" && w.row === 0),
      "the new segment gets the header",
    );
    assert.deepEqual(past.writes, [
      { kind: "values", sheet: "变更记录 2", row: 1, col: 0, values: [row(3)] },
    ]);
  });

  it("decides alike for two writers who read the log at the same moment, whatever each appends", () => {
    // So two co-authors never fork the chain across two sheets: both open the same new sheet
    // (Excel refuses the second) or both write the same rows of the last (log-repair.ts).
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (capacity, lengths, a, b) => {
          const grids = lengths.map((n, i) =>
            i === 0 || n > 0 ? [HEADER, ...Array.from({ length: n }, (_, k) => row(k))] : [],
          );
          const at = (count: number) => {
            const map = mapOf(book(grids));
            const w: Write = {
              kind: "values",
              sheet: LOG,
              row: Math.max(1, map.height),
              col: 0,
              values: Array.from({ length: count }, (_, k) => row(k)),
            };
            const placed = segmentWrites(map, [w], { header: HEADER, capacity });
            const rows = placed.writes.filter((x) => x.kind === "values" && x.row > 0);
            return {
              opened: placed.opening.map((x) => x.sheet),
              where: rows.map((x) => `${x.sheet}:${x.kind === "values" ? x.row : ""}`),
            };
          };
          const [x, y] = [at(a), at(b)];
          assert.deepEqual(x.opened, y.opened);
          assert.deepEqual(x.where, y.where, "the same sheet, from the same row");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("writes into a segment left empty by a cut, with its header, and sets it as the first stands", () => {
    // A writer added 变更记录 2 and was cut before anything else: empty, shown, open.
    const cut = book([[HEADER, row(0), row(1), row(2)], []]);
    const states: Record<string, SheetState> = {
      [LOG]: { visibility: "VeryHidden", protected: true },
      [`${LOG} 2`]: { visibility: "Visible", protected: false },
    };
    const map = mapOf(cut);
    assert.equal(map.height, 4);
    const { opening, writes } = segmentWrites(
      map,
      [{ kind: "values", sheet: LOG, row: 4, col: 0, values: [row(3)] }],
      { header: HEADER, capacity: 4, states },
    );
    assert.deepEqual(opening, [], "no third segment: the empty one is written into");
    const after = applyToSnapshot(cut, writes);
    assert.deepEqual(logOf(after), [HEADER, row(0), row(1), row(2), row(3)]);
    assert.ok(
      writes.some((w) => w.kind === "visibility" && w.sheet === `${LOG} 2` && w.value === "VeryHidden"),
    );
    assert.ok(writes.some((w) => w.kind === "protect" && w.sheet === `${LOG} 2`));
  });

  it("gives a sheet's dressing and state to every segment, each told only what changes it", () => {
    const two = book([
      [HEADER, row(0)],
      [HEADER, row(1)],
    ]);
    const states: Record<string, SheetState> = {
      [LOG]: { visibility: "Visible", protected: false },
      [`${LOG} 2`]: { visibility: "VeryHidden", protected: true },
    };
    const { writes } = segmentWrites(
      mapOf(two),
      [
        { kind: "protect", sheet: LOG },
        { kind: "visibility", sheet: LOG, value: "VeryHidden" },
        { kind: "columnFormat", sheet: LOG, col: 2, numberFormat: "@" },
      ],
      { header: HEADER, states },
    );
    assert.deepEqual(writes, [
      { kind: "protect", sheet: LOG },
      { kind: "visibility", sheet: LOG, value: "VeryHidden" },
      { kind: "columnFormat", sheet: LOG, col: 2, numberFormat: "@" },
      { kind: "columnFormat", sheet: `${LOG} 2`, col: 2, numberFormat: "@" },
    ]);
    assert.deepEqual(
      joinedState([states[LOG], states[`${LOG} 2`]]),
      { visibility: "Visible", protected: false },
      "the log stands as open and in sight as its most open segment",
    );
  });

  it("turns what changed on each sheet into rows of the log, or says the log must be read whole", () => {
    const was = [
      { sheet: "a", id: "1", height: 4 },
      { sheet: "b", id: "2", height: 3 },
      { sheet: "c", id: "3", height: 2 },
    ];
    const now = (dirt: [number, number][][], heights = [4, 3, 2]) =>
      was.map((s, i) => ({ ...s, height: heights[i]!, dirt: dirt[i] ?? [] }));
    // a: header + 3 rows (log rows 1–3); b: rows 4–5; c: row 6.
    assert.deepEqual(logChanges(was, now([[[2, 3]], [[1, 2]], [[1, 2]]])), {
      rows: 7,
      spans: [
        [2, 3],
        [4, 5],
        [6, 7],
      ],
    });
    assert.deepEqual(
      logChanges(was, now([[], [[0, 1]], []])),
      { rows: 7, spans: [] },
      "a later sheet's header",
    );
    assert.deepEqual(
      logChanges(was, now([[], [], []], [4, 3, 5])),
      { rows: 10, spans: [[7, 10]] },
      "the last grew",
    );
    assert.deepEqual(
      logChanges(was, now([[], [], []], [4, 3, 1])),
      { rows: 6, spans: [] },
      "the last shrank",
    );
    assert.equal(logChanges(was, now([[], [], []], [4, 4, 2])), undefined, "a sheet before the last grew");
    assert.equal(
      logChanges(was, [...now([[], [], []]).slice(0, 2), { ...was[2]!, sheet: "d", dirt: [] }]),
      undefined,
    );
    assert.equal(
      logChanges(was, [...now([[], [], []]).slice(0, 2), { ...was[2]!, id: "9", dirt: [] }]),
      undefined,
    );
    assert.equal(
      logChanges(was, [...now([[], [], []]).slice(0, 2), { ...was[2]!, dirt: "whole" }]),
      undefined,
    );
    assert.equal(logChanges(was, now([[], []]).slice(0, 2)), undefined, "a sheet gone");
  });

  it("splits a write over rows that stand on two segments, and refuses to move rows across them", () => {
    const two = book([
      [HEADER, row(0), row(1)],
      [HEADER, row(2)],
    ]);
    const { writes } = segmentWrites(
      mapOf(two),
      [{ kind: "clear", sheet: LOG, row: 2, col: 1, rows: 2, cols: 1 }],
      { header: HEADER },
    );
    assert.deepEqual(writes, [
      { kind: "clear", sheet: LOG, row: 2, col: 1, rows: 1, cols: 1 },
      { kind: "clear", sheet: `${LOG} 2`, row: 1, col: 1, rows: 1, cols: 1 },
    ]);
    assert.throws(() =>
      segmentWrites(mapOf(two), [{ kind: "deleteRows", sheet: LOG, row: 2, count: 2 }], { header: HEADER }),
    );
  });

  describe("edges (each test kills a mutant that survived the ones above)", () => {
    const cap = (capacity: number) => ({ header: HEADER, capacity });
    const appendAt = (row: number, values: Cell[][]): Write => ({
      kind: "values",
      sheet: LOG,
      row,
      col: 0,
      values,
    });

    it("takes a size only from 3 rows to Excel's 1,048,576", () => {
      const was = segmentRows();
      try {
        for (const bad of [2, 2.5, 1_048_577]) assert.throws(() => setSegmentRows(bad), /segment size/);
        for (const good of [3, 1_048_576]) {
          setSegmentRows(good);
          assert.equal(segmentRows(), good);
        }
      } finally {
        setSegmentRows(was);
      }
    });

    it("is not fooled by names that only look like a segment's", () => {
      assert.deepEqual(
        logSegmentNames([
          "变更记录",
          "变更记录2",
          "变更记录-2",
          "变更记录 2a",
          "变更记录 a2",
          "变更记录 02",
          "X 变更记录 3",
          "变更记录 1234567",
        ]),
        ["变更记录"],
      );
      assert.deepEqual(logSegmentNames(["CHANGE LOG", "Change Log 2"]), ["CHANGE LOG", "Change Log 2"]);
    });

    it("gives no piece for no rows, and places a row where no segment is", () => {
      const map = new SegmentMap([{ sheet: "a", height: 3 }]);
      assert.deepEqual(map.pieces(0, 0), []);
      // A block that ends inside a sheet before the last.
      assert.deepEqual(
        new SegmentMap([
          { sheet: "a", height: 6 },
          { sheet: "b", height: 2 },
        ]).pieces(1, 2),
        [{ sheet: "a", row: 1, rows: 2, at: 0 }],
      );
      assert.deepEqual(map.pieces(1, 0), []);
      assert.deepEqual(placeIn([], 3), { sheet: "", row: 3 });
    });

    it("dresses a new segment as the product sets up the log, protected and hidden as the first", () => {
      const states: Record<string, SheetState> = { [LOG]: { visibility: "VeryHidden", protected: true } };
      const { opening } = segmentWrites(mapOf(book([[HEADER, row(0), row(1)]])), [appendAt(3, [row(2)])], {
        ...cap(3),
        states,
      });
      const name = `${LOG} 2`;
      assert.deepEqual(opening, [
        { kind: "addSheet", sheet: name, tabColor: "#595959" },
        { kind: "columnFormat", sheet: name, col: 0, numberFormat: "@", width: 18 },
        { kind: "columnFormat", sheet: name, col: 1, numberFormat: "@", width: 12 },
        { kind: "columnFormat", sheet: name, col: 2, numberFormat: "@", width: 14 },
        { kind: "columnFormat", sheet: name, col: 3, numberFormat: "@", width: 12 },
        { kind: "columnFormat", sheet: name, col: 4, numberFormat: "@", width: 10 },
        { kind: "values", sheet: name, row: 0, col: 0, values: [HEADER] },
        { kind: "headerStyle", sheet: name, row: 0, col: 0, count: HEADER.length },
        { kind: "freezeRows", sheet: name, count: 1 },
        { kind: "visibility", sheet: name, value: "VeryHidden" },
        { kind: "protect", sheet: name },
      ]);
      // No header read (an empty first sheet): none written, nothing styled.
      const headless = segmentWrites(mapOf(book([[HEADER, row(0), row(1)]])), [appendAt(3, [row(2)])], {
        header: [],
        capacity: 3,
      });
      assert.deepEqual(
        headless.opening.map((w) => w.kind),
        ["addSheet", "freezeRows"],
      );
      // Another sheet's writes, in the same plan, as they are.
      const other: Write[] = [
        { kind: "values", sheet: "客户原簿", row: 1, col: 0, values: [["C000001"]] },
        { kind: "columnFormat", sheet: "客户原簿", col: 0, numberFormat: "@" },
      ];
      assert.deepEqual(
        segmentWrites(
          mapOf(
            book([
              [HEADER, row(0)],
              [HEADER, row(1)],
            ]),
          ),
          other,
          cap(9),
        ).writes,
        other,
      );
      // A first sheet in sight and open: the new one needs nothing more.
      const open = segmentWrites(mapOf(book([[HEADER, row(0), row(1)]])), [appendAt(3, [row(2)])], {
        ...cap(3),
        states: { [LOG]: { visibility: "Visible", protected: false } },
      });
      assert.deepEqual(
        open.opening.filter((w) => w.kind === "visibility" || w.kind === "protect"),
        [],
      );
    });

    it("within one plan: a sheet dressed once, one filled by the plan's first rows full for its next", () => {
      // Two appends in one plan: the first opens 变更记录 2 and fills it; the second opens 变更记录 3.
      const map = mapOf(book([[HEADER, row(0), row(1)]]));
      const { opening, writes } = segmentWrites(
        map,
        [appendAt(3, [row(2), row(3)]), appendAt(5, [row(4)])],
        cap(3),
      );
      assert.deepEqual(
        opening.filter((w) => w.kind === "addSheet").map((w) => w.sheet),
        [`${LOG} 2`, `${LOG} 3`],
      );
      assert.deepEqual(
        writes.map((w) => (w.kind === "values" ? `${w.sheet}:${w.row}+${w.values.length}` : w.kind)),
        [`${LOG} 2:1+2`, `${LOG} 3:1+1`],
      );
      assert.deepEqual(
        map.places.map((p) => [p.sheet, p.from, p.count, p.bare]),
        [
          [LOG, 1, 2, false],
          [`${LOG} 2`, 3, 2, false],
          [`${LOG} 3`, 5, 1, false],
        ],
        "the map left as the writes leave the log",
      );
      // An existing segment with room is written into as it is: no dressing, nothing opened.
      const roomy = segmentWrites(
        mapOf(
          book([
            [HEADER, row(0)],
            [HEADER, row(1)],
          ]),
        ),
        [appendAt(3, [row(2)]), appendAt(4, [row(3)])],
        cap(9),
      );
      assert.deepEqual(roomy.opening, []);
      assert.deepEqual(roomy.writes, [
        { kind: "values", sheet: `${LOG} 2`, row: 2, col: 0, values: [row(2)] },
        { kind: "values", sheet: `${LOG} 2`, row: 3, col: 0, values: [row(3)] },
      ]);
      // An empty segment written twice in one plan: dressed once.
      const bare = segmentWrites(
        mapOf(book([[HEADER, row(0), row(1)], []])),
        [appendAt(3, [row(2)]), appendAt(4, [row(3)])],
        cap(3),
      );
      assert.equal(bare.writes.filter((w) => w.kind === "headerStyle").length, 1);
    });

    it("only rows that would pass Excel's own limit go on in pieces", () => {
      const map = new SegmentMap([{ sheet: LOG, height: 1_048_574 }]);
      const rows = [row(0), row(1), row(2), row(3)];
      const { opening, writes } = segmentWrites(map, [appendAt(1_048_574, rows)], cap(1_048_576));
      assert.deepEqual(
        opening.filter((w) => w.kind === "addSheet").map((w) => w.sheet),
        [`${LOG} 2`],
      );
      assert.deepEqual(writes, [
        { kind: "values", sheet: LOG, row: 1_048_574, col: 0, values: rows.slice(0, 2) },
        { kind: "values", sheet: `${LOG} 2`, row: 1, col: 0, values: rows.slice(2) },
      ]);
      assert.equal(map.height, 1_048_578);
    });

    it("writes the header row on every segment, and rows that stand on two segments where they stand", () => {
      const two = book([
        [HEADER, row(0), row(1)],
        [HEADER, row(2)],
      ]);
      const { writes } = segmentWrites(
        mapOf(two),
        [{ kind: "values", sheet: LOG, row: 0, col: 5, values: [["新列"], ["x1"], ["x2"], ["x3"], ["x4"]] }],
        cap(9),
      );
      assert.deepEqual(writes, [
        { kind: "values", sheet: LOG, row: 0, col: 5, values: [["新列"]] },
        { kind: "values", sheet: `${LOG} 2`, row: 0, col: 5, values: [["新列"]] },
        { kind: "values", sheet: LOG, row: 1, col: 5, values: [["x1"], ["x2"]] },
        { kind: "values", sheet: `${LOG} 2`, row: 1, col: 5, values: [["x3"]] },
        { kind: "values", sheet: `${LOG} 2`, row: 2, col: 5, values: [["x4"]] },
      ]);
    });

    it("styles and formats rows where they stand; inserts rows within a segment only", () => {
      const two = book([
        [HEADER, row(0), row(1)],
        [HEADER, row(2), row(3)],
      ]);
      const style: Write = {
        kind: "style",
        sheet: LOG,
        row: 2,
        col: 0,
        rows: 2,
        cols: 3,
        bold: true,
        fill: "none",
      };
      const cells: Write = { kind: "cellFormat", sheet: LOG, row: 2, col: 0, rows: 2, cols: 3, wrap: true };
      const { writes } = segmentWrites(mapOf(two), [style, cells], cap(9));
      assert.deepEqual(writes, [
        { ...style, rows: 1 },
        { ...style, sheet: `${LOG} 2`, row: 1, rows: 1 },
        { ...cells, rows: 1 },
        { ...cells, sheet: `${LOG} 2`, row: 1, rows: 1 },
      ]);
      assert.deepEqual(
        segmentWrites(mapOf(two), [{ kind: "insertRows", sheet: LOG, row: 4, count: 1, cols: 3 }], cap(9))
          .writes,
        [{ kind: "insertRows", sheet: `${LOG} 2`, row: 2, count: 1, cols: 3 }],
      );
      assert.throws(
        () =>
          segmentWrites(mapOf(two), [{ kind: "insertRows", sheet: LOG, row: 2, count: 2, cols: 3 }], cap(9)),
        /insertRows across the Change log's segments/,
      );
      // The first sheet's own: as they are.
      for (const w of [
        { kind: "activate", sheet: LOG },
        { kind: "deleteSheet", sheet: LOG },
      ] as Write[])
        assert.deepEqual(segmentWrites(mapOf(two), [w], cap(9)).writes, [w]);
    });

    it("tells each segment only the protection and visibility that change it", () => {
      const two = book([
        [HEADER, row(0)],
        [HEADER, row(1)],
        [HEADER, row(2)],
      ]);
      const states: Record<string, SheetState> = {
        [LOG]: { visibility: "Visible", protected: false },
        [`${LOG} 2`]: { visibility: "Visible", protected: false },
        [`${LOG} 3`]: { visibility: "VeryHidden", protected: true },
      };
      const { writes } = segmentWrites(
        mapOf(two),
        [
          { kind: "protect", sheet: LOG },
          { kind: "visibility", sheet: LOG, value: "VeryHidden" },
          { kind: "unprotect", sheet: LOG },
        ],
        { header: HEADER, states },
      );
      assert.deepEqual(writes, [
        { kind: "protect", sheet: LOG },
        { kind: "protect", sheet: `${LOG} 2` },
        { kind: "visibility", sheet: LOG, value: "VeryHidden" },
        { kind: "visibility", sheet: `${LOG} 2`, value: "VeryHidden" },
        { kind: "unprotect", sheet: LOG },
        { kind: "unprotect", sheet: `${LOG} 3` },
      ]);
      // A segment whose state was not listed is told.
      const unknown = segmentWrites(mapOf(two), [{ kind: "protect", sheet: LOG }], { header: HEADER });
      assert.equal(unknown.writes.length, 3);
    });

    it("joins sheets of different widths into rows as wide as the widest, and the states", () => {
      assert.deepEqual(
        joinSegments([
          [["a", "b"], [1]],
          [
            ["a", "b", "c"],
            [2, 3, 4],
          ],
        ]),
        [
          ["a", "b", ""],
          [1, "", ""],
          [2, 3, 4],
        ],
      );
      assert.deepEqual(joinSegments([]), []);
      assert.equal(joinedState([undefined]), undefined);
      assert.deepEqual(
        joinedState([
          { visibility: "VeryHidden", protected: true },
          { visibility: "Hidden", protected: true },
        ]),
        { visibility: "Hidden", protected: true },
      );
    });

    it("joins a file's segments into the one log the core reads, and leaves a log of one sheet as it is", () => {
      const one = book([[HEADER, row(0)]]);
      assert.equal(joinLog(one), one);
      const split = {
        ...book([
          [HEADER, row(0), row(1)],
          [HEADER, row(2)],
        ]),
        states: {
          客户名簿: { visibility: "Visible", protected: false },
          [LOG]: { visibility: "VeryHidden", protected: true },
          [`${LOG} 2`]: { visibility: "Visible", protected: true },
        } as Record<string, SheetState>,
      };
      const joined = joinLog(split);
      assert.deepEqual(joined.sheetNames, ["客户名簿", LOG]);
      assert.deepEqual(Object.keys(joined.sheets).sort(), ["变更记录", "客户名簿"]);
      assert.deepEqual(joined.sheets[LOG]!.values, [HEADER, row(0), row(1), row(2)]);
      assert.deepEqual(joined.logSegments, [
        { sheet: LOG, from: 1, count: 2, height: 3 },
        { sheet: `${LOG} 2`, from: 3, count: 1, height: 2 },
      ]);
      assert.deepEqual(joined.states, {
        客户名簿: { visibility: "Visible", protected: false },
        [LOG]: { visibility: "Visible", protected: true },
      });
      assert.equal(joinLog({ ...split, states: undefined }).states, undefined);
    });

    it("reads a header edit on the first sheet again, and a last sheet grown from empty from its first row", () => {
      const was = [
        { sheet: "a", id: "1", height: 3 },
        { sheet: "b", id: "2", height: 0 },
      ];
      assert.deepEqual(
        logChanges(was, [
          { ...was[0]!, dirt: [[0, 1]] },
          { ...was[1]!, height: 3, dirt: [] },
        ]),
        {
          rows: 5,
          spans: [
            [0, 1],
            [3, 5],
          ],
        },
      );
    });
  });
});
