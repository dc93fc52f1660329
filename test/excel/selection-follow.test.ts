/**
 * The card following Excel's selection (issue 17), through the in-memory host: one
 * workbook.onSelectionChanged handler for the pane's life, and for each new selection the
 * customer of its row — read from that row and the header rows, never a whole sheet;
 * quiet outside customers' rows; one read at a time however fast the selection moves.
 */
import assert from "node:assert/strict";
import { selectCell } from "../../src/excel/actions/select-cell";
import { selectionChanges } from "../../src/excel/selection-changes";
import { followSelectedCustomer } from "../../src/excel/follow-selection";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { office } from "../domain/support/people";
import { bookOf, envOf } from "./fixtures";

/** Lets the host deliver its events and the reads they start run. */
const later = () => new Promise((resolve) => setTimeout(resolve, 10));
const bytesOf = (host: MemoryExcelHost) => host.syncLog.reduce((n, s) => n + s.responseBytes, 0);

describe("the card follows the selection through the in-memory host", function () {
  this.timeout(180_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });

  it("adds one handler for the pane's life; listeners come and go; a change heard by none costs nothing", async () => {
    const host = await bookOf(5, people);
    const changes = selectionChanges(envOf(host));
    let a = 0;
    let b = 0;
    const stopA = changes.listen(() => a++);
    const stopB = changes.listen(() => b++);
    await later();
    assert.equal(host.selectionHandlers.size, 1, "one handler for both");
    host.userSelects("客户原簿", "B3");
    await later();
    assert.deepEqual([a, b], [1, 1]);
    stopA();
    stopB();
    host.resetCounters();
    host.userSelects("客户原簿", "B4");
    await later();
    assert.deepEqual([a, b], [1, 1]);
    assert.equal(host.syncs, 0, "nobody listening: nothing read");
    changes.listen(() => a++);
    await later();
    assert.equal(host.selectionHandlers.size, 1, "still the one handler");
    host.userSelects("客户原簿", "B5");
    await later();
    assert.equal(a, 2);
  });

  it("tries again at the next listener when adding the handler failed", async () => {
    const host = await bookOf(3, people);
    const changes = selectionChanges(envOf(host));
    host.failAtSync(1);
    changes.listen(() => undefined);
    await later();
    assert.equal(host.selectionHandlers.size, 0);
    let heard = 0;
    changes.listen(() => heard++);
    await later();
    host.userSelects("客户原簿", "C2");
    await later();
    assert.equal(heard, 1);
  });

  it("names the customer of each selected row, reading the row and the headers only, and stays quiet elsewhere", async () => {
    const host = await bookOf(200, people, "desktop");
    const env = envOf(host, "desktop");
    const register = JSON.stringify(host.sheet("客户原簿").values).length;
    const found: string[] = [];
    const stop = followSelectedCustomer(env, selectionChanges(env), (id) => found.push(id));
    await later();
    host.resetCounters();

    host.userSelects("客户原簿", "D6");
    await later();
    assert.deepEqual(found, ["C000005"]);
    assert.ok(host.syncs <= 2, `syncs: ${host.syncs}`);
    assert.ok(bytesOf(host) * 8 < register, `read ${bytesOf(host)} bytes of a ${register}-byte register`);

    // Outside customers' rows: the header, a blank row, the Settings sheet. Nothing said.
    for (const [sheet, cell] of [
      ["客户原簿", "A1"],
      ["客户原簿", "D400"],
      ["设置", "B2"],
    ] as const) {
      host.userSelects(sheet, cell);
      await later();
    }
    assert.deepEqual(found, ["C000005"]);

    // The pane's own select is a selection change like any other: heard, no loop.
    host.resetCounters();
    await selectCell(env, "客户原簿", "B9");
    await later();
    assert.deepEqual(found, ["C000005", "C000008"]);
    assert.ok(host.syncs <= 3, `syncs: ${host.syncs}`);

    stop();
    host.userSelects("客户原簿", "B10");
    await later();
    assert.deepEqual(found, ["C000005", "C000008"]);
  });

  it("reads one selection at a time: changes made meanwhile fold into one read of the latest", async () => {
    const host = await bookOf(20, people);
    const env = envOf(host);
    const found: string[] = [];
    followSelectedCustomer(env, selectionChanges(env), (id) => found.push(id));
    await later();
    host.resetCounters();
    // Excel is slow to answer the first read; the person moves down five rows meanwhile.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    host.gate = (sync) => (sync === 1 ? held : undefined);
    host.userSelects("客户原簿", "B2");
    await later();
    for (const row of [3, 4, 5, 6, 7]) {
      host.userSelects("客户原簿", `B${row}`);
      await later();
    }
    assert.equal(host.syncs, 0, "the first read's first sync is held");
    release();
    await later();
    assert.deepEqual(found, ["C000006"], "only the latest row's customer");
    assert.equal(host.syncs, 4, "two reads of two syncs each");
  });
});
