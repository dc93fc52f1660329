/** Steps a person takes in the pane, shared by the headless-Chromium tests. */
import assert from "node:assert/strict";
import type { BrowserContext, Page } from "playwright-core";

export const pane = (page: Page) => page.locator(".preview-pane");

/**
 * Opens a page of the pane: 首页 (Home) by its button, every other page from the page menu
 * (grouped by task; two clicks at any width, nothing moves as the pane narrows). The page
 * counts as open once the pane's main region carries its name.
 */
export async function openTab(page: Page, name: string | RegExp) {
  if (name === "首页" || name === "Home") await pane(page).getByTestId("nav-home").click();
  else {
    await pane(page).getByTestId("nav").click();
    await page.getByRole("option", { name, exact: true }).click();
  }
  await pane(page).getByRole("main", { name, exact: true }).waitFor();
  // Each page is a chunk of its own: wait until it has arrived.
  await pane(page).getByTestId("page-loading").waitFor({ state: "detached" });
}

/** The Set up page, in either language of the pane. */
export const openSetup = (page: Page) => openTab(page, /^(工作簿设置|Set up)$/);

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
  // The administrator sees each person waiting, with their key's fingerprint, and checks them.
  const waiting = pane(page).getByTestId("awaiting");
  for (const [name] of others) await waiting.filter({ hasText: name }).waitFor();
  assert.equal(await waiting.count(), others.length, "everyone enrolled is listed, no one else");
  for (let i = 0; i < others.length; i++) await waiting.nth(i).locator("label.ms-Checkbox-label").click();
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
  await openSetup(page);
  await page.getByTestId("setup").click();
  await page.getByTestId("setup-result").waitFor();
  return { page, errors };
}

/** Ticks a Fluent checkbox by clicking its label, as a person does. */
export async function tick(page: Page, label: string) {
  // The label holds the tick glyph and the text: match the text alone.
  const box = pane(page).locator("label.ms-Checkbox-label", {
    has: page.locator(".ms-Checkbox-text", { hasText: new RegExp(`^${label.replace(/[()]/g, "\\$&")}$`) }),
  });
  await box.click();
  await pane(page)
    .getByRole("checkbox", { name: label, exact: true, checked: true })
    .waitFor({ state: "attached" });
}

/** Answers the pane's "are you sure" with the act, after checking it says `what`. */
export async function confirm(page: Page, what: string | RegExp) {
  const question = page.getByTestId("confirm");
  await question.waitFor();
  const said = await question.innerText();
  assert.ok(typeof what === "string" ? said.includes(what) : what.test(said), `the question said: ${said}`);
  await page.getByTestId("confirm-yes").click();
  await question.waitFor({ state: "detached" });
}

/** Types into a request's cell on the preview's intake sheet, as a person in Excel would (no add-in request). */
export async function typeInRequest(page: Page, requestNo: string, header: string, value: string) {
  await page.evaluate(
    ([requestNo, header, value]) => {
      const host = (
        window as unknown as { previewHost: import("../../src/host/memory-host").MemoryExcelHost }
      ).previewHost;
      const values = host.sheet("交易开始调查书").values;
      const row = values.findIndex((r) => r[values[0]!.indexOf("申请编号")] === requestNo) + 1;
      const at = `${String.fromCharCode(65 + values[0]!.indexOf(header!))}${row}`;
      host.seedSheet("交易开始调查书", [[value!]], { at, raw: true });
    },
    [requestNo, header, value],
  );
}
