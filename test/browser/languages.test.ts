/**
 * A pane in one language on a workbook in the other (issue 17): filing a request works,
 * the choices are written in the workbook's language, a number in another usual notation
 * is filed in the register's form, and nothing is refused for being in the pane's language.
 */
import assert from "node:assert/strict";
import type { BrowserContext } from "playwright-core";
import { pageServer } from "../support/browser";
import { enrol, openSetup, openTab } from "../support/pane";

/** The preview set up by a pane in `workbookLang` (an empty workbook for English: the seeded one is Chinese). */
async function preview(running: () => { base: string; context: BrowserContext }, workbookLang: string) {
  const page = await running().context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const empty = workbookLang.startsWith("en") ? "&empty" : "";
  await page.goto(`${running().base}/taskpane.html?preview&lang=${workbookLang}${empty}`);
  await openSetup(page);
  await page.getByTestId("setup").click();
  await page.getByTestId("setup-result").waitFor();
  return { page, errors };
}

/** The filed request's row on the intake sheet, by header. */
const requestRow = (page: import("playwright-core").Page, sheet: string) =>
  page.evaluate((name) => {
    const host = (window as unknown as { previewHost: import("../../src/host/memory-host").MemoryExcelHost })
      .previewHost;
    const [head, ...rows] = host.sheet(name).values;
    return Object.fromEntries(head!.map((h, i) => [String(h), String(rows[0]?.[i] ?? "")]));
  }, sheet);

const fill: [string, string][] = [
  ["name", "杭州恒泰电子有限公司"],
  ["uscc", "91330106MA2H00001E"],
  ["address", "杭州市西湖区文三路100号"],
  ["postcode", "310012"],
  ["phone", "(0571) 8888 6666"],
  ["contact", "林芳"],
  ["region", "华东"],
  ["department", "业务一部"],
  ["responsible", "王建国"],
];

describe("a pane in one language on a workbook in the other (headless Chromium)", function () {
  this.timeout(180_000);
  const running = pageServer();

  it("English pane on a Chinese workbook files a request; its choices are written in Chinese", async () => {
    const { page, errors } = await preview(running, "zh-CN");
    // Filing needs someone on this device to file it.
    await enrol(page, "王建国", "业务一部", "部门主管", "Wj5r-Tk9m");
    await page.getByTestId("lang-toggle").click();
    await openTab(page, "Intake");
    for (const [key, value] of fill) await page.getByTestId(`intake-${key}`).fill(value);
    await page.getByTestId("file-request").click();
    await page.getByTestId("intake-done").filter({ hasText: "Filed request R000001" }).waitFor();
    const row = await requestRow(page, "交易开始调查书");
    assert.equal(row["申请状态"], "待盖章");
    assert.ok(["供应商", "经销商"].includes(row["客户类别"]!), row["客户类别"]);
    assert.equal(row["电话"], "0571-88886666", "filed in the register's usual form");
    assert.deepEqual(errors, []);
  });

  it("Chinese pane on an English workbook files a request; its choices are written in English", async () => {
    const { page, errors } = await preview(running, "en-US");
    await page.getByTestId("lang-toggle").click();
    // Filing needs someone on this device to file it.
    await enrol(page, "王建国", "业务一部", "部门主管", "Wj5r-Tk9m");
    await openTab(page, "申请");
    for (const [key, value] of fill) await page.getByTestId(`intake-${key}`).fill(value);
    await page.getByTestId("file-request").click();
    await page.getByTestId("intake-done").filter({ hasText: "已提交申请 R000001" }).waitFor();
    const row = await requestRow(page, "Intake");
    assert.equal(row["Request status"], "Awaiting stamps");
    assert.ok(["Supplier", "Distributor"].includes(row["Customer type"]!), row["Customer type"]);
    assert.deepEqual(errors, []);
  });
});
