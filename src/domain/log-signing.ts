/**
 * Signed Change log entries. The hash chain proves order and that nothing in the middle
 * changed — but anyone with the add-in's code can edit a row and recompute every hash
 * after it. So the last row each action appends carries the acting person's signature
 * over its hash, made with their unlocked key (the unlock session keeps that from costing
 * a PIN per click): it seals that row and, through the chain, every row before it.
 * Recomputing the chain from an edited row then breaks the signature of every signed row
 * after it, and forging those needs the signers' keys. Validate checks each signature
 * against the Staff row in force at that place in the log (`log.badSignature`).
 *
 * Every row of a person who held a trusted key at that place in the log must be sealed by
 * that person's signature (`log.unsigned`), whatever the action: the pane asks an enrolled
 * person to unlock before anything they do is written, so blanking signatures after a
 * rewrite does not hide it. Acts that need a key anyway — a stamp or a rejection, a
 * termination or a destruction, the administrator's signed policy, a change of role —
 * must be sealed whoever is named. Rows of people with no trusted key (a clerk who never
 * enrolled) stay unsigned — until the administrator's signed Settings rules say every row
 * must be sealed (变更记录须全员签名, on by default in every version signed since), from
 * the place in the log where that version was logged. Rewriting unsealed rows after the
 * last sealed one is what each device's remembered log head reports.
 */
import { readSheet, text, type ReadSheet, type SheetRecord } from "./records";
import { GENESIS, hashHolds, RECHAIN } from "./change-log";
import { approvalStamps, journalRowOf } from "./journal/journal";
import type { Vouched } from "./stamps/stamps";
import { changeLog } from "./schema/sheets";
import { canonicalJson } from "./stamps/encoding";
import { sign, verify, verifyCounts } from "./stamps/keys";
import type { StaffTrust } from "./stamps/staff";
import { logMoment, startKey, timeKey } from "./stamps/staff";
import type { Problem } from "./problem";
import type { Snapshot, Write } from "./workbook";

/** The acting person's unlocked key, when the pane holds one. */
export interface LogSigner {
  fingerprint: string;
  privateKey: CryptoKey;
}

/** Log actions only a person holding a key can take: their rows must carry that person's seal. */
export const KEYED_ACTIONS = new Set([
  "stamp",
  "reject",
  "terminate",
  "destroy",
  "policy",
  "restaff",
  RECHAIN,
]);

/** A device's key put on the Staff sheet (enrolment.ts): needs no seal of its own (sealProblems). */
const ENROL = "enrol";

export const logSignatureMessage = (hash: string) => canonicalJson({ v: 1, kind: "change-log", hash });

/** How a signature cell reads: the signer's fingerprint without spaces, then the signature. */
const cellOf = (fingerprint: string, signature: string) => `${fingerprint.replace(/\s+/g, "")} ${signature}`;

function parseCell(cell: string): { fingerprint: string; signature: string } | undefined {
  const [compact = "", signature = ""] = cell.trim().split(/\s+/);
  if (!compact || !signature) return undefined;
  return { fingerprint: (compact.match(/.{1,4}/g) ?? []).join(" "), signature };
}

/**
 * The plan's writes with a signature on the last row of each block it appends to the
 * Change log (the blocks that write the hash column), in the same write as the row.
 */
export async function signLogWrites(
  snapshot: Snapshot,
  writes: Write[],
  signer: LogSigner,
): Promise<Write[]> {
  const log = readSheet(changeLog, snapshot);
  const hashAt = log.at.hash;
  const signatureAt = log.at.signature;
  if (!log.name || hashAt === undefined || signatureAt === undefined) return writes;
  const out: Write[] = [];
  for (const w of writes) {
    const last = w.kind === "values" && w.sheet === log.name ? w.values[w.values.length - 1] : undefined;
    const hash = last?.[hashAt - (w.kind === "values" ? w.col : 0)];
    if (w.kind !== "values" || !last || typeof hash !== "string" || hash === "" || w.col > hashAt) {
      out.push(w);
      continue;
    }
    const cell = cellOf(signer.fingerprint, await sign(signer.privateKey, logSignatureMessage(hash)));
    const offset = signatureAt - w.col;
    if (offset >= 0 && offset < last.length) {
      const values = w.values.map((r) => [...r]);
      values[values.length - 1]![offset] = cell;
      out.push({ ...w, values });
    } else {
      out.push(w, {
        kind: "values",
        sheet: w.sheet,
        row: w.row + w.values.length - 1,
        col: signatureAt,
        values: [[cell]],
      });
    }
  }
  return out;
}

/**
 * Every signed Change log row whose signature does not hold (`log.badSignature`): not made
 * by a key trusted at that place in the log, or not over the hash the row now has (an edit
 * before it with every hash recomputed); and every row that should be sealed and is not
 * (`log.unsigned`).
 */
/**
 * The seals' findings, kept with the log as read (records.ts: the same object while the log
 * is the same read) for as long as the trust and the rules in force are the very same;
 * with how many signatures they verified, counted as remembered when given again (keys.ts).
 */
type Seals = { problems: Problem[]; verified: number; vouched: Vouched };
const sealsJudged = new WeakMap<
  ReadSheet,
  { trust: StaffTrust; everyoneSealsAt: unknown; answer: Promise<Seals> }
>();

/** The log's seals judged, kept with the log as read while the trust and the rules are the same. */
function seals(
  snapshot: Snapshot,
  trust: StaffTrust,
  everyoneSealsAt: (index: number) => boolean,
): { answer: Promise<Seals>; known: boolean } {
  const log = readSheet(changeLog, snapshot);
  const known = sealsJudged.get(log);
  if (known && known.trust === trust && known.everyoneSealsAt === everyoneSealsAt)
    return { answer: known.answer, known: true };
  const answer = sealProblems(log, trust, everyoneSealsAt);
  // Only a log as read (frozen) is the same object from one check to the next.
  if (Object.isFrozen(log)) {
    sealsJudged.set(log, { trust, everyoneSealsAt, answer });
    answer.catch(() => sealsJudged.delete(log));
  }
  return { answer, known: false };
}

export async function logSignatureProblems(
  snapshot: Snapshot,
  trust: StaffTrust,
  /** Whether the signed Settings rules in force at a record ask every row's seal, a clerk's too (policy.ts). */
  everyoneSealsAt: (index: number) => boolean = () => false,
): Promise<Problem[]> {
  const { answer, known } = seals(snapshot, trust, everyoneSealsAt);
  const { problems, verified } = await answer;
  if (known) verifyCounts.remembered += verified;
  return [...problems];
}

/**
 * The stamps the Change log vouches for (issue 15): a stamping row (stamp or reject) carries
 * the digest of the message its new stamp — the last of its approval — was made over
 * (stamps.ts `stampDigest`); when the seal over that row is the stamp's own key, holds,
 * and every hash from the row to the seal follows from the one above it, that key vouched
 * for that digest, as surely as the stamp's own signature would: one signature for every
 * stamp of an act. A row sealed by anyone else, a broken link or a seal that does not hold
 * vouches for nothing, and those stamps are verified one by one as before. Worked out with
 * the seals, once per log as read.
 */
export async function logVouches(
  snapshot: Snapshot,
  trust: StaffTrust,
  /** As Validate's seals are judged (logSignatureProblems): the same answer, kept once. */
  everyoneSealsAt: (index: number) => boolean,
): Promise<Vouched> {
  return (await seals(snapshot, trust, everyoneSealsAt).answer).vouched;
}

/** Log actions whose row adds a stamp to a request: their digest is that stamp's message's. */
const STAMPING = new Set(["stamp", "reject"]);

/** A fingerprint as compared: without its blanks (a signature cell and a stamp group it differently). */
const bare = (fingerprint: string) => fingerprint.replace(/\s+/g, "");

function vouchedBy(
  records: readonly SheetRecord[],
  stop: readonly number[],
  sealKey: ReadonlyMap<number, string>,
): Vouched {
  // Whether every hash from a row to the seal after it follows from the one above it, worked
  // out from the end for rows a holding seal covers: once a row, not once per row before it.
  const intact = new Array<boolean>(records.length);
  for (let index = records.length - 1; index >= 0; index--) {
    const j = stop[index]!;
    if (!sealKey.has(j)) continue;
    intact[index] =
      hashHolds(
        journalRowOf(records[index]!),
        index === 0 ? GENESIS : text(records[index - 1]!.values.hash),
      ) &&
      (j === index || intact[index + 1] === true);
  }
  const vouched = new Map<string, string>();
  for (let index = 0; index < records.length; index++) {
    const r = records[index]!;
    const digest = text(r.values.digest);
    if (!digest || !intact[index] || !STAMPING.has(text(r.values.action))) continue;
    const { stamps } = approvalStamps(journalRowOf(r));
    const stamp = stamps[stamps.length - 1];
    if (stamp && bare(stamp.key) === sealKey.get(stop[index]!) && !vouched.has(stamp.signature))
      vouched.set(stamp.signature, digest);
  }
  return vouched;
}

async function sealProblems(
  log: ReadSheet,
  trust: StaffTrust,
  everyoneSealsAt: (index: number) => boolean,
): Promise<Seals> {
  const problems: Problem[] = [];
  let verified = 0;
  // Without a trust root nothing can be checked: the stamps say so (stamp.unverified).
  if (trust.unverified) return { problems, verified, vouched: new Map() };
  const records = log.records;
  // Who signed each signed row, when the signature holds.
  const sealedBy = new Map<number, string>();
  // The key of each signed row whose signature holds, as compared (bare).
  const sealKey = new Map<number, string>();
  // Signed rows whose signature does not hold (reported once, as that).
  const broken = new Set<number>();
  let latest = "";
  for (let index = 0; index < records.length; index++) {
    const r = records[index]!;
    const time = timeKey(text(r.values.time));
    if (time > latest) latest = time;
    const cell = text(r.values.signature);
    if (!cell) continue;
    const parsed = parseCell(cell);
    const staff = parsed && trust.atMoment(parsed.fingerprint, logMoment(latest, r.row));
    const ok =
      staff?.status === "trusted" &&
      (verified++,
      await verify(staff.entry.publicKey, logSignatureMessage(text(r.values.hash)), parsed!.signature));
    if (ok) {
      sealedBy.set(index, staff.entry.name);
      sealKey.set(index, bare(parsed!.fingerprint));
    } else {
      broken.add(index);
      problems.push({
        sheet: "changeLog",
        row: r.row,
        column: "signature",
        rule: "log.badSignature",
        value: staff?.entry.name ?? parsed?.fingerprint ?? cell.slice(0, 12),
      });
    }
  }
  // Each person's keys, to tell whether they held a trusted one at a row.
  const keysOf = new Map<string, string[]>();
  for (const [fp, s] of trust.byFingerprint)
    keysOf.set(s.entry.name, [...(keysOf.get(s.entry.name) ?? []), fp]);
  const heldKey = (person: string, moment: string) =>
    (keysOf.get(person) ?? []).some((fp) => trust.atMoment(fp, moment)?.status === "trusted");
  // A keyed act, and every row of a keyholder, is sealed by the first signed row at or
  // after it, when every row up to that one is the same person's and the seal is theirs.
  // Where a row's run of the same person's unsigned rows stops (at a signed row, another
  // person's row or the end), worked out once from the end: one action by one person may
  // append 20,000 rows under one seal, and looking ahead from each of them was quadratic.
  const stop = new Array<number>(records.length);
  for (let index = records.length - 1; index >= 0; index--) {
    const r = records[index]!;
    const next = records[index + 1];
    stop[index] = text(r.values.signature)
      ? index
      : next && text(next.values.person) === text(r.values.person)
        ? stop[index + 1]!
        : index + 1;
  }
  latest = "";
  // Enrolments met so far, as the log's clock names them: person, device, time.
  const enrolled = new Set<string>();
  for (let index = 0; index < records.length; index++) {
    const r = records[index]!;
    const time = timeKey(text(r.values.time));
    if (time > latest) latest = time;
    const person = text(r.values.person);
    const action = text(r.values.action);
    // An enrolment is nobody's to seal: the key it puts on the Staff sheet is trusted only
    // once the administrator countersigns it, in a row of their own that is sealed and so
    // seals the chain over the enrolment; the device enrolling holds no other key of the
    // person (workflow.ts `enrolDevice`). The first administrator's seals it anyway. Only
    // the first row enrolling a person's device at a time: a later one would move where
    // the log says that Staff row starts (book-context.ts `logClock`), so it is asked as
    // any other row is.
    if (action === ENROL) {
      const enrolment = startKey({ name: person, device: text(r.values.newValue) }, time);
      if (!enrolled.has(enrolment)) {
        enrolled.add(enrolment);
        continue;
      }
    }
    if (!KEYED_ACTIONS.has(action) && !everyoneSealsAt(index) && !heldKey(person, logMoment(latest, r.row)))
      continue;
    const j = stop[index]!;
    const sealed =
      j < records.length &&
      text(records[j]!.values.person) === person &&
      (sealedBy.get(j) === person || broken.has(j));
    if (!sealed) {
      problems.push({
        sheet: "changeLog",
        row: r.row,
        column: "signature",
        rule: "log.unsigned",
        value: person,
      });
      // An unsealed rechain vouches for nothing: the breaks it names stand (verifyChain excused them).
      if (text(r.values.action) === RECHAIN)
        for (const hash of text(r.values.oldValue).split(/\s+/).filter(Boolean)) {
          const at = records.find((x) => text(x.values.hash) === hash);
          if (at)
            problems.push({
              sheet: "changeLog",
              row: at.row,
              column: "hash",
              rule: "log.chainBroken",
              value: hash,
            });
        }
    }
  }
  return { problems, verified, vouched: vouchedBy(records, stop, sealKey) };
}
