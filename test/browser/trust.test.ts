/**
 * One trust root (issue 13): a device that has never seen this workbook pins its
 * administrator the first time it opens any page, shows the fingerprint in digits people
 * compare aloud, and refuses a workbook whose administrator is someone else. Each device
 * is its own Chromium profile; they share the workbook's Staff rows as co-authors would.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { launchChromium, pageServer } from "../support/browser";
import { enrol, enrolOffice, openSetup, openTab, pane } from "../support/pane";
import { fingerprint } from "../../src/domain/stamps/keys";
import { spokenFingerprint } from "../../src/domain/stamps/staff";
import { staff } from "../../src/domain/schema/sheets";

type Rows = (string | number | boolean)[][];
const staffRows = (page: Page): Promise<Rows> =>
  page.evaluate(() =>
    (window as unknown as { previewHost: { sheet(n: string): { values: Rows } } }).previewHost
      .sheet("人员")
      .values.slice(1),
  );
const seedStaff = (page: Page, rows: Rows) =>
  page.evaluate(
    (rows) =>
      (
        window as unknown as { previewHost: { seedSheet(n: string, v: Rows, o: object): void } }
      ).previewHost.seedSheet("人员", rows, { at: "A2", raw: true }),
    rows,
  );

describe("a device pins the register administrator on first contact (headless Chromium, Chinese)", function () {
  this.timeout(240_000);
  const running = pageServer();
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const close of closers) await close();
  });

  /** A page of the preview on a device of its own (a fresh Chromium profile), set up. */
  async function newDevice(): Promise<{ page: Page; errors: string[] }> {
    const device = await launchChromium();
    closers.push(device.close);
    const page = await device.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${running().base}/taskpane.html?preview&lang=zh-CN`);
    await openSetup(page);
    await page.getByTestId("setup").click();
    await page.getByTestId("setup-result").waitFor();
    return { page, errors };
  }

  it("pins the administrator on the first page it opens, shows the fingerprint in digits, and refuses another administrator", async () => {
    // The administrator's device: the office enrols there.
    const admin = await newDevice();
    await enrolOffice(admin.page, [["王主管", "业务一部", "部门主管", "Tz8q-Wm4k"]]);
    // The administrator signs the stamping rules Settings states: version 1 applies from now on.
    await admin.page.getByTestId("admin-pin").fill("Ad1n-Qx7m");
    await admin.page.getByTestId("sign-policy").click();
    await admin.page.getByTestId("staff-message").filter({ hasText: "已签署设置规则第 1 版" }).waitFor();
    const rows = await staffRows(admin.page);
    const keyCol = staff.columns.findIndex((c) => c.key === "publicKey");
    const adminFp = await fingerprint(String(rows[0]![keyCol]));

    // A promotion is the administrator's signed act, with the key still unlocked from the
    // signing above (no PIN): a new Staff row, countersigned, in force from now.
    await admin.page.getByTestId("restaff-name").fill("王主管");
    await admin.page.getByTestId("restaff-role").click();
    await admin.page.getByRole("option", { name: "主管经理" }).click();
    await admin.page.getByTestId("restaff-department").fill("总务部");
    await admin.page.getByTestId("restaff").click();
    await admin.page.getByTestId("staff-message").filter({ hasText: "已变更:王主管" }).waitFor();
    const promoted = (await staffRows(admin.page)).slice(rows.length);
    const at = (key: string) => staff.columns.findIndex((c) => c.key === key);
    assert.deepEqual(
      promoted.map((r) => [r[at("name")], r[at("role")], r[at("department")], r[at("countersign")] !== ""]),
      [["王主管", "主管经理", "总务部", true]],
    );
    // What the change appended to the Change log is sealed with the administrator's unlocked key.
    const log = await admin.page.evaluate(
      () =>
        (window as unknown as { previewHost: { sheet(n: string): { values: Rows } } }).previewHost.sheet(
          "变更记录",
        ).values,
    );
    const signatureCol = log[0]!.indexOf("签名");
    assert.ok(signatureCol > 0);
    assert.match(String(log.at(-1)![signatureCol]), /^[0-9A-F]{32} \S+$/, "the last row is signed");

    // A clerk's new device opens the shared workbook: Validate is the first page it uses.
    const clerk = await newDevice();
    await seedStaff(clerk.page, rows);
    await openTab(clerk.page, "校验");
    const banner = pane(clerk.page).getByTestId("trust-banner");
    await banner.filter({ hasText: "本机已记住此工作簿的名簿管理员密钥" }).waitFor();
    assert.match(await banner.innerText(), new RegExp(spokenFingerprint(adminFp)));
    assert.match(spokenFingerprint(adminFp), /^(\d{5} ){7}\d{5}$/);

    // The clerk enrols on this device (every act in the pane needs someone to act).
    await enrol(clerk.page, "钱会计", "财务科", "财务科职员", "Qn4c-Wr8t");

    // Someone puts an administrator row of their own in place of the real one.
    const other = await newDevice();
    await enrol(other.page, "假管理", "财务科", "名簿管理员", "Fk9x-Qm2w");
    const impostor = (await staffRows(other.page))[0]!;
    await seedStaff(clerk.page, [impostor]);
    await openTab(clerk.page, "登记");
    await banner.filter({ hasText: "与本机记住的不同" }).waitFor();
    assert.match(await banner.innerText(), new RegExp(spokenFingerprint(adminFp)), "names the key it trusts");
    await clerk.page.getByTestId("post").click();
    await clerk.page.getByTestId("post-message").filter({ hasText: "名簿管理员" }).waitFor();

    // The administrator's own device is not fooled by a second self-appointed administrator.
    await seedStaff(admin.page, [impostor]);
    await openTab(admin.page, "校验");
    await pane(admin.page).getByTestId("trust-banner").filter({ hasText: "与本机记住的不同" }).waitFor();
    for (const device of [admin, clerk, other]) assert.deepEqual(device.errors, []);
  });
});
