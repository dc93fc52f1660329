/**
 * The customer card, contact records, key customers and DM mailing in the pane (Chinese),
 * on the preview workbook: a card by ID and by clicking a row, the key-customer warning
 * and Validate's flag, a quick contact entry that becomes a major matter to report, a
 * printable card, labels for a selection, and returned mail leaving the next mailing.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { pageServer } from "../support/browser";
import { choose, enrol, openTab, pane, said, sheetText, setUpPreview, tick } from "../support/pane";

/** Every sheet's values in the preview workbook but the Change log's, as text; and the log's rows. */
const workbookNow = (page: Page) =>
  page.evaluate(() => {
    type Host = { sheetNames(): string[]; sheet(n: string): { values: unknown[][] } };
    const host = (window as unknown as { previewHost: Host }).previewHost;
    const others = host.sheetNames().filter((n) => n !== "变更记录");
    return {
      sheets: JSON.stringify(others.map((n) => [n, host.sheet(n).values])),
      log: host.sheet("变更记录").values.map((r) => r.map(String)),
    };
  });

describe("cards, contacts, key customers and mailing in the pane (headless Chromium, Chinese)", function () {
  this.timeout(180_000);
  const running = pageServer();

  it("shows a card, warns about a key customer, records a major contact to report, prints the card and builds labels", async () => {
    const { page, errors } = await setUpPreview(running);
    await enrol(page, "陈会计", "财务科", "财务科职员", "Rb7x-Lp2n");

    // The card by ID: fields, where it is, nothing printed yet.
    await openTab(page, "客户卡片");
    await page.getByTestId("card-id").fill("C000003");
    await pane(page).getByRole("button", { name: "显示卡片" }).click();
    await page.getByTestId("card-where").filter({ hasText: "在客户原簿第 4 行" }).waitFor();
    const name = (await pane(page).locator("h2").innerText()).split(" · ")[0]!;
    const register = await sheetText(page, "客户原簿");
    assert.match(register, new RegExp(`C000003\\s+${name}`));
    // The duplicate index set-up wrote is hidden, as Excel hides it: neither header nor cells shown.
    assert.ok(
      !register.includes("查重索引") && !register.includes("|N:"),
      "the hidden index column is not drawn",
    );
    assert.match(await page.getByTestId("card-fields").innerText(), /企业名称\s+.+\n[\s\S]*邮编\s+\d{6}/);

    // Marked key with one staff contact: the card warns, Validate flags it.
    await tick(page, "重要客户");
    await page.getByTestId("key-staff").fill("张伟");
    await pane(page).getByRole("button", { name: "保存重要客户设定" }).click();
    await said(page, "已保存");
    await page.getByTestId("key-warning").filter({ hasText: "现只有 1 名" }).waitFor();
    await openTab(page, "校验");
    await page.getByTestId("validate").click();
    await page
      .getByTestId("problem")
      .filter({ hasText: /重要客户须有两名以上联系人员\(现有 1 名\)/ })
      .waitFor();
    await openTab(page, "客户卡片");
    await page.getByTestId("key-staff").fill("张伟、陈静");
    await pane(page).getByRole("button", { name: "保存重要客户设定" }).click();
    await said(page, "已保存");
    assert.equal(await page.getByTestId("key-warning").count(), 0, "two contacts: no warning");

    // A long-distance call recorded from the card, flagged major.
    await choose(page, "方式", "长话");
    await page.getByTestId("contact-summary").fill("对方法人变更,需重新签约");
    await tick(page, "重大事项(须报告信息部)");
    await page.getByTestId("contact-add").click();
    await said(page, "已记录 LX000001");
    await page
      .getByTestId("card-contacts")
      .filter({ hasText: "长话 · 陈会计: 对方法人变更,需重新签约 (待报告)" })
      .waitFor();
    assert.match(await sheetText(page, "联系记录"), /LX000001[\s\S]*C000003[\s\S]*长话/);
    // Bad input names its rule, and writes nothing.
    await page.getByTestId("result-year").fill("25");
    await page.getByTestId("result-revenue").fill("880");
    await page.getByTestId("result-add").click();
    await said(page, "年度应为四位年份");
    await page.getByTestId("result-year").fill("2025");
    await page.getByTestId("result-add").click();
    await said(page, "已记录 2025 年度业绩");
    await page.getByTestId("card-results").filter({ hasText: "2025: 880" }).waitFor();
    assert.match(await page.getByTestId("card-history").innerText(), /联系记录[\s\S]*年度业绩/);
    assert.doesNotMatch(
      await page.getByTestId("card-history").innerText(),
      /\b(contact|annualResult|adopt|post)\b/,
    );

    // The information office's list: reported, then gone from it.
    await openTab(page, "重大事项");
    await page.getByTestId("to-report").getByText("LX000001").click();
    await pane(page).getByRole("button", { name: "标记为已报告" }).click();
    await said(page, "已标记 1 条为已报告");
    await page.getByTestId("to-report").filter({ hasText: "没有待报告的重大事项" }).waitFor();

    // A click in the sheet picks a customer; reading its card writes nothing.
    const before = await workbookNow(page);
    await page.locator(".preview-tabs button", { hasText: "客户原簿" }).first().click();
    await page.locator('[data-testid=preview-grid] td[data-address="E8"]').click();
    await openTab(page, "客户卡片");
    await pane(page).getByRole("button", { name: "选中行的卡片" }).click();
    await page.getByTestId("card-where").filter({ hasText: "在客户原簿第 8 行" }).waitFor();
    assert.equal(await page.getByTestId("card-id").inputValue(), "C000007");
    const after = await workbookNow(page);
    assert.equal(after.sheets, before.sheets, "reading a card changed nothing in the workbook's sheets");
    // Only the look, in the Change log: who, which customer (issue 19).
    const added = after.log.slice(before.log.length);
    assert.equal(added.length, 1, JSON.stringify(added));
    assert.ok(
      added[0]!.includes("lookCard") && added[0]!.includes("C000007") && added[0]!.includes("陈会计"),
    );
    await pane(page).getByRole("button", { name: "生成打印卡片" }).click();
    await said(page, "已生成“卡片-C000007”");
    assert.match(await sheetText(page, "卡片-C000007"), /客户原始资料卡片 C000007[\s\S]*所在位置[\s\S]*盖章/);

    // Labels for the key customers of C000003's region; then its mail comes back.
    const region = (await sheetText(page, "客户原簿")).split("\n").find((l) => l.includes("C000003"))!;
    const regionName = ["华北", "华东", "华南", "华中", "西南", "西北", "东北"].find((r) =>
      region.includes(r),
    )!;
    await openTab(page, "邮寄");
    await choose(page, "地区", regionName);
    await tick(page, "只选重要客户");
    // A mailing says what it is for: the button waits for it.
    assert.ok(await pane(page).getByRole("button", { name: "生成邮寄表" }).isDisabled());
    await page.getByTestId("mail-purpose").fill("年末客户回访");
    await pane(page).getByRole("button", { name: "生成邮寄表" }).click();
    await said(page, "已生成“邮寄标签”:1 位客户");
    assert.match(await sheetText(page, "邮寄标签"), new RegExp(`\\d{6}[\\s\\S]*${name}[\\s\\S]*收`));
    await page.getByTestId("returned-ids").fill("C000003");
    await pane(page).getByRole("button", { name: "登记退件" }).click();
    await said(page, "已登记退件 1 位");
    await pane(page).getByRole("button", { name: "生成邮寄表" }).click();
    await said(page, "没有可邮寄的客户");
    assert.deepEqual(errors, []);
  });
});
