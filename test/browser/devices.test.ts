/**
 * Issue 16, keys across devices, in the pane: the Staff page says where a key lives, lists
 * the acting person's devices with their standing, and guides enrolling another device for
 * someone already on the Staff sheet (their role and department come with them), which the
 * administrator then countersigns.
 */
import assert from "node:assert/strict";
import { pageServer } from "../support/browser";
import { choose, enrolOffice, openTab, pane, setUpPreview } from "../support/pane";

describe("another device in the pane (headless Chromium, Chinese)", function () {
  this.timeout(180_000);
  const running = pageServer();

  it("says a key lives in this Excel only, lists the person's devices, and enrols another device for someone on the Staff sheet", async () => {
    const { page, errors } = await setUpPreview(running);
    await enrolOffice(page, [["王主管", "业务一部", "部门主管", "Tz8q-Wm4k"]]);
    await openTab(page, "人员");
    assert.match(await page.getByTestId("key-where").innerText(), /只保存在这台电脑的这个 Excel 中/);
    const mine = page.getByTestId("my-devices");
    await mine.getByTestId("my-device").first().waitFor();
    assert.match(await mine.innerText(), /赵管理 的设备/);
    assert.match(await mine.getByTestId("my-device").innerText(), /^PC \(本机\) — 可以盖章/);

    // Another device of 王主管's: chosen from the Staff sheet, role and department with them.
    await page.getByTestId("enrol-another-who").click();
    await page.getByRole("option", { name: "王主管" }).click();
    assert.equal(await page.getByTestId("enrol-name").inputValue(), "王主管");
    assert.equal(await page.getByTestId("enrol-department").inputValue(), "业务一部");
    assert.match(await page.getByTestId("enrol-role").innerText(), /部门主管/);
    assert.ok(await page.getByTestId("enrol").isDisabled(), "a device needs a name of its own first");
    await page.getByTestId("enrol-device").fill("网页版 Edge");
    await page.getByTestId("enrol-pin").fill("Wq7z-Lm3p");
    await page.getByTestId("enrol").click();
    await page
      .getByTestId("staff-message")
      .filter({ hasText: "已为 王主管 登记设备“网页版 Edge”" })
      .waitFor();
    assert.match(await page.getByTestId("staff-message").innerText(), /名簿管理员副署之后,这台设备才能盖章/);

    // The new device's identity is now the one acting here; the administrator takes over again.
    assert.match(
      await page.getByTestId("my-devices").innerText(),
      /王主管 的设备[\s\S]*网页版 Edge \(本机\) — 等待名簿管理员副署/,
    );
    // The new device shows its key's fingerprint; the administrator sees the same digits
    // beside the person waiting, and countersigns only after checking that row.
    const digits = (await page.getByTestId("my-fingerprint").innerText()).match(/指纹:([\d ]+)/)![1]!.trim();
    await choose(page, "本机身份", "赵管理(财务科)");
    const waiting = pane(page).getByTestId("awaiting").filter({ hasText: "网页版 Edge" });
    await waiting.waitFor();
    assert.ok((await waiting.innerText()).includes("王主管(业务一部 · 部门主管 · 网页版 Edge)"));
    assert.ok((await waiting.innerText()).includes(digits), `${digits} in ${await waiting.innerText()}`);
    await page.getByTestId("admin-pin").fill("Ad1n-Qx7m");
    assert.ok(
      await page.getByTestId("countersign").isDisabled(),
      "nobody chosen yet: nothing to countersign",
    );
    await waiting.locator("label.ms-Checkbox-label").click();
    await page.getByTestId("countersign").click();
    await page.getByTestId("staff-message").filter({ hasText: "已副署" }).waitFor();
    assert.match(await page.getByTestId("staff-message").innerText(), /王主管/);
    assert.match(await pane(page).innerText(), /为已登记的人员登记另一台设备/);

    // Neither enrolment of 王主管's (his first device, then another) is a Change log row
    // Validate asks a seal of: nobody could seal them (session 28; 变更记录须全员签名 is 是).
    await openTab(page, "校验");
    await page.getByTestId("validate").click();
    const summary = page.getByTestId("validate-summary").filter({ hasText: /共检查 \d+ 行/ });
    await summary.waitFor();
    assert.doesNotMatch(await pane(page).innerText(), /变更记录!/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
