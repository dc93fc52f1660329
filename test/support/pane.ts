/** Steps a person takes in the pane, shared by the headless-Chromium tests. */
import type { BrowserContext, Page } from "playwright-core";

export const pane = (page: Page) => page.locator(".preview-pane");

/**
 * Opens a page of the pane; in a narrow pane, pages that do not fit are under "更多页面".
 * The tab strip measures itself after each render and may move a tab into the overflow menu
 * (or back) while the test looks: a single "is it visible?" then click raced that layout
 * (issue 17: "monthly lists and loans in the pane" failed once waiting for 借阅). So each
 * attempt is short, the way in is chosen again if the strip moved, and the page counts as
 * open only when its tab is the selected one.
 */
export async function openTab(page: Page, name: string) {
  const link = pane(page).getByRole("tab", { name, exact: true });
  const more = pane(page).getByRole("tab", { name: "更多页面" });
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if (await link.isVisible()) await link.click({ timeout: 1_000 });
      else {
        await more.click({ timeout: 1_000 });
        await page.getByRole("menuitem", { name }).click({ timeout: 1_000 });
      }
      // The selected page's tab is pinned in the strip (Fluent's Pivot never moves it into the menu).
      await pane(page).getByRole("tab", { name, exact: true, selected: true }).waitFor({ timeout: 2_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.keyboard.press("Escape");
    }
  }
}

export async function choose(page: Page, label: string, option: string) {
  await pane(page).getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option }).click();
}

export async function enrol(page: Page, name: string, department: string, role: string, pin: string) {
  await openTab(page, "人员");
  await page.getByTestId("enrol-name").fill(name);
  await page.getByTestId("enrol-department").fill(department);
  await page.getByTestId("enrol-role").click();
  await page.getByRole("option", { name: role }).click();
  await page.getByTestId("enrol-pin").fill(pin);
  await page.getByTestId("enrol").click();
  await page
    .getByTestId("staff-message")
    .filter({ hasText: `已登记 ${name}` })
    .waitFor();
}

/** Enrols an administrator, then others, and has the administrator countersign them. */
export async function enrolOffice(page: Page, others: [string, string, string, string][]) {
  await enrol(page, "赵管理", "财务科", "名簿管理员", "Ad1n-Qx7m");
  for (const [name, department, role, pin] of others) await enrol(page, name, department, role, pin);
  await choose(page, "本机身份", "赵管理(财务科)");
  await page.getByTestId("admin-pin").fill("Ad1n-Qx7m");
  await page.getByTestId("countersign").click();
  await page.getByTestId("staff-message").filter({ hasText: "已副署" }).waitFor();
}

/** Waits until a message in the pane says `text`. */
export async function said(page: Page, text: string | RegExp) {
  await pane(page)
    .getByRole("status")
    .or(pane(page).locator(".ms-MessageBar"))
    .filter({ hasText: text })
    .first()
    .waitFor();
}

/** Opens a sheet of the preview workbook and returns its text. */
export async function sheetText(page: Page, name: string): Promise<string> {
  await page.locator(".preview-tabs button", { hasText: name }).first().click();
  return page.getByTestId("preview-grid").innerText();
}

/**
 * A new page on the Chinese preview with the workbook set up; `errors` collects any
 * uncaught error the pane throws (tests end by asserting there were none).
 */
export async function setUpPreview(running: () => { base: string; context: BrowserContext }, query = "") {
  const page = await running().context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${running().base}/taskpane.html?preview&lang=zh-CN${query}`);
  await page.getByTestId("setup").click();
  await page.getByTestId("setup-result").waitFor();
  return { page, errors };
}

/** Ticks a Fluent checkbox by clicking its label, as a person does. */
export async function tick(page: Page, label: string) {
  const box = pane(page).locator("label.ms-Checkbox-label", {
    hasText: new RegExp(`^${label.replace(/[()]/g, "\\$&")}$`),
  });
  await box.click();
  await pane(page)
    .getByRole("checkbox", { name: label, exact: true, checked: true })
    .waitFor({ state: "attached" });
}
