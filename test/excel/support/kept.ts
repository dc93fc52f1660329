/** Kept sheets (domain/kept-sheets.ts) in the in-memory host: the sheets, the rule's cell, their state. */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { hideKeptSheets } from "../../../src/excel/actions/kept-sheets";
import { staffOf, world, type People } from "../integrity/world";
import { envOf } from "../fixtures";

/** The sheets the rule keeps out of sight, as the Chinese workbook names them. */
export const KEPT = ["客户原簿", "交易中止", "交易过去", "销毁记录", "变更记录", "人员"];

/** Sets a single setting's cell on the Settings sheet (设置), by its label. */
export function setSetting(host: MemoryExcelHost, label: string, value: string) {
  const [head, ...rows] = host.sheet("设置").values;
  const key = head!.indexOf("设置项");
  const val = head!.indexOf("值");
  const at = rows.findIndex((r) => r[key] === label);
  assert.ok(at >= 0, `setting ${label} on the Settings sheet`);
  host.seedSheet("设置", [[value]], { at: `${String.fromCharCode(65 + val)}${at + 2}`, raw: true });
}

export const stateOf = (host: MemoryExcelHost, name: string) => {
  const s = host.sheet(name);
  return `${s.visibility}${s.isProtected ? " protected" : ""}`;
};

export function assertKept(host: MemoryExcelHost, label: string) {
  for (const name of KEPT) assert.equal(stateOf(host, name), "VeryHidden protected", `${label}: ${name}`);
}

/** The integrity world (world.ts) with the rule on and every kept sheet hidden and protected, counters reset. */
export async function hiddenWorld(): Promise<{ people: People; base: MemoryExcelHost }> {
  const people = await staffOf();
  const base = await world(people);
  setSetting(base, "保密工作表隐藏", "是");
  const hidden = await hideKeptSheets(envOf(base), people.admin.fp);
  assert.ok(hidden.ok && hidden.problems.length === 0, JSON.stringify(hidden));
  assert.equal(hidden.hidden, KEPT.length);
  base.resetCounters();
  return { people, base };
}
