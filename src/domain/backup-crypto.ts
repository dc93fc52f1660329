/**
 * The backup's encryption: Excel's own file encryption (ECMA-376 "agile" encryption, as
 * Excel's File › Info › Protect Workbook › Encrypt with Password makes it), by the
 * officecrypto-tool library — no cryptography of our own. It writes AES-256-CBC over the
 * package, a 256-bit key from the password by SHA-512 iterated 100,000 times with a random
 * salt, and an HMAC-SHA-512 over the encrypted package. Excel and LibreOffice open the file
 * after asking for the password; without it, the file cannot be opened at all.
 *
 * Used by the CLI (`backup`) and by the pane, which loads this module as a chunk of its own
 * only when a backup is made (webpack gives the library Node's Buffer and crypto there).
 */
import { Buffer } from "buffer";
import officeCrypto from "officecrypto-tool";
import { backupPasswordProblem, type BackupPasswordRule } from "./backup-password";

/** A refused password: `rule` names why (backup-password.ts). */
export class BackupPasswordRefused extends Error {
  constructor(readonly rule: BackupPasswordRule) {
    super(rule);
  }
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * The .xlsx `bytes` encrypted under `password`, as an encrypted Office file (a compound
 * file holding EncryptionInfo and EncryptedPackage). The password must meet the rule
 * (backup-password.ts). Before handing the file back it is decrypted again with the
 * password and compared with `bytes`: a backup that would not open is never handed out.
 */
export async function encryptWorkbook(bytes: Uint8Array, password: string): Promise<Uint8Array> {
  const refused = backupPasswordProblem(password);
  if (refused) throw new BackupPasswordRefused(refused);
  const encrypted = officeCrypto.encrypt(asBuffer(bytes), { password });
  const back = await officeCrypto.decrypt(encrypted, { password });
  if (Buffer.compare(back, asBuffer(bytes)) !== 0)
    throw new Error("the encrypted backup did not decrypt to the workbook's bytes");
  return new Uint8Array(encrypted.buffer, encrypted.byteOffset, encrypted.byteLength);
}

/** The .xlsx inside an encrypted backup; rejects when the password is wrong. */
export async function decryptWorkbook(bytes: Uint8Array, password: string): Promise<Uint8Array> {
  const plain = await officeCrypto.decrypt(asBuffer(bytes), { password });
  return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
}
