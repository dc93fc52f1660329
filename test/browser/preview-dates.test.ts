/**
 * The preview workbook shows a date cell as Excel does, through its number format
 * (issue 17): 2026-11-01, not the serial 46327 the cell holds.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { pageServer } from "../support/browser";
import { setUpPreview } from "../support/pane";

type Host = {
  sheet(n: string): { values: unknown[][] };
  seedSheet(n: string, v: unknown[][], o: object): void;
};
const grid = (page: Page) => page.getByTestId("preview-grid");
const openSheet = (page: Page, name: string) =>
  page.locator(".preview-tabs button", { hasText: name }).first().click();

describe("dates in the preview workbook (headless Chromium, Chinese)", function () {
  this.timeout(120_000);
  const running = pageServer();

  it("shows dates and date-times as their cells' formats say, other values as they are", async () => {
    const { page, errors } = await setUpPreview(running);
    await openSheet(page, "客户原簿");
    // 登记日期 (yyyy-mm-dd), set up from the hand-kept register: a serial in the cell.
    const heads = await grid(page).locator("tbody tr").first().locator("td").allInnerTexts();
    const letter = String.fromCharCode(65 + heads.indexOf("登记日期"));
    const stored = await page.evaluate(
      (col) => (window as unknown as { previewHost: Host }).previewHost.sheet("客户原簿").values[1]![col],
      heads.indexOf("登记日期"),
    );
    assert.equal(typeof stored, "number", "the cell holds a serial");
    const expected = new Date(Date.UTC(1899, 11, 30) + Number(stored) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    assert.equal(await grid(page).locator(`td[data-address="${letter}2"]`).innerText(), expected);
    // The customer ID beside it is text, shown as it is.
    assert.equal(await grid(page).locator('td[data-address="A2"]').innerText(), "C000001");

    // A loan's time out (yyyy-mm-dd hh:mm) and a due date typed as text, on the Loan log.
    await page.evaluate(() =>
      (window as unknown as { previewHost: Host }).previewHost.seedSheet(
        "使用登记簿",
        [[46327 + 18 / 24, "2026-11-08 17:30"]],
        { at: "G2", raw: true },
      ),
    );
    await openSheet(page, "使用登记簿");
    assert.equal(await grid(page).locator('td[data-address="G2"]').innerText(), "2026-11-01 18:00");
    assert.equal(await grid(page).locator('td[data-address="H2"]').innerText(), "2026-11-08 17:30");
    assert.doesNotMatch(await grid(page).innerText(), /46327/);
    assert.deepEqual(errors, []);
  });
});
