import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { postRequests } from "../../src/excel/actions/post-requests";
import { correctCustomer } from "../../src/excel/actions/workflow";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { register } from "../../src/domain/schema/sheets";
import { office } from "../domain/support/people";
import { envOf, logOf, workbook } from "./fixtures";

const now = { date: "2026-11-24", time: "16:30" };
const col = (key: string) => register.columns.findIndex((c) => c.key === key);

describe("Correct a Register entry (订正) through the in-memory host", function () {
  this.timeout(60_000);
  let people: Awaited<ReturnType<typeof office>>;
  let host: MemoryExcelHost;
  beforeEach(async () => {
    people ??= await office();
    host = await workbook(people, 2);
    assert.ok((await postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, "all", now)).ok);
  });
  const correct = (changes: Record<string, string>, reason = "客户来函通知") =>
    correctCustomer(envOf(host), "C000001", changes, reason, "陈会计", now);
  const stampProblems = async () => {
    const r = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(r.ok);
    return r.problems.filter((p) => p.rule.startsWith("stamp.")).map((p) => [p.sheet, p.row, p.rule]);
  };

  it("logs a new phone number, updates the list, and keeps the stamps valid (phone is not stamped)", async () => {
    const result = await correct({ phone: "010-62999999" });
    assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
    assert.equal(result.needsReapproval, false);
    assert.equal(host.sheet("客户原簿").values[1]![col("phone")], "010-62999999");
    const log = logOf(host)
      .filter((e) => e.action !== "done" && e.action !== "buildDeptList")
      .at(-1)!;
    assert.deepEqual(
      [log.action, log.customerId, log.field, log.oldValue, log.newValue, log.reason],
      ["correct", "C000001", "phone", "010-62000000", "010-62999999", "客户来函通知"],
    );
    const list = host.sheetNames().find((n) => n.startsWith("一览表-"))!;
    assert.ok(host.sheet(list).values.some((r) => r[0] === "C000001" && r.includes("010-62999999")));
    assert.deepEqual(await stampProblems(), []);
  });

  it("says a stamped field's change needs re-approval, and Validate then shows the row", async () => {
    const result = await correct({ address: "北京市朝阳区建国路88号" });
    assert.ok(result.ok && result.needsReapproval);
    assert.deepEqual(await stampProblems(), [["register", 2, "stamp.contentChanged"]]);
  });

  it("refuses bad input, a missing reason and fields the add-in keeps, writing nothing", async () => {
    const before = JSON.stringify(host.sheet("客户原簿").values);
    const bad = await correct({ postcode: "1234", id: "C999999" }, "");
    assert.ok(bad.ok);
    assert.deepEqual(
      bad.problems.map((p) => [p.row, p.column, p.rule]),
      [
        [2, "reason", "required"],
        [2, "postcode", "postcode.format"],
        [2, "id", "field.fixed"],
      ],
    );
    assert.equal(JSON.stringify(host.sheet("客户原簿").values), before);
  });

  it("moves a customer to the other department's list when its department changes", async () => {
    const result = await correct({ department: "业务二部" });
    assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
    const ids = (name: string) =>
      host.sheetNames().includes(name)
        ? host
            .sheet(name)
            .values.slice(1)
            .map((r) => r[0])
        : [];
    assert.ok(!ids("一览表-业务一部").includes("C000001"));
    assert.ok(ids("一览表-业务二部").includes("C000001"));
  });
});
