/**
 * What Validate's worker works out before the whole workbook has come (issue 15). The pane
 * reads a workbook whole in many answers and sends each answer's rows to the worker as it
 * comes (taskpane/check-message.ts); the worker would otherwise sit idle for the whole read.
 * The pane reads Settings, Staff and the Change log first (validate-workbook.ts), so while
 * the Register and the requests still come, the worker already works out from those three:
 * - the book's context: the settings, who is trusted and since when (the log's clock, every
 *   stamp of the log read), the policy in force (book-context.ts);
 * - the journal's fold of the log (journal/journal.ts).
 *
 * Then, with the worker idle until the read ends, the records of the Register and the
 * requests once each has all come (records.ts `readSheet`): 200,000 rows at 100,000
 * customers, which the check's journal and cells would otherwise make first.
 *
 * Each is kept where the check itself looks for it, by the very sheets it was worked out from
 * (records.ts `asRead`: the same arrays the check is then given), so the check takes it
 * instead of working it out. Nothing here decides a finding: each stands on those sheets
 * alone, as it does for a Validate after an edit elsewhere (snapshot-patch.ts), and a sheet
 * that has not all come is never given to it.
 */
import { bookContext } from "./book-context";
import { hashReady } from "./digest";
import { readJournal } from "./journal/journal";
import { findSheet } from "./layout";
import { asRead, readSheet } from "./records";
import { changeLog, intake, register, settings as settingsSchema, staff } from "./schema/sheets";
import type { SheetRead, Snapshot } from "./workbook";

/**
 * Whether the work ahead was done when the check began (tests, the bench): before it, under
 * way (the check waited for it), or never begun (the three had not all come).
 */
export type AheadDone = "before" | "waited" | "none";

/** The sheets what is worked out ahead stands on. */
export const AHEAD_SHEETS = [settingsSchema, staff, changeLog];

/** The sheets whose records are made ahead, after the context and the journal, once each has come. */
const RECORDS_AHEAD = [register, intake];

/**
 * One read's work ahead: told each sheet as it has all come, it works the context and the
 * journal out once those three have (or are not in the workbook), unless stopped first.
 */
export class CheckAhead {
  private readonly sheets: Record<string, SheetRead> = {};
  private stopped = false;
  private begun = false;
  private running: Promise<void> = Promise.resolve();
  private done = false;

  constructor(
    private readonly sheetNames: string[],
    private readonly pinnedAdmin: string | undefined,
    /** The work ahead of a read that began again, stopped: this one's begins after it, never beside it. */
    after?: Promise<unknown>,
  ) {
    if (after) this.running = after.then(() => undefined);
  }

  /**
   * From now on nothing more is begun: the check itself begins, or a new read. Resolves
   * when the work under way is done, so that the check counts what it verified (book-context.ts).
   */
  async stop(): Promise<AheadDone> {
    const when: AheadDone = this.done ? "before" : this.begun ? "waited" : "none";
    this.stopped = true;
    await this.running;
    return when;
  }

  /** `values`: every row of sheet `name`, as the check will be given them, never changed after. */
  arrived(name: string, values: SheetRead["values"]): Promise<void> {
    this.sheets[name] = { name, values };
    if (this.begun) return this.recordsOf(name);
    if (this.stopped || !this.ready()) return this.running;
    this.begun = true;
    // The sheets that have come, as read: what is worked out is kept with them.
    const snapshot: Snapshot = asRead({ sheetNames: this.sheetNames, sheets: { ...this.sheets } });
    this.running = this.running
      .then(async () => {
        // The worker's WebAssembly hash (digest.ts), as the check waits for it.
        await hashReady();
        // As the check asks (workbook-check.ts checkInput): a first use trusts the workbook's administrator.
        await bookContext(snapshot, this.pinnedAdmin, true, true);
        readJournal(snapshot);
        this.done = true;
      })
      .catch(() => {
        // What went wrong ahead is the check's to find again: it works everything out itself.
      });
    // And the records of those of the Register and the requests that came before.
    for (const sheet of Object.keys(this.sheets)) void this.recordsOf(sheet);
    return this.running;
  }

  /**
   * The records of sheet `name` made after what is under way, when it is the Register or the
   * requests and nothing stopped the work ahead; kept with the sheet as read, where the check
   * looks for them.
   */
  private recordsOf(name: string): Promise<void> {
    const schema = RECORDS_AHEAD.find((s) => findSheet(s, this.sheetNames)?.name === name);
    if (!schema || this.stopped) return this.running;
    const sheet = this.sheets[name]!;
    this.running = this.running
      .then(() => {
        if (this.stopped) return;
        readSheet(schema, asRead({ sheetNames: this.sheetNames, sheets: { [name]: sheet } }));
      })
      .catch(() => {
        // The check makes them itself.
      });
    return this.running;
  }

  /** Whether every one of the three that the workbook has has come. */
  private ready(): boolean {
    return AHEAD_SHEETS.every((schema) => {
      const found = findSheet(schema, this.sheetNames);
      return !found || this.sheets[found.name] !== undefined;
    });
  }
}
