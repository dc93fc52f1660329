/**
 * Issue 19: looking is logged. A card shown in the pane, a list made for paper, a card
 * printed — each is in the Change log with who, when, what and why; the pane refuses a look
 * the signed rule 查询权限 does not allow, and Validate reports one made anyway.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { printCard, showCard } from "../../src/excel/actions/card";
import { buildMailing } from "../../src/excel/actions/mailing";
import { buildMonthlyLists } from "../../src/excel/actions/lists";
import { looksAtCustomer } from "../../src/excel/actions/trace";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import type { ExcelEnv } from "../../src/excel/env";
import { decodeIds, looksAt } from "../../src/domain/looking";
import { headerIndex } from "../../src/domain/layout";
import { keyedBlock, setKeyedBlock } from "../../src/domain/partial-read";
import { columnLetter } from "../../src/domain/workbook";
import { changeLog, register } from "../../src/domain/schema/sheets";
import { countersign } from "../../src/domain/stamps/staff";
import { office, person, type Person } from "../domain/support/people";
import { bookOf, envOf, logOf, seedStaff } from "./fixtures";

const LOG = "变更记录";
const now = { date: "2026-11-24", time: "11:00" };
const tomorrow = { date: "2026-11-25", time: "09:00" };

/** The pane's env for someone chosen on the device, their key unlocked: their rows are sealed. */
const as = (host: MemoryExcelHost, p: Person): ExcelEnv => ({
  ...envOf(host),
  acting: () => ({ name: p.entry.name, fingerprint: p.fp }),
  signer: () => ({ fingerprint: p.fp, privateKey: p.privateKey }),
});
/** The pane with nobody chosen on the device. */
const nobody = (host: MemoryExcelHost): ExcelEnv => ({ ...envOf(host), acting: () => undefined });

describe("looking up customers is logged, and refused without the right (issue 19)", function () {
  this.timeout(120_000);
  let people: Awaited<ReturnType<typeof office>>;
  let sales: Person;
  before(async () => {
    people = await office();
    // A responsible person (负责人): not a role of 查询权限 by default.
    sales = await person(6, "王建国", "responsible");
    sales.entry.countersign = await countersign(people.admin.privateKey, sales.entry);
  });

  async function book(rows = 20) {
    const host = await bookOf(rows, people);
    seedStaff(host, [...people.entries, sales.entry]);
    host.resetCounters();
    return host;
  }
  const responsibleOf = (host: MemoryExcelHost, id: string) => {
    const at = register.columns.findIndex((c) => c.key === "responsible");
    return String(host.sheet("客户原簿").values.find((r) => r[0] === id)![at]);
  };
  const looks = (host: MemoryExcelHost) => logOf(host).filter((e) => e.action === "lookCard");

  it("a card shown is logged once a day per person and customer, with its purpose, under the looker's seal", async () => {
    const host = await book();
    const head = as(host, people.head);
    const first = await showCard(head, "C000005", "王主管", "年度审查", people.admin.fp, now);
    assert.ok(first.ok && first.card?.id === "C000005" && first.looked, JSON.stringify(first));
    const [row, ...more] = looks(host);
    assert.equal(more.length, 0);
    assert.deepEqual(
      { time: row!.time, person: row!.person, customerId: row!.customerId, reason: row!.reason },
      { time: "2026-11-24T11:00", person: "王主管", customerId: "C000005", reason: "年度审查" },
    );
    assert.match(row!.signature!, /^[0-9A-F]{32} \S+$/, "sealed with the head's key");

    // The same day: shown, nothing written, no lease, a one-customer read.
    host.resetCounters();
    const again = await showCard(head, "C000005", "王主管", "", people.admin.fp, now);
    assert.ok(again.ok && again.card && !again.looked);
    assert.equal(looks(host).length, 1);
    assert.ok(host.syncs <= 6, `syncs ${host.syncs}`);
    assert.equal(host.syncLog.filter((s) => s.writes > 0).length, 0, "nothing written");
    // Another customer, or the next day: logged again.
    assert.ok((await showCard(head, "C000006", "王主管", "", people.admin.fp, now)).ok);
    assert.ok((await showCard(head, "C000005", "王主管", "", people.admin.fp, tomorrow)).ok);
    assert.deepEqual(
      looks(host).map((e) => `${e.customerId} ${e.time}`),
      ["C000005 2026-11-24T11:00", "C000006 2026-11-24T11:00", "C000005 2026-11-25T09:00"],
    );
  });

  it("a responsible person sees their own customers' cards and no one else's; nobody chosen sees none", async () => {
    const host = await book();
    const env = as(host, sales);
    const ids = host
      .sheet("客户原簿")
      .values.slice(1)
      .map((r) => String(r[0]));
    const own = ids.find((id) => responsibleOf(host, id) === "王建国")!;
    const other = ids.find((id) => responsibleOf(host, id) !== "王建国")!;
    const mine = await showCard(env, own, "王建国", "", people.admin.fp, now);
    assert.ok(mine.ok && mine.card?.id === own, JSON.stringify(mine));
    const theirs = await showCard(env, other, "王建国", "", people.admin.fp, now);
    assert.ok(theirs.ok);
    assert.equal(theirs.card, undefined, "no card");
    assert.equal(theirs.problems[0]?.rule, "look.notAllowed");
    assert.equal(theirs.problems[0]?.detail?.role, "responsible");
    const printed = await printCard(env, other, "王建国", people.admin.fp, now);
    assert.ok(printed.ok && printed.problems[0]?.rule === "look.notAllowed", JSON.stringify(printed));
    assert.ok(!host.sheetNames().includes(`卡片-${other}`), "nothing printed");
    const blind = await showCard(nobody(host), own, "", "", people.admin.fp, now);
    assert.ok(blind.ok && !blind.card && blind.problems[0]?.rule === "look.notEnrolled");
    assert.deepEqual(
      looks(host).map((e) => e.customerId),
      [own],
      "only the allowed look is logged",
    );
  });

  it("a list names customers in bulk: a role of 查询权限 and a purpose, and every customer on it is logged", async () => {
    const host = await book(30);
    const before = logOf(host).length;
    const refused = await buildMailing(
      as(host, sales),
      { department: "业务一部" },
      "labels",
      "王建国",
      now,
      "回访",
    );
    assert.ok(refused.ok && refused.problems[0]?.rule === "look.notAllowed", JSON.stringify(refused));
    const lists = await buildMonthlyLists(as(host, sales), ["2026-11"], ["new"], "王建国", now);
    assert.ok(lists.ok && lists.problems[0]?.rule === "look.notAllowed");
    const head = as(host, people.head);
    const noPurpose = await buildMailing(head, { department: "业务一部" }, "labels", "王主管", now, "  ");
    assert.ok(noPurpose.ok && noPurpose.problems[0]?.rule === "look.purposeRequired");
    assert.equal(logOf(host).length, before, "nothing logged, nothing built");
    assert.ok(!host.sheetNames().includes("邮寄标签"));

    const labels = await buildMailing(
      head,
      { department: "业务一部" },
      "labels",
      "王主管",
      now,
      "年末客户回访",
    );
    assert.ok(labels.ok && labels.problems.length === 0 && labels.count === 30, JSON.stringify(labels));
    const [made, ...listed] = logOf(host).slice(before);
    assert.equal(made!.action, "buildMailingLabels");
    assert.deepEqual(
      listed.map((e) => [e.action, e.field, e.oldValue, e.reason]),
      [["lookList", "customers", "邮寄标签", "年末客户回访"]],
    );
    const everyone = host
      .sheet("客户原簿")
      .values.slice(1)
      .map((r) => String(r[0]));
    assert.deepEqual(decodeIds(listed[0]!.newValue!), everyone);
  });

  it("who looked at a customer this year: card looks, prints and the lists that named them, read without the Register", async () => {
    const host = await book(30);
    const head = as(host, people.head);
    assert.ok((await showCard(head, "C000007", "王主管", "授信复核", people.admin.fp, now)).ok);
    assert.ok((await buildMailing(head, {}, "envelopes", "王主管", now, "年末客户回访")).ok);
    assert.ok((await printCard(head, "C000007", "王主管", people.admin.fp, tomorrow, undefined, "存档")).ok);
    assert.ok((await showCard(head, "C000008", "王主管", "", people.admin.fp, now)).ok);
    host.resetCounters();
    const found = await looksAtCustomer(envOf(host), "C000007", "2026");
    assert.ok(found.ok, JSON.stringify(found));
    assert.deepEqual(
      found.looks.map((l) => [l.time, l.person, l.action, l.sheet, l.purpose]),
      [
        ["2026-11-24T11:00", "王主管", "lookCard", "", "授信复核"],
        ["2026-11-24T11:00", "王主管", "buildEnvelopeList", "邮寄信封清单", "年末客户回访"],
        ["2026-11-25T09:00", "王主管", "printCard", "卡片-C000007", "存档"],
      ],
    );
    // The sheet names, the headers, Excel's counts of the year, the columns there with the
    // customer's rows (counted and searched), the rows the columns picked.
    assert.ok(host.syncs <= 5, `syncs ${host.syncs}`);
    assert.equal((await looksAtCustomer(envOf(host), "C000007", "2025")).ok, true);
  });

  it("who looked in a year of a log of several years: the same looks as the whole log gives, its other years' columns unread", async () => {
    const host = await book(30);
    const head = as(host, people.head);
    assert.ok((await showCard(head, "C000007", "王主管", "授信复核", people.admin.fp, now)).ok);
    assert.ok((await buildMailing(head, {}, "envelopes", "王主管", now, "年末客户回访")).ok);
    assert.ok((await showCard(head, "C000009", "王主管", "核对", people.admin.fp, now)).ok);
    const lastYear = logOf(host, true).length;
    assert.ok((await printCard(head, "C000007", "王主管", people.admin.fp, tomorrow, undefined, "存档")).ok);
    assert.ok(
      (await buildMailing(head, { department: "业务一部" }, "labels", "王主管", tomorrow, "回访")).ok,
    );
    assert.ok((await showCard(head, "C000008", "王主管", "", people.admin.fp, tomorrow)).ok);
    // The rows up to the first looks typed as last year's (as a log of several years holds them).
    const log = host.sheet(LOG).values;
    const time = headerIndex(changeLog, log[0]!).time!;
    for (let r = 1; r <= lastYear; r++)
      host.seedSheet(LOG, [[String(log[r]![time]).replace(/^2026/, "2025")]], {
        at: `${columnLetter(time)}${r + 1}`,
        raw: true,
      });
    const whole = {
      sheetNames: host.sheetNames(),
      sheets: { [LOG]: { name: LOG, values: host.sheet(LOG).values } },
    };
    const blockRows = keyedBlock();
    setKeyedBlock(4);
    try {
      const bytes: Record<string, number> = {};
      for (const id of ["C000007", "C000008", "C000009", "C000001"])
        for (const year of ["2025", "2026", "2027"]) {
          host.resetCounters();
          const found = await looksAtCustomer(envOf(host), id, year);
          assert.ok(found.ok, JSON.stringify(found));
          assert.deepEqual(found.looks, looksAt(whole, id, year), `${id} ${year}`);
          bytes[year] = Math.max(
            bytes[year] ?? 0,
            host.syncLog.reduce((sum, s) => sum + s.responseBytes, 0),
          );
        }
      assert.ok(
        looksAt(whole, "C000007", "2025").length === 2 && looksAt(whole, "C000007", "2026").length === 2,
      );
      // This year's blocks only: fewer bytes than last year's many rows; a year without a row reads neither column.
      assert.ok(bytes["2026"]! < bytes["2025"]!, JSON.stringify(bytes));
      assert.ok(bytes["2027"]! < bytes["2026"]!, JSON.stringify(bytes));
    } finally {
      setKeyedBlock(blockRows);
    }
  });

  it("who looked, with a row inserted above the year's rows between Excel's counts and the columns: read again, the same looks", async () => {
    const host = await book(30);
    const head = as(host, people.head);
    assert.ok((await showCard(head, "C000007", "王主管", "授信复核", people.admin.fp, now)).ok);
    assert.ok((await buildMailing(head, {}, "envelopes", "王主管", now, "年末客户回访")).ok);
    const log = host.sheet(LOG).values;
    const time = headerIndex(changeLog, log[0]!).time!;
    for (let r = 1; r < log.length - 4; r++)
      host.seedSheet(LOG, [[String(log[r]![time]).replace(/^2026/, "2025")]], {
        at: `${columnLetter(time)}${r + 1}`,
        raw: true,
      });
    const whole = {
      sheetNames: host.sheetNames(),
      sheets: { [LOG]: { name: LOG, values: host.sheet(LOG).values.map((r) => [...r]) } },
    };
    const blockRows = keyedBlock();
    setKeyedBlock(4);
    try {
      host.resetCounters();
      let inserted = 0;
      // Syncs 1–2: names and headers; 3: Excel's counts; before 4 (the columns) a co-author
      // inserts a blank row at the top, once: the counted blocks no longer hold what they did.
      host.gate = (n) => {
        if (n === 4 && !inserted++) host.store.get(LOG).insertCells({ row: 1, col: 0, rows: 1, cols: 16384 });
      };
      const found = await looksAtCustomer(envOf(host), "C000007", "2026");
      host.gate = undefined;
      assert.ok(found.ok, JSON.stringify(found));
      assert.equal(inserted, 1);
      // Inserted between the columns (sync 4) and the rows they picked (5): the rows read no
      // longer say what the columns did — read again, the same looks.
      const later = host.clone();
      let moved = 0;
      later.gate = (n) => {
        if (n === 5 && !moved++) later.store.get(LOG).insertCells({ row: 1, col: 0, rows: 1, cols: 16384 });
      };
      later.resetCounters();
      const again = await looksAtCustomer(envOf(later), "C000007", "2026");
      assert.ok(again.ok, JSON.stringify(again));
      assert.equal(moved, 1);
      assert.deepEqual(
        again.looks.map(({ row, ...look }) => ({ ...look, row: row - 2 })),
        looksAt(whole, "C000007", "2026"),
      );
      assert.deepEqual(
        found.looks.map(({ row, ...look }) => ({ ...look, row: row - 1 })),
        looksAt(whole, "C000007", "2026").map((look) => ({ ...look })),
      );
      assert.ok(found.looks.length >= 2);
    } finally {
      setKeyedBlock(blockRows);
    }
  });

  it("Validate reports a look the rule did not allow, made where nothing refused it (a script, the CLI)", async () => {
    const host = await book(30);
    // The adapter outside a pane does not know who is acting: it logs the name it was given.
    const own = host
      .sheet("客户原簿")
      .values.slice(1)
      .map((r) => String(r[0]))
      .find((id) => responsibleOf(host, id) === "王建国")!;
    assert.ok((await buildMailing(envOf(host), {}, "labels", "王建国", now, "私用")).ok);
    assert.ok((await printCard(envOf(host), own, "王建国", people.admin.fp, now)).ok);
    assert.ok((await printCard(envOf(host), "C000002", "路人甲", people.admin.fp, now)).ok);
    const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(checked.ok);
    const reported = checked.problems
      .filter((p) => p.rule.startsWith("look."))
      .map((p) => [p.rule, p.value, p.detail?.action]);
    assert.deepEqual(reported, [
      ["look.notAllowed", "王建国", "buildMailingLabels"],
      ["look.notEnrolled", "路人甲", "printCard"],
    ]);
  });
});
