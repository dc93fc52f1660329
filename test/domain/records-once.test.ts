/**
 * Issue 15: a sheet's records are made once per sheet as the adapter read it (records.ts
 * `asRead`) — a run reads the Change log's records four times — and afresh for a snapshot
 * made by hand, which a caller may change in place between two reads.
 */
import assert from "node:assert/strict";
import { asRead, readSheet } from "../../src/domain/records";
import { readJournal } from "../../src/domain/journal/journal";
import { changeLog, register } from "../../src/domain/schema/sheets";
import type { Snapshot } from "../../src/domain/workbook";

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
});
