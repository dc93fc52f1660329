/**
 * Approval stamps (盖章). A stamp records who, in which role, when, approve or reject, and
 * an ECDSA signature over the exact content stamped plus the stamps before it, *what* it
 * approves (the act: intake, reinstatement of a customer, termination, destruction, loan)
 * and *where* (the request number, customer ID or loan number), and the policy it was
 * made under. It lives in the row's Stamps cell as one line of words people read, followed
 * by its data in ⟦ ⟧. Editing a stamped field — in the pane or straight in Excel — or
 * copying the cell to another row or request makes the stamp fail. A name typed into the
 * cell is not a stamp: it has no signature to verify.
 *
 * The rules a stamp stands for (the right role at its place in the chain, a department
 * head of the record's own department, nobody approving their own request) are checked
 * here, by every reader that relies on a stamp, not only by the pane that makes one.
 */
import { staffRoles } from "../schema/choices";
import { RememberedText } from "../memo";
import { choiceLabel, type Lang } from "../schema/model";
import { canonicalJson, fromBase64, toBase64, utf8 } from "./encoding";
import { sha256Sync } from "../digest";
import { sign, verify, verifyCounts } from "./keys";
import type { StaffTrust } from "./staff";

export type Decision = "approve" | "reject";

export interface Stamp {
  role: string;
  name: string;
  /** ISO time, minutes precision, local to the signer. */
  time: string;
  decision: Decision;
  reason?: string;
  /** Fingerprint of the signing key. */
  key: string;
  /** The fields the signature covers, by column key (the re-approval policy when stamped). */
  fields: string[];
  /** What the stamp approves: the subject's kind when it was made. */
  act: string;
  /** Where: the request number, customer ID or loan number it was made for. */
  ref: string;
  /** The version of the stamping policy it was made under. */
  policy: string;
  signature: string;
  /** The words its line shows, when read from a cell (they must say what was signed). */
  words?: string;
}

/** What a stamp is about, besides who made it. */
export type StampCore = Omit<Stamp, "signature" | "words" | "act" | "ref">;

/**
 * What is being stamped: the act (`kind`: "intake", "reinstate:C000012", "terminate:past",
 * "destroy", "loan"…), the record it is for (`ref`) and the values of its fields by column key.
 */
export interface Stamped {
  kind: string;
  ref: string;
  values: Record<string, string>;
}

/** The rule a chain of stamps must follow where it is relied on. */
export interface Approval {
  /** The roles that stamp, in order. A stamp beyond the chain is out of place. */
  chain: string[];
  /** A department head approves only this department's records. */
  department?: string;
  /** Who may not approve it: the person responsible, the requester, the borrower. */
  notBy?: string[];
  /**
   * The fields each signed policy version says a stamp covers, by version. A stamp covering
   * fewer than the version it names asks for approves too little. A version not known here
   * (the log was not read) asks for what every known version asks for.
   */
  fields?: Record<string, string[]>;
}

/** Whether a stamp covers every field its policy version asks for. */
export function coversPolicy(
  stamp: Pick<Stamp, "fields" | "policy">,
  fields: Record<string, string[]>,
): boolean {
  const known = Object.values(fields);
  const need =
    fields[stamp.policy] ?? known.reduce((common, f) => common.filter((x) => f.includes(x)), known[0] ?? []);
  return need.every((f) => stamp.fields.includes(f));
}

export type StampIssue =
  | "stamp.contentChanged"
  | "stamp.unknownKey"
  | "stamp.notCountersigned"
  | "stamp.revoked"
  | "stamp.wrongRole"
  | "stamp.wrongPerson"
  | "stamp.otherSubject"
  | "stamp.otherDepartment"
  | "stamp.ownRequest"
  | "stamp.wordsDiffer"
  | "stamp.fewerFields"
  | "stamp.unverified"
  | "stamp.unreadable";

/**
 * The bytes a stamp signs: canonical JSON (encoding.ts) of what it approves, where, under
 * which policy, over which content, after which stamps, by whom, when and how. Written out
 * here key by key, in canonicalJson's order, for the usual case (every value text): Validate
 * makes one for every stamp of every row it meets, and the general walk was most of the
 * work of a check after the signatures (issue 15). The same bytes as canonicalJson of the
 * object, tested against it; anything else goes the general way.
 */
export function stampMessage(subject: Stamped, earlier: readonly Stamp[], s: StampCore): string {
  const q = JSON.stringify;
  const { keys, quoted } = orderOf(s.fields);
  let content = "";
  for (let i = 0; i < keys.length; i++) {
    const value = subject.values[keys[i]!] ?? "";
    if (typeof value !== "string") return stampMessageOf(subject, earlier, s);
    content += `${i ? "," : ""}${quoted[i]}:${q(value)}`;
  }
  const reason = s.reason ?? "";
  if (
    !isText(s.decision) ||
    !isText(s.key) ||
    !isText(subject.kind) ||
    !isText(s.name) ||
    !isText(s.policy) ||
    !isText(reason) ||
    !isText(subject.ref) ||
    !isText(s.role) ||
    !isText(s.time) ||
    !earlier.every((e) => isText(e.signature))
  )
    return stampMessageOf(subject, earlier, s);
  return (
    `{"content":{${content}},"decision":${q(s.decision)},"earlier":[${earlier.map((e) => q(e.signature)).join(",")}],` +
    `"key":${q(s.key)},"kind":${q(subject.kind)},"name":${q(s.name)},"policy":${q(s.policy)},"reason":${q(reason)},` +
    `"ref":${q(subject.ref)},"role":${q(s.role)},"time":${q(s.time)},"v":2}`
  );
}

const isText = (x: unknown): x is string => typeof x === "string";
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A list of covered fields in canonical order, each once, and each as JSON: worked out once
 * per list (stamps read from cells share one list per distinct list, sharedFields).
 */
const orders = new WeakMap<readonly string[], { keys: string[]; quoted: string[] }>();
function orderOf(fields: readonly string[]): { keys: string[]; quoted: string[] } {
  let order = orders.get(fields);
  if (!order) {
    const keys = [...new Set(fields)].sort(byCodeUnits);
    order = { keys, quoted: keys.map((k) => JSON.stringify(k)) };
    orders.set(fields, order);
  }
  return order;
}

/** The same message the general way: canonical JSON of the object (the definition stampMessage is tested against). */
export function stampMessageOf(subject: Stamped, earlier: readonly Stamp[], s: StampCore): string {
  return canonicalJson({
    v: 2,
    kind: subject.kind,
    ref: subject.ref,
    policy: s.policy,
    content: Object.fromEntries(s.fields.map((f) => [f, subject.values[f] ?? ""])),
    earlier: earlier.map((e) => e.signature),
    role: s.role,
    name: s.name,
    time: s.time,
    decision: s.decision,
    reason: s.reason ?? "",
    key: s.key,
  });
}

/**
 * The SHA-256 (hex) of the bytes a stamp signs. The stamping act writes it on its Change log
 * row, which the stamper's own seal covers (log-signing.ts): Validate then knows the stamp
 * by that seal, one signature for every stamp of the act, instead of verifying each
 * (issue 15; docs/stamps.md "Stamps the log vouches for").
 */
export const stampDigest = (subject: Stamped, earlier: readonly Stamp[], s: StampCore): string =>
  sha256Sync(stampMessage(subject, earlier, s));

export async function makeStamp(
  privateKey: CryptoKey,
  subject: Stamped,
  earlier: readonly Stamp[],
  s: StampCore,
): Promise<Stamp> {
  const signature = await sign(privateKey, stampMessage(subject, earlier, s));
  return { ...s, act: subject.kind, ref: subject.ref, signature };
}

/** The words a stamp shows in its cell: role, name, time and decision, in the sheet's language. */
export function stampWords(s: Omit<Stamp, "signature">, lang: Lang): string {
  const role = choiceLabel(staffRoles, s.role, lang);
  const decision =
    s.decision === "approve" ? (lang === "zh" ? "批准" : "approved") : lang === "zh" ? "驳回" : "rejected";
  const reason = s.reason ? (lang === "zh" ? `:${s.reason}` : `: ${s.reason}`) : "";
  return `${role} ${s.name} ${s.time.replace("T", " ")} ${decision}${reason}`;
}

const DATA = /⟦([A-Za-z0-9+/=]+)⟧\s*$/;

/** One line per stamp: the words in the sheet's language, then the data. */
export function formatStamps(stamps: readonly Stamp[], lang: Lang): string {
  return stamps
    .map((s) => {
      const data = toBase64(
        utf8(
          canonicalJson({
            r: s.role,
            n: s.name,
            t: s.time,
            d: s.decision,
            x: s.reason,
            k: s.key,
            f: s.fields,
            a: s.act,
            ref: s.ref,
            p: s.policy,
            s: s.signature,
          }),
        ),
      );
      return `${stampWords(s, lang)} ⟦${data}⟧`;
    })
    .join("\n");
}

/**
 * Text as it stands in a stamp's words: one line, single blanks, none at either end. A
 * stamp line is read back trimmed and split on blanks, so a reason typed with a trailing
 * blank or a line break would never verify against what was signed.
 */
export const stampText = (s: string): string => s.replace(/\s+/g, " ").trim();

/**
 * Reads a Stamps cell. Lines without stamp data (a typed name), with broken data, or made
 * before stamps named their act and record, come back as unreadable: never an exception.
 */
export function parseStamps(cell: string): ParsedStamps {
  // The same cell text (a row not read again, a stamp line on its request, Register row and
  // log) is parsed once: its lines are not split and looked up again (issue 15).
  return parsedCells.of(cell, () => parseCell(cell));
}

/** A Stamps cell read: frozen, shared by every reader of the same text. */
export type ParsedStamps = { readonly stamps: readonly Stamp[]; readonly unreadable: readonly string[] };

const parsedCells = new RememberedText<ParsedStamps>(400_000);

/**
 * A Stamps cell read afresh, nothing of it remembered: for a walk over every customer row
 * whose stamps nobody on that thread reads again (stamps-beside.ts, on the pane's thread,
 * which would otherwise keep 100,000 cells' stamps after a first Validate).
 */
export function parseStampsAfresh(cell: string): ParsedStamps {
  return parseCell(cell, false);
}

function parseCell(cell: string, remember = true): ParsedStamps {
  const stamps: Stamp[] = [];
  const unreadable: string[] = [];
  for (const line of cell
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const stamp = remember ? parsedLines.of(line, () => parseLine(line)) : parseLine(line);
    if (stamp) stamps.push(stamp);
    else unreadable.push(line);
  }
  return Object.freeze({ stamps: Object.freeze(stamps), unreadable: Object.freeze(unreadable) });
}

/**
 * Stamp lines already read, by their text (null: unreadable). The same stamps stand on a
 * request, on its Register row and in the log's approval cells, and Validate reads each of
 * them several times (issue 15). The stamps are frozen: shared, never changed. Bounded.
 */
const parsedLines = new RememberedText<Stamp | null>(400_000);

/**
 * The fields a stamp covers, one frozen list per distinct list: nearly every stamp of a
 * workbook covers the same fields, and a list of its own for each of 300,000 stamps was
 * about half of what the remembered stamps weighed.
 */
const fieldLists = new Map<string, string[]>();
/** The list last shared: the next stamp read nearly always covers the same fields. */
let lastFields: string[] | undefined;
function sharedFields(read: readonly unknown[]): string[] {
  if (lastFields && sameTexts(lastFields, read)) return lastFields;
  const fields = read.map(String);
  const key = JSON.stringify(fields);
  let shared = fieldLists.get(key);
  if (!shared) {
    shared = Object.freeze(fields) as string[];
    if (fieldLists.size < 1000) fieldLists.set(key, shared);
  }
  return (lastFields = shared);
}

/** Whether `read` holds exactly these texts (as texts: a number is not its digits), in order. */
function sameTexts(texts: readonly string[], read: readonly unknown[]): boolean {
  if (texts.length !== read.length) return false;
  for (let i = 0; i < texts.length; i++) if (texts[i] !== read[i]) return false;
  return true;
}

/** One decoder for every line: it keeps no state between whole texts, and making one costs more than a line's decoding. */
const fromUtf8 = new TextDecoder();

function parseLine(line: string): Stamp | null {
  const m = DATA.exec(line);
  try {
    if (!m) throw new Error("no data");
    const d = JSON.parse(fromUtf8.decode(fromBase64(m[1]!))) as Record<string, unknown>;
    const fields = d.f as string[];
    if (typeof d.s !== "string" || !Array.isArray(fields)) throw new Error("incomplete");
    if (typeof d.a !== "string" || typeof d.ref !== "string" || typeof d.p !== "string")
      throw new Error("no act");
    return Object.freeze({
      role: String(d.r),
      name: String(d.n),
      time: String(d.t),
      decision: d.d === "reject" ? "reject" : "approve",
      ...(d.x === undefined ? {} : { reason: String(d.x) }),
      key: String(d.k),
      fields: sharedFields(fields),
      act: d.a,
      ref: d.ref,
      policy: d.p,
      signature: d.s,
      words: line.slice(0, m.index).trim(),
    }) as Stamp;
  } catch {
    return null;
  }
}

export interface StampCheck {
  stamp: Stamp;
  issue?: StampIssue;
  /** Known by its signer's seal in the Change log (`Vouched`), not by its own signature. */
  vouched?: true;
}

/**
 * Stamps the Change log vouches for, by signature: the digest of the message each was made
 * over (stampDigest), as its stamping row carries it under a seal of the stamp's own key
 * that holds, the chain intact from that row to the seal (log-signing.ts `logVouches`).
 */
export type Vouched = ReadonlyMap<string, string>;

/**
 * Checks each stamp of a record: a trusted key, held by the person, role and department
 * the stamp names; made for this act and this record; the role the chain expects at that
 * place; not by someone the rule excludes; a signature over the record as it stands now;
 * and words that say what was signed. A stamp the log vouches for (`vouched`) over the very
 * message it would be verified against is known by its signer's seal; any other is verified.
 */
export async function verifyStamps(
  subject: Stamped,
  stamps: readonly Stamp[],
  trust: StaffTrust,
  rule: Approval,
  vouched?: Vouched,
  /**
   * Each stamp's message's digest, worked out elsewhere from this very subject and these very
   * stamps (stamps-beside.ts), when it was: compared with the digest the log vouched for in
   * place of one made here. A stamp is refused before it counts unless it was made for this
   * subject's act and record, the only parts of the message the stamp names itself.
   */
  digests?: readonly string[],
): Promise<StampCheck[]> {
  const out: StampCheck[] = [];
  for (let i = 0; i < stamps.length; i++) {
    const s = stamps[i]!;
    // The Staff row in force when the stamp was made: a later promotion does not undo it.
    const staff = trust.at(s);
    let issue: StampIssue | undefined;
    let byLog = false;
    // Without a trust root (none pinned, none or several candidates) nothing verifies.
    if (trust.unverified) issue = "stamp.unverified";
    else if (!staff) issue = "stamp.unknownKey";
    else if (staff.status === "revoked") issue = "stamp.revoked";
    else if (staff.status === "notCountersigned") issue = "stamp.notCountersigned";
    else if (staff.entry.name !== s.name || staff.entry.role !== s.role) issue = "stamp.wrongPerson";
    else if (s.act !== subject.kind || s.ref !== subject.ref) issue = "stamp.otherSubject";
    else if (rule.chain[i] !== s.role) issue = "stamp.wrongRole";
    else if (
      s.role === "deptHead" &&
      rule.department !== undefined &&
      staff.entry.department !== rule.department
    )
      issue = "stamp.otherDepartment";
    else if (rule.notBy?.includes(s.name)) issue = "stamp.ownRequest";
    else if (rule.fields && !coversPolicy(s, rule.fields)) issue = "stamp.fewerFields";
    else {
      const earlier = stamps.slice(0, i);
      const logged = vouched?.get(s.signature);
      let ok = (byLog = logged !== undefined && vouchedBefore(vouched!, s, subject, earlier));
      if (!byLog) {
        // Made only when needed: its digest was not given or not as logged, or the signature
        // must be verified over it. A digest given only ever confirms.
        let message: string | undefined;
        byLog =
          logged !== undefined &&
          (logged === digests?.[i] || logged === sha256Sync((message = stampMessage(subject, earlier, s))));
        if (byLog) rememberVouched(vouched!, s, subject, earlier);
        ok =
          byLog ||
          (await verify(staff.entry.publicKey, message ?? stampMessage(subject, earlier, s), s.signature));
      }
      if (byLog) verifyCounts.vouched++;
      if (!ok) issue = "stamp.contentChanged";
      else if (s.words !== undefined && s.words !== stampWords(s, "zh") && s.words !== stampWords(s, "en"))
        issue = "stamp.wordsDiffer";
    }
    const check: StampCheck = issue ? { stamp: s, issue } : { stamp: s };
    if (byLog) check.vouched = true;
    out.push(check);
  }
  return out;
}

/**
 * The stamps a check's vouches were found to cover, each with what its message was made of
 * (issue 15): a customer's intake stamps stand on its request and again on its Register
 * row, over the same content, and making the message and its digest for each was a fifth of
 * what a first Validate allocated. The same stamp (the very object: one per line of text,
 * parseStamps), the same covered values, and the very same stamps before it make the same
 * message — the one whose digest was found vouched for.
 * Anything else makes the message again. Kept with the check's vouches, dropped with them.
 */
const vouchedMessages = new WeakMap<Vouched, WeakMap<Stamp, VouchedMessage>>();
type VouchedMessage = { values: unknown[]; earlier: readonly Stamp[] };

function vouchedBefore(vouched: Vouched, s: Stamp, subject: Stamped, earlier: readonly Stamp[]): boolean {
  const known = vouchedMessages.get(vouched)?.get(s);
  // The subject's kind and reference are the stamp's own act and record (checked above, stamp.otherSubject).
  if (!known) return false;
  if (known.earlier.length !== earlier.length) return false;
  for (let j = 0; j < earlier.length; j++) if (known.earlier[j] !== earlier[j]) return false;
  const { keys } = orderOf(s.fields);
  for (let j = 0; j < keys.length; j++)
    if (known.values[j] !== (subject.values[keys[j]!] ?? "")) return false;
  return true;
}

function rememberVouched(vouched: Vouched, s: Stamp, subject: Stamped, earlier: readonly Stamp[]): void {
  let kept = vouchedMessages.get(vouched);
  if (!kept) vouchedMessages.set(vouched, (kept = new WeakMap()));
  const { keys } = orderOf(s.fields);
  kept.set(s, { values: keys.map((k) => subject.values[k] ?? ""), earlier });
}

/** Whether a chain is complete: as many stamps as the chain has roles, every one approving. */
export function chainComplete(stamps: readonly Stamp[], rule: Approval): boolean {
  return stamps.length >= rule.chain.length && stamps.every((s) => s.decision === "approve");
}

/** The fields a stamp covers unless Settings says otherwise: what identifies and classifies the customer. */
export const defaultStampedFields = [
  "name",
  "uscc",
  "legalRep",
  "address",
  "postcode",
  "capital",
  "type",
  "class",
  "region",
  "department",
  "responsible",
  "creditRating",
];
