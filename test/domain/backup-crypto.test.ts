/**
 * The backup's encryption wraps officecrypto-tool: Excel's agile encryption (AES-256,
 * SHA-512), checked here on a workbook the product writes.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { BackupPasswordRefused, decryptWorkbook, encryptWorkbook } from "../../src/domain/backup-crypto";

describe("encrypting a backup (issue 19)", function () {
  this.timeout(60_000);
  let workbook: Uint8Array;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), "backup-crypto-"));
    await main(["sample", join(dir, "book.xlsx"), "--rows", "10"], { log() {}, error() {} });
    workbook = new Uint8Array(readFileSync(join(dir, "book.xlsx")));
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes Excel's agile encryption: AES-256-CBC, a SHA-512 key from 100,000 rounds, an HMAC over the package", async () => {
    const encrypted = Buffer.from(await encryptWorkbook(workbook, "Kp7w-Rz4q9"));
    const xml = encrypted.toString("latin1");
    // EncryptionInfo: version 4.4, flags 0x40 (agile), then the XML.
    assert.ok(xml.includes("\x04\x00\x04\x00\x40\x00\x00\x00<?xml"), "an agile EncryptionInfo stream");
    assert.match(
      xml,
      /<keyData [^>]*keyBits="256"[^>]*cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"/,
    );
    assert.match(xml, /<dataIntegrity encryptedHmacKey="[^"]+" encryptedHmacValue="[^"]+"/);
    assert.match(xml, /<p:encryptedKey spinCount="100000"[^>]*keyBits="256"[^>]*hashAlgorithm="SHA512"/);
    assert.deepEqual(await decryptWorkbook(encrypted, "Kp7w-Rz4q9"), workbook);
  });

  it("salts every backup afresh: the same workbook and password never give the same file", async () => {
    const [a, b] = [
      await encryptWorkbook(workbook, "Kp7w-Rz4q9"),
      await encryptWorkbook(workbook, "Kp7w-Rz4q9"),
    ];
    assert.notDeepEqual(a, b);
  });

  it("refuses a password against the rule before encrypting anything, and a wrong one on the way back", async () => {
    await assert.rejects(
      encryptWorkbook(workbook, "abcd1234"),
      (e) => e instanceof BackupPasswordRefused && e.rule === "backupPassword.weak",
    );
    const encrypted = await encryptWorkbook(workbook, "Kp7w-Rz4q9");
    await assert.rejects(decryptWorkbook(encrypted, "Kp7w-Rz4q8"), /password is incorrect/);
  });

  it("never hands out a file that does not decrypt to the workbook", async () => {
    // Not a workbook: decrypted, it is no zip, so the check after encrypting refuses it.
    await assert.rejects(encryptWorkbook(new Uint8Array(5000).fill(7), "Kp7w-Rz4q9"));
  });
});
