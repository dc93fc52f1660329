import assert from "node:assert/strict";
import { Workspace } from "../../../src/domain/journal/workspace";
import { readJournal } from "../../../src/domain/journal/journal";
import { verifyChain } from "../../../src/domain/change-log";
import { readSheet } from "../../../src/domain/records";
import { changeLog, register } from "../../../src/domain/schema/sheets";
import type { Snapshot } from "../../../src/domain/workbook";
import { apply } from "../support/apply";

const regHeader = register.columns.map((c) => c.header.zh);
const logHeader = changeLog.columns.map((c) => c.header.zh);
const row = (id: string) => regHeader.map((_, i) => (i === 0 ? id : ""));

function book(ids: string[]): Snapshot {
  return {
    sheetNames: ["客户原簿", "变更记录"],
    sheets: {
      客户原簿: { name: "客户原簿", values: [regHeader, ...ids.map(row)] },
      变更记录: { name: "变更记录", values: [logHeader] },
    },
  };
}
const idsOf = (s: Snapshot) => readSheet(register, s).records.map((r) => r.values.id);

describe("a plan's live picture of the sheets", () => {
  it("deletes where a row stands now: rows below a deletion move up, in the plan as in Excel", () => {
    const snapshot = book(["C1", "C2", "C3", "C4"]);
    const ws = new Workspace(snapshot);
    const reg = ws.sheet(register);
    const [c1, , c3] = [reg.where("id", "C1")[0]!, null, reg.where("id", "C3")[0]!];
    ws.delete(reg, c1);
    assert.equal(c3.row, 3, "C3 moved up from row 4");
    ws.delete(reg, c3);
    assert.deepEqual(ws.writes, [
      { kind: "deleteRows", sheet: "客户原簿", row: 1, count: 1 },
      { kind: "deleteRows", sheet: "客户原簿", row: 2, count: 1 },
    ]);
    assert.deepEqual(idsOf(apply(snapshot, ws.writes)), ["C2", "C4"]);
    assert.equal(c1.row, 0);
    ws.delete(reg, c1);
    assert.equal(ws.writes.length, 2, "a deleted row is not deleted twice");
  });

  it("appends after the last row, and writes a cell where its row stands after earlier deletions", () => {
    const snapshot = book(["C1", "C2", "C3"]);
    const ws = new Workspace(snapshot);
    const reg = ws.sheet(register);
    const c3 = reg.where("id", "C3")[0]!;
    ws.delete(reg, reg.where("id", "C1")[0]!);
    const [added] = ws.append(reg, [{ id: "C9", name: "新公司" }]);
    assert.equal(added!.row, 4);
    ws.set(reg, c3, "name", "改名");
    const after = apply(snapshot, ws.writes);
    assert.deepEqual(idsOf(after), ["C2", "C3", "C9"]);
    assert.deepEqual(
      readSheet(register, after).records.map((r) => r.values.name),
      ["", "改名", "新公司"],
    );
    assert.equal(reg.view().height, 4);
    assert.deepEqual(ws.append(reg, []), []);
  });

  it("chains what it logs onto the log as it stands, across several appends in one plan", async () => {
    const snapshot = book(["C1"]);
    const ws = new Workspace(snapshot);
    const entry = (i: number) => ({
      time: "2026-11-24T10:00",
      person: "陈会计",
      action: "correct",
      customerId: "C1",
      field: "phone",
      oldValue: `${i}`,
      newValue: `${i + 1}`,
      reason: "",
    });
    const first = await ws.record([entry(1), entry(2)]);
    const second = await ws.record([entry(3)]);
    assert.deepEqual(
      [...first, ...second].map((r) => r.row),
      [2, 3, 4],
    );
    assert.deepEqual(await ws.record([]), []);
    const after = apply(snapshot, ws.writes);
    const journal = readJournal(after);
    assert.deepEqual(await verifyChain(journal.rows.map((r) => ({ row: r.row, entry: r }))), []);
    assert.equal(ws.appended.length, 3);
  });

  it("keeps the rows above a deletion where they were", () => {
    const snapshot = book(["C1", "C2", "C3"]);
    const ws = new Workspace(snapshot);
    const reg = ws.sheet(register);
    const [c1, c2, c3] = ["C1", "C2", "C3"].map((id) => reg.where("id", id)[0]!);
    ws.delete(reg, c2!);
    assert.deepEqual([c1!.row, c2!.row, c3!.row], [2, 0, 3]);
  });

  it("writes nothing for an empty append, a column the sheet lacks, or a row already deleted", () => {
    const snapshot = book(["C1", "C2"]);
    const ws = new Workspace(snapshot);
    const reg = ws.sheet(register);
    const c1 = reg.where("id", "C1")[0]!;
    ws.append(reg, []);
    ws.set(reg, c1, "noSuchColumn", "x");
    assert.deepEqual(ws.writes, []);
    ws.delete(reg, c1);
    ws.set(reg, c1, "name", "x");
    assert.deepEqual(ws.writes, [{ kind: "deleteRows", sheet: "客户原簿", row: 1, count: 1 }]);
  });

  it("rewrites of a log row write only the cells that change", async () => {
    const snapshot = book(["C1"]);
    const ws = new Workspace(snapshot);
    const [logged] = await ws.record([
      {
        time: "2026-11-24T10:00",
        person: "陈会计",
        action: "correct",
        customerId: "C1",
        field: "phone",
        oldValue: "1",
        newValue: "2",
        reason: "",
      },
    ]);
    const live = ws.log.rows.find((r) => r.row === logged!.row)!;
    const before = ws.writes.length;
    ws.rewriteLogRow(live, logged!);
    assert.equal(ws.writes.length, before, "nothing changed, nothing written");
    ws.rewriteLogRow(live, { ...logged!, oldValue: "", newValue: "", salt: "-" });
    assert.deepEqual(
      ws.writes.slice(before).map((w) => (w as { col: number }).col),
      ["salt", "oldValue", "newValue"].map((k) => ws.log.read.at[k]),
      "the salt goes first, then the words",
    );
  });

  it("refuses to plan changes to a sheet it was not given: that would be writing blind", () => {
    const snapshot: Snapshot = { ...book([]), sheetNames: ["客户原簿", "变更记录", "交易中止"] };
    const ws = new Workspace(snapshot);
    assert.throws(
      () => ws.sheet({ ...register, key: "archiveSuspended", name: { zh: "交易中止", en: "x" } }),
      /was not read/,
    );
  });

  it("writes nothing for a sheet that does not exist", () => {
    const snapshot: Snapshot = {
      sheetNames: ["变更记录"],
      sheets: { 变更记录: { name: "变更记录", values: [logHeader] } },
    };
    const ws = new Workspace(snapshot);
    const reg = ws.sheet(register);
    assert.deepEqual(ws.append(reg, [{ id: "C1" }]), []);
    assert.deepEqual(ws.writes, []);
  });
});
