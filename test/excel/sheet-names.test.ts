/**
 * Issue 15: the pane keeps the sheet names its last action listed (ExcelEnv.sheetNames), and
 * the next action asks for its headers by them in the same sync as a new listing — one sync
 * fewer an action — reading exactly what it would have read without the guess, whatever
 * happened to the sheets in between (a sheet deleted, one added, one renamed).
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { Book, type SheetNameMemory } from "../../src/excel/book";
import { readNeeds } from "../../src/excel/partial";
import { contacts, register } from "../../src/domain/schema/sheets";
import type { Need } from "../../src/domain/partial-read";

const REGISTER = register.name.zh;
const CONTACTS = contacts.name.zh;
const needs: Need[] = [
  { schema: register, keyed: { column: "id", keys: ["C000002"] } },
  { schema: contacts, columns: ["contactNo"] },
];

function book(): MemoryExcelHost {
  const host = new MemoryExcelHost({ platform: "web", sheets: [REGISTER, CONTACTS, "其他"] });
  host.seedSheet(REGISTER, [register.columns.map((c) => c.header.zh), ["C000001", "甲"], ["C000002", "乙"]]);
  host.seedSheet(CONTACTS, [contacts.columns.map((c) => c.header.zh), ["LX000001"], ["LX000002"]]);
  return host;
}

/** One read through a book with this memory (none: no guess): the snapshot and the syncs it took. */
async function read(host: MemoryExcelHost, memory?: SheetNameMemory) {
  host.resetCounters();
  const snapshot = await host.run({}, (excel) =>
    readNeeds(new Book(excel as never, "web", "zh", memory), needs),
  );
  return { snapshot, syncs: host.syncs };
}

describe("the sheet names of the pane's last action, checked in the next one's first sync (issue 15)", () => {
  it("saves a sync, and reads what a read without the guess reads", async () => {
    const host = book();
    const memory: SheetNameMemory = {};
    const first = await read(host, memory);
    assert.deepEqual(memory.names, [REGISTER, CONTACTS, "其他"]);
    const second = await read(host, memory);
    assert.equal(second.syncs, first.syncs - 1);
    assert.deepEqual(second.snapshot, first.snapshot);
  });

  it("reads as without it when a sheet it names was deleted, one was added, or one renamed since", async () => {
    const changes: [string, (host: MemoryExcelHost) => void][] = [
      ["the Contact log deleted", (h) => h.store.remove(CONTACTS)],
      [
        "the Contact log deleted, then made again",
        (h) => {
          h.store.remove(CONTACTS);
          h.seedSheet(CONTACTS, [contacts.columns.map((c) => c.header.zh), ["LX000009"]]);
        },
      ],
      ["another sheet deleted", (h) => h.store.remove("其他")],
      ["the Register renamed to its English name", (h) => (h.store.get(REGISTER).name = register.name.en)],
    ];
    for (const [what, change] of changes) {
      const guessed = book();
      const memory: SheetNameMemory = {};
      await read(guessed, memory);
      change(guessed);
      const fresh = guessed.clone();
      const a = await read(guessed, memory);
      const b = await read(fresh);
      assert.deepEqual(a.snapshot, b.snapshot, what);
      assert.ok(a.syncs <= b.syncs + 1, `${what}: ${a.syncs} syncs, ${b.syncs} without the guess`);
      assert.deepEqual(memory.names, fresh.sheetNames(), what);
    }
    // A sheet the last listing did not have, made since: the new listing brings it in.
    const host = book();
    host.store.remove(CONTACTS);
    const memory: SheetNameMemory = {};
    await read(host, memory);
    assert.ok(!memory.names!.includes(CONTACTS));
    host.seedSheet(CONTACTS, [contacts.columns.map((c) => c.header.zh), ["LX000007"]]);
    const a = await read(host, memory);
    const b = await read(host.clone());
    assert.deepEqual(a.snapshot, b.snapshot);
    assert.deepEqual(a.snapshot.sheets[CONTACTS]?.values.slice(1), [["LX000007"]]);
  });
});
