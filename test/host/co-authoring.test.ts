/**
 * The co-authoring host (issue 14): several co-authors in one workbook, each with a view of
 * their own, changes reaching the others after a propagation delay, the last writer of a
 * cell winning, row deletions shifting the others' rows, remote changes announced with
 * source "Remote". The contract is in docs/excel-host.md.
 */
import assert from "node:assert/strict";
import { CoAuthoring } from "../../src/host/co-authoring";
import { MemoryExcelHost } from "../../src/host/memory-host";

type Ctx = Excel.RequestContext;

/** A workbook with a list of five names in A1:A5 on 名单. */
function shared(delay: number) {
  const book = new MemoryExcelHost({ sheets: ["名单"] });
  book.seedSheet("名单", [["甲"], ["乙"], ["丙"], ["丁"], ["戊"]]);
  return new CoAuthoring(book, { delay });
}
const write = (host: MemoryExcelHost, address: string, value: string) =>
  host.run(async (c: Ctx) => {
    c.workbook.worksheets.getItem("名单").getRange(address).values = [[value]];
    await c.sync();
  });
const deleteRow = (host: MemoryExcelHost, row: number) =>
  host.run(async (c: Ctx) => {
    c.workbook.worksheets.getItem("名单").getRange(`${row}:${row}`).delete("Up");
    await c.sync();
  });
const column = (host: MemoryExcelHost) => host.sheet("名单").values.map((r) => String(r[0] ?? ""));
/** What a co-author reads through the API, in one sync. */
const read = (host: MemoryExcelHost, address: string) =>
  host.run(async (c: Ctx) => {
    const range = c.workbook.worksheets.getItem("名单").getRange(address).load("values");
    await c.sync();
    return range.values.map((r) => String(r[0]));
  });

describe("the co-authoring host", () => {
  it("each co-author sees their own change at once and the other's only after the propagation delay", async () => {
    const session = shared(2000);
    const wang = session.author("王");
    const li = session.author("李");
    await write(wang, "A6", "己");
    assert.deepEqual(await read(wang, "A6"), ["己"]);
    assert.deepEqual(await read(li, "A6"), [""], "not yet arrived");
    session.advance(1999);
    assert.deepEqual(await read(li, "A6"), [""]);
    session.advance(1);
    assert.deepEqual(await read(li, "A6"), ["己"], "arrived after the delay");
  });

  it("the same cell written by two co-authors keeps the last writer's value, everywhere, once both have arrived", async () => {
    const session = shared(1000);
    const wang = session.author("王");
    const li = session.author("李");
    await write(wang, "A2", "王写的");
    session.advance(10);
    await write(li, "A2", "李写的");
    // Before the changes cross, each sees their own.
    assert.deepEqual(await read(wang, "A2"), ["王写的"]);
    assert.deepEqual(await read(li, "A2"), ["李写的"]);
    session.advance(2000);
    assert.deepEqual(await read(wang, "A2"), ["李写的"]);
    assert.deepEqual(await read(li, "A2"), ["李写的"]);
    assert.deepEqual(column(session.service()), ["甲", "李写的", "丙", "丁", "戊"]);
  });

  it("a row one co-author deletes shifts the other's rows when it arrives: a write made meanwhile lands in the row its author meant", async () => {
    const session = shared(1000);
    const wang = session.author("王");
    const li = session.author("李");
    await deleteRow(wang, 2); // 乙 goes
    // 李 has not seen the deletion: row 4 is still 丁 to him.
    assert.deepEqual(await read(li, "A4"), ["丁"]);
    await write(li, "B4", "丁的备注");
    session.advance(1000);
    const both = (h: MemoryExcelHost) => h.sheet("名单").values.map((r) => r.map(String).join("|"));
    const expected = ["甲|", "丙|", "丁|丁的备注", "戊|"];
    assert.deepEqual(both(wang), expected);
    assert.deepEqual(both(li), expected);
    assert.deepEqual(both(session.service()), expected);
  });

  it("a write into a row another co-author deleted is lost with the row", async () => {
    const session = shared(1000);
    const wang = session.author("王");
    const li = session.author("李");
    await deleteRow(wang, 3); // 丙 goes
    await write(li, "A3", "丙改");
    assert.deepEqual(await read(li, "A3"), ["丙改"], "his own view keeps it until the deletion arrives");
    session.advance(1000);
    assert.deepEqual(column(li), ["甲", "乙", "丁", "戊"]);
    assert.deepEqual(column(session.service()), ["甲", "乙", "丁", "戊"]);
  });

  it("appends to 'the height I read + 1' by two co-authors at once: the later one overwrites the earlier (what issue 14 guards against)", async () => {
    const session = shared(0);
    const wang = session.author("王");
    const li = session.author("李");
    const [h1, h2] = await Promise.all([
      wang.run(async (c: Ctx) => {
        const used = c.workbook.worksheets.getItem("名单").getUsedRange().load("rowCount");
        await c.sync();
        return used.rowCount;
      }),
      li.run(async (c: Ctx) => {
        const used = c.workbook.worksheets.getItem("名单").getUsedRange().load("rowCount");
        await c.sync();
        return used.rowCount;
      }),
    ]);
    assert.equal(h1, 5);
    assert.equal(h2, 5);
    await write(wang, "A6", "王的新行");
    await write(li, "A6", "李的新行");
    session.advance(0);
    assert.deepEqual(column(session.service()), ["甲", "乙", "丙", "丁", "戊", "李的新行"]);
  });

  it("tells a co-author's onChanged listeners of remote changes, with source Remote and the rows in their view, and never of their own", async () => {
    const session = shared(500);
    const wang = session.author("王");
    const heard: { sheet: string; rows: number[]; source: string }[] = [];
    session.onRemoteChange("王", (e) => heard.push(e));
    const li = session.author("李");
    await write(wang, "A1", "甲改");
    await write(li, "A4", "丁改");
    assert.deepEqual(heard, [], "nothing has arrived yet");
    session.advance(500);
    assert.deepEqual(heard, [{ sheet: "名单", rows: [4], source: "Remote" }]);
  });

  it("a sync cut after some operations sends what landed, and only that", async () => {
    const session = shared(0);
    const wang = session.author("王");
    const li = session.author("李");
    wang.failAtSync(1, { operations: 1 });
    await assert.rejects(
      wang.run(async (c: Ctx) => {
        const sheet = c.workbook.worksheets.getItem("名单");
        sheet.getRange("A1").values = [["一"]];
        sheet.getRange("A2").values = [["二"]];
        await c.sync();
      }),
    );
    session.advance(0);
    assert.deepEqual(await read(li, "A1:A2"), ["一", "乙"]);
  });

  it("a sheet one co-author adds reaches the other with its cells and formats", async () => {
    const session = shared(100);
    const wang = session.author("王");
    const li = session.author("李");
    await wang.run(async (c: Ctx) => {
      const added = c.workbook.worksheets.add("新表");
      added.getRange("A1").values = [["标题"]];
      added.getRange("A1:A100").numberFormat = [["@"]];
      await c.sync();
    });
    assert.ok(!li.sheetNames().includes("新表"));
    session.advance(100);
    assert.ok(li.sheetNames().includes("新表"));
    assert.deepEqual(li.sheet("新表").values, [["标题"]]);
    assert.equal(li.sheet("新表").numberFormatAt(5, 0), "@");
  });

  it("an add-in hears of remote changes through worksheets.onChanged (source Remote) once the sync that added its handler has run", async () => {
    const session = shared(100);
    const wang = session.author("王");
    const li = session.author("李");
    const heard: { source: string; worksheetId: string; address: string }[] = [];
    await wang.run(async (c: Ctx) => {
      c.workbook.worksheets.onChanged.add(async (e) => {
        heard.push({ source: e.source, worksheetId: e.worksheetId, address: e.address });
      });
      await write(li, "A3", "丙改");
      session.advance(100);
      assert.deepEqual(heard, [], "not registered before its sync");
      await c.sync();
    });
    await write(li, "A2", "乙改");
    session.advance(100);
    assert.deepEqual(heard, [{ source: "Remote", worksheetId: "{名单}", address: "A2:XFD2" }]);
  });
});
