import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { requestReinstatement, terminateCustomers } from "../../src/excel/actions/lifecycle";
import { stampRequests } from "../../src/excel/actions/workflow";
import { postRequests } from "../../src/excel/actions/post-requests";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { office } from "../domain/support/people";
import { bookOf, envOf } from "./fixtures";

const now = { date: "2026-11-24", time: "18:00" };

function places(host: MemoryExcelHost, id: string): string[] {
  return ["客户原簿", "交易中止", "交易过去"].filter((sheet) =>
    host
      .sheet(sheet)
      .values.slice(1)
      .some((r) => r[0] === id),
  );
}

describe("reinstatement through the in-memory host", function () {
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

  /** C000002 suspended, a reinstatement request filed and stamped: ready to post. */
  async function readyToReturn() {
    const host = await bookOf(10, people);
    const env = envOf(host);
    assert.ok(
      (await terminateCustomers(env, people.admin.fp, ["C000002"], "suspended", "暂停交易", head(), now)).ok,
    );
    const asked = await requestReinstatement(env, ["C000002"], "陈会计", now);
    assert.ok(asked.ok && asked.problems.length === 0, JSON.stringify(asked));
    assert.deepEqual(asked.requested, [{ id: "C000002", requestNo: "R000001" }]);
    const again = await requestReinstatement(env, ["C000002"], "陈会计", now);
    assert.ok(again.ok);
    assert.deepEqual(
      again.problems.map((p) => p.rule),
      ["reinstate.pending"],
    );
    const stamped = await stampRequests(env, people.admin.fp, ["R000001"], head(), "approve", "", now);
    assert.ok(stamped.ok && stamped.stamped.length === 1, JSON.stringify(stamped));
    host.resetCounters();
    return host;
  }

  it("brings a suspended customer back under its own ID after fresh stamps", async () => {
    const host = await readyToReturn();
    const posted = await postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, "all", now);
    assert.ok(posted.ok);
    assert.deepEqual(
      posted.posted.map((p) => p.id),
      ["C000002"],
    );
    assert.deepEqual(places(host, "C000002"), ["客户原簿"]);
    const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.problems.filter((p) => p.rule.startsWith("stamp.") || p.rule.startsWith("journal.")),
      [],
    );
    // And it can be terminated again later, like any customer.
    assert.ok(
      (await terminateCustomers(envOf(host), people.admin.fp, ["C000002"], "past", "关系解除", head(), now))
        .ok,
    );
    assert.deepEqual(places(host, "C000002"), ["交易过去"]);
  });

  /**
   * A suspended customer's archived row pasted back onto the Register by hand at `row`, then
   * its reinstatement posted: the same outcome read partly as read whole (asserted), and both books.
   */
  const pastedBackThenPosted = async (
    host: MemoryExcelHost,
    id: string,
    row: number,
    requests: string[] | "all",
  ) => {
    const archived = host.sheet("交易中止").values.find((r) => r[0] === id)!;
    host.seedSheet("客户原簿", [archived.slice(0, host.sheet("客户原簿").values[0]!.length)], {
      at: `A${row}`,
      raw: true,
    });
    const whole = host.clone();
    const partial = await postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, requests, now);
    const read = await postRequests(
      { ...envOf(whole), readWhole: true },
      { name: "陈会计" },
      people.admin.fp,
      requests,
      now,
    );
    assert.deepEqual(partial, read);
    assert.ok(partial.ok);
    return { partial, whole };
  };

  for (const asked of [["R000001"], "all"] as const)
    it(`decides as a whole read does when the customer's row was pasted back onto the Register by hand, posting ${JSON.stringify(asked)} (issue 15)`, async () => {
      // Posting "all" finds its requests on Intake: no seed to count, so the Register's ID
      // column is read instead of the closure's asks (journal/needs.ts postingNeeds).
      const requests = asked === "all" ? "all" : [...asked];
      const host = await readyToReturn();
      // The archived row copied to the Register, half-way up it: the partial read must find it there.
      const { partial, whole } = await pastedBackThenPosted(host, "C000002", 4, requests);
      // Refused on the pasted row: the reinstatement does not add the customer a second time.
      assert.deepEqual(
        partial.problems.map((p) => [p.sheet, p.row, p.rule, p.detail?.why]),
        [["register", 4, "journal.cannotFinish", "otherRequest"]],
      );
      assert.deepEqual(places(host, "C000002"), places(whole, "C000002"));
      assert.equal(
        host.sheet("客户原簿").values.filter((r) => r[0] === "C000002").length,
        1,
        "on the Register once",
      );
    });

  it("decides as a whole read does with more customers than Excel is asked about, one pasted back by hand (issue 15)", async () => {
    const host = await bookOf(14, people);
    const env = envOf(host);
    const ids = Array.from({ length: 11 }, (_, i) => `C0000${String(i + 2).padStart(2, "0")}`);
    assert.ok((await terminateCustomers(env, people.admin.fp, ids, "suspended", "暂停交易", head(), now)).ok);
    const asked = await requestReinstatement(env, ids, "陈会计", now);
    assert.ok(asked.ok && asked.requested.length === 11, JSON.stringify(asked));
    const requests = asked.requested.map((r) => r.requestNo);
    assert.ok((await stampRequests(env, people.admin.fp, requests, head(), "approve", "", now)).ok);
    // Class A asks the chairman too (another class refuses a second stamp).
    const chairman = {
      entry: people.chairman.entry,
      privateKey: people.chairman.privateKey,
      fingerprint: people.chairman.fp,
    };
    for (const no of requests) await stampRequests(env, people.admin.fp, [no], chairman, "approve", "", now);
    // Past 20 names the closure is worked out from the log's columns; the Register's rows with it.
    const { partial } = await pastedBackThenPosted(host, "C000005", 3, requests);
    assert.deepEqual(
      partial.problems.map((p) => [p.sheet, p.row, p.rule, p.detail?.why]),
      [["register", 3, "journal.cannotFinish", "otherRequest"]],
    );
  });

  for (const mode of ["before", "partial", "after"] as const) {
    it(`a post cut off at any sync (${mode}) leaves the customer archived or back, and the next post finishes`, async () => {
      for (let k = 1; k <= 4; k++) {
        const host = await readyToReturn();
        host.failAtSync(k, { mode });
        await postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, "all", now);
        assert.ok(places(host, "C000002").length >= 1, `k=${k}: the customer is somewhere`);
        // A termination in between must not mistake a cut-off reinstatement for its own.
        assert.ok((await terminateCustomers(envOf(host), people.admin.fp, [], "past", "x", head(), now)).ok);
        const retry = await postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, "all", now);
        assert.ok(retry.ok, `k=${k} ${JSON.stringify(retry)}`);
        assert.deepEqual(places(host, "C000002"), ["客户原簿"], `k=${k}`);
      }
    });
  }
});
