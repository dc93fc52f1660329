/**
 * Issue 19 in the pane (headless Chromium, Chinese): the administrator types the backup
 * password twice on the Set up page; the file the pane hands over is the workbook
 * encrypted in the browser (officecrypto-tool in a worker, a chunk fetched only then).
 * LibreOffice opens that file with the password and refuses it without; decrypted, it is
 * the workbook's file byte for byte. The preview's workbook file is one the CLI wrote,
 * served to the preview's stand-in for Office's getFileAsync (`&file=`).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { main } from "../../src/cli/main";
import { decryptWorkbook } from "../../src/domain/backup-crypto";
import { pageServer } from "../support/browser";
import { decryptIndependently, openInLibreOffice } from "../support/libreoffice";
import { choose, enrol, openSetup, said, setUpPreview, sheetText } from "../support/pane";

const PASSWORD = "Hv8t-Lq3m2";
const FILE = "/register-file.xlsx";

async function typePasswords(page: Page, password: string, again: string) {
  await page.getByLabel("备份密码", { exact: true }).fill(password);
  await page.getByLabel("再次输入备份密码", { exact: true }).fill(again);
}

async function passwordsCleared(page: Page) {
  assert.equal(await page.getByTestId("backup-password").inputValue(), "");
  assert.equal(await page.getByTestId("backup-password-again").inputValue(), "");
}

/**
 * The backup's log line is the administrator's act, sealed with their key: when the key is
 * locked the pane asks for the PIN (not when the act needs no seal), then records it.
 */
async function sealAsAdministrator(page: Page) {
  const asked = page.getByTestId("seal-pin");
  const recorded = page.locator(".preview-pane .ms-MessageBar").filter({ hasText: "已设密码" });
  await asked.or(recorded).first().waitFor({ timeout: 60_000 });
  if (await asked.isVisible()) {
    await asked.fill("Ad1n-Qx7m");
    await page.getByTestId("seal-unlock").click();
  }
}

describe("the monthly backup from the pane, password-protected (headless Chromium, issue 19)", function () {
  this.timeout(600_000);
  const running = pageServer();
  const dir = mkdtempSync(join(tmpdir(), "pane-backup-"));
  const book = join(dir, "book.xlsx");
  before(async () => {
    assert.equal(await main(["sample", book, "--rows", "30"], { log() {}, error() {} }), 0);
    const { context } = running();
    // The workbook's file as Office would hand it over; the browser's save picker is left
    // out, so the pane offers the file as a download, which the test receives.
    await context.route(
      (url) => url.pathname === FILE,
      (route) => route.fulfill({ body: readFileSync(book), contentType: "application/octet-stream" }),
    );
    await context.addInitScript(() => {
      delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("without a workbook file (the preview) says a backup cannot be made here and asks for no password", async () => {
    const { page, errors } = await setUpPreview(running);
    await page.getByTestId("backup-blocked").and(page.locator('[data-reason="preview"]')).waitFor();
    assert.equal(await page.getByTestId("backup-password").count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("hands over the workbook encrypted under the password typed twice: LibreOffice opens it with the password only, and it decrypts to the workbook's bytes", async () => {
    const { page, errors } = await setUpPreview(running, `&file=${FILE}`);
    const workers: string[] = [];
    page.on("worker", (w) => workers.push(w.url()));
    // A backup is the register administrator's act: a head chosen on this device is refused.
    await enrol(page, "赵管理", "财务科", "名簿管理员", "Ad1n-Qx7m");
    await enrol(page, "王主管", "业务一部", "部门主管", "Tz8q-Wm4k");
    await choose(page, "本机身份", "王主管(业务一部)");
    await openSetup(page);
    await typePasswords(page, PASSWORD, PASSWORD);
    await page.getByTestId("backup").click();
    await said(page, "备份由客户名簿管理员进行");
    await passwordsCleared(page);
    await choose(page, "本机身份", "赵管理(财务科)");
    await page
      .getByTestId("backup-password-note")
      .filter({ hasText: "忘记密码,这份备份就再也打不开" })
      .waitFor();
    assert.equal(await page.getByTestId("backup").isDisabled(), true, "no password yet");

    await typePasswords(page, PASSWORD, "Hv8t-Lq3m3");
    await page.getByTestId("backup").click();
    await said(page, "两次输入的备份密码不一致,未备份。");
    await passwordsCleared(page);
    await typePasswords(page, "abcd1234", "abcd1234");
    await page.getByTestId("backup").click();
    await said(page, "备份密码太容易猜");
    await passwordsCleared(page);
    assert.deepEqual(workers, [], "no encryption loaded for a password refused");

    await typePasswords(page, PASSWORD, PASSWORD);
    await page.locator(".preview-pane").screenshot({ path: "test-output/backup-password.png" });
    const { violations } = await new AxeBuilder({ page })
      .include(".preview-pane")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .setLegacyMode(true)
      .analyze();
    assert.deepEqual(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      [],
      "the password fields are labelled and readable",
    );
    const download = page.waitForEvent("download", { timeout: 300_000 });
    await page.getByTestId("backup").click();
    await page.getByTestId("backup-busy").waitFor();
    const file = await download;
    assert.match(file.suggestedFilename(), /^客户名簿-备份-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const backup = join(dir, "from-pane.xlsx");
    await file.saveAs(backup);
    await sealAsAdministrator(page);
    await said(page, /已把“客户名簿-备份-.*\.xlsx”\(\d+ KB,已设密码\)交给浏览器下载/);
    await passwordsCleared(page);
    assert.equal(workers.length, 1, "one worker did the encryption");
    assert.match(workers[0]!, /\/backup-crypto\.js$/);
    await page.getByTestId("backup-reminder").waitFor({ state: "detached" });
    const log = await sheetText(page, "变更记录");
    assert.match(log, /赵管理[\s\S]*已设密码,已交给浏览器下载/);
    assert.ok(!log.includes(PASSWORD), "the password is not in the Change log");
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    assert.ok(!stored.includes(PASSWORD), "nor in the browser's storage");
    assert.deepEqual(errors, []);
    await page.close();

    const encrypted = readFileSync(backup);
    assert.deepEqual([...encrypted.subarray(0, 4)], [0xd0, 0xcf, 0x11, 0xe0], "an encrypted Office file");
    assert.deepEqual(await decryptWorkbook(encrypted, PASSWORD), new Uint8Array(readFileSync(book)));
    assert.deepEqual(
      await decryptIndependently(backup, PASSWORD),
      readFileSync(book),
      "msoffcrypto-tool agrees",
    );
    const original = await openInLibreOffice(book);
    assert.ok(original?.["客户原簿"]?.includes("C000030"), "LibreOffice reads the workbook");
    assert.deepEqual(
      await openInLibreOffice(backup, PASSWORD),
      original,
      "with the password: the same sheets",
    );
    assert.equal(await openInLibreOffice(backup), undefined, "without it: refused");
  });

  it("where the browser asks where to save, asks first (a cancel encrypts nothing), then writes the encrypted file there", async () => {
    const page = await running().context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const workers: string[] = [];
    page.on("worker", (w) => workers.push(w.url()));
    // The save picker of Edge and Chrome (and WebView2): the first is cancelled, the second
    // gives a file whose bytes the page keeps.
    // (A string: the test's compiler would wrap functions in helpers the page lacks.)
    await page.addInitScript(`
      window.picked = [];
      window.showSaveFilePicker = async ({ suggestedName }) => {
        window.picked.push(suggestedName);
        if (window.picked.length === 1) throw new DOMException("cancelled", "AbortError");
        return {
          createWritable: async () => ({
            write: async (blob) => void (window.written = [...new Uint8Array(await blob.arrayBuffer())]),
            close: async () => {},
          }),
        };
      };
    `);
    await page.goto(`${running().base}/taskpane.html?preview&lang=zh-CN&file=${FILE}`);
    await openSetup(page);
    await page.getByTestId("setup").click();
    await page.getByTestId("setup-result").waitFor();
    await enrol(page, "赵管理", "财务科", "名簿管理员", "Ad1n-Qx7m");
    await openSetup(page);

    await typePasswords(page, PASSWORD, PASSWORD);
    await page.getByTestId("backup").click();
    await said(page, "未保存,也未记录备份。");
    assert.deepEqual(workers, [], "cancelled before anything was read or encrypted");

    await typePasswords(page, PASSWORD, PASSWORD);
    await page.getByTestId("backup").click();
    await sealAsAdministrator(page);
    await said(page, /已备份为“客户名簿-备份-.*\.xlsx”\(\d+ KB,已设密码\),并记入变更记录。/);
    const { picked, written } = await page.evaluate<{ picked: string[]; written: number[] }>(
      "({ picked: window.picked, written: window.written })",
    );
    assert.equal(picked.length, 2);
    assert.match(picked[1]!, /^客户名簿-备份-\d{4}-\d{2}-\d{2}\.xlsx$/);
    assert.deepEqual(
      await decryptWorkbook(Uint8Array.from(written), PASSWORD),
      new Uint8Array(readFileSync(book)),
    );
    assert.deepEqual(errors, []);
    await page.close();
  });
});
