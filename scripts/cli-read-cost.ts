/**
 * One CLI read of a workbook file, in a process of its own so its peak memory is its own
 * (used by `npm run bench -- --only cli`): `whole` reads as the writing commands do (ExcelJS's
 * model, then the snapshot), `stream` as `validate` does (stream-read.ts); both then
 * validate. Prints `ms=<n> maxRSSMB=<n> problems=<n>`.
 *   tsx scripts/cli-read-cost.ts <whole|stream> book.xlsx
 */
import { streamSnapshot } from "../src/cli/stream-read";
import { openBook, snapshotOf } from "../src/cli/xlsx";
import { checkWorkbook } from "../src/domain/workbook-check";

async function main() {
  const [how, file] = process.argv.slice(2);
  if (!file || (how !== "whole" && how !== "stream"))
    throw new Error("usage: cli-read-cost <whole|stream> file");
  const started = performance.now();
  const snapshot = how === "stream" ? await streamSnapshot(file) : snapshotOf(await openBook(file));
  if (!snapshot) throw new Error(`${file}: the stream could not read it`);
  const outcome = await checkWorkbook(snapshot, "2026-11-24", undefined, false);
  const ms = performance.now() - started;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`ms=${ms.toFixed(0)} maxRSSMB=${rss.toFixed(0)} problems=${outcome.problems.length}`);
}
void main();
