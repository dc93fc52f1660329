/**
 * Where the adapter runs: real Excel through Office.js, or the in-memory host. Both give a
 * `run` with Excel.run's shape and say which platform's limits apply.
 */
import type { OfficeDocumentLike } from "./backup";
import type { LogSigner } from "../domain/log-signing";
import type { LeaseClock } from "./lease";
import type { LogWrite } from "../domain/log-repair";
import type { SheetNameMemory } from "./book";

export type Platform = "web" | "desktop";

export interface ExcelEnv {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Excel on the web limits each request and each response to 5 MB; desktop does not. */
  platform: Platform;
  /** Office's display language, e.g. "zh-CN". */
  displayLanguage: string;
  /**
   * The whole file, for backups; absent where Excel lacks the CompressedFile requirement
   * set, and in the preview unless it is given a file (`&file=`, preview/file.ts).
   */
  document?: OfficeDocumentLike;
  /**
   * Office's platform (Office.context.diagnostics.platform: "PC", "OfficeOnline", "Mac",
   * "iOS"…): on a Mac or iPad the pane's webview cannot hand a file to the person (backup.ts).
   */
  officePlatform?: string;
  /** The acting person's unlocked key, if the pane holds one: it signs what an action appends to the Change log. */
  signer?: () => LogSigner | undefined;
  /** The signer is the key of an act that needs it (a stamp, the administrator's acts): it seals whatever the workbook's Staff say of it yet. */
  keyedAct?: boolean;
  /** Where several people may write at once (the pane): writing actions hold the register's write lease (lease.ts). */
  lease?: LeaseClock;
  /** Who is acting, when they hold a key on this device (unlocked or not): see seal.ts. */
  acting?: () => { name: string; fingerprint: string } | undefined;
  /**
   * The sheet names the last action listed, kept for the next (excel/book.ts): its headers
   * are asked for by them in the same sync as the listing that checks them, one sync fewer
   * an action. Any holder will do; the pane keeps one for its life.
   */
  sheetNames?: SheetNameMemory;
  /** Told what each action appended to the Change log, so the pane can look again later (log-check.ts). */
  onLogWritten?: (written: LogWrite) => void;
  /**
   * Every sheet an action needs read whole, instead of what it needs of them (partial.ts):
   * the reference a partial read must decide the same as (test/excel/look-reads.test.ts).
   */
  readWhole?: boolean;
}

/**
 * The write lease of a pane (lease.ts) on the real clock: a claim is read again after
 * `settleMs` and holds for two minutes at most.
 */
export function paneLease(settleMs: number): LeaseClock {
  return {
    settleMs,
    holdMs: 120_000,
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    token: () => crypto.randomUUID(),
  };
}

/**
 * How long a claim of the register is given to reach the other co-authors before it is
 * read again: more than twice what a change takes to arrive with AutoSave on (about a
 * second, as Microsoft describes co-authoring "in real time"); see docs/decisions.md.
 */
export const CO_AUTHORING_SETTLE_MS = 3000;

/**
 * How every batch runs: while the person is typing in a cell, Excel holds the batch until
 * they leave the cell instead of failing it (Excel.RunOptions.delayForCellEdit, ExcelApi
 * 1.5; without it the batch fails with InvalidOperationInCellEditMode).
 */
export const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

/** The environment of a pane hosted in Excel, after Office.onReady. */
export function officeEnv(): ExcelEnv {
  const platform = Office.context.diagnostics?.platform;
  return {
    lease: paneLease(CO_AUTHORING_SETTLE_MS),
    run: (batch) => Excel.run(RUN_OPTIONS, batch),
    sheetNames: {},
    platform: platform === Office.PlatformType.OfficeOnline ? "web" : "desktop",
    displayLanguage: Office.context.displayLanguage ?? "en-US",
    // getFileAsync(Compressed) is the CompressedFile requirement set: Excel on the web, Windows and Mac, not iPad.
    document: Office.context.requirements?.isSetSupported("CompressedFile")
      ? (Office.context.document as unknown as OfficeDocumentLike)
      : undefined,
    officePlatform: String(platform ?? ""),
  };
}

/**
 * The environment of an action taken with a person's unlocked key (a stamp, a
 * termination, the administrator's acts): what it appends to the Change log is signed
 * with that key.
 */
export function actingWith(env: ExcelEnv, person: { fingerprint: string; privateKey: CryptoKey }): ExcelEnv {
  return {
    ...env,
    keyedAct: true,
    signer: () => ({ fingerprint: person.fingerprint, privateKey: person.privateKey }),
  };
}

/**
 * Who is looking (domain/looking.ts), where the pane says who is acting: the named person,
 * with the key they act with on this device when it is theirs. Undefined outside a pane
 * (no `acting`: scripts and tests driving the adapter): nobody's identity is there to judge
 * as the look is made, so only Validate judges the logged name (docs/confidentiality.md).
 */
export function lookerOf(env: ExcelEnv, person: string): { name: string; fingerprint?: string } | undefined {
  if (!env.acting) return undefined;
  const acting = env.acting();
  return { name: person, ...(acting?.name === person ? { fingerprint: acting.fingerprint } : {}) };
}
