/**
 * How a check goes to Validate's worker (validate-worker.ts), and how the worker puts it
 * together again. The pane (validate-in-pane.ts) and the bench's worker thread both send
 * through `sendCheck`. Apart from the worker's module, which must not run on the pane's
 * thread.
 *
 * `postMessage` copies what it sends, synchronously, on the sending thread: a workbook read
 * whole at 100,000 customers is hundreds of megabytes, seconds of a frozen pane in one
 * message. So a workbook read whole goes in messages of ROWS_A_MESSAGE rows, the pane's
 * thread let go once a frame's time between them (clicks are answered, progress is drawn), and the worker
 * reads one message while the pane writes the next — on a machine of two cores, the two
 * halves of the copy side by side instead of one after the other. Each long text goes
 * once (domain/shared-texts.ts), found block by block as the messages are written: the
 * cells that hold it again go blank, in copies of their rows, and the worker puts it back
 * as each message arrives. The pane's own read is never changed.
 */
import { chainBeside } from "../domain/chain-beside";
import { CheckAhead, type AheadDone } from "../domain/check-ahead";
import { DigestsBeside, stampDigestsBeside, type DigestBlock } from "../domain/stamps-beside";
import { TextsArriving, TextsSent, type BlockTexts } from "../domain/shared-texts";
import type { CheckInput } from "../domain/workbook-check";
import type { ReadSink } from "../excel/book";
import type { Cell, Snapshot } from "../domain/workbook";

/** Rows of a sheet a message carries: a Register row with its stamps is 2–6 KB, so a few megabytes. */
export const ROWS_A_MESSAGE = 1000;

/** What the pane sends: a sheet's rows in order, then the check they belong to; or "forget". */
export type CheckRequest =
  /**
   * A read whole begins (again, after one that failed): its rows come as each answer brings
   * them. `ahead`: what the worker needs to begin the check with the sheets that have all
   * come (check-ahead.ts).
   */
  | { kind: "begin"; check: number; sheetNames: string[]; ahead: Ahead }
  /** `texts`: the long texts its cells held that went before (shared-texts.ts). */
  | { kind: "rows"; check: number; sheet: string; rows: Cell[][]; texts?: BlockTexts }
  /** Every row of the sheet has come, as the snapshot will have it. */
  | { kind: "sheet"; check: number; sheet: string }
  /** `rows`: the snapshot's values came before, in "rows" messages of this check. */
  | { kind: "check"; check: number; input: CheckInput; rows?: true }
  /** After a whole read's check: its Change log's chain, worked out on the pane's thread (chain-beside.ts). */
  | { kind: "chain"; check: number; found?: Uint8Array }
  /** Then customer rows' stamp digests, a block at a time, worked out there too (stamps-beside.ts). */
  | { kind: "digests"; check: number; block: DigestBlock }
  | { kind: "forget" };

/** What of a check's input is known when its read begins. */
export type Ahead = Pick<CheckInput, "pinnedAdmin">;

let checks = 0;

/**
 * A check on its way to the worker. A workbook read whole goes in messages of rows as the
 * read brings them (`sink`: told by Book.read after each answer), so the worker takes in
 * one answer while the pane waits for and parses the next, and works out what the sheets
 * that have all come allow (check-ahead.ts); then `send` sends what was not sent so (the
 * Change log on several sheets), the check, and the chain worked out beside it.
 */
export class CheckSender {
  private check = 0;
  private texts = new TextsSent();
  /** Each sheet's rows sent so far, from its top; the sheets all sent. */
  private sent = new Map<string, Cell[][]>();
  private done = new Set<string>();
  private yielding?: Yielding;
  private readonly letGo: () => Promise<void>;
  /** The worker has gone through every customer row, or the check is over: no more digests. */
  private enough = false;

  constructor(
    private readonly post: (request: CheckRequest) => void,
    private readonly ahead: Ahead,
    pause?: () => Promise<void>,
  ) {
    this.letGo = pause ?? (() => (this.yielding ??= new Yielding()).letGo());
  }

  /** Book.read's sink: rows go as they come. */
  readonly sink: ReadSink = {
    begin: (sheetNames) => {
      this.check = ++checks;
      this.texts = new TextsSent();
      this.sent = new Map();
      this.done = new Set();
      this.post({ kind: "begin", check: this.check, sheetNames, ahead: this.ahead });
    },
    rows: (sheet, rows) => {
      let values = this.sent.get(sheet);
      if (!values) this.sent.set(sheet, (values = []));
      const from = values.length;
      for (const row of rows) values.push(row);
      for (let at = from; at < values.length; at += ROWS_A_MESSAGE)
        this.post({
          kind: "rows",
          check: this.check,
          sheet,
          ...this.texts.block(sheet, values, at, Math.min(at + ROWS_A_MESSAGE, values.length)),
        });
    },
    done: (sheet) => {
      this.done.add(sheet);
      this.post({ kind: "sheet", check: this.check, sheet });
    },
  };

  /**
   * The worker needs no more digests (it said so for `check`, or the check is over): the
   * pane's thread stops working them out. A word about another check (one left behind) is
   * not this one's.
   */
  stop(check?: number): void {
    if (check === undefined || check === this.check) this.enough = true;
  }

  /**
   * Sends the check: a workbook read whole in messages of rows, what the sink did not send,
   * letting the pane's thread go between them; then the check itself; a patch (a Validate
   * after an edit) in one.
   */
  async send(input: CheckInput): Promise<void> {
    try {
      const snapshot = input.snapshot;
      if (!snapshot) return this.post({ kind: "check", check: ++checks, input });
      // Nothing told (a check read before, sent whole): a check of its own, its rows from the first.
      if (!this.check) this.check = ++checks;
      const check = this.check;
      const sheets: Snapshot["sheets"] = {};
      for (const [name, sheet] of Object.entries(snapshot.sheets)) {
        if (!sheet) continue;
        // A sheet sent in part only would be joined to the rest: never, as the sink tells.
        if (!this.done.has(name) && this.sent.has(name)) throw new Error(`${name}: sent in part`);
        if (!this.done.has(name))
          for (let from = 0; from < sheet.values.length; from += ROWS_A_MESSAGE) {
            const block = this.texts.block(name, sheet.values, from, from + ROWS_A_MESSAGE);
            this.post({ kind: "rows", check, sheet: name, ...block });
            await this.letGo();
          }
        sheets[name] = { ...sheet, values: [] };
      }
      this.post({ kind: "check", check, input: { ...input, snapshot: { ...snapshot, sheets } }, rows: true });
      // While the worker checks, this thread works out the log's chain for it. Should that
      // fail, the worker is told so and works the chain out itself: never a failed check.
      // (Not while the rest of the workbook is read: the in-memory host answers at once, and
      // the chain's blocks then made the read that much longer — decisions.md, session 41.)
      let found: Uint8Array | undefined;
      try {
        found = await chainBeside(snapshot, this.letGo);
      } catch {
        found = undefined;
      }
      this.post({ kind: "chain", check, found });
      // Then the customers' stamp digests, from the last row up, until the worker needs no more.
      // Should that fail, the worker works out those that did not come.
      try {
        await stampDigestsBeside(
          snapshot,
          this.letGo,
          (block) => this.post({ kind: "digests", check, block }),
          () => this.enough,
        );
      } catch {
        // Nothing more is sent; the check goes on without.
      }
    } finally {
      this.yielding?.close();
      this.yielding = undefined;
    }
  }
}

/**
 * Sends a check read before (not told as it was read): a workbook read whole in messages
 * of rows, letting the pane's thread go between them (`pause`), then the check itself; a
 * patch (a Validate after an edit) in one.
 */
export function sendCheck(
  post: (request: CheckRequest) => void,
  input: CheckInput,
  pause?: () => Promise<void>,
): Promise<void> {
  return new CheckSender(post, { pinnedAdmin: input.pinnedAdmin }, pause).send(input);
}

/**
 * The pane's thread let go once a frame's time (16 ms) has gone since it last was: a
 * message through a channel of its own, which runs after what waits (a click, a redraw)
 * and, unlike a `setTimeout` 0 — held back to 4 ms once nested, by HTML's timers —
 * without a wait of its own.
 */
export class Yielding {
  private readonly channel = new MessageChannel();
  private last = performance.now();
  /** `held`: told how long the thread was held each time it is let go (the bench). */
  constructor(private readonly held?: (ms: number) => void) {}

  /** When the thread was last given back (performance.now()). */
  get lastLetGo(): number {
    return this.last;
  }

  letGo(): Promise<void> {
    const now = performance.now();
    if (now - this.last < 16) return Promise.resolve();
    this.held?.(now - this.last);
    return new Promise((resolve) => {
      this.channel.port1.onmessage = () => {
        this.last = performance.now();
        resolve();
      };
      this.channel.port2.postMessage(0);
    });
  }

  close(): void {
    this.channel.port1.close();
    this.channel.port2.close();
  }
}

/**
 * The worker's side: rows kept as they come, and the check they belong to given back whole
 * when it comes — its sheets' rows in place, its shared texts put back. Rows of another
 * check (one whose sending failed halfway) are dropped, never joined to this one's.
 */
export class ArrivingChecks {
  private check = 0;
  private rows = new Map<string, Cell[][]>();
  private texts = new TextsArriving();
  /** What the worker works out while a read whole comes (check-ahead.ts). */
  private ahead?: CheckAhead;
  /** The work ahead of a read left behind, while it stops. */
  private stopping?: Promise<unknown>;
  /** The stamp digests the pane works out beside the latest whole read's check, as they come. */
  private digests?: { check: number; store: DigestsBeside };
  /** The latest check whose digests are done with: those still coming for it are dropped. */
  private digestsDone = 0;
  /** The chain the pane works out beside the latest whole read's check, when it comes. */
  private chain?: {
    check: number;
    found: Promise<Uint8Array | undefined>;
    give: (found?: Uint8Array) => void;
  };

  constructor(
    /** Lets in the messages that came while a check runs (each `DigestsBeside`'s `letIn`). */
    private readonly letIn: () => Promise<void> = () => Promise.resolve(),
    /** Told when check `check` needs no more digests. */
    private readonly enough: (check: number) => void = () => {},
  ) {}

  /** The check to run, once `request` completes one; undefined for rows, the chain and digests. */
  take(request: Exclude<CheckRequest, { kind: "forget" }>): CheckInput | undefined {
    if (request.kind === "digests") {
      // Digests of a check left behind or over are no one's now.
      if (request.check > this.digestsDone && (!this.digests || request.check >= this.digests.check))
        this.digestsFor(request.check).take(request.block);
      return undefined;
    }
    if (request.kind === "chain") {
      // A chain of a check left behind is no one's now: it must not end the waiting of the one after.
      if (!this.chain || request.check >= this.chain.check) this.chainOf(request.check).give(request.found);
      return undefined;
    }
    if (request.check !== this.check) {
      this.check = request.check;
      this.forget();
    }
    if (request.kind === "begin") {
      this.ahead = new CheckAhead(request.sheetNames, request.ahead.pinnedAdmin, this.stopping);
      return undefined;
    }
    if (request.kind === "rows") {
      let values = this.rows.get(request.sheet);
      if (values) for (const row of request.rows) values.push(row);
      else this.rows.set(request.sheet, (values = request.rows));
      this.texts.arrived(request.sheet, values, request.rows, request.texts);
      return undefined;
    }
    if (request.kind === "sheet") {
      let values = this.rows.get(request.sheet);
      if (!values) this.rows.set(request.sheet, (values = []));
      // Worked out while the rest comes; a failure there is the check's to find (check-ahead.ts).
      void this.ahead?.arrived(request.sheet, values);
      return undefined;
    }
    const { input } = request;
    const rows = this.rows;
    this.rows = new Map();
    this.texts = new TextsArriving();
    if (!input.snapshot) return input;
    if (request.rows)
      for (const [name, sheet] of Object.entries(input.snapshot.sheets))
        if (sheet) sheet.values = rows.get(name) ?? [];
    return input;
  }

  /**
   * What is under way ahead of the check (check-ahead.ts), stopped: the check begins when
   * it is done, and takes what it worked out.
   */
  async settled(): Promise<AheadDone> {
    const ahead = this.ahead;
    this.ahead = undefined;
    const stopping = this.stopping;
    this.stopping = undefined;
    await stopping;
    return (await ahead?.stop()) ?? "none";
  }

  /**
   * The chain the pane's thread works out for check `check` (sent after it, kind "chain"):
   * undefined when it could not, or once a later check began.
   */
  chainFor(check: number): Promise<Uint8Array | undefined> {
    return this.chainOf(check).found;
  }

  /** Where the stamp digests the pane works out for check `check` come (kind "digests"). */
  digestsFor(check: number): DigestsBeside {
    if (this.digests?.check !== check)
      this.digests = { check, store: new DigestsBeside(this.letIn, () => this.enough(check)) };
    return this.digests.store;
  }

  /**
   * Check `check` is over: its digests are let go (100,000 rows' at 100,000 customers), and
   * those the pane still sends before it hears so are dropped.
   */
  doneWithDigests(check: number): void {
    this.digestsDone = Math.max(this.digestsDone, check);
    if (this.digests && this.digests.check <= check) this.digests = undefined;
  }

  private chainOf(check: number) {
    if (this.chain?.check !== check) {
      // A check left behind waits no more: it works its chain out itself.
      this.chain?.give(undefined);
      let give!: (found?: Uint8Array) => void;
      const found = new Promise<Uint8Array | undefined>((resolve) => (give = resolve));
      this.chain = { check, found, give };
    }
    return this.chain;
  }

  forget(): void {
    this.rows = new Map();
    this.texts = new TextsArriving();
    // Stopped; what it had under way is awaited by the next (its verifications counted before the next's).
    if (this.ahead) this.stopping = this.ahead.stop();
    this.ahead = undefined;
  }
}
