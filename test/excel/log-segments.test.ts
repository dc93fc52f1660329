/**
 * Issue 15, "a log that lasts": the Change log kept on several sheets (domain/
 * log-segments.ts), through the adapter over the in-memory host. Every action run on a
 * book whose log spreads over sheets of a dozen rows decides and writes what it decides on
 * one sheet — the segments joined are that one log, row for row — in no more syncs (one
 * more where it opens a segment); Validate finds the chain whole; a segment deleted,
 * renamed, emptied or put out of order by hand is named where its rows stop following.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { RUN_OPTIONS, type ExcelEnv } from "../../src/excel/env";
import { fileRequest, stampRequests, correctCustomer } from "../../src/excel/actions/workflow";
import { requestReinstatement, terminateCustomers } from "../../src/excel/actions/lifecycle";
import { postRequests } from "../../src/excel/actions/post-requests";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { joinSegments, logSegmentNames, segmentRows, setSegmentRows } from "../../src/domain/log-segments";
import { bookOf, envOf, logOf } from "./fixtures";
import { Book, SegmentTaken, type Counted } from "../../src/excel/book";
import { appendToLog } from "../../src/domain/log-writes";
import { readSheet } from "../../src/domain/records";
import { changeLog } from "../../src/domain/schema/sheets";
import { entryFor, now, stamper, staffOf, type People } from "./integrity/world";
import { difference } from "./support/same-book";
import { atSpacing } from "./support/checkpoint-spacing";

const SEGMENT = 12;
const LOG = "变更记录";

/** Runs an action with segments of `rows` rows (undefined: the product's), and puts the size back. */
async function segmentsOf<T>(rows: number | undefined, act: () => Promise<T>): Promise<T> {
  const was = segmentRows();
  if (rows) setSegmentRows(rows);
  try {
    return await act();
  } finally {
    setSegmentRows(was);
  }
}

/** A copy of a book whose log's segments are put back on its first sheet: the one log they make. */
async function folded(host: MemoryExcelHost): Promise<MemoryExcelHost> {
  const copy = host.clone();
  const names = logSegmentNames(copy.sheetNames());
  copy.seedSheet(LOG, joinSegments(names.map((n) => copy.sheet(n).values)), { raw: true });
  await copy.run(RUN_OPTIONS, async (context: Excel.RequestContext) => {
    for (const n of names.slice(1)) {
      const sheet = context.workbook.worksheets.getItem(n);
      sheet.visibility = "Visible";
      sheet.delete();
    }
    await context.sync();
  });
  return copy;
}

/** Runs a batch of Office.js calls on the host, as someone's hand in Excel would. */
const byHand = (host: MemoryExcelHost, batch: (context: Excel.RequestContext) => void) =>
  host.run(RUN_OPTIONS, async (context: Excel.RequestContext) => {
    batch(context);
    await context.sync();
  });

describe("the Change log on several sheets, through the adapter (issue 15)", function () {
  this.timeout(600_000);
  // Checkpoints every 5 rows as well, so reads stand on checkpoints across segments.
  atSpacing(5);
  let people: People;
  let plain: MemoryExcelHost;
  let split: MemoryExcelHost;

  before(async () => {
    people = await staffOf();
    const start = await bookOf(40, people);
    plain = start.clone();
    split = start.clone();
    const head = stamper(people.head);
    const chairman = stamper(people.chairman);
    const steps: ((env: ExcelEnv) => Promise<unknown>)[] = [
      (env) => fileRequest(env, entryFor(3001), "王建国", now),
      (env) => stampRequests(env, people.admin.fp, ["R000001"], head, "approve", "", now),
      (env) => stampRequests(env, people.admin.fp, ["R000001"], chairman, "approve", "", now),
      (env) => postRequests(env, { name: "陈会计" }, people.admin.fp, ["R000001"], now),
      (env) => correctCustomer(env, "C000007", { phone: "010-62345678" }, "客户来函", "陈会计", now),
      (env) => terminateCustomers(env, people.admin.fp, ["C000010"], "suspended", "关系解除", head, now),
      (env) => requestReinstatement(env, ["C000010"], "陈会计", now),
      (env) => fileRequest(env, entryFor(3002), "王建国", now),
      (env) => stampRequests(env, people.admin.fp, ["R000003"], head, "approve", "", now),
      (env) => stampRequests(env, people.admin.fp, ["R000003"], chairman, "approve", "", now),
      (env) => postRequests(env, { name: "陈会计" }, people.admin.fp, ["R000003"], now),
    ];
    for (const [i, step] of steps.entries()) {
      plain.resetCounters();
      split.resetCounters();
      const a = await step(envOf(plain));
      const sheetsBefore = logSegmentNames(split.sheetNames()).length;
      const b = await segmentsOf(SEGMENT, () => step(envOf(split)));
      assert.deepEqual(b, a, `step ${i + 1} answers alike`);
      const opened = logSegmentNames(split.sheetNames()).length - sheetsBefore;
      // One sync more only where the step opened a segment (its sheet, added in a batch of its own).
      assert.ok(
        split.syncLog.length <= plain.syncLog.length + opened,
        `step ${i + 1}: ${split.syncLog.length} syncs on segments, ${plain.syncLog.length} on one sheet (${opened} opened)`,
      );
    }
  });

  it("opens a sheet only once the last is full, each with the header, hidden and protected as the first", () => {
    const names = logSegmentNames(split.sheetNames());
    assert.ok(names.length >= 4, `${names.join(", ")}`);
    assert.deepEqual(names.slice(0, 3), [LOG, `${LOG} 2`, `${LOG} 3`]);
    const first = split.sheet(LOG);
    for (const [i, name] of names.entries()) {
      const sheet = split.sheet(name);
      if (i < names.length - 1)
        assert.ok(sheet.values.length >= SEGMENT, `${name}: ${sheet.values.length} rows`);
      if (i === 0) continue;
      // Past the size by no more than one action's rows (a post's are the most here).
      assert.ok(sheet.values.length < SEGMENT + 20, `${name}: ${sheet.values.length} rows`);
      assert.deepEqual(sheet.values[0], first.values[0], `${name} repeats the header`);
      assert.equal(sheet.visibility, first.visibility, name);
      assert.equal(sheet.isProtected, first.isProtected, name);
      assert.equal(sheet.frozenRows, 1, name);
    }
  });

  it("writes, across the segments, the very log one sheet holds", async () => {
    // A post's row carries a digest of the request's stamps, whose signatures differ from
    // copy to copy (ECDSA): the digests are left out, the rest compared.
    const undigested = (host: MemoryExcelHost) => {
      const copy = host.clone();
      const values = copy
        .sheet(LOG)
        .values.map((row) =>
          row.map((v) => (typeof v === "string" && v.startsWith("sha256:") ? "sha256:" : v)),
        );
      copy.seedSheet(LOG, values, { raw: true });
      return copy;
    };
    assert.equal(difference(undigested(await folded(split)), undigested(plain)), "");
    assert.ok(logOf(plain, true).length > SEGMENT * 3, `${logOf(plain, true).length} log rows`);
  });

  it("Validate reads the segments as one log: its chain, checkpoints and journal hold, the same problems as on one sheet", async () => {
    const one = await validateWorkbook(envOf(plain), now.date, people.admin.fp);
    const many = await validateWorkbook(envOf(split), now.date, people.admin.fp);
    assert.ok(many.ok, JSON.stringify(many));
    const rules = (o: typeof one) =>
      o.ok ? o.problems.map((p) => `${p.rule} ${p.sheet} ${p.row}`).sort() : [];
    assert.deepEqual(rules(many), rules(one));
    assert.deepEqual(
      many.ok ? many.problems.filter((p) => p.rule.startsWith("log.") || p.rule.startsWith("journal.")) : [],
      [],
    );
  });

  it("two writers who read a full log at once open the same sheet: Excel refuses the second, which writes nothing and, run again, follows the first", async () => {
    // The book on one sheet, that sheet full at its own height.
    const host = plain.clone();
    const last = LOG;
    const rowsBefore = logOf(host, true).length;
    const backup = (who: string) => ({
      time: "2026-11-24T16:00",
      person: who,
      action: "backup",
      customerId: "",
      field: "",
      oldValue: "",
      newValue: `客户名簿-备份-${who}.xlsx`,
      reason: "",
    });
    /** One writer: reads the log whole, waits for its turn, appends a backup row. */
    const writer = (who: string, read: () => void = () => {}, turn: Promise<void> = Promise.resolve()) =>
      host.run(RUN_OPTIONS, async (context: Excel.RequestContext) => {
        const book = new Book(context, "web", "zh");
        const snapshot = await book.read(() => [LOG]);
        read();
        await turn;
        return book.apply(await appendToLog(readSheet(changeLog, snapshot), [backup(who)]));
      });
    // The sheet is full at its own height: the next row opens a new one, for both.
    await segmentsOf(host.sheet(last).values.length, async () => {
      let readB!: () => void;
      let turnB!: () => void;
      const bRead = new Promise<void>((r) => (readB = r));
      const bTurn = new Promise<void>((r) => (turnB = r));
      const b = writer("乙", readB, bTurn).then(
        () => undefined,
        (error: unknown) => error,
      );
      await bRead;
      await writer("甲");
      turnB();
      const refused = await b;
      assert.ok(refused instanceof SegmentTaken, String(refused));
      assert.match((refused as Error).message, /未写入任何内容/);
      assert.deepEqual(
        logOf(host, true)
          .slice(rowsBefore)
          .filter((e) => e.action === "backup")
          .map((e) => e.person),
        ["甲"],
        "nothing of the second writer's",
      );
      await writer("乙");
    });
    const names = logSegmentNames(host.sheetNames());
    assert.equal(names.at(-2), last);
    assert.deepEqual(
      host
        .sheet(names.at(-1)!)
        .values.slice(1)
        // (A checkpoint may fall among them, written by whoever's rows reach its place.)
        .filter((r) => r[2] === "backup")
        .map((r) => r[1]),
      ["甲", "乙"],
      "both rows on the one new sheet, in order",
    );
    const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.deepEqual(
      checked.ok ? checked.problems.filter((p) => p.rule === "log.chainBroken") : [checked],
      [],
    );
  });

  it("reads back rows of the log by the log's own numbers without a read of it before (the pane's check of rows it wrote)", async () => {
    const log = joinSegments(logSegmentNames(split.sheetNames()).map((n) => split.sheet(n).values));
    const width = log[0]!.length;
    const from = log.length - 3 * SEGMENT;
    const memory = { names: split.sheetNames() };
    split.resetCounters();
    const [rows, count] = await split.run(RUN_OPTIONS, async (context: Excel.RequestContext) => {
      const book = new Book(context, "web", "zh", memory);
      const counted: Counted = {
        block: { sheet: LOG, row: 1, col: 2, rows: log.length - 1, cols: 1 },
        text: "post",
      };
      const read = await book.readBlocks(
        [{ sheet: LOG, row: from, col: 0, rows: 3 * SEGMENT, cols: width }],
        [counted],
      );
      return [read[0]!, counted.count] as const;
    });
    assert.deepEqual(rows, log.slice(from));
    assert.equal(
      count,
      log.filter((r) => r[2] === "post").length,
      "Excel's count over the log's rows on all its sheets",
    );
    assert.ok(
      split.syncLog.length <= 3,
      `${split.syncLog.length} syncs: where the sheets stand, then the rows`,
    );
  });

  /** Validate's problems on the log of a copy of the split book changed by hand. */
  async function logProblemsAfter(change: (host: MemoryExcelHost) => Promise<void>) {
    const host = split.clone();
    await change(host);
    const outcome = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(outcome.ok, JSON.stringify(outcome));
    return outcome.problems.filter((p) => p.sheet === "changeLog");
  }

  it("names the break where a segment deleted by hand leaves the next one's rows hanging, on the sheet they stand on", async () => {
    const problems = await logProblemsAfter((host) =>
      byHand(host, (c) => {
        const sheet = c.workbook.worksheets.getItem(`${LOG} 2`);
        sheet.visibility = "Visible";
        sheet.delete();
      }),
    );
    const broken = problems.find((p) => p.rule === "log.chainBroken");
    assert.ok(broken, JSON.stringify(problems));
    assert.equal(broken.sheetName, `${LOG} 3`);
    assert.match(broken.address, /^[A-Z]+2$/, "its first row below the header");
  });

  it("names the break where a segment is renamed, emptied, or two swap their numbers", async () => {
    const renamed = await logProblemsAfter((host) =>
      byHand(host, (c) => {
        c.workbook.worksheets.getItem(`${LOG} 2`).name = "旧记录";
      }),
    );
    assert.ok(renamed.some((p) => p.rule === "log.chainBroken" && p.sheetName === `${LOG} 3`));
    const emptied = await logProblemsAfter(async (host) => {
      const rows = host.sheet(`${LOG} 3`).values.length;
      await byHand(host, (c) => {
        const sheet = c.workbook.worksheets.getItem(`${LOG} 3`);
        sheet.protection.unprotect();
        sheet.getRangeByIndexes(1, 0, rows - 1, 20).clear("Contents");
      });
    });
    assert.ok(
      emptied.some((p) => p.rule === "log.chainBroken" && p.sheetName === `${LOG} 4`),
      JSON.stringify(emptied),
    );
    const swapped = await logProblemsAfter((host) =>
      byHand(host, (c) => {
        const sheets = c.workbook.worksheets;
        sheets.getItem(`${LOG} 2`).name = "x";
        sheets.getItem(`${LOG} 3`).name = `${LOG} 2`;
        sheets.getItem("x").name = `${LOG} 3`;
      }),
    );
    assert.ok(
      swapped.some((p) => p.rule === "log.chainBroken"),
      JSON.stringify(swapped),
    );
  });
});
