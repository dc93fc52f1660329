/**
 * Issue 15: the department list's pages a plan will rewrite, read ahead of it
 * (list-pages.ts `likelyPages`): with the closure's next asks, not in a sync of their own
 * after the plan asked for them — and the plan's writes as a whole read makes them.
 */
import assert from "node:assert/strict";
import { correctCustomer } from "../../src/excel/actions/workflow";
import { markInvalid } from "../../src/excel/actions/lifecycle";
import { likelyPages } from "../../src/domain/list-pages";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { envOf } from "./fixtures";
import { now, staffOf, world, type People } from "./integrity/world";
import { difference } from "./support/same-book";

/** Syncs that read nothing but a department list's rows: a page asked for after the plan. */
const pagesAlone = (host: MemoryExcelHost) =>
  (host.loadTrace ?? []).filter((l) => /一览表-/.test(JSON.stringify(l.describe))).map((l) => l.sync);

describe("the lists' pages read ahead of the plan (issue 15)", function () {
  this.timeout(120_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });

  it("reads a corrected customer's page with the closure's next asks: one sync fewer, the same writes", async () => {
    for (const act of [
      (env: ReturnType<typeof envOf>) =>
        correctCustomer(env, "C000013", { phone: "010-66668888" }, "来函", "陈会计", now),
      (env: ReturnType<typeof envOf>) => markInvalid(env, ["C000013"], "noResponse", "", "陈会计", now),
    ]) {
      const host = base.clone();
      const whole = base.clone();
      host.resetCounters();
      host.loadTrace = [];
      const result = await act(envOf(host));
      assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
      assert.ok((await act({ ...envOf(whole), readWhole: true })).ok);
      assert.equal(difference(host, whole), "");
      // The page is read in a sync that also asks Excel about the closure's next names.
      const syncs = pagesAlone(host);
      assert.ok(syncs.length > 0, "a list page was read");
      for (const s of syncs) assert.ok(host.syncLog[s - 1]!.operations > 1, `sync ${s} read the page alone`);
    }
  });

  it("guesses each customer's page on its department's list, and nothing for a department without one", () => {
    const lists = base
      .sheetNames()
      .filter((n) => n.startsWith("一览表-"))
      .map((sheet) => ({ sheet, header: base.sheet(sheet).values[0]! }));
    assert.ok(lists.length > 0);
    for (const { sheet } of lists) {
      const department = sheet.slice("一览表-".length);
      const rows = base.sheet(sheet).values;
      for (let r = 1; r < rows.length; r++) {
        const id = String(rows[r]![0]);
        const [block, ...more] = likelyPages([{ id, department }], lists);
        assert.equal(more.length, 0);
        assert.equal(block!.sheet, sheet);
        assert.ok(block!.row <= r && r < block!.row + block!.rows, `${id} on row ${r} of ${sheet}`);
      }
    }
    assert.deepEqual(likelyPages([{ id: "C000001", department: "无此部门" }], lists), []);
    assert.deepEqual(likelyPages([{ id: "", department: lists[0]!.sheet.slice(4) }], lists), []);
  });
});
