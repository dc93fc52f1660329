/**
 * What a look at many customers reads (issue 15): the monthly lists and their counts, labels
 * and envelope lists, a loan's extract. Each chooses customers on the Register by a few of
 * their columns and shows them as the journal has them (journal.ts `journalRegister`): a
 * row the journal does not place there is nobody, and of a customer on two rows the first
 * counts. So a look reads:
 *
 * - of the Register, the columns it chooses by, top to bottom, and whole the rows they
 *   choose — with every other row of the same customers, so the row the journal keeps is
 *   the one a whole read keeps, whichever of them the columns chose;
 * - of the Change log, the closure of those customers (needs.ts `journalLog`): their state
 *   is the fold of their rows, exactly as the fold of the whole log gives it.
 *
 * What a look decides is then what it decides on the whole workbook: the adapter's tests
 * run each both ways (test/excel/look-reads.test.ts).
 */
import { text } from "../records";
import { register } from "../schema/sheets";
import { oncePerRead, type ColumnsOf, type Need } from "../partial-read";
import type { Cell } from "../workbook";
import { journalLog } from "./needs";

/** Whether a Register row's cells (the chosen columns only) are one the look is about. */
export type Chooses = (cells: Record<string, Cell>) => boolean;

export interface Look {
  /** The Register's columns the look chooses by. */
  columns: string[];
  /** How it chooses, given other sheets' columns read in the same round (a loan's class and region). */
  chooses: (others: ColumnsOf) => Chooses;
  /**
   * Customers whose rows the look needs besides (archived ones marked invalid, found by a read
   * before), or found in other sheets' columns.
   */
  customers?: (others: ColumnsOf) => Iterable<string>;
  /** Change log rows read whole besides, by action (the loans' extracts and returns). */
  actions?: ReadonlySet<string>;
  /**
   * Register columns put into the snapshot top to bottom, besides the rows chosen whole (a
   * month's count of new names needs every row's ID and posting date, not every row).
   */
  keep?: string[];
  /**
   * The Register columns the look shows of the rows it chooses (with `columns`): those rows
   * are read across these columns only, as the header places them from the first to the
   * last, not whole — labels show no stamps (a stamped customer's row is mostly its Stamps
   * cell). Unset: read whole.
   */
  rowColumns?: string[];
  /**
   * Customers the look counts: their state is read (their closure in the Change log), their
   * rows only in the `keep` columns, which must hold the ID and what `counted` chooses by.
   */
  counted?: Chooses;
}

/** What a printed list shows of each customer (a month's lists, a loan's extract): not its Stamps. */
export const SHOWN_COLUMNS = ["id", "name", "address", "postcode", "phone", "fax", "contact"];

/** The IDs of the Register rows a look chooses, from the Register's columns as read. */
function chosenIds(
  reg: { columns: Record<string, Cell[]>; height: number } | undefined,
  chooses: Chooses,
): Set<string> {
  const ids = new Set<string>();
  if (!reg) return ids;
  const keys = Object.keys(reg.columns);
  // One object for every row (the Register may hold a hundred thousand): `chooses` keeps nothing.
  const cells: Record<string, Cell> = {};
  for (let r = 0; r < reg.height - 1; r++) {
    for (const key of keys) cells[key] = reg.columns[key]![r] ?? "";
    if (chooses(cells)) ids.add(text(cells.id));
  }
  ids.delete("");
  return ids;
}

/** The Register and the Change log as a look needs them. */
export function lookNeeds(look: Look): Need[] {
  // The Register's choice is asked twice in a read (its rows, the log's seed): made once.
  const ids = oncePerRead(
    register,
    (reg, others) => chosenIds(reg, look.chooses(others)),
    () => new Set<string>(),
  );
  const counted = oncePerRead(
    register,
    (reg) => (look.counted ? chosenIds(reg, look.counted) : new Set<string>()),
    () => new Set<string>(),
  );
  const log = journalLog(
    (others) => ({
      customers: [...ids(others), ...counted(others), ...(look.customers?.(others) ?? [])],
    }),
    [],
    look.actions,
  );
  return [
    log,
    {
      schema: register,
      columns: look.keep ?? [],
      peek: ["id", ...look.columns].filter((c) => !look.keep?.includes(c)),
      ...(look.rowColumns && { chooseColumns: ["id", ...look.rowColumns] }),
      choose: (columns, height, others) => {
        const chosen = ids(others);
        const rows: number[] = [];
        for (let r = 1; r < height; r++) if (chosen.has(text(columns.id?.[r - 1]))) rows.push(r);
        return rows;
      },
    },
  ];
}
