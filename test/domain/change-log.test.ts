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
import { sha256Hex } from "../../src/domain/stamps/encoding";

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
      (await verifyChain(rows, destroyed)).map((p) => [p.row, p.rule]),
      [[3, "journal.destroyedData"]],
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
      assert.equal(sha256Sync(text), await sha256Hex(text));
  });

  it("notices the first rows being deleted too: the chain starts from a fixed value", async () => {
    const rows = await log(3);
    assert.deepEqual(
      (await verifyChain(rows.slice(1).map((r, i) => ({ ...r, row: i + 2 })))).map((p) => p.row),
      [2],
    );
  });
});
