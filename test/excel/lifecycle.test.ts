import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import { buildReviewList, confirmReviews, handOver, loadWorklist } from "../../src/excel/actions/lifecycle";
import { register } from "../../src/domain/schema/sheets";
import { sampleRegister } from "../../src/domain/sample";
import { adopt, envOf } from "./fixtures";

const now = { date: "2026-08-20", time: "09:30" };
const col = (key: string) => register.columns.findIndex((c) => c.key === key);

async function bookOf(rows: number) {
  const host = new MemoryExcelHost({ platform: "desktop" });
  await setUpWorkbook(envOf(host, "desktop"));
  host.seedSheet("客户原簿", sampleRegister(rows, "zh"), { at: "A2", raw: true });
  await adopt(host, "desktop");
  host.resetCounters();
  return host;
}

describe("review and hand-over through the in-memory host", function () {
  this.timeout(60_000);

  it("confirms reviews in a constant number of syncs at 10 and 10,000 rows", async () => {
    const counts: number[] = [];
    for (const rows of [10, 10_000]) {
      const host = await bookOf(rows);
      const env = envOf(host, "desktop");
      const result = await confirmReviews(env, ["C000001", "C000002", "C000003"], "陈会计", now);
      assert.ok(result.ok && result.confirmed.length === 3);
      counts.push(host.syncs);
      assert.equal(host.sheet("客户原簿").values[1]![col("lastReviewer")], "陈会计");
      const list = await loadWorklist(env, now.date);
      assert.ok(list.ok);
      assert.equal(list.worklist.items.filter((i) => i.state === "done").length, 3);
    }
    assert.equal(counts[0], counts[1]);
  });

  it("builds a protected 复核清单 of what is still due, and rebuilds it without duplicates", async () => {
    const host = await bookOf(12);
    const env = envOf(host, "desktop");
    await confirmReviews(env, ["C000001"], "陈会计", now);
    const first = await buildReviewList(env, "陈会计", now);
    assert.ok(first.ok && first.listed === 11);
    const sheet = host.sheet("复核清单");
    assert.equal(sheet.isProtected, true);
    assert.deepEqual(sheet.values[0], ["客户编号", "企业名称", "负责部门", "负责人", "最近复核日期", "状态"]);
    assert.ok(!sheet.values.some((r) => r[0] === "C000001"));
    // Ready to print as it stands.
    assert.equal(sheet.pageLayout.paperSize, "A4");
    assert.deepEqual(sheet.pageLayout.zoom, { horizontalFitToPages: 1, verticalFitToPages: 0 });
    assert.equal(sheet.pageLayout.printTitleRows, "$1:$1");
    assert.equal(sheet.pageLayout.printArea, "A1:F12");
    assert.equal(sheet.pageLayout.centerHeader, "复核清单 2026-08");
    assert.equal(sheet.pageLayout.centerFooter, "第 &P 页 / 共 &N 页");
    await confirmReviews(env, ["C000002", "C000003"], "陈会计", now);
    const again = await buildReviewList(env, "陈会计", now);
    assert.ok(again.ok && again.listed === 9);
    assert.equal(host.sheet("复核清单").values.length, 10, "header and nine rows, nothing left over");
  });

  it("hands over every customer of a leaver in one action", async () => {
    const host = await bookOf(20);
    const leaver = String(host.sheet("客户原簿").values[1]![col("responsible")]);
    const result = await handOver(envOf(host, "desktop"), leaver, "周新", "调离", "陈会计", now);
    assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
    assert.equal(result.reassigned.length, 4);
    const responsible = host
      .sheet("客户原簿")
      .values.slice(1)
      .map((r) => r[col("responsible")]);
    assert.ok(!responsible.includes(leaver));
    assert.equal(responsible.filter((r) => r === "周新").length, 4);
    // The sheets' names and headers first — no department list stands yet, so the lists need
    // every customer of the department and the journal's sheets are read whole — then that read, the write.
    assert.equal(host.syncs, 5);
  });
});
