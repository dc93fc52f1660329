/** A1 addresses and the boxes of cells they name. Rows and columns are 0-based. */
import { RichApiError } from "./errors";

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface Box {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnLetters(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function bad(address: string): RichApiError {
  return new RichApiError(
    "InvalidArgument",
    `The argument is invalid or missing or has an incorrect format: ${address}`,
  );
}

/** "B2", "B2:D10", "A:D", "3:5" (an optional sheet prefix "Sheet!" is ignored). */
export function parseAddress(address: string): Box {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const parts = local.replace(/\$/g, "").toUpperCase().split(":");
  if (parts.length < 1 || parts.length > 2) throw bad(address);
  const ends = parts.map((p) => {
    let m = /^([A-Z]{1,3})(\d{1,7})$/.exec(p);
    if (m) return { col: columnIndex(m[1]!), row: Number(m[2]) - 1 };
    m = /^([A-Z]{1,3})$/.exec(p);
    if (m) return { col: columnIndex(m[1]!), row: undefined };
    m = /^(\d{1,7})$/.exec(p);
    if (m) return { col: undefined, row: Number(m[1]) - 1 };
    throw bad(address);
  });
  const [a, b] = [ends[0]!, ends[1] ?? ends[0]!];
  if ((a.row === undefined) !== (b.row === undefined) || (a.col === undefined) !== (b.col === undefined))
    throw bad(address);
  if (parts.length === 1 && (a.row === undefined || a.col === undefined)) throw bad(address);
  const r0 = a.row ?? 0;
  const r1 = b.row ?? MAX_ROWS - 1;
  const c0 = a.col ?? 0;
  const c1 = b.col ?? MAX_COLS - 1;
  const box = {
    row: Math.min(r0, r1),
    col: Math.min(c0, c1),
    rows: Math.abs(r1 - r0) + 1,
    cols: Math.abs(c1 - c0) + 1,
  };
  checkBox(box, address);
  return box;
}

export function checkBox(box: Box, what = "range"): void {
  const ok =
    Number.isInteger(box.row) &&
    Number.isInteger(box.col) &&
    box.row >= 0 &&
    box.col >= 0 &&
    box.rows >= 1 &&
    box.cols >= 1 &&
    box.row + box.rows <= MAX_ROWS &&
    box.col + box.cols <= MAX_COLS;
  if (!ok) throw bad(what);
}

/** "B2:D10", or "B2" for one cell; whole columns and rows as Excel writes them ("A:D", "3:5"). */
export function formatBox(box: Box): string {
  const lastRow = box.row + box.rows;
  const lastCol = box.col + box.cols - 1;
  if (box.row === 0 && box.rows === MAX_ROWS) return `${columnLetters(box.col)}:${columnLetters(lastCol)}`;
  if (box.col === 0 && box.cols === MAX_COLS) return `${box.row + 1}:${lastRow}`;
  const first = `${columnLetters(box.col)}${box.row + 1}`;
  return box.rows === 1 && box.cols === 1 ? first : `${first}:${columnLetters(lastCol)}${lastRow}`;
}

/** A sheet name as Excel writes it before "!": quoted when it holds anything but letters, digits and _. */
export function qualify(sheet: string, box: Box): string {
  const name =
    /^[\p{L}\p{N}_]+$/u.test(sheet) && !/^\d/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${formatBox(box)}`;
}

export function intersects(a: Box, b: Box): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}
