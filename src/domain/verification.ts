/**
 * The stamp and log half of "Validate workbook": every stamp on the Register, the
 * archives, Intake requests and tombstones is checked against the row as it stands now,
 * the Staff sheet's trusted keys and the rule it stands for (the chain for the customer's
 * class complete and in order, each department head of the record's department, nobody
 * approving their own request, made for this request or customer and this act); a posted
 * customer's Stamps cell must still be the approval the Change log posted it with; and
 * the Change log's hash chain is walked. Rows without stamps that no post put there (a
 * register kept by hand before the add-in) are not flagged: there is nothing to verify.
 */
import { checkpointProblems } from "./journal/checkpoints";
import { inOrder, pushAll, type Known } from "./arrays";
import { KeptOnGrounds } from "./memo";
import { verifyChain, type Erasure, type LoggedChange } from "./change-log";
import { intakeRule, intakeSubject } from "./journal/approvals";
import { approvalOf, destructionSubject, requestApproval, terminationSubject } from "./journal/finish";
import { journalRowOf, type Journal } from "./journal/journal";
import type { Problem, RuleKey } from "./problem";
import { readSheet, text, type ReadSheet, type SheetRecord } from "./records";
import {
  CUSTOMER_SHEETS,
  intakeOf,
  type CustomerPlace,
  type DigestsBeside,
  type RowDigests,
} from "./stamps-beside";
import { changeLog, destructionLog, intake } from "./schema/sheets";
import { checkDate } from "./validate/date";
import type { Settings } from "./settings";
import { chainComplete, parseStamps, verifyStamps, type StampCheck, type Vouched } from "./stamps/stamps";
import { verifyCounts } from "./stamps/keys";
import type { StaffTrust } from "./stamps/staff";
import type { Cell, Snapshot } from "./workbook";

/** What a customer row's stamps say: each stamp checked, and what is wrong with the row's approval, if anything. */
export interface RowStamps {
  checks: StampCheck[];
  issue?: { rule: RuleKey; value: string };
}

const TERMINATORS = new Set(["deptHead", "manager"]);

/** Rows whose stamps are being verified at once: WebCrypto's thread works while this one reads the next. */
const ROWS_UNDER_WAY = 32;

/** Rows between two lettings in of digests worked out beside the check (stamps-beside.ts). */
const LET_IN_EVERY = 256;

/**
 * The approvals the Change log moved each customer with — the last post or reinstatement,
 * the last move into an archive — in one walk over the log per journal: every row asks
 * (issue 15: walking each customer's rows was a third of a Validate after an act).
 */
const approvalsOf = new WeakMap<Journal, { posted: Map<string, string>; terminated: Map<string, string> }>();
function approvals(journal: Journal): { posted: Map<string, string>; terminated: Map<string, string> } {
  let made = approvalsOf.get(journal);
  if (!made) {
    made = { posted: new Map(), terminated: new Map() };
    for (const row of journal.rows)
      if (!row.customerId) continue;
      else if (row.action === "post" || row.action === "reinstate")
        made.posted.set(row.customerId, row.approval);
      else if (row.action === "terminate") made.terminated.set(row.customerId, row.approval.trim());
    approvalsOf.set(journal, made);
  }
  return made;
}

/** The approval a customer was last posted or reinstated with, as the Change log has it. */
const postedApproval = (journal: Journal, id: string): string | undefined =>
  approvals(journal).posted.get(id);

/** The approval that moved a customer into an archive, as the Change log has it. */
const terminationApproval = (journal: Journal, id: string): string | undefined =>
  approvals(journal).terminated.get(id);

/**
 * Checks the stamps of a customer's row where it stands: on the Register (its intake
 * chain), or in an archive (its intake chain, then the termination stamp last).
 */
export async function customerRowStamps(
  values: Record<string, Cell>,
  where: CustomerPlace,
  settings: Settings,
  trust: StaffTrust,
  journal: Journal,
  /** Stamps the Change log vouches for (log-signing.ts `logVouches`): known by their seal. */
  vouched?: Vouched,
  /** The row's digests worked out elsewhere from this very row (stamps-beside.ts), when they were. */
  digests?: RowDigests,
): Promise<RowStamps> {
  const id = text(values.id);
  const cell = text(values.stamps);
  const { stamps, unreadable, lines, text: intakePart, intakeStamps } = intakeOf(cell, where);
  const archived = where !== "register";
  const rule = intakeRule(settings, journal, values);
  // Rows without stamps (kept by hand before the add-in) have nothing to verify against their values.
  const checks = intakeStamps.length
    ? await verifyStamps(intakeSubject(journal, values), intakeStamps, trust, rule, vouched, digests?.stamps)
    : [];
  let issue: RowStamps["issue"];
  const posted = postedApproval(journal, id);
  // A digest given only ever confirms: one that differs is worked out here before it counts.
  if (
    posted !== undefined &&
    (digests && approvalOf(digests.approval) === posted ? posted : await requestApproval(intakePart)) !==
      posted
  )
    issue = { rule: "stamp.notAsPosted", value: id };
  if (archived && !issue) {
    const last = stamps[stamps.length - 1];
    const logged = terminationApproval(journal, id);
    // A move into an archive always needs a stamp: one logged without any is no approval.
    if (logged === "") issue = { rule: "stamp.incomplete", value: id };
    else if (logged !== undefined && logged !== (lines[lines.length - 1] ?? "").trim())
      issue = { rule: "stamp.notAsPosted", value: id };
    else if (last) {
      const [termination] = await verifyStamps(
        terminationSubject(where, values, text(values.archiveReason), isoOf(values.archivedDate)),
        [last],
        trust,
        { chain: [TERMINATORS.has(last.role) ? last.role : "deptHead"], department: text(values.department) },
      );
      checks.push(termination!);
    }
  }
  const broken = checks.find((c) => c.issue);
  if (!issue && unreadable.length) issue = { rule: "stamp.unreadable", value: unreadable[0]! };
  if (!issue && broken)
    issue = { rule: broken.issue!, value: `${broken.stamp.role} ${broken.stamp.name} ${broken.stamp.time}` };
  // A chain someone cut short (a deleted chairman's line) is no approval. Rows kept by hand
  // before the add-in have no stamps and nothing to verify.
  if (!issue && intakeStamps.length && !chainComplete(intakeStamps, rule))
    issue = { rule: "stamp.incomplete", value: id };
  return issue ? { checks, issue } : { checks };
}

/** Where a record's stamps are judged, and against what: the objects its grounds are read from. */
type Against = readonly [
  where: CustomerPlace | "intake",
  settings: Settings,
  trust: StaffTrust,
  journal: Journal,
];

/**
 * What a record's stamps were found to say, kept with the record (records.ts keeps a
 * record for a row that did not change since it was read) while what they were judged
 * against is the same objects, or says the same of this row: its grounds, below.
 */
const judged = new KeptOnGrounds<
  SheetRecord,
  // The promise until it settles, then the answer alone.
  { result?: Promise<unknown>; settled?: { answer: unknown } },
  Against
>((record, [where, settings, trust, journal]) =>
  where === "intake"
    ? requestGrounds(record.values, settings, trust, journal)
    : customerRowGrounds(record.values, where, settings, trust, journal),
);

function once<T>(
  record: SheetRecord,
  against: Against,
  work: () => Promise<T>,
  /**
   * The checks the answer stands on: those of signatures verified count as remembered when it
   * is given again (keys.ts); those the log vouched for, as vouched for again.
   */
  checksOf: (answer: T) => readonly StampCheck[],
): Promise<T> | Known<T> {
  const known = judged.known(record, against)?.value;
  const count = (answer: T) => {
    const checks = checksOf(answer);
    const vouched = checks.filter((c) => c.vouched).length;
    verifyCounts.vouched += vouched;
    verifyCounts.remembered += verifiedIn(checks) - vouched;
  };
  if (known) {
    // Known already: handed over as it is, no promise to wait on (a hundred thousand rows).
    if (known.settled) {
      count(known.settled.answer as T);
      return { known: known.settled.answer as T };
    }
    return (known.result as Promise<T>).then((answer) => {
      count(answer);
      return answer;
    });
  }
  const result = work();
  const entry: { result?: Promise<unknown>; settled?: { answer: unknown } } = { result };
  result.then(
    (answer) => {
      entry.settled = { answer };
      // Settled: the answer is kept, not the promise (one for each of 100,000 rows).
      entry.result = undefined;
    },
    () => judged.forget(record),
  );
  judged.keep(record, against, entry);
  return result;
}

/**
 * Everything outside a row that its stamp findings (customerRowStamps, the request's check
 * in verifyWorkbook) read, as values: what of the settings the rule takes (each class's
 * chain, the signed policy's fields); what the journal says of this row — who filed its
 * request, the customer a reinstatement request brings back, the approval it was posted
 * and archived with; and, for each of its stamps, the Staff row in force when it was made
 * as trust answers it. An act that appends to the log makes a new journal, a new clock and
 * a new trust (book-context.ts); the findings of a row whose grounds did not change stay
 * (issue 15: Validate after an act worked every row's stamps out again). Any read added to
 * those checks must be added here: validate-kept.test.ts changes each ground in turn.
 */
function customerRowGrounds(
  values: Record<string, Cell>,
  where: CustomerPlace,
  settings: Settings,
  trust: StaffTrust,
  journal: Journal,
): unknown[] {
  const id = text(values.id);
  return [
    where,
    postedApproval(journal, id),
    where === "register" ? undefined : terminationApproval(journal, id),
    ...requestGrounds(values, settings, trust, journal),
  ];
}

function requestGrounds(
  values: Record<string, Cell>,
  settings: Settings,
  trust: StaffTrust,
  journal: Journal,
): unknown[] {
  const ref = text(values.requestNo);
  const grounds: unknown[] = [
    "stamps",
    rulesOf(settings),
    journal.filedBy.get(ref),
    journal.reinstating.get(ref),
    trust.unverified,
  ];
  if (!trust.unverified)
    for (const stamp of parseStamps(text(values.stamps)).stamps) {
      const staff = trust.at(stamp);
      if (staff) {
        const { entry } = staff;
        grounds.push(staff.status, entry.name, entry.role, entry.department, entry.publicKey);
      } else grounds.push(undefined);
    }
  return grounds;
}

/** What of the settings a stamp rule takes (journal/approvals.ts intakeRule), as one text per settings. */
const settingsRules = new WeakMap<Settings, string>();
function rulesOf(settings: Settings): string {
  let rules = settingsRules.get(settings);
  if (rules === undefined)
    settingsRules.set(
      settings,
      (rules = JSON.stringify([settings.stampChain, settings.policyFields ?? null])),
    );
  return rules;
}

/** How many of the checks got as far as the signature (stamps.ts verifyStamps): verified, or vouched for by the log. */
function verifiedIn(checks: readonly StampCheck[]): number {
  return checks.filter(
    (c) => !c.issue || c.issue === "stamp.contentChanged" || c.issue === "stamp.wordsDiffer",
  ).length;
}

/** The chain's findings, kept with the log as read while the same erasures excuse the same rows. */
const chainJudged = new WeakMap<ReadSheet, { mayBeErased: unknown; problems: Promise<Problem[]> }>();
/**
 * What the log's checkpoints were found to claim wrongly, per log as read: they stand on the
 * log's rows alone (checkpoints.ts `checkpointProblems`), and a Validate after an edit
 * elsewhere walked every row of the log again for them (issue 15).
 */
const claimsJudged = new WeakMap<ReadSheet, ReturnType<typeof checkpointProblems>>();

export async function verifyWorkbook(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  journal: Journal,
  /** Whose Change log words a destruction was allowed to blank (journal/check.ts). */
  mayBeErased: (entry: LoggedChange) => Erasure = () => "none",
  /** Rows verified so far of all the rows with stamps: told every few hundred rows. */
  progress: (step: "stamps" | "chain", done: number, total: number) => void = () => {},
  /**
   * Stamps the Change log vouches for (log-signing.ts `logVouches`): each known by its
   * signer's seal over its message's digest instead of its own signature. A finding is the
   * same either way (vouching.test.ts); only the signatures verified differ.
   */
  vouched?: Vouched,
  /**
   * Customer rows' digests worked out on another thread meanwhile (stamps-beside.ts): a row's
   * are taken when they have come, and worked out here when not.
   */
  beside?: DigestsBeside,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const customers = CUSTOMER_SHEETS.map(([schema, where]) => ({
    schema,
    where,
    records: readSheet(schema, snapshot).records,
  }));
  const requests = readSheet(intake, snapshot).records;
  const total = customers.reduce((n, c) => n + c.records.length, 0) + requests.length;
  let done = 0;
  const tick = () => {
    if (++done % 500 === 0) progress("stamps", done, total);
  };
  progress("stamps", 0, total);
  // Rows are checked a few dozen at a time, their problems kept in row order (arrays.ts inOrder).
  for (const { schema, where, records } of customers) {
    // One list for every row of the sheet: each row's findings keep it (KeptOnGrounds).
    const against: Against = [where, settings, trust, journal];
    await inOrder(
      records,
      ROWS_UNDER_WAY,
      (record, index) => {
        const judge = () =>
          once(
            record,
            against,
            () =>
              customerRowStamps(
                record.values,
                where,
                settings,
                trust,
                journal,
                vouched,
                beside?.of(schema.key, record.row),
              ),
            (answer) => answer.checks,
          );
        // Now and then the blocks that came meanwhile are let in.
        if (!beside || index % LET_IN_EVERY !== 0) return judge();
        return beside.letIn().then(() => {
          const judged = judge();
          return judged instanceof Promise ? judged : judged.known;
        });
      },
      ({ issue }, record) => {
        if (issue) problems.push({ sheet: schema.key, row: record.row, column: "stamps", ...issue });
        tick();
      },
    );
  }
  beside?.enough();
  const againstIntake: Against = ["intake", settings, trust, journal];
  await inOrder(
    requests,
    ROWS_UNDER_WAY,
    (record) =>
      once(
        record,
        againstIntake,
        async () => {
          const cell = text(record.values.stamps);
          if (!cell) return { unreadable: [] as string[], results: [] as StampCheck[] };
          const { stamps, unreadable } = parseStamps(cell);
          const rule = intakeRule(settings, journal, record.values);
          return {
            unreadable,
            results: await verifyStamps(intakeSubject(journal, record.values), stamps, trust, rule, vouched),
          };
        },
        (answer) => answer.results,
      ),
    ({ unreadable, results }, record) => {
      tick();
      const at = { sheet: "intake", row: record.row, column: "stamps" };
      for (const line of unreadable) problems.push({ ...at, rule: "stamp.unreadable", value: line });
      const broken = results.find((r) => r.issue);
      if (broken)
        problems.push({
          ...at,
          rule: broken.issue!,
          value: `${broken.stamp.role} ${broken.stamp.name} ${broken.stamp.time}`,
        });
    },
  );
  for (const record of readSheet(destructionLog, snapshot).records) {
    const { stamps } = parseStamps(text(record.values.stamps));
    if (stamps.length === 0) continue;
    const values = {
      id: text(record.values.customerId),
      reason: text(record.values.reason),
      date: isoOf(record.values.date),
      contentHash: text(record.values.contentHash),
    };
    const [check] = await verifyStamps(destructionSubject(values), stamps.slice(0, 1), trust, {
      chain: ["manager"],
    });
    if (check?.issue)
      problems.push({
        sheet: "destructionLog",
        row: record.row,
        column: "stamps",
        rule: check.issue,
        value: values.id,
      });
  }
  progress("chain", 0, 1);
  const log = readSheet(changeLog, snapshot);
  let chain = chainJudged.get(log);
  if (!chain || chain.mayBeErased !== mayBeErased) {
    chain = {
      mayBeErased,
      problems: verifyChain(
        log.records.map((r) => ({ row: r.row, entry: journalRowOf(r) })),
        mayBeErased,
      ),
    };
    // Only a log as read (frozen, records.ts) stays the same object from one check to the next.
    if (Object.isFrozen(log)) chainJudged.set(log, chain);
  }
  pushAll(problems, await chain.problems);
  let claims = claimsJudged.get(log);
  if (!claims) {
    claims = checkpointProblems(log);
    if (Object.isFrozen(log)) claimsJudged.set(log, claims);
  }
  for (const p of claims) problems.push({ sheet: "changeLog", rule: "log.checkpoint", ...p });
  return problems.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet < b.sheet ? -1 : 1));
}

function isoOf(value: unknown): string {
  const checked = checkDate(typeof value === "number" ? value : String(value ?? ""));
  return checked.ok ? checked.value : String(value ?? "");
}
