/**
 * The register's life cycle in the pane (Chinese), on the preview workbook: review,
 * hand-over, archiving with the department head's stamp, destruction with the manager's,
 * and marking a customer invalid.
 */
import assert from "node:assert/strict";
import { pageServer } from "../support/browser";
import { choose, enrolOffice, openTab, pane } from "../support/pane";

describe("review, hand-over and archive in the pane (headless Chromium, Chinese)", function () {
  this.timeout(180_000);
  const running = pageServer();

  it("reviews, hands over, archives, destroys and marks invalid", async () => {
    const page = await running().context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${running().base}/taskpane.html?preview&lang=zh-CN`);
    await page.getByTestId("setup").click();
    await page.getByTestId("setup-result").waitFor();
    await enrolOffice(page, [
      ["王主管", "业务一部", "部门主管", "222222"],
      ["孙经理", "总务部", "主管经理", "333333"],
    ]);
    const said = (text: string | RegExp) =>
      pane(page)
        .getByRole("status")
        .or(pane(page).locator(".ms-MessageBar"))
        .filter({ hasText: text })
        .first()
        .waitFor();

    await openTab(page, "复核");
    await page.getByTestId("review-cycle").waitFor();
    await pane(page)
      .getByText(/^C000001 /)
      .click();
    await pane(page).getByRole("button", { name: "确认无变化" }).click();
    await said("已确认 1 位客户");

    await pane(page).getByLabel("离职负责人").fill("王建国");
    await pane(page).getByLabel("接手负责人").fill("周新");
    await pane(page).getByRole("button", { name: "全部移交" }).click();
    await said(/已将 \d+ 位客户移交给 周新/);

    await choose(page, "本机身份", "王主管(业务一部)");
    await openTab(page, "归档");
    await pane(page).getByLabel("客户编号(可多个)").fill("C000004");
    await pane(page).getByLabel("原因", { exact: true }).fill("客户解散");
    await pane(page).getByLabel("PIN(至少6位)").fill("222222");
    await pane(page).getByRole("button", { name: "归档", exact: true }).click();
    await said("已归档 1 位客户");
    await page.locator(".preview-tabs button", { hasText: "交易中止" }).click();
    assert.match(await page.getByTestId("preview-grid").innerText(), /C000004/);

    await choose(page, "本机身份", "孙经理(总务部)");
    await pane(page).getByLabel("PIN(至少6位)").fill("333333");
    await pane(page).getByRole("button", { name: "销毁" }).click();
    await said("已销毁 1 条记录");
    await page.locator(".preview-tabs button", { hasText: "销毁记录" }).click();
    assert.match(await page.getByTestId("preview-grid").innerText(), /C000004/);

    await pane(page).getByLabel("客户编号(可多个)").fill("C000007");
    await pane(page).getByRole("button", { name: "标记无效" }).click();
    await said("已标记 1 位客户为无效");
    await page.screenshot({ path: "test-output/lifecycle-zh.png" });
    assert.deepEqual(errors, []);
  });
});
