import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import {
  backUpWorkbook,
  confirmCopySaved,
  loadBackupStatus,
  readWholeFile,
  type OfficeDocumentLike,
} from "../../src/excel/backup";
import { backupDue } from "../../src/domain/backup";
import { decryptWorkbook, encryptWorkbook } from "../../src/domain/backup-crypto";
import { main } from "../../src/cli/main";
import { bookOf, envOf, logOf } from "./fixtures";
import { staffOf } from "./integrity/world";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";

/**
 * Office.context.document as Office hands out a file: getFileAsync gives size and slice
 * count, getSliceAsync gives each slice's bytes, and at most two files may be open at once
 * (a third getFileAsync fails until one is closed).
 */
function officeDocument(bytes: Uint8Array, failSlice?: number) {
  const state = { open: 0, closed: 0 };
  const doc: OfficeDocumentLike = {
    getFileAsync(type, options, callback) {
      assert.equal(type, "compressed");
      if (state.open - state.closed >= 2)
        return callback({
          status: "failed",
          value: undefined as never,
          error: { code: 11103, message: "too many files open" },
        });
      state.open++;
      const size = options.sliceSize;
      callback({
        status: "succeeded",
        value: {
          size: bytes.length,
          sliceCount: Math.ceil(bytes.length / size),
          getSliceAsync(i, cb) {
            if (i === failSlice)
              return cb({
                status: "failed",
                value: undefined as never,
                error: { code: 5001, message: "slice lost" },
              });
            setTimeout(() =>
              cb({ status: "succeeded", value: { data: bytes.subarray(i * size, (i + 1) * size) } }),
            );
          },
          closeAsync() {
            state.closed++;
          },
        },
      });
    },
  };
  return { doc, state };
}

/**
 * Stands in for the encryption where the bytes are no workbook: what it was given, and a
 * file 4 KB longer (an encrypted backup is larger than the workbook).
 */
function sealer() {
  const given: Uint8Array[] = [];
  const encrypt = async (b: Uint8Array) => (given.push(b), new Uint8Array(b.length + 4096));
  return { given, encrypt };
}
const { encrypt } = sealer();

describe("backing up the workbook file", function () {
  this.timeout(30_000);
  const file = Uint8Array.from({ length: 9 * 1024 * 1024 + 17 }, (_, i) => (i * 31) % 251);

  it("joins every slice of a 9 MB file in order and closes it", async () => {
    const { doc, state } = officeDocument(file);
    const bytes = await readWholeFile(doc);
    assert.equal(bytes.length, file.length);
    assert.deepEqual(bytes.subarray(-100), file.subarray(-100));
    assert.equal(bytes[4 * 1024 * 1024], file[4 * 1024 * 1024]);
    assert.equal(state.closed, 1);
  });

  it("closes the file when a slice fails, so the next backup can open it", async () => {
    const { doc, state } = officeDocument(file, 1);
    await assert.rejects(readWholeFile(doc), /slice lost/);
    await assert.rejects(readWholeFile(doc), /slice lost/);
    await assert.rejects(readWholeFile(doc), /slice lost/, "a third try still gets the file: none left open");
    assert.equal(state.closed, 3);
  });

  it("saves a dated copy, then records the date on Settings and in the Change log; the reminder goes", async () => {
    const host = new MemoryExcelHost();
    const { doc } = officeDocument(file);
    const env = { ...envOf(host), document: doc };
    await setUpWorkbook(env);
    const before = await loadBackupStatus(env);
    assert.ok(before.ok && before.lastBackup === "");
    assert.equal(backupDue("", "2026-11-24"), true);
    const saved: { name: string; size: number }[] = [];
    const now = { date: "2026-11-24", time: "17:00" };
    const sealed = sealer();
    const result = await backUpWorkbook(
      env,
      (b, name) => (saved.push({ name, size: b.length }), "saved"),
      "陈会计",
      now,
      sealed.encrypt,
    );
    assert.ok(result.ok && !result.unavailable, JSON.stringify(result));
    assert.deepEqual(sealed.given, [file], "the whole file went to the encryption");
    assert.deepEqual(
      saved,
      [{ name: "客户名簿-备份-2026-11-24.xlsx", size: file.length + 4096 }],
      "what was saved is what the encryption made",
    );
    const after = await loadBackupStatus(env);
    assert.ok(after.ok && after.lastBackup === "2026-11-24");
    assert.equal(backupDue(after.lastBackup, "2026-11-30"), false);
    assert.equal(backupDue(after.lastBackup, "2026-12-01"), true, "a new month wants a new copy");
    const log = logOf(host).at(-1)!;
    assert.equal(log.action, "backup");
    assert.equal(log.newValue, "客户名簿-备份-2026-11-24.xlsx (9441297 bytes,已设密码)");
  });

  it("says the file cannot be read where there is no Office document (the preview) and writes nothing", async () => {
    const host = new MemoryExcelHost();
    await setUpWorkbook(envOf(host));
    host.resetCounters();
    const result = await backUpWorkbook(
      envOf(host),
      () => assert.fail("nothing to save"),
      "陈会计",
      { date: "2026-11-24", time: "17:00" },
      encrypt,
    );
    assert.ok(result.ok && result.unavailable);
    assert.equal(host.syncs, 0);
  });

  const now = { date: "2026-11-24", time: "17:00" };
  const backups = (host: MemoryExcelHost) => logOf(host).filter((e) => e.action === "backup");

  it("on a Mac the file is not read and nothing is recorded until the person confirms a copy made with Save a Copy", async () => {
    const host = new MemoryExcelHost();
    const { doc, state } = officeDocument(file);
    const env = { ...envOf(host), document: doc, officePlatform: "Mac" };
    await setUpWorkbook(env);
    host.resetCounters();
    const result = await backUpWorkbook(
      env,
      () => assert.fail("a Mac's pane cannot hand a file over"),
      "陈会计",
      now,
      encrypt,
    );
    assert.ok(result.ok && result.unavailable === "noDownload", JSON.stringify(result));
    assert.equal(state.open, 0, "the file was not even read");
    assert.equal(host.syncs, 0, "nothing recorded");
    const confirmed = await confirmCopySaved(env, "陈会计", now);
    assert.ok(confirmed.ok, JSON.stringify(confirmed));
    const status = await loadBackupStatus(env);
    assert.ok(status.ok && status.lastBackup === "2026-11-24");
    assert.deepEqual(
      backups(host).map((e) => [e.person, e.newValue]),
      [["陈会计", "经办人确认已用“另存副本”保存"]],
    );
  });

  it("records a backup reading what the log's next row needs, not the whole log (issue 15)", async () => {
    const people = await staffOf();
    const host = await bookOf(3000, people);
    const logBytes = JSON.stringify(host.sheet("变更记录").values).length;
    const env = { ...envOf(host), officePlatform: "Mac" };
    host.resetCounters();
    const confirmed = await confirmCopySaved(env, "陈会计", now);
    assert.ok(confirmed.ok, JSON.stringify(confirmed));
    const read = host.syncLog.reduce((n, s) => n + s.responseBytes, 0);
    assert.ok(read * 10 < logBytes, `read ${read} bytes; the log holds ${logBytes}`);
    assert.equal(backups(host).length, 1);
    // The row chains on and is sealed as any: Validate finds nothing on the log.
    const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.problems
        .filter((p) => p.rule.startsWith("log."))
        .map((p) => `${p.sheetName}!${p.address} ${p.rule}`),
      [],
    );
  });

  it("where Excel lacks the CompressedFile requirement set, the pane says so and reads nothing", async () => {
    const host = new MemoryExcelHost();
    const env = { ...envOf(host), officePlatform: "PC" };
    await setUpWorkbook(env);
    const result = await backUpWorkbook(env, () => assert.fail("no file to save"), "陈会计", now, encrypt);
    assert.ok(result.ok && result.unavailable === "noFileApi", JSON.stringify(result));
    assert.deepEqual(backups(host), []);
  });

  it("a save the person cancels records no backup; one handed to the browser says so in the log", async () => {
    const host = new MemoryExcelHost();
    const env = { ...envOf(host), document: officeDocument(file).doc };
    await setUpWorkbook(env);
    const cancelled = await backUpWorkbook(env, () => "cancelled", "陈会计", now, encrypt);
    assert.ok(cancelled.ok && cancelled.saved === "cancelled");
    const before = await loadBackupStatus(env);
    assert.ok(before.ok && before.lastBackup === "", "a cancelled save is no backup");
    assert.deepEqual(backups(host), []);
    const offered = await backUpWorkbook(
      env,
      () => Promise.resolve("offered" as const),
      "陈会计",
      now,
      encrypt,
    );
    assert.ok(offered.ok && offered.saved === "offered");
    assert.match(backups(host)[0]!.newValue!, /9441297 bytes,已设密码,已交给浏览器下载/);
  });

  it("hands over the workbook encrypted under the password: it decrypts to the very bytes Office gave", async () => {
    const dir = mkdtempSync(join(tmpdir(), "backup-"));
    const book = join(dir, "book.xlsx");
    assert.equal(await main(["sample", book, "--rows", "30"], { log() {}, error() {} }), 0);
    const workbook = new Uint8Array(readFileSync(book));
    const host = new MemoryExcelHost();
    const env = { ...envOf(host), document: officeDocument(workbook).doc };
    await setUpWorkbook(env);
    const saved: Uint8Array[] = [];
    const result = await backUpWorkbook(
      env,
      (b) => (saved.push(b), "saved"),
      "陈会计",
      now,
      (b) => encryptWorkbook(b, "Kp7w-Rz4q9"),
    );
    assert.ok(result.ok && result.saved === "saved", JSON.stringify(result));
    assert.equal(result.bytes, saved[0]!.length);
    assert.deepEqual([...saved[0]!.subarray(0, 4)], [0xd0, 0xcf, 0x11, 0xe0], "an encrypted Office file");
    assert.notDeepEqual(saved[0]!.subarray(0, 2), workbook.subarray(0, 2), "no zip (PK) handed over");
    assert.deepEqual(await decryptWorkbook(saved[0]!, "Kp7w-Rz4q9"), workbook);
    await assert.rejects(decryptWorkbook(saved[0]!, "Kp7w-Rz4q8"), /password is incorrect/);
    assert.ok(!backups(host)[0]!.newValue!.includes("Kp7w"), "the password is nowhere in the log");
    rmSync(dir, { recursive: true, force: true });
  });
});
