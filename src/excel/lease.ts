/**
 * The write lease around a writing action (domain/lease.ts): claim the 写入租约 cell,
 * wait the settle time, read it again, write only while the claim is ours, release it.
 * Where no lease clock is given (the command line, tests of one person), actions run as
 * they are.
 */
import { formatWrites } from "../domain/cell-formats";
import { heldByOther, leaseCell, parseLease } from "../domain/lease";
import { findSheet, langOf } from "../domain/layout";
import { settings as settingsSchema } from "../domain/schema/sheets";
import { readSettings, settingWrite } from "../domain/settings";
import { Book } from "./book";
import type { ExcelEnv } from "./env";

export interface LeaseClock {
  /** How long a claim is given to reach every co-author before it is read again. */
  settleMs: number;
  /** How long a claim holds at most (an action that takes longer may meet another). */
  holdMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
  token(): string;
  /** Told when a claim starts and stops waiting to settle: the pane shows it. */
  onSettling?(waiting: boolean): void;
}

/** Someone else is writing to the register now: nothing of this action was written. */
export class RegisterBusy extends Error {
  readonly code = "RegisterBusy";
  constructor(
    readonly holder: string,
    lang: "zh" | "en",
  ) {
    const who = holder || (lang === "zh" ? "另一位同事" : "someone else");
    super(
      lang === "zh"
        ? `${who} 正在写入客户名簿,您的操作未写入任何内容。请稍后再试。`
        : `${who} is writing to the register right now; nothing of yours was written. Please try again in a moment.`,
    );
    this.name = "RegisterBusy";
  }
}

/** The Settings sheet as this co-author sees it now, and its lease cell (undefined: no Settings). */
async function settingsNow(book: Book) {
  const snapshot = await book.read((names) => {
    const found = findSheet(settingsSchema, names);
    return found ? [found.name] : [];
  });
  const name = findSheet(settingsSchema, snapshot.sheetNames)?.name;
  const cell = name ? readSettings(snapshot.sheets[name]?.values).writeLease : undefined;
  return { snapshot, cell };
}

/** The lease cell as this co-author sees it now. */
const readLease = (env: ExcelEnv) =>
  env.run(
    async (context) => (await settingsNow(new Book(context, env.platform, undefined, env.sheetNames))).cell,
  );

/** Writes the lease cell, only if what it holds now passes `onlyIf`; false when nothing was written. */
async function writeLease(env: ExcelEnv, value: string, onlyIf: (cell: string) => boolean): Promise<boolean> {
  return env.run(async (context) => {
    const book = new Book(context, env.platform, undefined, env.sheetNames);
    const { snapshot, cell } = await settingsNow(book);
    if (cell === undefined || !onlyIf(cell)) return false;
    const write = settingWrite(snapshot, "writeLease", value, langOf(env.displayLanguage));
    if (write) await book.apply(formatWrites(snapshot, [write]));
    return !!write;
  });
}

/** One pane's leased actions, one after the other: a pane never meets its own claim. */
const queues = new WeakMap<LeaseClock, Promise<void>>();

/**
 * Runs `work` holding the register's write lease; RegisterBusy when someone else holds it.
 * `work` gets the claim's token: it checks again, in the batch that reads what it will
 * write, that the claim is still its own (a claimant whose read of a free register was
 * stale may have overwritten it meanwhile) — see `stillHeld`.
 */
export async function withLease<T>(env: ExcelEnv, work: (token?: string) => Promise<T>): Promise<T> {
  const clock = env.lease;
  if (!clock) return work();
  const before = queues.get(clock) ?? Promise.resolve();
  let done!: () => void;
  queues.set(
    clock,
    before.then(() => new Promise<void>((resolve) => (done = resolve))),
  );
  await before;
  try {
    return await leased(env, clock, work);
  } finally {
    done();
  }
}

async function leased<T>(env: ExcelEnv, clock: LeaseClock, work: (token?: string) => Promise<T>): Promise<T> {
  const lang = langOf(env.displayLanguage);
  const token = clock.token();
  const person = env.acting?.()?.name ?? "";
  const claim = leaseCell({ token, until: clock.now() + clock.holdMs, person });
  // Claim only a free register: a claim someone holds is theirs until it expires.
  let busy: string | undefined;
  const claimed = await writeLease(env, claim, (cell) => {
    const other = heldByOther(cell, token, clock.now());
    busy = other?.person;
    return !other;
  });
  if (busy !== undefined) throw new RegisterBusy(busy, lang);
  // No Settings sheet (a workbook not set up): nothing to claim, nobody else to meet.
  if (!claimed) return work();
  clock.onSettling?.(true);
  try {
    await clock.sleep(clock.settleMs);
  } finally {
    clock.onSettling?.(false);
  }
  stillHeld((await readLease(env)) ?? "", token, lang);
  try {
    return await work(token);
  } finally {
    // Released only while it is still ours (an expired claim may be someone else's by now).
    await writeLease(env, "", (cell) => parseLease(cell)?.token === token).catch(() => false);
  }
}

/**
 * Whether a claim made with `token` still stands in the lease cell as read now; when it does
 * not, RegisterBusy naming whoever holds it. Checked right before a leased action writes.
 */
export function stillHeld(cell: string, token: string, lang: "zh" | "en"): void {
  const now = parseLease(cell);
  if (!now || now.token !== token) throw new RegisterBusy(now?.person ?? "", lang);
}
