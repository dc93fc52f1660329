/**
 * The backup's encryption off the pane's thread (backup-encrypt.ts starts it): one message
 * in (the workbook's bytes and the password), one out (the encrypted file, or why not).
 * Webpack makes this file and what it imports — backup-crypto.ts, officecrypto-tool and the
 * stand-ins for Node's Buffer and crypto — a chunk of its own, fetched only for a backup.
 */
import { BackupPasswordRefused, encryptWorkbook } from "../domain/backup-crypto";

export type EncryptRequest = { bytes: Uint8Array; password: string };
export type EncryptReply = { ok: true; bytes: Uint8Array } | { ok: false; code: string; message: string };

const scope = self as unknown as {
  onmessage: ((event: { data: EncryptRequest }) => void) | null;
  postMessage(reply: EncryptReply, transfer?: ArrayBuffer[]): void;
};

scope.onmessage = async ({ data }) => {
  try {
    const bytes = await encryptWorkbook(data.bytes, data.password);
    scope.postMessage({ ok: true, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (error) {
    const code = error instanceof BackupPasswordRefused ? error.rule : "Unexpected";
    scope.postMessage({ ok: false, code, message: error instanceof Error ? error.message : String(error) });
  }
};
