/**
 * Issue 15: runs read the Change log from its last checkpoint down (domain/journal/
 * checkpoints.ts, excel/partial.ts) — the checkpoint standing for the rows above it — and
 * decide exactly what a read of the whole log decides; a checkpoint that does not hold (a
 * count that differs, a listed row that says another action, none at its place) makes the
 * run read the columns whole instead, and decide the same.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import type { ExcelEnv } from "../../src/excel/env";
import { fileRequest, stampRequests } from "../../src/excel/actions/workflow";
import { postRequests } from "../../src/excel/actions/post-requests";
import { correctCustomer } from "../../src/excel/actions/workflow";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { CHECKPOINT, checkpointEvery, setCheckpointEvery } from "../../src/domain/journal/checkpoints";
import { bookOf, envOf, logOf } from "./fixtures";
import { appendToLog } from "../../src/domain/log-writes";
import { readSheet } from "../../src/domain/records";
import { changeLog } from "../../src/domain/schema/sheets";
import { entryFor, now, stamper, staffOf, type People } from "./integrity/world";
import { difference } from "./support/same-book";

const readBytes = (host: MemoryExcelHost) => host.syncLog.reduce((sum, s) => sum + s.responseBytes, 0);
/** No checkpoint place in a log this short: the columns are read top to bottom, as before checkpoints. */
const NONE = 10_000_000;
const SPACING = 100;

/** Runs an action at a spacing, and puts the spacing back. */
async function at<T>(spacing: number, act: () => Promise<T>): Promise<T> {
  const was = checkpointEvery();
  setCheckpointEvery(spacing);
  try {
    return await act();
  } finally {
    setCheckpointEvery(was);
  }
}

describe("runs read the Change log from its last checkpoint down (issue 15)", function () {
  this.timeout(240_000);
  let people: People;
  let book: MemoryExcelHost;
  /** The revocation's 0-based row. */
  let revocation = 0;
  before(async () => {
    people = await staffOf();
    // The register taken in writes a checkpoint every SPACING rows of its 2,000 adopt rows;
    // then a revocation (of a key no one holds) and 150 backups, so the last checkpoint lists it.
    book = await at(SPACING, async () => {
      const host = await bookOf(2000, people);
      const row = (action: string, newValue = "") => ({
        time: "2026-01-05T09:30",
        person: "陈会计",
        action,
        customerId: "",
        field: "",
        oldValue: "",
        newValue,
        reason: "",
      });
      const values = host.sheet("变更记录").values;
      const snapshot = { sheetNames: ["变更记录"], sheets: { 变更记录: { name: "变更记录", values } } };
      const [write] = await appendToLog(readSheet(changeLog, snapshot), [
        row("revoke", "无名氏 旧电脑"),
        ...Array.from({ length: 150 }, () => row("backup", "客户名簿-备份.xlsx")),
      ]);
      if (write?.kind !== "values") throw new Error("no log write");
      host.seedSheet("变更记录", write.values, { at: `A${write.row + 1}`, raw: true });
      return host;
    });
    const log = logOf(book, true);
    assert.equal(log.filter((e) => e.action === CHECKPOINT).length, Math.floor(log.length / SPACING));
    revocation = log.findIndex((e) => e.action === "revoke") + 1;
  });

  /**
   * Steps run three ways on copies of a book: standing on checkpoints, reading the sheets
   * whole (the same sheets after, checkpoints written the same), and reading the log's
   * columns top to bottom as before checkpoints (the same answers; the bytes compared).
   */
  async function threeWays(
    from: MemoryExcelHost,
    steps: ((env: ExcelEnv) => Promise<unknown>)[],
    /** False where every way reads whole anyway (a department's first list). */
    compareBytes = true,
  ) {
    const run = async (host: MemoryExcelHost, spacing: number, whole: boolean) => {
      const out: unknown[] = [];
      const bytes: number[] = [];
      for (const step of steps) {
        host.resetCounters();
        out.push(await at(spacing, () => step({ ...envOf(host), ...(whole && { readWhole: true }) })));
        bytes.push(readBytes(host));
      }
      return { out, bytes };
    };
    const [standing, whole, columns] = [from.clone(), from.clone(), from.clone()];
    const a = await run(standing, SPACING, false);
    const b = await run(whole, SPACING, true);
    const c = await run(columns, NONE, false);
    assert.deepEqual(a.out, b.out);
    assert.deepEqual(a.out, c.out);
    assert.equal(difference(standing, whole), "");
    // Each step reads the log's time, action and op only from the last checkpoint down.
    if (compareBytes)
      a.bytes.forEach((bytes, i) =>
        assert.ok(
          bytes * 1.3 < c.bytes[i]!,
          `step ${i + 1}: ${bytes} bytes standing on a checkpoint, ${c.bytes[i]} not`,
        ),
      );
    return standing;
  }

  it("files, stamps, posts and corrects as a whole read decides, reading less than the log's columns", async () => {
    const head = stamper(people.head);
    const chairman = stamper(people.chairman);
    const no = "R000001";
    const filed = await threeWays(book, [
      (env) => fileRequest(env, entryFor(3001), "王建国", now),
      (env) => stampRequests(env, people.admin.fp, [no], head, "approve", "", now),
      (env) => stampRequests(env, people.admin.fp, [no], chairman, "approve", "", now),
    ]);
    // Posting digests the request's stamps, whose signatures differ from copy to copy: one stamped copy goes on.
    // The first post builds the department's first list from the Register: every way reads whole.
    const posted = await threeWays(
      filed,
      [(env) => postRequests(env, { name: "陈会计" }, people.admin.fp, [no], now)],
      false,
    );
    const corrected = await threeWays(posted, [
      (env) => correctCustomer(env, "C000007", { phone: "010-62345678" }, "客户来函", "陈会计", now),
      (env) => fileRequest(env, entryFor(3003), "王建国", now),
      (env) => stampRequests(env, people.admin.fp, ["R000002"], head, "approve", "", now),
      (env) => stampRequests(env, people.admin.fp, ["R000002"], chairman, "approve", "", now),
    ]);
    const again = await threeWays(corrected, [
      (env) => postRequests(env, { name: "陈会计" }, people.admin.fp, ["R000002"], now),
    ]);
    // The log it wrote holds: its chain, its checkpoints, the journal.
    const checked = await validateWorkbook(envOf(again), now.date, people.admin.fp);
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.problems.filter(
        (p) => ["log.checkpoint", "log.chainBroken"].includes(p.rule) || p.rule.startsWith("journal."),
      ),
      [],
    );
  });

  /** Types into the log of a copy of the book. */
  function typed(row: number, key: string, value: string): MemoryExcelHost {
    const host = book.clone();
    const values = host.sheet("变更记录").values;
    const col = values[0]!.indexOf(key);
    assert.ok(col >= 0, key);
    host.seedSheet("变更记录", [[value]], { at: `${String.fromCharCode(65 + col)}${row + 1}`, raw: true });
    return host;
  }

  it("reads the columns whole when a count differs, a listed row says another action, or no checkpoint stands at the place", async () => {
    const last = Math.floor((book.sheet("变更记录").values.length - 1) / SPACING) * SPACING;
    const cases: [string, MemoryExcelHost][] = [
      // A revocation typed in above the checkpoint: Excel counts one more than it lists.
      ["a revocation typed in", typed(last - 50, "操作", "revoke")],
      // The revocation typed into another action, another row into a revocation: the counts
      // are the same, and the row the checkpoint lists says otherwise once read.
      [
        "a listed row typed into another action",
        (() => {
          const host = typed(revocation, "操作", "backup");
          const at = host.sheet("变更记录").values[0]!.indexOf("操作");
          host.seedSheet("变更记录", [["revoke"]], {
            at: `${String.fromCharCode(65 + at)}${revocation + 3}`,
            raw: true,
          });
          return host;
        })(),
      ],
      // The checkpoint's own row typed over.
      ["the checkpoint typed over", typed(last, "新值", "{}")],
      // Its action typed over: no checkpoint stands at the place.
      ["the checkpoint's action typed over", typed(last, "操作", "contact")],
    ];
    for (const [what, host] of cases) {
      const whole = host.clone();
      host.resetCounters();
      const a = await at(SPACING, () => fileRequest(envOf(host), entryFor(3002), "王建国", now));
      const b = await at(SPACING, () =>
        fileRequest({ ...envOf(whole), readWhole: true }, entryFor(3002), "王建国", now),
      );
      assert.deepEqual(a, b, what);
      assert.equal(difference(host, whole), "", what);
    }
  });
});
