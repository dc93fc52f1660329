/**
 * Finding one's way at Excel's narrowest pane (issue 17): 首页 and a page menu grouped by
 * task, so every page is two clicks away in either language and nothing moves about.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { pageServer } from "../support/browser";
import { openTab, pane, setUpPreview } from "../support/pane";
import { pageGroups } from "../../src/taskpane/nav";
import { pageTitle } from "../../src/taskpane/pages/HomePage";
import { t } from "../../src/taskpane/i18n";
import type { Lang } from "../../src/domain/schema/model";

describe("the pane's pages at 320 px (headless Chromium)", function () {
  this.timeout(180_000);
  const running = pageServer();

  const box = async (page: Page, testid: string) => (await pane(page).getByTestId(testid).boundingBox())!;

  async function everyPage(page: Page, lang: Lang) {
    const paneBox = (await pane(page).boundingBox())!;
    const first = await box(page, "nav");
    for (const group of pageGroups)
      for (const key of group.pages) {
        const name = t(lang, pageTitle(key));
        // Two clicks: the page menu, then the page.
        await openTab(page, name);
        // Focus lands on the page opened, not back at the top of the pane.
        await page.waitForFunction((n) => document.activeElement?.getAttribute("aria-label") === n, name);
        const nav = await box(page, "nav");
        assert.deepEqual([nav.x, nav.width], [first.x, first.width], `the page menu moved on ${name}`);
        assert.ok(
          nav.x + nav.width <= paneBox.x + paneBox.width,
          `the page menu overflows the pane on ${name}`,
        );
      }
    await openTab(page, t(lang, "pageHome"));
  }

  it("every page is two clicks away in Chinese and in English, the menu fixed in place, grouped by task", async () => {
    const { page, errors } = await setUpPreview(running);
    const warnings: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "warning" || m.type() === "error") warnings.push(m.text());
    });
    await page.addStyleTag({ content: ".preview-pane { width: 320px !important; }" });
    await everyPage(page, "zh");

    // A checked box shows its tick (the icon is the add-in's own, no font to fetch).
    await openTab(page, "月度名单");
    await pane(page).locator("label.ms-Checkbox-label", { hasText: "十二个月" }).click();
    const tick = pane(page).locator(".is-checked .ms-Checkbox-checkmark").first();
    assert.equal(await tick.innerText(), "✓");

    // The menu's groups, as a person sees them.
    await pane(page).getByTestId("nav").click();
    const headers = await page.locator(".ms-Dropdown-header").allInnerTexts();
    assert.deepEqual(headers, ["日常", "审批与登记", "名单与借阅", "管理"]);
    await page.keyboard.press("Escape");

    await page.getByTestId("lang-toggle").click();
    await everyPage(page, "en");
    await page.screenshot({ path: "test-output/navigation-320.png" });
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, [], "no console warnings on any page");
    await page.close();
  });

  it("home, with nobody chosen on this device, says how to become someone and leads to the Staff page", async () => {
    const { page, errors } = await setUpPreview(running);
    await openTab(page, "首页");
    const nobody = page.getByTestId("home-nobody");
    await nobody.waitFor();
    assert.match(await nobody.innerText(), /本机身份/);
    await nobody.getByRole("button", { name: "人员" }).click();
    await pane(page).getByRole("main", { name: "人员", exact: true }).waitFor();

    // Every act needs someone; the message is said in the pane's language, and switching
    // language says it again in the new one.
    await openTab(page, "归档");
    await pane(page).getByLabel("客户编号(可多个)").fill("C000001");
    await pane(page).getByRole("button", { name: "标记无效" }).click();
    const bar = pane(page).locator("main .ms-MessageBar");
    await bar.filter({ hasText: "请先在“人员”页登记本机身份" }).waitFor();
    await page.getByTestId("lang-toggle").click();
    await pane(page).getByRole("main", { name: "Archive", exact: true }).waitFor();
    await bar.filter({ hasText: "Enrol this device on the Staff page first." }).waitFor();
    assert.equal(await bar.count(), 1, "the one message, in English now");
    assert.doesNotMatch(await bar.innerText(), /[\u4e00-\u9fff]/, "no Chinese left in it");
    await pane(page).getByRole("button", { name: "Mark invalid" }).click();
    await bar.filter({ hasText: "Enrol this device on the Staff page first." }).waitFor();
    assert.equal(await page.getByTestId("confirm").count(), 0, "nobody acting: nothing is asked or done");
    // Filing a request, too: the log names who filed, never a typed name.
    await openTab(page, "Intake");
    await page.getByTestId("intake-name").fill("杭州恒泰电子有限公司");
    await page.getByTestId("file-request").click();
    await pane(page).getByText("Enrol this device on the Staff page first.").waitFor();
    assert.equal(await page.getByTestId("intake-done").count(), 0, "nothing filed");
    assert.deepEqual(errors, []);
    await page.close();
  });
});
