import { MemoryExcelHost } from "../../src/host/memory-host";
import { joinSegments, logSegmentNames } from "../../src/domain/log-segments";
import { adoptExistingRegister, setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import { changeLog, register, staff } from "../../src/domain/schema/sheets";
import { headerIndex } from "../../src/domain/layout";
import { staffRoles } from "../../src/domain/schema/choices";
import { sampleRegister } from "../../src/domain/sample";
import { office, stampedRequest } from "../domain/support/people";
import type { StaffEntry } from "../../src/domain/stamps/staff";
import { RUN_OPTIONS, type ExcelEnv, type Platform } from "../../src/excel/env";

/** The adapter's environment over an in-memory host, as the preview builds it. */
export function envOf(
  host: MemoryExcelHost,
  platform: Platform = "web",
  displayLanguage = "zh-CN",
): ExcelEnv {
  // As the pane's: the sheet names its last action listed, kept for the next (book.ts).
  return { run: (batch) => host.run(RUN_OPTIONS, batch), platform, displayLanguage, sheetNames: {} };
}

type Office = Awaited<ReturnType<typeof office>>;

/**
 * A set-up workbook with the office's Staff rows (countersigned keys), `requests` stamped
 * intake requests and optionally a sample register, counters reset.
 */
export async function workbook(
  people: Office,
  requests: number,
  registerRows = 0,
  platform: Platform = "web",
) {
  const host = new MemoryExcelHost({ platform });
  await setUpWorkbook(envOf(host, platform));
  seedStaff(host, people.entries);
  if (registerRows) {
    host.seedSheet("客户原簿", sampleRegister(registerRows, "zh", 1000), { at: "A2", raw: true });
    await adopt(host, platform);
  }
  const rows = [];
  for (let i = 0; i < requests; i++) rows.push(await stampedRequest(i, [people.head, people.chairman]));
  host.seedSheet("交易开始调查书", rows, { at: "A2", raw: true });
  host.resetCounters();
  return host;
}

/** Puts Staff rows on the sheet as an administrator's pane would have written them. */
export function seedStaff(host: MemoryExcelHost, entries: StaffEntry[]): void {
  const rows = entries.map((e) =>
    staff.columns.map((c) =>
      c.key === "role"
        ? staffRoles.find((r) => r.code === e.role)!.zh
        : c.key === "revoked"
          ? ""
          : String((e as unknown as Record<string, unknown>)[c.key] ?? ""),
    ),
  );
  host.seedSheet("人员", rows, { at: "A2", raw: true });
}

/** A set-up workbook with the office's Staff and a sample register, all in 业务一部. */
export async function bookOf(rows: number, people: Office, platform: Platform = "web") {
  const host = new MemoryExcelHost({ platform });
  await setUpWorkbook(envOf(host, platform));
  seedStaff(host, people.entries);
  // All in the head's department, so the head may approve every termination.
  const data = sampleRegister(rows, "zh");
  const dept = register.columns.findIndex((c) => c.key === "department");
  for (const r of data) r[dept] = "业务一部";
  host.seedSheet("客户原簿", data, { at: "A2", raw: true });
  await adopt(host, platform);
  host.resetCounters();
  return host;
}

/** Takes rows seeded as a register kept by hand into the journal, as the pane's first set-up does. */
export async function adopt(host: MemoryExcelHost, platform: Platform = "web") {
  const taken = await adoptExistingRegister(envOf(host, platform), "陈会计", {
    date: "2026-01-05",
    time: "09:00",
  });
  if (!taken.ok || taken.problems.length) throw new Error(`adoption failed: ${JSON.stringify(taken)}`);
}

/** The Change log's rows by column key (header in either language), the set-up's "adopt" rows left out. */
export function logOf(host: MemoryExcelHost, withAdopt = false): Record<string, string>[] {
  // The log's rows on all its sheets (log-segments.ts), as the core reads them.
  const [header, ...rows] = joinSegments(logSegmentNames(host.sheetNames()).map((n) => host.sheet(n).values));
  const at = headerIndex(changeLog, header);
  return rows
    .map((r) => Object.fromEntries(changeLog.columns.map((c) => [c.key, String(r[at[c.key] ?? -1] ?? "")])))
    .filter((e) => withAdopt || e.action !== "adopt");
}

/** A salesman's loan of the whole list for year-end visits, due in three days (loans.ts). */
export const yearEndLoan = {
  borrower: "刘业务",
  department: "业务一部",
  title: "业务员",
  class: "",
  region: "",
  from: "",
  due: "2026-11-27 17:30",
  purpose: "年末走访",
};
