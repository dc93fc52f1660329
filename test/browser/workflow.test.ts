/**
 * Intake to posting as people do it in the pane (Chinese), on the preview workbook: an
 * administrator and a department head enrol on this device, the administrator
 * countersigns, a request is filed, the head stamps it with a PIN, finance posts it, and
 * the department's list shows the new customer.
 */
import assert from "node:assert/strict";
import { pageServer } from "../support/browser";
import { usccCheckChar } from "../../src/domain/validate/uscc";
import { choose, enrolOffice, openTab, pane, setUpPreview, typeInRequest } from "../support/pane";

describe("intake, stamps and posting in the pane (headless Chromium, Chinese)", function () {
  this.timeout(180_000);
  const running = pageServer();

  it("enrols, countersigns, files, stamps and posts; the department list shows the customer", async () => {
    const { page, errors } = await setUpPreview(running);

    await enrolOffice(page, [["王主管", "业务一部", "部门主管", "Tz8q-Wm4k"]]);
    assert.match(await page.getByTestId("staff-message").innerText(), /已副署:王主管/);

    // The administrator's home asks for a Validate never run on this device; once run, it
    // shows how many problems that run found (the preview's workbook has seeded mistakes).
    await openTab(page, "首页");
    await page.getByTestId("home-validate").filter({ hasText: "本机尚未校验过此工作簿" }).waitFor();
    await page.getByTestId("home-go-validate").click();
    await pane(page).getByRole("main", { name: "校验", exact: true }).waitFor();
    await page.getByTestId("validate").click();
    // The summary's words appear a moment after it (Fluent's MessageBar delays them for screen readers).
    const summary = await page
      .getByTestId("validate-summary")
      .filter({ hasText: /发现 \d+ 个问题/ })
      .innerText();
    const found = Number(summary.match(/发现 (\d+) 个问题/)?.[1]);
    assert.ok(found > 0, summary);
    await openTab(page, "首页");
    const count = await page.getByTestId("home-validate").innerText();
    assert.match(
      count,
      new RegExp(`校验发现的问题:${found} 个[\\s\\S]*本机上次校验:\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d`),
    );

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

    // A second request, rejected by the head; the filer fixes the address in the workbook
    // and sends it back. The head sees what changed since the rejection before stamping.
    await choose(page, "本机身份", "赵管理(财务科)");
    await openTab(page, "申请");
    const second: [string, string][] = [
      ["name", "宁波海川贸易有限公司"],
      ["uscc", `91330206MA2H00002${usccCheckChar("91330206MA2H00002")}`],
      ["address", "宁波市海曙区中山西路1号"],
      ["postcode", "315000"],
      ["phone", "0574-87776666"],
      ["contact", "周海"],
      ["region", "华东"],
      ["department", "业务一部"],
      ["responsible", "王建国"],
    ];
    for (const [key, value] of second) await page.getByTestId(`intake-${key}`).fill(value);
    await page.getByTestId("file-request").click();
    await page.getByTestId("intake-done").filter({ hasText: "已提交申请 R000002" }).waitFor();
    await choose(page, "本机身份", "王主管(业务一部)");
    await openTab(page, "盖章");
    await page.getByRole("button", { name: "刷新" }).click();
    await pane(page)
      .getByText(/^R000002 /)
      .click();
    await page.getByTestId("stamp-pin").fill("Tz8q-Wm4k");
    await pane(page).getByLabel("驳回理由").fill("地址门牌号有误");
    await pane(page).getByRole("button", { name: "驳回" }).click();
    await page.getByTestId("stamp-message").filter({ hasText: "已驳回 1 份" }).waitFor();
    assert.equal(
      await pane(page).getByLabel("驳回理由").inputValue(),
      "",
      "the reason went with the rejection",
    );
    // Typed in Excel by the filer: a new house number, and the request sent back.
    await typeInRequest(page, "R000002", "地址", "宁波市海曙区中山西路11号");
    await typeInRequest(page, "R000002", "申请状态", "待盖章");
    await page.getByRole("button", { name: "刷新" }).click();
    const since = page.getByTestId("since-R000002");
    await since.waitFor();
    const told = await since.innerText();
    assert.match(told, /自你 \d{4}-\d\d-\d\d \d\d:\d\d 驳回以来改动了 1 项/);
    assert.match(told, /地址: 宁波市海曙区中山西路11号\s*\(原为 宁波市海曙区中山西路1号\)/);
    assert.equal(await page.getByTestId("since-R000001").count(), 0, "R000001 is posted: not listed");
    await pane(page).screenshot({ path: "test-output/stamp-diff-zh.png" });
    // Stamped again on what the head now sees: the next look says nothing changed since.
    await pane(page)
      .getByText(/^R000002 /)
      .click();
    await page.getByTestId("stamp-pin").fill("Tz8q-Wm4k");
    await page.getByTestId("approve").click();
    await page.getByTestId("stamp-message").filter({ hasText: "已盖章 1 份" }).waitFor();
    // Approved (this class needs the head's stamp alone): nothing waits any more.
    await pane(page).getByText("没有待盖章的申请。").waitFor();
    assert.equal(await page.getByTestId("since-R000002").count(), 0);
    // The head switches to English: what the last act did is said again, in English.
    await page.getByTestId("lang-toggle").click();
    await page
      .getByTestId("stamp-message")
      .filter({ hasText: /^Stamped 1 request\.$/ })
      .waitFor();

    // Validate checks in a Web Worker that stays while the pane is open (issue 15): the
    // second run verifies only signatures over content it has not met, and says so; "check
    // everything again" verifies them all once more.
    await openTab(page, "Validate");
    const verified = page.getByTestId("validate-verified");
    // The page's last summary, if it still shows one: each run's summary is numbered.
    const shown = page.getByTestId("validate-summary");
    let run = (await shown.count()) ? Number(await shown.getAttribute("data-run")) : 0;
    const validated = async () => {
      run++;
      await page.locator(`[data-testid="validate-summary"][data-run="${run}"]`).waitFor();
      return verified.innerText();
    };
    // This pane validated once already, at the start: since then, the stamps are new.
    await page.getByTestId("validate").click();
    const counts = (said: string) => {
      const m = said.match(
        /^Verified (\d+) signatures(?:; (\d+) more were over the same content as when checked at \d\d:\d\d| \(each over the same content once\))/,
      );
      assert.ok(m, said);
      const vouched = said.match(/(\d+) more stamps were vouched for by their signer's own seal/);
      return { computed: Number(m[1]), remembered: Number(m[2] ?? 0), vouched: Number(vouched?.[1] ?? 0) };
    };
    const first = counts(await validated());
    // The act's seals verified; the new stamps known by their stamper's seal (issue 15).
    assert.ok(first.computed > 0, "the seals were verified");
    assert.ok(first.vouched > 0, "the new stamps were vouched for by the log");
    // Off the pane's thread: the check ran in its worker, which stays for the next run.
    assert.ok(
      page.workers().some((w) => w.url().includes("validate-check")),
      page
        .workers()
        .map((w) => w.url())
        .join(", "),
    );
    // The worker hashes with WebAssembly (digest.ts), its chunk fetched for the check, not at start.
    const checking = page.workers().find((w) => w.url().includes("validate-check"))!;
    const fetched = await checking.evaluate(() =>
      performance.getEntriesByType("resource").map((e) => e.name),
    );
    assert.ok(
      fetched.some((url) => url.endsWith("/sha256.js")),
      `the worker fetched: ${fetched.join(", ")}`,
    );
    await page.getByTestId("validate").click();
    const again = counts(await validated());
    assert.deepEqual(again, {
      computed: 0,
      remembered: first.computed + first.remembered,
      vouched: first.vouched,
    });
    await pane(page).screenshot({ path: "test-output/validate-again-en.png" });
    await page.getByTestId("validate-all").click();
    await page.getByTestId("validate-all").waitFor({ state: "detached" });
    const everything = (await validated()).match(
      /^Verified (\d+) signatures \(each over the same content once\)\.(?: (\d+) more stamps were vouched for by their signer's own seal [^.]*\.)?$/,
    );
    assert.ok(everything, await verified.innerText());
    // Everything verified again: what the first run verified or remembered; the log's
    // vouches are no memory, and vouch for the same stamps again.
    assert.ok(
      Number(everything[1]) >= first.computed && Number(everything[1]) <= first.computed + first.remembered,
      everything[0],
    );
    assert.equal(Number(everything[2] ?? 0), first.vouched);
    assert.deepEqual(errors, []);
  });
});
