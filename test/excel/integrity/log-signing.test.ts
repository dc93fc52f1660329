/**
 * Issue 13: the Change log is signed. The last row of each block of rows an action appends
 * (its intents, then its "done") carries the acting person's signature over its hash when the pane holds their unlocked key, so an edit
 * with every hash recomputed after it breaks the next signature — on a device that never
 * saw the log, too.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { fileRequest, stampRequests } from "../../../src/excel/actions/workflow";
import { terminateCustomers } from "../../../src/excel/actions/lifecycle";
import { validateWorkbook } from "../../../src/excel/actions/validate-workbook";
import type { ExcelEnv } from "../../../src/excel/env";
import { person, type Person } from "../../domain/support/people";
import { envOf } from "../fixtures";
import { entryFor, now, stamper, staffOf, world, type People } from "./world";
import { cellOf, rewriteLogFrom, typeInto } from "./insider";

const LOG = "变更记录";

/** The Excel rows of the Change log that carry a signature. */
const signedRows = (host: MemoryExcelHost) =>
  host
    .sheet(LOG)
    .values.map((_, i) => i + 1)
    .filter((row) => row > 1 && cellOf(host, LOG, row, "签名") !== "");

/** The pane's environment with this person's key unlocked. */
const signedBy = (host: MemoryExcelHost, p: Person): ExcelEnv => ({
  ...envOf(host),
  signer: () => ({ fingerprint: p.fp, privateKey: p.privateKey }),
});

const logRows = (host: MemoryExcelHost) => host.sheet(LOG).values.length - 1;

describe("the Change log is signed by whoever acts (issue 13)", function () {
  this.timeout(120_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });
  const logProblems = async (host: MemoryExcelHost) => {
    const result = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(result.ok, JSON.stringify(result));
    return result.problems.filter((p) => p.sheet === "changeLog").map((p) => `${p.row} ${p.rule} ${p.value}`);
  };

  it("the workbook the tests start from verifies: every stamp's rows are sealed by its stamper", async () => {
    assert.deepEqual(await logProblems(base.clone()), []);
  });

  it("an action run with an unlocked key seals what it appends, its last row included; nothing before it is signed, and Validate is clean", async () => {
    const host = base.clone();
    const before = logRows(host);
    const signedBefore = signedRows(host);
    const stamped = await stampRequests(
      signedBy(host, people.head),
      people.admin.fp,
      ["R000005"],
      stamper(people.head),
      "approve",
      "",
      now,
    );
    assert.ok(stamped.ok && stamped.problems.length === 0, JSON.stringify(stamped));
    const signed = signedRows(host);
    assert.equal(signed.at(-1), logRows(host) + 1, "the last row appended is signed");
    assert.ok(
      signed.filter((row) => !signedBefore.includes(row)).every((row) => row > before + 1),
      "only rows this action appended",
    );
    assert.deepEqual(await logProblems(host), []);
  });

  it("a row edited with every hash recomputed after it breaks the next signature, on a device that never saw the log", async () => {
    const host = base.clone();
    const terminated = await terminateCustomers(
      signedBy(host, people.head),
      people.admin.fp,
      ["C000007"],
      "suspended",
      "暂停",
      stamper(people.head),
      now,
    );
    assert.ok(terminated.ok && terminated.problems.length === 0, JSON.stringify(terminated));
    const signed = signedRows(host);
    assert.equal(signed.at(-1), logRows(host) + 1);
    assert.deepEqual(await logProblems(host), [], "before the rewrite");
    rewriteLogFrom(host, 20);
    // Log record 20 is Excel row 22: every signature below it no longer holds (the head's
    // stamps and termination, the manager's printouts: the person of each sealed row).
    const sealer = (row: number) => String(host.sheet(LOG).values[row - 1]![1]);
    const below = signed.filter((row) => row > 22);
    assert.ok(below.some((row) => sealer(row) === people.head.entry.name));
    assert.deepEqual(
      await logProblems(host),
      below.map((row) => `${row} log.badSignature ${sealer(row)}`),
    );
    // Blanking those signatures does not hide it: the stamps and the termination's rows are
    // acts that need the head's key, now without their seal.
    for (const row of signed.filter((r) => r > 22)) typeInto(host, LOG, row, "签名", "");
    const blanked = await logProblems(host);
    assert.ok(
      blanked.length > 0 && blanked.every((p) => / log\.unsigned (王主管|孙经理)$/.test(p)),
      blanked.join("\n"),
    );
  });

  it("a signature made with a key nobody countersigned (an insider's own add-in) is reported, naming the row", async () => {
    const host = base.clone();
    const stranger = await person(9, "陌生人", "deptHead");
    // The pane seals only with a trusted key; a copy of the add-in made to seal anyway:
    const forced: ExcelEnv = { ...signedBy(host, stranger), keyedAct: true };
    const filed = await fileRequest(forced, entryFor(104), "陈会计", now);
    assert.ok(filed.ok && filed.problems.length === 0, JSON.stringify(filed));
    const problems = await logProblems(host);
    assert.deepEqual(
      problems.map((p) => p.split(" ").slice(0, 2).join(" ")),
      [`${logRows(host) + 1} log.badSignature`],
    );
  });

  /** Every cell of every sheet, to show an action wrote nothing. */
  const everything = (host: MemoryExcelHost) =>
    JSON.stringify(host.sheetNames().map((n) => [n, host.sheet(n).values]));

  it("a person holding a trusted key whose key is locked is stopped before anything is written; unlocked, the same action seals its rows", async () => {
    const host = base.clone();
    const before = everything(host);
    const head = people.head;
    const locked: ExcelEnv = {
      ...envOf(host),
      acting: () => ({ name: head.entry.name, fingerprint: head.fp }),
    };
    const refused = await fileRequest(locked, entryFor(104), head.entry.name, now);
    assert.ok(!refused.ok, "refused");
    assert.equal(refused.failure.code, "KeyLocked");
    assert.match(refused.failure.message, /王主管/);
    assert.equal(everything(host), before, "nothing written");

    const unlocked: ExcelEnv = {
      ...locked,
      signer: () => ({ fingerprint: head.fp, privateKey: head.privateKey }),
    };
    const filed = await fileRequest(unlocked, entryFor(104), head.entry.name, now);
    assert.ok(filed.ok && filed.problems.length === 0, JSON.stringify(filed));
    assert.equal(signedRows(host).at(-1), logRows(host) + 1, "the row it appended is sealed");
    assert.deepEqual(await logProblems(host), []);
  });

  it("a row of a person holding a trusted key written without their seal is reported, whatever the action; a clerk's who holds none is not", async () => {
    const host = base.clone();
    const filed = await fileRequest(envOf(host), entryFor(104), people.head.entry.name, now);
    assert.ok(filed.ok && filed.problems.length === 0, JSON.stringify(filed));
    assert.deepEqual(await logProblems(host), [`${logRows(host) + 1} log.unsigned 王主管`]);

    const clerk = base.clone();
    const byClerk = await fileRequest(envOf(clerk), entryFor(104), "陈会计", now);
    assert.ok(byClerk.ok && byClerk.problems.length === 0, JSON.stringify(byClerk));
    assert.deepEqual(await logProblems(clerk), []);
  });

  it("a key nobody countersigned yet neither seals nor is asked for: its person writes as a clerk does", async () => {
    const host = base.clone();
    const pending = await person(9, "陌生人", "deptHead");
    const env: ExcelEnv = {
      ...signedBy(host, pending),
      acting: () => ({ name: pending.entry.name, fingerprint: pending.fp }),
    };
    const filed = await fileRequest(env, entryFor(104), pending.entry.name, now);
    assert.ok(filed.ok && filed.problems.length === 0, JSON.stringify(filed));
    assert.equal(cellOf(host, LOG, logRows(host) + 1, "签名"), "", "not sealed");
    const locked: ExcelEnv = { ...env, signer: () => undefined };
    const again = await fileRequest(locked, entryFor(105), pending.entry.name, now);
    assert.ok(again.ok, "not stopped for a PIN");
    assert.deepEqual(await logProblems(host), []);
  });
});
