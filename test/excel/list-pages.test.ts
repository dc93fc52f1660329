/**
 * Issue 15: posting named requests and acting on named customers (correcting, marking
 * invalid, confirming reviews, ending relationships) read what they need, and the department lists are
 * updated page by page (domain/list-pages.ts) — with the same Register, Intake, log and
 * lists as a run that reads the journal's sheets whole and rebuilds the lists. Where a list
 * cannot be a base (rows typed, moved or deleted, no directory, a department's first
 * customer), the run reads everything and rebuilds it, as before.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { journalPlanApply } from "../../src/excel/actions/journal-plan-apply";
import { guarded } from "../../src/excel/actions/result";
import { postRequests } from "../../src/excel/actions/post-requests";
import { fileRequest, stampRequests } from "../../src/excel/actions/workflow";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { planPosting } from "../../src/domain/posting";
import { planCorrection } from "../../src/domain/correction";
import { planMarkInvalid } from "../../src/domain/invalid";
import { planReviewConfirmation } from "../../src/domain/review";
import { planTermination } from "../../src/domain/termination";
import { planHandOver } from "../../src/domain/hand-over";
import { correctCustomer } from "../../src/excel/actions/workflow";
import {
  confirmReviews,
  destroyRecords,
  handOver,
  markInvalid,
  terminateCustomers,
} from "../../src/excel/actions/lifecycle";
import { planDestruction } from "../../src/domain/destruction";
import { actingWith } from "../../src/excel/env";
import type { Context } from "../../src/excel/actions/read-plan-apply";
import type { Problem } from "../../src/domain/problem";
import type { Write } from "../../src/domain/workbook";
import { pasteRow, requestRow, typeInto } from "./integrity/insider";
import type { ExcelEnv } from "../../src/excel/env";
import { langOf } from "../../src/domain/layout";
import { isListSheet } from "../../src/domain/department-lists";
import { LIST_WIDTH, readDirectory } from "../../src/domain/list-pages";
import { sheetDigest } from "../../src/domain/trace";
import { bookOf, envOf, logOf, seedStaff } from "./fixtures";
import { entryFor, leaver, now, stamper, staffOf, world, type People } from "./integrity/world";
import { difference } from "./support/same-book";
import { SPACINGS, atSpacing, spacingLabel } from "./support/checkpoint-spacing";

const postWhole = (env: ExcelEnv, pinned: string, requestNos: string[] | "all") =>
  guarded(() =>
    journalPlanApply(
      env,
      pinned,
      {
        posted: [] as { requestNo: string; id: string; name: string; resumed: boolean }[],
        finished: [] as string[],
      },
      ({ snapshot, settings, trust }) =>
        planPosting(
          snapshot,
          settings,
          trust,
          requestNos,
          { name: "陈会计" },
          now,
          langOf(env.displayLanguage),
        ),
    ),
  );

const readBytes = (host: MemoryExcelHost) => host.syncLog.reduce((sum, s) => sum + s.responseBytes, 0);
const lists = (host: MemoryExcelHost) => host.sheetNames().filter(isListSheet);
const printed = (host: MemoryExcelHost, sheet: string) =>
  host.sheet(sheet).values.map((row) => row.slice(0, LIST_WIDTH));

/** The list as the add-in leaves it: its digest, worked out from the sheet, is the one its last log row names. */
function assertTraced(host: MemoryExcelHost, sheet: string) {
  const logged = logOf(host).filter((e) => e.action === "buildDeptList" && e.newValue === sheet);
  assert.ok(logged.length, `${sheet} was logged`);
  assert.equal(sheetDigest(host.sheet(sheet).values), logged[logged.length - 1]!.digest, `${sheet}'s digest`);
  assert.ok(readDirectory(host.sheet(sheet).values[0]!), `${sheet}'s directory holds together`);
}

/** Approves requests filed for the given entries, so they can be posted. */
async function filed(host: MemoryExcelHost, people: People, entries: number[]): Promise<string[]> {
  const env = envOf(host);
  const numbers: string[] = [];
  for (const i of entries) {
    const r = await fileRequest(env, entryFor(i), "王建国", now);
    assert.ok(r.ok && r.problems.length === 0, JSON.stringify(r));
    numbers.push(r.requestNo!);
  }
  const s = await stampRequests(env, people.admin.fp, numbers, stamper(people.head), "approve", "", now);
  assert.ok(s.ok && s.problems.length === 0, JSON.stringify(s));
  return numbers;
}

/** Any action over the journal as before issue 15: the journal's sheets read whole, the lists rebuilt. */
const whole = <T extends { writes: Write[]; problems: Problem[] }>(
  env: ExcelEnv,
  pinned: string | undefined,
  plan: (context: Context) => Promise<T>,
) => guarded(() => journalPlanApply(env, pinned, {} as Omit<T, "writes" | "problems">, plan));

for (const spacing of SPACINGS)
  describe(`${"department lists updated page by page; posting and acting on customers read what they need (issue 15)"}${spacingLabel(spacing)}`, function () {
    atSpacing(spacing);
    this.timeout(300_000);
    let people: People;
    let base: MemoryExcelHost;
    before(async () => {
      people = await staffOf();
      base = await world(people);
    });

    /** 3,000 customers, their department lists as a whole read leaves them (with directories). */
    const listedBook = async () => {
      const book = await bookOf(3000, people);
      const made = await whole(envOf(book), undefined, ({ snapshot, settings, trust }) =>
        planCorrection(
          snapshot,
          settings,
          trust,
          "C000010",
          { phone: "010-66668888" },
          "来函",
          "陈会计",
          now,
          "zh",
        ),
      );
      assert.ok(made.ok);
      return book;
    };

    const both = async (from: MemoryExcelHost, requestNos: string[] | "all", what: string) => {
      const whole = from.clone();
      const partial = from.clone();
      const a = await postWhole(envOf(whole), people.admin.fp, requestNos);
      const b = await postRequests(envOf(partial), { name: "陈会计" }, people.admin.fp, requestNos, now);
      assert.ok(a.ok && b.ok, JSON.stringify([a, b]));
      assert.deepEqual(b.problems, a.problems, what);
      assert.deepEqual(b.posted, a.posted, what);
      assert.equal(difference(partial, whole), "", what);
      for (const sheet of lists(partial))
        assert.deepEqual(printed(partial, sheet), printed(whole, sheet), sheet);
      return { whole, partial, posted: b.posted, problems: b.problems };
    };

    it("posts as a whole read does — a new customer, a reinstatement, one already posted, an unknown number — and the lists answer to their logged digests", async () => {
      // "all", typed over: R000001 (posted) typed back to waiting, R000005 (waiting for its
      // stamp) typed 已登记, R000003's number pasted on a second row — the log decides, not the cells.
      const typed = base.clone();
      typeInto(typed, "交易开始调查书", requestRow(typed, "R000001"), "申请状态", "待盖章");
      typeInto(typed, "交易开始调查书", requestRow(typed, "R000005"), "申请状态", "已登记");
      const twice = base.clone();
      pasteRow(twice, "交易开始调查书", [
        ...twice.sheet("交易开始调查书").values[requestRow(twice, "R000003") - 1]!,
      ]);
      const cases: [string, string[] | "all", number, MemoryExcelHost?][] = [
        ["a stamped request", ["R000003"], 1],
        ["the reinstatement of C000003", ["R000004"], 1],
        ["R000001 was posted already, R999999 is unknown", ["R000001", "R999999"], 0],
        ["all: R000003 and R000004, R000005 still waiting", "all", 2],
        ["all, statuses typed over", "all", 2, typed],
        // A request on two rows is refused, and a post with problems posts nothing.
        ["all, R000003 on two rows", "all", 0, twice],
      ];
      for (const [what, requestNos, count, from] of cases) {
        const { partial, posted } = await both(from ?? base, requestNos, what);
        assert.equal(posted.length, count, `${what}: ${JSON.stringify(posted)}`);
        for (const sheet of lists(partial)) assertTraced(partial, sheet);
      }
      // Not a test any run would pass: the reinstated customer is back on its department's list.
      const { partial } = await both(base, ["R000004"], "reinstatement");
      assert.ok(
        lists(partial).some((sheet) => printed(partial, sheet).some((row) => row[0] === "C000003")),
        "C000003 is listed again",
      );
    });

    it("a new ID skips every ID used, wherever it stands alone: typed on the Register, on an archive, on a tombstone", async () => {
      const copy = (host: MemoryExcelHost, sheet: string, id: string) => {
        const values = host.sheet(sheet).values;
        const row = [...(values[1] ?? values[0]!.map(() => ""))];
        row[values[0]!.findIndex((h) => h === "客户编号")] = id;
        pasteRow(host, sheet, row);
      };
      for (const [sheet, id, next] of [
        ["客户原簿", "C000099", "C000100"],
        ["交易过去", "C000200", "C000201"],
        ["销毁记录", "C000300", "C000301"],
      ] as const) {
        const from = base.clone();
        copy(from, sheet, id);
        const { posted } = await both(from, ["R000003"], `${id} on ${sheet}`);
        assert.deepEqual(
          posted.map((p) => p.id),
          [next],
          sheet,
        );
      }
    });

    it("a list that cannot be a base is rebuilt from a whole read: a page typed into, a row deleted, no directory, a department's first customer", async () => {
      const sheet = lists(base).find((s) => printed(base, s).length > 2)!;
      assert.ok(sheet, "a list with rows");
      const typed = base.clone();
      // Whoever unprotects a list can do anything to it: the host's store, as Excel would hold it after.
      typed.store.get(sheet).set(1, 1, "改过的名称");
      const deleted = base.clone();
      deleted.store.get(sheet).deleteCells({ row: 2, col: 0, rows: 1, cols: 16_384 }, "Up");
      const bare = base.clone();
      for (let c = LIST_WIDTH; c < bare.sheet(sheet).values[0]!.length; c++)
        bare.store.get(sheet).set(0, c, "");
      for (const [what, from] of [
        ["typed", typed],
        ["deleted", deleted],
        ["no directory", bare],
      ] as const) {
        const { partial } = await both(from, ["R000003"], what);
        assert.notEqual(printed(partial, sheet)[1]![1], "改过的名称", what);
        assertTraced(partial, sheet);
      }
    });

    it("checks hold after a sequence: Validate finds on the partial path what it finds on the whole one", async () => {
      const from = base.clone();
      const numbers = await filed(from, people, [400, 401, 402]);
      const { partial, whole } = await both(from, numbers, "three new");
      const found = async (host: MemoryExcelHost) => {
        const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
        assert.ok(checked.ok);
        return checked.problems;
      };
      assert.deepEqual(await found(partial), await found(whole));
    });

    it("reads a small part of what a whole read reads, and pages past one are cut again, on a register of 3,000 customers", async () => {
      const book = await bookOf(3000, people);
      const from = book.clone();
      const numbers = await filed(from, people, [5000]);
      const whole = from.clone();
      const partial = from.clone();
      // The lists as the whole read leaves them: with directories.
      const first = await postWhole(envOf(whole), people.admin.fp, numbers);
      const second = await postWhole(envOf(partial), people.admin.fp, numbers);
      assert.ok(first.ok && second.ok);
      const next = await filed(partial, people, [5001]);
      await filed(whole, people, [5001]);
      // The request by its number, and "all" (the same one: every other request is posted).
      for (const asked of [next, "all"] as const) {
        const after = whole.clone();
        const before = partial.clone();
        const a = await postWhole(envOf(after), people.admin.fp, asked);
        const b = await postRequests(envOf(before), { name: "陈会计" }, people.admin.fp, asked, now);
        assert.ok(a.ok && b.ok && b.problems.length === 0 && b.posted.length === 1, JSON.stringify([a, b]));
        for (const sheet of lists(before)) {
          assert.deepEqual(printed(before, sheet), printed(after, sheet), sheet);
          assertTraced(before, sheet);
        }
        assert.ok(
          readBytes(before) * 5 < readBytes(after),
          `posting ${String(asked)}: ${readBytes(before)} of ${readBytes(after)} bytes`,
        );
        assert.ok(before.syncs <= 7, `posting took ${before.syncs} syncs`);
      }
    });

    it("correcting, marking invalid, confirming reviews and ending relationships decide as a whole read does, lists and all", async () => {
      const head = stamper(people.head);
      const fp = people.admin.fp;
      const lang = "zh" as const;
      const twin = base.clone();
      // C000002 on a second, pasted row: refused both ways, never guessed.
      const reg = twin.sheet("客户原簿").values;
      pasteRow(
        twin,
        "客户原簿",
        reg.find((r) => r[0] === "C000002")!,
      );
      const twinResponsible = String(reg.find((r) => r[0] === "C000002")![reg[0]!.indexOf("负责人")]);
      /** A correction both ways: through the pane's action, and as a whole read plans it. */
      const correcting = (id: string, changes: Record<string, string>, reason: string) =>
        [
          (env: ExcelEnv) => correctCustomer(env, id, changes, reason, "陈会计", now),
          (env: ExcelEnv) =>
            whole(env, undefined, ({ snapshot, settings, trust }) =>
              planCorrection(snapshot, settings, trust, id, changes, reason, "陈会计", now, lang),
            ),
        ] as const;
      const cases: [
        string,
        MemoryExcelHost,
        (env: ExcelEnv) => Promise<unknown>,
        (env: ExcelEnv) => Promise<unknown>,
      ][] = [
        ["a phone corrected", base, ...correcting("C000002", { phone: "010-66668888" }, "客户来函")],
        [
          "a name corrected on a customer pasted twice",
          twin,
          ...correcting("C000002", { name: "新名称有限公司" }, "更名"),
        ],
        [
          "a customer moved to a department with no list yet",
          base,
          ...correcting("C000001", { department: "业务二部" }, "调整"),
        ],
        [
          "two marked invalid, one of them archived",
          base,
          (env) => markInvalid(env, ["C000007", "C000004"], "returnedMail", "", "陈会计", now),
          (env) =>
            whole(env, undefined, ({ snapshot, settings, trust }) =>
              planMarkInvalid(
                snapshot,
                settings,
                trust,
                ["C000007", "C000004"],
                "returnedMail",
                "",
                "陈会计",
                now,
                lang,
              ),
            ),
        ],
        [
          "reviews confirmed",
          base,
          (env) => confirmReviews(env, ["C000001", "C000002"], "陈会计", now),
          (env) =>
            whole(env, undefined, ({ snapshot, settings, trust }) =>
              planReviewConfirmation(snapshot, settings, trust, ["C000001", "C000002"], "陈会计", now, lang),
            ),
        ],
        [
          "a leaver's customers handed over",
          base,
          (env) => handOver(env, leaver, "周新", "调离", "陈会计", now),
          (env) =>
            whole(env, undefined, ({ snapshot, settings, trust }) =>
              planHandOver(snapshot, settings, trust, leaver, "周新", "调离", "陈会计", now, lang),
            ),
        ],
        [
          "a hand-over with one of the leaver's customers pasted twice",
          twin,
          (env) => handOver(env, twinResponsible, "周新", "调离", "陈会计", now),
          (env) =>
            whole(env, undefined, ({ snapshot, settings, trust }) =>
              planHandOver(snapshot, settings, trust, twinResponsible, "周新", "调离", "陈会计", now, lang),
            ),
        ],
        [
          "one suspended",
          base,
          (env) => terminateCustomers(env, fp, ["C000008"], "suspended", "暂停往来", head, now),
          (env) =>
            whole(actingWith(env, head), fp, ({ snapshot, settings, trust }) =>
              planTermination(
                snapshot,
                settings,
                trust,
                ["C000008"],
                "suspended",
                "暂停往来",
                head,
                now,
                lang,
              ),
            ),
        ],
      ];
      for (const [what, from, partialRun, wholeRun] of cases) {
        const a = from.clone();
        const b = from.clone();
        const x = (await wholeRun(envOf(a))) as { ok: boolean; problems?: Problem[] };
        const y = (await partialRun(envOf(b))) as { ok: boolean; problems?: Problem[] };
        assert.ok(x.ok && y.ok, `${what}: ${JSON.stringify([x, y])}`);
        assert.deepEqual(y.problems, x.problems, what);
        assert.equal(difference(b, a), "", what);
        for (const sheet of lists(b)) {
          assert.deepEqual(printed(b, sheet), printed(a, sheet), `${what}: ${sheet}`);
          assertTraced(b, sheet);
        }
      }
      // The cases change what they say they change.
      const handed = base.clone();
      const h = await handOver(envOf(handed), leaver, "周新", "调离", "陈会计", now);
      assert.ok(h.ok && h.problems.length === 0 && h.reassigned.length > 0, JSON.stringify(h));
      assert.ok(lists(handed).some((sheet) => printed(handed, sheet).some((row) => row[7] === "周新")));
      const moved = base.clone();
      assert.ok(
        (await terminateCustomers(envOf(moved), fp, ["C000008"], "suspended", "暂停往来", head, now)).ok,
      );
      assert.ok(!lists(moved).some((sheet) => printed(moved, sheet).some((row) => row[0] === "C000008")));
      assert.ok(lists(base).some((sheet) => printed(base, sheet).some((row) => row[0] === "C000008")));
    });

    it("a hand-over and a destruction on a register of 3,000 customers read a small part of what a whole read reads", async () => {
      const book = await listedBook();
      // The first of the five people the sample makes responsible: a fifth of the register.
      const reg = book.sheet("客户原簿").values;
      const counts = new Map<string, number>();
      for (const row of reg.slice(1)) {
        const who = String(row[reg[0]!.indexOf("负责人")]);
        counts.set(who, (counts.get(who) ?? 0) + 1);
      }
      const someone = [...counts].sort((p, q) => p[1] - q[1])[0]![0];
      const a = book.clone();
      const b = book.clone();
      a.resetCounters();
      b.resetCounters();
      const x = await whole(envOf(a), undefined, ({ snapshot, settings, trust }) =>
        planHandOver(snapshot, settings, trust, someone, "周新", "调离", "陈会计", now, "zh"),
      );
      const y = await handOver(envOf(b), someone, "周新", "调离", "陈会计", now);
      assert.ok(
        x.ok && y.ok && y.problems.length === 0 && y.reassigned.length > 0,
        JSON.stringify([x, y]).slice(0, 500),
      );
      assert.equal(difference(b, a), "");
      // A fifth of the register changes hands, on pages of every list: most pages are read, the log's rows of the rest are not.
      assert.ok(
        readBytes(b) * 4 < readBytes(a) * 3,
        `hand-over of ${counts.get(someone)}: ${readBytes(b)} of ${readBytes(a)} bytes`,
      );
      // A customer archived, then destroyed: its words read, not everyone's.
      const manager = stamper(people.manager);
      const c = b.clone();
      seedStaff(c, [...people.entries, people.manager.entry]);
      assert.ok(
        (
          await terminateCustomers(
            envOf(c),
            people.admin.fp,
            ["C002000"],
            "past",
            "关系解除",
            stamper(people.head),
            now,
          )
        ).ok,
      );
      const d = c.clone();
      c.resetCounters();
      d.resetCounters();
      const gone = await destroyRecords(envOf(d), people.admin.fp, ["C002000"], "保存期满", manager, now);
      const goneWhole = await guarded(() =>
        journalPlanApply(
          actingWith(envOf(c), manager),
          people.admin.fp,
          { destroyed: [] as string[], finished: [] as string[] },
          ({ snapshot, settings, trust }) =>
            planDestruction(snapshot, trust, ["C002000"], "保存期满", manager, now, "zh", settings),
        ),
      );
      assert.ok(
        gone.ok && goneWhole.ok && gone.destroyed.length === 1,
        JSON.stringify([gone, goneWhole]).slice(0, 500),
      );
      assert.equal(difference(d, c), "");
      assert.ok(readBytes(d) * 3 < readBytes(c), `destroying: ${readBytes(d)} of ${readBytes(c)} bytes`);
    });

    it("a correction on a register of 3,000 customers reads a small part of what a whole read reads", async () => {
      const book = await listedBook();
      const a = book.clone();
      const b = book.clone();
      a.resetCounters();
      b.resetCounters();
      const x = await whole(envOf(a), undefined, ({ snapshot, settings, trust }) =>
        planCorrection(
          snapshot,
          settings,
          trust,
          "C002500",
          { phone: "010-66668888" },
          "来函",
          "陈会计",
          now,
          "zh",
        ),
      );
      const y = await correctCustomer(envOf(b), "C002500", { phone: "010-66668888" }, "来函", "陈会计", now);
      assert.ok(x.ok && y.ok && y.problems.length === 0 && y.changed.length === 1, JSON.stringify([x, y]));
      assert.equal(difference(b, a), "");
      for (const sheet of lists(b)) assertTraced(b, sheet);
      assert.ok(readBytes(b) * 5 < readBytes(a), `correcting: ${readBytes(b)} of ${readBytes(a)} bytes`);
      assert.ok(b.syncs <= 6, `correcting took ${b.syncs} syncs`);
    });
  });
