/**
 * Department lists updated row by row (issue 15). A list is cut into **pages** of rows in
 * customer-ID order; its header row carries, in hidden cells right of the printed columns,
 * a **directory**: for each page its first customer ID, its row count and the digest of
 * its rows, and over them the list's **root** digest (the department, the header, the
 * pages). Changing a few customers then reads the directory (with the header, which every
 * read gets), the pages those customers fall in, and rewrites those pages alone.
 *
 * The root is the list's digest for its trace (trace.ts): `listDigest` works it out again
 * from the sheet as it stands, using the directory's row counts only to cut the rows into
 * pages, so a list whose rows were edited no longer answers to its code.
 *
 * A list is used as a base only when its directory holds together (its root is the one
 * worked out from the header and pages it names) and every page read is what the directory
 * says (count, first ID, digest). Anything else — a list from before pages, a page typed
 * into, rows moved, an update cut off (the directory is marked "pending" first and written
 * last) — makes the run rebuild the list whole, from the Register as the journal has it.
 */
import { sha256Sync } from "./change-log";
import { cellText } from "./validate/text";
import { departmentList } from "./schema/sheets";
import { fitCell, type Cell, type Write } from "./workbook";

/** Printed columns; the directory starts right of them. */
export const LIST_WIDTH = departmentList.columns.length;
/** Rows a page gets when a list is cut into pages. */
export const PAGE_ROWS = 128;
/** A page grown past this is cut again. */
export const PAGE_MAX = 2 * PAGE_ROWS;
/** Hidden cells the directory may use (each well under Excel's 32,767 characters). */
export const DIRECTORY_CELLS = 40;
const CELL_CHARS = 30_000;
const MARK = "deptList/v2";
const PENDING = `${MARK} pending`;

/** Customer IDs in list order (the order a list is built in). */
export const byId = (a: string, b: string) => a.localeCompare(b);

export interface Page {
  /** The first customer ID on the page. */
  first: string;
  count: number;
  /** 128 bits of SHA-256 over the page's rows, as text. */
  digest: string;
}

export interface Directory {
  department: string;
  pages: Page[];
  root: string;
}

/** A row's printed cells as text, as written and as read back (trailing blanks left out). */
function rowTexts(row: readonly Cell[]): string[] {
  const cells: string[] = [];
  for (let c = 0; c < LIST_WIDTH; c++) cells.push(cellText(fitCell(row[c] ?? "")));
  while (cells.length && cells[cells.length - 1] === "") cells.pop();
  return cells;
}

export function pageDigest(rows: readonly (readonly Cell[])[]): string {
  return sha256Sync(JSON.stringify(rows.map(rowTexts))).slice(0, 32);
}

export function rootOf(department: string, header: readonly Cell[], pages: readonly Page[]): string {
  return sha256Sync(
    JSON.stringify([MARK, department, rowTexts(header), pages.map((p) => [p.first, p.count, p.digest])]),
  );
}

/** One page of rows (at least one). */
function pageFor(rows: readonly (readonly Cell[])[]): Page {
  return { first: cellText(fitCell(rows[0]![0] ?? "")), count: rows.length, digest: pageDigest(rows) };
}

/** Rows cut into pages of PAGE_ROWS. */
export function pagesOf(rows: readonly (readonly Cell[])[]): Page[] {
  const pages: Page[] = [];
  for (let at = 0; at < rows.length; at += PAGE_ROWS) pages.push(pageFor(rows.slice(at, at + PAGE_ROWS)));
  return pages;
}

/** The directory's cells, from the column right of the printed ones: the mark, then the pages. */
export function directoryCells(d: Directory): string[] {
  const cells = [`${MARK}\t${d.root}\t${d.department}`];
  let cell = "";
  for (const p of d.pages) {
    const line = `${p.first}\t${p.count}\t${p.digest}`;
    if (cell && cell.length + line.length + 1 > CELL_CHARS) {
      cells.push(cell);
      cell = "";
    }
    cell = cell ? `${cell}\n${line}` : line;
  }
  if (cell) cells.push(cell);
  if (cells.length > DIRECTORY_CELLS)
    throw new Error("A department list this long has no room for its directory");
  return cells;
}

/** The department a list's header row names, whether or not its directory holds together. */
export function listDepartment(header: readonly Cell[]): string | undefined {
  const [mark, , department] = cellText(header[LIST_WIDTH] ?? "").split("\t");
  return mark === MARK ? department : undefined;
}

/** The directory a list's header row carries, when it holds together; undefined otherwise. */
export function readDirectory(header: readonly Cell[]): Directory | undefined {
  const [mark, root, department] = cellText(header[LIST_WIDTH] ?? "").split("\t");
  if (mark !== MARK || !root || department === undefined) return undefined;
  const pages: Page[] = [];
  for (let c = LIST_WIDTH + 1; c < LIST_WIDTH + DIRECTORY_CELLS; c++) {
    const cell = cellText(header[c] ?? "");
    if (!cell) break;
    for (const line of cell.split("\n")) {
      const [first, count, digest] = line.split("\t");
      if (!digest || !/^[1-9]\d*$/.test(count ?? "")) return undefined;
      pages.push({ first, count: Number(count), digest });
    }
  }
  return rootOf(department, header, pages) === root ? { department, pages, root } : undefined;
}

/**
 * The pages a run will likely rewrite, read ahead of its plan (issue 15): each customer's
 * page on the list of the department its Register row names, by the lists' headers as read.
 * A guess only: the plan asks for any other page it needs (`MoreRows`), and checks every
 * page it rewrites against its digest.
 */
export function likelyPages(
  customers: readonly { id: string; department: string }[],
  lists: readonly { sheet: string; header: readonly Cell[] }[],
): { sheet: string; row: number; rows: number; cols: number }[] {
  const byDepartment = new Map<string, { sheet: string; spans: PageSpan[]; directory: Directory }>();
  for (const { sheet, header } of lists) {
    const directory = readDirectory(header);
    if (directory?.pages.length)
      byDepartment.set(directory.department, { sheet, spans: pageSpans(directory), directory });
  }
  const blocks = new Map<string, { sheet: string; row: number; rows: number; cols: number }>();
  for (const { id, department } of customers) {
    const list = byDepartment.get(department);
    if (!list || !id) continue;
    const span = list.spans[pageOf(list.directory, id)]!;
    blocks.set(`${list.sheet}\u0000${span.start}`, {
      sheet: list.sheet,
      row: span.start,
      rows: span.count,
      cols: LIST_WIDTH,
    });
  }
  return [...blocks.values()];
}

/**
 * The list's digest as it stands: the root over the header and its rows cut as the
 * directory says. Undefined for a sheet without a directory (its digest is contentDigest's).
 */
export function listDigest(values: readonly (readonly Cell[])[]): string | undefined {
  const header = values[0] ?? [];
  const [mark, , department] = cellText(header[LIST_WIDTH] ?? "").split("\t");
  if (mark !== MARK || department === undefined) return undefined;
  const counts: number[] = [];
  for (let c = LIST_WIDTH + 1; c < LIST_WIDTH + DIRECTORY_CELLS; c++) {
    const cell = cellText(header[c] ?? "");
    if (!cell) break;
    for (const line of cell.split("\n")) counts.push(Number(line.split("\t")[1]));
  }
  let rows = values.slice(1);
  while (rows.length && rowTexts(rows[rows.length - 1]!).length === 0) rows = rows.slice(0, -1);
  const pages: Page[] = [];
  let at = 0;
  for (const count of counts) {
    if (!(count > 0)) return `broken:${mark}`;
    const part = rows.slice(at, at + count);
    pages.push({ first: cellText(part[0]?.[0] ?? ""), count: part.length, digest: pageDigest(part) });
    at += count;
  }
  // Rows past the pages, or pages past the rows: not the list the directory describes.
  if (at !== rows.length) return `broken:${at}:${rows.length}`;
  return rootOf(department, header, pages);
}

/** A customer's row on a list after the run (printed cells), or null: not on this list. */
export interface ListChange {
  id: string;
  row: Cell[] | null;
}

/** The 0-based sheet rows of a page: from `start`, `count` of them. */
export interface PageSpan {
  page: number;
  start: number;
  count: number;
}

/** Where each page stands on the sheet (row 0 is the header). */
export function pageSpans(d: Directory): PageSpan[] {
  let start = 1;
  return d.pages.map((p, page) => {
    const span = { page, start, count: p.count };
    start += p.count;
    return span;
  });
}

/** The page a customer ID falls in: the last page starting at or before it (the first page for IDs before all). */
export function pageOf(d: Directory, id: string): number {
  let lo = 0;
  let hi = d.pages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (byId(d.pages[mid]!.first, id) <= 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return Math.max(0, hi);
}

export type ListUpdate =
  /** The rows of these pages are needed first. */
  | { need: PageSpan[] }
  /** The list cannot be used as a base: rebuild it whole. */
  | { whole: string }
  | {
      writes: Write[];
      directory: Directory;
      /** Data rows after the update. */
      height: number;
    };

/**
 * The writes that bring a list's pages up to date with the changes: each page touched is
 * rewritten where it stands (rows inserted below it or deleted from its end as its length
 * changes; never right below the header, whose look an inserted row could take), from the
 * last page up, so no write moves a row a later write counts on. `rows(start, count)` gives
 * the sheet's rows as read, undefined where they were not read.
 */
export function updateList(
  sheet: string,
  header: readonly Cell[],
  changes: readonly ListChange[],
  rows: (start: number, count: number) => Cell[][] | undefined,
): ListUpdate {
  const d = readDirectory(header);
  if (!d) return { whole: "directory" };
  const spans = pageSpans(d);
  const byPage = new Map<number, ListChange[]>();
  for (const change of changes) {
    const page = d.pages.length ? pageOf(d, change.id) : -1;
    const on = byPage.get(page);
    if (on) on.push(change);
    else byPage.set(page, [change]);
  }
  const touched = [...byPage.keys()].filter((p) => p >= 0).sort((a, b) => a - b);
  const missing = touched.filter((p) => !rows(spans[p]!.start, spans[p]!.count));
  if (missing.length) return { need: missing.map((p) => spans[p]!) };
  const height = spans.reduce((n, s) => n + s.count, 0);
  const newPages: Page[][] = d.pages.map((p) => [p]);
  const writes: Write[] = [];
  // An empty list: its one page is made here.
  const order = d.pages.length ? [...touched].reverse() : [-1];
  let after = height;
  for (const p of order) {
    const span = p >= 0 ? spans[p]! : { page: -1, start: 1, count: 0 };
    const old = p >= 0 ? rows(span.start, span.count)! : [];
    if (p >= 0) {
      const page = d.pages[p]!;
      // The digest covers the rows' count and IDs too: rows moved, typed into or lost all change it.
      if (pageDigest(old) !== page.digest) return { whole: `page ${p + 1}` };
    }
    const changed = new Map((byPage.get(p) ?? []).map((c) => [c.id, c.row]));
    const kept = old.filter((r) => !changed.has(cellText(r[0] ?? "")));
    const added = [...changed.values()].filter((r): r is Cell[] => r !== null);
    const next = [...kept, ...added].sort((a, b) => byId(cellText(a[0] ?? ""), cellText(b[0] ?? "")));
    const last = span.start + span.count >= height + 1;
    if (next.length > old.length && !last)
      writes.push({
        kind: "insertRows",
        sheet,
        row: span.start + old.length,
        count: next.length - old.length,
        cols: LIST_WIDTH,
      });
    if (next.length < old.length)
      writes.push({
        kind: "deleteRows",
        sheet,
        row: span.start + next.length,
        count: old.length - next.length,
      });
    if (next.length)
      writes.push({
        kind: "values",
        sheet,
        row: span.start,
        col: 0,
        values: next.map((r) => Array.from({ length: LIST_WIDTH }, (_, c) => fitCell(r[c] ?? ""))),
      });
    after += next.length - old.length;
    // A page stays one page up to PAGE_MAX rows, then is cut again into pages of PAGE_ROWS.
    const cut = next.length > PAGE_MAX ? pagesOf(next) : next.length ? [pageFor(next)] : [];
    if (p >= 0) newPages[p] = cut;
    else newPages.push(cut);
  }
  const pages = newPages.flat();
  const directory = { department: d.department, pages, root: rootOf(d.department, header, pages) };
  return { writes, directory, height: after };
}

/**
 * The directory's cells written in the header row: `pending` first (before any row of an
 * update), the final directory last; old cells past the new ones cleared.
 */
export function directoryWrite(sheet: string, directory: Directory | "pending"): Write {
  const cells = directory === "pending" ? [PENDING] : directoryCells(directory);
  return {
    kind: "values",
    sheet,
    row: 0,
    col: LIST_WIDTH,
    values: [Array.from({ length: DIRECTORY_CELLS }, (_, i) => cells[i] ?? "")],
  };
}
