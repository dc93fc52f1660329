/**
 * A generated sheet meant for paper: title row, header row, body (sub-heading rows shaded),
 * a blank row and a signature line; text columns, frozen header, page layout, protected.
 * An existing sheet of the same name (in either language) is cleared and rewritten, so a
 * rebuild never duplicates or leaves stale rows or fills behind.
 */
import { fitCell, listPageSetup, type Cell, type PageSetup, type Snapshot, type Write } from "./workbook";

export interface PrintableSheet {
  /** The name to create, and the other language's name it may already have. */
  names: [string, string];
  tabColor: string;
  /** Column widths in characters; their number is the sheet's width. */
  widths: number[];
  title: string;
  titleSize: number;
  header: string[];
  rows: Cell[][];
  /** Indexes into `rows` of sub-heading rows, shaded and bold. */
  headings?: number[];
  signature: string;
  lang: "zh" | "en";
  /** Page-layout fields that differ from the list default (e.g. a loan's header). */
  page?: Partial<PageSetup>;
}

/** Width of a text in CJK characters: Latin letters, digits and spaces count half. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

/** Printed lines a text takes when it wraps at `perLine` CJK characters (explicit breaks kept). */
export function wrappedLines(s: string, perLine: number): number {
  return s.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / perLine)), 0);
}

/** The sheet name used: the existing one in either language, or the new name. */
export function printableName(snapshot: Snapshot, names: [string, string]): string {
  return snapshot.sheetNames.find((n) => n === names[0] || n === names[1]) ?? names[0];
}

/**
 * A generated sheet made ready to be written whole: an existing one unprotected, its old
 * values, bold and fills cleared (so a shorter rebuild leaves nothing stale); a new one
 * added with text columns of the given widths and `freeze` rows frozen.
 */
export function freshSheet(
  snapshot: Snapshot,
  sheet: string,
  widths: readonly number[],
  tabColor: string,
  freeze: number,
): Write[] {
  if (!snapshot.sheetNames.includes(sheet)) {
    return [
      { kind: "addSheet", sheet, tabColor },
      ...widths.map((w, col): Write => ({ kind: "columnFormat", sheet, col, numberFormat: "@", width: w })),
      ...(freeze ? [{ kind: "freezeRows", sheet, count: freeze } as const] : []),
    ];
  }
  const values = snapshot.sheets[sheet]?.values;
  const old = snapshot.sizes?.[sheet] ?? { rows: values?.length ?? 0, cols: values?.[0]?.length ?? 0 };
  if (old.rows === 0) return [{ kind: "unprotect", sheet }];
  const box = { sheet, row: 0, col: 0, rows: old.rows, cols: Math.max(old.cols, widths.length) };
  return [
    { kind: "unprotect", sheet },
    { kind: "clear", ...box },
    { kind: "style", ...box, bold: false, fill: "none" },
  ];
}

export function printableSheetWrites(snapshot: Snapshot, p: PrintableSheet): Write[] {
  const sheet = printableName(snapshot, p.names);
  const width = p.widths.length;
  const writes: Write[] = [];
  writes.push(...freshSheet(snapshot, sheet, p.widths, p.tabColor, 2));
  const pad = (cells: Cell[]): Cell[] => [
    ...cells.map(fitCell),
    ...new Array(Math.max(0, width - cells.length)).fill(""),
  ];
  const values = [pad([p.title]), pad(p.header), ...p.rows.map(pad), pad([]), pad([p.signature])];
  writes.push({ kind: "values", sheet, row: 0, col: 0, values });
  const line = (row: number, bold: boolean, fill: string, size?: number): Write => ({
    kind: "style",
    sheet,
    row,
    col: 0,
    rows: 1,
    cols: width,
    bold,
    fill,
    ...(size ? { size } : {}),
  });
  writes.push(line(0, true, "none", p.titleSize));
  writes.push({ kind: "headerStyle", sheet, row: 1, col: 0, count: width });
  for (const i of p.headings ?? []) writes.push(line(2 + i, true, "#F2F2F2"));
  writes.push({
    kind: "pageLayout",
    sheet,
    ...listPageSetup(p.title, 2, width, values.length, p.lang),
    ...p.page,
  });
  writes.push({ kind: "protect", sheet });
  return writes;
}
