/**
 * What an insider with edit access does in Excel, without the add-in: type into cells,
 * paste rows, and — holding a real key and the add-in's code — stamp outside the pane.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { changeLog, intake } from "../../../src/domain/schema/sheets";
import { chainHash, GENESIS } from "../../../src/domain/change-log";
import { journalRow } from "../../../src/domain/journal/journal";
import { headerIndex } from "../../../src/domain/layout";
import { defaultSettings, policyVersion } from "../../../src/domain/settings";
import { defaultStampedFields, formatStamps, makeStamp, type Stamp } from "../../../src/domain/stamps/stamps";
import { stampedValues } from "../../../src/domain/stamps/values";
import { columnLetter, type Cell } from "../../../src/domain/workbook";
import type { Person } from "../../domain/support/people";
import { now } from "./world";

const INTAKE = "交易开始调查书";

/** A cell typed the way a person does in Excel: no add-in involved. */
export function typeInto(host: MemoryExcelHost, sheet: string, row: number, header: string, value: Cell) {
  const col = host.sheet(sheet).values[0]!.indexOf(header);
  assert.ok(col >= 0, `${sheet} has a column ${header}`);
  host.seedSheet(sheet, [[value]], { at: `${columnLetter(col)}${row}`, raw: true });
}

/**
 * Every Change log row's approval typed over with 20,000 characters (60,000 bytes as UTF-8)
 * — but the trust rows' and the last row's, which every read takes whole (trust, the
 * chain): what a read that leaves approvals alone must not grow by. Returns how many rows.
 */
export function padApprovals(host: MemoryExcelHost): number {
  const log = host.sheet("变更记录").values;
  const action = log[0]!.indexOf("操作");
  const trust = new Set(["enrol", "restaff", "revoke", "policy"]);
  let rows = 0;
  for (let r = 1; r < log.length - 1; r++)
    if (!trust.has(String(log[r]![action]))) {
      typeInto(host, "变更记录", r + 1, "批准盖章", "章".repeat(20_000));
      rows++;
    }
  return rows;
}

/** A row pasted below the last one; returns its Excel row number. */
export function pasteRow(host: MemoryExcelHost, sheet: string, row: Cell[]): number {
  const at = host.sheet(sheet).values.length + 1;
  host.seedSheet(sheet, [row], { at: `A${at}`, raw: true });
  return at;
}

/** The Excel row of a request on the Intake sheet. */
export function requestRow(host: MemoryExcelHost, requestNo: string): number {
  const values = host.sheet(INTAKE).values;
  const col = values[0]!.indexOf("申请编号");
  const at = values.findIndex((r) => r[col] === requestNo);
  assert.ok(at > 0, `${requestNo} is on the Intake sheet`);
  return at + 1;
}

export function cellOf(host: MemoryExcelHost, sheet: string, row: number, header: string): string {
  const values = host.sheet(sheet).values;
  return String(values[row - 1]![values[0]!.indexOf(header)] ?? "");
}

/** A request's values by column key, as they stand. */
export function requestValues(host: MemoryExcelHost, requestNo: string): Record<string, string> {
  const values = host.sheet(INTAKE).values;
  const row = values[requestRow(host, requestNo) - 1]!;
  return stampedValues(
    Object.fromEntries(intake.columns.map((c) => [c.key, row[values[0]!.indexOf(c.header.zh)] ?? ""])),
  );
}

/**
 * What an insider with a real key and a copy of the add-in's code can do without the
 * pane: sign a request as it stands and write the stamp and 已批准 into its row.
 */
export async function stampOutsideThePane(
  host: MemoryExcelHost,
  requestNo: string,
  signers: Person[],
  kind = "intake",
  /** The time the stamps claim: a thief may write any. */
  time = `${now.date}T${now.time}`,
  /** The fields the stamps cover. */
  fields = defaultStampedFields,
) {
  const values = requestValues(host, requestNo);
  const stamps: Stamp[] = [];
  for (const p of signers)
    stamps.push(
      await makeStamp(p.privateKey, { kind, ref: requestNo, values }, stamps, {
        role: p.entry.role,
        name: p.entry.name,
        time,
        decision: "approve",
        key: p.fp,
        fields,
        policy: policyVersion(defaultSettings),
      }),
    );
  const row = requestRow(host, requestNo);
  typeInto(host, INTAKE, row, "盖章", formatStamps(stamps, "zh"));
  typeInto(host, INTAKE, row, "申请状态", "已批准");
}

/**
 * What an insider with the add-in's code does to the Change log: change a row's reason
 * (unless `reason` is null: the row as it stands) and recompute every hash from there on,
 * so the chain holds again. Every other cell — signatures included — is left as it was.
 */
export function rewriteLogFrom(host: MemoryExcelHost, k: number, reason: string | null = "改过的原因"): void {
  const LOG = "变更记录";
  const values = host.sheet(LOG).values;
  const at = headerIndex(changeLog, values[0]);
  const rows = values.slice(1).map((r) => [...r]);
  const entry = (r: Cell[]) =>
    journalRow(0, Object.fromEntries(changeLog.columns.map((c) => [c.key, r[at[c.key]!] ?? ""])));
  if (reason !== null) rows[k]![at.reason!] = reason;
  let previous = k === 0 ? GENESIS : String(rows[k - 1]![at.hash!]);
  for (let i = k; i < rows.length; i++) {
    rows[i]![at.hash!] = chainHash(previous, entry(rows[i]!));
    previous = String(rows[i]![at.hash!]);
  }
  host.seedSheet(LOG, rows, { at: "A2", raw: true });
}
