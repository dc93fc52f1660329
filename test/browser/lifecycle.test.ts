/**
 * The register's life cycle in the pane (Chinese), on the preview workbook: review,
 * hand-over, archiving with the department head's stamp, reinstatement through fresh
 * stamps, destruction with the manager's, and marking a customer invalid.
 */
import assert from "node:assert/strict";
import { pageServer } from "../support/browser";
import { choose, confirm, enrolOffice, openTab, pane, said as saidIn, setUpPreview } from "../support/pane";

describe("review, hand-over and archive in the pane (headless Chromium, Chinese)", function () {
  this.timeout(180_000);
  const running = pageServer();

  it("reviews, hands over, archives, destroys and marks invalid", async () => {
    const { page, errors } = await setUpPreview(running);
    await enrolOffice(page, [
      ["王主管", "业务一部", "部门主管", "Tz8q-Wm4k"],
      ["孙经理", "总务部", "主管经理", "Rb7x-Lp2n"],
      ["李董事长", "总务部", "董事长", "Kc5v-Hd9s"],
    ]);
    const said = (text: string | RegExp) => saidIn(page, text);

    await openTab(page, "复核");
    await page.getByTestId("review-cycle").waitFor();
    await pane(page)
      .getByText(/^C000001 /)
      .click();
    await pane(page).getByRole("button", { name: "确认无变化" }).click();
    await said("已确认 1 位客户");

    await pane(page).getByRole("button", { name: "生成复核清单" }).click();
    await said(/复核清单已生成:29 位客户待复核/);
    await page.locator(".preview-tabs button", { hasText: "复核清单" }).click();
    assert.doesNotMatch(await page.getByTestId("preview-grid").innerText(), /C000001/);

    await pane(page).getByLabel("离职负责人").fill("王建国");
    await pane(page).getByLabel("接手负责人").fill("周新");
    await pane(page).getByRole("button", { name: "全部移交" }).click();
    // A bulk act asks first, with how many and to whom; "no" writes nothing.
    const question = page.getByTestId("confirm");
    const asked = (await question.innerText()).match(
      /客户原簿上由 王建国 负责的 (\d+) 位客户将全部改由 周新 负责。/,
    );
    assert.ok(asked && Number(asked[1]) > 0, await question.innerText());
    await page.getByTestId("confirm-no").click();
    await question.waitFor({ state: "detached" });
    assert.equal(
      await pane(page)
        .getByText(/已将 \d+ 位客户移交给/)
        .count(),
      0,
      "nothing handed over",
    );
    await pane(page).getByRole("button", { name: "全部移交" }).click();
    await confirm(page, `${asked[1]} 位客户将全部改由 周新 负责`);
    await said(`已将 ${asked[1]} 位客户移交给 周新`);

    await choose(page, "本机身份", "王主管(业务一部)");
    await openTab(page, "归档");
    await pane(page).getByLabel("客户编号(可多个)").fill("C000004");
    await pane(page).getByLabel("原因", { exact: true }).fill("客户解散");
    await pane(page).getByLabel("PIN(至少8位,字母数字混合)").fill("Tz8q-Wm4k");
    await pane(page).getByRole("button", { name: "归档", exact: true }).click();
    await confirm(page, "将 1 位客户从客户原簿移到“交易中止(可恢复)”:C000004。");
    await said("已归档 1 位客户");
    await page.locator(".preview-tabs button", { hasText: "交易中止" }).click();
    assert.match(await page.getByTestId("preview-grid").innerText(), /C000004/);

    // Back again: a reinstatement request (filed by someone else: nobody approves their own
    // request), the head's stamp, and posting under the same ID.
    await choose(page, "本机身份", "赵管理(财务科)");
    await pane(page).getByRole("button", { name: "恢复交易" }).click();
    await said("已提交恢复交易申请:C000004 → R000001");
    await choose(page, "本机身份", "王主管(业务一部)");
    await openTab(page, "盖章");
    await pane(page).getByRole("button", { name: "刷新" }).click();
    await pane(page)
      .getByText(/^R000001 /)
      .click();
    // The head unlocked their stamp to archive a minute ago: the session spares the PIN.
    await pane(page).getByTestId("unlocked-for").filter({ hasText: "王主管 的印章已解锁" }).waitFor();
    await page.getByTestId("stamp-pin").fill("");
    await page.getByTestId("approve").click();
    await page.getByTestId("stamp-message").filter({ hasText: "已盖章 1 份" }).waitFor();
    await pane(page).getByTestId("lock-now").click();
    await pane(page).getByTestId("unlocked-for").waitFor({ state: "detached" });
    // C000004 is a class A customer: the chairman stamps next.
    await choose(page, "本机身份", "李董事长(总务部)");
    await pane(page).getByRole("button", { name: "刷新" }).click();
    await pane(page)
      .getByText(/^R000001 /)
      .click();
    await page.getByTestId("stamp-pin").fill("Kc5v-Hd9s");
    await page.getByTestId("approve").click();
    await page.getByTestId("stamp-message").filter({ hasText: "已盖章 1 份" }).waitFor();
    await choose(page, "本机身份", "王主管(业务一部)");
    await openTab(page, "登记");
    // The head locked their key: what they write to the Change log must be sealed, so the
    // pane asks for the PIN first. Cancelled, nothing is written and the pane says so.
    await page.getByTestId("post").click();
    await page.getByTestId("seal-cancel").click();
    await said("未写入任何内容:王主管 的印章未解锁");
    await page.getByTestId("post").click();
    await page.getByTestId("seal-pin").fill("wrong-PIN-1");
    await page.getByTestId("seal-unlock").click();
    await page.getByTestId("seal-wrong").filter({ hasText: "PIN 不正确" }).waitFor();
    await page.getByTestId("seal-pin").fill("Tz8q-Wm4k");
    await page.getByTestId("seal-unlock").click();
    await page.getByTestId("post-message").filter({ hasText: "C000004" }).waitFor();
    await pane(page).getByTestId("unlocked-for").filter({ hasText: "王主管 的印章已解锁" }).waitFor();
    await page.locator(".preview-tabs button", { hasText: "交易中止" }).click();
    assert.doesNotMatch(await page.getByTestId("preview-grid").innerText(), /C000004/);

    // Then for good: archived to 交易过去 and destroyed with the manager's stamp.
    await openTab(page, "归档");
    await pane(page).getByLabel("客户编号(可多个)").fill("C000004");
    await pane(page).getByLabel("原因", { exact: true }).fill("关系解除");
    await pane(page).getByText("交易过去", { exact: true }).click();
    await pane(page).getByLabel("PIN(至少8位,字母数字混合)").fill("Tz8q-Wm4k");
    await pane(page).getByRole("button", { name: "归档", exact: true }).click();
    await confirm(page, "移到“交易过去”:C000004");
    await said("已归档 1 位客户");

    await choose(page, "本机身份", "孙经理(总务部)");
    await pane(page).getByLabel("原因", { exact: true }).fill("无法恢复");
    await pane(page).getByLabel("PIN(至少8位,字母数字混合)").fill("Rb7x-Lp2n");
    // Destroying asks first, and a "no" writes nothing.
    await pane(page).getByRole("button", { name: "销毁" }).click();
    await page.getByTestId("confirm").filter({ hasText: "不能撤销" }).waitFor();
    await page.getByTestId("confirm-no").click();
    await page.getByTestId("confirm").waitFor({ state: "detached" });
    await page.locator(".preview-tabs button", { hasText: "销毁记录" }).click();
    assert.doesNotMatch(await page.getByTestId("preview-grid").innerText(), /C000004/);
    await pane(page).getByRole("button", { name: "销毁" }).click();
    await confirm(page, /将永久销毁 1 位客户的资料:C000004。[\s\S]*此操作不能撤销/);
    await said("已销毁 1 条记录");
    await page.locator(".preview-tabs button", { hasText: "销毁记录" }).click();
    assert.match(await page.getByTestId("preview-grid").innerText(), /C000004/);

    await pane(page).getByLabel("客户编号(可多个)").fill("C000007");
    await pane(page).getByRole("button", { name: "标记无效" }).click();
    await confirm(page, "将 1 位客户标为无效待删(退件):C000007");
    await said("已标记 1 位客户为无效");
    await page.screenshot({ path: "test-output/lifecycle-zh.png" });
    assert.deepEqual(errors, []);
  });
});
