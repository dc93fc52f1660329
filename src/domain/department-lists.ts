/**
 * 负责部科别一览表 — the per-department lists, built from the Register. Each is rebuilt
 * whole (cleared, written, protected), so a list can never drift from the Register.
 */
import { EXCEL_ERROR } from "./validate/text";
import { choiceCode, choiceLabel, numberFormatOf, type Lang } from "./schema/model";
import { customerStatuses, customerTypes } from "./schema/choices";
import { departmentList } from "./schema/sheets";
import type { ReadSheet } from "./records";
import { text } from "./records";
import type { Cell, Snapshot, Write } from "./workbook";
import { fitCell, listPageSetup } from "./workbook";
import { byId, DIRECTORY_CELLS, directoryWrite, LIST_WIDTH, pagesOf, rootOf } from "./list-pages";

const ILLEGAL = /[:\\/?*[\]]/g;
const ILLEGAL_ANY = /[:\\/?*[\]]/;

/** Excel's longest sheet name. */
const SHEET_NAME_MAX = 31;

/** A short, stable tag of a text (FNV-1a, base 36), to tell apart names cut to fit. */
function tagOf(s: string): string {
  let h = 0x811c9dc5;
  for (const ch of s) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, "0").slice(-4);
}

/**
 * "一览表-业务一部": the list sheet's name for each department. Excel allows 31 characters,
 * none of : \ / ? * [ ], no apostrophe at either end, and compares names ignoring case;
 * a name that had to be changed to fit those rules (cut, characters replaced) or that
 * would meet another department's name ignoring case ends in "~" and a tag of the full
 * department name, so two departments never share a list (and the same department always
 * gets the same sheet).
 */
export function listSheetNames(departments: Iterable<string>, lang: Lang): Map<string, string> {
  const prefix = `${departmentList.name[lang]}-`;
  const all = [...new Set(departments)];
  const plain = (d: string) => `${prefix}${d}`;
  const fits = (d: string) =>
    !ILLEGAL_ANY.test(d) &&
    !d.endsWith("'") &&
    plain(d).length <= SHEET_NAME_MAX &&
    d.trim() === d &&
    d !== "";
  const folded = new Map<string, number>();
  for (const d of all) folded.set(plain(d).toLowerCase(), (folded.get(plain(d).toLowerCase()) ?? 0) + 1);
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const d of all) {
    if (fits(d) && folded.get(plain(d).toLowerCase()) === 1) {
      names.set(d, plain(d));
      taken.add(plain(d).toLowerCase());
    }
  }
  for (const d of all) {
    if (names.has(d)) continue;
    const cleaned = d.replace(ILLEGAL, "_").replace(/^'+|'+$/g, "_");
    const tag = tagOf(d);
    let name = "";
    for (let n = 0; !name || taken.has(name.toLowerCase()); n++) {
      const suffix = `~${tag}${n ? n : ""}`;
      name = `${prefix}${[...cleaned].slice(0, SHEET_NAME_MAX - prefix.length - suffix.length).join("")}${suffix}`;
    }
    names.set(d, name);
    taken.add(name.toLowerCase());
  }
  return names;
}

/** Whether a sheet is one of the generated department lists, in either language. */
export function isListSheet(name: string): boolean {
  return name.startsWith(`${departmentList.name.zh}-`) || name.startsWith(`${departmentList.name.en}-`);
}

/** The rows of one department's list, ordered by customer ID. */
export function departmentRows(register: ReadSheet, department: string, lang: Lang): Cell[][] {
  return register.records
    .filter((r) => text(r.values.department) === department)
    .sort((a, b) => byId(text(a.values.id), text(b.values.id)))
    .map((r) => listRow(r.values, lang));
}

/** A Register row as its department's list shows it: the list's columns, choices in the list's language. */
export function listRow(values: Record<string, Cell>, lang: Lang): Cell[] {
  return departmentList.columns.map((c) => {
    const v = values[c.key] ?? "";
    if (c.key === "type")
      return choiceLabel(customerTypes, choiceCode(customerTypes, text(v)) ?? text(v), lang);
    if (c.key === "status")
      return choiceLabel(customerStatuses, choiceCode(customerStatuses, text(v)) ?? text(v), lang);
    return v;
  });
}

/**
 * The list sheet of each department asked for: its name, and the sheet that stands under
 * it in either language (Excel compares sheet names ignoring case). Names are given over the
 * departments asked for and `known` — the Register's, or those the lists' directories name
 * where the Register was not read whole — so that two never meet.
 */
export function listSheetOf(
  departments: Iterable<string>,
  known: Iterable<string>,
  sheetNames: readonly string[],
  lang: Lang,
): Map<string, { name: string; existing?: string }> {
  const wanted = [...new Set(departments)];
  const every = [...known, ...wanted].filter(Boolean);
  const names = listSheetNames(every, lang);
  const others = listSheetNames(every, lang === "zh" ? "en" : "zh");
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return new Map(
    wanted.filter(Boolean).map((d) => {
      const name = names.get(d)!;
      const existing = sheetNames.find((n) => same(n, name) || same(n, others.get(d)!));
      return [d, existing ? { name, existing } : { name }];
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
  const wanted = [...new Set(departments)];
  const sheets = listSheetOf(
    wanted,
    register.records.map((r) => text(r.values.department)),
    snapshot.sheetNames,
    lang,
  );
  for (const department of wanted) {
    // An error value (#DIV/0!) is no department: Validate reports it, no list is made for it.
    if (!department || EXCEL_ERROR.test(department.trim())) continue;
    const { name, existing } = sheets.get(department)!;
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
    // The directory rides in the header row's hidden cells (list-pages.ts): later runs change a page, not the list.
    const fitted = rows.map((r) => r.map(fitCell));
    const pages = pagesOf(fitted);
    writes.push({ kind: "values", sheet, row: 0, col: 0, values: [header, ...fitted] });
    writes.push(directoryWrite(sheet, { department, pages, root: rootOf(department, header, pages) }));
    writes.push({ kind: "hideColumns", sheet, col: LIST_WIDTH, count: DIRECTORY_CELLS });
    writes.push(...listFrame(sheet, department, rows.length, lang));
  }
  return writes;
}

/** What every write of a list ends with: its header's look, its page layout for its height, protection. */
export function listFrame(sheet: string, department: string, rows: number, lang: Lang): Write[] {
  const title = lang === "zh" ? `${department} 客户一览表` : `Customer list — ${department}`;
  return [
    { kind: "headerStyle", sheet, row: 0, col: 0, count: LIST_WIDTH },
    { kind: "pageLayout", sheet, ...listPageSetup(title, 1, LIST_WIDTH, rows + 1, lang) },
    { kind: "protect", sheet },
  ];
}
