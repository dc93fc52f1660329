/**
 * Encrypted backups as other programs see them. LibreOffice opening a file as a person
 * would, headless: with the password it asks for when one is given, and with none
 * otherwise. Through UNO (test/support/lo_open.py, run by Debian's python3 with
 * python3-uno), since `soffice --convert-to` cannot be given a password. And
 * msoffcrypto-tool decrypting it, checking its integrity. Fails, never skips, when a tool
 * is missing.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PYTHON = "/usr/bin/python3";
const UNO = "/usr/lib/python3/dist-packages/uno.py";
const MSOFFCRYPTO = "/usr/lib/python3/dist-packages/msoffcrypto/__init__.py";

/**
 * Every sheet of `file` as LibreOffice reads it, as CSV by sheet name; undefined when
 * LibreOffice refuses to open the file (an encrypted one without its password, or with a
 * wrong one).
 */
export async function openInLibreOffice(
  file: string,
  password?: string,
): Promise<Record<string, string> | undefined> {
  for (const [tool, pkg] of [
    ["/usr/bin/soffice", "libreoffice-calc-nogui"],
    [PYTHON, "python3"],
    [UNO, "python3-uno"],
  ])
    if (!existsSync(tool)) throw new Error(`${tool} is missing: npm test installs ${pkg}`);
  const dir = mkdtempSync(join(tmpdir(), "lo-open-"));
  const out = join(dir, "out");
  mkdirSync(out);
  try {
    const code = await new Promise<number>((resolve, reject) => {
      const args = [join(__dirname, "lo_open.py"), join(dir, "profile"), file, out];
      if (password !== undefined) args.push(password);
      execFile(PYTHON, args, { timeout: 240_000 }, (error, _stdout, stderr) => {
        if (!error) return resolve(0);
        if (typeof error.code === "number" && error.code === 3) return resolve(3);
        reject(new Error(`LibreOffice could not be run: ${error.message}\n${stderr}`));
      });
    });
    if (code === 3) return undefined;
    const sheets: Record<string, string> = {};
    for (const name of readdirSync(out))
      sheets[name.replace(/^sheet-/, "").replace(/\.csv$/, "")] = readFileSync(join(out, name), "utf8");
    return sheets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The workbook inside an encrypted backup as msoffcrypto-tool decrypts it
 * (test/support/msoffcrypto_decrypt.py): an implementation of the format independent of
 * officecrypto-tool, which checks the password and the HMAC over the encrypted package, as
 * Excel does (LibreOffice does not check the HMAC). Undefined when it refuses the file.
 * Fails, never skips, when python3-msoffcrypto-tool is missing.
 */
export async function decryptIndependently(file: string, password: string): Promise<Buffer | undefined> {
  if (!existsSync(MSOFFCRYPTO))
    throw new Error(`${MSOFFCRYPTO} is missing: npm test installs python3-msoffcrypto-tool`);
  const dir = mkdtempSync(join(tmpdir(), "msoffcrypto-"));
  const out = join(dir, "plain.xlsx");
  try {
    const code = await new Promise<number>((resolve, reject) =>
      execFile(
        PYTHON,
        [join(__dirname, "msoffcrypto_decrypt.py"), file, out, password],
        { timeout: 120_000 },
        (error, _stdout, stderr) => {
          if (!error) return resolve(0);
          if (error.code === 3) return resolve(3);
          reject(new Error(`msoffcrypto-tool could not decrypt ${file}: ${error.message}\n${stderr}`));
        },
      ),
    );
    return code === 0 ? readFileSync(out) : undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
