/**
 * Redraws README's pictures of the pane at 350 px (Excel's default task-pane width) from
 * the built pane in headless Chromium: the home page in Chinese and in English, a stamp
 * with what changed since the head's rejection, and the confirmation before a destruction.
 * Run after `npx webpack --mode production`: `npm run screenshots`.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { launchChromium, serveDist } from "../test/support/browser";
import { choose, enrolOffice, openTab, pane, setUpPreview, typeInRequest } from "../test/support/pane";
import { usccCheckChar } from "../src/domain/validate/uscc";

const OUT = "docs/images";
const WIDTH = 350;

async function shoot(page: Page, name: string) {
  await pane(page).screenshot({ path: `${OUT}/${name}.png` });
  console.log(`${OUT}/${name}.png`);
}

async function file(page: Page, entries: [string, string][]) {
  await openTab(page, "申请");
  for (const [key, value] of entries) await page.getByTestId(`intake-${key}`).fill(value);
  await page.getByTestId("file-request").click();
  await page.getByTestId("intake-done").waitFor();
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const { server, url } = await serveDist();
  const { context, close } = await launchChromium();
  try {
    await context.pages()[0]?.setViewportSize({ width: 1280, height: 1000 });
    const { page } = await setUpPreview(() => ({ base: url, context }));
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.addStyleTag({ content: `.preview-pane { width: ${WIDTH}px !important; }` });
    await enrolOffice(page, [["王主管", "业务一部", "部门主管", "Tz8q-Wm4k"]]);
    const base: [string, string][] = [
      ["contact", "林芳"],
      ["region", "华东"],
      ["department", "业务一部"],
      ["responsible", "王建国"],
    ];
    await file(page, [
      ["name", "杭州恒泰电子有限公司"],
      ["uscc", `91330106MA2H00001${usccCheckChar("91330106MA2H00001")}`],
      ["address", "杭州市西湖区文三路100号"],
      ["postcode", "310012"],
      ["phone", "0571-88886666"],
      ...base,
    ]);
    await file(page, [
      ["name", "宁波海川贸易有限公司"],
      ["uscc", `91330206MA2H00002${usccCheckChar("91330206MA2H00002")}`],
      ["address", "宁波市海曙区中山西路1号"],
      ["postcode", "315000"],
      ["phone", "0574-87776666"],
      ...base,
    ]);

    // The head rejects R000002; the filer fixes the address in Excel and sends it back.
    await choose(page, "本机身份", "王主管(业务一部)");
    await openTab(page, "盖章");
    await pane(page).getByRole("button", { name: "刷新" }).click();
    await pane(page)
      .getByText(/^R000002 /)
      .click();
    await page.getByTestId("stamp-pin").fill("Tz8q-Wm4k");
    await pane(page).getByLabel("驳回理由").fill("地址门牌号有误");
    await pane(page).getByRole("button", { name: "驳回" }).click();
    await page.getByTestId("stamp-message").filter({ hasText: "已驳回 1 份" }).waitFor();
    await typeInRequest(page, "R000002", "地址", "宁波市海曙区中山西路11号");
    await typeInRequest(page, "R000002", "申请状态", "待盖章");

    // Home for the head: the two requests wait for their stamp.
    await openTab(page, "首页");
    await page.getByTestId("home-stamp").waitFor();
    await shoot(page, "home-zh");
    await page.getByTestId("lang-toggle").click();
    await page.getByTestId("home-stamp").filter({ hasText: "Requests" }).waitFor();
    await shoot(page, "home-en");
    await page.getByTestId("lang-toggle").click();

    // The stamp page: what changed since the head's rejection, and what the stamp approves.
    await page.getByTestId("home-go-stamp").click();
    await pane(page).getByRole("button", { name: "刷新" }).click();
    await page.getByTestId("since-R000002").waitFor();
    await page.getByTestId("fields-R000002").locator("summary").click();
    await pane(page)
      .getByText(/^R000002 /)
      .click();
    await shoot(page, "stamp-diff-zh");

    // A destruction asks first, saying exactly what will happen.
    await choose(page, "本机身份", "赵管理(财务科)");
    await openTab(page, "归档");
    await pane(page).getByLabel("客户编号(可多个)").fill("C000001");
    await pane(page).getByLabel("原因", { exact: true }).fill("无法恢复");
    await pane(page).getByLabel("PIN(至少8位,字母数字混合)").fill("Ad1n-Qx7m");
    await pane(page).getByRole("button", { name: "销毁" }).click();
    await page.getByTestId("confirm").waitFor();
    await page.getByTestId("confirm").screenshot({ path: `${OUT}/confirm-destroy-zh.png` });
    console.log(`${OUT}/confirm-destroy-zh.png`);
    await page.getByTestId("confirm-no").click();
  } finally {
    await close();
    server.close();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
