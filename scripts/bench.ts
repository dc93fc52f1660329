/**
 * `npm run bench`: what each pane action costs on a workbook in use, through the same
 * adapter code against the in-memory Excel host, on Excel on the web's profile (5 MB per
 * request and answer) and desktop's. One line per action and size, in a form that can be
 * compared over time (issue 15):
 *
 *   bench action=<name> platform=<desktop|web> rows=<n> log=<n> syncs=<n> readMB=<x> writeMB=<x> maxRequestMB=<x> ms=<n>
 *
 * readMB is what Excel sent back (responses), writeMB what the pane sent (requests), over
 * the action's syncs. The workbook is built through the pane's own actions: `rows` stamped
 * customers posted from stamped requests, as many contact records, and the Change log
 * filled up with review confirmations until it holds at least `log` rows.
 *
 *   npm run bench                                     100,000 customers, 300,000 log rows, both profiles
 *   npm run bench -- --rows 1000,10000 --platform web --only validate,contact
 *   npm run bench -- --only domain                   the cell checks alone, in Node (tsx and bundled)
 *   npm run bench -- --rows 10000 --only post-1 --trace   and each action's loads over 20 KB, heaviest first
 *   npm run bench -- --rows 10000 --only validate --profile /tmp/prof   and a V8 CPU profile per
 *                                                    action there (<action>-<platform>-<rows>.cpuprofile)
 *   npm run bench -- --rows 10000 --segment-rows 10000   the Change log on several sheets (log-segments.ts)
 *   npm run bench -- --only validate,validate-edit --repeat 3   Validate first and after one edit,
 *                                                    three times on one build, each in a pane opened afresh
 *   npm run bench -- --only validate --check-here   Validate's check in the bench's own thread (as the
 *                                                    command-line tool runs it; --profile profiles it there)
 *   npm run bench -- --only validate --fresh-answers   the host answering as Office.js does: each answer
 *                                                    JSON parsed again, its writing printed as servingMs=
 *
 * Validate's check runs where the pane runs it: in a worker of its own (a worker thread
 * running the pane's validate-worker.ts), the workbook read sent to it by postMessage as the
 * pane sends it (taskpane/check-message.ts) — so its figure includes the copy into the worker.
 *
 * Then the offline PIN-guessing estimate behind the PIN policy.
 */
// Hashes as the pane does: before anything loads digest.ts.
import "./bench-pane-hash";
import { spawnSync } from "node:child_process";
import { buildSync } from "esbuild";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Session } from "node:inspector/promises";
import { Worker } from "node:worker_threads";
import type { Checker, StreamedCheck } from "../src/excel/actions/validate-workbook";
import type { ReadSink } from "../src/excel/book";
import { CheckSender, Yielding, type Ahead } from "../src/taskpane/check-message";
import type { CheckReply } from "../src/taskpane/validate-worker";
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { MemoryExcelHost } from "../src/host/memory-host";
import { setUpWorkbook } from "../src/excel/actions/set-up-workbook";
import { RUN_OPTIONS, type ExcelEnv, type Platform } from "../src/excel/env";
import { contacts, intake, register } from "../src/domain/schema/sheets";
import { buildMonthlyLists } from "../src/excel/actions/lists";
import { lastTwelveMonths, monthsUpTo } from "../src/domain/lists/monthly";
import { loadCard, printCard, showCard } from "../src/excel/actions/card";
import { looksAtCustomer, lookUpPrintout } from "../src/excel/actions/trace";
import { buildMailing } from "../src/excel/actions/mailing";
import { correctCustomer, fileRequest, stampRequests } from "../src/excel/actions/workflow";
import { postRequests } from "../src/excel/actions/post-requests";
import {
  buildReviewList,
  confirmReviews,
  loadWorklist,
  destroyRecords,
  handOver,
  markInvalid,
  requestReinstatement,
  terminateCustomers,
} from "../src/excel/actions/lifecycle";
import { addAnnualResult, addContact } from "../src/excel/actions/contacts";
import { applyForLoan, buildLoanExtract, stampLoans } from "../src/excel/actions/loans";
import { confirmCopySaved } from "../src/excel/backup";
import { isoToSerial } from "../src/domain/validate/date";
import { columnLetter } from "../src/domain/workbook";
import { logSegmentNames, setSegmentRows } from "../src/domain/log-segments";
import { PBKDF2_ITERATIONS } from "../src/domain/stamps/keys";
import { PIN_MIN_BITS } from "../src/domain/stamps/pin";
import { stampedRequest } from "../test/domain/support/people";
import { seedStaff } from "../test/excel/fixtures";
import { entryFor, now, stamper, staffOf, type People } from "../test/excel/integrity/world";

const MB = 1024 * 1024;
const today = now.date;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}
const sizes = option("rows", "100000").split(",").map(Number);
const logFactor = Number(option("log-per-customer", "3"));
const platforms = option("platform", "web,desktop").split(",") as Platform[];
const only = option("only", "");
const wanted = (name: string) => !only || only.split(",").includes(name);
const trace = process.argv.includes("--trace");
/**
 * Each answer written as JSON and parsed again, as Office.js gives the pane Excel's response
 * (memory-host.ts `freshAnswers`); servingMs= is the writing, Excel's work inside ms=.
 */
const freshAnswers = process.argv.includes("--fresh-answers");
const profileDir = option("profile", "");
const repeat = Math.max(1, Number(option("repeat", "1")));
const checkHere = process.argv.includes("--check-here");

/**
 * The pane's modules loaded again, as a pane opened afresh has them: nothing remembered
 * (stamps parsed, signatures verified, the kept snapshot, a row's findings). The host's own
 * modules stay (they hold the workbook). What V8 compiled for the first load it may reuse —
 * bytecode, not the remembered answers.
 */
function freshPane() {
  const src = join(__dirname, "..", "src");
  // A require of its own: the modules it loads are its children, let go with it.
  const load = createRequire(__filename);
  for (const id of Object.keys(load.cache))
    if (id.startsWith(src) && !id.startsWith(join(src, "host"))) delete load.cache[id];
  const validate = load(
    "../src/excel/actions/validate-workbook",
  ) as typeof import("../src/excel/actions/validate-workbook");
  const watch = load("../src/excel/change-watch") as typeof import("../src/excel/change-watch");
  return { validateWorkbook: validate.validateWorkbook, ChangeWatch: watch.ChangeWatch };
}

let workerBundle: string | undefined;
/**
 * The worker's code bundled by esbuild, once per run, as the pane's worker runs it: one
 * webpack chunk. Loaded through tsx instead, every imported function is read through an
 * export getter and every function made is named by a helper (`__name`): about a second of
 * a first Validate at 100,000 customers (session 39's profile) that the pane never pays.
 */
function checkWorkerBundle(): string {
  if (workerBundle) return workerBundle;
  const bundle = join(mkdtempSync(join(tmpdir(), "bench-check-")), "bench-check-worker.cjs");
  buildSync({
    entryPoints: [join(__dirname, "bench-check-worker.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    outfile: bundle,
    logLevel: "warning",
    // js-sha256's browser build, as webpack gives the pane (bench-pane-hash.ts).
    alias: { "js-sha256": require.resolve("js-sha256/build/sha256.cjs") },
    define: { "process.env.BENCH_BUNDLED": '"1"' },
  });
  return (workerBundle = bundle);
}

/**
 * Validate's worker as the pane has it (taskpane/validate-in-pane.ts): a thread running the
 * pane's own validate-worker.ts, sent each check as the pane sends it (check-message.ts) —
 * the copy of the workbook into the worker is part of what Validate costs. Started and
 * loaded before anything is measured (in the pane, the worker's chunk loads with the first
 * Validate: a browser's fetch, not the host's).
 */
async function checkThread() {
  const worker = new Worker(checkWorkerBundle(), {
    resourceLimits: { maxOldGenerationSizeMb: 12288 },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  /**
   * A check sent as the pane sends it: a read whole told to the worker as each answer
   * brings it (`sink`, check-message.ts CheckSender), then the check; a patch whole.
   */
  const streamed = (ahead: Ahead): StreamedCheck => {
    // The messages that went while the workbook was read, and how long writing them held
    // the pane's thread (at most once: one answer's rows); after the read, when the last
    // message went, and how long the pane's thread was held between its let-gos.
    const sent = { messages: 0, whileRead: 0, writing: 0, longest: 0, busy: 0, texts: 0, last: 0, from: 0 };
    let reading = true;
    const held = (ms: number) => {
      sent.busy += ms;
      sent.longest = Math.max(sent.longest, ms);
    };
    // The pane's own letting go (check-message.ts), told how long it held the thread each time.
    // Made again when the check is sent: the read does not let go through it, and a hold
    // counted from its making would count the whole read.
    const made = () =>
      new Yielding((ms) => {
        if (!reading) held(ms);
      });
    let yielding = made();
    let whole = false;
    /** Customer rows whose stamp digests this thread worked out and sent, and whether the worker said it had enough. */
    let digested = 0;
    let enough = false;
    const sender = new CheckSender(
      (request) => {
        worker.postMessage(request);
        // The log's chain goes after the check, worked out on this thread meanwhile (chain-beside.ts).
        if (request.kind === "chain") {
          const after = performance.now() - sent.last;
          console.log(
            `# the log's chain worked out on the pane's thread: ${request.found?.length ?? "no"} findings, ` +
              `sent ${after.toFixed(0)} ms after the check`,
          );
          return;
        }
        // The customers' stamp digests go after it, worked out here too (stamps-beside.ts).
        if (request.kind === "digests") {
          digested += request.block.rows.length;
          return;
        }
        if (request.kind === "begin")
          Object.assign(sent, { messages: 0, whileRead: 0, writing: 0, texts: 0 });
        sent.last = performance.now();
        sent.messages++;
        if (reading) sent.whileRead++;
        if (request.kind === "rows") sent.texts += (request.texts?.first.length ?? 0) / 3;
      },
      ahead,
      () => yielding.letGo(),
    );
    const sink: ReadSink = {
      ...sender.sink,
      rows: (sheet, rows) => {
        const from = performance.now();
        sender.sink.rows(sheet, rows);
        const ms = performance.now() - from;
        sent.writing += ms;
        sent.longest = Math.max(sent.longest, ms);
      },
    };
    const check: Checker = (input, progress) =>
      new Promise((resolve, reject) => {
        reading = false;
        yielding.close();
        yielding = made();
        sent.from = performance.now();
        const whileRead = { writing: sent.writing, longest: sent.longest };
        sent.longest = 0;
        whole = !!input.snapshot;
        const heard = (reply: CheckReply | { kind: "received"; at: number }) => {
          if (reply.kind === "received") {
            if (whole)
              console.log(
                `# check sent to the worker: ${sent.messages} messages, ${sent.whileRead} of them as the read came ` +
                  `(writing them held the pane's thread ${whileRead.writing.toFixed(0)} ms, at most ${whileRead.longest.toFixed(0)} ms for one answer); ` +
                  `the rest ${(sent.last - sent.from).toFixed(0)} ms after the read, ` +
                  `the pane's thread held ${sent.busy.toFixed(0)} ms (at most ${sent.longest.toFixed(0)} ms at once); ` +
                  `${sent.texts} long texts written once each; ` +
                  `readable there ${(reply.at - performance.timeOrigin - sent.last).toFixed(0)} ms after the last`,
              );
            return;
          }
          if (reply.kind === "progress") return progress(reply.step, reply.done, reply.total);
          if (reply.kind === "enough") {
            enough = true;
            return sender.stop(reply.check);
          }
          sender.stop();
          worker.off("message", heard);
          worker.off("error", reject);
          if (reply.kind === "done") {
            if (whole)
              console.log(
                `# the book's context and the journal worked out in the worker ahead of the check: ${reply.ahead ?? "none"} ` +
                  `(before: done while the read came; waited: the check waited for it; none: not begun)`,
              );
            if (whole)
              console.log(
                `# customer rows' stamp digests worked out on the pane's thread and sent: ${digested}, ` +
                  `taken by the worker: ${reply.digestsTaken ?? 0}` +
                  `${enough ? " (the worker said when it had gone through them all)" : ""}`,
              );
            resolve(reply.outcome);
          } else reject(Object.assign(new Error(reply.message), reply.name ? { name: reply.name } : {}));
        };
        worker.on("message", heard);
        worker.once("error", reject);
        sender
          .send(input)
          .then(() => held(Math.max(0, sent.last - Math.max(yielding.lastLetGo, sent.from))))
          .catch(reject)
          .finally(() => yielding.close());
      });
    return { sink, check };
  };
  const check: Checker = (input, progress) =>
    streamed({ pinnedAdmin: input.pinnedAdmin }).check(input, progress);
  return { check, stream: streamed, close: () => worker.terminate() };
}

/** The collector, run before each measure: no action pays for the garbage of the build or of the one before. */
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

function envOf(host: MemoryExcelHost, platform: Platform): ExcelEnv {
  // The pane's environment: it keeps the sheet names its last action listed.
  return { run: (batch) => host.run(RUN_OPTIONS, batch), platform, displayLanguage: "zh-CN", sheetNames: {} };
}

/** Fails the bench on an action that did not do its work: a figure for a refusal is no figure. */
function done<T extends { ok: boolean }>(result: T, what: string): T {
  const problems = result.ok && "problems" in result ? (result as { problems: unknown[] }).problems : [];
  if (!result.ok || problems.length)
    throw new Error(`${what}: ${JSON.stringify(result.ok ? problems.slice(0, 5) : result).slice(0, 2000)}`);
  return result;
}

/** The log's rows on all its sheets (log-segments.ts). */
const logRows = (host: MemoryExcelHost) =>
  logSegmentNames(host.sheetNames()).reduce(
    (n, name) => n + Math.max(0, host.sheet(name).values.length - 1),
    0,
  );
/** A Change log sheet full from this many rows: `--segment-rows 100000` puts a 300,000-row log on four sheets. */
const segmentSize = Number(option("segment-rows", "0"));
if (segmentSize) setSegmentRows(segmentSize);
const registerIds = (host: MemoryExcelHost) =>
  host
    .sheet("客户原簿")
    .values.slice(1)
    .map((r) => String(r[0]));

/**
 * The workbook: `n` customers filed, stamped and posted (all 业务一部, the head's
 * department) a sixtieth a month over five years, the last month being this one, so the
 * Change log is in the order an office writes it — reads by time (a year's looks, a
 * month's lists) see the log they would meet; 300 more requests filed and stamped this
 * month, 300 waiting for a stamp; `n` contact records; and review confirmations, today,
 * until the Change log holds `n × logFactor` rows.
 */
async function build(platform: Platform, n: number, people: People) {
  let lap = performance.now();
  const phase = (what: string) => {
    const at = performance.now();
    console.log(`# build ${what}: ${((at - lap) / 1000).toFixed(1)} s`);
    lap = at;
  };
  const host = new MemoryExcelHost({ platform, displayLanguage: "zh-CN" });
  const env = envOf(host, platform);
  done(await setUpWorkbook(env), "set up");
  seedStaff(host, [...people.entries, people.manager.entry]);
  const requestNo = (i: number) => `R${String(i + 1).padStart(6, "0")}`;
  const first = Array.from({ length: n }, (_, i) => requestNo(i));
  const months = monthsUpTo(now.date.slice(0, 7), 60);
  const batches = months.map((_, m) =>
    first.slice(Math.floor((m * n) / months.length), Math.floor(((m + 1) * n) / months.length)),
  );
  // Each request filed early in the month it is stamped and posted in (this month: the 600 more).
  const filedIn = new Map(batches.flatMap((batch, m) => batch.map((no) => [no, months[m]!] as const)));
  const requests = [];
  const department = intake.columns.findIndex((c) => c.key === "department");
  const requestDate = intake.columns.findIndex((c) => c.key === "requestDate");
  for (let i = 0; i < n + 600; i++) {
    const request = await stampedRequest(i, [], "待盖章");
    request[department] = people.head.entry.department;
    const month = filedIn.get(requestNo(i));
    if (month) request[requestDate] = `${month}-05`;
    requests.push(request);
  }
  host.seedSheet(intake.name.zh, requests, { at: "A2", raw: true });
  phase("requests filed");
  // Month by month: the head stamps on the 10th, the chairman on the 12th, the clerk posts on
  // the 15th — through the pane's actions, so every stamp and post is in the Change log as
  // Validate expects, at the time it was made.
  for (let m = 0; m < months.length; m++) {
    const batch = batches[m]!;
    if (!batch.length) continue;
    const on = (day: string) => ({ ...now, date: `${months[m]}-${day}`, time: "10:00" });
    for (const [who, day] of [
      [people.head, "10"],
      [people.chairman, "12"],
    ] as const)
      done(
        await stampRequests(env, people.admin.fp, batch, stamper(who), "approve", "", on(day)),
        `stamp the register's ${months[m]}`,
      );
    done(
      await postRequests(env, { name: "陈会计" }, people.admin.fp, batch, on("15")),
      `post the register's ${months[m]}`,
    );
  }
  phase("register stamped and posted");
  // This month's 300 approved and not yet posted, stamped today.
  const approved = Array.from({ length: 300 }, (_, i) => requestNo(n + i));
  for (const who of [people.head, people.chairman])
    done(await stampRequests(env, people.admin.fp, approved, stamper(who), "approve", "", now), "stamp");
  phase("this month's approved stamped");
  const ids = registerIds(host);
  const contactRows = ids.map((id, i) =>
    contacts.columns.map((c) =>
      c.key === "contactNo"
        ? `LX${String(i + 1).padStart(6, "0")}`
        : c.key === "date"
          ? isoToSerial("2026-10-15")
          : c.key === "customerId"
            ? id
            : c.key === "staff"
              ? "王建国"
              : c.key === "channel"
                ? "电话"
                : c.key === "summary"
                  ? "年末回访,确认明年订货计划"
                  : c.key === "major"
                    ? "否"
                    : "",
    ),
  );
  host.seedSheet(contacts.name.zh, contactRows, { at: "A2", raw: true });
  // Five years of an office's work is mostly review confirmations: one row per customer each
  // (two before session 28: as many rows, from twice the confirmations).
  while (logRows(host) < n * logFactor) done(await confirmReviews(env, ids, "陈会计", now), "fill the log");
  phase("log filled");
  return { host, env, ids, requestNo };
}

interface Figures {
  syncs: number;
  readMB: number;
  writeMB: number;
  /** The largest request or answer of a sync that went through. */
  maxRequestMB: number;
  /** Syncs Excel refused (too large an answer), counted in `syncs`. */
  refused: number;
  ms: number;
  /** Of `ms`, the host writing its answers as JSON (`--fresh-answers`): Excel's work, not the pane's. */
  servingMs: number;
}

/** Runs `work` under V8's CPU profiler, written to `file` (Chrome's DevTools and speedscope read it). */
async function profiled<T>(file: string, work: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    console.log(`# profile: ${file}`);
    session.disconnect();
  }
}

async function measure(
  host: MemoryExcelHost,
  work: () => Promise<{ ok: boolean }>,
  what: string,
  file: string,
) {
  // Once what is still queued (a closed pane's last callbacks) has run, twice: what it held goes too.
  await new Promise((resolve) => setImmediate(resolve));
  collect();
  collect();
  host.resetCounters();
  host.servingMs = 0;
  if (trace) host.loadTrace = [];
  const start = performance.now();
  done(await (profileDir ? profiled(join(profileDir, `${file}.cpuprofile`), work) : work()), what);
  const ms = performance.now() - start;
  for (const load of (host.loadTrace ?? []).filter((l) => l.bytes > 20_000).sort((a, b) => b.bytes - a.bytes))
    console.log(
      `#   ${what} sync ${load.sync}: ${(load.bytes / MB).toFixed(3)} MB ${JSON.stringify(load.describe)}`,
    );
  if (trace)
    host.syncLog.forEach((s, i) =>
      console.log(
        `#   ${what} sync ${i + 1}: ${s.ok ? "" : "refused, "}${s.operations} operations (${s.writes} writes), ` +
          `asked ${(s.requestBytes / 1024).toFixed(1)} KB, answered ${(s.responseBytes / 1024).toFixed(1)} KB`,
      ),
    );
  host.loadTrace = undefined;
  // A sync Excel refused (an answer over 5 MB, read again in smaller slices) carried no data.
  const log = host.syncLog.filter((s) => s.ok);
  return {
    syncs: host.syncs,
    readMB: log.reduce((a, s) => a + s.responseBytes, 0) / MB,
    writeMB: log.reduce((a, s) => a + s.requestBytes, 0) / MB,
    maxRequestMB: log.reduce((a, s) => Math.max(a, s.requestBytes, s.responseBytes), 0) / MB,
    refused: host.syncs - log.length,
    ms,
    servingMs: host.servingMs,
  } satisfies Figures;
}

/**
 * The command-line tool's `validate` on a sample file of `n` customers: read whole (ExcelJS's
 * model, as the writing commands still read) and streamed (as `validate` reads), each in a
 * process of its own, with its peak memory.
 */
function cliValidate(n: number) {
  const dir = mkdtempSync(join(tmpdir(), "bench-cli-"));
  const file = join(dir, "book.xlsx");
  const tsx = join(__dirname, "..", "node_modules", ".bin", "tsx");
  const made = spawnSync(
    tsx,
    [join(__dirname, "..", "src/cli/main.ts"), "sample", file, "--rows", String(n)],
    {
      encoding: "utf8",
    },
  );
  if (made.status !== 0) throw new Error(`sample: ${made.stderr}`);
  for (const how of ["whole", "stream"]) {
    const run = spawnSync(tsx, [join(__dirname, "cli-read-cost.ts"), how, file], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const figures =
      run.status === 0 ? run.stdout.trim() : `failed=${JSON.stringify(run.stderr.trim().split("\n").at(-1))}`;
    console.log(
      `bench action=cli-validate read=${how} rows=${n} fileMB=${(statSync(file).size / MB).toFixed(1)} ${figures}`,
    );
  }
}

/**
 * The cell checks and duplicates of `n` sample customers in Node, without Excel
 * (bench-domain.ts): under tsx, as the command-line tool runs them, and bundled, as the
 * pane's worker runs them — each in a process of its own, so that neither inherits the
 * other's compiled code or garbage.
 */
function domainValidate(n: number) {
  const script = join(__dirname, "bench-domain.ts");
  const bundle = join(mkdtempSync(join(tmpdir(), "bench-domain-")), "bench-domain.cjs");
  buildSync({
    entryPoints: [script],
    bundle: true,
    platform: "node",
    format: "cjs",
    outfile: bundle,
    logLevel: "warning",
  });
  const tsx = join(__dirname, "..", "node_modules", ".bin", "tsx");
  for (const [command, args] of [
    [tsx, [script, String(n), today, "tsx"]],
    [process.execPath, [bundle, String(n), today, "bundle"]],
  ] as const) {
    const run = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 20 });
    if (run.status !== 0) throw new Error(`domain-validate: ${run.stderr}`);
    process.stdout.write(run.stdout);
  }
}

async function main() {
  if (wanted("cli")) for (const n of sizes) cliValidate(n);
  if (wanted("domain")) for (const n of sizes) domainValidate(n);
  // Nothing asked of the pane's actions (`--only cli`, `--only domain,cli`): no workbook built.
  if (only && only.split(",").every((name) => name === "cli" || name === "domain")) return;
  const people = await staffOf();
  const head = stamper(people.head);
  for (const platform of platforms)
    for (const n of sizes) {
      const started = performance.now();
      const built = await build(platform, n, people);
      const { host, ids, requestNo } = built;
      let { env } = built;
      const log = logRows(host);
      console.log(
        `# built ${n} customers, ${log} log rows (${platform}) in ${((performance.now() - started) / 1000).toFixed(0)} s` +
          (segmentSize
            ? `; the log on ${logSegmentNames(host.sheetNames()).length} sheets of ${segmentSize} rows`
            : ""),
      );
      // Answers as Office.js gives them, from here on (memory-host.ts `freshAnswers`): a measure.
      if (freshAnswers) host.freshAnswers = true;
      const line = (action: string, f: Figures, suffix: string) =>
        console.log(
          `bench action=${action} platform=${platform} rows=${n} log=${log} syncs=${f.syncs} ` +
            `readMB=${f.readMB.toFixed(3)} writeMB=${f.writeMB.toFixed(3)} ` +
            `maxRequestMB=${f.maxRequestMB.toFixed(3)} ms=${f.ms.toFixed(0)}` +
            (f.refused ? ` refused=${f.refused}` : "") +
            (freshAnswers ? ` servingMs=${f.servingMs.toFixed(0)}` : "") +
            suffix,
        );
      const run = async (action: string, work: () => Promise<{ ok: boolean }>, suffix = "") => {
        if (wanted(action))
          line(
            action,
            await measure(host, work, action, `${action}-${platform}-${n}${suffix.replace(" run=", "-")}`),
            suffix,
          );
      };
      // Each action acts on customers no other one touches, in an order that leaves each
      // what it needs (a request filed before it is stamped, a customer archived before it
      // is destroyed).
      const mid = (k: number) => ids[Math.floor(n / 2) + k]!;
      await run("setup", () => setUpWorkbook(env));
      // Validate's findings are its answer, not a failure: print how many there were.
      let found = 0;
      // Validate's first run and its run after one typed cell, `--repeat` times on this one
      // build, each in a pane opened afresh (freshPane): the figures of a run of seconds vary
      // from run to run on a shared machine, and a build costs minutes.
      // Not the modules the build ran in: those remember the stamps the build parsed.
      let pane = freshPane();
      // Where the pane's checks run: its worker (a new one with each pane), or here.
      let thread: Awaited<ReturnType<typeof checkThread>> | undefined;
      const validate = () =>
        pane.validateWorkbook(
          env,
          today,
          undefined,
          [],
          "00:00",
          thread ? { check: thread.check, stream: thread.stream } : {},
        );
      let findings = "";
      const phone = register.columns.findIndex((c) => c.key === "phone");
      for (let k = 1; k <= repeat; k++) {
        if (k > 1) {
          // The pane before is closed: its handlers go with it (and what they hold).
          host.changeHandlers.clear();
          host.calculationHandlers.clear();
          pane = freshPane();
        }
        const again = repeat > 1 ? ` run=${k}` : "";
        // A pane opened afresh: nothing remembered of the build (its posting parsed and
        // verified every stamp, in modules of its own); it watches what changes from now
        // on (excel/change-watch.ts), as the pane does.
        env = envOf(host, platform);
        await thread?.close();
        thread = checkHere ? undefined : await checkThread();
        const watch = new pane.ChangeWatch();
        env.sheetNames!.changes = watch;
        await watch.start(env);
        await run(
          "validate",
          async () => {
            const result = await validate();
            found = result.ok ? result.problems.length : 0;
            findings = result.ok ? [...new Set(result.problems.map((p) => p.rule))].join(", ") : "";
            return { ok: result.ok };
          },
          again,
        );
        if (found) console.log(`# validate found ${found} problem(s) in the built workbook: ${findings}`);
        // One cell typed by a person, then Validate again: the "incremental after one edit".
        const typed = { at: `${columnLetter(phone)}${Math.floor(n / 2) + 2}`, raw: true };
        const was = host.sheet("客户原簿").values[Math.floor(n / 2) + 1]![phone]!;
        host.seedSheet("客户原簿", [[`010-6200000${k % 10}`]], typed);
        await host.eventsDelivered();
        await run("validate-edit", async () => ({ ok: (await validate()).ok }), again);
        // Typed back, so that the next pane meets the workbook as built.
        if (k < repeat) host.seedSheet("客户原簿", [[was]], typed);
      }
      let filed = "";
      await run("intake", async () => {
        const result = await fileRequest(env, entryFor(n + 1000), "陈会计", now);
        if (result.ok) filed = result.requestNo ?? "";
        return result;
      });
      await run("stamp-1", () => stampRequests(env, people.admin.fp, [filed], head, "approve", "", now));
      await run("post-1", () => postRequests(env, { name: "陈会计" }, people.admin.fp, [filed], now));
      const waiting = Array.from({ length: 300 }, (_, i) => requestNo(n + 300 + i));
      await run("stamp-300", () => stampRequests(env, people.admin.fp, waiting, head, "approve", "", now));
      const approved = Array.from({ length: 300 }, (_, i) => requestNo(n + i));
      await run("post-300", () => postRequests(env, { name: "陈会计" }, people.admin.fp, approved, now));
      await run("correct", () =>
        correctCustomer(env, mid(1), { phone: "010-62999999" }, "客户来函", "陈会计", now),
      );
      // Validate again in the same pane after those edits: what it verified before it does not verify again.
      await run("validate-incremental", async () => ({ ok: (await validate()).ok }));
      await thread?.close();
      // The review page opened, and its printable list made: a look at where every customer is.
      await run("worklist", () => loadWorklist(env, today));
      await run("review-list", () => buildReviewList(env, "陈会计", now));
      await run("confirm-review-1000", () =>
        confirmReviews(env, ids.slice(0, Math.min(1000, Math.floor(n / 4))), "陈会计", now),
      );
      const leaver = String(
        host.sheet("客户原簿").values[Math.floor(n / 3)]![
          register.columns.findIndex((c) => c.key === "responsible")
        ],
      );
      await run("hand-over", () => handOver(env, leaver, "周新", "调离", "陈会计", now));
      // 200 customers near the end (a fifth of a small register), clear of the others used here.
      const count = Math.min(200, Math.floor(n / 5));
      const leaving = ids.slice(n - count - 10, n - 10);
      await run("terminate-200", () =>
        terminateCustomers(env, people.admin.fp, leaving, "past", "关系解除", head, now),
      );
      // A reinstatement: suspended, asked for, stamped (class A: the chairman too), then posted.
      const back = mid(2);
      done(await terminateCustomers(env, people.admin.fp, [back], "suspended", "暂停", head, now), "suspend");
      const asked = done(await requestReinstatement(env, [back], "陈会计", now), "ask to reinstate");
      const again = asked.ok ? asked.requested.map((r) => r.requestNo) : [];
      done(await stampRequests(env, people.admin.fp, again, head, "approve", "", now), "stamp reinstatement");
      // Class A asks the chairman too; another class is approved by now and refuses a second stamp.
      await stampRequests(env, people.admin.fp, again, stamper(people.chairman), "approve", "", now);
      await run("reinstate", () => postRequests(env, { name: "陈会计" }, people.admin.fp, again, now));
      await run("destroy", () =>
        destroyRecords(env, people.admin.fp, [leaving[0]!], "无法恢复", stamper(people.manager), now),
      );
      await run("mark-invalid", () => markInvalid(env, [mid(3)], "noResponse", "", "陈会计", now));
      await run("monthly-lists-1", () =>
        buildMonthlyLists(env, ["2026-11"], ["new", "invalid"], "陈会计", now),
      );
      await run("monthly-lists-12", () =>
        buildMonthlyLists(env, lastTwelveMonths("2026-11"), ["new", "invalid"], "陈会计", now),
      );
      const loan = {
        borrower: "刘业务",
        department: "业务一部",
        title: "业务员",
        class: "A",
        region: "华东",
        from: "",
        due: "2026-11-27 17:30",
        purpose: "年末走访",
      };
      const applied = done(await applyForLoan(env, loan, "陈会计", now), "apply for a loan");
      const loanNo = applied.ok ? (applied.loanNo ?? "") : "";
      done(await stampLoans(env, people.admin.fp, [loanNo], head, "approve", "", now), "stamp the loan");
      await run("loan-extract", () => buildLoanExtract(env, people.admin.fp, loanNo, "陈会计", now));
      await run("contact", () =>
        addContact(
          env,
          {
            customerId: mid(4),
            date: "",
            staff: "李晓梅",
            channel: "电话",
            summary: "年末回访",
            major: false,
          },
          "陈会计",
          now,
        ),
      );
      await run("annual-result", () =>
        addAnnualResult(
          env,
          { customerId: mid(4), year: "2025", revenue: "1234", financialNotes: "回款正常" },
          "陈会计",
          now,
        ),
      );
      await run("card", () => loadCard(env, mid(5), people.admin.fp, now));
      // The pane's card: the first look of the day writes its log row; the next only reads.
      await run("card-look-first", () => showCard(env, mid(6), "陈会计", "", people.admin.fp, now));
      await run("card-look-again", () => showCard(env, mid(6), "陈会计", "", people.admin.fp, now));
      await run("print-card", () => printCard(env, mid(5), "陈会计", people.admin.fp, now));
      await run("labels", () =>
        buildMailing(env, { region: "华东" }, "labels", "陈会计", now, "年末客户回访"),
      );
      const printed = await printCard(env, mid(7), "陈会计", people.admin.fp, now);
      await run("trace-lookup", () => lookUpPrintout(env, printed.ok ? (printed.code ?? "") : ""));
      await run("who-looked", () => looksAtCustomer(env, mid(5), now.date.slice(0, 4)));
      // A backup's record in the workbook (the date on Settings, its row in the log); the
      // copy itself goes through Office's file API, which the host does not model.
      await run("backup-record", () => confirmCopySaved(env, "陈会计", now));
    }
  paneSize();
  console.log(
    "# not measured here: the CLI's writing commands, a backup's copy (the file API, not the host)",
  );
  await pinGuessing();
}

/** What Excel downloads for the pane (the last build in dist/), gzipped, and the preview's own chunk. */
function paneSize() {
  for (const file of ["taskpane.js", "preview.js"]) {
    const path = join(__dirname, "..", "dist", file);
    if (!existsSync(path)) return console.log(`# pane: no build in dist/ (npx webpack --mode production)`);
    const kb = (gzipSync(readFileSync(path)).length / 1024).toFixed(0);
    console.log(
      `# pane: ${file} ${kb} KB gzipped${file === "preview.js" ? " (loaded only without Excel)" : ""}`,
    );
  }
}

/**
 * The offline-guessing estimate behind the PIN policy (src/domain/stamps/pin.ts): how
 * many PIN guesses one CPU core of this machine makes per second against a copied device
 * record (one PBKDF2-SHA-256 derivation at the production iteration count per guess), and
 * how long the weakest accepted PIN and a six-digit PIN hold out at that rate.
 */
async function pinGuessing() {
  const tries = 3;
  const start = performance.now();
  for (let i = 0; i < tries; i++) {
    const base = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(`guess${i}`),
      "PBKDF2",
      false,
      ["deriveBits"],
    );
    await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: new Uint8Array(16), iterations: PBKDF2_ITERATIONS },
      base,
      256,
    );
  }
  const perSecond = tries / ((performance.now() - start) / 1000);
  const days = (guesses: number) => guesses / perSecond / 86400;
  console.log(
    `\nPIN guessing on one CPU core of this machine (PBKDF2-SHA-256, ${PBKDF2_ITERATIONS} iterations):`,
  );
  console.log(`  ${perSecond.toFixed(2)} guesses per second`);
  console.log(`  a six-digit PIN (10^6): ${days(1e6).toFixed(1)} days to try them all`);
  console.log(
    `  the weakest PIN the policy accepts (2^${PIN_MIN_BITS}): ${(days(2 ** PIN_MIN_BITS) / 365).toFixed(0)} years`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
