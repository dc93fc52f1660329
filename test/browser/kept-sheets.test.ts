/**
 * Issue 19, in the pane (headless Chromium, preview workbook): the 保密工作表 page turns the
 * rule 保密工作表隐藏 on, hides the register's sheets (their tabs go), shows one to a clerk for
 * a while with the time left on every page, and "立即隐藏" puts it away again.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { pageServer } from "../support/browser";
import { enrol, openTab, pane, setUpPreview } from "../support/pane";

const KEPT = ["客户原簿", "交易中止", "交易过去", "销毁记录", "变更记录", "人员"];

type Host = {
  sheet(n: string): { values: unknown[][]; visibility: string; isProtected: boolean };
  seedSheet(n: string, v: unknown[][], o: { at: string; raw: boolean }): void;
};
const states = (page: Page) =>
  page.evaluate((names) => {
    const host = (window as unknown as { previewHost: Host }).previewHost;
    return names.map(
      (n) => `${n} ${host.sheet(n).visibility}${host.sheet(n).isProtected ? " protected" : ""}`,
    );
  }, KEPT);

const tabs = (page: Page) => page.locator(".preview-tabs [role=tab]").allInnerTexts();

describe("kept sheets in the pane (headless Chromium, Chinese)", function () {
  this.timeout(180_000);
  const running = pageServer();

  it("hides the register's sheets, shows one for a while to a clerk, and hides it again at once", async () => {
    const { page, errors } = await setUpPreview(running);
    await enrol(page, "陈会计", "财务科", "财务科职员", "Rb7x-Lp2n");
    await openTab(page, "保密工作表");
    await page.getByTestId("sheets-rule").filter({ hasText: "这些工作表照常可见" }).waitFor();
    // Turned on from the pane: the Settings cell written; no rules signed in the preview, so in force at once.
    await pane(page).getByRole("button", { name: "在设置中开启" }).click();
    await page.getByTestId("sheets-message").filter({ hasText: "现在生效" }).waitFor();
    await page.getByTestId("sheets-rule").filter({ hasText: "保密工作表保持隐藏" }).waitFor();
    await pane(page).getByRole("button", { name: "全部隐藏并保护" }).click();
    await page.getByTestId("sheets-message").filter({ hasText: "已隐藏并保护(6 张表" }).waitFor();
    assert.deepEqual(
      await states(page),
      KEPT.map((n) => `${n} VeryHidden protected`),
    );
    const left = await tabs(page);
    for (const name of KEPT) assert.ok(!left.includes(name), `${name} has no tab`);
    assert.ok(left.includes("交易开始调查书") && left.includes("设置"), left.join(","));
    assert.match(await page.getByTestId("kept-sheets").innerText(), /客户原簿:已深度隐藏/);
    await page.screenshot({ path: "test-output/kept-sheets-page-zh.png" });

    await page.getByTestId("show-minutes").fill("10");
    await page.getByTestId("show-purpose").fill("年度审计抽查");
    await pane(page).getByRole("button", { name: "显示", exact: true }).click();
    await page.getByTestId("sheets-message").filter({ hasText: "“客户原簿”已显示(仍受保护)" }).waitFor();
    assert.equal((await states(page))[0], "客户原簿 Visible protected");
    await page.locator(".preview-tabs [role=tab]").filter({ hasText: "客户原簿" }).waitFor();
    // The time left is on every page, like the unlock session.
    await openTab(page, "首页");
    const bar = page.getByTestId("shown-sheet");
    assert.match(await bar.innerText(), /“客户原簿”显示中,剩余 (10:00|9:5\d)/);
    await page.screenshot({ path: "test-output/kept-sheets-zh.png" });
    await page.getByTestId("hide-now").click();
    await bar.waitFor({ state: "detached" });
    await page.waitForFunction(() => {
      const host = (window as unknown as { previewHost: Host }).previewHost;
      return host.sheet("客户原簿").visibility === "VeryHidden";
    });
    assert.deepEqual(
      await states(page),
      KEPT.map((n) => `${n} VeryHidden protected`),
    );
    assert.ok(!(await tabs(page)).includes("客户原簿"));
    assert.deepEqual(errors, []);
  });
});
