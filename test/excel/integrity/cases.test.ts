/**
 * The life cycle as a new user lives it, each case one that used to break the register's
 * first promise (a customer is never lost, duplicated or brought back): state comes from
 * the journal, never from rows someone typed, pasted or left half-moved.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { postRequests } from "../../../src/excel/actions/post-requests";
import {
  destroyRecords,
  handOver,
  requestReinstatement,
  terminateCustomers,
} from "../../../src/excel/actions/lifecycle";
import { correctCustomer, stampRequests } from "../../../src/excel/actions/workflow";
import { envOf } from "../fixtures";
import { buildMailing } from "../../../src/excel/actions/mailing";
import { assertErased, leaver, now, staffOf, stamper, wordsOf, world, type People } from "./world";
import { assertSettled, places, problemsOf } from "./invariants";

describe("the journal decides where a customer is, whatever rows say", function () {
  this.timeout(120_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });
  const post = (host: MemoryExcelHost, which: string[] | "all" = "all") =>
    postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, which, now);
  const terminate = (host: MemoryExcelHost, ids: string[], to: "suspended" | "past") =>
    terminateCustomers(envOf(host), people.admin.fp, ids, to, "关系解除", stamper(people.head), now);
  const destroy = (host: MemoryExcelHost, ids: string[]) =>
    destroyRecords(envOf(host), people.admin.fp, ids, "无法恢复", stamper(people.manager), now);
  const reinstate = async (host: MemoryExcelHost, id: string) => {
    const asked = await requestReinstatement(envOf(host), [id], "陈会计", now);
    assert.ok(asked.ok && asked.problems.length === 0, JSON.stringify(asked));
    const requestNo = asked.requested[0]!.requestNo;
    const stamped = await stampRequests(
      envOf(host),
      people.admin.fp,
      [requestNo],
      stamper(people.head),
      "approve",
      "",
      now,
    );
    assert.ok(stamped.ok && stamped.problems.length === 0, JSON.stringify(stamped));
    if (stamped.stamped[0]!.status !== "approved")
      await stampRequests(
        envOf(host),
        people.admin.fp,
        [requestNo],
        stamper(people.chairman),
        "approve",
        "",
        now,
      );
    return post(host, [requestNo]);
  };
  const rules = async (host: MemoryExcelHost) =>
    (await problemsOf(host, people))
      .filter((p) => p.rule.startsWith("journal.") || p.rule.startsWith("log."))
      .map((p) => `${p.sheetName}!${p.address} ${p.rule} ${p.value}`);

  /** Cuts a termination where its archive row stands and its Register row is not yet gone. */
  async function halfTerminated(id: string, to: "suspended" | "past"): Promise<MemoryExcelHost> {
    const target = to === "past" ? "交易过去" : "交易中止";
    // The write is the last sync: how many reads come before it is the read's business.
    const dry = base.clone();
    await terminate(dry, [id], to);
    for (let n = 0; n < 60; n++) {
      const host = base.clone();
      host.failAtSync(dry.syncs, { operations: n });
      await terminate(host, [id], to);
      if (places(host).get(id)?.join() === `客户原簿,${target}`) return host;
    }
    throw new Error("no cut leaves the customer in both places");
  }

  for (const to of ["suspended", "past"] as const) {
    it(`a customer posted through the add-in and moved to ${to} stays there when the next, unrelated post runs`, async () => {
      const host = base.clone();
      assert.ok((await terminate(host, ["C000013"], to)).ok);
      assert.ok((await post(host)).ok);
      assert.deepEqual(places(host).get("C000013"), [to === "past" ? "交易过去" : "交易中止"]);
      await assertSettled(host, people, "after the post");
    });
  }

  it("a destroyed customer is not brought back by the next post, and its request keeps no personal data", async () => {
    const host = base.clone();
    const words = wordsOf(host, ["C000014"]);
    assert.ok((await destroy(host, ["C000014"])).ok);
    assert.ok((await post(host)).ok);
    assert.deepEqual(places(host).get("C000014"), ["销毁记录"]);
    const [head, ...requests] = host.sheet("交易开始调查书").values;
    const r2 = requests.find((r) => r[0] === "R000002")!;
    assert.equal(r2[head!.indexOf("企业名称")], "", "the request that brought it in is blanked");
    assert.equal(r2[head!.indexOf("登记客户编号")], "C000014", "its number and posting stay as proof");
    assertErased(host, words);
    await assertSettled(host, people, "after destroy and post");
  });

  it("a correct reinstatement of a customer first posted through the add-in leaves one Register row", async () => {
    const host = base.clone();
    assert.ok((await terminate(host, ["C000013"], "suspended")).ok);
    const back = await reinstate(host, "C000013");
    assert.ok(back.ok && back.problems.length === 0, JSON.stringify(back));
    assert.deepEqual(places(host).get("C000013"), ["客户原簿"]);
    assert.ok((await post(host)).ok);
    assert.deepEqual(places(host).get("C000013"), ["客户原簿"], "and the next post leaves it so");
    await assertSettled(host, people, "after reinstatement");
  });

  it("a Register row pasted into 交易过去 is never acted on: the next termination leaves that customer alone, Validate names the row", async () => {
    const host = base.clone();
    const row = host.sheet("客户原簿").values.find((r) => r[0] === "C000008")!;
    const at = host.sheet("交易过去").values.length + 1;
    host.seedSheet("交易过去", [row], { at: `A${at}`, raw: true });
    assert.ok((await terminate(host, ["C000007"], "past")).ok);
    assert.deepEqual(places(host).get("C000008"), ["客户原簿", "交易过去"], "still on the Register");
    assert.deepEqual(await rules(host), [`交易过去!A${at} journal.wrongPlace C000008`]);
  });

  it("a tombstone typed into 销毁记录 destroys nothing: the next destruction leaves that customer where it is", async () => {
    const host = base.clone();
    const at = host.sheet("销毁记录").values.length + 1;
    host.seedSheet("销毁记录", [["C000004", "2026-11-01", "手写", "某人"]], { at: `A${at}`, raw: true });
    assert.ok((await destroy(host, ["C000014"])).ok);
    assert.deepEqual(places(host).get("C000004"), ["交易过去", "销毁记录"]);
    assert.deepEqual(await rules(host), [`销毁记录!A${at} journal.wrongPlace C000004`]);
  });

  it("a row typed into the Register is reported and never handed over, corrected or terminated", async () => {
    const host = base.clone();
    const row = [...host.sheet("客户原簿").values.find((r) => r[0] === "C000010")!];
    row[0] = "C000099";
    const at = host.sheet("客户原簿").values.length + 1;
    host.seedSheet("客户原簿", [row], { at: `A${at}`, raw: true });
    assert.deepEqual(await rules(host), [`客户原簿!A${at} journal.notInJournal C000099`]);
    const moved = await terminate(host, ["C000099"], "past");
    assert.deepEqual(moved.ok && moved.problems.map((p) => p.rule), ["id.unknown"]);
    const fixed = await correctCustomer(
      envOf(host),
      "C000099",
      { phone: "010-62111111" },
      "试",
      "陈会计",
      now,
    );
    assert.deepEqual(fixed.ok && fixed.problems.map((p) => p.rule), ["id.unknown"]);
    assert.ok((await handOver(envOf(host), leaver, "周新", "调离", "陈会计", now)).ok);
    const [head, ...rows] = host.sheet("客户原簿").values;
    assert.equal(
      rows.find((r) => r[0] === "C000099")![head!.indexOf("负责人")],
      leaver,
      "the typed row keeps its person",
    );
    const listed = host.sheet("一览表-业务一部").values.map((r) => r[0]);
    assert.ok(
      listed.includes("C000010") && !listed.includes("C000099"),
      "the department list shows the journal's customers only",
    );
    assert.ok(
      (await buildMailing(envOf(host), { department: "业务一部" }, "labels", "陈会计", now, "年末客户回访"))
        .ok,
    );
    const labels = host.sheet("邮寄标签").values.flat().map(String);
    assert.equal(
      labels.filter((l) => l.includes(String(row[1]))).length,
      1,
      "one label for the customer, none for its typed copy",
    );
  });

  it("a request whose status is typed as 已登记 is not posted and is reported", async () => {
    const host = base.clone();
    const [head, ...rows] = host.sheet("交易开始调查书").values;
    const i = rows.findIndex((r) => r[0] === "R000003");
    const col = String.fromCharCode(65 + head!.indexOf("申请状态"));
    host.seedSheet("交易开始调查书", [["已登记"]], { at: `${col}${i + 2}`, raw: true });
    const posted = await post(host, ["R000003"]);
    assert.ok(posted.ok);
    assert.deepEqual(
      posted.posted.map((p) => p.requestNo),
      [],
    );
    assert.deepEqual(await rules(host), [`交易开始调查书!${col}${i + 2} journal.requestNotPosted R000003`]);
  });

  it("a stamp standing in a request's cell without its log entry is reported", async () => {
    const host = base.clone();
    const [head, ...rows] = host.sheet("交易开始调查书").values;
    const stamps = head!.indexOf("盖章");
    const col = String.fromCharCode(65 + stamps);
    const i = rows.findIndex((r) => r[0] === "R000005");
    host.seedSheet("交易开始调查书", [[rows.find((r) => r[0] === "R000003")![stamps]!]], {
      at: `${col}${i + 2}`,
      raw: true,
    });
    assert.deepEqual(await rules(host), [
      `交易开始调查书!${col}${i + 2} journal.unlogged deptHead 王主管 ${now.date}T${now.time}`,
    ]);
  });

  it("a cut-off termination then a correction of that customer: the correction is refused, never silently lost", async () => {
    const host = await halfTerminated("C000007", "past");
    const fixed = await correctCustomer(
      envOf(host),
      "C000007",
      { phone: "010-62111111" },
      "客户来函",
      "陈会计",
      now,
    );
    assert.ok(fixed.ok);
    assert.deepEqual(fixed.finished, ["C000007"], "the termination was finished first");
    assert.deepEqual(
      fixed.problems.map((p) => [p.rule, p.value]),
      [["journal.wrongPlace", "C000007"]],
    );
    assert.deepEqual(places(host).get("C000007"), ["交易过去"]);
    await assertSettled(host, people, "after the refused correction");
  });

  it("a cut-off termination then a destruction of the archived copy: destroyed, never active beside its tombstone", async () => {
    const host = await halfTerminated("C000007", "past");
    const gone = await destroy(host, ["C000007"]);
    assert.ok(gone.ok && gone.problems.length === 0, JSON.stringify(gone));
    assert.deepEqual(places(host).get("C000007"), ["销毁记录"]);
    await assertSettled(host, people, "after the destruction");
  });

  it("a cut-off suspension then a reinstatement: one row, one ID", async () => {
    const host = await halfTerminated("C000007", "suspended");
    const back = await reinstate(host, "C000007");
    assert.ok(back.ok && back.problems.length === 0, JSON.stringify(back));
    assert.deepEqual(places(host).get("C000007"), ["客户原簿"]);
    await assertSettled(host, people, "after the reinstatement");
  });
});
