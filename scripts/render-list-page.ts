/**
 * `npx tsx scripts/render-list-page.ts`: prints the first and last page of a sample 新增
 * list and the first page of address labels through LibreOffice, and saves them under
 * docs/images/ for the README.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli/main";
import { keepOnly } from "../test/support/print";

async function render() {
  const dir = mkdtempSync(join(tmpdir(), "render-"));
  const book = join(dir, "book.xlsx");
  const quiet = { log: () => {}, error: (s: string) => console.error(s) };
  await main(["sample", book, "--rows", "467", "--month", "2026-11"], quiet);
  await main(["build-month", book, "2026-11"], quiet);
  const month = join(dir, "month.xlsx");
  await keepOnly(book, month, ["新增2026-11"]);
  execFileSync("libreoffice", [
    `-env:UserInstallation=file://${dir}/profile`,
    "--headless",
    "--convert-to",
    "pdf",
    "--outdir",
    dir,
    month,
  ]);
  const last = execFileSync("pdfinfo", [join(dir, "month.pdf")])
    .toString()
    .match(/Pages:\s+(\d+)/)![1]!;
  for (const [page, name] of [
    ["1", "monthly-list-print"],
    [last, "monthly-list-print-last"],
  ] as const) {
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      "60",
      "-f",
      page,
      "-l",
      page,
      "-singlefile",
      join(dir, "month.pdf"),
      join("docs/images", name),
    ]);
  }
  await main(["mail", book, "--region", "华东"], quiet);
  const labels = join(dir, "labels.xlsx");
  await keepOnly(book, labels, ["邮寄标签"]);
  execFileSync("libreoffice", [
    `-env:UserInstallation=file://${dir}/profile`,
    "--headless",
    "--convert-to",
    "pdf",
    "--outdir",
    dir,
    labels,
  ]);
  execFileSync("pdftoppm", [
    "-png",
    "-r",
    "60",
    "-f",
    "1",
    "-l",
    "1",
    "-singlefile",
    join(dir, "labels.pdf"),
    join("docs/images", "mailing-labels-print"),
  ]);
  console.log(
    `docs/images/monthly-list-print.png, …-last.png (page 1 and ${last} of ${last}), mailing-labels-print.png`,
  );
}

render().catch((e) => {
  console.error(e);
  process.exit(1);
});
