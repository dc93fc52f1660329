/**
 * Destruction erases the person everywhere the add-in printed them, even on printouts made
 * under a name or address the customer has since lost through a correction (issue 12,
 * found by mutation testing of erase.ts).
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { destroyRecords, terminateCustomers } from "../../../src/excel/actions/lifecycle";
import { correctCustomer } from "../../../src/excel/actions/workflow";
import { approveInvalidList, buildMonthlyLists } from "../../../src/excel/actions/lists";
import { buildMailing } from "../../../src/excel/actions/mailing";
import { isPrintoutSheet } from "../../../src/domain/journal/erase";
import { envOf } from "../fixtures";
import { now, stamper, staffOf, world, type People } from "./world";
import { typeInto } from "./insider";

/** Every non-empty cell of the generated printouts, as text. */
const printed = (host: MemoryExcelHost) =>
  host
    .sheetNames()
    .filter(isPrintoutSheet)
    .flatMap((name) => host.sheet(name).values.flat().map(String))
    .filter((v) => v !== "");

describe("a destruction clears printouts made under the customer's former name", function () {
  this.timeout(60_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });

  /** The customer ended (交易过去, the head's stamp), then destroyed (the manager's stamp): each done whole. */
  async function archiveAndDestroy(host: MemoryExcelHost, id: string) {
    const env = envOf(host);
    const archived = await terminateCustomers(
      env,
      people.admin.fp,
      [id],
      "past",
      "关系解除",
      stamper(people.head),
      now,
    );
    assert.ok(archived.ok && archived.problems.length === 0, JSON.stringify(archived));
    const destroyed = await destroyRecords(
      env,
      people.admin.fp,
      [id],
      "无法恢复",
      stamper(people.manager),
      now,
    );
    assert.ok(destroyed.ok && destroyed.problems.length === 0, JSON.stringify(destroyed));
  }

  it("a list row printed under a name the customer has since lost loses every word: ID, that name, phone", async () => {
    const host = base.clone();
    const env = envOf(host);
    const [head, ...rows] = host.sheet("客户原簿").values;
    const row = rows.find((r) => r[0] === "C000013")!;
    const at = (h: string) => head!.indexOf(h);
    const former = { name: String(row[at("企业名称")]), phone: String(row[at("电话")]) };
    assert.ok(printed(host).includes("C000013"), "the monthly list names C000013");
    assert.ok(printed(host).includes(former.name), "under its name as it was then");

    // Renamed, the list printed again under the new name, then renamed once more: the list
    // row carries a name that is neither on the request nor on the archived row.
    const renamed = await correctCustomer(
      env,
      "C000013",
      { name: "中间名称有限公司" },
      "更名",
      "陈会计",
      now,
    );
    assert.ok(renamed.ok && renamed.problems.length === 0, JSON.stringify(renamed));
    const listed = await buildMonthlyLists(env, ["2026-11"], ["new"], "陈会计", now);
    assert.ok(listed.ok, JSON.stringify(listed));
    assert.ok(printed(host).includes("中间名称有限公司"), "the list reprinted under the new name");
    const corrected = await correctCustomer(
      env,
      "C000013",
      { name: "改名后的公司" },
      "再次更名",
      "陈会计",
      now,
    );
    assert.ok(corrected.ok && corrected.problems.length === 0, JSON.stringify(corrected));
    await archiveAndDestroy(host, "C000013");

    const left = printed(host);
    for (const word of ["C000013", former.name, "中间名称有限公司", "改名后的公司", former.phone])
      assert.ok(!left.some((v) => v.includes(word)), `${word} still printed`);
  });

  it("address labels printed under a name and address only a logged correction remembers lose them too", async () => {
    const host = base.clone();
    const env = envOf(host);
    const ok = (r: { ok: boolean; problems?: unknown[] }, what: string) =>
      assert.ok(r.ok && (r.problems ?? []).length === 0, `${what}: ${JSON.stringify(r)}`);
    ok(
      await correctCustomer(
        env,
        "C000013",
        { name: "只在记录里的名称", address: "只在记录里的地址1号" },
        "更名迁址",
        "陈会计",
        now,
      ),
      "rename",
    );
    ok(
      await buildMailing(env, { department: "业务一部" }, "labels", "陈会计", now, "年末客户回访"),
      "labels",
    );
    assert.ok(
      printed(host).some((v) => v.includes("只在记录里的名称")),
      "the labels carry that name",
    );
    ok(
      await correctCustomer(
        env,
        "C000013",
        { name: "最后的名称", address: "最后的地址9号" },
        "再次更名迁址",
        "陈会计",
        now,
      ),
      "rename again",
    );
    assert.ok(
      printed(host).some((v) => v.includes("只在记录里的名称")),
      "still on the labels after the rename",
    );
    await archiveAndDestroy(host, "C000013");
    for (const word of ["只在记录里的名称", "只在记录里的地址1号"])
      assert.ok(
        !printed(host).some((v) => v.includes(word)),
        `${word}: the log alone remembered it, still printed`,
      );
  });

  it("a list row printed under a name typed by hand, and typed back since, goes by its customer ID", async () => {
    const host = base.clone();
    const env = envOf(host);
    const reg = host.sheet("客户原簿").values;
    const row = reg.findIndex((r) => r[0] === "C000013") + 1;
    const original = String(reg[row - 1]![reg[0]!.indexOf("企业名称")]);
    typeInto(host, "客户原簿", row, "企业名称", "手改过的名称");
    const listed = await buildMonthlyLists(env, ["2026-11"], ["new"], "陈会计", now);
    assert.ok(listed.ok, JSON.stringify(listed));
    assert.ok(printed(host).includes("手改过的名称"), "the list printed the typed name");
    typeInto(host, "客户原簿", row, "企业名称", original);
    await archiveAndDestroy(host, "C000013");
    assert.ok(!printed(host).includes("手改过的名称"), "no name of the destroyed customer stays printed");
  });

  it("a one-character name is erased from the invalid list, and the other customers' rows stay whole", async () => {
    // The invalid list carries no customer ID: its rows are found by name. C000005 and
    // C000006 were marked invalid this month; C000005 is renamed to a single character.
    const host = base.clone();
    const env = envOf(host);
    const reg = host.sheet("客户原簿").values;
    const sixth = String(reg.find((r) => r[0] === "C000006")![reg[0]!.indexOf("企业名称")]);
    const renamed = await correctCustomer(env, "C000005", { name: "鑫" }, "更名", "陈会计", now);
    assert.ok(renamed.ok && renamed.problems.length === 0, JSON.stringify(renamed));
    assert.ok((await buildMonthlyLists(env, ["2026-11"], ["invalid"], "陈会计", now)).ok);
    const approved = await approveInvalidList(env, people.admin.fp, "2026-11", stamper(people.head), now);
    assert.ok(approved.ok && approved.problems.length === 0, JSON.stringify(approved));
    const list = () => host.sheet("无效2026-11").values.map((r) => r.map(String));
    const before = list();
    const other = before.find((r) => r.includes(sixth));
    assert.ok(
      before.some((r) => r.includes("鑫")),
      "the list names 鑫",
    );
    assert.ok(other, "and C000006 beside it");
    const destroyed = await destroyRecords(
      env,
      people.admin.fp,
      ["C000005"],
      "无法恢复",
      stamper(people.manager),
      now,
    );
    assert.ok(destroyed.ok && destroyed.problems.length === 0, JSON.stringify(destroyed));
    const after = list();
    assert.ok(!after.some((r) => r.includes("鑫")), "the destroyed customer's name is still on the list");
    assert.ok(
      after.some((r) => r.join("|") === other!.join("|")),
      "C000006's row was touched",
    );
    assert.deepEqual(after[0], before[0], "the list's title row was touched");
  });
});
