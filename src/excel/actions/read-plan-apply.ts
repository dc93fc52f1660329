import { bookContext } from "../../domain/book-context";
import { findSheet, langOf } from "../../domain/layout";
import type { SheetSchema } from "../../domain/schema/model";
import { settings as settingsSchema, staff } from "../../domain/schema/sheets";
import { type Settings } from "../../domain/settings";
import { type StaffTrust } from "../../domain/stamps/staff";
import type { Cell, Snapshot, Write } from "../../domain/workbook";
import { keyWrites } from "../../domain/keyed";
import { reprotectWrites } from "../../domain/kept-sheets";
import { formatWrites } from "../../domain/cell-formats";
import { logWriteOf } from "../../domain/log-repair";
import { Book } from "../book";
import type { ExcelEnv } from "../env";
import { sealWrites } from "../seal";
import { stillHeld, withLease } from "../lease";
import { readNeedsUnless } from "../partial";
import { FindWords, MoreRows, WholeRead, type Need } from "../../domain/partial-read";

/** Rounds of rows a plan may ask for before the action gives up (a list's pages take one). */
const MORE_ROUNDS = 3;

export interface Context {
  snapshot: Snapshot;
  settings: Settings;
  trust: StaffTrust;
}

/**
 * The shape of every pane action: read the sheets it needs in one batch (Settings and
 * Staff always), let the domain plan, apply the plan's writes in one (chunked) batch.
 * The plan's other fields are the action's result.
 *
 * Where several people may write at once (`env.lease`), an action whose plan writes runs
 * again under the register's write lease (lease.ts), on what the register holds once the
 * lease is this person's: a plan made before someone else's writes arrived is never
 * applied. An action that writes nothing takes no lease.
 */
export async function readPlanApply<T extends { writes: Write[] }>(
  env: ExcelEnv,
  /**
   * The sheets read whole; or, for an action that touches a few rows, what it needs of each
   * (partial.ts) — and, when what was read says it is not enough (`orWhole.when`), the
   * sheets to read whole instead, in the same attempt.
   */
  sheets:
    | SheetSchema[]
    | {
        needs: Need[];
        /**
         * What the action needs, worked out from a read of its own first (a month's lists: the
         * log's invalid marks of the month, in its blocks of that month): read in part instead
         * of `needs`, which name the sheets a whole read reads.
         */
        after?: (book: Book) => Promise<Need[]>;
        orWhole?: {
          sheets: SheetSchema[];
          when: (s: Snapshot) => boolean;
          /** Known from the sheet names alone (no department list stands yet): no partial read is tried. */
          before?: (sheetNames: string[]) => boolean;
        };
      },
  pinnedAdmin: string | undefined,
  plan: (context: Context) => Promise<T>,
  sizesOf: (sheetNames: string[]) => string[] = () => [],
  /** Sheets read whole besides the product's, chosen by name (printouts, loan extracts). */
  alsoRead: (sheetNames: string[]) => string[] = () => [],
  /**
   * Whether a read of what the action needs reads `alsoRead`'s sheets too; otherwise only a
   * whole read does (a run over the journal: a destruction finds its lines on the printouts
   * by Excel's search, and an act that finishes a cut-off one reads everything anyway).
   */
  alsoReadInPart = true,
): Promise<Omit<T, "writes"> & { adminChanged: boolean; adminFingerprint?: string }> {
  const attempt = (apply: boolean, token?: string) =>
    env.run(async (excel) => {
      const book = new Book(excel, env.platform, langOf(env.displayLanguage), env.sheetNames);
      const whole = (schemas: SheetSchema[]) =>
        book.read(
          (names) => [
            ...[...new Set([...schemas, settingsSchema, staff])]
              .map((s) => findSheet(s, names)?.name)
              .filter((n): n is string => !!n),
            ...alsoRead(names),
          ],
          sizesOf,
        );
      const orWhole = Array.isArray(sheets) ? undefined : sheets.orWhole;
      // Read whole, what is read whole is every sheet a need names (and the fallback's).
      const wholly = Array.isArray(sheets)
        ? sheets
        : [...new Set([...sheets.needs.map((n) => n.schema), ...(orWhole?.sheets ?? [])])];
      const partial =
        Array.isArray(sheets) || env.readWhole
          ? undefined
          : await readNeedsUnless(
              book,
              [
                ...(sheets.after ? await sheets.after(book) : sheets.needs),
                { schema: settingsSchema, whole: true },
                { schema: staff, whole: true },
              ],
              sizesOf,
              alsoReadInPart ? alsoRead : () => [],
              orWhole?.before,
            );
      let snapshot = partial && !orWhole?.when(partial) ? partial : await whole(orWhole?.sheets ?? wholly);
      // A plan may ask for rows it could not know it needed (MoreRows), or for everything (WholeRead).
      let planned: T | undefined;
      let context!: Awaited<ReturnType<typeof bookContext>>;
      for (let round = 0; !planned; round++) {
        context = await bookContext(snapshot, pinnedAdmin);
        // Under the lease: the claim must still be this action's as the plan is read.
        if (token !== undefined) stillHeld(context.settings.writeLease, token, langOf(env.displayLanguage));
        try {
          planned = await plan({ snapshot, settings: context.settings, trust: context.trust });
        } catch (e) {
          if (e instanceof MoreRows && snapshot.parts && round < MORE_ROUNDS) {
            const read = await book.readBlocks(e.blocks.map((b) => ({ ...b, col: 0 })));
            e.blocks.forEach((b, i) =>
              read[i]!.forEach((cells, k) => snapshot.parts![b.sheet]?.rows.set(b.row + k, cells)),
            );
          } else if (e instanceof FindWords && snapshot.parts && round < MORE_ROUNDS)
            await readWhereFound(book, snapshot, e);
          else if (e instanceof WholeRead && orWhole && snapshot.parts)
            snapshot = await whole(orWhole.sheets);
          else throw e;
        }
      }
      const { settings, trust, policy } = context;
      const { writes, ...result } = planned;
      // What the action appends to the Change log is sealed with the acting person's unlocked
      // key (a locked key stops it here, before the lease is taken or anything written).
      const sealed = writes.length
        ? await sealWrites(env, snapshot, writes, trust, policy.policy.rules?.everyoneSeals)
        : writes;
      // Rows that exist are written where their identity is when the batch runs (keyed.ts).
      if (apply && sealed.length) {
        await book.apply([
          ...formatWrites(snapshot, keyWrites(snapshot, sealed)),
          ...reprotectWrites(snapshot, settings.keepHidden, sealed),
        ]);
        const logged = env.onLogWritten && logWriteOf(snapshot, sealed);
        if (logged) env.onLogWritten!(logged);
      }
      return {
        writes: sealed.length,
        result: { ...result, adminChanged: trust.adminChanged, adminFingerprint: trust.adminFingerprint },
      };
    });
  if (!env.lease) return (await attempt(true)).result;
  const dry = await attempt(false);
  if (dry.writes === 0) return dry.result;
  return withLease(env, async (token) => (await attempt(true, token)).result);
}

/**
 * The cells of the sheets a plan must find words on (`FindWords`: a destruction's words on the
 * printouts) that hold any of them, as Excel finds them — every line a whole read would clear
 * holds one, and is decided by those cells — or each sheet whole where its search cannot be
 * relied on (Book.findCells), or a word cannot be searched for (a wildcard character, one
 * character, more than 255): into the snapshot, every other cell empty, with the search noted.
 */
async function readWhereFound(book: Book, snapshot: Snapshot, e: FindWords): Promise<void> {
  // A word of one character could be in most cells of a long printout: an answer over Excel's limit.
  const plain = e.words.every((w) => w.length >= 2 && w.length <= 255 && !/[*?~]/.test(w));
  const found = await book.findCells(e.sheets, plain ? e.words : []);
  const wholly = [...found].filter(([, f]) => f.whole);
  const grids = await book.readBlocks(
    wholly.map(([sheet, f]) => ({ sheet, row: 0, col: 0, rows: f.height, cols: f.width })),
  );
  const searched = new Set(snapshot.searched?.sheets);
  wholly.forEach(([sheet], i) => {
    snapshot.sheets[sheet] = { name: sheet, values: grids[i]! };
    searched.delete(sheet);
  });
  for (const [sheet, f] of found) {
    if (f.whole) continue;
    // Rows nothing was found on: one empty row, shared (a review list may have 100,000).
    const none: Cell[] = Object.freeze([]) as unknown as Cell[];
    const values: Cell[][] = new Array<Cell[]>(f.height).fill(none);
    for (const [r, cells] of f.cells) {
      const row = new Array<Cell>(f.width).fill("");
      for (const [c, cell] of cells) row[c] = cell;
      values[r] = row;
    }
    snapshot.sheets[sheet] = { name: sheet, values };
    searched.add(sheet);
  }
  snapshot.searched = { sheets: [...searched], words: e.words };
}
