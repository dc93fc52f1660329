/**
 * Issue 19, in the pane (headless Chromium, preview workbook): a printed card's footer
 * carries its trace code, the pane says it when the card is built, and the code typed on
 * the 查验打印件 page says what the copy is, who made it, and whether it is still current.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { pageServer } from "../support/browser";
import { enrol, openTab, pane, said, setUpPreview } from "../support/pane";

const CODE = /([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})/;

/** The left footer of a sheet in the preview workbook, as Excel would be given it. */
const footerOf = (page: Page, sheet: string) =>
  page.evaluate((name) => {
    type Host = { sheet(n: string): { pageLayout: { leftFooter: string } } };
    return (window as unknown as { previewHost: Host }).previewHost.sheet(name).pageLayout.leftFooter;
  }, sheet);

async function printCardOf(page: Page, id: string): Promise<string> {
  await openTab(page, "客户卡片");
  await page.getByTestId("card-id").fill(id);
  await pane(page).getByRole("button", { name: "显示卡片" }).click();
  await page.getByTestId("card-where").waitFor();
  await pane(page).getByRole("button", { name: "生成打印卡片" }).click();
  const message = page.getByTestId("card-message").filter({ hasText: "页脚追溯码" });
  await message.waitFor();
  return CODE.exec(await message.innerText())![1]!;
}

async function lookUp(page: Page, typed: string) {
  await openTab(page, "查验打印件");
  await page.getByTestId("trace-code").fill(typed);
  await page.getByTestId("trace-code").press("Enter");
}

describe("tracing a printed copy in the pane (headless Chromium, Chinese)", function () {
  this.timeout(180_000);
  const running = pageServer();

  it("a card is shown only to someone chosen on the device, and who looked this year is on the card", async () => {
    const { page, errors } = await setUpPreview(running);
    await openTab(page, "客户卡片");
    await page.getByTestId("card-id").fill("C000003");
    await pane(page).getByRole("button", { name: "显示卡片" }).click();
    await said(page, "未在“人员”中登记有效密钥");
    assert.equal(await page.getByTestId("card").count(), 0, "no card for nobody");

    await enrol(page, "陈会计", "财务科", "财务科职员", "Rb7x-Lp2n");
    await openTab(page, "客户卡片");
    await page.getByTestId("card-purpose").fill("年度审查");
    await page.getByTestId("card-id").fill("C000003");
    await pane(page).getByRole("button", { name: "显示卡片" }).click();
    await page.getByTestId("card-where").waitFor();
    await pane(page).getByRole("button", { name: "查看本年度谁查询过此客户" }).click();
    const looks = page.getByTestId("card-looks");
    await looks.filter({ hasText: "查看卡片" }).waitFor();
    assert.match(await looks.innerText(), /\d{4}-\d{2}-\d{2} \d{2}:\d{2} 陈会计 查看卡片 \(年度审查\)/);
    await page.screenshot({ path: "test-output/card-looks-zh.png" });
    assert.deepEqual(errors, []);
  });

  it("a card's code, typed from the paper, names the card, its maker and whether it is still current", async () => {
    const { page, errors } = await setUpPreview(running);
    await enrol(page, "陈会计", "财务科", "财务科职员", "Rb7x-Lp2n");
    const code = await printCardOf(page, "C000007");
    assert.match(
      await footerOf(page, "卡片-C000007"),
      new RegExp(`^&D · 追溯码 ${code}\\n陈会计 制作于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`),
    );

    // Typed as read off paper: lower case, a space for the dash.
    await lookUp(page, code.toLowerCase().replace("-", " "));
    const found = page.getByTestId("trace-found");
    await found.filter({ hasText: code }).waitFor();
    const text = await found.innerText();
    assert.match(text, /打印卡片:“卡片-C000007”/);
    assert.match(text, /陈会计 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 制作\(变更记录第 \d+ 行\)/);
    assert.match(text, /客户 C000007/);
    // Fluent's MessageBar shows its text a moment after it appears (DelayedRender): waited for.
    await page.getByTestId("trace-state").filter({ hasText: "仍为最新" }).waitFor();
    await page.screenshot({ path: "test-output/trace-zh.png" });

    // Printed again: the first paper is no longer current and names the newer code.
    const newer = await printCardOf(page, "C000007");
    assert.notEqual(newer, code);
    await lookUp(page, code);
    await page
      .getByTestId("trace-state")
      .filter({ hasText: `较新的追溯码为 ${newer}` })
      .waitFor();

    // What is not a code, and a code nobody printed here.
    await lookUp(page, "12-34");
    await said(page, "不是追溯码");
    await lookUp(page, "ZZZZ-ZZZZ");
    await said(page, "没有追溯码为 ZZZZ-ZZZZ 的打印件");
    assert.equal(await page.getByTestId("trace-found").count(), 0);
    assert.deepEqual(errors, []);
  });
});
