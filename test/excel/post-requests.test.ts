import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { postRequests } from "../../src/excel/actions/post-requests";
import { changeLog, intake, register } from "../../src/domain/schema/sheets";
import { verifyChain, type LoggedChange } from "../../src/domain/change-log";
import type { Platform } from "../../src/excel/env";
import { office } from "../domain/support/people";
import { envOf, workbook } from "./fixtures";
import { highestGuess, setHighestGuess } from "../../src/domain/partial-read";

const now = { date: "2026-11-24", time: "15:00" };
type Office = Awaited<ReturnType<typeof office>>;

/** Where each request stands, from the workbook itself. */
function state(host: MemoryExcelHost) {
  const col = (schema: typeof register, key: string) => schema.columns.findIndex((c) => c.key === key);
  const reg = host.sheet("客户原簿").values.slice(1);
  const req = host.sheet("交易开始调查书").values.slice(1);
  const log = host.sheet("变更记录").values.slice(1);
  return {
    onRegister: reg.map((r) => String(r[col(register, "requestNo")])).filter(Boolean),
    registerIds: reg.map((r) => String(r[0])),
    statuses: req.map((r) => String(r[col(intake, "intakeStatus")])),
    logged: log
      .filter((r) => r[col(changeLog, "action")] === "post")
      .map((r) => String(r[col(changeLog, "requestNo")])),
    logEntries: log.map((r, i) => ({
      row: i + 2,
      entry: Object.fromEntries(
        changeLog.columns.map((c, k) => [c.key, String(r[k] ?? "")]),
      ) as unknown as LoggedChange,
    })),
  };
}

describe("Post requests (adapter through the in-memory Excel host)", function () {
  this.timeout(60_000);
  let people: Office;
  before(async () => {
    people = await office();
  });
  const post = (host: MemoryExcelHost, platform: Platform = "web") =>
    postRequests(envOf(host, platform), { name: "陈会计" }, people.admin.fp, "all", now);

  it("posts stamped requests to the Register, marks them posted, logs them and builds the list", async () => {
    const host = await workbook(people, 3);
    const result = await post(host);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.posted.map((p) => p.id),
      ["C000001", "C000002", "C000003"],
    );
    const s = state(host);
    assert.deepEqual(s.onRegister, ["R000001", "R000002", "R000003"]);
    assert.deepEqual(s.statuses, ["已登记", "已登记", "已登记"]);
    assert.deepEqual(s.logged, ["R000001", "R000002", "R000003"]);
    assert.deepEqual(await verifyChain(s.logEntries), []);
    const lists = host.sheetNames().filter((n) => n.startsWith("一览表-"));
    assert.ok(lists.length >= 1);
    const listed = lists.flatMap((n) =>
      host
        .sheet(n)
        .values.slice(1)
        .map((r) => r[0]),
    );
    assert.deepEqual(listed.sort(), ["C000001", "C000002", "C000003"]);
    for (const n of lists) assert.equal(host.sheet(n).isProtected, true, `${n} is protected`);
    // Ready to print: A4, one page wide, header row on every page, title, page X of Y, date.
    const layout = host.sheet("一览表-业务一部").pageLayout;
    assert.equal(layout.paperSize, "A4");
    assert.deepEqual(layout.zoom, { horizontalFitToPages: 1, verticalFitToPages: 0 });
    assert.equal(layout.printTitleRows, "$1:$1");
    assert.equal(layout.centerHeader, "业务一部 客户一览表");
    assert.equal(layout.centerFooter, "第 &P 页 / 共 &N 页");
    // Its trace: the print date, the code, who rebuilt it and when (trace.ts); the code answers to the log's row.
    assert.match(
      String(layout.leftFooter),
      /^&D · 追溯码 [0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\n陈会计 制作于 2026-11-24 \d{2}:\d{2}$/,
    );
    const rowsOnList = host.sheet("一览表-业务一部").values.length;
    assert.equal(layout.printArea, `A1:J${rowsOnList}`);
  });

  it("costs the same syncs for a 10-row and a 10,000-row register (desktop), 50 requests in one action", async () => {
    const small = await workbook(people, 50, 10, "desktop");
    assert.ok((await post(small, "desktop")).ok);
    const big = await workbook(people, 50, 10_000, "desktop");
    const result = await post(big, "desktop");
    assert.ok(result.ok);
    assert.equal(result.posted.length, 50);
    assert.equal(result.posted[0]!.id, "C011001", "IDs continue past the sample register's C001001…C011000");
    assert.equal(big.syncs, small.syncs);
    // Issue 15: sheet names and headers, the columns (IDs, request numbers, the log's), the
    // requests' and their log rows, the department lists' pages they go into, one write.
    assert.equal(big.syncs, 5, "names and headers, columns, rows, list pages, then one write");
  });

  it("never gives again an ID typed far up the Register, found by Excel's counts, not by reading the column", async () => {
    const guess = highestGuess();
    // The guess from each column's last row only: the Register's row 2 is as far up as in a large one.
    setHighestGuess(1);
    try {
      const [host, plain] = [await workbook(people, 4), await workbook(people, 4)];
      for (const h of [host, plain])
        assert.ok(
          (
            await postRequests(
              envOf(h, "web"),
              { name: "陈会计" },
              people.admin.fp,
              ["R000001", "R000002", "R000003"],
              now,
            )
          ).ok,
        );
      host.seedSheet("客户原簿", [["C000700"]], { at: "A2", raw: true });
      for (const h of [host, plain]) h.resetCounters();
      const typed = await postRequests(
        envOf(host, "web"),
        { name: "陈会计" },
        people.admin.fp,
        ["R000004"],
        now,
      );
      assert.ok(typed.ok, JSON.stringify(typed));
      assert.equal(typed.posted[0]!.id, "C000701");
      const result = await postRequests(
        envOf(plain, "web"),
        { name: "陈会计" },
        people.admin.fp,
        ["R000004"],
        now,
      );
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.posted[0]!.id, "C000004");
      // The column read where Excel counted something higher: one sync more than the guess alone.
      assert.equal(host.syncs, plain.syncs + 1);
    } finally {
      setHighestGuess(guess);
    }
  });

  it("refuses to post while the administrator's key is not the one this device pinned", async () => {
    const host = await workbook(people, 1);
    const result = await postRequests(
      envOf(host),
      { name: "陈会计" },
      "0000 0000 0000 0000 0000 0000 0000 0000",
      "all",
      now,
    );
    assert.ok(result.ok && result.adminChanged);
    assert.deepEqual(state(host).onRegister, []);
  });

  for (const mode of ["before", "partial", "after"] as const) {
    it(`leaves every request in exactly one state when sync k fails (${mode}), and a retry finishes`, async () => {
      for (let k = 1; k <= 4; k++) {
        const host = await workbook(people, 3);
        host.failAtSync(k, { mode });
        const failed = await post(host);
        const s = state(host);
        // Never on the Register while still pending, never on the Register without its log entry.
        for (const r of s.onRegister) {
          assert.equal(
            s.statuses[Number(r.slice(1)) - 1],
            "已登记",
            `k=${k}: ${r} on the Register but not marked`,
          );
          assert.ok(s.logged.includes(r), `k=${k}: ${r} on the Register without a log entry`);
        }
        const retried = await post(host);
        assert.ok(retried.ok, `k=${k} ${JSON.stringify(failed)} ${JSON.stringify(retried)}`);
        const done = state(host);
        assert.deepEqual(done.onRegister.sort(), ["R000001", "R000002", "R000003"], `k=${k}`);
        assert.deepEqual(done.logged.sort(), ["R000001", "R000002", "R000003"], `k=${k}`);
        assert.equal(new Set(done.registerIds).size, 3, `k=${k}: IDs unique`);
        assert.deepEqual(await verifyChain(done.logEntries), [], `k=${k}`);
      }
    });
  }
});
