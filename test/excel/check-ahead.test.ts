/**
 * Validate with the workbook sent to the worker as it is read (issue 15): each answer's
 * rows go as they come (Book.read's sink, taskpane/check-message.ts CheckSender), Settings,
 * Staff and the Change log first, and the worker works out ahead what those sheets allow
 * (domain/check-ahead.ts) while the Register and the requests still come. The check reports
 * what a check on one thread reports, counts the signatures it verified as its own, takes
 * what was worked out ahead instead of working it out again, and a read that starts again
 * (a sheet gone under it) leaves nothing of its first attempt in the worker.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { validateWorkbook, type StreamedCheck } from "../../src/excel/actions/validate-workbook";
import { checkInput, forgetKeptSnapshot, type ValidationOutcome } from "../../src/domain/workbook-check";
import { forgetVerified } from "../../src/domain/stamps/keys";
import { forgetCheckedRows } from "../../src/domain/validation";
import { contextCounts } from "../../src/domain/book-context";
import { recordsKept } from "../../src/domain/records";
import type { AheadDone } from "../../src/domain/check-ahead";
import type { CheckProgress } from "../../src/domain/workbook-check";
import { ArrivingChecks, CheckSender, type Ahead, type CheckRequest } from "../../src/taskpane/check-message";
import { office } from "../domain/support/people";
import { changeLog, register } from "../../src/domain/schema/sheets";
import { columnLetter } from "../../src/domain/workbook";
import { workbook } from "./fixtures";
import { located } from "./validate-support";

const today = "2026-11-24";

/**
 * The pane's worker in this thread, sent to as the pane sends (each message copied as
 * postMessage copies it, with the sync the host had answered when it went), taking each
 * message as validate-worker.ts takes it.
 */
function streamedChecker(host: MemoryExcelHost) {
  const sent: { request: CheckRequest; sync: number }[] = [];
  const arriving = new ArrivingChecks();
  const seen: { ahead?: AheadDone; recordsAhead?: Record<string, number> } = {};
  // The Register's and the requests' records made since the checker was made.
  const records = { ...recordsKept };
  const made = (key: string) => (recordsKept[key] ?? 0) - (records[key] ?? 0);
  let running: Promise<ValidationOutcome> | undefined;
  let told: CheckProgress = () => {};
  const post = (request: CheckRequest) => {
    const copy = structuredClone(request);
    sent.push({ request: copy, sync: host.syncs });
    if (copy.kind === "forget") return;
    const taken = arriving.take(copy);
    if (taken)
      running = arriving.settled().then((done) => {
        seen.ahead = done;
        seen.recordsAhead = { register: made("register"), intake: made("intake") };
        return checkInput(
          taken,
          told,
          copy.kind === "check" && copy.rows ? arriving.chainFor(copy.check) : undefined,
        );
      });
  };
  const stream = (ahead: Ahead): StreamedCheck => {
    const sender = new CheckSender(post, ahead, async () => {});
    return {
      sink: sender.sink,
      check: async (input, progress) => {
        told = progress;
        await sender.send(input);
        return running!;
      },
    };
  };
  return { stream, sent, seen };
}

/** Nothing remembered of an earlier check: signatures, rows, the kept read. */
function forgetAll() {
  forgetVerified();
  forgetCheckedRows();
  forgetKeptSnapshot();
}

describe("Validate with the workbook sent to the worker as it is read (adapter through the in-memory host)", function () {
  this.timeout(120_000);
  let people: Awaited<ReturnType<typeof office>>;
  let host: MemoryExcelHost;
  beforeEach(async () => {
    people ??= await office();
    // Enough Register rows for the Register to come in more than one answer; requests with
    // stamps, a cell typed wrong, a request copied onto a second row.
    host = await workbook(people, 4, 4000);
    const requests = host.sheet("交易开始调查书").values;
    host.seedSheet("交易开始调查书", [requests[1]!], { at: `A${requests.length + 1}`, raw: true });
    host.seedSheet("客户原簿", [["not-a-date"]], { at: "X5", raw: true });
    // Long notes: the Register far heavier than the log, as at 100,000 customers it comes in
    // many more answers than the log's last.
    const notes = register.columns.findIndex((c) => c.key === "notes");
    host.seedSheet(
      "客户原簿",
      Array.from({ length: 4000 }, (_, i) => [`${i} `.padEnd(1500, "备")]),
      { at: `${columnLetter(notes)}2`, raw: true },
    );
    // A log row's words typed over in Excel: its hash no longer follows.
    const newValue = changeLog.columns.findIndex((c) => c.key === "newValue");
    host.seedSheet("变更记录", [["R999999"]], { at: `${columnLetter(newValue)}4`, raw: true });
    // Each answer takes a while to come, as Excel's do: the worker works meanwhile.
    host.gate = () => new Promise((resolve) => setTimeout(resolve, 20));
  });

  const validate = async (how: Parameters<typeof validateWorkbook>[5] = {}) => {
    forgetAll();
    const result = await validateWorkbook(
      { ...(await import("./fixtures")).envOf(host) },
      today,
      people.admin.fp,
      [],
      "15:00",
      how,
    );
    assert.ok(result.ok, JSON.stringify(result));
    return result;
  };

  it("reports what a check on one thread reports, and counts the signatures it verified as its own", async () => {
    const own = await validate();
    const { stream, seen } = streamedChecker(host);
    const streamed = await validate({ stream });
    assert.ok(own.problems.length > 0, "the workbook has problems to find");
    assert.ok(located(own.problems).some((p) => p.startsWith("变更记录!") && p.includes(" log.chainBroken")));
    assert.deepEqual(located(streamed.problems), located(own.problems));
    assert.deepEqual(streamed.checked, own.checked);
    // What was verified ahead (the staff's countersignatures, the signed policy) is this check's own.
    assert.ok(own.verified.computed > 0);
    assert.deepEqual(streamed.verified, own.verified);
    assert.equal(seen.ahead, "before", "the context was worked out while the Register still came");
  });

  it("sends rows while the workbook is still being read, Settings, Staff and the log first", async () => {
    const { stream, sent } = streamedChecker(host);
    await validate({ stream });
    const syncs = host.syncs;
    const rows = sent.filter((s) => s.request.kind === "rows");
    const last = rows.at(-1)!;
    assert.ok(rows[0]!.sync < last.sync, "rows went after more than one of the read's answers");
    assert.ok(rows[0]!.sync < syncs);
    const done = sent.flatMap((s) => (s.request.kind === "sheet" ? [s.request.sheet] : []));
    assert.deepEqual(done.slice(0, 2), ["设置", "人员"]);
    assert.ok(
      done.indexOf("变更记录") < done.indexOf("客户原簿"),
      "the log has all come before the Register",
    );
    // The rows of the sheets that had all come went before the check: not sent again after the read.
    const check = sent.findIndex((s) => s.request.kind === "check");
    assert.ok(sent.slice(check).every((s) => s.request.kind !== "rows"));
  });

  it("the check takes the context worked out ahead instead of working it out again", async () => {
    const { stream, seen, sent } = streamedChecker(host);
    const before = contextCounts.computed;
    const records = { ...recordsKept };
    const made = (key: string) => (recordsKept[key] ?? 0) - (records[key] ?? 0);
    await validate({ stream });
    assert.equal(seen.ahead, "before");
    assert.equal(contextCounts.computed - before, 1, "worked out once, ahead");
    // The Register's and the requests' records too, once they had come: made once, when the check began.
    assert.deepEqual(seen.recordsAhead, { register: 1, intake: 1 });
    assert.deepEqual([made("register"), made("intake")], [1, 1], "the check made them no more");
    assert.ok(sent.some((s) => s.request.kind === "sheet" && s.request.sheet === "客户原簿"));
  });

  it("without the three sheets' rows before the check, nothing is worked out ahead and the check works it out", async () => {
    const { stream, seen, sent } = streamedChecker(host);
    // Excel answers at once: the read is over before the context could be.
    host.gate = undefined;
    const before = contextCounts.computed;
    const streamed = await validate({ stream });
    assert.ok(sent.some((s) => s.request.kind === "sheet"));
    const own = await validate();
    assert.deepEqual(located(streamed.problems), located(own.problems));
    assert.deepEqual(streamed.verified, own.verified);
    // Ahead or not, each check works the context out once.
    assert.equal(contextCounts.computed - before, 2);
    assert.notEqual(seen.ahead, undefined);
  });

  it("a read that starts again (a sheet gone under it) leaves nothing of its first attempt", async () => {
    const { stream, sent } = streamedChecker(host);
    // The Register goes once some of its rows have been sent: the read lists the sheets again.
    host.gate = () => {
      if (!host.sheetNames().includes("客户原簿")) return;
      if (sent.some((s) => s.request.kind === "rows" && s.request.sheet === "客户原簿"))
        host.store.remove("客户原簿");
    };
    const streamed = await validate({ stream });
    host.gate = undefined;
    assert.equal(sent.filter((s) => s.request.kind === "begin").length, 2, "the read began again");
    const own = await validate();
    assert.deepEqual(located(streamed.problems), located(own.problems));
    assert.ok(
      located(own.problems).some((p) => p.includes("header.missing")),
      "the Register is gone",
    );
  });
});
