import assert from "node:assert/strict";
import { chainEntries, GENESIS, verifyChain, type ChangeEntry } from "../../src/domain/change-log";

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

  it("points at re-ordered rows", async () => {
    const rows = await log(4);
    const swapped = [rows[0]!, rows[2]!, rows[1]!, rows[3]!].map((r, i) => ({ ...r, row: i + 2 }));
    assert.deepEqual(
      (await verifyChain(swapped)).map((p) => p.row),
      [3],
    );
  });

  it("notices the first rows being deleted too: the chain starts from a fixed value", async () => {
    const rows = await log(3);
    assert.deepEqual(
      (await verifyChain(rows.slice(1).map((r, i) => ({ ...r, row: i + 2 })))).map((p) => p.row),
      [2],
    );
  });
});
