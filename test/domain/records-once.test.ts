/**
 * Issue 15: a sheet's records are made once per sheet as the adapter read it (records.ts
 * `asRead`) — a run reads the Change log's records four times — and afresh for a snapshot
 * made by hand, which a caller may change in place between two reads.
 */
import assert from "node:assert/strict";
import { asRead, readSheet } from "../../src/domain/records";
import { readJournal } from "../../src/domain/journal/journal";
import { archiveSuspended, changeLog, register } from "../../src/domain/schema/sheets";
import type { Snapshot } from "../../src/domain/workbook";
import { patchSnapshot } from "../../src/domain/snapshot-patch";

const book = (): Snapshot => ({
  sheetNames: ["客户原簿"],
  sheets: {
    客户原簿: {
      name: "客户原簿",
      values: [
        register.columns.map((c) => c.header.zh),
        register.columns.map((c) => (c.key === "id" ? "C000001" : c.key === "name" ? "甲公司" : "")),
      ],
    },
  },
});

describe("a sheet's records, made once per read (issue 15)", () => {
  it("a snapshot made by hand and typed into is read as it is now", () => {
    const snapshot = book();
    assert.equal(readSheet(register, snapshot).records[0]!.values.name, "甲公司");
    snapshot.sheets["客户原簿"]!.values[1]![register.columns.findIndex((c) => c.key === "name")] = "乙公司";
    assert.equal(readSheet(register, snapshot).records[0]!.values.name, "乙公司");
  });

  it("a snapshot as read gives the same records every time, and they cannot be changed by whoever reads them", () => {
    const snapshot = asRead(book());
    const first = readSheet(register, snapshot);
    assert.equal(readSheet(register, snapshot), first);
    // Frozen: a reader that wrote into a shared record would fail (in strict code, as ours is).
    assert.ok(Object.isFrozen(first.records), "the list of records");
    assert.ok(Object.isFrozen(first.records[0]!), "a record");
    assert.ok(Object.isFrozen(first.records[0]!.values), "a record's values");
    assert.ok(Object.isFrozen(first.at), "the columns' places");
    assert.equal(readSheet(register, snapshot).records[0]!.values.name, "甲公司");
  });

  it("the same values read as another sheet's schema, or in another workbook's names, are records of their own", () => {
    const snapshot = asRead(book());
    const other = asRead({ ...snapshot, sheetNames: [] });
    assert.equal(readSheet(register, other).records.length, 0);
    assert.equal(readSheet(register, snapshot).records.length, 1);
  });

  it("the journal's fold is made once per log as read, and afresh for a log made by hand", () => {
    const withLog = (): Snapshot => {
      const b = book();
      b.sheetNames.push("变更记录");
      b.sheets["变更记录"] = { name: "变更记录", values: [changeLog.columns.map((c) => c.header.zh)] };
      return b;
    };
    const read = asRead(withLog());
    assert.equal(readJournal(read), readJournal(read));
    const byHand = withLog();
    assert.notEqual(readJournal(byHand), readJournal(byHand));
  });

  it("read again in part (snapshot-patch.ts): the rows that did not change keep their records; a changed, moved or re-headed row gets a new one", () => {
    const three = (): Snapshot => {
      const b = book();
      const row = (id: string) =>
        register.columns.map((c) => (c.key === "id" ? id : c.key === "name" ? `${id}公司` : ""));
      b.sheets["客户原簿"]!.values.push(row("C000002"), row("C000003"));
      return b;
    };
    const base = asRead(three());
    const before = readSheet(register, base).records;
    const name = register.columns.findIndex((c) => c.key === "name");
    const edited = [...base.sheets["客户原簿"]!.values[2]!];
    edited[name] = "改名公司";
    const patched = asRead(
      patchSnapshot(base, {
        sheetNames: base.sheetNames,
        states: {},
        sheets: { 客户原簿: { length: 4, rows: [[2, edited]] } },
      }),
    );
    const after = readSheet(register, patched).records;
    assert.equal(after[0], before[0], "row 2: the same record");
    assert.notEqual(after[1], before[1], "row 3 changed: a new record");
    assert.equal(after[1]!.values.name, "改名公司");
    assert.equal(after[2], before[2], "row 4: the same record");
    // A row deleted above: the rows below stand one higher, so their records are new (their row numbers changed).
    const values = base.sheets["客户原簿"]!.values;
    const shifted = asRead({
      ...base,
      sheets: { 客户原簿: { name: "客户原簿", values: [values[0]!, values[2]!, values[3]!] } },
    });
    const moved = readSheet(register, shifted).records;
    assert.equal(moved[0]!.row, 2);
    assert.equal(moved[0]!.values.id, "C000002");
    assert.notEqual(moved[0], before[1]);
    // Another header (columns moved): the same row arrays are read anew under it.
    const header = [...values[0]!].reverse();
    const reheaded = asRead({
      ...base,
      sheets: { 客户原簿: { name: "客户原簿", values: [header, ...values.slice(1)] } },
    });
    const under = readSheet(register, reheaded).records;
    assert.notEqual(under[0], before[0]);
    assert.equal(under[0]!.values.id, "", "the ID column is now where the header says");
  });

  it("rows of a snapshot made by hand are never taken for rows read before, even when they are the same arrays", () => {
    const read = asRead(book());
    const first = readSheet(register, read).records[0]!;
    const byHand: Snapshot = {
      ...read,
      sheets: { 客户原簿: { name: "客户原簿", values: [...read.sheets["客户原簿"]!.values] } },
    };
    const again = readSheet(register, byHand).records[0]!;
    assert.notEqual(again, first);
    assert.deepEqual(again.values, first.values);
  });

  it("the very rows read under two sheets' schemas are records of each schema", () => {
    const read = asRead(book());
    const values = read.sheets["客户原簿"]!.values;
    const both = asRead({
      sheetNames: ["客户原簿", archiveSuspended.name.zh],
      sheets: {
        客户原簿: read.sheets["客户原簿"]!,
        [archiveSuspended.name.zh]: { name: archiveSuspended.name.zh, values },
      },
    });
    const onRegister = readSheet(register, both).records[0]!;
    const onArchive = readSheet(archiveSuspended, both).records[0]!;
    assert.notEqual(onArchive, onRegister);
    assert.deepEqual(
      Object.keys(onArchive.values),
      archiveSuspended.columns.map((c) => c.key),
    );
  });
});
