/**
 * Intake to posting as people do it in the pane (Chinese), on the preview workbook: an
 * administrator and a department head enrol on this device, the administrator
 * countersigns, a request is filed, the head stamps it with a PIN, finance posts it, and
 * the department's list shows the new customer.
 */
import assert from "node:assert/strict";
import { pageServer } from "../support/browser";
import { choose, enrolOffice, openTab, pane, setUpPreview } from "../support/pane";

describe("intake, stamps and posting in the pane (headless Chromium, Chinese)", function () {
  this.timeout(180_000);
  const running = pageServer();

  it("enrols, countersigns, files, stamps and posts; the department list shows the customer", async () => {
    const { page, errors } = await setUpPreview(running);

    await enrolOffice(page, [["王主管", "业务一部", "部门主管", "Tz8q-Wm4k"]]);
    assert.match(await page.getByTestId("staff-message").innerText(), /已副署:王主管/);

    await openTab(page, "申请");
    const fill: [string, string][] = [
      ["name", "杭州恒泰电子有限公司"],
      ["uscc", "91330106MA2H00001A"],
      ["address", "杭州市西湖区文三路100号"],
      ["postcode", "310012"],
      ["phone", "0571-88886666"],
      ["contact", "林芳"],
      ["region", "华东"],
      ["department", "业务一部"],
      ["responsible", "王建国"],
    ];
    for (const [key, value] of fill) await page.getByTestId(`intake-${key}`).fill(value);
    await page.getByTestId("file-request").click();
    const problems = page.getByTestId("intake-problems");
    // The credit code above has a made-up check character: the pane says which and why.
    await problems.waitFor();
    assert.match(await problems.innerText(), /统一社会信用代码: 统一社会信用代码校验位不符/);
    const expected = (await problems.innerText()).match(/应为 (.)/)![1]!;
    await page.getByTestId("intake-uscc").fill(`91330106MA2H00001${expected}`);
    await page.getByTestId("file-request").click();
    await page.getByTestId("intake-done").filter({ hasText: "已提交申请 R000001" }).waitFor();

    await choose(page, "本机身份", "王主管(业务一部)");
    // The head's home page says what waits for their stamp, and takes them there.
    await openTab(page, "首页");
    const waiting = page.getByTestId("home-stamp");
    await waiting.waitFor();
    assert.match(await waiting.innerText(), /等您盖章的申请:1 件[\s\S]*R000001 杭州恒泰电子有限公司/);
    await waiting.getByTestId("home-go-stamp").click();
    await pane(page).getByRole("main", { name: "盖章", exact: true }).waitFor();
    await page.getByRole("button", { name: "刷新" }).click();
    // Before stamping, the head can read every field the stamp approves.
    const covers = page.getByTestId("fields-R000001");
    await covers.locator("summary").click();
    const approved = await covers.innerText();
    assert.match(approved, /盖章所批准的 \d+ 项内容/);
    for (const shown of ["企业名称", "杭州恒泰电子有限公司", "统一社会信用代码", "杭州市西湖区文三路100号"])
      assert.ok(approved.includes(shown), `${shown} in ${approved}`);
    await pane(page)
      .getByText(/^R000001 /)
      .click();
    await page.getByTestId("stamp-pin").fill("000000");
    await page.getByTestId("approve").click();
    await page.getByTestId("stamp-message").filter({ hasText: "PIN 不正确" }).waitFor();
    await page.getByTestId("stamp-pin").fill("Tz8q-Wm4k");
    await page.getByTestId("approve").click();
    await page.getByTestId("stamp-message").filter({ hasText: "已盖章 1 份" }).waitFor();
    await openTab(page, "首页");
    await page.getByTestId("home").waitFor();
    assert.equal(
      await page.getByTestId("home-stamp").count(),
      0,
      "stamped: nothing waits for the head's stamp",
    );

    await openTab(page, "登记");
    await page.getByTestId("post").click();
    const posted = page.getByTestId("post-message");
    await posted.filter({ hasText: "已登记 1 位客户" }).waitFor();
    assert.match(await posted.innerText(), /C000031 杭州恒泰电子有限公司/);

    await page.locator(".preview-tabs button", { hasText: "一览表-业务一部" }).click();
    const grid = page.getByTestId("preview-grid");
    assert.equal(await grid.getAttribute("data-sheet"), "一览表-业务一部");
    assert.match(await grid.innerText(), /C000031\s+杭州恒泰电子有限公司/);
    await page.screenshot({ path: "test-output/workflow-zh.png" });
    assert.deepEqual(errors, []);
  });
});
