/**
 * Finding the product's sheets and columns in a workbook people also edit by hand: sheets
 * by name (either language, never by position), columns by header (either language, any
 * order, extra columns of the user's own left alone).
 */
import type { Lang, SheetSchema } from "./schema/model";
import type { Cell, Snapshot } from "./workbook";
import { cellText, collapseSpaces, toHalfWidth } from "./validate/text";

export interface FoundSheet {
  name: string;
  lang: Lang;
}

const fold = (s: string) => collapseSpaces(toHalfWidth(s)).toLowerCase();

export function findSheet(schema: SheetSchema, sheetNames: string[]): FoundSheet | undefined {
  for (const lang of ["zh", "en"] as Lang[]) {
    const wanted = fold(schema.name[lang]);
    const name = sheetNames.find((n) => fold(n) === wanted);
    if (name !== undefined) return { name, lang };
  }
  return undefined;
}

/** Column key → 0-based index, for the headers found in a header row. */
export function headerIndex(schema: SheetSchema, headerRow: Cell[] | undefined): Record<string, number> {
  const at: Record<string, number> = {};
  const folded = (headerRow ?? []).map((h) => fold(cellText(h)));
  for (const column of schema.columns) {
    const i = folded.findIndex((h) => h === fold(column.header.zh) || h === fold(column.header.en));
    if (i >= 0) at[column.key] = i;
  }
  return at;
}

/**
 * Header cells that name a column a cell to their left already names: only the first
 * counts (headerIndex), so a second one's cells would be silently ignored.
 */
export function duplicateHeaders(
  schema: SheetSchema,
  headerRow: Cell[] | undefined,
): { index: number; header: string }[] {
  const folded = (headerRow ?? []).map((h) => fold(cellText(h)));
  const out: { index: number; header: string }[] = [];
  for (const column of schema.columns) {
    const names = [fold(column.header.zh), fold(column.header.en)];
    const at = folded.flatMap((h, i) => (names.includes(h) ? [i] : []));
    for (const index of at.slice(1)) out.push({ index, header: cellText(headerRow![index]!) });
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * Whether a row repeats the header row (pasted with a block of rows): at least four in
 * five of the header's cells, and at least two, stand in it again, and nothing else does.
 */
export function repeatsHeader(headerRow: Cell[] | undefined, row: Cell[]): boolean {
  return headerRepeat(headerRow)(row);
}

/**
 * `repeatsHeader` for many rows under one header: the header is folded once, not once per
 * row (reading a 100,000-row sheet folded its header 100,000 times).
 */
export function headerRepeat(headerRow: Cell[] | undefined): (row: Cell[]) => boolean {
  const header = (headerRow ?? []).map((h) => fold(cellText(h)));
  const named = header.filter(Boolean).length;
  return (row) => {
    let same = 0;
    for (let i = 0; i < Math.max(header.length, row.length); i++) {
      const cell = fold(cellText(row[i] ?? ""));
      if (cell === "") continue;
      if (cell !== header[i]) return false;
      same++;
    }
    return same >= 2 && same >= Math.ceil(0.8 * named);
  };
}

/** The language a header row is written in, by which language matches more headers. */
export function headerLang(schema: SheetSchema, headerRow: Cell[] | undefined): Lang | undefined {
  const folded = new Set((headerRow ?? []).map((h) => fold(cellText(h))));
  const zh = schema.columns.filter((c) => folded.has(fold(c.header.zh))).length;
  const en = schema.columns.filter((c) => folded.has(fold(c.header.en))).length;
  if (zh === 0 && en === 0) return undefined;
  return zh >= en ? "zh" : "en";
}

/**
 * The language the workbook was set up in: that of its product sheets when there are any,
 * else the language the user reads Office in.
 */
export function workbookLang(schemas: SheetSchema[], snapshot: Snapshot, displayLang: Lang): Lang {
  const votes: Record<Lang, number> = { zh: 0, en: 0 };
  for (const schema of schemas) {
    const found = findSheet(schema, snapshot.sheetNames);
    if (found) votes[found.lang]++;
  }
  if (votes.zh === 0 && votes.en === 0) return displayLang;
  return votes.zh >= votes.en ? "zh" : "en";
}

/** Office's display language ("zh-CN", "en-US", …) as one of the product's languages. */
export function langOf(displayLanguage: string | undefined): Lang {
  return (displayLanguage ?? "").toLowerCase().startsWith("zh") ? "zh" : "en";
}
