/**
 * Issue 19: `backup` writes the workbook encrypted with Excel's own file encryption under a
 * password the administrator chooses, read from a file or the environment, never from the
 * command line. LibreOffice opens the backup with the password, refuses it without, and
 * reads the same sheets as from the workbook; decrypted, it is the workbook byte for byte.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BACKUP_PASSWORD_ENV, main } from "../../src/cli/main";
import { decryptWorkbook } from "../../src/domain/backup-crypto";
import { decryptIndependently, openInLibreOffice } from "../support/libreoffice";

function capture() {
  const lines: string[] = [];
  return { lines, out: { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) } };
}

/** Runs the CLI with the backup password in the environment (or none), as a shell would. */
async function withPassword(password: string | undefined, argv: string[]) {
  const before = process.env[BACKUP_PASSWORD_ENV];
  if (password === undefined) delete process.env[BACKUP_PASSWORD_ENV];
  else process.env[BACKUP_PASSWORD_ENV] = password;
  try {
    const c = capture();
    return { status: await main(argv, c.out), said: c.lines.join("\n") };
  } finally {
    if (before === undefined) delete process.env[BACKUP_PASSWORD_ENV];
    else process.env[BACKUP_PASSWORD_ENV] = before;
  }
}

describe("backup: the workbook, encrypted under the administrator's password (issue 19)", function () {
  this.timeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), "cli-backup-"));
  const book = join(dir, "book.xlsx");
  const PASSWORD = "Hv8t-Lq3m2";
  before(async () => {
    assert.equal(await main(["sample", book, "--rows", "40", "--month", "2026-11"], capture().out), 0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("LibreOffice opens the backup with the password and reads the workbook's every sheet; without it, or with a wrong one, it refuses", async () => {
    const backup = join(dir, "backup.xlsx");
    // The workbook as it stands before: the backup is recorded in it afterwards.
    const original = await openInLibreOffice(book);
    const made = await withPassword(PASSWORD, ["backup", book, "--out", backup, "--person", "赵管理"]);
    assert.equal(made.status, 0, made.said);
    assert.match(made.said, /backup\.xlsx:\d+ KB,已用密码加密\(AES-256\)。密码未保存在任何地方/);

    assert.ok(original && original["客户原簿"]?.includes("C000040"), "LibreOffice reads the workbook");
    assert.ok(original["变更记录"] && original["设置"], Object.keys(original).join(", "));
    assert.deepEqual(await openInLibreOffice(backup, PASSWORD), original, "the same sheets, cell for cell");
    assert.equal(await openInLibreOffice(backup), undefined, "no password: refused");
    assert.equal(await openInLibreOffice(backup, "Hv8t-Lq3m3"), undefined, "a wrong password: refused");
    // Recorded in the workbook, as the pane records it: who, which file, how big — never the password.
    const after = await openInLibreOffice(book);
    assert.match(after!["变更记录"]!, /,赵管理,backup,.*backup\.xlsx \(\d+ bytes,已设密码\)/);
    assert.ok(!after!["变更记录"]!.includes(PASSWORD));
    assert.match(after!["设置"]!, /最近备份日期,\d{4}-\d{2}-\d{2}/);
  });

  it("decrypted with the password, by the library and by msoffcrypto-tool, the backup is the workbook's file byte for byte; the file holds no plain workbook and no password", async () => {
    const backup = join(dir, "bytes.xlsx");
    const file = join(dir, "password.txt");
    writeFileSync(file, `${PASSWORD}\n`);
    const bytes = readFileSync(book);
    const made = await withPassword(undefined, ["backup", book, "--out", backup, "--password-file", file]);
    assert.equal(made.status, 0, made.said);
    const encrypted = readFileSync(backup);
    assert.deepEqual([...encrypted.subarray(0, 4)], [0xd0, 0xcf, 0x11, 0xe0], "an encrypted Office file");
    const info = encrypted.toString("latin1");
    assert.match(info, /cipherAlgorithm="AES"/);
    assert.match(info, /keyBits="256"/);
    assert.match(info, /hashAlgorithm="SHA512"/);
    assert.match(info, /spinCount="100000"/);
    assert.ok(!info.includes(PASSWORD) && !encrypted.toString("utf16le").includes(PASSWORD));
    assert.ok(!info.includes("xl/workbook.xml"), "no part of the workbook in the clear");
    assert.deepEqual(await decryptWorkbook(encrypted, PASSWORD), new Uint8Array(bytes));
    // Another implementation of the format, which checks the HMAC over the package as Excel does.
    assert.deepEqual(await decryptIndependently(backup, PASSWORD), bytes);
    assert.equal(await decryptIndependently(backup, "Hv8t-Lq3m3"), undefined, "a wrong password");
    const tampered = join(dir, "tampered.xlsx");
    writeFileSync(tampered, Buffer.from(encrypted.map((b, i) => (i === encrypted.length >> 1 ? b ^ 1 : b))));
    assert.equal(
      await decryptIndependently(tampered, PASSWORD),
      undefined,
      "one bit changed: the HMAC fails",
    );
  });

  it("takes no password from the command line, and says where to put it", async () => {
    const backup = join(dir, "never.xlsx");
    const given = await withPassword(undefined, ["backup", book, "--out", backup, "--password", PASSWORD]);
    assert.equal(given.status, 2);
    assert.match(given.said, /命令行上的密码不予接受.*--password-file.*REGISTER_BACKUP_PASSWORD/);
    assert.equal(existsSync(backup), false);
    const none = await withPassword(undefined, ["backup", book, "--out", backup, "--lang", "en"]);
    assert.equal(none.status, 2);
    assert.match(none.said, /No backup password: give --password-file/);
    assert.equal(existsSync(backup), false);
    const usage = await withPassword(undefined, []);
    assert.match(usage.said, /never give it on the command line: shell history and the process list/);
  });

  it("refuses a password against the rule, naming the rule in the language asked for", async () => {
    const backup = join(dir, "weak.xlsx");
    for (const [password, zh, en] of [
      ["Ab3", "备份密码至少8个字符", "8 characters or more"],
      ["Kplmqrtzx", "须同时含有字母和数字", "both letters and digits"],
      ["abcd1234", "太容易猜", "too easy to guess"],
    ]) {
      const c = await withPassword(password, ["backup", book, "--out", backup]);
      assert.equal(c.status, 2, password);
      assert.match(c.said, new RegExp(zh), password);
      assert.match(
        (await withPassword(password, ["backup", book, "--out", backup, "--lang", "en"])).said,
        new RegExp(en),
      );
    }
    assert.equal(existsSync(backup), false);
  });

  it("names the backup by date beside the workbook, overwrites nothing unasked, and never the workbook itself", async () => {
    const day = new Date();
    const pad = (n: number) => String(n).padStart(2, "0");
    const named = join(
      dir,
      `客户名簿-备份-${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}.xlsx`,
    );
    assert.equal((await withPassword(PASSWORD, ["backup", book])).status, 0);
    assert.ok(existsSync(named), named);
    const again = await withPassword(PASSWORD, ["backup", book]);
    assert.equal(again.status, 2);
    assert.match(again.said, /已存在,未覆盖/);
    assert.equal((await withPassword(PASSWORD, ["backup", book, "--force"])).status, 0);
    const over = await withPassword(PASSWORD, ["backup", book, "--out", book, "--force"]);
    assert.equal(over.status, 2);
    assert.match(over.said, /备份不能写在工作簿本身/);
    const notBook = join(dir, "not-a-book.xlsx");
    writeFileSync(notBook, "not a zip");
    assert.equal((await withPassword(PASSWORD, ["backup", notBook, "--out", join(dir, "x.xlsx")])).status, 2);
  });
});
