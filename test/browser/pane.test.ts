/**
 * The pane as a person uses it: the preview workbook in headless Chromium, Set up, then
 * Validate, in Chinese and in English.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { pageServer } from "../support/browser";
import { enrol, openSetup, openTab, sheetText } from "../support/pane";

describe("task pane in headless Chromium (preview workbook)", function () {
  this.timeout(120_000);
  const running = pageServer();

  async function open(query: string): Promise<Page> {
    const page = await running().context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${running().base}/taskpane.html?${query}`);
    await page.getByTestId("preview-book").waitFor();
    assert.deepEqual(errors, []);
    return page;
  }

  const sheetTabs = (page: Page) => page.locator(".preview-tabs button").allTextContents();

  it("sets up a hand-kept Chinese register, then lists its seeded mistakes with cells to jump to", async () => {
    const page = await open("preview&lang=zh-CN");
    assert.deepEqual(await sheetTabs(page), ["客户原簿"]);

    await openSetup(page);
    await page.getByTestId("setup").click();
    const setup = page.getByTestId("setup-result");
    await setup.waitFor();
    const said = await setup.innerText();
    assert.match(said, /已创建 10 个工作表/);
    assert.match(said, /“客户原簿”补充了列:盖章、最近复核日期、复核人/);
    assert.deepEqual(await sheetTabs(page), [
      "客户原簿",
      "交易开始调查书",
      "交易中止",
      "交易过去",
      "使用登记簿",
      "联系记录",
      "年度业绩",
      "变更记录",
      "销毁记录",
      "人员",
      "设置",
    ]);

    await openTab(page, "校验");
    await page.getByTestId("validate").click();
    const summary = page.getByTestId("validate-summary");
    // Its words appear a moment after it (Fluent's MessageBar delays them for screen readers).
    await summary.filter({ hasText: /共检查 30 行,发现 \d+ 个问题/ }).waitFor();
    // A register kept by hand has no stamps yet: no word about signatures.
    assert.equal(await page.getByTestId("validate-verified").count(), 0);

    const problems = page.getByTestId("problem");
    const listed = await problems.evaluateAll((items) =>
      items.map((e) => `${e.getAttribute("data-rule")} ${e.getAttribute("data-address")}`),
    );
    for (const expected of [
      "uscc.checkDigit 客户原簿!C4",
      "postcode.format 客户原簿!F7",
      "duplicate.name 客户原簿!B11",
      "phone.format 客户原簿!G14",
      "email.format 客户原簿!I19",
    ]) {
      assert.ok(listed.includes(expected), `${expected} not in ${listed.join(" | ")}`);
    }
    const postcode = problems.filter({ hasText: "客户原簿!F7" });
    assert.match(await postcode.innerText(), /建议改为:100120/);
    assert.match(await postcode.innerText(), /邮编须为6位数字/);

    await problems.filter({ hasText: "客户原簿!C4" }).getByTestId("goto-cell").click();
    await page.locator('.preview-grid td.selected[data-address="C4"]').waitFor();
    await page.screenshot({ path: "test-output/pane-zh.png" });

    // The suggested postcode is applied from the problem, as a logged correction: first
    // the pane asks who is acting, then it writes, logs and validates again.
    await postcode.getByTestId("apply-fix").click();
    await page.getByTestId("fix-message").filter({ hasText: "请先在“人员”页登记本机身份" }).waitFor();
    await enrol(page, "陈会计", "财务科", "财务科职员", "Cq4v-Zt8p");
    await openTab(page, "校验");
    await page.getByTestId("validate").click();
    await page.getByTestId("validate-summary").waitFor();
    await problems.filter({ hasText: "客户原簿!F7" }).getByTestId("apply-fix").click();
    await page.getByTestId("fix-message").filter({ hasText: "已将 客户原簿!F7 改为 100120" }).waitFor();
    await page.getByTestId("validate-summary").waitFor();
    await problems.first().waitFor();
    assert.equal(await problems.filter({ hasText: "客户原簿!F7" }).count(), 0, "fixed: no longer listed");
    // Validated again after the fix: only what the correction changed was read again (issue 15).
    assert.match(
      await page.getByTestId("validate-reread").innerText(),
      /以来,工作簿中有 [1-9]\d* 行改动,已重新读取;其余 \d+ 行未改动/,
    );
    assert.match(await sheetText(page, "变更记录"), /陈会计[\s\S]*correct[\s\S]*100120[\s\S]*采用校验建议/);

    await openSetup(page);
    await page.getByTestId("setup").click();
    await page.getByText("工作簿已设置完毕,无需改动。").waitFor();
    await page.close();
  });

  it("sets up an empty workbook in English and validates it clean", async () => {
    const page = await open("preview&lang=en-US&empty");
    await openSetup(page);
    await page.getByTestId("setup").click();
    await page.getByTestId("setup-result").waitFor();
    const tabs = await sheetTabs(page);
    for (const name of ["Register", "Intake", "Archive-Suspended", "Archive-Past", "Loan log", "Settings"]) {
      assert.ok(tabs.includes(name), `${name} in ${tabs.join(", ")}`);
    }
    // The new register is brought to the front, its headers in English.
    const grid = page.getByTestId("preview-grid");
    assert.equal(await grid.getAttribute("data-sheet"), "Register");
    assert.equal(await grid.locator('td[data-address="B1"]').innerText(), "Company name");
    await openTab(page, "Validate");
    await page.getByTestId("validate").click();
    await page
      .getByTestId("validate-summary")
      .filter({ hasText: /Checked 0 rows; no problems found/ })
      .waitFor();

    await page.getByTestId("lang-toggle").click();
    await page.getByRole("button", { name: "校验工作簿" }).waitFor();
    await page.screenshot({ path: "test-output/pane-en.png" });
    await page.close();
  });

  it("checks this Excel: the adapter's assumptions tried in a scratch sheet, each passed, and a report to copy", async () => {
    const page = await open("preview&lang=zh-CN");
    const before = await sheetTabs(page);
    await openSetup(page);
    const panel = page.getByTestId("self-check");
    await panel.getByTestId("self-check-run").click();
    const items = panel.getByTestId("self-check-item");
    await items.first().waitFor();
    const statuses = await items.evaluateAll((els) =>
      els.map((e) => `${e.getAttribute("data-check")} ${e.getAttribute("data-status")}`),
    );
    assert.deepEqual(statuses, [
      "textFormat pass",
      "generalTyping pass",
      "unbounded pass",
      "printFit pass",
      "validation pass",
      "find pass",
      "protection pass",
      "fileApi skip",
      // A real key in this browser's IndexedDB, made, stored, read back and used.
      "keyStorage pass",
    ]);
    assert.match(await panel.getByTestId("self-check-platform").innerText(), /Excel:preview/);
    const report = await panel.getByTestId("self-check-report").inputValue();
    assert.match(report, /^Customer Register self-check, \d{4}-\d{2}-\d{2} \d{2}:\d{2}\nExcel: preview/);
    assert.match(report, /\nPASS textFormat\n/);
    assert.match(report, /\nSKIP fileApi: the preview has no Office file\n/);
    assert.deepEqual(await sheetTabs(page), before, "the scratch sheet is gone");
    await panel.screenshot({ path: "test-output/self-check.png" });
    await page.close();
  });
});
