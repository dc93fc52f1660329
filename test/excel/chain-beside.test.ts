/**
 * Validate as the pane runs it (issue 15): the workbook sent to the worker in messages
 * (taskpane/check-message.ts), the check run there, and the Change log's chain worked out
 * on the pane's thread meanwhile and sent after the check (domain/chain-beside.ts). The
 * worker's check reports what a check on one thread reports, an edited log row included,
 * and it stands on the findings the pane sent.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { postRequests } from "../../src/excel/actions/post-requests";
import { validateWorkbook, type Checker } from "../../src/excel/actions/validate-workbook";
import { checkInput } from "../../src/domain/workbook-check";
import { changeLog } from "../../src/domain/schema/sheets";
import { ArrivingChecks, sendCheck, type CheckRequest } from "../../src/taskpane/check-message";
import { office } from "../domain/support/people";
import { workbook } from "./fixtures";
import { located, watched } from "./validate-support";

const now = { date: "2026-11-24", time: "15:00" };

/**
 * The pane's worker in this thread: each message copied as postMessage copies it, taken as
 * validate-worker.ts takes it. `lie`: what the pane's findings become on their way.
 */
function paneChecker(lie?: (found: Uint8Array) => Uint8Array) {
  const sent: CheckRequest[] = [];
  const arriving = new ArrivingChecks();
  const check: Checker = async (input, progress) => {
    let running: ReturnType<typeof checkInput> | undefined;
    await sendCheck(
      (request) => {
        let copy = structuredClone(request);
        if (copy.kind === "chain" && copy.found && lie) copy = { ...copy, found: lie(copy.found) };
        sent.push(copy);
        if (copy.kind === "forget") return;
        const taken = arriving.take(copy);
        if (taken)
          running = checkInput(
            taken,
            progress,
            copy.kind === "check" && copy.rows ? arriving.chainFor(copy.check) : undefined,
          );
      },
      input,
      async () => {},
    );
    return running!;
  };
  return { check, sent };
}

describe("Validate with the log's chain worked out on the pane's thread (adapter through the in-memory host)", function () {
  this.timeout(120_000);
  let people: Awaited<ReturnType<typeof office>>;
  let host: MemoryExcelHost;
  const logRow = 4;
  beforeEach(async () => {
    people ??= await office();
    host = await workbook(people, 3);
    const posted = await postRequests(await watched(host), { name: "陈会计" }, people.admin.fp, "all", now);
    assert.ok(posted.ok && posted.posted.length === 3);
    // A log row's words typed over in Excel: its hash no longer follows.
    await host.run(async (context) => {
      const col = changeLog.columns.findIndex((c) => c.key === "newValue");
      context.workbook.worksheets.getItem("变更记录").getRangeByIndexes(logRow - 1, col, 1, 1).values = [
        ["R999999"],
      ];
      await context.sync();
    });
  });

  const validate = async (check?: Checker) => {
    const result = await validateWorkbook(await watched(host), "2026-11-24", people.admin.fp, [], "15:00", {
      check,
    });
    assert.ok(result.ok, JSON.stringify(result));
    return located(result.problems);
  };

  it("reports what a check on one thread reports, the edited log row included", async () => {
    const { check, sent } = paneChecker();
    const own = await validate();
    const beside = await validate(check);
    assert.ok(
      own.some((p) => p.startsWith(`变更记录!`) && p.includes(" log.chainBroken")),
      own.join("\n"),
    );
    assert.deepEqual(beside, own);
    // The chain went after the check: one finding for each log row, the edited row's hash broken.
    // (The customers' stamp digests follow it: stamps-beside.test.ts.)
    const kinds = sent.map((m) => m.kind).filter((kind) => kind !== "digests");
    assert.deepEqual(kinds.slice(-2), ["check", "chain"]);
    const chain = sent.find((m) => m.kind === "chain") as Extract<CheckRequest, { kind: "chain" }>;
    const rows = host.sheet("变更记录").values.length - 1;
    assert.equal(chain.found?.length, rows);
    assert.deepEqual(
      [...chain.found!].map((bits, i) => (bits & 1 ? "" : `${i + 2}`)).filter(Boolean),
      [String(logRow)],
      "the edited row's hash does not follow",
    );
  });

  it("the worker's check stands on the pane's findings: told the log holds, it reports no break", async () => {
    const { check } = paneChecker((found) => new Uint8Array(found.length).fill(3));
    const problems = await validate(check);
    assert.deepEqual(
      problems.filter((p) => p.includes(" log.chainBroken")),
      [],
    );
  });

  it("findings of the wrong number of rows are not taken: the worker finds the break itself", async () => {
    const { check } = paneChecker((found) => new Uint8Array(found.length + 1).fill(3));
    const problems = await validate(check);
    assert.equal(problems.filter((p) => p.includes(" log.chainBroken")).length, 1, problems.join("\n"));
  });

  it("a check left waiting for its chain goes on without it once a later check begins", async () => {
    const arriving = new ArrivingChecks();
    const first = arriving.chainFor(1);
    const second = arriving.chainFor(2);
    assert.equal(await first, undefined);
    // The first check's chain, arriving late, does not end the second's waiting.
    arriving.take({ kind: "chain", check: 1, found: Uint8Array.of(0) });
    arriving.take({ kind: "chain", check: 2, found: Uint8Array.of(3) });
    assert.deepEqual(await second, Uint8Array.of(3));
  });
});
