/**
 * Looking a printed copy up by the trace code in its footer (domain/trace.ts). Reads the
 * Change log's action column, its printout and loan-return rows whole, then the one sheet
 * the code names: a few syncs, never the Register. Writes nothing.
 */
import { text } from "../../domain/records";
import { changeLog } from "../../domain/schema/sheets";
import { findPrintout, normalCode, PRINTOUT_ACTIONS, type Printout } from "../../domain/trace";
import { isPrintoutSheet } from "../../domain/journal/erase";
import { isListSheet } from "../../domain/department-lists";
import { LOOK_LIST, looksAt } from "../../domain/looking";
import { SHOW_SHEET } from "../../domain/kept-sheets";
import { Book } from "../book";
import { readNeeds } from "../partial";
import type { ExcelEnv } from "../env";
import { guarded } from "./result";

export interface PrintoutLookup {
  /** The code as understood (canonical), or undefined when what was typed cannot be a code. */
  code?: string;
  /** The printout, or undefined when no log row answers to the code. */
  printout?: Printout;
}

export function lookUpPrintout(env: ExcelEnv, typed: string) {
  return guarded<PrintoutLookup>(async () => {
    const code = normalCode(typed);
    if (!code) return {};
    return env.run(async (context) => {
      const book = new Book(context, env.platform, undefined, env.sheetNames);
      // The log's printout rows, and how far each sheet for paper reaches (same batches).
      const log = await readNeeds(
        book,
        [
          {
            schema: changeLog,
            peek: ["action"],
            pick: (cells) => PRINTOUT_ACTIONS.has(text(cells.action)) || text(cells.action) === "loanReturn",
          },
        ],
        // Department lists are sheets for paper too (traced as the actions rebuild them).
        (names) => names.filter((n) => isPrintoutSheet(n) || isListSheet(n)),
      );
      const found = findPrintout(log, code);
      if (!found) return { code };
      // The sheet as it stands now, for whether the copy is still current: one more batch.
      const size = log.sizes?.[found.sheet];
      const [values = []] =
        log.sheetNames.includes(found.sheet) && size
          ? await book.readBlocks([{ sheet: found.sheet, row: 0, col: 0, rows: size.rows, cols: size.cols }])
          : [];
      const printout = findPrintout(
        { ...log, sheets: { ...log.sheets, [found.sheet]: { name: found.sheet, values } } },
        code,
      );
      return { code, printout };
    });
  });
}

/**
 * Who looked at a customer in a year (domain/looking.ts `looksAt`): the Change log's rows
 * about that customer (its card looks and prints among them), found by Excel's counts of its
 * ID rather than by reading the log's customer column; the rows of that year that showed
 * many customers at once — a list that named them, a kept sheet shown — and the printout
 * rows that say what each list was, picked by the log's action and time columns where Excel
 * counts a time of that year. Reads only those rows, and the two columns of that year.
 */
export function looksAtCustomer(env: ExcelEnv, id: string, year: string) {
  const wanted = id.trim();
  return guarded(async () => {
    if (!wanted) return { looks: [] };
    return env.run(async (context) => {
      const log = await readNeeds(new Book(context, env.platform, undefined, env.sheetNames), [
        {
          schema: changeLog,
          // A customer the card shows has rows in the log (its filing, at least): asked with the counts.
          keyed: { column: "customerId", keys: [wanted], find: true },
          peek: ["action", "time"],
          // Of a log of many years, the blocks with a row of this year: Excel counts them first.
          within: { column: "time", contains: [year] },
          pick: (cells) => {
            const action = text(cells.action);
            return (
              (action === LOOK_LIST || action === SHOW_SHEET || PRINTOUT_ACTIONS.has(action)) &&
              text(cells.time).startsWith(year)
            );
          },
        },
      ]);
      return { looks: looksAt(log, wanted, year) };
    });
  });
}
