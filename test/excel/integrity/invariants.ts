/**
 * The register's promises, read straight off the sheets (not through the code under
 * test): every customer in exactly one place, no ID on two rows, every logged intent
 * closed or named by Validate, every stamp in a cell logged, the chain intact.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { validateWorkbook } from "../../../src/excel/actions/validate-workbook";
import { envOf, logOf } from "../fixtures";
import { now, type People } from "./world";

const PLACES = ["客户原簿", "交易中止", "交易过去", "销毁记录"];
const INTENTS = new Set([
  "post",
  "reinstate",
  "terminate",
  "destroy",
  "correct",
  "review",
  "handOver",
  "markInvalid",
  "stamp",
  "reject",
]);

/** Each customer ID and the places (sheets) its rows stand on, once per row. */
export function places(host: MemoryExcelHost): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const sheet of PLACES)
    for (const row of host.sheet(sheet).values.slice(1)) {
      const id = String(row[0] ?? "");
      if (id) where.set(id, [...(where.get(id) ?? []), sheet]);
    }
  return where;
}

/** What the log says was started and not closed: the customer or request of every intent of an op without "done". */
export function unfinished(host: MemoryExcelHost): Set<string> {
  const log = logOf(host, true);
  const closed = new Set(log.filter((e) => e.action === "done").map((e) => e.op));
  return new Set(
    log.filter((e) => INTENTS.has(e.action!) && !closed.has(e.op)).map((e) => e.customerId || e.requestNo!),
  );
}

/** Stamps standing in an intake cell with no log row carrying them: a stamp without its trail. */
export function unloggedStamps(host: MemoryExcelHost): string[] {
  const [head, ...rows] = host.sheet("交易开始调查书").values;
  const at = (h: string) => head!.indexOf(h);
  const logged = logOf(host, true).filter((e) => e.action === "stamp" || e.action === "reject");
  const out: string[] = [];
  for (const row of rows) {
    const requestNo = String(row[at("申请编号")]);
    for (const data of String(row[at("盖章")]).match(/⟦[^⟧]+⟧/g) ?? [])
      if (!logged.some((e) => e.requestNo === requestNo && e.approval!.includes(data)))
        out.push(`${requestNo} ${data.slice(0, 12)}`);
  }
  return out;
}

export async function problemsOf(host: MemoryExcelHost, people: People) {
  const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
  assert.ok(checked.ok, JSON.stringify(checked));
  return checked.problems;
}

/** After a cut: nobody lost, anyone in two places has a logged unfinished intent, and Validate names exactly those. */
export async function assertCutIsSafe(
  host: MemoryExcelHost,
  people: People,
  before: Set<string>,
  label: string,
) {
  const where = places(host);
  for (const id of before) assert.ok(where.has(id), `${label}: ${id} lost`);
  const open = unfinished(host);
  for (const [id, sheets] of where)
    if (sheets.length > 1)
      assert.ok(open.has(id), `${label}: ${id} on ${sheets.join(", ")} with no unfinished intent`);
  assert.deepEqual(unloggedStamps(host), [], `${label}: a stamp without its log entry`);
  const problems = await problemsOf(host, people);
  const named = new Set(problems.filter((p) => p.rule === "journal.unfinished").map((p) => p.value));
  assert.deepEqual(
    [...named].sort(),
    [...open].sort(),
    `${label}: Validate names exactly what is unfinished`,
  );
  const other = problems.filter(
    (p) => (p.rule.startsWith("journal.") && p.rule !== "journal.unfinished") || p.rule.startsWith("log."),
  );
  assert.deepEqual(
    other.map((p) => `${p.sheetName}!${p.address} ${p.rule} ${p.value}`),
    [],
    `${label}: nothing else disagrees`,
  );
}

/** After a completed action: every customer in exactly one place, nothing unfinished, Validate clean on the journal. */
export async function assertSettled(host: MemoryExcelHost, people: People, label: string) {
  for (const [id, sheets] of places(host))
    assert.equal(sheets.length, 1, `${label}: ${id} on ${sheets.join(", ")}`);
  assert.deepEqual([...unfinished(host)], [], `${label}: every intent closed`);
  assert.deepEqual(unloggedStamps(host), [], `${label}: a stamp without its log entry`);
  const requests = host
    .sheet("交易开始调查书")
    .values.slice(1)
    .map((r) => String(r[0]));
  assert.equal(new Set(requests).size, requests.length, `${label}: a request number twice`);
  const problems = (await problemsOf(host, people)).filter(
    (p) => p.rule.startsWith("journal.") || p.rule.startsWith("log."),
  );
  assert.deepEqual(
    problems.map((p) => `${p.sheetName}!${p.address} ${p.rule} ${p.value}`),
    [],
    `${label}: Validate`,
  );
}

/** The whole workbook's values, to tell cut points apart that leave the same state. */
export function stateOf(host: MemoryExcelHost): string {
  return JSON.stringify(host.sheetNames().map((n) => [n, host.sheet(n).values]));
}
