/**
 * `npx tsx scripts/render-list-page.ts`: prints the first and last page of a sample 新增
 * list, the first page of address labels and a customer card through LibreOffice, and saves them under
 * docs/images/ for the README.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli/main";
import { keepOnly } from "../test/support/print";

/** One sheet of the book printed to PDF by LibreOffice; returns the PDF's path and page count. */
async function printSheet(dir: string, book: string, sheet: string, name: string) {
  const xlsx = join(dir, `${name}.xlsx`);
  await keepOnly(book, xlsx, [sheet]);
  execFileSync("libreoffice", [
    `-env:UserInstallation=file://${dir}/profile`,
    "--headless",
    "--convert-to",
    "pdf",
    "--outdir",
    dir,
    xlsx,
  ]);
  const pdf = join(dir, `${name}.pdf`);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf]).toString())![1]);
  return { pdf, pages };
}

function png(pdf: string, page: number, name: string) {
  const at = String(page);
  execFileSync("pdftoppm", [
    "-png",
    "-r",
    "60",
    "-f",
    at,
    "-l",
    at,
    "-singlefile",
    pdf,
    join("docs/images", name),
  ]);
}

async function render() {
  const dir = mkdtempSync(join(tmpdir(), "render-"));
  const book = join(dir, "book.xlsx");
  const quiet = { log: () => {}, error: (s: string) => console.error(s) };
  await main(["sample", book, "--rows", "467", "--month", "2026-11"], quiet);
  await main(["build-month", book, "2026-11"], quiet);
  await main(["mail", book, "--region", "华东", "--purpose", "年末客户回访"], quiet);
  await main(["card", book, "C000002"], quiet);
  const month = await printSheet(dir, book, "新增2026-11", "month");
  png(month.pdf, 1, "monthly-list-print");
  png(month.pdf, month.pages, "monthly-list-print-last");
  const labels = await printSheet(dir, book, "邮寄标签", "labels");
  png(labels.pdf, 1, "mailing-labels-print");
  const card = await printSheet(dir, book, "卡片-C000002", "card");
  png(card.pdf, 1, "customer-card-print");
  console.log(
    `docs/images/monthly-list-print.png, …-last.png (page 1 and ${month.pages} of ${month.pages}), mailing-labels-print.png, customer-card-print.png`,
  );
}

render().catch((e) => {
  console.error(e);
  process.exit(1);
});
