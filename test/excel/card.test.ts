import assert from "node:assert/strict";
import { loadCard } from "../../src/excel/actions/card";
import { addAnnualResult, addContact } from "../../src/excel/actions/contacts";
import { terminateCustomers } from "../../src/excel/actions/lifecycle";
import { applyForLoan, buildLoanExtract, stampLoans } from "../../src/excel/actions/loans";
import { correctCustomer } from "../../src/excel/actions/workflow";
import { register } from "../../src/domain/schema/sheets";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { office } from "../domain/support/people";
import { bookOf, envOf } from "./fixtures";

const now = { date: "2026-11-24", time: "11:00" };
const col = (key: string) => register.columns.findIndex((c) => c.key === key);

describe("the customer card through the in-memory host", function () {
  this.timeout(180_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });
  const as = (p: typeof people.head) => ({ entry: p.entry, privateKey: p.privateKey, fingerprint: p.fp });
  const snapshotOf = (host: MemoryExcelHost) =>
    JSON.stringify(host.sheetNames().map((n) => [n, host.sheet(n).values]));

  it("shows fields, history, contacts, results and an extract out now — and writes nothing", async () => {
    const host = await bookOf(30, people);
    const env = envOf(host);
    const customer = host.sheet("客户原簿").values[1]!;
    await addContact(
      env,
      {
        customerId: "C000001",
        date: "2026-11-20",
        staff: "张伟",
        channel: "fax",
        summary: "报价单",
        major: false,
      },
      "陈会计",
      now,
    );
    await addAnnualResult(
      env,
      { customerId: "C000001", year: "2025", revenue: "880", financialNotes: "稳健" },
      "陈会计",
      now,
    );
    const fixed = await correctCustomer(env, "C000001", { contact: "郑新" }, "人员变动", "陈会计", now);
    assert.ok(fixed.ok && fixed.problems.length === 0, JSON.stringify(fixed));
    await applyForLoan(
      env,
      {
        borrower: "刘业务",
        department: "业务一部",
        title: "",
        class: String(customer[col("class")]),
        region: String(customer[col("region")]),
        from: "",
        due: "2026-11-30 17:30",
        purpose: "走访",
      },
      "陈会计",
      now,
    );
    await stampLoans(env, people.admin.fp, ["L000001"], as(people.head), "approve", "", now);
    assert.ok((await buildLoanExtract(env, people.admin.fp, "L000001", "陈会计", now)).ok);

    const before = snapshotOf(host);
    const result = await loadCard(env, "C000001", people.admin.fp, now);
    assert.ok(result.ok, JSON.stringify(result));
    const card = result.card;
    assert.equal(card.where, "register");
    assert.equal(card.row, 2);
    assert.equal(card.fields.find((f) => f.key === "name")!.value, customer[col("name")]);
    assert.equal(card.fields.find((f) => f.key === "postedDate")!.value.length, 10, "dates as YYYY-MM-DD");
    assert.deepEqual(
      card.contacts.map((c) => [c.no, c.channel, c.summary]),
      [["LX000001", "传真", "报价单"]],
    );
    assert.deepEqual(card.results, [{ year: "2025", revenue: "880", notes: "稳健" }]);
    assert.deepEqual(
      card.history.map((h) => h.action),
      ["adopt", "contact", "annualResult", "correct"],
    );
    assert.deepEqual(
      card.loansOut.map((l) => l.loanNo),
      ["L000001"],
    );
    assert.equal(snapshotOf(host), before, "reading a card changes nothing");
  });

  it("shows an archived customer's stamps verifying, and a broken one after an edit in Excel", async () => {
    const host = await bookOf(10, people);
    const env = envOf(host);
    const moved = await terminateCustomers(
      env,
      people.admin.fp,
      ["C000003"],
      "past",
      "关系解除",
      as(people.head),
      now,
    );
    assert.ok(moved.ok && moved.moved.length === 1);
    const card = await loadCard(env, "C000003", people.admin.fp, now);
    assert.ok(card.ok);
    assert.equal(card.card.where, "past");
    assert.equal(card.card.sheetName, "交易过去");
    assert.deepEqual(
      card.card.stamps.map((s) => [s.words.startsWith("部门主管 王主管"), s.issue]),
      [[true, undefined]],
    );
    // Someone changes the archived company's name straight in the sheet.
    host.seedSheet("交易过去", [["改过的名字有限公司"]], { at: "B2", raw: true });
    const after = await loadCard(env, "C000003", people.admin.fp, now);
    assert.ok(after.ok);
    assert.equal(after.card.stamps[0]!.issue, "stamp.contentChanged");
    const unknown = await loadCard(env, "C999999", people.admin.fp, now);
    assert.ok(unknown.ok && unknown.card.where === "unknown");
  });

  it("costs the same syncs at 100 and 100,000 register rows (desktop); on the web every payload stays under 5 MB", async () => {
    const syncs: number[] = [];
    for (const rows of [100, 100_000]) {
      const host = await bookOf(rows, people, "desktop");
      const result = await loadCard(envOf(host, "desktop"), "C000050", people.admin.fp, now);
      assert.ok(result.ok && result.card.where === "register");
      syncs.push(host.syncs);
    }
    assert.equal(syncs[0], syncs[1]);
    assert.equal(syncs[0], 4, "names, headers and sizes, ID columns, the customer's rows");
    const web = await bookOf(100_000, people, "web");
    const result = await loadCard(envOf(web, "web"), "C099999", people.admin.fp, now);
    assert.ok(result.ok && result.card.where === "register");
    // Web: the ID columns and the Change log's time and action columns (its trust skeleton,
    // 100,000 rows here) come back in slices under 5 MB: three syncs for about 6 MB.
    assert.ok(web.syncs <= 6, `web syncs: ${web.syncs}`);
    for (const s of web.syncLog)
      assert.ok(s.responseBytes < 5 * 1024 * 1024 && s.requestBytes < 5 * 1024 * 1024);
  });
});
