/**
 * Approval stamps (盖章). A stamp records who, in which role, when, approve or reject, and
 * an ECDSA signature over the exact content stamped plus the stamps before it. It lives
 * in the row's Stamps cell as one line of words people read, followed by its data in ⟦ ⟧.
 * Editing a stamped field — in the pane or straight in Excel — or copying the cell to
 * another row makes the signature fail, so the row shows as needing re-approval. A name
 * typed into the cell is not a stamp: it has no signature to verify.
 */
import { canonicalJson, fromBase64, toBase64, utf8 } from "./encoding";
import { sign, verify } from "./keys";
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
  signature: string;
}

/** What is being stamped: which kind of record and the values of its fields by column key. */
export interface Stamped {
  kind: string;
  values: Record<string, string>;
}

export type StampIssue =
  | "stamp.contentChanged"
  | "stamp.unknownKey"
  | "stamp.notCountersigned"
  | "stamp.revoked"
  | "stamp.wrongRole"
  | "stamp.wrongPerson"
  | "stamp.unreadable";

export function stampMessage(subject: Stamped, earlier: Stamp[], s: Omit<Stamp, "signature">): string {
  return canonicalJson({
    v: 1,
    kind: subject.kind,
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

export async function makeStamp(
  privateKey: CryptoKey,
  subject: Stamped,
  earlier: Stamp[],
  s: Omit<Stamp, "signature">,
): Promise<Stamp> {
  return { ...s, signature: await sign(privateKey, stampMessage(subject, earlier, s)) };
}

const DATA = /⟦([A-Za-z0-9+/=]+)⟧\s*$/;

/** One line per stamp: the words, then the data. `words` renders role and decision in the sheet's language. */
export function formatStamps(stamps: Stamp[], words: (s: Stamp) => string): string {
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
            s: s.signature,
          }),
        ),
      );
      return `${words(s)} ⟦${data}⟧`;
    })
    .join("\n");
}

/** Reads a Stamps cell. Lines without stamp data (a typed name) come back as unreadable. */
export function parseStamps(cell: string): { stamps: Stamp[]; unreadable: string[] } {
  const stamps: Stamp[] = [];
  const unreadable: string[] = [];
  for (const line of cell
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = DATA.exec(line);
    try {
      if (!m) throw new Error("no data");
      const d = JSON.parse(new TextDecoder().decode(fromBase64(m[1]!))) as Record<string, unknown>;
      const fields = d.f as string[];
      if (typeof d.s !== "string" || !Array.isArray(fields)) throw new Error("incomplete");
      stamps.push({
        role: String(d.r),
        name: String(d.n),
        time: String(d.t),
        decision: d.d === "reject" ? "reject" : "approve",
        ...(d.x === undefined ? {} : { reason: String(d.x) }),
        key: String(d.k),
        fields: fields.map(String),
        signature: d.s,
      });
    } catch {
      unreadable.push(line);
    }
  }
  return { stamps, unreadable };
}

export interface StampCheck {
  stamp: Stamp;
  issue?: StampIssue;
}

/**
 * Checks each stamp of a record: a trusted key, held by the person and role the stamp
 * names, the role the chain expects at that position, and a signature over the record as
 * it stands now. `chain` lists the roles in order (from Settings, per source class).
 */
export async function verifyStamps(
  subject: Stamped,
  stamps: Stamp[],
  trust: StaffTrust,
  chain: string[],
): Promise<StampCheck[]> {
  const out: StampCheck[] = [];
  for (let i = 0; i < stamps.length; i++) {
    const s = stamps[i]!;
    const staff = trust.byFingerprint.get(s.key);
    let issue: StampIssue | undefined;
    if (!staff) issue = "stamp.unknownKey";
    else if (staff.status === "revoked") issue = "stamp.revoked";
    else if (staff.status === "notCountersigned") issue = "stamp.notCountersigned";
    else if (staff.entry.name !== s.name || staff.entry.role !== s.role) issue = "stamp.wrongPerson";
    else if (chain[i] !== undefined && chain[i] !== s.role) issue = "stamp.wrongRole";
    else {
      const { signature, ...core } = s;
      const ok = await verify(
        staff.entry.publicKey,
        stampMessage(subject, stamps.slice(0, i), core),
        signature,
      );
      if (!ok) issue = "stamp.contentChanged";
    }
    out.push(issue ? { stamp: s, issue } : { stamp: s });
  }
  return out;
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
