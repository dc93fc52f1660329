import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { destroyRecords, markInvalid, terminateCustomers } from "../../src/excel/actions/lifecycle";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { register } from "../../src/domain/schema/sheets";
import { sampleName, sampleUscc } from "../../src/domain/sample";
import { countersign } from "../../src/domain/stamps/staff";
import { office, person } from "../domain/support/people";
import { bookOf, envOf, logOf, seedStaff } from "./fixtures";

const now = { date: "2026-11-24", time: "17:30" };
const ids = (host: MemoryExcelHost, sheet: string) =>
  host
    .sheet(sheet)
    .values.slice(1)
    .map((r) => String(r[0]))
    .filter(Boolean);

describe("destruction and invalid marking through the in-memory host", function () {
  this.timeout(120_000);
  let people: Awaited<ReturnType<typeof office>>;
  let manager: Awaited<ReturnType<typeof person>>;
  before(async () => {
    people = await office();
    manager = await person(5, "孙经理", "manager", "总务部");
    manager.entry.countersign = await countersign(people.admin.privateKey, manager.entry);
  });
  const as = (p: typeof manager) => ({ entry: p.entry, privateKey: p.privateKey, fingerprint: p.fp });

  async function archived() {
    const host = await bookOf(10, people);
    seedStaff(host, [...people.entries, manager.entry]);
    const moved = await terminateCustomers(
      envOf(host),
      people.admin.fp,
      ["C000002", "C000005"],
      "past",
      "关系解除",
      as(people.head),
      now,
    );
    assert.ok(moved.ok && moved.moved.length === 2);
    host.resetCounters();
    return host;
  }

  it("destroys with the manager's stamp, leaving a tombstone without personal data", async () => {
    const host = await archived();
    const result = await destroyRecords(
      envOf(host),
      people.admin.fp,
      ["C000002"],
      "无法恢复",
      as(manager),
      now,
    );
    assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
    assert.deepEqual(ids(host, "交易过去"), ["C000005"]);
    const tomb = host.sheet("销毁记录").values;
    assert.equal(tomb.length, 2);
    assert.equal(tomb[1]![0], "C000002");
    assert.match(String(tomb[1]![4]), /^[0-9a-f]{64}$/, "content hash");
    const text = tomb[1]!.join(" ");
    for (const personal of [sampleName(1), sampleUscc(1), "010-", "@example.cn"]) {
      assert.ok(!text.includes(personal), `the tombstone holds no ${personal}`);
    }
  });

  it("Validate checks the termination and destruction stamps against the rows as they stand", async () => {
    const host = await archived();
    const stampIssues = async () => {
      const r = await validateWorkbook(envOf(host), now.date, people.admin.fp);
      assert.ok(r.ok);
      return r.problems.filter((p) => p.rule.startsWith("stamp.")).map((p) => [p.sheet, p.row, p.rule]);
    };
    assert.deepEqual(await stampIssues(), []);
    assert.ok(
      (await destroyRecords(envOf(host), people.admin.fp, ["C000002"], "无法恢复", as(manager), now)).ok,
    );
    assert.deepEqual(await stampIssues(), []);
    const edit = async (sheet: string, row: number, header: string, value: string) => {
      const col = host.sheet(sheet).values[0]!.indexOf(header);
      await host.run(async (context) => {
        context.workbook.worksheets.getItem(sheet).getRangeByIndexes(row - 1, col, 1, 1).values = [[value]];
        await context.sync();
      });
    };
    await edit("交易过去", 2, "归档原因", "另有原因");
    await edit("销毁记录", 2, "原因", "另有原因");
    assert.deepEqual(await stampIssues(), [
      ["archivePast", 2, "stamp.contentChanged"],
      ["destructionLog", 2, "stamp.contentChanged"],
    ]);
  });

  it("refuses anyone but the manager", async () => {
    const host = await archived();
    const result = await destroyRecords(
      envOf(host),
      people.admin.fp,
      ["C000002"],
      "无法恢复",
      as(people.head),
      now,
    );
    assert.ok(result.ok);
    assert.deepEqual(
      result.problems.map((p) => p.rule),
      ["stamp.wrongRole"],
    );
    assert.deepEqual(ids(host, "交易过去"), ["C000002", "C000005"]);
  });

  for (const mode of ["before", "partial", "after"] as const) {
    it(`a failure at any sync leaves the record archived or tombstoned, and a retry finishes (${mode})`, async () => {
      for (let k = 1; k <= 4; k++) {
        const host = await archived();
        host.failAtSync(k, { mode });
        await destroyRecords(
          envOf(host),
          people.admin.fp,
          ["C000002", "C000005"],
          "无法恢复",
          as(manager),
          now,
        );
        for (const id of ["C000002", "C000005"]) {
          assert.ok(
            ids(host, "交易过去").includes(id) || ids(host, "销毁记录").includes(id),
            `k=${k}: ${id} vanished`,
          );
        }
        const again = await destroyRecords(
          envOf(host),
          people.admin.fp,
          ["C000002", "C000005"],
          "无法恢复",
          as(manager),
          now,
        );
        assert.ok(again.ok, `k=${k} ${JSON.stringify(again)}`);
        assert.deepEqual(ids(host, "交易过去"), [], `k=${k}`);
        assert.deepEqual(ids(host, "销毁记录").sort(), ["C000002", "C000005"], `k=${k}: one tombstone each`);
      }
    });
  }

  it("marks customers invalid with the reason, in the log and on their list", async () => {
    const host = await bookOf(5, people);
    const result = await markInvalid(
      envOf(host),
      ["C000003"],
      "returnedMail",
      "2026-11 月刊退回",
      "陈会计",
      now,
    );
    assert.ok(result.ok && result.marked.length === 1);
    const status = register.columns.findIndex((c) => c.key === "status");
    assert.equal(host.sheet("客户原簿").values[3]![status], "无效待删");
    const log = logOf(host).find((e) => e.action === "markInvalid")!;
    assert.deepEqual([log.customerId, log.reason], ["C000003", "退件:2026-11 月刊退回"]);
    const list = host.sheet("一览表-业务一部").values.find((r) => r[0] === "C000003")!;
    assert.ok(list.includes("无效待删"));
  });
});
