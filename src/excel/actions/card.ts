/**
 * The customer card: found and read without reading whole sheets. Headers and sizes
 * first, then only the ID columns (and the small Loan log, Staff and Settings), then only
 * the rows that belong to the customer — a constant number of syncs on desktop however
 * long the register, and a few megabytes at most on the web. Writes nothing.
 */
import { buildCard } from "../../domain/card";
import { findSheet, headerIndex, langOf } from "../../domain/layout";
import { readSettings } from "../../domain/settings";
import { readSheet, text } from "../../domain/records";
import type { SheetSchema } from "../../domain/schema/model";
import {
  annualResults,
  archivePast,
  archiveSuspended,
  changeLog,
  contacts,
  destructionLog,
  loanLog,
  register,
  settings as settingsSchema,
  staff,
} from "../../domain/schema/sheets";
import { staffEntries, trustStaff } from "../../domain/stamps/staff";
import type { Cell, Snapshot } from "../../domain/workbook";
import { Book, type Block } from "../book";
import type { ExcelEnv } from "../env";
import { guarded } from "./result";
import type { Now } from "./workflow";

/** Sheets searched by an ID column, and the column's key. */
const searched: [SheetSchema, string][] = [
  [register, "id"],
  [archiveSuspended, "id"],
  [archivePast, "id"],
  [destructionLog, "customerId"],
  [changeLog, "customerId"],
  [contacts, "customerId"],
  [annualResults, "customerId"],
];
/** Small sheets read whole. */
const whole = [loanLog, staff, settingsSchema];

export function loadCard(env: ExcelEnv, id: string, pinnedAdmin: string | undefined, now: Now) {
  return guarded(() =>
    env.run(async (context) => {
      const book = new Book(context, env.platform);
      const all = [...searched.map(([s]) => s), ...whole];
      const heads = await book.readHeaders((names) =>
        all.map((s) => findSheet(s, names)?.name).filter((n): n is string => !!n),
      );
      const nameOf = (s: SheetSchema) => findSheet(s, heads.sheetNames)?.name;
      const size = (name: string) => heads.sizes?.[name] ?? { rows: 0, cols: 0 };

      // The ID columns, and the small sheets whole.
      const idBlocks: { name: string; block: Block }[] = [];
      for (const [schema, key] of searched) {
        const name = nameOf(schema);
        const col = name ? headerIndex(schema, heads.sheets[name]?.values[0])[key] : undefined;
        if (name && col !== undefined)
          idBlocks.push({
            name,
            block: { sheet: name, row: 1, col, rows: Math.max(0, size(name).rows - 1), cols: 1 },
          });
      }
      const wholeNames = whole.map(nameOf).filter((n): n is string => !!n);
      const first = await book.readBlocks([
        ...idBlocks.map((b) => b.block),
        ...wholeNames.map((sheet) => ({
          sheet,
          row: 0,
          col: 0,
          rows: size(sheet).rows,
          cols: size(sheet).cols,
        })),
      ]);

      // Only this customer's rows.
      const rowBlocks: { name: string; row: number; block: Block }[] = [];
      idBlocks.forEach(({ name }, i) => {
        first[i]!.forEach((cell, r) => {
          if (text(cell[0]) === id)
            rowBlocks.push({
              name,
              row: r + 1,
              block: { sheet: name, row: r + 1, col: 0, rows: 1, cols: size(name).cols },
            });
        });
      });
      const rows = await book.readBlocks(rowBlocks.map((b) => b.block));

      // A snapshot holding the headers, the customer's rows where they stand, the small sheets.
      const snapshot: Snapshot = { sheetNames: heads.sheetNames, sheets: {} };
      for (const { name } of idBlocks) {
        const values: Cell[][] = Array.from({ length: size(name).rows }, () => []);
        values[0] = heads.sheets[name]!.values[0] ?? [];
        snapshot.sheets[name] = { name, values };
      }
      rowBlocks.forEach((b, i) => {
        snapshot.sheets[b.name]!.values[b.row] = rows[i]![0] ?? [];
      });
      wholeNames.forEach((name, i) => {
        snapshot.sheets[name] = { name, values: first[idBlocks.length + i]! };
      });

      const settingsName = nameOf(settingsSchema);
      const settings = readSettings(settingsName ? snapshot.sheets[settingsName]?.values : undefined);
      const trust = await trustStaff(staffEntries(readSheet(staff, snapshot).records), pinnedAdmin);
      const card = await buildCard(snapshot, settings, trust, id.trim(), now, langOf(env.displayLanguage));
      return { card, adminChanged: trust.adminChanged };
    }),
  );
}
