/**
 * Major matters waiting to be reported (contacts.ts): what the home page lists, apart from
 * the recording of contacts, which checks their cells (validation.ts) — so the pane's shell
 * loads no cell checks at start (issue 15).
 */
import { readSheet, text } from "./records";
import { yesNo } from "./schema/choices";
import { choiceCode } from "./schema/model";
import { contacts } from "./schema/sheets";
import { isoDate } from "./validate/date";
import type { Cell, Snapshot } from "./workbook";

export interface MajorMatter {
  contactNo: string;
  row: number;
  /** YYYY-MM-DD, or the cell's text if it is not a date. */
  date: string;
  customerId: string;
  staff: string;
  summary: string;
}

/** A Contact log row that is a major matter not yet reported (by its 重大 and 报告人 cells). */
export const openMajor = (cells: Record<string, Cell>) =>
  choiceCode(yesNo, text(cells.major)) === "yes" && !text(cells.reportedBy);

/** Major matters not yet reported to the information/finance office. */
export function majorToReport(snapshot: Snapshot): MajorMatter[] {
  return readSheet(contacts, snapshot)
    .records.filter((r) => openMajor(r.values))
    .map((r) => ({
      contactNo: text(r.values.contactNo),
      row: r.row,
      date: isoDate(r.values.date),
      customerId: text(r.values.customerId),
      staff: text(r.values.staff),
      summary: text(r.values.summary),
    }));
}
