/**
 * "Validate workbook" over a snapshot: every row checked, every stamp and the Change log's
 * chain verified, each problem located at its cell. The pane's action and the command-line
 * tool both call this.
 */
import type { DigestsBeside } from "./stamps-beside";
import { placeIn } from "./log-segments";
import { takeChain } from "./chain-beside";
import { verifyCounts } from "./stamps/keys";
import { pushAll } from "./arrays";
import { bookContext } from "./book-context";
import { logSignatureProblems, logVouches } from "./log-signing";
import { lookProblems } from "./looking";
import { keptSheetProblems } from "./kept-sheets";
import { asRead, readSheet } from "./records";
import { KeptSnapshot, type SnapshotPatch } from "./snapshot-patch";
import { staffEntries, staffKey } from "./stamps/staff";
import { findSheet, headerIndex, workbookLang } from "./layout";
import { checkJournal, erasable } from "./journal/check";
import { headProblems, logHead, rememberHead, seenHeadOf, type LogHead } from "./journal/head";
import type { Problem } from "./problem";
import {
  archivePast,
  archiveSuspended,
  changeLog,
  destructionLog,
  annualResults,
  contacts,
  intake,
  loanLog,
  register,
  settings as settingsSchema,
  setUpSheets,
  staff,
} from "./schema/sheets";
import { loanReturnProblems, verifyLoanStamps } from "./loans";
import { keptCustomers, keyCustomerProblems, recordProblems } from "./contacts";
import { validateWorkbook, validatedSheets } from "./validation";
import { verifyWorkbook } from "./verification";
import { columnLetter, type Snapshot } from "./workbook";

/** The sheets a full check reads. */
export const checkedSheets = [
  register,
  intake,
  settingsSchema,
  staff,
  changeLog,
  archiveSuspended,
  archivePast,
  destructionLog,
  loanLog,
  contacts,
  annualResults,
];

/** A problem with the cell it points at, so the pane can select it. */
export interface LocatedProblem extends Problem {
  sheetName: string;
  /** A1 address on that sheet, e.g. "F12"; the header cell or A1 when no column applies. */
  address: string;
}

/** The steps of a check, in order: the cells and the journal, the log's seals, the stamps (row by row), the chain. */
export type CheckStep = "cells" | "signatures" | "stamps" | "chain";
export type CheckProgress = (step: CheckStep, done: number, total: number) => void;

export interface ValidationOutcome {
  problems: LocatedProblem[];
  checked: Record<string, number>;
  /** The administrator's key is not the one this device pinned: no stamp can be trusted. */
  adminChanged: boolean;
  /** No trust root: every stamp was reported unverified. */
  unverified: boolean;
  /** The Change logs' ends for the device to remember (this one's unchanged while it fails to extend it). */
  heads: LogHead[];
  /**
   * Which workbook this was, for the device to remember its count by: the administrator's
   * fingerprint as Settings show it ("" before any), as the home page reads it too.
   */
  root: string;
  /**
   * Signatures (stamps and the log's seals) this check verified, and those it had already
   * verified over the same content before, in this pane (stamps/keys.ts): a second Validate
   * after an edit verifies only what changed; and the stamps known by their signer's seal in
   * the Change log instead of their own signature (log-signing.ts `logVouches`).
   */
  verified: { computed: number; remembered: number; vouched: number };
}

export async function checkWorkbook(
  snapshot: Snapshot,
  today: string,
  pinnedAdmin?: string,
  firstUse = true,
  /** The ends of the Change logs this device last saw (one per workbook). */
  seenHeads: LogHead[] = [],
  /** The time now ("2026-12-04T12:30"): whether a sheet shown for a while is still within its time. */
  now = `${today}T00:00`,
  /** Told as each step starts, and as the stamps are verified (the pane's progress bar). */
  progress: CheckProgress = () => {},
  /** The chain worked out on the pane's thread meanwhile (chain-beside.ts), when it is. */
  chainFound?: Promise<Uint8Array | undefined>,
  /** The customers' stamp digests worked out on the pane's thread meanwhile (stamps-beside.ts), as they come. */
  digests?: DigestsBeside,
): Promise<ValidationOutcome> {
  progress("cells", 0, 1);
  const counted = { ...verifyCounts };
  const { settings, trust, policy, clock } = await bookContext(snapshot, pinnedAdmin, firstUse);
  const journal = checkJournal(snapshot, workbookLang(setUpSheets, snapshot, "zh"));
  const report = validateWorkbook(snapshot, settings, today);
  progress("signatures", 0, 1);
  // A destroyed customer's blanked requests are not input mistakes.
  report.problems = report.problems.filter(
    (p) => p.sheet !== "intake" || !journal.erasedIntakeRows.has(p.row),
  );
  // What stands on neither the log's chain nor the customers' stamps, worked out while the
  // chain may still be on its way from the pane's thread; reported in its place below.
  // Each customer kept now, with their responsible person: read once for the looks' rule
  // and the Contact log's IDs.
  const customers = keptCustomers(snapshot);
  const aside = [
    await verifyLoanStamps(snapshot, settings, trust),
    loanReturnProblems(snapshot),
    // Who looked without the right (looking.ts): judged only against a trust root.
    trust.unverified ? [] : lookProblems(snapshot, settings, trust, (id) => customers.get(id)),
    keyCustomerProblems(snapshot),
    keptSheetProblems(snapshot, settings.keepHidden, now),
    recordProblems(snapshot, settings, today, customers),
  ];
  // The seals are the first to ask the chain: by now the pane's thread has worked it out.
  const beside = chainFound && (await chainFound);
  if (beside) takeChain(snapshot, beside);
  pushAll(
    report.problems,
    journal.problems,
    policy.problems,
    await logSignatureProblems(snapshot, trust, policy.everyoneSealsAt),
  );
  const headNow = logHead(journal.journal.log, trust.adminFingerprint);
  const seenHead = seenHeadOf(journal.journal.log, seenHeads, trust.adminFingerprint);
  const headIssues = headProblems(journal.journal.log, seenHead);
  pushAll(report.problems, headIssues);
  // A device the log revoked whose revocation row was deleted or typed back to 否: the log
  // holds, and the device's rows are reported.
  const revokedInLog = clock?.revokedAt ?? new Map<string, string>();
  const staffRows = staffEntries(readSheet(staff, snapshot).records);
  const revokedOnSheet = new Set(staffRows.filter((e) => e.revoked).map(staffKey));
  for (const entry of staffRows)
    if (revokedInLog.has(staffKey(entry)) && !revokedOnSheet.has(staffKey(entry)))
      report.problems.push({
        sheet: "staff",
        row: entry.row,
        column: "revoked",
        rule: "staff.revokedInLog",
        value: entry.name,
      });
  for (const entry of trust.unreadable)
    report.problems.push({
      sheet: "staff",
      row: entry.row,
      column: "publicKey",
      rule: "staff.badKey",
      value: entry.name,
    });
  pushAll(
    report.problems,
    await verifyWorkbook(
      snapshot,
      settings,
      trust,
      journal.journal,
      erasable(journal.journal),
      progress,
      await logVouches(snapshot, trust, policy.everyoneSealsAt),
      digests,
    ),
    ...aside,
  );
  const sheetsByKey = [
    ...validatedSheets,
    staff,
    settingsSchema,
    changeLog,
    archiveSuspended,
    archivePast,
    destructionLog,
    loanLog,
    contacts,
    annualResults,
  ];
  // Each sheet's name and header map once, not once per problem (a large check finds many).
  const where = new Map<string, { sheetName: string; at: Record<string, number | undefined> }>();
  const placeOf = (key: string) => {
    let place = where.get(key);
    if (!place) {
      const schema = sheetsByKey.find((s) => s.key === key)!;
      const sheetName = findSheet(schema, snapshot.sheetNames)?.name ?? schema.name.zh;
      place = { sheetName, at: headerIndex(schema, snapshot.sheets[sheetName]?.values[0]) };
      where.set(key, place);
    }
    return place;
  };
  const segments = snapshot.logSegments;
  const located = report.problems.map((p) => {
    const { sheetName, at } = placeOf(p.sheet);
    const col = at[p.column];
    const letter = col === undefined ? "A" : columnLetter(col);
    // A row of a log kept on several sheets: on the sheet it stands on (log-segments.ts).
    if (segments && p.sheet === changeLog.key && p.row > 1) {
      const there = placeIn(segments, p.row - 1);
      return { ...p, sheetName: there.sheet, address: `${letter}${there.row + 1}` };
    }
    return { ...p, sheetName, address: `${letter}${p.row}` };
  });
  return {
    problems: located,
    checked: report.checked,
    adminChanged: trust.adminChanged,
    unverified: trust.unverified,
    // The heads to remember: this log's new one when it extends what was seen, else the old.
    heads: headIssues.length ? seenHeads : rememberHead(seenHeads, headNow),
    root: settings.adminFingerprint,
    verified: {
      computed: verifyCounts.computed - counted.computed,
      remembered: verifyCounts.remembered - counted.remembered,
      vouched: verifyCounts.vouched - counted.vouched,
    },
  };
}

/** What a check is given, wherever it runs (the pane runs it in a Web Worker). */
export interface CheckInput {
  /** The workbook as read whole; or, in `patch`, what changed since the snapshot kept under `base`. */
  snapshot?: Snapshot;
  patch?: { base: string; changes: SnapshotPatch };
  /** Keep the snapshot checked under this id, for the next check's patch (snapshot-patch.ts). */
  keepAs?: string;
  today: string;
  pinnedAdmin?: string;
  seenHeads: LogHead[];
  now: string;
}

/** The workbook the last check kept, where checks run: this process, or the pane's Web Worker. */
const kept = new KeptSnapshot();

/** "Check everything": no patch is put over what was kept; the next check reads whole. */
export function forgetKeptSnapshot(): void {
  kept.forget();
}

/**
 * The check over what the pane read (validate-workbook.ts), here or in the pane's Web
 * Worker. A patch over a snapshot not kept here throws BaseLost (the adapter reads whole).
 */
export function checkInput(
  input: CheckInput,
  progress?: CheckProgress,
  /** The chain worked out beside the check, where it runs in the pane's worker (chain-beside.ts). */
  chainFound?: Promise<Uint8Array | undefined>,
  /** The customers' stamp digests worked out beside it (stamps-beside.ts). */
  digests?: DigestsBeside,
): Promise<ValidationOutcome> {
  const snapshot = kept.resolve(input);
  if (input.keepAs) kept.keep(input.keepAs, asRead(snapshot));
  else if (input.patch) kept.forget();
  return checkWorkbook(
    snapshot,
    input.today,
    input.pinnedAdmin,
    true,
    input.seenHeads,
    input.now,
    progress,
    chainFound,
    digests,
  );
}
