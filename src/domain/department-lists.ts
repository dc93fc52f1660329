/**
 * 负责部科别一览表 — the per-department lists, built from the Register. Each is rebuilt
 * whole (cleared, written, protected), so a list can never drift from the Register.
 */
import { EXCEL_ERROR } from "./validation";
import { choiceCode, choiceLabel, numberFormatOf, type Lang } from "./schema/model";
import { customerStatuses, customerTypes } from "./schema/choices";
import { departmentList } from "./schema/sheets";
import type { ReadSheet } from "./records";
import { text } from "./records";
import type { Cell, Snapshot, Write } from "./workbook";
import { listPageSetup } from "./workbook";

const ILLEGAL = /[:\\/?*[\]]/g;

/** "一览表-业务一部": the list sheet's name for a department, within Excel's 31 characters. */
export function listSheetName(department: string, lang: Lang): string {
  return `${departmentList.name[lang]}-${department.replace(ILLEGAL, "_")}`.slice(0, 31);
}

/** Whether a sheet is one of the generated department lists, in either language. */
export function isListSheet(name: string): boolean {
  return name.startsWith(`${departmentList.name.zh}-`) || name.startsWith(`${departmentList.name.en}-`);
}

/** The rows of one department's list, ordered by customer ID. */
export function departmentRows(register: ReadSheet, department: string, lang: Lang): Cell[][] {
  return register.records
    .filter((r) => text(r.values.department) === department)
    .sort((a, b) => text(a.values.id).localeCompare(text(b.values.id)))
    .map((r) =>
      departmentList.columns.map((c) => {
        const v = r.values[c.key] ?? "";
        if (c.key === "type")
          return choiceLabel(customerTypes, choiceCode(customerTypes, text(v)) ?? text(v), lang);
        if (c.key === "status")
          return choiceLabel(customerStatuses, choiceCode(customerStatuses, text(v)) ?? text(v), lang);
        return v;
      }),
    );
}

/**
 * Writes that rebuild the lists of the given departments. `snapshot` tells which list
 * sheets exist and how much of each to clear.
 */
export function rebuildDepartmentLists(
  register: ReadSheet,
  departments: Iterable<string>,
  snapshot: Snapshot,
  lang: Lang,
): Write[] {
  const writes: Write[] = [];
  for (const department of new Set(departments)) {
    // An error value (#DIV/0!) is no department: Validate reports it, no list is made for it.
    if (!department || EXCEL_ERROR.test(department.trim())) continue;
    const name = listSheetName(department, lang);
    const other = listSheetName(department, lang === "zh" ? "en" : "zh");
    const existing = snapshot.sheetNames.find((n) => n === name || n === other);
    const sheet = existing ?? name;
    const rows = departmentRows(register, department, lang);
    const header = departmentList.columns.map((c) => c.header[lang]);
    if (existing) {
      writes.push({ kind: "unprotect", sheet });
      const values = snapshot.sheets[sheet]?.values;
      const old =
        snapshot.sizes?.[sheet] ?? (values && { rows: values.length, cols: values[0]?.length ?? 0 });
      if (old && old.rows > 0)
        writes.push({
          kind: "clear",
          sheet,
          row: 0,
          col: 0,
          rows: old.rows,
          cols: Math.max(old.cols, header.length),
        });
    } else {
      writes.push({ kind: "addSheet", sheet, tabColor: departmentList.tabColor });
      departmentList.columns.forEach((c, i) =>
        writes.push({
          kind: "columnFormat",
          sheet,
          col: i,
          numberFormat: numberFormatOf(c.kind),
          width: c.width,
        }),
      );
      writes.push({ kind: "freezeRows", sheet, count: 1 });
    }
    writes.push({ kind: "values", sheet, row: 0, col: 0, values: [header, ...rows] });
    writes.push({ kind: "headerStyle", sheet, row: 0, col: 0, count: header.length });
    const title = lang === "zh" ? `${department} 客户一览表` : `Customer list — ${department}`;
    writes.push({
      kind: "pageLayout",
      sheet,
      ...listPageSetup(title, 1, header.length, rows.length + 1, lang),
    });
    writes.push({ kind: "protect", sheet });
  }
  return writes;
}
