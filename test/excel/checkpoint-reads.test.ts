/**
 * Issue 15: runs read the Change log from its last checkpoint down (domain/journal/
 * checkpoints.ts, excel/partial.ts) — the checkpoint standing for the rows above it — and
 * decide exactly what a read of the whole log decides; a checkpoint that does not hold (a
 * count that differs, a listed row that says another action, none at its place) makes the
 * run read the columns whole instead, and decide the same.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { Book } from "../../src/excel/book";
import { readNeeds } from "../../src/excel/partial";
import { logSkeleton } from "../../src/domain/partial-read";
import { logClock } from "../../src/domain/book-context";
import type { Snapshot } from "../../src/domain/workbook";
import type { ExcelEnv } from "../../src/excel/env";
import { fileRequest, stampRequests } from "../../src/excel/actions/workflow";
import { requestReinstatement, terminateCustomers } from "../../src/excel/actions/lifecycle";
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

/** A log entry of 陈会计's, at a time early in the year. */
const logRow = (action: string, newValue = "", time = "2026-01-05T09:30") => ({
  time,
  person: "陈会计",
  action,
  customerId: "",
  field: "",
  oldValue: "",
  newValue,
  reason: "",
});
const backup = (i: number) => logRow("backup", `客户名簿-备份-${i}.xlsx`);

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
  /** A copy of a book with `count` backup rows appended to its log (checkpoints among them, at SPACING). */
  async function padded(from: MemoryExcelHost, count: number, rows = (i: number) => backup(i)) {
    const host = from.clone();
    const values = host.sheet("变更记录").values;
    const snapshot = { sheetNames: ["变更记录"], sheets: { 变更记录: { name: "变更记录", values } } };
    const entries = Array.from({ length: count }, (_, i) => rows(i));
    const [write] = await at(SPACING, () => appendToLog(readSheet(changeLog, snapshot), entries));
    if (write?.kind !== "values") throw new Error("no log write");
    host.seedSheet("变更记录", write.values, { at: `A${write.row + 1}`, raw: true });
    return host;
  }

  /** The revocation's 0-based row. */
  let revocation = 0;
  before(async () => {
    people = await staffOf();
    // The register taken in writes a checkpoint every SPACING rows of its 2,000 adopt rows;
    // then a revocation (of a key no one holds) and 150 backups, so the last checkpoint lists it.
    book = await padded(await at(SPACING, () => bookOf(2000, people)), 151, (i) =>
      i === 0 ? logRow("revoke", "无名氏 旧电脑") : backup(i),
    );
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
    // More rows after, so the post's intents and its done lie above the last checkpoint: an
    // op it does not name as unfinished was done there (no whole read to find its done).
    const later = await padded(again, 150);
    await threeWays(later, [
      (env) => correctCustomer(env, "C002002", { phone: "010-62345679" }, "客户来函", "陈会计", now),
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

  it("stamps a request filed long before, found above the checkpoint by Excel's counts block by block, and one that names a customer", async () => {
    const head = stamper(people.head);
    // A request filed, and a suspended customer's reinstatement asked; then 150 rows, so
    // their rows lie above the last checkpoint.
    const host = book.clone();
    const env = envOf(host);
    const filed = await at(SPACING, () => fileRequest(env, entryFor(3004), "王建国", now));
    const ended = await at(SPACING, () =>
      terminateCustomers(env, people.admin.fp, ["C000010"], "suspended", "关系解除", head, now),
    );
    const asked = await at(SPACING, () => requestReinstatement(env, ["C000010"], "陈会计", now));
    assert.ok(
      filed.ok && ended.ok && asked.ok && asked.problems.length === 0,
      JSON.stringify([filed, ended, asked]),
    );
    const later = await padded(host, 150);
    const numbers = logOf(later)
      .filter((e) => e.action === "intake" || e.action === "reinstateRequest")
      .map((e) => e.requestNo);
    assert.equal(numbers.length, 2);
    for (const no of numbers)
      await threeWays(later, [(env) => stampRequests(env, people.admin.fp, [no], head, "approve", "", now)]);
  });

  it("gives every row read above the checkpoint the moment a whole read gives it", async () => {
    // Times that go forward and back, and trust rows between the places: a row's moment is
    // the latest time up to it, so the times above each row read count, not its own.
    const host = new MemoryExcelHost({ sheets: ["变更记录"] });
    host.seedSheet("变更记录", [changeLog.columns.map((c) => c.header.zh)], { raw: true });
    const time = (i: number) =>
      `2026-01-05T${String(8 + ((i * 7) % 10)).padStart(2, "0")}:${String((i * 13) % 60).padStart(2, "0")}`;
    const entry = (i: number) =>
      i % 37 === 5
        ? { ...logRow("revoke", `人${i} 设备${i}`, time(i)) }
        : i % 41 === 3
          ? { ...logRow("enrol", `设备${i}`, time(i)), person: `人${i}` }
          : i % 43 === 7
            ? logRow("restaff", `人${i} 设备${i}`, time(i))
            : logRow("backup", `客户名簿-备份-${i}.xlsx`, time(i));
    const values = host.sheet("变更记录").values;
    const empty = { sheetNames: ["变更记录"], sheets: { 变更记录: { name: "变更记录", values } } };
    const [write] = await at(50, () =>
      appendToLog(
        readSheet(changeLog, empty),
        Array.from({ length: 730 }, (_, i) => entry(i)),
      ),
    );
    if (write?.kind !== "values") throw new Error("no log write");
    host.seedSheet("变更记录", write.values, { at: "A2", raw: true });
    const read = (how: (book: Book) => Promise<Snapshot>) =>
      host.run((c: Excel.RequestContext) => how(new Book(c, "web", "zh")));
    const part = await at(50, () => read((book) => readNeeds(book, [logSkeleton()])));
    const whole = await read((book) => book.read(() => ["变更记录"]));
    assert.ok(part.sheets["变更记录"]!.base, "the read stood on a checkpoint");
    const a = logClock(part)!;
    const b = logClock(whole)!;
    assert.ok(b.revokedAt.size > 10 && b.startedAt.size > 20);
    assert.deepEqual([...a.revokedAt].sort(), [...b.revokedAt].sort());
    assert.deepEqual([...a.startedAt].sort(), [...b.startedAt].sort());
  });

  /** Types into the log of a copy of a book: cells by header, row by row (0-based). */
  function typed(from: MemoryExcelHost, cells: [number, Record<string, string>][]): MemoryExcelHost {
    const host = from.clone();
    const header = host.sheet("变更记录").values[0]!;
    for (const [row, values] of cells)
      for (const [key, value] of Object.entries(values)) {
        const col = header.indexOf(key);
        assert.ok(col >= 0, key);
        host.seedSheet("变更记录", [[value]], {
          at: `${String.fromCharCode(65 + col)}${row + 1}`,
          raw: true,
        });
      }
    return host;
  }

  it("reads the columns whole when a count differs, a listed row says another action, or no checkpoint stands at the place", async () => {
    // A request filed, for the head to stamp: a revocation of the head's key typed into the
    // log above the checkpoint refuses the stamp wherever it is read.
    const filed = book.clone();
    const request = await at(SPACING, () => fileRequest(envOf(filed), entryFor(3002), "王建国", now));
    assert.ok(request.ok && request.requestNo);
    const headKey = `${people.head.entry.name} ${people.head.entry.device}`;
    const revoked = { 操作: "revoke", 新值: headKey };
    const last = Math.floor((filed.sheet("变更记录").values.length - 1) / SPACING) * SPACING;
    const cases: [string, MemoryExcelHost][] = [
      // A revocation typed in above the checkpoint: Excel counts one more than it lists.
      ["a revocation typed in", typed(filed, [[last - 50, revoked]])],
      // The listed revocation typed into another action, another row into the head's
      // revocation: the counts are the same, and the listed row says otherwise once read.
      [
        "a listed row typed into another action",
        typed(filed, [
          [revocation, { 操作: "backup" }],
          [revocation + 2, revoked],
        ]),
      ],
      // The checkpoint's claims typed over, with a revocation typed in.
      [
        "the checkpoint typed over",
        typed(filed, [
          [last, { 新值: "{}" }],
          [last - 50, revoked],
        ]),
      ],
      // Its action typed over: no checkpoint stands at the place.
      [
        "the checkpoint's action typed over",
        typed(filed, [
          [last, { 操作: "contact" }],
          [last - 50, revoked],
        ]),
      ],
    ];
    const head = stamper(people.head);
    for (const [what, host] of cases) {
      const whole = host.clone();
      const stamp = (env: ExcelEnv): ReturnType<typeof stampRequests> =>
        at(SPACING, () =>
          stampRequests(env, people.admin.fp, [request.requestNo!], head, "approve", "", now),
        );
      const a = await stamp(envOf(host));
      const b = await stamp({ ...envOf(whole), readWhole: true });
      assert.deepEqual(a, b, what);
      assert.ok(a.ok && a.problems.length === 1 && a.stamped.length === 0, `${what}: the stamp refused`);
      assert.equal(difference(host, whole), "", what);
    }
  });
});
