/**
 * A pane in one language on a workbook in the other (issue 17), the whole flow: enrolment,
 * filing, stamping, posting, the department list and the card. Choices are written in the
 * workbook's language, a number in another usual notation is filed in the register's
 * form, generated sheets are named in the workbook's language, nothing is refused for
 * being in the pane's language, and the pane speaks its own.
 */
import assert from "node:assert/strict";
import type { BrowserContext } from "playwright-core";
import { pageServer } from "../support/browser";
import { choose, enrolOffice, openSetup, openTab, pane } from "../support/pane";
import type { Page } from "playwright-core";

/** The preview set up by a pane in `workbookLang` (an empty workbook for English: the seeded one is Chinese). */
async function preview(running: () => { base: string; context: BrowserContext }, workbookLang: string) {
  const page = await running().context.newPage();
  // A fresh device: no identities or remembered heads from an earlier test in this browser.
  await page.goto(`${running().base}/taskpane.html`);
  await page.evaluate(async () => {
    localStorage.clear();
    for (const db of await indexedDB.databases()) if (db.name) indexedDB.deleteDatabase(db.name);
  });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const empty = workbookLang.startsWith("en") ? "&empty" : "";
  await page.goto(`${running().base}/taskpane.html?preview&lang=${workbookLang}${empty}`);
  await openSetup(page);
  await page.getByTestId("setup").click();
  await page.getByTestId("setup-result").waitFor();
  return { page, errors };
}

const fill: [string, string][] = [
  ["name", "杭州恒泰电子有限公司"],
  ["uscc", "91330106MA2H00001E"],
  ["address", "杭州市西湖区文三路100号"],
  ["postcode", "310012"],
  ["phone", "(0571) 8888 6666"],
  ["contact", "林芳"],
  ["region", "华东"],
  ["department", "业务一部"],
  ["responsible", "王建国"],
];

/** The pane's words the flow needs, in the pane's language. */
interface Words {
  actingAs: string;
  intake: string;
  stamp: string;
  post: string;
  card: string;
  refresh: string;
  filed: string;
  stamped: RegExp;
  posted: RegExp;
}
const english: Words = {
  actingAs: "Acting as",
  intake: "Intake",
  stamp: "Stamp",
  post: "Post",
  card: "Card",
  refresh: "Refresh",
  filed: "Filed request R000001",
  stamped: /^Stamped 1 request\.$/,
  posted: /^Posted 1 customer: (C\d{6}) 杭州恒泰电子有限公司\. Department lists updated\.$/,
};
const chinese: Words = {
  actingAs: "本机身份",
  intake: "申请",
  stamp: "盖章",
  post: "登记",
  card: "客户卡片",
  refresh: "刷新",
  filed: "已提交申请 R000001",
  stamped: /^已盖章 1 份。$/,
  posted: /^已登记 1 位客户:(C\d{6}) 杭州恒泰电子有限公司。部门一览表已更新。$/,
};

/**
 * Files a request as the administrator, stamps it as the head, posts it, and opens the
 * card, all in the pane's language `w`; returns the new customer's ID.
 */
async function wholeFlow(page: Page, w: Words): Promise<string> {
  await choose(page, w.actingAs, "赵管理(财务科)");
  await openTab(page, w.intake);
  for (const [key, value] of fill) await page.getByTestId(`intake-${key}`).fill(value);
  await page.getByTestId("file-request").click();
  await page.getByTestId("intake-done").filter({ hasText: w.filed }).waitFor();

  await choose(page, w.actingAs, "王主管(业务一部)");
  await openTab(page, w.stamp);
  await pane(page).getByRole("button", { name: w.refresh }).click();
  await pane(page)
    .getByText(/^R000001 /)
    .click();
  await page.getByTestId("stamp-pin").fill("Tz8q-Wm4k");
  await page.getByTestId("approve").click();
  await page.getByTestId("stamp-message").filter({ hasText: w.stamped }).waitFor();

  await openTab(page, w.post);
  await page.getByTestId("post").click();
  const posted = page.getByTestId("post-message").filter({ hasText: w.posted });
  await posted.waitFor();
  const id = (await posted.innerText()).match(w.posted)![1]!;

  await openTab(page, w.card);
  await page.getByTestId("card-id").fill(id);
  await page.getByTestId("card-id").press("Enter");
  await page.getByTestId("card-fields").filter({ hasText: "杭州恒泰电子有限公司" }).waitFor();
  return id;
}

/** A sheet's rows by header, from the preview workbook. */
const rowsOf = (page: Page, sheet: string) =>
  page.evaluate((name) => {
    const host = (window as unknown as { previewHost: import("../../src/host/memory-host").MemoryExcelHost })
      .previewHost;
    const [head, ...rows] = host.sheet(name).values;
    return rows.map((r) => Object.fromEntries(head!.map((h, i) => [String(h), String(r[i] ?? "")])));
  }, sheet);

const sheetNames = (page: Page) =>
  page.evaluate(() =>
    (
      window as unknown as { previewHost: import("../../src/host/memory-host").MemoryExcelHost }
    ).previewHost.sheetNames(),
  );

describe("a pane in one language on a workbook in the other (headless Chromium)", function () {
  this.timeout(180_000);
  const running = pageServer();

  it("English pane on a Chinese workbook: file, stamp, post, list and card; the workbook stays Chinese", async () => {
    const { page, errors } = await preview(running, "zh-CN");
    await enrolOffice(page, [["王主管", "业务一部", "部门主管", "Tz8q-Wm4k"]]);
    await page.getByTestId("lang-toggle").click();
    const id = await wholeFlow(page, english);
    const request = (await rowsOf(page, "交易开始调查书"))[0]!;
    assert.equal(request["申请状态"], "已登记");
    assert.ok(["供应商", "经销商"].includes(request["客户类别"]!), request["客户类别"]);
    assert.equal(request["电话"], "0571-88886666", "filed in the register's usual form");
    const customer = (await rowsOf(page, "客户原簿")).find((r) => r["客户编号"] === id)!;
    assert.equal(customer["企业名称"], "杭州恒泰电子有限公司");
    assert.equal(customer["负责部门"], "业务一部");
    // Generated sheets are named in the workbook's language, never the pane's.
    const names = await sheetNames(page);
    assert.ok(names.includes("一览表-业务一部"), names.join(", "));
    assert.deepEqual(
      names.filter((n) => /[A-Za-z]{3,}/.test(n)),
      [],
      "no English sheet name in a Chinese workbook",
    );
    assert.ok((await rowsOf(page, "一览表-业务一部")).some((r) => Object.values(r).includes(id)));
    // The pane speaks English: the card's words, not the workbook's.
    // The pane speaks English: the card names its fields in English, the values as filed.
    const fields = await page.getByTestId("card-fields").innerText();
    assert.match(fields, /Customer ID\s+C\d{6}/);
    assert.match(fields, /Company name\s+杭州恒泰电子有限公司/);
    assert.doesNotMatch(fields, /客户编号|企业名称|负责部门/);
    assert.match(await page.getByTestId("card-history").innerText(), /Posted to the Register/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("Chinese pane on an English workbook: file, stamp, post, list and card; the workbook stays English", async () => {
    const { page, errors } = await preview(running, "en-US");
    await page.getByTestId("lang-toggle").click();
    await enrolOffice(page, [["王主管", "业务一部", "部门主管", "Tz8q-Wm4k"]]);
    const id = await wholeFlow(page, chinese);
    const request = (await rowsOf(page, "Intake"))[0]!;
    assert.equal(request["Request status"], "Posted");
    assert.ok(["Supplier", "Distributor"].includes(request["Customer type"]!), request["Customer type"]);
    const customer = (await rowsOf(page, "Register")).find((r) => r["Customer ID"] === id)!;
    assert.equal(customer["Company name"], "杭州恒泰电子有限公司");
    const names = await sheetNames(page);
    const list = names.find((n) => n.includes("业务一部"));
    assert.ok(
      list && /^[\x20-\x7e]+业务一部$/.test(list),
      `the department list is named in English: ${names.join(", ")}`,
    );
    assert.deepEqual(
      names.filter((n) => /[\u4e00-\u9fff]/.test(n.replace("业务一部", ""))),
      [],
      "no Chinese sheet name in an English workbook (beyond the department's own name)",
    );
    assert.ok((await rowsOf(page, list)).some((r) => Object.values(r).includes(id)));
    assert.deepEqual(errors, []);
    await page.close();
  });
});
