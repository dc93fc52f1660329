/**
 * Issue 15: what a read takes ahead of need. The department list's pages a plan will
 * rewrite (list-pages.ts `likelyPages`), with the closure's next asks, not in a sync of
 * their own after the plan asked for them — and the plan's writes as a whole read makes
 * them; and the log's last block, where the latest rows of a request or customer stand
 * together, with the columns.
 */
import assert from "node:assert/strict";
import { correctCustomer, fileRequest, stampRequests } from "../../src/excel/actions/workflow";
import { markInvalid } from "../../src/excel/actions/lifecycle";
import { postRequests } from "../../src/excel/actions/post-requests";
import { likelyPages } from "../../src/domain/list-pages";
import { keyedBlock, setKeyedBlock } from "../../src/domain/partial-read";
import { FIND_MAX, setFindMax } from "../../src/excel/partial";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { envOf } from "./fixtures";
import { entryFor, now, stamper, staffOf, world, type People } from "./integrity/world";
import { difference } from "./support/same-book";

/** Syncs that read nothing but a department list's rows: a page asked for after the plan. */
const pagesAlone = (host: MemoryExcelHost) =>
  (host.loadTrace ?? []).filter((l) => /一览表-/.test(JSON.stringify(l.describe))).map((l) => l.sync);

describe("read ahead of need: the lists' pages, the log's last block (issue 15)", function () {
  this.timeout(120_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });

  it("reads the page of a customer corrected, marked invalid or brought back with the rows the closure found since: the same writes", async () => {
    // Blocks of 3 rows: the customer's rows in the log stand above its last block, found by
    // Excel's counts and read whole in a later round — the sync the page rides with. (With
    // every row in the last block, there is no later round: the plan asks for the page.)
    // Excel's search of the log is not asked here (a log hidden, or on several sheets): the
    // closure then takes a round of counts and a round of rows, and the page rides with the
    // second. With the search, the rows come with the counts and no later round of the read is
    // left to ride with: the plan asks for the page itself — still a sync fewer in all (below).
    const block = keyedBlock();
    setKeyedBlock(3);
    setFindMax(0);
    try {
      await pageRides();
    } finally {
      setKeyedBlock(block);
      setFindMax(FIND_MAX);
    }
  });

  it("with Excel's search of the log, the same acts take a sync fewer and write the same", async () => {
    const block = keyedBlock();
    setKeyedBlock(3);
    try {
      for (const act of acts()) {
        const syncs: number[] = [];
        const books: MemoryExcelHost[] = [];
        for (const names of [0, FIND_MAX]) {
          setFindMax(names);
          const host = base.clone();
          host.resetCounters();
          const result = await act(envOf(host));
          assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
          syncs.push(host.syncs);
          books.push(host);
        }
        assert.equal(difference(books[0]!, books[1]!), "");
        assert.equal(syncs[1], syncs[0]! - 1, `${syncs[1]} syncs with the search, ${syncs[0]} without`);
      }
    } finally {
      setKeyedBlock(block);
      setFindMax(FIND_MAX);
    }
  });

  function acts() {
    return [
      (env: ReturnType<typeof envOf>) =>
        correctCustomer(env, "C000013", { phone: "010-66668888" }, "来函", "陈会计", now),
      (env: ReturnType<typeof envOf>) => markInvalid(env, ["C000013"], "noResponse", "", "陈会计", now),
      // C000003 brought back: its request's Intake row names it and its department.
      (env: ReturnType<typeof envOf>) =>
        postRequests(env, { name: "陈会计" }, people.admin.fp, ["R000004"], now),
    ];
  }

  async function pageRides() {
    for (const act of acts()) {
      const host = base.clone();
      const whole = base.clone();
      host.resetCounters();
      host.loadTrace = [];
      const result = await act(envOf(host));
      assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
      assert.ok(!("posted" in result) || result.posted.length === 1, JSON.stringify(result));
      assert.ok((await act({ ...envOf(whole), readWhole: true })).ok);
      assert.equal(difference(host, whole), "");
      // The page is read in a sync that also reads the closure's rows or asks about its names.
      const syncs = pagesAlone(host);
      assert.ok(syncs.length > 0, "a list page was read");
      for (const s of syncs) assert.ok(host.syncLog[s - 1]!.operations > 1, `sync ${s} read the page alone`);
    }
  }

  it("asks Excel about the names a round's blocks show in the sync that reads the round's rows: a reinstatement in 6 syncs", async () => {
    // C000003 brought back (R000004), over blocks of 10 rows: the reinstatement's rows stand in
    // the log's last block, read with the columns; the customer they name was posted further up,
    // in a block Excel's counts settle. Asked about in the sync that reads the rows the seed's
    // counts settled (not in a sync after it), the customer's posting row is found a sync sooner.
    const block = keyedBlock();
    setKeyedBlock(10);
    try {
      const host = base.clone();
      host.resetCounters();
      const posted = await postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, ["R000004"], now);
      assert.ok(posted.ok && posted.posted.length === 1, JSON.stringify(posted));
      // Sheets; headers; the columns, the last block and the seed's counts; the rows with the
      // counts of the names the last block showed; the rows those found, with the list's page;
      // the write.
      assert.equal(host.syncs, 6);
    } finally {
      setKeyedBlock(block);
    }
  });

  it("posts a request filed and stamped just now in 5 syncs: its rows, together in the log's last block, read with the columns", async () => {
    const host = base.clone();
    const env = envOf(host);
    const filed = await fileRequest(env, entryFor(200), "王建国", now);
    assert.ok(filed.ok && filed.requestNo, JSON.stringify(filed));
    for (const who of [people.head, people.chairman])
      await stampRequests(env, people.admin.fp, [filed.requestNo], stamper(who), "approve", "", now);
    host.resetCounters();
    const posted = await postRequests(env, { name: "陈会计" }, people.admin.fp, [filed.requestNo], now);
    assert.ok(posted.ok && posted.posted.length === 1, JSON.stringify(posted));
    // Sheets and headers; the columns with Excel's counts and the log's last block (where the
    // request stands twice: filed, stamped); the rows with the counts above the highest ID;
    // the new customer's list page; the write. Without the last block read ahead, Excel's
    // count of two there cost a sync of its own to read that block.
    assert.equal(host.syncs, 5);
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
    // Customers on different pages: one block each; on the same page: one block.
    const longest = lists.reduce((a, b) =>
      base.sheet(b.sheet).values.length > base.sheet(a.sheet).values.length ? b : a,
    );
    const department = longest.sheet.slice("一览表-".length);
    const ids = base
      .sheet(longest.sheet)
      .values.slice(1)
      .map((row) => String(row[0]));
    const blocks = likelyPages(
      ids.map((id) => ({ id, department })),
      lists,
    );
    const pages = new Set(ids.map((id) => likelyPages([{ id, department }], lists)[0]!.row));
    assert.equal(blocks.length, pages.size);
    assert.deepEqual(new Set(blocks.map((b) => b.row)), pages);
    assert.deepEqual(likelyPages([{ id: "C000001", department: "无此部门" }], lists), []);
    assert.deepEqual(likelyPages([{ id: "", department: lists[0]!.sheet.slice(4) }], lists), []);
  });
});
