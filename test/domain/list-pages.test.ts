import assert from "node:assert/strict";
import fc from "fast-check";
import { applyToSnapshot } from "../../src/domain/apply";
import {
  byId,
  likelyPages,
  DIRECTORY_CELLS,
  directoryCells,
  directoryWrite,
  LIST_WIDTH,
  listDigest,
  PAGE_MAX,
  PAGE_ROWS,
  pageOf,
  pagesOf,
  readDirectory,
  rootOf,
  updateList,
  type ListChange,
  type Page,
} from "../../src/domain/list-pages";
import { departmentList } from "../../src/domain/schema/sheets";
import type { Cell, Snapshot, Write } from "../../src/domain/workbook";

// Issue 15: a department list changed page by page (domain/list-pages.ts) must be, after any
// sequence of changes, the list a rebuild makes of the same customers — in ID order, each
// once — with a directory that holds together and a digest, worked out from the sheet as it
// stands, that is the root the update logged. And it must read only the pages it asks for.
const SHEET = "一览表-业务一部";
const DEPT = "业务一部";
const header: Cell[] = departmentList.columns.map((c) => c.header.zh);
const idOf = (n: number) => `C${String(n).padStart(6, "0")}`;
const rowOf = (n: number, tag: string): Cell[] => [
  idOf(n),
  `公司${n}${tag}`,
  "一般",
  "A",
  "北京",
  "010-1",
  "",
  "",
  "",
  "正常",
];

/** A list sheet as a whole rebuild leaves it. */
function built(rows: Cell[][]): Snapshot {
  const pages = pagesOf(rows);
  const snapshot: Snapshot = {
    sheetNames: [SHEET],
    sheets: { [SHEET]: { name: SHEET, values: [[...header], ...rows.map((r) => [...r])] } },
  };
  return applyToSnapshot(snapshot, [
    directoryWrite(SHEET, { department: DEPT, pages, root: rootOf(DEPT, header, pages) }),
  ]);
}

const grid = (s: Snapshot) => s.sheets[SHEET]!.values;
const printed = (s: Snapshot) =>
  grid(s)
    .slice(1)
    .map((r) => r.slice(0, LIST_WIDTH))
    .filter((r) => r.some((v) => v !== ""));

/** One update, through the same steps a run takes: ask, read the pages asked for, update. */
function update(s: Snapshot, changes: ListChange[]): { next: Snapshot; read: Set<number>; writes: Write[] } {
  const values = grid(s);
  const read = new Set<number>();
  const rows = (start: number, count: number) => {
    for (let r = start; r < start + count; r++) if (!read.has(r)) return undefined;
    return values.slice(start, start + count).map((r) => r.slice(0, LIST_WIDTH));
  };
  let result = updateList(SHEET, values[0]!, changes, rows);
  if ("need" in result) {
    for (const span of result.need) for (let r = span.start; r < span.start + span.count; r++) read.add(r);
    result = updateList(SHEET, values[0]!, changes, rows);
  }
  assert.ok("writes" in result, JSON.stringify(result));
  const writes = [
    directoryWrite(SHEET, "pending"),
    ...result.writes,
    directoryWrite(SHEET, result.directory),
  ];
  const next = applyToSnapshot(s, writes);
  assert.equal(printed(next).length, result.height);
  return { next, read, writes };
}

const change = fc.record({
  n: fc.integer({ min: 1, max: 900 }),
  kind: fc.constantFrom("put", "put", "drop"),
  tag: fc.constantFrom("", "甲", "乙"),
});

describe("department lists page by page (list-pages.ts)", () => {
  it("after any sequence of changes: the list a rebuild makes, a directory that holds, the digest it logged, pages within bounds, only asked pages read", () => {
    fc.assert(
      fc.property(
        // Sizes spelled out: fast-check's default keeps arrays to a handful, too few to fill or empty a page.
        fc.uniqueArray(fc.integer({ min: 1, max: 900 }), { maxLength: 600, size: "max" }),
        fc.array(fc.array(change, { minLength: 1, maxLength: 150, size: "max" }), {
          minLength: 1,
          maxLength: 5,
        }),
        (start, batches) => {
          const model = new Map<number, Cell[]>(start.map((n) => [n, rowOf(n, "")]));
          const sorted = () =>
            [...model.keys()].sort((a, b) => byId(idOf(a), idOf(b))).map((n) => model.get(n)!);
          let s = built(sorted());
          for (const batch of batches) {
            const last = new Map<number, ListChange>();
            for (const c of batch)
              last.set(c.n, { id: idOf(c.n), row: c.kind === "put" ? rowOf(c.n, c.tag) : null });
            for (const [n, c] of last) c.row ? model.set(n, c.row) : model.delete(n);
            const before = readDirectory(grid(s)[0]!)!;
            const { next, read, writes } = update(s, [...last.values()]);
            s = next;
            assert.deepEqual(printed(s), sorted());
            const directory = readDirectory(grid(s)[0]!);
            assert.ok(directory, "the directory holds together");
            assert.equal(listDigest(grid(s)), directory.root, "the sheet answers to its root");
            for (const p of directory.pages)
              assert.ok(p.count > 0 && p.count <= PAGE_MAX, `page of ${p.count}`);
            // Rows read: the pages the changes fall in, no more than two pages' worth each.
            assert.ok(read.size <= last.size * PAGE_MAX, `${read.size} rows read for ${last.size} changes`);
            // Pages stay as they were where nothing changed in them.
            const touched = new Set([...last.values()].map((c) => pageOf(before, c.id)));
            const kept = before.pages.filter((_, i) => !touched.has(i));
            for (const p of kept)
              assert.ok(directory.pages.some((q) => JSON.stringify(q) === JSON.stringify(p)));
            // Never a row inserted right below the header: it could take the header's look.
            for (const w of writes) if (w.kind === "insertRows") assert.ok(w.row >= 2, `insert at ${w.row}`);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("a change of one customer in a long list reads its page alone, and rewrites it alone", () => {
    const rows = Array.from({ length: 10 * PAGE_ROWS }, (_, i) => rowOf(i + 1, ""));
    const s = built(rows);
    const { next, read, writes } = update(s, [
      { id: idOf(5 * PAGE_ROWS + 3), row: rowOf(5 * PAGE_ROWS + 3, "甲") },
    ]);
    assert.deepEqual([...read].sort((a, b) => a - b)[0], 5 * PAGE_ROWS + 1);
    assert.equal(read.size, PAGE_ROWS);
    const rowsWritten = writes
      .filter((w) => w.kind === "values" && w.row > 0)
      .map((w) => (w.kind === "values" ? w.values.length : 0));
    assert.deepEqual(rowsWritten, [PAGE_ROWS]);
    assert.equal(printed(next)[5 * PAGE_ROWS + 2]![1], `公司${5 * PAGE_ROWS + 3}甲`);
  });

  it("a new customer past the last goes on the last page; one before the first on the first, below the header's row", () => {
    const s = built(Array.from({ length: 3 * PAGE_ROWS }, (_, i) => rowOf(i + 10, "")));
    const end = update(s, [{ id: idOf(9999), row: rowOf(9999, "") }]);
    assert.ok(!end.writes.some((w) => w.kind === "insertRows"), "appended: nothing to move");
    assert.equal(printed(end.next).at(-1)![0], idOf(9999));
    const front = update(s, [{ id: idOf(1), row: rowOf(1, "") }]);
    assert.equal(printed(front.next)[0]![0], idOf(1));
    assert.deepEqual(
      front.writes.filter((w) => w.kind === "insertRows").map((w) => w.kind === "insertRows" && w.row),
      [1 + PAGE_ROWS],
    );
  });

  it("a list that cannot be a base says so: no directory, a directory typed over, a page read that is not the page logged", () => {
    const rows = Array.from({ length: 2 * PAGE_ROWS }, (_, i) => rowOf(i + 1, ""));
    const s = built(rows);
    const all = (values: Cell[][]) => (start: number, count: number) =>
      values.slice(start, start + count).map((r) => r.slice(0, LIST_WIDTH));
    const one: ListChange[] = [{ id: idOf(3), row: rowOf(3, "甲") }];
    assert.deepEqual(updateList(SHEET, header, one, all(grid(s))), { whole: "directory" });
    const typedDirectory = structuredClone(grid(s));
    typedDirectory[0]![LIST_WIDTH + 1] = String(typedDirectory[0]![LIST_WIDTH + 1]).replace(
      `\t${PAGE_ROWS}\t`,
      "\t127\t",
    );
    assert.deepEqual(updateList(SHEET, typedDirectory[0]!, one, all(typedDirectory)), { whole: "directory" });
    const typedPage = structuredClone(grid(s));
    typedPage[5]![1] = "改过的名称";
    assert.deepEqual(updateList(SHEET, typedPage[0]!, one, all(typedPage)), { whole: "page 1" });
    const moved = structuredClone(grid(s));
    moved.splice(2, 1);
    assert.deepEqual(updateList(SHEET, moved[0]!, one, all(moved)), { whole: "page 1" });
    // A page the update does not read, typed into: the update goes on, and the sheet no longer answers to its root.
    const elsewhere = structuredClone(grid(s));
    elsewhere[PAGE_ROWS + 5]![1] = "改过的名称";
    const after = updateList(SHEET, elsewhere[0]!, one, all(elsewhere));
    assert.ok("writes" in after);
    const next = applyToSnapshot(
      { sheetNames: [SHEET], sheets: { [SHEET]: { name: SHEET, values: elsewhere } } },
      [...after.writes, directoryWrite(SHEET, after.directory)],
    );
    assert.notEqual(listDigest(grid(next)), after.directory.root);
    // An update cut after its first write leaves the directory pending: not a base.
    const cut = applyToSnapshot(s, [directoryWrite(SHEET, "pending")]);
    assert.equal(readDirectory(grid(cut)[0]!), undefined);
    assert.notEqual(listDigest(grid(cut)), readDirectory(grid(s)[0]!)!.root);
  });

  it("the digest answers to every printed cell and to the cut into pages, and not to cells right of the directory's", () => {
    const s = built(Array.from({ length: 300 }, (_, i) => rowOf(i + 1, "")));
    const root = readDirectory(grid(s)[0]!)!.root;
    assert.equal(listDigest(grid(s)), root);
    for (const [r, c] of [
      [1, 0],
      [150, 9],
      [300, 4],
    ] as const) {
      const typed = structuredClone(grid(s));
      typed[r]![c] = "x";
      assert.notEqual(listDigest(typed), root, `row ${r} column ${c}`);
    }
    const extra = structuredClone(grid(s));
    extra.push(rowOf(999, ""));
    assert.notEqual(listDigest(extra), root, "a row past the pages");
  });

  it("a page grown past PAGE_MAX is cut again; one of exactly PAGE_MAX stays one page; the page before a one-row last page grows in place", () => {
    const s = built(Array.from({ length: PAGE_ROWS }, (_, i) => rowOf(i + 1, "")));
    const grow = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: idOf(1000 + i), row: rowOf(1000 + i, "") }));
    const full = update(s, grow(PAGE_MAX - PAGE_ROWS));
    assert.deepEqual(
      readDirectory(grid(full.next)[0]!)!.pages.map((p) => p.count),
      [PAGE_MAX],
    );
    const over = update(s, grow(PAGE_MAX - PAGE_ROWS + 1));
    assert.deepEqual(
      readDirectory(grid(over.next)[0]!)!.pages.map((p) => p.count),
      [PAGE_ROWS, PAGE_ROWS, 1],
    );
    // Pages of 128 and 1: a customer joining the first page moves the last one down.
    const two = built(Array.from({ length: PAGE_ROWS + 1 }, (_, i) => rowOf(2 * i + 2, "")));
    const mid = update(two, [{ id: idOf(3), row: rowOf(3, "甲") }]);
    assert.deepEqual(
      mid.writes
        .filter((w) => w.kind === "insertRows")
        .map((w) => w.kind === "insertRows" && [w.row, w.count]),
      [[1 + PAGE_ROWS, 1]],
    );
    assert.equal(printed(mid.next).length, PAGE_ROWS + 2);
    assert.equal(printed(mid.next).at(-1)![0], idOf(2 * PAGE_ROWS + 2));
  });

  it("a long list's directory spans several hidden cells, each under Excel's 32,767 characters, and reads back whole", () => {
    const rows = Array.from({ length: 800 * PAGE_ROWS }, (_, i) => rowOf(i + 1, ""));
    const s = built(rows);
    const header = grid(s)[0]!;
    const cells = header.slice(LIST_WIDTH).filter((c) => c !== "");
    assert.ok(cells.length >= 3, `${cells.length} cells`);
    for (const c of cells) assert.ok(String(c).length <= 32_767);
    const directory = readDirectory(header)!;
    assert.equal(directory.pages.length, 800);
    assert.equal(listDigest(grid(s)), directory.root);
    // More pages than the hidden cells hold: refused, never cut short.
    const pages = Array.from({ length: DIRECTORY_CELLS * 700 }, (_, i) => ({
      first: idOf(i),
      count: 1,
      digest: "0".repeat(32),
    }));
    assert.throws(() => directoryCells({ department: DEPT, pages, root: "" }), /no room/);
  });

  it("a directory is read only as written: its mark, root, and every page's count and digest", () => {
    const s = built(Array.from({ length: 3 * PAGE_ROWS }, (_, i) => rowOf(i + 1, "")));
    const header = grid(s)[0]!;
    const good = readDirectory(header)!;
    /** A directory as someone could write it, its root worked out to match. */
    const forged = (pages: Page[], mark = "deptList/v2") => {
      const cells = directoryCells({ department: DEPT, pages, root: rootOf(DEPT, header, pages) });
      cells[0] = cells[0]!.replace("deptList/v2", mark);
      return [...header.slice(0, LIST_WIDTH), ...cells];
    };
    assert.ok(readDirectory(forged(good.pages)));
    assert.equal(readDirectory(forged(good.pages, "deptList/v1")), undefined, "another mark");
    assert.equal(
      readDirectory(forged([{ ...good.pages[0]!, count: 0 }, ...good.pages.slice(1)])),
      undefined,
      "a page of none",
    );
    assert.equal(
      readDirectory(forged([{ ...good.pages[0]!, digest: "" }, ...good.pages.slice(1)])),
      undefined,
      "no digest",
    );
    const noRoot = [...header];
    noRoot[LIST_WIDTH] = `deptList/v2\t\t${DEPT}`;
    assert.equal(readDirectory(noRoot), undefined, "no root");
    assert.equal(
      listDigest([header.slice(0, LIST_WIDTH), ...grid(s).slice(1)]),
      undefined,
      "no directory: not a list of pages",
    );
    // The sheet as read back: blank rows past the list change nothing; a page count of none breaks it.
    assert.equal(listDigest([...grid(s), ["", ""], []]), good.root);
    assert.match(listDigest([forged([{ ...good.pages[0]!, count: 0 }]), ...grid(s).slice(1)])!, /^broken/);
  });
});

describe("the pages a run will likely rewrite, read ahead (issue 15)", () => {
  it("gives each customer's page on its department's list, once per page, and nothing for a department without a list", () => {
    const rows = Array.from({ length: PAGE_ROWS * 3 + 5 }, (_, i) => rowOf(2 * i + 1, ""));
    const lists = [{ sheet: SHEET, header: grid(built(rows))[0]! }];
    const ask = (ids: string[], department = DEPT) =>
      likelyPages(
        ids.map((id) => ({ id, department })),
        lists,
      );
    // The first, a middle and the last page's customers; one of them twice; an ID between two
    // pages goes to the earlier one; one before all IDs to the first page.
    assert.deepEqual(
      ask([idOf(1), idOf(2 * PAGE_ROWS + 1), idOf(2 * PAGE_ROWS + 3), idOf(6 * PAGE_ROWS + 9), idOf(1)]),
      [
        { sheet: SHEET, row: 1, rows: PAGE_ROWS, cols: LIST_WIDTH },
        { sheet: SHEET, row: 1 + PAGE_ROWS, rows: PAGE_ROWS, cols: LIST_WIDTH },
        { sheet: SHEET, row: 1 + 3 * PAGE_ROWS, rows: 5, cols: LIST_WIDTH },
      ],
    );
    assert.deepEqual(ask([idOf(2 * PAGE_ROWS)]), [
      { sheet: SHEET, row: 1, rows: PAGE_ROWS, cols: LIST_WIDTH },
    ]);
    assert.deepEqual(ask(["C000000"]), [{ sheet: SHEET, row: 1, rows: PAGE_ROWS, cols: LIST_WIDTH }]);
    assert.deepEqual(ask([idOf(1)], "业务二部"), []);
    assert.deepEqual(ask([""]), []);
    // A list whose directory does not hold together is no guide.
    const broken = [
      { sheet: SHEET, header: [...lists[0]!.header.slice(0, LIST_WIDTH), "deptList/v2\tx\t业务一部"] },
    ];
    assert.deepEqual(likelyPages([{ id: idOf(1), department: DEPT }], broken), []);
  });
});
