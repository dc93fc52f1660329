/**
 * Issue 15: runs over the journal read what they need (domain/journal/needs.ts) when the
 * Change log has no unfinished op — filing a request, stamping requests — and decide
 * exactly what a run that reads the journal's sheets whole decides. With an op cut off
 * anywhere, the run reads everything, as before, and finishes it first.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { journalPlanApply } from "../../src/excel/actions/journal-plan-apply";
import { guarded } from "../../src/excel/actions/result";
import { fileRequest, stampRequests } from "../../src/excel/actions/workflow";
import { postRequests } from "../../src/excel/actions/post-requests";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import type { ExcelEnv } from "../../src/excel/env";
import { planIntake } from "../../src/domain/intake";
import { planStamping, type Stamper } from "../../src/domain/stamping";
import { planReinstatementRequests } from "../../src/domain/reinstatement";
import {
  buildReviewList,
  confirmReviews,
  destroyRecords,
  handOver,
  markInvalid,
  requestReinstatement,
  terminateCustomers,
} from "../../src/excel/actions/lifecycle";
import { correctCustomer } from "../../src/excel/actions/workflow";
import { planDestruction } from "../../src/domain/destruction";
import { actingWith } from "../../src/excel/env";
import { langOf } from "../../src/domain/layout";
import { bookOf, envOf, logOf } from "./fixtures";
import { entryFor, logRowAfter, now, stamper, staffOf, world, type People } from "./integrity/world";
import { difference } from "./support/same-book";
import { cellOf, padApprovals, requestRow, typeInto } from "./integrity/insider";
import { SPACINGS, atSpacing, spacingLabel } from "./support/checkpoint-spacing";
import { KEYED_BLOCK, keyedBlock } from "../../src/domain/partial-read";

/** Filing a request as before issue 15: the journal's sheets read whole. */
const fileWhole = (env: ExcelEnv, entry: Record<string, string>, person: string) =>
  guarded(() =>
    journalPlanApply(env, undefined, { finished: [] as string[] }, ({ snapshot, settings, trust }) =>
      planIntake(snapshot, settings, trust, entry, person, now, langOf(env.displayLanguage)),
    ),
  );

const stampWhole = (
  env: ExcelEnv,
  pinned: string,
  requestNos: string[],
  who: Stamper,
  decision: "approve" | "reject",
  reason = "",
) =>
  guarded(() =>
    journalPlanApply(
      { ...env, signer: () => ({ fingerprint: who.fingerprint, privateKey: who.privateKey }) },
      pinned,
      { stamped: [] as { requestNo: string; status: string }[], finished: [] as string[] },
      ({ snapshot, settings, trust }) =>
        planStamping(snapshot, settings, trust, requestNos, who, decision, reason, now, "zh"),
    ),
  );

const readBytes = (host: MemoryExcelHost) => host.syncLog.reduce((sum, s) => sum + s.responseBytes, 0);

/**
 * An act run on two copies of `from`, one reading whole and one reading what it needs: done
 * without a problem, the same outcome and the same workbook. The bytes each read, and the
 * partial copy.
 */
async function bothWays(
  from: MemoryExcelHost,
  what: string,
  act: (env: ExcelEnv) => Promise<{ ok: boolean }>,
) {
  const whole = from.clone();
  const partial = from.clone();
  const a = await act({ ...envOf(whole), readWhole: true });
  const b = await act(envOf(partial));
  assert.ok(b.ok && !(b as { problems?: unknown[] }).problems?.length, `${what}: ${JSON.stringify(b)}`);
  assert.deepEqual(b, a, what);
  assert.equal(difference(partial, whole), "", what);
  return { outcome: b, partial, wholeBytes: readBytes(whole), bytes: readBytes(partial) };
}

for (const spacing of SPACINGS)
  describe(`${"runs over the journal read what they need (issue 15): filing and stamping requests"}${spacingLabel(spacing)}`, function () {
    atSpacing(spacing);
    this.timeout(240_000);
    let people: People;
    let base: MemoryExcelHost;
    const findings = async (host: MemoryExcelHost) => {
      const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
      assert.ok(checked.ok);
      return checked.problems;
    };
    before(async () => {
      people = await staffOf();
      base = await world(people);
    });
    /** A customer suspended through the pane, its head's stamp on it. */
    const suspend = async (host: MemoryExcelHost, id: string) => {
      const moved = await terminateCustomers(
        envOf(host),
        people.admin.fp,
        [id],
        "suspended",
        "暂停",
        stamper(people.head),
        now,
      );
      assert.ok(moved.ok && moved.problems.length === 0, JSON.stringify(moved));
    };

    it("filing: the same request number, refusals and writes as a whole read — a new company, a Register customer's twin, an open request's twin, a bad phone", async () => {
      const cases: [string, Record<string, string>, boolean][] = [
        ["new", entryFor(200), true],
        ["twin of C000002 on the Register", entryFor(1), false],
        ["twin of the open request R000005", entryFor(103), false],
        ["bad phone", { ...entryFor(201), phone: "打电话" }, false],
      ];
      for (const [what, entry, accepted] of cases) {
        const whole = base.clone();
        const partial = base.clone();
        const a = await fileWhole(envOf(whole), entry, "王建国");
        const b = await fileRequest(envOf(partial), entry, "王建国", now);
        assert.ok(a.ok && b.ok, JSON.stringify([a, b]));
        assert.deepEqual(b.problems, a.problems, what);
        assert.equal(b.problems.length === 0, accepted, `${what}: ${JSON.stringify(b.problems)}`);
        assert.equal(b.requestNo, a.requestNo, what);
        assert.equal(difference(partial, whole), "", what);
        if (accepted) assert.deepEqual(await findings(partial), await findings(whole), what);
      }
    });

    it("filing below 6,000 posted requests reads the open ones, found by Excel's counts of their status, not Intake's columns", async () => {
      const from = base.clone();
      const intakeSheet = from.sheet("交易开始调查书").values;
      const width = intakeSheet[0]!.length;
      const status = intakeSheet[0]!.indexOf("申请状态");
      const name = intakeSheet[0]!.indexOf("企业名称");
      const number = intakeSheet[0]!.indexOf("申请编号");
      // Typed below the open requests: long since posted, each a company of its own.
      const rows = Array.from({ length: 6_000 }, (_, i) => {
        const row: string[] = new Array<string>(width).fill("");
        row[status] = "已登记";
        row[name] = `旧公司${i}号`;
        row[number] = `R${String(100 + i).padStart(6, "0")}`;
        return row;
      });
      from.seedSheet("交易开始调查书", rows, { at: `A${intakeSheet.length + 1}`, raw: true });
      for (const [what, entry, accepted] of [
        ["a new company", entryFor(200), true],
        ["the twin of the open request R000005, far above the last rows", entryFor(103), false],
      ] as const) {
        const whole = from.clone();
        const partial = from.clone();
        partial.resetCounters();
        whole.resetCounters();
        const a = await fileWhole(envOf(whole), entry, "王建国");
        const b = await fileRequest(envOf(partial), entry, "王建国", now);
        assert.ok(a.ok && b.ok, JSON.stringify([a, b]));
        assert.deepEqual(b.problems, a.problems, what);
        assert.equal(b.problems.length === 0, accepted, what);
        assert.equal(b.requestNo, a.requestNo, what);
        assert.equal(difference(partial, whole), "", what);
        // At the product's blocks (with 3-row blocks, Excel's answers to 36,000 counts weigh more).
        const bytes = (h: MemoryExcelHost) => h.syncLog.reduce((sum, x) => sum + x.responseBytes, 0);
        if (keyedBlock() === KEYED_BLOCK)
          assert.ok(bytes(partial) * 8 < bytes(whole), `${what}: ${bytes(partial)} of ${bytes(whole)} bytes`);
      }
    });

    it("filing: the next number skips every number used, on Intake or only in the log", async () => {
      for (const [what, typed, next] of [
        ["R000005's number blanked on Intake: the log still has it", "", "R000006"],
        ["R000005's number typed over as R000009", "R000009", "R000010"],
      ] as const) {
        const from = base.clone();
        typeInto(from, "交易开始调查书", requestRow(from, "R000005"), "申请编号", typed);
        // A row after R000005's in the log: its filing is not the last row, which is read anyway.
        await logRowAfter(from);
        const whole = from.clone();
        const partial = from.clone();
        const a = await fileWhole(envOf(whole), entryFor(200), "王建国");
        const b = await fileRequest(envOf(partial), entryFor(200), "王建国", now);
        assert.ok(a.ok && b.ok && b.problems.length === 0, JSON.stringify([a, b]));
        assert.equal(b.requestNo, next, what);
        assert.equal(a.requestNo, next, what);
        assert.equal(difference(partial, whole), "", what);
      }
    });

    it("asking to reinstate: the new request's number skips one used only in the log", async () => {
      // R000005's number blanked on Intake by hand: the log still has it, so the next is R000006.
      const from = base.clone();
      typeInto(from, "交易开始调查书", requestRow(from, "R000005"), "申请编号", "");
      await suspend(from, "C000008");
      await logRowAfter(from);
      const asked = await requestReinstatement(envOf(from), ["C000008"], "陈会计", now);
      assert.ok(asked.ok && asked.problems.length === 0, JSON.stringify(asked));
      assert.deepEqual(asked.requested, [{ id: "C000008", requestNo: "R000006" }]);
    });

    it("a hand-over of a leaver named with spaces around: the same customers as a whole read", async () => {
      const reg = base.sheet("客户原簿").values;
      const leaver = String(reg[reg.findIndex((r) => r[0] === "C000002")]![reg[0]!.indexOf("负责人")]);
      const whole = base.clone();
      const partial = base.clone();
      const act = (env: ExcelEnv) => handOver(env, ` ${leaver} `, "周新", "调离", "陈会计", now);
      const a = await act({ ...envOf(whole), readWhole: true });
      const b = await act(envOf(partial));
      assert.ok(b.ok && b.problems.length === 0 && b.reassigned.includes("C000002"), JSON.stringify(b));
      assert.deepEqual(b, a);
      assert.equal(difference(partial, whole), "");
    });

    it("stamping: the same stamps and refusals as a whole read — a new request, a rejection, a posted one, a reinstatement, one's own filing, an unknown number", async () => {
      const head = stamper(people.head);
      const chairman = stamper(people.chairman);
      // A request the head filed: not theirs to approve (the log says who filed it, not a cell).
      const own = base.clone();
      const filed = await fileRequest(envOf(own), entryFor(300), people.head.entry.name, now);
      assert.ok(filed.ok && filed.problems.length === 0, JSON.stringify(filed));
      // And a row after it: the filing is not the log's last row, which is read anyway.
      assert.ok((await fileRequest(envOf(own), entryFor(301), "王建国", now)).ok);
      // R000001 posted, its status typed back to waiting: posted is what the log says.
      const typed = base.clone();
      typeInto(typed, "交易开始调查书", requestRow(typed, "R000001"), "申请状态", "待盖章");
      const cases: [string, MemoryExcelHost, string[], Stamper, "approve" | "reject", string][] = [
        ["the head approves R000005", base, ["R000005"], head, "approve", ""],
        ["the head sends R000005 back", base, ["R000005"], head, "reject", "资料不全"],
        ["R000001 was posted", base, ["R000001"], head, "approve", ""],
        ["R000001 was posted, its status typed back", typed, ["R000001"], head, "approve", ""],
        ["the reinstatement of C000003", base, ["R000004"], chairman, "approve", ""],
        ["the head's own filing", own, [filed.ok ? filed.requestNo! : ""], head, "approve", ""],
        ["several, one unknown", base, ["R000005", "R000001", "R999999"], head, "approve", ""],
      ];
      for (const [what, from, requestNos, who, decision, reason] of cases) {
        const whole = from.clone();
        const partial = from.clone();
        const a = await stampWhole(envOf(whole), people.admin.fp, requestNos, who, decision, reason);
        const b = await stampRequests(
          envOf(partial),
          people.admin.fp,
          requestNos,
          who,
          decision,
          reason,
          now,
        );
        assert.ok(a.ok && b.ok, JSON.stringify([a, b]));
        assert.deepEqual(b.problems, a.problems, what);
        assert.deepEqual(b.stamped, a.stamped, what);
        assert.equal(difference(partial, whole), "", what);
      }
      // Not a test that passes whatever happens: the cases stamp, and refuse, as the office's rules say.
      const stamped = base.clone();
      const ok = await stampRequests(envOf(stamped), people.admin.fp, ["R000005"], head, "approve", "", now);
      assert.ok(ok.ok && ok.problems.length === 0 && ok.stamped.length === 1, JSON.stringify(ok));
      assert.deepEqual(await findings(stamped), await findings(base));
      const refusal = async (from: MemoryExcelHost, requestNo: string) => {
        const r = await stampRequests(
          envOf(from.clone()),
          people.admin.fp,
          [requestNo],
          head,
          "approve",
          "",
          now,
        );
        return r.ok && r.problems.map((p) => p.rule);
      };
      assert.deepEqual(await refusal(typed, "R000001"), ["stamp.notPending"]);
      assert.deepEqual(await refusal(base, "R000001"), ["stamp.notPending"]);
      assert.deepEqual(await refusal(own, filed.ok ? filed.requestNo! : ""), ["stamp.ownRequest"]);
    });

    it("asking to reinstate: the same request numbers and refusals as a whole read — a customer just suspended, one with a request open, an active one, an unknown one", async () => {
      const suspended = base.clone();
      await suspend(suspended, "C000008");
      const cases: [string, string[], number][] = [
        ["C000008, just suspended", ["C000008"], 1],
        ["C000003, its request R000004 still open", ["C000003"], 0],
        ["C000001, active", ["C000001"], 0],
        ["C999999, unknown", ["C999999"], 0],
      ];
      for (const [what, ids, count] of cases) {
        const whole = suspended.clone();
        const partial = suspended.clone();
        const a = await guarded(() =>
          journalPlanApply(
            envOf(whole),
            undefined,
            { requested: [] as { id: string; requestNo: string }[], finished: [] as string[] },
            ({ snapshot, settings, trust }) =>
              planReinstatementRequests(snapshot, settings, trust, ids, "陈会计", now, "zh"),
          ),
        );
        const b = await requestReinstatement(envOf(partial), ids, "陈会计", now);
        assert.ok(a.ok && b.ok, JSON.stringify([a, b]));
        assert.deepEqual(b.problems, a.problems, what);
        assert.deepEqual(b.requested, a.requested, what);
        assert.equal(b.requested.length, count, `${what}: ${JSON.stringify(b)}`);
        assert.equal(difference(partial, whole), "", what);
      }
    });

    it("destroying: the same erasure as a whole read — contacts, results, requests, log words, card and printed lines — and the same refusals", async () => {
      const manager = stamper(people.manager);
      // C000014's request no longer names it on Intake (typed blank): only the log's rows do.
      const untied = base.clone();
      const intakeValues = untied.sheet("交易开始调查书").values;
      const posted = intakeValues[0]!.indexOf("登记客户编号");
      const its = intakeValues.findIndex((row) => row[posted] === "C000014");
      assert.ok(its > 0, "C000014's request is on Intake");
      typeInto(untied, "交易开始调查书", its + 1, "登记客户编号", "");
      // And another request names C000014 on Intake (typed), though no log row ties them.
      const named = base.clone();
      typeInto(named, "交易开始调查书", requestRow(named, "R000005"), "登记客户编号", "C000014");
      const cases: [string, string[], number, MemoryExcelHost][] = [
        ["C000014, with traces everywhere", ["C000014"], 1, base],
        ["C000014, named on another request's Intake row only", ["C000014"], 1, named],
        ["C000004, archived, and C000001, active", ["C000004", "C000001"], 0, base],
        ["C000003, suspended, a reinstatement asked for", ["C000003"], 1, base],
        ["C000014, its request named only by the log", ["C000014"], 1, untied],
      ];
      for (const [what, ids, count, from] of cases) {
        const whole = from.clone();
        const partial = from.clone();
        const a = await guarded(() =>
          journalPlanApply(
            actingWith(envOf(whole), manager),
            people.admin.fp,
            { destroyed: [] as string[], finished: [] as string[] },
            ({ snapshot, settings, trust }) =>
              planDestruction(snapshot, trust, ids, "保存期满", manager, now, "zh", settings),
            undefined,
            undefined,
          ),
        );
        const b = await destroyRecords(envOf(partial), people.admin.fp, ids, "保存期满", manager, now);
        assert.ok(a.ok && b.ok, JSON.stringify([a, b]));
        assert.deepEqual(b.problems, a.problems, what);
        assert.deepEqual(b.destroyed, a.destroyed, what);
        assert.equal(b.destroyed.length, count, `${what}: ${JSON.stringify(b)}`);
        assert.equal(difference(partial, whole), "", what);
      }
      // Not a test any run passes: C000014's words are gone from where it had them.
      const gone = base.clone();
      const d = await destroyRecords(envOf(gone), people.admin.fp, ["C000014"], "保存期满", manager, now);
      assert.ok(d.ok && d.destroyed.length === 1);
      for (const sheet of ["联系记录", "年度业绩"])
        assert.ok(!gone.sheet(sheet).values.some((row) => row.includes("C000014")), sheet);
      assert.ok(!gone.sheetNames().includes("卡片-C000014"));
      assert.ok(base.sheet("联系记录").values.some((row) => row.includes("C000014")));
    });

    it("acting on customers and requests reads their log rows without approvals, salts, digests, hashes and signatures, and does what a whole read does", async () => {
      // Every log row but the trust rows and the last (read whole: trust, the chain) given a
      // 20,000-character approval by hand. A correction, confirmed reviews, marking invalid,
      // a termination, a hand-over, a stamp, a posting and a request to reinstate read their
      // customers' and requests' rows only across what places them (needs.ts FOLD_COLUMNS):
      // not one padded cell — and write what a whole read writes.
      const padded = base.clone();
      // A printed review list, its cells padded too: only a destruction (which erases words
      // from printouts) or a run that reads everything reads a printout.
      const manager = {
        ...envOf(padded),
        signer: () => ({ fingerprint: people.manager.fp, privateKey: people.manager.privateKey }),
      };
      const printed = await buildReviewList(manager, people.manager.entry.name, now);
      assert.ok(printed.ok && printed.listed > 0, JSON.stringify(printed));
      padded.seedSheet("复核清单", [["章".repeat(20_000)]], { at: "B2", raw: true });
      // (A request filed first: R000005's filing is then not the log's last row, left as it is.)
      const filed = await fileRequest(envOf(padded), entryFor(300), "王建国", now);
      assert.ok(filed.ok && filed.problems.length === 0, JSON.stringify(filed));
      padApprovals(padded);
      const head = stamper(people.head);
      const reg = padded.sheet("客户原簿").values;
      const leaver = String(reg[reg.findIndex((r) => r[0] === "C000002")]![reg[0]!.indexOf("负责人")]);
      const acts: [string, (env: ExcelEnv) => Promise<{ ok: boolean }>][] = [
        [
          "a correction",
          (env) => correctCustomer(env, "C000002", { phone: "010-66668888" }, "客户来函", "陈会计", now),
        ],
        ["reviews confirmed", (env) => confirmReviews(env, ["C000001", "C000002"], "陈会计", now)],
        ["marked invalid", (env) => markInvalid(env, ["C000007"], "returnedMail", "", "陈会计", now)],
        [
          "a termination",
          (env) => terminateCustomers(env, people.admin.fp, ["C000008"], "suspended", "暂停往来", head, now),
        ],
        ["a hand-over", (env) => handOver(env, leaver, "周新", "调离", "陈会计", now)],
        ["a stamp", (env) => stampRequests(env, people.admin.fp, ["R000005"], head, "approve", "", now)],
        // R000004, approved: C000003 back on the Register.
        [
          "a reinstatement posted",
          (env) => postRequests(env, { name: "陈会计" }, people.admin.fp, ["R000004"], now),
        ],
        [
          "a customer suspended, then asked back",
          async (env) => {
            const s = await terminateCustomers(
              env,
              people.admin.fp,
              ["C000008"],
              "suspended",
              "暂停",
              head,
              now,
            );
            if (!s.ok || s.problems.length) return s;
            return requestReinstatement(env, ["C000008"], "陈会计", now);
          },
        ],
      ];
      for (const [what, act] of acts) {
        const { wholeBytes, bytes } = await bothWays(padded, what, act);
        assert.ok(wholeBytes > 20_000 * 3 * 10, `${what}: the whole read reads the padding`);
        assert.ok(bytes < 20_000 * 3, `${what}: ${bytes} bytes, not one padded approval or printout cell`);
      }
    });

    it("confirming reviews, marking invalid and a hand-over read their customers' Register rows without the Stamps, and do what a whole read does", async () => {
      // Every Register row's Stamps typed over with 20,000 characters (60,000 bytes): the three
      // acts set other cells and read none of them; a correction (which fields its stamps
      // cover) and a termination (the row moves with them) read their customer's.
      const padded = base.clone();
      const reg = padded.sheet("客户原簿").values;
      const at = (id: string) => reg.findIndex((r) => r[0] === id) + 1;
      const leaver = String(reg[at("C000002") - 1]![reg[0]!.indexOf("负责人")]);
      // A key customer whose staff contacts name the leaver: its columns stand right of the Stamps.
      typeInto(padded, "客户原簿", at("C000005"), "重要客户", "是");
      typeInto(padded, "客户原簿", at("C000005"), "联系人员", `${leaver}、李四`);
      const customers = reg.slice(1).filter((r) => r[0]).length;
      for (let r = 2; r <= customers + 1; r++) typeInto(padded, "客户原簿", r, "盖章", "章".repeat(20_000));
      const head = stamper(people.head);
      const acts: [string, boolean, (env: ExcelEnv) => Promise<{ ok: boolean }>][] = [
        ["reviews confirmed", false, (env) => confirmReviews(env, ["C000001", "C000002"], "陈会计", now)],
        ["marked invalid", false, (env) => markInvalid(env, ["C000007"], "returnedMail", "", "陈会计", now)],
        ["a hand-over", false, (env) => handOver(env, leaver, "周新", "调离", "陈会计", now)],
        [
          "a correction",
          true,
          (env) => correctCustomer(env, "C000002", { phone: "010-66668888" }, "客户来函", "陈会计", now),
        ],
        [
          "a termination",
          true,
          (env) => terminateCustomers(env, people.admin.fp, ["C000008"], "suspended", "暂停往来", head, now),
        ],
      ];
      for (const [what, readsStamps, act] of acts) {
        const { outcome: b, partial, wholeBytes, bytes } = await bothWays(padded, what, act);
        assert.ok(wholeBytes > 20_000 * 3 * customers, `${what}: the whole read reads every Stamps cell`);
        if (readsStamps) assert.ok(bytes > 20_000 * 3, `${what}: ${bytes} bytes, its customer's Stamps read`);
        else assert.ok(bytes < 20_000 * 3, `${what}: ${bytes} bytes, not one padded Stamps cell`);
        if (what === "a hand-over") {
          assert.ok((b as { reassigned?: string[] }).reassigned?.includes("C000005"), JSON.stringify(b));
          assert.equal(cellOf(partial, "客户原簿", at("C000005"), "联系人员"), "周新、李四");
          assert.equal(cellOf(partial, "客户原簿", at("C000005"), "盖章"), "章".repeat(20_000));
        }
      }
    });

    it("an op cut off anywhere in the log: the next filing reads everything and finishes it first, as a whole read does", async () => {
      // A post of R000003 cut after its intent was logged and before its "done".
      const dry = base.clone();
      assert.ok((await postRequests(envOf(dry), { name: "陈会计" }, people.admin.fp, ["R000003"], now)).ok);
      let cut: MemoryExcelHost | undefined;
      for (let n = 1; !cut && n < 200; n++) {
        const attempt = base.clone();
        attempt.failAtSync(dry.syncs, { operations: n });
        await postRequests(envOf(attempt), { name: "陈会计" }, people.admin.fp, ["R000003"], now);
        const log = logOf(attempt);
        const post = log.find((e) => e.action === "post" && e.requestNo === "R000003");
        if (post && !log.some((e) => e.action === "done" && e.op === post.op)) cut = attempt;
      }
      assert.ok(cut, "a cut between the post's intent and its done");
      const whole = cut.clone();
      const partial = cut.clone();
      const a = await fileWhole(envOf(whole), entryFor(200), "王建国");
      const b = await fileRequest(envOf(partial), entryFor(200), "王建国", now);
      assert.ok(a.ok && b.ok && b.problems.length === 0, JSON.stringify([a, b]));
      assert.deepEqual(b.finished, a.finished);
      assert.equal(b.finished.length, 1, "the cut post was finished first");
      assert.equal(difference(partial, whole), "");
      const post = logOf(partial).find((e) => e.action === "post" && e.requestNo === "R000003")!;
      assert.ok(
        logOf(partial).some((e) => e.action === "done" && e.op === post.op),
        "and closed",
      );
    });

    it("reads a small part of what a whole read reads, on a register of 3,000 customers", async () => {
      const book = await bookOf(3000, people);
      const partial = book.clone();
      const whole = book.clone();
      partial.resetCounters();
      whole.resetCounters();
      const b = await fileRequest(envOf(partial), entryFor(5000), "王建国", now);
      const a = await fileWhole(envOf(whole), entryFor(5000), "王建国");
      assert.ok(a.ok && b.ok && b.problems.length === 0, JSON.stringify([a, b]));
      assert.equal(difference(partial, whole), "");
      assert.ok(
        readBytes(partial) * 3 < readBytes(whole),
        `filing: ${readBytes(partial)} of ${readBytes(whole)} bytes`,
      );
      partial.resetCounters();
      whole.resetCounters();
      const head = stamper(people.head);
      const s = await stampRequests(
        envOf(partial),
        people.admin.fp,
        [b.ok ? b.requestNo! : ""],
        head,
        "approve",
        "",
        now,
      );
      const t = await stampWhole(envOf(whole), people.admin.fp, [a.ok ? a.requestNo! : ""], head, "approve");
      assert.ok(s.ok && t.ok && s.problems.length === 0, JSON.stringify([s, t]));
      assert.equal(difference(partial, whole), "");
      assert.ok(
        readBytes(partial) * 5 < readBytes(whole),
        `stamping: ${readBytes(partial)} of ${readBytes(whole)} bytes`,
      );
      assert.ok(partial.syncs <= 6, `stamping took ${partial.syncs} syncs`);
      // A hand-over: the leaver's customers' closure, not everyone's. (Handed over once
      // before: the first list of a department is made from a whole read.)
      const reg = book.sheet("客户原簿").values;
      const first = String(reg[1]![reg[0]!.indexOf("负责人")]);
      const before = book.clone();
      const once = await handOver(envOf(before), first, "周新", "调离", "陈会计", now);
      assert.ok(once.ok && once.problems.length === 0, JSON.stringify(once).slice(0, 300));
      const handed = before.clone();
      const handedWhole = before.clone();
      handed.resetCounters();
      handedWhole.resetCounters();
      const h = await handOver(envOf(handed), "周新", "吴敏", "调离", "陈会计", now);
      const w = await handOver(
        { ...envOf(handedWhole), readWhole: true },
        "周新",
        "吴敏",
        "调离",
        "陈会计",
        now,
      );
      assert.ok(h.ok && h.problems.length === 0 && h.reassigned.length > 0, JSON.stringify(h).slice(0, 300));
      assert.deepEqual(h, w);
      assert.equal(difference(handed, handedWhole), "");
      assert.ok(
        // 600 of 3,000 customers: their rows, lists' pages and closure; everyone's closure is more.
        readBytes(handed) * 5 < readBytes(handedWhole) * 3,
        `hand-over of ${h.reassigned.length}: ${readBytes(handed)} of ${readBytes(handedWhole)} bytes`,
      );
    });
  });
