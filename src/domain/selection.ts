/**
 * Which customer a selected row stands for, in any sheet: the Register and archives (客户编号),
 * the Intake (登记客户编号), the Change log, Contact log, Annual results and Destruction log
 * (客户编号), and the generated lists that show only names (monthly lists, department lists,
 * loan extracts: 企业名称, looked up in the Register). The header is searched in the first
 * rows, since printable sheets carry a title row above it.
 */
import { text } from "./records";
import { setUpSheets } from "./schema/sheets";
import type { Cell } from "./workbook";

/** Rows read from the top of a sheet to find its header. */
export const HEADER_ROWS = 3;

const idHeaders = new Set(
  setUpSheets.flatMap((s) =>
    s.columns
      .filter((c) => c.key === "id" || c.key === "customerId")
      .flatMap((c) => [c.header.zh, c.header.en]),
  ),
);
const nameHeaders = new Set(["企业名称", "Company name"]);
const ID = /^[A-Z]{1,4}\d{4,}$/;

export type RowCustomer = { id: string } | { name: string } | undefined;

/** The customer a row names: by its ID column, else by its company-name column. */
export function customerOfRow(top: Cell[][], row: Cell[]): RowCustomer {
  for (const header of top) {
    const cells = header.map((h) => text(h));
    const idAt = cells.findIndex((h) => idHeaders.has(h));
    if (idAt >= 0 && ID.test(text(row[idAt]))) return { id: text(row[idAt]) };
    const nameAt = cells.findIndex((h) => nameHeaders.has(h));
    if (nameAt >= 0 && text(row[nameAt]) && text(row[nameAt]) !== cells[nameAt])
      return { name: text(row[nameAt]) };
  }
  return undefined;
}

/** The sheet name in an address such as `'My sheet'!B5` or `客户原簿!A2:C2`. */
export function sheetOfAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  const sheet = bang < 0 ? "" : address.slice(0, bang);
  return sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}
