/**
 * Rows addressed by identity at write time (issue 14). A plan says "row 7 of the Register"
 * because row 7 held C000123 when it read the sheet; by the time its batch runs, a
 * co-author's termination (or someone deleting a row by hand) may have moved C000123 to
 * row 6 and put another customer on row 7. `keyWrites` gives every write to an existing row
 * of a sheet that has an identity column the identity it is meant for; the adapter then
 * finds that row by it in the same batch (`Range.find`) instead of trusting the number,
 * and writes nothing if it is gone.
 *
 * Left addressed by number, as before: appends (rows the plan adds, found by the lease's
 * fresh read of the height), rows whose identity cell is blank, not an identity (spaces
 * around it included), or held by more than one row (Validate reports those), and rows
 * whose identity an earlier write of the same plan changes.
 */
import { findSheet, headerIndex } from "./layout";
import { text } from "./records";
import { cellText } from "./validate/text";
import type { SheetSchema } from "./schema/model";
import {
  archivePast,
  archiveSuspended,
  contacts,
  destructionLog,
  intake,
  loanLog,
  register,
} from "./schema/sheets";
import type { Snapshot, Write } from "./workbook";

/** The sheets whose rows have an identity, and the column that holds it. */
export const keyColumns: [SheetSchema, string][] = [
  [register, "id"],
  [archiveSuspended, "id"],
  [archivePast, "id"],
  [destructionLog, "customerId"],
  [intake, "requestNo"],
  [loanLog, "loanNo"],
  [contacts, "contactNo"],
];

/**
 * What `Range.find` can look for without surprises: no wildcard characters (* ? ~), which
 * Excel's search would read as patterns.
 */
const IDENTITY = /^[A-Za-z0-9-]+$/;

/** One keyed sheet as the plan's writes leave it, identity column only. */
interface Column {
  col: number;
  /** The identity on each row, in the plan's order of rows (row 0 is the header). */
  keys: string[];
  /** Whether a row is one the sheet held when it was read, and its identity untouched so far. */
  original: boolean[];
  /** How many rows of the sheet as read held each identity. */
  count: Map<string, number>;
}

function columnsOf(snapshot: Snapshot): Map<string, Column> {
  const out = new Map<string, Column>();
  for (const [schema, key] of keyColumns) {
    const name = findSheet(schema, snapshot.sheetNames)?.name;
    const values = name ? snapshot.sheets[name]?.values : undefined;
    if (!name || !values?.length) continue;
    const col = headerIndex(schema, values[0])[key];
    if (col === undefined) continue;
    const keys = values.map((row) => text(row[col]));
    const count = new Map<string, number>();
    for (const k of keys.slice(1)) count.set(k, (count.get(k) ?? 0) + 1);
    // An identity typed with a space around it ("C000002" and an ideographic space) is the
    // customer's (records trim it), but `Range.find` would look for it without the space and
    // never find the row: such a row is addressed by number, as one whose identity cell is
    // not an identity.
    const original = values.map((row, r) => r > 0 && cellText(row[col] ?? "") === keys[r]);
    out.set(name, { col, keys, original, count });
  }
  return out;
}

/** The identity of this row, if a write to it can be addressed by it. */
function keyAt(column: Column, row: number): string | undefined {
  const value = column.keys[row];
  if (row < 1 || !column.original[row] || !value || !IDENTITY.test(value)) return undefined;
  return column.count.get(value) === 1 ? value : undefined;
}

/**
 * The writes, with every write to an existing row of a keyed sheet carrying that row's
 * identity. A block of several rows is split into one write per row, each with its own.
 */
export function keyWrites(snapshot: Snapshot, writes: Write[]): Write[] {
  const columns = columnsOf(snapshot);
  const out: Write[] = [];
  for (const w of writes) {
    // A sheet made again by the plan holds none of the rows it read.
    if (w.kind === "addSheet" || w.kind === "deleteSheet") columns.delete(w.sheet);
    const column = columns.get(w.sheet);
    if (!column) {
      out.push(w);
      continue;
    }
    if (w.kind === "values") {
      const rows = w.values.length;
      const keys = w.values.map((_, r) => keyAt(column, w.row + r));
      if (keys.every((k) => k !== undefined))
        w.values.forEach((line, r) =>
          out.push({ ...w, row: w.row + r, values: [line], key: { col: column.col, value: keys[r]! } }),
        );
      else out.push(w);
      // What the write leaves in the identity column.
      const width = w.values[0]?.length ?? 0;
      if (column.col >= w.col && column.col < w.col + width)
        for (let r = 0; r < rows; r++) {
          const at = w.row + r;
          while (column.keys.length <= at) {
            column.keys.push("");
            column.original.push(false);
          }
          const value = text(w.values[r]![column.col - w.col]);
          if (value !== column.keys[at]) column.original[at] = false;
          column.keys[at] = value;
        }
    } else if (w.kind === "deleteRows") {
      const keys = Array.from({ length: w.count }, (_, r) => keyAt(column, w.row + r));
      if (keys.every((k) => k !== undefined))
        // Each row found by itself: deleting one does not move the others' identities.
        for (const value of keys) out.push({ ...w, count: 1, key: { col: column.col, value: value! } });
      else out.push(w);
      column.keys.splice(w.row, w.count);
      column.original.splice(w.row, w.count);
    } else {
      if (w.kind === "clear" && column.col >= w.col && column.col < w.col + w.cols)
        for (let r = w.row; r < Math.min(column.keys.length, w.row + w.rows); r++) {
          if (column.keys[r] !== "") column.original[r] = false;
          column.keys[r] = "";
        }
      out.push(w);
    }
  }
  return out;
}
