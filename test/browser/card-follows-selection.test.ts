/**
 * The card follows the cell selected in Excel (issue 17), in headless Chromium on the
 * Chinese preview: a click in a customer's row of the preview workbook shows that customer
 * with no click in the pane; a click outside customers' rows leaves the card as it is;
 * with "跟随选中单元格" off, or another page open, a click reads nothing. Each customer
 * shown is a look, logged (issue 19), by the clerk chosen on the device.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { pageServer } from "../support/browser";
import { enrol, openTab, pane, setUpPreview } from "../support/pane";

const cell = (page: Page, address: string) =>
  page.locator(`[data-testid=preview-grid] td[data-address="${address}"]`);
/** Syncs made so far in the preview workbook. */
const syncs = (page: Page) =>
  page.evaluate(() => (window as unknown as { previewHost: { syncs: number } }).previewHost.syncs);
/** Time enough for the selection event and a card read to land, had they been going to. */
const settle = (page: Page) => page.waitForTimeout(600);

describe("the card follows the selected cell (headless Chromium, Chinese)", function () {
  this.timeout(180_000);
  const running = pageServer();

  it("shows the customer of the row clicked in the sheet, and another's when another row is clicked", async () => {
    const { page, errors } = await setUpPreview(running);
    // Cards are shown to someone chosen on the device (issue 19: looking is logged).
    await enrol(page, "陈会计", "财务科", "财务科职员", "Rb7x-Lp2n");
    await openTab(page, "客户卡片");
    await pane(page).getByRole("checkbox", { name: "跟随选中单元格", checked: true }).waitFor();
    await page.locator(".preview-tabs button", { hasText: "客户原簿" }).first().click();

    await cell(page, "B3").click();
    await page.getByTestId("card-where").filter({ hasText: "在客户原簿第 3 行" }).waitFor();
    assert.equal(await page.getByTestId("card-id").inputValue(), "C000002");
    const name = await cell(page, "B3").innerText();
    assert.equal(await pane(page).locator("h2").innerText(), `${name} · C000002`);

    await cell(page, "E8").click();
    await page.getByTestId("card-where").filter({ hasText: "在客户原簿第 8 行" }).waitFor();
    assert.equal(await page.getByTestId("card-id").inputValue(), "C000007");

    // The header row is no customer's: the card stays, and no message says otherwise.
    await cell(page, "C1").click();
    await settle(page);
    assert.equal(await page.getByTestId("card-id").inputValue(), "C000007");
    assert.equal(await page.getByTestId("card-message").count(), 0);

    // Turned off, a click reads nothing and the card stays.
    await pane(page).locator("label.ms-Checkbox-label", { hasText: "跟随选中单元格" }).click();
    await pane(page).getByRole("checkbox", { name: "跟随选中单元格", checked: false }).waitFor();
    let before = await syncs(page);
    await cell(page, "B5").click();
    await settle(page);
    assert.equal(await syncs(page), before, "not following: nothing read");
    assert.equal(await page.getByTestId("card-id").inputValue(), "C000007");

    // On again: it follows the next click.
    await pane(page).locator("label.ms-Checkbox-label", { hasText: "跟随选中单元格" }).click();
    await cell(page, "B6").click();
    await page.getByTestId("card-where").filter({ hasText: "在客户原簿第 6 行" }).waitFor();
    assert.equal(await page.getByTestId("card-id").inputValue(), "C000005");

    // While another page is open, the card reads nothing; back on the card, it follows again.
    await openTab(page, "校验");
    await page.locator(".preview-tabs button", { hasText: "客户原簿" }).first().click();
    before = await syncs(page);
    await cell(page, "B10").click();
    await settle(page);
    assert.equal(await syncs(page), before, "card not shown: nothing read");
    await openTab(page, "客户卡片");
    assert.equal(await page.getByTestId("card-id").inputValue(), "C000005");
    await cell(page, "B11").click();
    await page.getByTestId("card-where").filter({ hasText: "在客户原簿第 11 行" }).waitFor();
    assert.equal(await page.getByTestId("card-id").inputValue(), "C000010");
    assert.deepEqual(errors, []);
  });
});
