/**
 * Monthly lists and the loan log in the pane (Chinese), on the preview workbook: the
 * month against the target with its chart, the lists built as sheets, the supervisor's
 * stamp on the invalid list; a loan applied for, stamped by the right head, extracted,
 * returned (its extract sheet's tab gone, the Loan log row dated), and an overdue one counted.
 */
import assert from "node:assert/strict";
import { pageServer } from "../support/browser";
import { choose, confirm, enrolOffice, openTab, pane, said, sheetText, setUpPreview } from "../support/pane";

const thisMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
};

describe("monthly lists and loans in the pane (headless Chromium, Chinese)", function () {
  this.timeout(180_000);
  const running = pageServer();

  it("builds monthly lists, stamps the invalid list, and runs a loan from application to return", async () => {
    const { page, errors } = await setUpPreview(running);
    await page.getByTestId("backup-reminder").filter({ hasText: "还没有备份过" }).waitFor();
    await enrolOffice(page, [
      ["王主管", "业务一部", "部门主管", "Tz8q-Wm4k"],
      ["周总务", "总务部", "总务主管", "Jf3w-Np6t"],
    ]);

    // C000001 (业务一部) comes back as returned mail this month.
    await openTab(page, "归档");
    await pane(page).getByLabel("客户编号(可多个)").fill("C000001");
    await pane(page).getByRole("button", { name: "标记无效" }).click();
    await confirm(page, "C000001");
    await said(page, "已标记 1 位客户为无效");

    await openTab(page, "月度名单");
    const month = page.getByTestId("list-month");
    await month.fill("2024-03");
    await page.getByTestId("month-count").filter({ hasText: "2024-03 新增 1 家,目标 300 家" }).waitFor();
    const chart = page.getByTestId("month-chart");
    assert.equal(await chart.locator("rect").count(), 12);
    // Each bar shows its figure; the months carry their year; the target line says what it is.
    assert.equal(await chart.locator('g[data-month="2024-03"] text').first().textContent(), "1");
    const words = (await chart.locator("text").allTextContents()).join(" ");
    assert.match(words, /2023/, "the first month's year");
    assert.match(words, /2024/, "January's year");
    assert.match(words, /目标 \d+/);
    await chart.screenshot({ path: "test-output/month-chart.png" });
    await pane(page).getByRole("button", { name: "生成月度名单" }).click();
    // Each list with its count and the trace code in its footer (issue 19).
    const CODE = "[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}";
    await said(page, new RegExp(`已生成:新增2024-03 \\(1, ${CODE}\\)、无效2024-03 \\(0, ${CODE}\\)`));
    assert.match(await sheetText(page, "新增2024-03"), /2024年3月新增客户名单[\s\S]*主管:_+/);

    await month.fill(thisMonth());
    await pane(page).getByRole("button", { name: "生成月度名单" }).click();
    await said(page, new RegExp(`无效${thisMonth()} \\(1, ${CODE}\\)`));
    await choose(page, "本机身份", "王主管(业务一部)");
    await pane(page).getByLabel("PIN(至少8位,字母数字混合)").fill("Tz8q-Wm4k");
    await pane(page).getByRole("button", { name: "审核无效名单(盖章)" }).click();
    await said(page, "已盖章:1 位客户移入“交易过去”");
    assert.match(await sheetText(page, "交易过去"), /C000001[\s\S]*无效: 退件/);
    assert.match(await sheetText(page, `无效${thisMonth()}`), /主管审核\(已盖章\): 部门主管 王主管/);

    // A business department's loan: the department head stamps, the clerk prints, it comes back.
    await choose(page, "本机身份", "赵管理(财务科)");
    await openTab(page, "借阅");
    await pane(page).getByRole("textbox", { name: "借阅人" }).fill("刘业务");
    await choose(page, "部门", "业务一部");
    await choose(page, "客户类别", "A");
    await pane(page).getByRole("textbox", { name: "用途" }).fill("年末走访");
    // The missing due time is named, once, by its field.
    await pane(page).getByRole("button", { name: "登记申请" }).click();
    await said(page, "应还时间:必填项为空。");
    assert.equal((await pane(page).locator(".ms-MessageBar").innerText()).split("必填项为空").length, 2);
    await pane(page).getByRole("textbox", { name: "应还时间" }).fill("2099-12-31 17:30");
    // A double click files one application (the next one below is L000002).
    await pane(page).getByRole("button", { name: "登记申请" }).dblclick();
    await said(page, "已登记借阅申请 L000001,应还 2099-12-31 17:30");
    await pane(page).getByRole("button", { name: "生成借阅名单" }).click();
    await said(page, "尚未经主管盖章批准");

    await choose(page, "本机身份", "王主管(业务一部)");
    await pane(page).getByRole("textbox", { name: "借阅编号" }).fill("L000001");
    await pane(page).getByLabel("PIN(至少8位,字母数字混合)").fill("Tz8q-Wm4k");
    await pane(page).getByRole("button", { name: "批准(盖章)" }).click();
    await said(page, "借阅 L000001 已盖章批准");
    await choose(page, "本机身份", "赵管理(财务科)");
    await pane(page).getByRole("button", { name: "生成借阅名单" }).click();
    await said(page, /已生成“借阅-L000001”,共 \d+ 家客户/);
    assert.match(
      await sheetText(page, "借阅-L000001"),
      /借阅编号 L000001 · 借阅人 刘业务 · 应还 2099-12-31 17:30/,
    );
    // The clerk is on the extract's tab in Excel (a cell clicked there) when it comes back.
    await page
      .locator('[data-testid="preview-grid"][data-sheet="借阅-L000001"] td[data-address="A3"]')
      .click();
    await pane(page).getByRole("button", { name: "登记归还" }).click();
    await said(page, "借阅 L000001 已归还。 借阅名单“借阅-L000001”已删除,内容与借出时一致。");
    // Its tab is gone from the workbook; the Loan log's row shows the return time.
    await page.locator(".preview-tabs button", { hasText: "借阅-L000001" }).waitFor({ state: "detached" });
    assert.ok(!(await page.locator(".preview-tabs button").allInnerTexts()).includes("借阅-L000001"));
    await sheetText(page, "使用登记簿");
    const grid = page.getByTestId("preview-grid");
    const loanRow = grid.locator("tbody tr", { hasText: "L000001" });
    const headers = await grid.locator("tbody tr").first().locator("td").allInnerTexts();
    assert.ok(headers.includes("归还时间"), headers.join(" "));
    assert.match(
      await loanRow.locator("td").nth(headers.indexOf("归还时间")).innerText(),
      /^\d{4}-\d{2}-\d{2}/,
      "the Loan log row says when it came back",
    );
    // The pane's loan list reads again after the act: it says so once that read is in.
    await page
      .getByTestId("loan-item")
      .filter({ hasText: "L000001" })
      .filter({ hasText: "已归还" })
      .waitFor();

    // A non-business department's loan, out since a past morning: due that evening, now overdue.
    await pane(page).getByRole("textbox", { name: "借阅人" }).fill("钱文员");
    await choose(page, "部门", "总务部");
    await pane(page).getByRole("textbox", { name: "借出时间" }).fill("2026-01-05 09:00");
    await pane(page).getByRole("textbox", { name: "用途" }).fill("寄送贺卡");
    await pane(page).getByRole("button", { name: "登记申请" }).click();
    await said(page, "已登记借阅申请 L000002,应还 2026-01-05 17:30");
    await choose(page, "本机身份", "王主管(业务一部)");
    await pane(page).getByLabel("PIN(至少8位,字母数字混合)").fill("Tz8q-Wm4k");
    await pane(page).getByRole("button", { name: "批准(盖章)" }).click();
    await said(page, "业务部门的借阅由本部门主管批准,其他部门由总务(管理部)主管批准");
    await choose(page, "本机身份", "周总务(总务部)");
    await pane(page).getByLabel("PIN(至少8位,字母数字混合)").fill("Jf3w-Np6t");
    await pane(page).getByRole("button", { name: "批准(盖章)" }).click();
    await said(page, "借阅 L000002 已盖章批准");
    await page.getByTestId("overdue-count").filter({ hasText: "逾期未还:1 份" }).waitFor();
    assert.match(await page.getByTestId("loan-list").innerText(), /L000002[\s\S]*逾期/);
    // At Excel's narrowest pane every loan's state is in sight, and a click picks the loan.
    await page.addStyleTag({ content: ".preview-pane { width: 320px !important; }" });
    const paneBox = (await pane(page).boundingBox())!;
    for (const item of await page.getByTestId("loan-item").all()) {
      const box = (await item.boundingBox())!;
      assert.ok(
        box.x + box.width <= paneBox.x + paneBox.width,
        `${await item.innerText()} runs past the pane`,
      );
    }
    const overdueLoan = page.getByTestId("loan-item").filter({ hasText: "L000002" });
    const state = overdueLoan.getByText("逾期", { exact: true });
    const stateBox = (await state.boundingBox())!;
    assert.ok(stateBox.x + stateBox.width <= paneBox.x + paneBox.width, "the state is cut off");
    await overdueLoan.click();
    assert.equal(await pane(page).getByRole("textbox", { name: "借阅编号" }).inputValue(), "L000002");
    assert.match(await sheetText(page, "变更记录"), /loanApply[\s\S]*loanExtract[\s\S]*loanReturn/);
    await page.screenshot({ path: "test-output/loans-zh.png" });
    assert.deepEqual(errors, []);
  });
});
