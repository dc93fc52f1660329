import { execFile } from "node:child_process";
import { mkdtempSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";

const run = promisify(execFile);

/** A workbook file holding only the named sheets of another, as printed on their own. */
export async function keepOnly(src: string, dst: string, sheets: string[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src, { ignoreNodes: ["dataValidations"] } as never);
  for (const ws of [...wb.worksheets]) if (!sheets.includes(ws.name)) wb.removeWorksheet(ws.id);
  await wb.xlsx.writeFile(dst);
}

async function toPdf(xlsx: string): Promise<string> {
  for (const tool of ["/usr/bin/libreoffice", "/usr/bin/pdftotext"])
    if (!existsSync(tool))
      throw new Error(`${tool} is missing: npm test installs libreoffice and poppler-utils`);
  const dir = mkdtempSync(join(tmpdir(), "print-"));
  const profile = `file://${join(dir, "profile")}`;
  await run(
    "/usr/bin/libreoffice",
    [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsx],
    { timeout: 180_000 },
  );
  return join(
    dir,
    xlsx
      .split("/")
      .pop()!
      .replace(/\.xlsx$/, ".pdf"),
  );
}

/**
 * Prints an .xlsx file through LibreOffice to PDF and returns each page's text
 * (pdftotext -layout). Fails, never skips, when LibreOffice or poppler is missing.
 */
export async function printPages(xlsx: string): Promise<string[]> {
  const pdf = await toPdf(xlsx);
  const { stdout } = await run("/usr/bin/pdftotext", ["-layout", pdf, "-"], { maxBuffer: 64 << 20 });
  return stdout.split("\f").filter((page) => page.trim() !== "");
}

export interface PrintedWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Prints through LibreOffice and returns every page's words with their boxes, in points. */
export async function printWords(
  xlsx: string,
): Promise<{ width: number; height: number; words: PrintedWord[] }[]> {
  const pdf = await toPdf(xlsx);
  const { stdout } = await run("/usr/bin/pdftotext", ["-bbox", pdf, "-"], { maxBuffer: 64 << 20 });
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
  return [...stdout.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
    words: [
      ...m[3]!.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((w) => ({
      xMin: Number(w[1]),
      yMin: Number(w[2]),
      xMax: Number(w[3]),
      yMax: Number(w[4]),
      text: unescape(w[5]!),
    })),
  }));
}
