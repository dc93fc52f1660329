/**
 * Issue 15: a stamping act writes, on the Change log row of each stamp it makes, the digest
 * of the message that stamp signed (stamps.ts `stampDigest`), and seals its rows with the
 * stamper's own key. Validate knows such a stamp by that seal — one signature for the
 * act's stamps — instead of verifying each one's own (log-signing.ts `logVouches`). These
 * cases are the ways an insider could try to have the log vouch for what the stamper never
 * signed: each must end where verifying the stamp's own signature ends.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { validateWorkbook } from "../../../src/excel/actions/validate-workbook";
import { chainEntries, chainHash, type ChangeEntry, GENESIS } from "../../../src/domain/change-log";
import { journalRow } from "../../../src/domain/journal/journal";
import { intakeSubject } from "../../../src/domain/journal/approvals";
import { headerIndex } from "../../../src/domain/layout";
import { logSignatureMessage, logVouches } from "../../../src/domain/log-signing";
import { bookContext } from "../../../src/domain/book-context";
import { checkJournal, erasable } from "../../../src/domain/journal/check";
import { verifyWorkbook } from "../../../src/domain/verification";
import { verifyCounts } from "../../../src/domain/stamps/keys";
import type { Snapshot } from "../../../src/domain/workbook";
import { changeLog } from "../../../src/domain/schema/sheets";
import { defaultSettings, policyVersion } from "../../../src/domain/settings";
import { sign } from "../../../src/domain/stamps/keys";
import {
  defaultStampedFields,
  formatStamps,
  parseStamps,
  stampDigest,
  type Stamp,
  type StampCore,
} from "../../../src/domain/stamps/stamps";
import type { Cell } from "../../../src/domain/workbook";
import type { Person } from "../../domain/support/people";
import { envOf } from "../fixtures";
import { cellOf, requestRow, requestValues, rewriteLogFrom, typeInto } from "./insider";
import { now, staffOf, world, type People } from "./world";

const LOG = "变更记录";
const REGISTER = "客户原簿";
const INTAKE = "交易开始调查书";

const rowOfCustomer = (host: MemoryExcelHost, sheet: string, id: string) =>
  host.sheet(sheet).values.findIndex((r) => r[0] === id) + 1;

/** The log's rows (Excel row numbers) of stamps made for a request. */
const stampRowsOf = (host: MemoryExcelHost, requestNo: string) =>
  host
    .sheet(LOG)
    .values.map((_, i) => i + 1)
    .filter(
      (row) =>
        row > 1 &&
        cellOf(host, LOG, row, "操作") === "stamp" &&
        cellOf(host, LOG, row, "申请编号") === requestNo,
    );

/** A stamp's message digest as the row now stands: what an insider puts in the log to match an edit. */
function digestNow(values: Record<string, string>, requestNo: string, stamp: Stamp): string {
  const core: StampCore = {
    role: stamp.role,
    name: stamp.name,
    time: stamp.time,
    decision: stamp.decision,
    key: stamp.key,
    fields: stamp.fields,
    policy: stamp.policy,
    ...(stamp.reason === undefined ? {} : { reason: stamp.reason }),
  };
  return stampDigest(intakeSubject({ reinstating: new Map() }, { ...values, requestNo }), [], core);
}

/** Rows appended to the Change log as the add-in's code would chain them, the last sealed by `sealer`. */
async function appendSealed(host: MemoryExcelHost, entries: ChangeEntry[], sealer: Person): Promise<void> {
  const values = host.sheet(LOG).values;
  const at = headerIndex(changeLog, values[0]);
  const last = values.length > 1 ? String(values[values.length - 1]![at.hash!]) : GENESIS;
  const rows = await chainEntries(last, entries);
  const cells: Cell[][] = rows.map((r) => {
    const row: Cell[] = new Array(values[0]!.length).fill("");
    for (const c of changeLog.columns)
      row[at[c.key]!] = String((r as unknown as Record<string, unknown>)[c.key] ?? "");
    return row;
  });
  const lastRow = cells[cells.length - 1]!;
  lastRow[at.signature!] =
    `${sealer.fp.replace(/\s+/g, "")} ${await sign(sealer.privateKey, logSignatureMessage(String(lastRow[at.hash!])))}`;
  host.seedSheet(LOG, cells, { at: `A${values.length + 1}`, raw: true });
}

describe("stamps the Change log vouches for: one seal for an act's stamps (issue 15)", function () {
  this.timeout(180_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });

  const validate = async (host: MemoryExcelHost) => {
    const result = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(result.ok, JSON.stringify(result));
    return result;
  };
  const found = (result: Awaited<ReturnType<typeof validate>>, sheet: string) =>
    result.ok ? result.problems.filter((p) => p.sheet === sheet).map((p) => `${p.row} ${p.rule}`) : [];

  it("writes on each stamp's log row the digest of what it signed, and Validate knows those stamps by the stamper's seal: clean, none verified one by one", async () => {
    const host = base.clone();
    for (const requestNo of ["R000001", "R000002", "R000003"]) {
      const [row] = stampRowsOf(host, requestNo);
      assert.ok(row, `a stamp row for ${requestNo}`);
      const stamps = parseStamps(cellOf(host, LOG, row, "批准盖章")).stamps;
      const values = requestValues(host, requestNo);
      assert.equal(cellOf(host, LOG, row, "内容摘要"), digestNow(values, requestNo, stamps.at(-1)!));
    }
    const result = await validate(host);
    assert.ok(result.ok);
    assert.deepEqual(result.problems, []);
    // The intake stamps on the Register (C000013), in Archive-Past (C000014) and on requests
    // R000001–R000004: each known by its seal; the terminations' stamps are verified.
    assert.ok(result.verified.vouched >= 6, JSON.stringify(result.verified));
    // Again: nothing verified anew; what was verified is remembered, what was vouched for
    // is vouched for again — not counted as signatures remembered.
    const again = await validate(host);
    assert.ok(again.ok);
    assert.deepEqual(again.verified, {
      computed: 0,
      remembered: result.verified.computed + result.verified.remembered,
      vouched: result.verified.vouched,
    });
  });

  /**
   * C000013 (posted from R000001) renamed on the Register, and its stamp row's digest typed
   * to what the stamp would have signed over the new name: its Register and log rows.
   */
  function renamedAndMatched(host: MemoryExcelHost): { row: number; logRow: number } {
    const row = rowOfCustomer(host, REGISTER, "C000013");
    typeInto(host, REGISTER, row, "企业名称", "改过名字的公司");
    const logRow = stampRowsOf(host, "R000001")[0]!;
    const stamp = parseStamps(cellOf(host, LOG, logRow, "批准盖章")).stamps.at(-1)!;
    const values = { ...requestValues(host, "R000001"), name: "改过名字的公司" };
    typeInto(host, LOG, logRow, "内容摘要", digestNow(values, "R000001", stamp));
    return { row, logRow };
  }

  it("a covered field edited, and the stamp row's digest typed to match the edit: the link to the seal breaks, the stamp is verified by its own signature and fails", async () => {
    const host = base.clone();
    const { row, logRow } = renamedAndMatched(host);
    const result = await validate(host);
    assert.ok(found(result, "register").includes(`${row} stamp.contentChanged`), JSON.stringify(result));
    assert.ok(found(result, "changeLog").includes(`${logRow} log.chainBroken`), JSON.stringify(result));
  });

  it("…and every hash recomputed from there: the stamper's seal no longer holds, and vouches for nothing", async () => {
    const host = base.clone();
    const { row, logRow } = renamedAndMatched(host);
    rewriteLogFrom(host, logRow - 2, null);
    const result = await validate(host);
    assert.ok(found(result, "register").includes(`${row} stamp.contentChanged`), JSON.stringify(result));
    assert.ok(
      found(result, "changeLog").some((p) => p.endsWith("log.badSignature")),
      JSON.stringify(result),
    );
    assert.ok(
      !found(result, "changeLog").some((p) => p.endsWith("log.chainBroken")),
      "the chain itself holds",
    );
  });

  describe("a log row vouches only under the seal of the stamp's own key", () => {
    /**
     * A head's stamp forged on R000005 (filed, waiting for the head), its signature made
     * by someone else's key, and a stamping row that carries it with the digest of what it
     * claims, sealed by `sealer`.
     */
    async function forged(host: MemoryExcelHost, sealer: Person): Promise<number> {
      const values = requestValues(host, "R000005");
      const head = people.head;
      const core: StampCore = {
        role: head.entry.role,
        name: head.entry.name,
        time: `${now.date}T${now.time}`,
        decision: "approve",
        key: head.fp,
        fields: defaultStampedFields,
        policy: policyVersion(defaultSettings),
      };
      const subject = intakeSubject({ reinstating: new Map() }, { ...values, requestNo: "R000005" });
      const signature = await sign(sealer.privateKey, "not the head's message");
      const stamp: Stamp = { ...core, act: subject.kind, ref: "R000005", signature };
      const cell = formatStamps([stamp], "zh");
      const row = requestRow(host, "R000005");
      typeInto(host, INTAKE, row, "盖章", cell);
      await appendSealed(
        host,
        [
          {
            time: `${now.date}T${now.time}`,
            person: sealer.entry.name,
            action: "stamp",
            customerId: "",
            requestNo: "R000005",
            field: "stamps",
            oldValue: "",
            newValue: "已批准",
            reason: "deptHead",
            approval: cell,
            digest: stampDigest(subject, [], core),
          },
        ],
        sealer,
      );
      return row;
    }

    it("another keyholder's seal (the manager's) over a head's forged stamp vouches for nothing: the stamp fails", async () => {
      const host = base.clone();
      const row = await forged(host, people.manager);
      const result = await validate(host);
      assert.ok(found(result, "intake").includes(`${row} stamp.contentChanged`), JSON.stringify(result));
      assert.deepEqual(found(result, "changeLog"), [], "the manager's own rows are sealed as they should be");
    });

    it("the head's own seal is the head's word: the same row sealed by the head's key vouches for the stamp", async () => {
      const host = base.clone();
      const row = await forged(host, people.head);
      const result = await validate(host);
      assert.ok(!found(result, "intake").includes(`${row} stamp.contentChanged`), JSON.stringify(result));
    });
  });

  describe("the findings are the same whether the log vouches or every signature is verified", () => {
    /** The host's sheets as a fresh snapshot: new rows, so nothing judged before is taken again. */
    const snapshotOf = (host: MemoryExcelHost): Snapshot => {
      const names = host.sheetNames();
      return {
        sheetNames: names,
        sheets: Object.fromEntries(
          names.map((name) => [name, { name, values: host.sheet(name).values.map((r) => [...r]) }]),
        ),
      };
    };
    /** The stamps' and the chain's findings, with the log's vouches or without them; and how many stamps were vouched for. */
    const findings = async (host: MemoryExcelHost, vouching: boolean) => {
      const snapshot = snapshotOf(host);
      const { settings, trust, policy } = await bookContext(snapshot, people.admin.fp);
      const { journal } = checkJournal(snapshot, "zh");
      const before = verifyCounts.vouched;
      const problems = await verifyWorkbook(
        snapshot,
        settings,
        trust,
        journal,
        erasable(journal),
        () => {},
        vouching ? await logVouches(snapshot, trust, policy.everyoneSealsAt) : undefined,
      );
      return {
        problems: problems.map((p) => `${p.sheet} ${p.row} ${p.column} ${p.rule}`),
        vouched: verifyCounts.vouched - before,
      };
    };

    /** What an insider does, one step: each a change of cells, as typed or pasted in Excel. */
    type Step =
      | { kind: "edit"; sheet: string; k: number; header: string }
      | { kind: "digest"; k: number }
      | { kind: "blankDigest"; k: number }
      | { kind: "rechain"; k: number }
      | { kind: "seal"; k: number; from: number }
      | { kind: "stamps"; from: number; to: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant("edit" as const),
        sheet: fc.constantFrom(REGISTER, INTAKE),
        k: fc.nat(20),
        header: fc.constantFrom("企业名称", "地址", "来源类别", "电话"),
      }),
      fc.record({ kind: fc.constant("digest" as const), k: fc.nat(20) }),
      fc.record({ kind: fc.constant("blankDigest" as const), k: fc.nat(20) }),
      fc.record({ kind: fc.constant("rechain" as const), k: fc.nat(80) }),
      fc.record({ kind: fc.constant("seal" as const), k: fc.nat(20), from: fc.nat(40) }),
      fc.record({ kind: fc.constant("stamps" as const), from: fc.nat(5), to: fc.nat(5) }),
    );

    function apply(host: MemoryExcelHost, s: Step): void {
      const log = host.sheet(LOG).values;
      const logRows = log.length - 1;
      const stampRows = log
        .map((_, i) => i + 1)
        .filter((row) => row > 1 && ["stamp", "reject"].includes(cellOf(host, LOG, row, "操作")));
      const signed = log
        .map((_, i) => i + 1)
        .filter((row) => row > 1 && cellOf(host, LOG, row, "签名") !== "");
      if (s.kind === "edit") {
        const rows = host.sheet(s.sheet).values.length - 1;
        if (rows > 0) typeInto(host, s.sheet, 2 + (s.k % rows), s.header, `改${s.k}`);
      } else if (s.kind === "digest" || s.kind === "blankDigest") {
        const row = stampRows[s.k % stampRows.length]!;
        const requestNo = cellOf(host, LOG, row, "申请编号");
        const stamp = parseStamps(cellOf(host, LOG, row, "批准盖章")).stamps.at(-1);
        const value =
          s.kind === "blankDigest" || !stamp
            ? ""
            : digestNow(requestValues(host, requestNo), requestNo, stamp);
        typeInto(host, LOG, row, "内容摘要", value);
      } else if (s.kind === "rechain") {
        rewriteLogFrom(host, s.k % logRows, null);
      } else if (s.kind === "seal") {
        const to = signed[s.k % signed.length]!;
        const from = signed[s.from % signed.length]!;
        typeInto(host, LOG, to, "签名", cellOf(host, LOG, from, "签名"));
      } else {
        const rows = host.sheet(INTAKE).values.length - 1;
        const from = 2 + (s.from % rows);
        const to = 2 + (s.to % rows);
        typeInto(host, INTAKE, to, "盖章", cellOf(host, INTAKE, from, "盖章"));
      }
    }

    it("the workbook as the pane left it: the stamps are vouched for, and nothing found either way", async () => {
      const host = base.clone();
      const vouched = await findings(host, true);
      const verified = await findings(host, false);
      assert.ok(vouched.vouched >= 6, `vouched for ${vouched.vouched}`);
      assert.equal(verified.vouched, 0);
      assert.deepEqual(vouched.problems, verified.problems);
    });

    /**
     * What an insider does to one stamped request to have the log vouch for an edit: its name
     * changed, its stamp row's digest made to match (or blanked), the hashes recomputed from
     * that row, after it or of that row alone, the seal after it signed again by someone's real key or copied
     * from another row — any of those, together, with a few other steps around them.
     */
    type Attack = {
      request: string;
      edit: boolean;
      digest: "keep" | "match" | "blank";
      rechain: "none" | "fromRow" | "rowOnly" | "after";
      reseal: "none" | "chairman" | "manager" | "copy";
      noise: Step[];
    };
    const attack: fc.Arbitrary<Attack> = fc.record({
      request: fc.constantFrom("R000001", "R000002", "R000003"),
      edit: fc.boolean(),
      digest: fc.constantFrom("keep" as const, "match" as const, "blank" as const),
      rechain: fc.constantFrom("none" as const, "fromRow" as const, "rowOnly" as const, "after" as const),
      // Not the stamp's own signer (the head): their seal is their word (the case above).
      reseal: fc.constantFrom("none" as const, "chairman" as const, "manager" as const, "copy" as const),
      noise: fc.array(step, { maxLength: 2 }),
    });

    async function attackOn(host: MemoryExcelHost, a: Attack): Promise<void> {
      for (const s of a.noise) apply(host, s);
      const row = stampRowsOf(host, a.request).at(-1)!;
      if (a.edit) typeInto(host, INTAKE, requestRow(host, a.request), "企业名称", "改过名字的公司");
      if (a.digest !== "keep") {
        const stamp = parseStamps(cellOf(host, LOG, row, "批准盖章")).stamps.at(-1)!;
        const value = a.digest === "blank" ? "" : digestNow(requestValues(host, a.request), a.request, stamp);
        typeInto(host, LOG, row, "内容摘要", value);
      }
      if (a.rechain === "rowOnly") {
        // The row's own hash made to follow again, the rows after it left as they were.
        const log = host.sheet(LOG).values;
        const at = headerIndex(changeLog, log[0]);
        const entry = journalRow(
          0,
          Object.fromEntries(changeLog.columns.map((c) => [c.key, log[row - 1]![at[c.key]!] ?? ""])),
        );
        typeInto(host, LOG, row, "校验值", chainHash(String(log[row - 2]![at.hash!]), entry));
      } else if (a.rechain !== "none")
        apply(host, { kind: "rechain", k: row - 2 + (a.rechain === "after" ? 1 : 0) });
      const seal = host
        .sheet(LOG)
        .values.map((_, i) => i + 1)
        .find((r) => r >= row && cellOf(host, LOG, r, "签名") !== "");
      if (seal && a.reseal === "copy") apply(host, { kind: "seal", k: 0, from: 1 });
      else if (seal && a.reseal !== "none") {
        const p = a.reseal === "chairman" ? people.chairman : people.manager;
        const hash = cellOf(host, LOG, seal, "校验值");
        typeInto(
          host,
          LOG,
          seal,
          "签名",
          `${p.fp.replace(/\s+/g, "")} ${await sign(p.privateKey, logSignatureMessage(hash))}`,
        );
      }
    }

    it("after any of an insider's ways of having the log vouch for an edit, the same findings (fast-check)", async () => {
      await fc.assert(
        fc.asyncProperty(attack, async (a) => {
          const host = base.clone();
          await attackOn(host, a);
          const vouched = await findings(host, true);
          const verified = await findings(host, false);
          assert.deepEqual(vouched.problems, verified.problems);
        }),
        {
          numRuns: Number(process.env.VOUCHING_RUNS ?? 120),
          // The ways in, each met on every run: a link broken at the row, a link broken after
          // it, a seal that no longer holds, another keyholder's seal over the rewrite.
          examples: (["none", "rowOnly", "fromRow"] as const)
            .flatMap((rechain) => (["none", "manager"] as const).map((reseal) => ({ rechain, reseal })))
            .map(({ rechain, reseal }): [Attack] => [
              { request: "R000001", edit: true, digest: "match", rechain, reseal, noise: [] },
            ]),
        },
      );
    });
  });
});
