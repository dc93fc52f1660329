/**
 * What every plan needs besides its own sheets: the Settings (defaults where missing) and
 * which Staff keys are trusted (countersigned by the pinned administrator).
 */
import { findSheet } from "./layout";
import { readSheet, text, type SheetRecord } from "./records";
import { changeLog, settings as settingsSchema, staff } from "./schema/sheets";
import { readSettings, type Settings } from "./settings";
import {
  logMoment,
  staffEntries,
  startKey,
  timeKey,
  trustStaff,
  type LogClock,
  type StaffTrust,
} from "./stamps/staff";
import { approvalStamps, journalRowOf } from "./journal/journal";
import { verifyCounts } from "./stamps/keys";
import type { Snapshot } from "./workbook";
import { policyInForce, withPolicy, type PolicyInForce } from "./policy";

export function settingsOf(snapshot: Snapshot): Settings {
  const name = findSheet(settingsSchema, snapshot.sheetNames)?.name;
  return readSettings(name ? snapshot.sheets[name]?.values : undefined);
}

/**
 * The Change log's clock, when the snapshot holds the log (Validate and every action over
 * the journal): when each revocation was logged, and when each stamp was first logged.
 * Times are the latest written on any row up to that one, so a row appended after a
 * revocation cannot claim to be earlier. Revocation is what the log says, not what the
 * 已吊销 cell says: typing 否 back restores nothing.
 */
export function logClock(snapshot: Snapshot): LogClock | undefined {
  if (!findSheet(changeLog, snapshot.sheetNames)) return undefined;
  const log = readSheet(changeLog, snapshot);
  const records = log.records;
  // A log read whole whose first rows are the very rows of the log last clocked (rows
  // appended since, records.ts keeping the rest) is clocked on from there (issue 15).
  const whole = !log.base && !log.partial && Object.isFrozen(log);
  const from =
    whole && lastClocked && lastClocked.records.length <= records.length
      ? lastClocked.records.every((r, i) => r === records[i])
        ? lastClocked
        : undefined
      : undefined;
  // Copied: the clock gone on from is still the one its trust was worked out with.
  const clock: LogClock = {
    revokedAt: new Map(from?.clock.revokedAt),
    startedAt: new Map(from?.clock.startedAt),
    stampedAt: new Map(from?.clock.stampedAt),
  };
  let latest = from?.latest ?? "";
  // A moment's place is the row's, not its index among the rows read: a partial read skips
  // rows a whole read counts (journal/checkpoints.ts), and both must give the same moment.
  for (let i = from?.records.length ?? 0; i < records.length; i++) {
    const r = records[i]!;
    const time = timeKey(text(r.values.time));
    if (time > latest) latest = time;
    // The row's moment (logMoment) is made only for a row that places something: most place nothing.
    const action = text(r.values.action);
    const who = text(r.values.newValue);
    if (action === "revoke" && !clock.revokedAt.has(who)) clock.revokedAt.set(who, logMoment(latest, r.row));
    // An enrolment names the person, then the device; a change names both in its new value.
    if (action === "enrol")
      clock.startedAt.set(
        startKey({ name: text(r.values.person), device: who }, time),
        logMoment(latest, r.row),
      );
    if (action === "restaff") clock.startedAt.set(`${who}@${time}`, logMoment(latest, r.row));
    const approval = text(r.values.approval);
    if (approval.includes("⟦")) {
      let at: string | undefined;
      for (const s of approvalStamps(journalRowOf(r)).stamps)
        if (!clock.stampedAt.has(s.signature))
          clock.stampedAt.set(s.signature, (at ??= logMoment(latest, r.row)));
    }
  }
  if (whole) lastClocked = { records, clock, latest };
  return clock;
}

/** The whole log last clocked: its rows, its clock and the latest time on it. */
let lastClocked: { records: readonly SheetRecord[]; clock: LogClock; latest: string } | undefined;

type BookContext = { settings: Settings; trust: StaffTrust; policy: PolicyInForce; clock?: LogClock };

/**
 * The last few contexts worked out, with what each was worked out from: the Staff,
 * Settings and Change log sheets as read (records.ts: the same objects while those sheets
 * are the same read), the pinned administrator and first use. Validate again after an
 * edit elsewhere — or after an action, whose own read is another — finds the very same
 * trust, settings and clock, and what was judged against them stays judged
 * (verification.ts). A few, not one: actions in between work out their own.
 */
const KEPT_CONTEXTS = 4;
type Counted = { computed: number; remembered: number };
let kept: {
  from: readonly unknown[];
  context: Promise<BookContext>;
  verified: Promise<Counted>;
  /** Worked out ahead of its check (check-ahead.ts): the first to take it counts its signatures as that check's own. */
  owed?: boolean;
}[] = [];

export function bookContext(
  snapshot: Snapshot,
  pinnedAdmin: string | undefined,
  /** False for the command line: with no --admin given, nothing is trusted on first use. */
  firstUse = true,
  /**
   * Worked out ahead of the check that will take it (check-ahead.ts): the signatures it
   * verifies are counted by that check, as if it had verified them, not now.
   */
  ahead = false,
): Promise<BookContext> {
  const sheets = [
    readSheet(staff, snapshot),
    readSheet(changeLog, snapshot),
    readSheet(settingsSchema, snapshot),
  ];
  // Only sheets as read (frozen, records.ts) are the same objects from one run to the next.
  if (!sheets.every(Object.isFrozen)) return contextNow(snapshot, pinnedAdmin, firstUse);
  const from = [...sheets, pinnedAdmin, firstUse];
  const found = kept.find((k) => from.every((x, i) => x === k.from[i]));
  if (found) {
    if (ahead) return found.context;
    const owed = found.owed;
    found.owed = false;
    // The signatures it stands on (countersignatures, the signed policy) count as remembered
    // (keys.ts); as this check's own where they were verified ahead of it.
    return found.verified.then((n) => {
      if (owed) {
        verifyCounts.computed += n.computed;
        verifyCounts.remembered += n.remembered;
      } else verifyCounts.remembered += n.computed + n.remembered;
      return found.context;
    });
  }
  const before = { ...verifyCounts };
  const context = contextNow(snapshot, pinnedAdmin, firstUse);
  // Worked out ahead, they are counted by the check that takes it (above): it begins after.
  const verified = context.then(
    (): Counted => ({
      computed: verifyCounts.computed - before.computed,
      remembered: verifyCounts.remembered - before.remembered,
    }),
    () => ({ computed: 0, remembered: 0 }),
  );
  kept = [{ from, context, verified, owed: ahead }, ...kept].slice(0, KEPT_CONTEXTS);
  // A failure is not kept.
  context.catch(() => {
    kept = kept.filter((k) => k.context !== context);
  });
  return context;
}

/** Contexts worked out, not taken from before (tests: what a check took from work done ahead). */
export const contextCounts = { computed: 0 };

async function contextNow(
  snapshot: Snapshot,
  pinnedAdmin: string | undefined,
  firstUse: boolean,
): Promise<BookContext> {
  contextCounts.computed++;
  const entries = staffEntries(readSheet(staff, snapshot).records);
  // Read once: it parses every stamp the log holds.
  const clock = logClock(snapshot);
  const trust = await trustStaff(entries, pinnedAdmin, firstUse, clock);
  // The stamping rules are the administrator's signed policy, never what a cell says.
  const policy = await policyInForce(snapshot, trust);
  return { settings: withPolicy(settingsOf(snapshot), policy.policy, policy.fields), trust, policy, clock };
}
