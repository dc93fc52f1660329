/**
 * Book.read told the rows as each answer brings them (ReadSink, issue 15): what it is told
 * is, sheet by sheet, exactly what the snapshot holds — anchored at A1 where a sheet's cells
 * begin further down or to the right — each sheet `done` once all of it has come, a sheet
 * larger than one answer over several answers, and the Change log on several sheets not
 * told at all (its segments are joined after the read).
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { Book, type ReadSink } from "../../src/excel/book";
import type { Cell } from "../../src/domain/workbook";

/** A sink that keeps what it is told, with the sync the host had answered each time. */
function keeping(host: MemoryExcelHost) {
  const told: {
    begun: string[][];
    rows: Map<string, Cell[][]>;
    done: string[];
    syncs: Map<string, Set<number>>;
  } = {
    begun: [],
    rows: new Map(),
    done: [],
    syncs: new Map(),
  };
  const sink: ReadSink = {
    begin: (names) => {
      told.begun.push(names);
      told.rows = new Map();
      told.done = [];
    },
    rows: (sheet, rows) => {
      assert.ok(!told.done.includes(sheet), `${sheet}: rows after it was done`);
      const kept = told.rows.get(sheet) ?? [];
      told.rows.set(sheet, [...kept, ...rows]);
      const syncs = told.syncs.get(sheet) ?? new Set<number>();
      syncs.add(host.syncs);
      told.syncs.set(sheet, syncs);
    },
    done: (sheet) => told.done.push(sheet),
  };
  return { sink, told };
}

const read = (host: MemoryExcelHost, platform: "web" | "desktop", names: string[], sink: ReadSink) =>
  host.run({}, (excel) => new Book(excel as never, platform).read(() => names, undefined, sink));

for (const platform of ["web", "desktop"] as const)
  describe(`Book.read told the rows as they come (${platform})`, () => {
    it("tells each sheet's rows as the snapshot holds them, anchored at A1, and when each is done", async () => {
      const host = new MemoryExcelHost({ platform, sheets: ["设置", "客户原簿", "人员"] });
      host.seedSheet("设置", [
        ["部门", "类别"],
        ["业务一部", "业务部门"],
      ]);
      // Cells that begin at C4: three blank rows and two blank columns before them.
      host.seedSheet(
        "客户原簿",
        [
          ["客户编号", "名称"],
          ["C000001", "甲"],
          ["C000002", "乙"],
        ],
        { at: "C4" },
      );
      const { sink, told } = keeping(host);
      const snapshot = await read(host, platform, ["设置", "客户原簿", "人员"], sink);
      assert.deepEqual(told.begun, [["设置", "客户原簿", "人员"]]);
      assert.deepEqual([...told.done].sort(), ["人员", "客户原簿", "设置"]);
      for (const name of ["设置", "客户原簿", "人员"])
        assert.deepEqual(told.rows.get(name) ?? [], snapshot.sheets[name]!.values, name);
      assert.deepEqual(told.rows.get("客户原簿")![3], ["", "", "客户编号", "名称"]);
      assert.equal(told.rows.get("客户原簿")!.length, 6);
    });

    it("tells a sheet larger than one answer over several answers, in order", async () => {
      const host = new MemoryExcelHost({ platform, sheets: ["联系记录"], largeRangeCells: 5_000 });
      const long = "备".repeat(1_000);
      const rows: Cell[][] = [["编号", "内容"]];
      for (let i = 1; i <= 6_000; i++) rows.push([`LX${String(i).padStart(6, "0")}`, `${i}${long}`]);
      // From B3: each answer's rows anchored at A1, the blank rows above told once.
      host.seedSheet("联系记录", rows, { at: "B3" });
      const { sink, told } = keeping(host);
      const snapshot = await read(host, platform, ["联系记录"], sink);
      assert.deepEqual(told.rows.get("联系记录"), snapshot.sheets["联系记录"]!.values);
      assert.equal(told.rows.get("联系记录")!.length, 6_003);
      assert.deepEqual(told.rows.get("联系记录")![2], ["", "编号", "内容"]);
      assert.deepEqual(told.done, ["联系记录"]);
      assert.ok(told.syncs.get("联系记录")!.size > 1, "the sheet came in more than one answer");
    });

    it("does not tell the Change log kept on several sheets, which is joined after the read", async () => {
      const host = new MemoryExcelHost({ platform, sheets: ["变更记录", "变更记录 2", "设置"] });
      const header = ["时间", "操作人", "操作"];
      host.seedSheet("变更记录", [header, ["2026-01-01T09:00", "甲", "adopt"]]);
      host.seedSheet("变更记录 2", [header, ["2026-02-01T09:00", "乙", "adopt"]]);
      host.seedSheet("设置", [["部门"], ["业务一部"]]);
      const { sink, told } = keeping(host);
      const snapshot = await read(host, platform, ["变更记录", "设置"], sink);
      assert.equal(snapshot.sheets["变更记录"]!.values.length, 3, "the segments joined");
      assert.deepEqual([...told.rows.keys()], ["设置"]);
      assert.deepEqual(told.done, ["设置"]);
    });
  });
