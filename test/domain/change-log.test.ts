import assert from "node:assert/strict";
import {
  chainEntries,
  erased,
  ERASED,
  GENESIS,
  sha256Sync,
  valuesDigest,
  verifyChain,
  type ChangeEntry,
} from "../../src/domain/change-log";
import { chainHash, isSalted } from "../../src/domain/change-log";
import { appendToLog } from "../../src/domain/log-writes";
import { readSheet } from "../../src/domain/records";
import { changeLog } from "../../src/domain/schema/sheets";
import { journalRow } from "../../src/domain/journal/journal";

const entry = (i: number): ChangeEntry => ({
  time: `2026-11-24T10:00:${String(i).padStart(2, "0")}`,
  person: "王建国",
  action: "correct",
  customerId: `C${String(i).padStart(6, "0")}`,
  field: "phone",
  oldValue: "010-62000000",
  newValue: `010-6200000${i}`,
  reason: "客户通知",
});

async function log(n: number) {
  const logged = await chainEntries(
    GENESIS,
    Array.from({ length: n }, (_, i) => entry(i + 1)),
  );
  return logged.map((e, i) => ({ row: i + 2, entry: e }));
}

describe("change log hash chain", () => {
  it("holds for a log written by the add-in, including rows appended later", async () => {
    const rows = await log(3);
    const more = await chainEntries(rows[2]!.entry.hash, [entry(4)]);
    assert.deepEqual(await verifyChain([...rows, { row: 5, entry: more[0]! }]), []);
  });

  it("points at the row where a row was deleted", async () => {
    const rows = await log(5);
    const gap = [...rows.slice(0, 2), ...rows.slice(3)].map((r, i) => ({ ...r, row: i + 2 }));
    assert.deepEqual(
      (await verifyChain(gap)).map((p) => [p.row, p.rule]),
      [[4, "log.chainBroken"]],
    );
  });

  it("checks rows as read again against the hash now above them (what it keeps per row, issue 15)", async () => {
    // Rows as read are frozen and kept (journal.ts journalRowOf): the second and third checks
    // meet the very same row objects, under a different row above.
    const rows = (await log(6)).map((r) => ({ ...r, entry: Object.freeze(r.entry) }));
    assert.deepEqual(await verifyChain(rows), []);
    const hashTyped = rows.map((r, i) =>
      i === 2 ? { ...r, entry: Object.freeze({ ...r.entry, hash: "0".repeat(64) }) } : r,
    );
    assert.deepEqual(
      (await verifyChain(hashTyped)).map((p) => [p.row, p.rule]),
      [
        [4, "log.chainBroken"],
        [5, "log.chainBroken"],
      ],
      "the typed hash, and the row chained from it",
    );
    const gap = [...rows.slice(0, 2), ...rows.slice(3)].map((r, i) => ({ ...r, row: i + 2 }));
    assert.deepEqual(
      (await verifyChain(gap)).map((p) => [p.row, p.rule]),
      [[4, "log.chainBroken"]],
    );
    assert.deepEqual(await verifyChain(rows), [], "the log as it was holds again");
  });

  it("points at an edited row", async () => {
    const rows = await log(5);
    rows[3]!.entry = { ...rows[3]!.entry, newValue: "010-69999999" };
    assert.deepEqual(
      (await verifyChain(rows)).map((p) => [p.row, p.rule]),
      [[5, "log.chainBroken"]],
    );
  });

  it("points at every row a re-ordering broke, not only the first", async () => {
    const rows = await log(4);
    const swapped = [rows[0]!, rows[2]!, rows[1]!, rows[3]!].map((r, i) => ({ ...r, row: i + 2 }));
    assert.deepEqual(
      (await verifyChain(swapped)).map((p) => p.row),
      [3, 4, 5],
    );
  });

  it("reports each of two separate edits, and nothing in between", async () => {
    const rows = await log(8);
    rows[2]!.entry = { ...rows[2]!.entry, reason: "改过" };
    rows[6]!.entry = { ...rows[6]!.entry, person: "别人" };
    assert.deepEqual(
      (await verifyChain(rows)).map((p) => [p.row, p.rule]),
      [
        [4, "log.chainBroken"],
        [8, "log.chainBroken"],
      ],
    );
  });

  it("keeps a customer's words under a salted digest: an edited word is caught though the hash still chains", async () => {
    const rows = await log(3);
    assert.match(rows[1]!.entry.salt, /^[0-9a-f]{32}$/);
    assert.equal(rows[1]!.entry.digest, valuesDigest(rows[1]!.entry.salt, "010-62000000", "010-62000002"));
    rows[1]!.entry = { ...rows[1]!.entry, newValue: "010-69999999" };
    assert.deepEqual(
      (await verifyChain(rows)).map((p) => [p.row, p.column, p.rule]),
      [[3, "newValue", "log.chainBroken"]],
    );
  });

  it("still verifies once a destruction erased a row's words and salt, and says so when nobody was destroyed", async () => {
    const rows = await log(3);
    rows[1]!.entry = erased(rows[1]!.entry);
    assert.deepEqual(
      [rows[1]!.entry.oldValue, rows[1]!.entry.newValue, rows[1]!.entry.salt],
      ["", "", ERASED],
    );
    const destroyed = (e: { customerId: string }) => (e.customerId === "C000002" ? "destroyed" : "none");
    assert.deepEqual(await verifyChain(rows, destroyed), []);
    assert.deepEqual(
      (await verifyChain(rows)).map((p) => [p.row, p.rule]),
      [[3, "log.erased"]],
    );
    // Words typed back into an erased row: a destroyed customer's data, though the chain holds.
    rows[1]!.entry = { ...rows[1]!.entry, newValue: "put back" };
    assert.deepEqual(
      (await verifyChain(rows, destroyed)).map((p) => [p.row, p.column, p.rule]),
      [[3, "newValue", "journal.destroyedData"]],
    );
    // …and nothing while the destruction is still being carried out (its salt went first).
    assert.deepEqual(await verifyChain(rows, () => "pending"), []);
  });

  it("keeps places and request numbers in plain sight: a move's words are the proof, not the person", async () => {
    const [moved] = await chainEntries(GENESIS, [
      { ...entry(1), action: "terminate", field: "place", oldValue: "客户原簿", newValue: "交易过去" },
    ]);
    assert.equal(moved!.salt, "");
    assert.equal(moved!.digest, "");
    const [edited] = [{ ...moved!, newValue: "交易中止" }];
    assert.deepEqual(
      (await verifyChain([{ row: 2, entry: edited }])).map((p) => p.rule),
      ["log.chainBroken"],
    );
  });

  it("hashes with SHA-256 exactly as WebCrypto does", async () => {
    for (const text of ["", "abc", "变更记录".repeat(100)])
      assert.equal(
        sha256Sync(text),
        Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))).toString("hex"),
      );
  });

  it("notices the first rows being deleted too: the chain starts from a fixed value", async () => {
    const rows = await log(3);
    assert.deepEqual(
      (await verifyChain(rows.slice(1).map((r, i) => ({ ...r, row: i + 2 })))).map((p) => p.row),
      [2],
    );
  });

  it("hashes a row exactly as every workbook written so far did (the chain's format is fixed)", () => {
    // A change here would make every existing Change log fail to verify: these are the
    // hashes the add-in wrote, for a plain row and for a salted one.
    const row = {
      time: "2026-11-24T10:00",
      person: "陈会计",
      action: "terminate",
      op: "A1B2C3D4E5",
      customerId: "C000001",
      requestNo: "",
      field: "place",
      oldValue: "客户原簿",
      newValue: "交易过去",
      reason: "关系解除",
      approval: "",
      salt: "",
      digest: "",
      hash: "",
    };
    assert.equal(GENESIS, "customer-register/change-log/v2");
    assert.equal(chainHash(GENESIS, row), "0c55b8809d99d447473055f5192280bd4efe02739cf60540d2a559d3b0896dc0");
    assert.equal(
      chainHash(GENESIS, { ...row, salt: "00".repeat(16), digest: "ab".repeat(32) }),
      "d031434cce1a26df5a97d7a30642542bd9ffe17ce776773810af5f3f7736f64e",
    );
  });

  const salting: [string, Partial<ChangeEntry>, boolean][] = [
    [
      "a customer's corrected phone",
      { customerId: "C1", field: "phone", oldValue: "1", newValue: "2" },
      true,
    ],
    ["a request's company name", { customerId: "", requestNo: "R1", field: "name", newValue: "甲" }, true],
    ["a contact's summary", { customerId: "C1", field: "", newValue: "电话洽谈" }, true],
    [
      "a move between places",
      { customerId: "C1", field: "place", oldValue: "客户原簿", newValue: "交易过去" },
      false,
    ],
    ["a status", { customerId: "C1", field: "status", oldValue: "正常", newValue: "无效待删" }, false],
    ["a request number", { customerId: "C1", field: "requestNo", newValue: "R1" }, false],
    ["a stamp", { requestNo: "R1", field: "stamps", newValue: "已批准" }, false],
    ["a request's status", { requestNo: "R1", field: "intakeStatus", newValue: "已批准" }, false],
    ["a loan number", { customerId: "C1", field: "loanNo", newValue: "L1" }, false],
    [
      "nothing of a customer (a backup)",
      { customerId: "", requestNo: "", field: "", newValue: "备份.xlsx" },
      false,
    ],
    ["no words at all", { customerId: "C1", field: "phone", oldValue: "", newValue: "" }, false],
  ];
  for (const [what, e, yes] of salting)
    it(`${yes ? "salts" : "keeps in plain sight"} ${what}`, async () => {
      const full = { ...entry(1), customerId: "", oldValue: "", newValue: "", ...e };
      assert.equal(isSalted(full), yes);
      const [logged] = await chainEntries(GENESIS, [full]);
      assert.equal(!!logged!.salt, yes);
      assert.equal(logged!.digest === "", !yes);
    });

  it("fills the columns an entry leaves out, and keeps the digest a plain row brings (a destroyed row's)", async () => {
    const [logged] = await chainEntries(GENESIS, [
      { ...entry(1), field: "place", oldValue: "交易过去", newValue: "已销毁", digest: "ab".repeat(32) },
    ]);
    assert.deepEqual(
      [logged!.op, logged!.requestNo, logged!.approval, logged!.salt, logged!.digest],
      ["", "", "", "", "ab".repeat(32)],
    );
  });

  it("names the column of each break: the hash, the words, the salt", async () => {
    const found = async (tamper: (rows: Awaited<ReturnType<typeof log>>) => void) => {
      const rows = await log(3);
      tamper(rows);
      return (await verifyChain(rows)).map((p) => [p.sheet, p.row, p.column, p.rule]);
    };
    assert.deepEqual(await found((r) => (r[2]!.entry = { ...r[2]!.entry, hash: "0".repeat(64) })), [
      ["changeLog", 4, "hash", "log.chainBroken"],
    ]);
    assert.deepEqual(await found((r) => (r[1]!.entry = { ...r[1]!.entry, newValue: "换了" })), [
      ["changeLog", 3, "newValue", "log.chainBroken"],
    ]);
    assert.deepEqual(await found((r) => (r[1]!.entry = erased(r[1]!.entry))), [
      ["changeLog", 3, "salt", "log.erased"],
    ]);
  });

  describe("appending to the log", () => {
    const header = changeLog.columns.map((c) => c.header.zh);
    const sheet = (rows: unknown[][]) =>
      readSheet(changeLog, {
        sheetNames: ["变更记录"],
        sheets: { 变更记录: { name: "变更记录", values: [header, ...(rows as never)] } },
      });

    it("writes below the last row, chained to its hash", async () => {
      const first = await appendToLog(sheet([]), [entry(1), entry(2)]);
      assert.equal(first.length, 1);
      const w = first[0] as { row: number; values: unknown[][] };
      assert.equal(w.row, 1, "right under the header on an empty log");
      const more = await appendToLog(sheet(w.values), [entry(3)]);
      const m = more[0] as { row: number; values: unknown[][] };
      assert.equal(m.row, 3, "after the two rows already there");
      const all = sheet([...w.values, ...m.values]).records.map((r) => ({
        row: r.row,
        entry: journalRow(r.row, r.values),
      }));
      assert.equal(all.length, 3);
      assert.deepEqual(await verifyChain(all), [], "the appended row chains to the last one");
    });

    it("writes nothing for no entries, or where there is no log", async () => {
      assert.deepEqual(await appendToLog(sheet([]), []), []);
      const none = readSheet(changeLog, { sheetNames: [], sheets: {} });
      assert.deepEqual(await appendToLog(none, [entry(1)]), []);
    });
  });
});
