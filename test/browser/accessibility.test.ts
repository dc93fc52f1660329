/**
 * Accessibility in the browser tests (issue 17): axe-core (@axe-core/playwright) checks
 * every page of the pane in Chinese and in English against WCAG 2.0/2.1/2.2 A and AA, with
 * people enrolled and a request waiting so each page shows its full forms, plus the page
 * menu and the PIN dialog open, and finds nothing; and the main flows are done with the
 * keyboard alone (Tab, Shift+Tab, Enter, Space, arrows, typing — no clicks): opening
 * pages from the page menu, setting up, enrolling and countersigning on 人员, filing a
 * request and stamping it.
 */
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { pageServer } from "../support/browser";
import { choose, enrol, openSetup, openTab, pane } from "../support/pane";
import { pageGroups, type PageKey } from "../../src/taskpane/nav";
import { pageTitle } from "../../src/taskpane/pages/HomePage";
import { t } from "../../src/taskpane/i18n";
import type { Lang } from "../../src/domain/schema/model";

type Running = () => { base: string; context: BrowserContext };

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * axe on the pane (the preview's grid of the fake workbook is not the product) and on any
 * `layers` open over it (menus and dialogs render at the end of the body); each violation
 * as a line a person can act on: where, rule, what it asks, which elements.
 *
 * For speed on a two-core machine: legacy mode runs axe in the page itself (the default
 * opens a new tab per run to merge frames' results; the pane has no frames), and axe-core
 * is sent once per page — AxeBuilder falls back to its 500 KB source only when given none.
 */
async function axe(page: Page, where: string, layers: string[] = []): Promise<string[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  const builder = new AxeBuilder({ page, axeSource: loaded ? ";" : undefined })
    .include(".preview-pane")
    .options({ resultTypes: ["violations"] }) // before withTags: options() replaces them
    .withTags(WCAG)
    .setLegacyMode(true);
  for (const layer of layers) builder.include(layer);
  const { violations } = await builder.analyze();
  return violations.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) ${v.help}\n` +
      v.nodes.map((n) => `      ${n.target.join(" ")}  ${n.html.slice(0, 160)}`).join("\n"),
  );
}

/**
 * A new page on the preview, as a new device: nobody enrolled and no administrator pinned
 * (the browser's storage is shared by the suite's pages), and no animations, so nothing is
 * checked or pressed half faded in.
 */
async function freshPage(running: Running, lang = "zh-CN") {
  const page = await running().context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    if (window !== window.top) return; // frames of other origins (printing) may not touch storage
    localStorage.clear();
    indexedDB.deleteDatabase("customer-register"); // the key store (src/taskpane/keystore.ts)
  });
  await page.goto(`${running().base}/taskpane.html?preview&lang=${lang}`);
  await page.addStyleTag({
    content: "*, *::before, *::after { animation: none !important; transition: none !important; }",
  });
  await pane(page).getByTestId("nav").waitFor();
  return { page, errors };
}

/** Waits until the open page has stopped redrawing (its reads of the workbook are in). */
async function settled(page: Page) {
  let before = "";
  for (let i = 0; i < 20; i++) {
    const now = await pane(page).locator("main").innerHTML();
    if (now === before) return;
    before = now;
    await page.waitForTimeout(100);
  }
}

/** What has the keyboard focus: its own or nearest test id, role, name, the page it is in. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const labels = el instanceof HTMLInputElement ? [...(el.labels ?? [])] : [];
    return {
      testid: el?.closest("[data-testid]")?.getAttribute("data-testid") ?? "",
      tag: el?.tagName.toLowerCase() ?? "",
      role: el?.getAttribute("role") ?? "",
      name: (el?.getAttribute("aria-label") ?? labels.map((l) => l.textContent).join(" ")).trim(),
      text: (el?.textContent ?? "").trim(),
      main: el?.closest("main")?.getAttribute("aria-label") ?? "",
    };
  });

/**
 * Presses Tab (or Shift+Tab) until the focus is on, or inside, the element with test id
 * `target` (or on a control whose label matches it): it must be reachable by the keyboard
 * within `max` presses.
 */
async function tabTo(page: Page, target: string | RegExp, { back = false, max = 40 } = {}) {
  if (typeof target === "string") await page.getByTestId(target).first().waitFor({ state: "attached" });
  else await pane(page).getByLabel(target).first().waitFor({ state: "attached" });
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const now = await focused(page);
    if (typeof target === "string" ? now.testid === target : target.test(now.name)) return;
    seen.push(now.testid || `${now.tag}[${now.role}] ${(now.name || now.text).slice(0, 20)}`);
  }
  assert.fail(`${back ? "Shift+Tab" : "Tab"} never reached ${target}; it went ${seen.join(" → ")}`);
}

/** Types into the field with test id `testid`, reached by Tab. */
async function typeInto(page: Page, testid: string, text: string) {
  await tabTo(page, testid);
  await page.keyboard.type(text);
}

/**
 * On a focused Dropdown: Enter opens its list, the arrow keys walk the options to `option`,
 * Enter chooses it.
 */
async function pick(page: Page, option: string) {
  await page.keyboard.press("Enter");
  // The list is open once the focus is on one of its options (the chosen one, or the first).
  await page.waitForFunction(() => document.activeElement?.getAttribute("role") === "option");
  for (let i = 0; i < 30; i++) {
    const now = await focused(page);
    if (now.role === "option" && now.text === option) {
      await page.keyboard.press("Enter");
      await page.getByRole("listbox").waitFor({ state: "detached" });
      return;
    }
    await page.keyboard.press("ArrowDown");
  }
  assert.fail(`the arrow keys never reached the option ${option}`);
}

/**
 * Opens a page from the page menu by keyboard: Shift+Tab back to the menu from the page
 * (or Tab forward to it from above), `pick` the page; the focus lands in the page opened,
 * in its main region named for it.
 */
async function openByKeyboard(page: Page, name: string, { back = true } = {}) {
  await tabTo(page, "nav", { back });
  await pick(page, name);
  await pane(page).getByRole("main", { name, exact: true }).waitFor();
  // Each page is a chunk of its own: wait until it has arrived.
  await pane(page).getByTestId("page-loading").waitFor({ state: "detached" });
  const inPage = await page
    .waitForFunction((n) => document.activeElement?.closest("main")?.getAttribute("aria-label") === n, name, {
      timeout: 5_000,
    })
    .then(() => true)
    .catch(() => false);
  const now = await focused(page);
  assert.ok(
    inPage,
    `${name} opened, but the focus is on ${now.tag}[${now.role}] ${now.testid} ${now.text.slice(0, 20)}`,
  );
}

/** A request as a person fills it in: every field the register needs. */
const request = [
  ["name", "杭州恒泰电子有限公司"],
  ["uscc", "91330106MA2H00001E"],
  ["address", "杭州市西湖区文三路100号"],
  ["postcode", "310012"],
  ["phone", "0571-88886666"],
  ["contact", "林芳"],
  ["region", "华东"],
  ["department", "业务一部"],
] as const;

/** The filed request's row on the intake sheet, by header. */
const requestRow = (page: Page, sheet: string) =>
  page.evaluate((name) => {
    const host = (window as unknown as { previewHost: import("../../src/host/memory-host").MemoryExcelHost })
      .previewHost;
    const [head, ...rows] = host.sheet(name).values;
    return Object.fromEntries(head!.map((h, i) => [String(h), String(rows[0]?.[i] ?? "")]));
  }, sheet);

describe("accessibility of the pane (headless Chromium, axe-core and the keyboard alone)", function () {
  this.timeout(120_000);
  const running = pageServer();
  afterEach(async function () {
    // A failed test leaves its page as it was: kept as a picture, then closed (an open
    // page would hold the key store the next test's fresh device deletes).
    for (const [i, page] of running().context.pages().entries()) {
      if (this.currentTest?.state === "failed")
        await page.screenshot({ path: `test-output/accessibility-failed-${i}.png` }).catch(() => {});
      await page.close();
    }
  });

  it("axe finds no WCAG A/AA violation on any page in Chinese and English, nor in the page menu or PIN dialog", async () => {
    const { page, errors } = await freshPage(running);
    await openSetup(page);
    await page.getByTestId("setup").click();
    await page.getByTestId("setup-result").waitFor();
    // People on this device so the pages show everything: an administrator (countersigning,
    // the policy, changes of role), a head waiting for the countersignature (a box to tick),
    // and a request waiting for its stamp.
    await enrol(page, "赵管理", "财务科", "名簿管理员", "Ad1n-Qx7m");
    await enrol(page, "王主管", "业务一部", "部门主管", "Tz8q-Wm4k");
    await choose(page, "本机身份", "赵管理(财务科)");
    await openTab(page, "申请");
    for (const [key, value] of request) await page.getByTestId(`intake-${key}`).fill(value);
    await page.getByTestId("file-request").click();
    // The administrator is locked: the pane asks for their PIN before it writes, in a dialog.
    await page.getByTestId("seal-pin").waitFor();
    const found = await axe(page, "zh PIN dialog", [".ms-Layer"]);
    await page.getByTestId("seal-pin").fill("Ad1n-Qx7m");
    await page.getByTestId("seal-unlock").click();
    await page.getByTestId("intake-done").waitFor();

    const pages: PageKey[] = ["home", ...pageGroups.flatMap((g) => g.pages)];
    const swept: string[] = [];
    for (const lang of ["zh", "en"] as Lang[]) {
      if (lang === "en") {
        await page.getByTestId("lang-toggle").click();
        await pane(page)
          .getByRole("main", { name: t("en", pageTitle(pages.at(-1)!)), exact: true })
          .waitFor();
      }
      for (const key of pages) {
        const name = t(lang, pageTitle(key));
        await openTab(page, name);
        await settled(page);
        found.push(...(await axe(page, `${lang} ${name}`)));
        swept.push(name);
      }
    }
    // The page menu open: its list of pages grouped by task.
    await pane(page).getByTestId("nav").click();
    await page.getByRole("listbox").waitFor();
    found.push(...(await axe(page, "en page menu open", [".ms-Layer"])));
    await page.keyboard.press("Escape");

    assert.equal(swept.length, pages.length * 2, swept.join(", "));
    if (found.length) assert.fail(`axe found ${found.length} violation(s):\n${found.join("\n")}`);
    assert.deepEqual(errors, []);
  });

  it("the page menu by keyboard: each page opens with the focus in its main region, in both languages", async () => {
    const { page, errors } = await freshPage(running);
    // From the top of the document: Tab passes the preview's workbook, then into the pane.
    let back = false;
    for (const key of ["staff", "intake", "reports"] as PageKey[]) {
      const name = t("zh", pageTitle(key));
      await openByKeyboard(page, name, { back });
      back = true;
      // The next Tab goes on into the page, not back to the top of the pane.
      await page.keyboard.press("Tab");
      assert.equal((await focused(page)).main, name, `Tab after opening ${name} stays in the page`);
      // What has the focus shows it: a solid ring of at least 2 px (WCAG 2.2, 2.4.13).
      const ring = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement!);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      assert.ok(
        ring.style === "solid" && ring.width >= 2,
        `the focus ring on ${name}: ${JSON.stringify(ring)}`,
      );
    }
    // The language switch, by keyboard: Space on it; the page stays open, named in English.
    await tabTo(page, "lang-toggle", { back: true });
    await page.keyboard.press("Space");
    await pane(page)
      .getByRole("main", { name: t("en", "pageReports"), exact: true })
      .waitFor();
    await openByKeyboard(page, "Loans", { back: false });
    await page.keyboard.press("Tab");
    assert.equal((await focused(page)).main, "Loans");
    // Home, by its button: Shift+Tab back past the menu, Enter.
    await tabTo(page, "nav-home", { back: true });
    await page.keyboard.press("Enter");
    await pane(page).getByRole("main", { name: "Home", exact: true }).waitFor();
    assert.deepEqual(errors, []);
  });

  it("by keyboard alone: set up, enrol two people, countersign, file a request and stamp it", async () => {
    const { page, errors } = await freshPage(running);
    await openByKeyboard(page, "工作簿设置", { back: false });
    await tabTo(page, "setup");
    await page.keyboard.press("Enter");
    await page.getByTestId("setup-result").waitFor();

    // 人员: the administrator, then a department head, the role chosen from its list by arrows.
    const enrolByKeyboard = async (name: string, department: string, role: string, pin: string) => {
      await openByKeyboard(page, "人员");
      await typeInto(page, "enrol-name", name);
      await typeInto(page, "enrol-department", department);
      await tabTo(page, "enrol-role");
      await pick(page, role);
      await typeInto(page, "enrol-pin", pin);
      await tabTo(page, "enrol");
      await page.keyboard.press("Enter");
      await page
        .getByTestId("staff-message")
        .filter({ hasText: `已登记 ${name}` })
        .waitFor();
      assert.equal((await focused(page)).testid, "enrol", "after enrolling, the focus stays on the button");
    };
    await enrolByKeyboard("赵管理", "财务科", "名簿管理员", "Ad1n-Qx7m");
    await enrolByKeyboard("王主管", "业务一部", "部门主管", "Tz8q-Wm4k");

    // The administrator takes the device (本机身份, by arrows), ticks the head with Space,
    // and countersigns with their PIN.
    await tabTo(page, "acting-as", { back: true });
    await pick(page, "赵管理(财务科)");
    await typeInto(page, "admin-pin", "Ad1n-Qx7m");
    await tabTo(page, "awaiting");
    await page.keyboard.press("Space");
    await tabTo(page, "countersign");
    await page.keyboard.press("Enter");
    await page.getByTestId("staff-message").filter({ hasText: "已副署:王主管" }).waitFor();
    assert.equal(
      (await focused(page)).testid,
      "countersign",
      "after countersigning (nobody left to tick), focus stays",
    );

    // 申请: every field reached by Tab and typed, the customer type chosen by arrows.
    await openByKeyboard(page, "申请");
    for (const [key, value] of request) await typeInto(page, `intake-${key}`, value);
    await tabTo(page, "intake-type");
    await pick(page, "经销商");
    await tabTo(page, "file-request");
    await page.keyboard.press("Enter");
    await page.getByTestId("intake-done").filter({ hasText: "已提交申请 R000001" }).waitFor();
    let row = await requestRow(page, "交易开始调查书");
    assert.equal(row["企业名称"], "杭州恒泰电子有限公司");
    assert.equal(row["客户类别"], "经销商");
    assert.equal(row["电话"], "0571-88886666");
    assert.equal(row["申请状态"], "待盖章");

    // 盖章: the head takes the device, ticks the request with Space, types the PIN, approves.
    await tabTo(page, "acting-as", { back: true });
    await pick(page, "王主管(业务一部)");
    await openByKeyboard(page, "盖章", { back: false });
    await tabTo(page, /R000001 杭州恒泰电子有限公司/);
    await page.keyboard.press("Space");
    await typeInto(page, "stamp-pin", "Tz8q-Wm4k");
    await tabTo(page, "approve");
    await page.keyboard.press("Enter");
    await page.getByTestId("stamp-message").filter({ hasText: "已盖章 1 份" }).waitFor();
    assert.equal(
      (await focused(page)).testid,
      "approve",
      "after stamping (nothing left to tick), focus stays",
    );
    row = await requestRow(page, "交易开始调查书");
    assert.equal(row["申请状态"], "已批准");
    assert.deepEqual(errors, []);
  });
});
