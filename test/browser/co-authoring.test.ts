/**
 * Issue 14 in the pane: someone else is writing to the register (their claim stands in
 * Settings 写入租约, as a co-author's pane leaves it while it writes). The pane says who,
 * and that nothing was written; once the claim is gone, the same click goes through.
 */
import assert from "node:assert/strict";
import { pageServer } from "../support/browser";
import { enrol, enrolOffice, openTab, pane, said, setUpPreview } from "../support/pane";

describe("a co-author writing at the same moment, in the pane (headless Chromium, Chinese)", function () {
  this.timeout(120_000);
  const running = pageServer();

  it("says who is writing and that nothing of yours was written; when they are done, the action goes through", async () => {
    const { page, errors } = await setUpPreview(running, "&settle=1500");
    // 李会计's pane, in another office, claims the register for the next minute.
    const claim = (value: string) =>
      page.evaluate((cell) => {
        const host = (
          window as unknown as { previewHost: import("../../src/host/memory-host").MemoryExcelHost }
        ).previewHost;
        const row = host.sheet("设置").values.findIndex((r) => r[4] === "写入租约") + 1;
        host.seedSheet("设置", [[cell]], { at: `F${row}`, raw: true });
      }, value);
    // Every act in the pane needs someone to act: this device's clerk.
    await enrol(page, "陈会计", "财务科", "财务科职员", "Cq4v-Zt8p");
    await claim(`t0k3n ${new Date(Date.now() + 60_000).toISOString()} 李会计`);
    await openTab(page, "复核");
    await page.getByTestId("review-cycle").waitFor();
    await pane(page).getByRole("button", { name: "生成复核清单" }).click();
    await said(page, "李会计 正在写入客户名簿,您的操作未写入任何内容。请稍后再试。");
    assert.ok(
      !(await page.locator(".preview-tabs button", { hasText: "复核清单" }).count()),
      "no review list was written",
    );
    // What the person sees (the copy in docs/images/ was taken from it).
    const message = pane(page).locator(".ms-MessageBar").filter({ hasText: "李会计" });
    await message.scrollIntoViewIfNeeded();
    await message.screenshot({ path: "test-output/register-busy.png" });
    // 李会计's pane releases its claim: the same click now writes the list, after the
    // pane has said it is making sure nobody else is writing.
    await claim("");
    await pane(page).getByRole("button", { name: "生成复核清单" }).click();
    await page
      .getByTestId("lease-settling")
      .filter({ hasText: "正在确认没有其他人同时写入客户名簿" })
      .waitFor();
    await said(page, /复核清单已生成:\d+ 位客户待复核/);
    assert.equal(await page.getByTestId("lease-settling").count(), 0, "gone once written");
    assert.deepEqual(errors, []);
  });

  it("a change another person made shows as 'may be out of date', and 刷新 reads the page again", async () => {
    const { page, errors } = await setUpPreview(running);
    await openTab(page, "复核");
    await page.getByTestId("review-cycle").waitFor();
    assert.equal(await page.getByTestId("remote-changed").count(), 0);
    // 李会计 confirms C000001's review in her pane; the change reaches this one.
    await page.evaluate(() => {
      const host = (
        window as unknown as { previewHost: import("../../src/host/memory-host").MemoryExcelHost }
      ).previewHost;
      const [head, ...rows] = host.sheet("客户原簿").values;
      const row = rows.findIndex((r) => r[0] === "C000001") + 2;
      const col = head!.indexOf("复核人");
      let letters = "";
      for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
        letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
      host.seedSheet("客户原簿", [["李会计"]], { at: `${letters}${row}`, raw: true });
      for (const handler of host.changeHandlers)
        void handler({
          type: "WorksheetChanged",
          source: "Remote",
          changeType: "RangeEdited",
          worksheetId: "{客户原簿}",
          address: `A${row}`,
        } as unknown as Excel.WorksheetChangedEventArgs);
    });
    await page.getByTestId("remote-changed").filter({ hasText: "其他人刚刚修改了工作簿" }).waitFor();
    await page.getByTestId("remote-refresh").click();
    await page.getByTestId("remote-changed").waitFor({ state: "detached" });
    await openTab(page, "复核");
    await page.getByTestId("review-cycle").waitFor();
    assert.deepEqual(errors, []);
  });

  it("rows it wrote to the Change log that someone else's write replaced are written again, and the person is told", async () => {
    const { page, errors } = await setUpPreview(running, "&settle=1000");
    await enrolOffice(page, [["王主管", "业务一部", "部门主管", "Tz8q-Wm4k"]]);
    await openTab(page, "复核");
    await page.getByTestId("review-cycle").waitFor();
    const logged = () =>
      page.evaluate(() => {
        const host = (
          window as unknown as { previewHost: import("../../src/host/memory-host").MemoryExcelHost }
        ).previewHost;
        const [head, ...rows] = host.sheet("变更记录").values;
        return rows.map((r) => `${r[head!.indexOf("操作")]} ${r[head!.indexOf("客户编号")]}`);
      });
    const before = (await logged()).length;
    await pane(page)
      .getByText(/^C000001 /)
      .click();
    await pane(page).getByRole("button", { name: "确认无变化" }).click();
    await said(page, "已确认 1 位客户");
    const written = (await logged()).slice(before);
    assert.ok(written.includes("review C000001"), written.join("; "));
    // Before the pane looks again, a co-author's late write lands on the same rows.
    await page.evaluate((at) => {
      const host = (
        window as unknown as { previewHost: import("../../src/host/memory-host").MemoryExcelHost }
      ).previewHost;
      const rows = host.sheet("变更记录").values;
      const theirs = rows[1]!.map(String);
      const overwrite = rows.slice(at + 1).map(() => theirs);
      host.seedSheet("变更记录", overwrite, { at: `A${at + 2}`, raw: true });
    }, before);
    assert.ok(!(await logged()).slice(before).includes("review C000001"), "overwritten");
    await page
      .getByTestId("log-relogged")
      .filter({ hasText: /您刚才写入变更记录的 \d+ 行被其他人同时写入的内容覆盖,已在记录末尾重新写入/ })
      .waitFor();
    const after = await logged();
    const reviews = (rows: string[]) => rows.filter((r) => r === "review C000001").length;
    assert.equal(reviews(after), reviews(written), after.slice(before).join("; "));
    assert.equal(after.at(-1), "relog ");
    const message = page.getByTestId("log-relogged");
    await message.scrollIntoViewIfNeeded();
    await message.screenshot({ path: "test-output/log-relogged.png" });
    assert.deepEqual(errors, []);
  });
});
