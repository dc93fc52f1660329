/**
 * Issue 19 in the pane (headless Chromium, preview workbook, Chinese): a list for a party
 * outside the company is applied for naming the party, approved by the chairman (not the
 * department head), printed saying to whom it goes, and labels for that printing house are
 * built only under that approved release.
 */
import assert from "node:assert/strict";
import { pageServer } from "../support/browser";
import { choose, enrolOffice, openTab, pane, said, sheetText, setUpPreview } from "../support/pane";

describe("a list provided outside the company, in the pane (headless Chromium, Chinese)", function () {
  this.timeout(240_000);
  const running = pageServer();

  it("is the chairman's to approve, says to whom it goes, and is what a mailing for the printing house rests on", async () => {
    const { page, errors } = await setUpPreview(running);
    await enrolOffice(page, [
      ["王主管", "业务一部", "部门主管", "Tz8q-Wm4k"],
      ["李董事", "总务部", "董事长", "Hq5v-Ld8r"],
    ]);
    await choose(page, "本机身份", "赵管理(财务科)");
    await openTab(page, "借阅");
    await pane(page).getByRole("textbox", { name: "借阅人" }).fill("刘业务");
    await choose(page, "部门", "业务一部");
    await pane(page).getByRole("textbox", { name: "应还时间" }).fill("2099-12-31 17:30");
    await pane(page).getByRole("textbox", { name: "用途" }).fill("年末 DM 寄送");
    await page.getByTestId("loan-recipient").fill("华兴印刷厂");
    await pane(page).getByRole("button", { name: "登记申请" }).click();
    await said(page, "已登记借阅申请 L000001");
    await page.getByTestId("loan-item").filter({ hasText: "对外提供:华兴印刷厂" }).waitFor();

    // The department head may not approve it; the chairman does.
    await pane(page).getByRole("textbox", { name: "借阅编号" }).fill("L000001");
    await choose(page, "本机身份", "王主管(业务一部)");
    await pane(page).getByLabel("PIN(至少8位,字母数字混合)").fill("Tz8q-Wm4k");
    await pane(page).getByRole("button", { name: "批准(盖章)" }).click();
    await said(page, "对外提供的名单由董事长批准");
    await choose(page, "本机身份", "李董事(总务部)");
    await pane(page).getByLabel("PIN(至少8位,字母数字混合)").fill("Hq5v-Ld8r");
    await pane(page).getByRole("button", { name: "批准(盖章)" }).click();
    await said(page, "借阅 L000001 已盖章批准");

    await choose(page, "本机身份", "赵管理(财务科)");
    await pane(page).getByRole("button", { name: "生成借阅名单" }).click();
    await said(page, /已生成“借阅-L000001”/);
    assert.match(await sheetText(page, "借阅-L000001"), /对外提供:华兴印刷厂/);

    // Labels for the printing house go out under that release.
    await openTab(page, "邮寄");
    await page.getByTestId("mail-purpose").fill("年末 DM 寄送");
    await page.getByTestId("mail-release").fill("L000002");
    await pane(page).getByRole("button", { name: "生成邮寄表" }).click();
    await said(page, "L000002");
    await page.getByTestId("mail-release").fill("L000001");
    await pane(page).getByRole("button", { name: "生成邮寄表" }).click();
    await said(page, /已生成“邮寄标签”/);
    assert.match(await sheetText(page, "变更记录"), /outside=华兴印刷厂 \(L000001\)/);
    assert.deepEqual(errors, []);
  });
});
