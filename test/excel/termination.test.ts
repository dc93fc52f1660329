import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { terminateCustomers } from "../../src/excel/actions/lifecycle";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { office } from "../domain/support/people";
import { bookOf, envOf } from "./fixtures";

const now = { date: "2026-11-24", time: "17:00" };

/** Where every customer ID stands: each must be in exactly one place. */
function places(host: MemoryExcelHost) {
  const ids = (sheet: string) =>
    host
      .sheet(sheet)
      .values.slice(1)
      .map((r) => String(r[0]))
      .filter(Boolean);
  const where = new Map<string, string[]>();
  for (const sheet of ["客户原簿", "交易中止", "交易过去"])
    for (const id of ids(sheet)) where.set(id, [...(where.get(id) ?? []), sheet]);
  return where;
}

describe("termination and archive through the in-memory host", function () {
  this.timeout(120_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });
  const head = () => ({
    entry: people.head.entry,
    privateKey: people.head.privateKey,
    fingerprint: people.head.fp,
  });

  it("moves 200 customers to 交易中止 in one action, with date, reason and the head's stamp", async () => {
    const host = await bookOf(250, people);
    const ids = Array.from({ length: 200 }, (_, i) => `C${String(i + 1).padStart(6, "0")}`);
    const result = await terminateCustomers(
      envOf(host),
      people.admin.fp,
      ids,
      "suspended",
      "客户解散",
      head(),
      now,
    );
    assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
    assert.equal(result.moved.length, 200);
    assert.equal(host.sheet("客户原簿").values.length - 1, 50);
    const archive = host.sheet("交易中止").values;
    assert.equal(archive.length - 1, 200);
    const at = (key: string) => archive[0]!.indexOf(key);
    assert.equal(archive[1]![at("归档原因")], "客户解散");
    assert.match(String(archive[1]![at("批准人")]), /部门主管 王主管/);
    assert.equal(archive[1]![at("状态")], "交易中止");
    for (const [id, where] of places(host)) assert.equal(where.length, 1, `${id} in ${where.join(", ")}`);
    // The sheets' names and headers, then — no department list standing yet, so the list needs
    // every customer of it — the whole read, and the write: not one per customer.
    assert.ok(host.syncs <= 6, `${host.syncs} syncs`);
  });

  it("refuses an approver who is not the customer's department head, and a missing reason", async () => {
    const host = await bookOf(3, people);
    const chair = {
      entry: people.chairman.entry,
      privateKey: people.chairman.privateKey,
      fingerprint: people.chairman.fp,
    };
    const byChair = await terminateCustomers(
      envOf(host),
      people.admin.fp,
      ["C000001"],
      "past",
      "结束",
      chair,
      now,
    );
    assert.ok(byChair.ok);
    assert.deepEqual(
      byChair.problems.map((p) => p.rule),
      ["stamp.wrongRole"],
    );
    const noReason = await terminateCustomers(
      envOf(host),
      people.admin.fp,
      ["C000001"],
      "past",
      "",
      head(),
      now,
    );
    assert.ok(noReason.ok);
    assert.deepEqual(
      noReason.problems.map((p) => p.rule),
      ["required"],
    );
    assert.equal(host.sheet("客户原簿").values.length - 1, 3);
  });

  for (const mode of ["before", "partial", "after"] as const) {
    it(`never loses or duplicates a customer when sync k fails (${mode}); the next action finishes the move`, async () => {
      // The action makes 4 syncs here: sheet names, sizes, one slice of values, one write.
      for (let k = 1; k <= 4; k++) {
        const host = await bookOf(30, people);
        const ids = ["C000003", "C000007", "C000008", "C000020"];
        host.failAtSync(k, { mode });
        await terminateCustomers(envOf(host), people.admin.fp, ids, "past", "关系解除", head(), now);
        for (const [id, where] of places(host)) {
          assert.ok(where.length >= 1 && where.length <= 2, `k=${k}: ${id} lost`);
          if (where.length === 2) assert.deepEqual(where, ["客户原簿", "交易过去"], `k=${k}: ${id}`);
        }
        assert.equal(places(host).size, 30, `k=${k}: every customer is somewhere`);
        const twice = [...places(host)].filter(([, w]) => w.length === 2).map(([id]) => id);
        const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
        assert.ok(checked.ok);
        const unfinished = checked.problems
          .filter((p) => p.rule === "journal.unfinished")
          .map((p) => p.value);
        for (const id of twice)
          assert.ok(unfinished.includes(id), `k=${k}: Validate names the cut-off move of ${id}`);
        const again = await terminateCustomers(
          envOf(host),
          people.admin.fp,
          ids,
          "past",
          "关系解除",
          head(),
          now,
        );
        assert.ok(again.ok, `k=${k} ${JSON.stringify(again)}`);
        for (const [id, where] of places(host))
          assert.equal(where.length, 1, `k=${k}: ${id} in ${where.join(", ")}`);
        const past = host
          .sheet("交易过去")
          .values.slice(1)
          .map((r) => String(r[0]))
          .sort();
        assert.deepEqual(past, ids, `k=${k}`);
      }
    });
  }
});
