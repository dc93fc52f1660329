/**
 * 人员 — who may stamp. A Staff row binds a person, department and role to the public key
 * of one of their devices. A row counts only when the register administrator has
 * countersigned it: a row typed or pasted into the sheet by anyone else is inert.
 *
 * The administrator's key is the one trust root. The first administrator vouches for
 * their own row (a self-countersigned administrator row is a root candidate); a second
 * administrator is an administrator row countersigned by the root, and may countersign
 * too. Which root counts: the one this device (or the command line's --admin) pinned;
 * with nothing pinned, the only candidate on the sheet — and with two candidates (someone
 * inserted their own), none: every stamp is then unverified until the person compares
 * fingerprints with the administrator and pins one.
 *
 * Rows are versioned: a change of role or department is a new countersigned row for the
 * same key with the time it takes effect (生效时间), and a revocation is a new row marked
 * 已吊销. A stamp is judged by the row in force when it was made — so a promotion keeps
 * every past approval — and "when" is the place of the stamp's first Change log entry
 * wherever the log is read (`LogClock`), never only the time the signer wrote into the
 * stamp: a stolen key cannot stamp "before" its revocation. Where the log is not read
 * (the card, loans), a revoked key's stamps count only when they claim a time before a
 * revocation row's; Validate, which reads the log, has the last word.
 */
import { staffRoles } from "../schema/choices";
import { choiceCode } from "../schema/model";
import { canonicalJson } from "./encoding";
import { checkPublicKey, fingerprint, sign, verify } from "./keys";

export interface StaffEntry {
  /** Excel row number, for messages. */
  row: number;
  name: string;
  department: string;
  role: string;
  device: string;
  publicKey: string;
  countersign: string;
  revoked: boolean;
  /** From when the row is in force, yyyy-mm-ddThh:mm; "" on rows made before rows had a time: from the start. */
  since: string;
}

export type StaffStatus = "trusted" | "notCountersigned" | "revoked";

export interface TrustedStaff {
  entry: StaffEntry;
  fingerprint: string;
  status: StaffStatus;
}

/**
 * What the Change log says about time, where it is read. Each logged thing gets a moment
 * (`logMoment`): the latest time written on any row up to its row, then the row's place,
 * so things logged in the same minute keep their order and a row appended later cannot
 * claim to be earlier.
 */
export interface LogClock {
  /** By staffKey (name and device): when the log first revoked it. */
  revokedAt: Map<string, string>;
  /** By staffKey@since: when the log enrolled or changed the row in force from `since`. */
  startedAt: Map<string, string>;
  /** By stamp signature: when the log first carried the stamp. */
  stampedAt: Map<string, string>;
}

/** A logged moment: the log's time at the row, then the row's place in the log (its Excel row number). */
export const logMoment = (time: string, index: number) => `${time}#${String(index).padStart(9, "0")}`;
/** A moment known only from a time written in a cell: before anything the log placed in that minute. */
const cellMoment = (time: string) => `${timeKey(time)}#`;
/** A stamp's own claimed time, where no log is read: after anything logged in that minute. */
const claimedMoment = (time: string) => `${timeKey(time)}#~`;

export interface StaffTrust {
  /** The trust root in force: the pinned administrator, or the sheet's only candidate. */
  adminFingerprint?: string;
  /** True when the pinned administrator differs from the one on the sheet: a loud warning. */
  adminChanged: boolean;
  /** No root: nothing is verified (nothing pinned and no single candidate, or the pinned one is gone). */
  unverified: boolean;
  /** The self-vouched administrator rows' fingerprints, for people to compare. */
  rootCandidates: string[];
  /** Each key as it stands now: its latest row in force, or revoked. */
  byFingerprint: Map<string, TrustedStaff>;
  /** Each readable row's own standing, by Excel row number. */
  byRow: Map<number, StaffStatus>;
  /** The row in force for a stamp when it was made (see the module's notes on time). */
  at(stamp: { key: string; time: string; signature: string }): TrustedStaff | undefined;
  /** The row in force for a key at a moment of the log (`logMoment`): for what the log itself carries. */
  atMoment(key: string, moment: string): TrustedStaff | undefined;
  /** The row in force for a key at a time (yyyy-mm-ddThh:mm): who someone acting now is. */
  asOf(key: string, time: string): TrustedStaff | undefined;
  /** Rows whose public key cannot be read: they stamp nothing, and Validate names them. */
  unreadable: StaffEntry[];
}

/** How a Staff row is named in the Change log's enrol, revoke and restaff entries: name and device. */
export const staffKey = (e: { name: string; device: string }) => `${e.name} ${e.device}`;

/** A Staff row's place in the log's clock (`LogClock.startedAt`): its person and device, from `since`. */
export const startKey = (e: { name: string; device: string }, since: string) => `${staffKey(e)}@${since}`;

/** Times as rows and stamps write them, comparable as text: "2026-11-24 16:00" reads as "2026-11-24T16:00". */
export const timeKey = (t: string) => t.trim().replace(/\s+/, "T");

/** The bytes an administrator's countersignature covers: everything that gives the row its power, and from when. */
export function staffMessage(
  e: Pick<StaffEntry, "name" | "department" | "role" | "device" | "publicKey" | "since" | "revoked">,
): string {
  return canonicalJson({
    v: 2,
    kind: "staff",
    name: e.name,
    department: e.department,
    role: e.role,
    device: e.device,
    publicKey: e.publicKey,
    since: timeKey(e.since),
    revoked: e.revoked,
  });
}

export function countersign(adminKey: CryptoKey, entry: Parameters<typeof staffMessage>[0]): Promise<string> {
  return sign(adminKey, staffMessage(entry));
}

/**
 * Works out which Staff rows to trust. `pinned` is the administrator fingerprint this
 * device remembered; undefined on first use, when the sheet's administrator is taken.
 */
export async function trustStaff(
  entries: StaffEntry[],
  pinned: string | undefined,
  /** Whether, with nothing pinned, the sheet's only candidate is trusted (a device's first use). The command line says no. */
  firstUse = true,
  /** The log's clock, where the log was read: stamps and revocations are then placed by it. */
  clock?: LogClock,
): Promise<StaffTrust> {
  const unreadable: StaffEntry[] = [];
  const read = await Promise.all(
    entries.map(async (entry) => {
      try {
        await checkPublicKey(entry.publicKey);
        return { entry, fingerprint: await fingerprint(entry.publicKey) };
      } catch {
        // One malformed key must not stop anyone else's stamps from verifying.
        unreadable.push(entry);
        return undefined;
      }
    }),
  );
  const withPrints = read.filter((e) => e !== undefined);
  const admins = withPrints.filter((e) => e.entry.role === "admin" && !e.entry.revoked);
  const candidates = [];
  for (const a of admins)
    if (await verify(a.entry.publicKey, staffMessage(a.entry), a.entry.countersign)) candidates.push(a);
  const root = pinned
    ? admins.find((a) => a.fingerprint === pinned)
    : firstUse && candidates.length === 1
      ? candidates[0]
      : undefined;
  // A second administrator counts when the root countersigned their row.
  const signers = root ? [root] : [];
  if (root)
    for (const a of admins)
      if (a !== root && (await verify(root.entry.publicKey, staffMessage(a.entry), a.entry.countersign)))
        signers.push(a);

  // Each key's rows, in the order they take effect.
  const byRow = new Map<number, StaffStatus>();
  const history = new Map<
    string,
    {
      rows: TrustedStaff[];
      /** Each row's start (`startOf`), worked out once: `at` is asked for every stamp Validate reads. */
      starts: string[];
      revokedFrom?: string;
      /** Each row as trust answers it with another standing, made once when first asked. */
      asRevoked: TrustedStaff[];
      asNotCountersigned: TrustedStaff[];
    }
  >();
  for (const { entry, fingerprint: fp } of withPrints) {
    let signed = false;
    for (const signer of signers)
      if (!signed) signed = await verify(signer.entry.publicKey, staffMessage(entry), entry.countersign);
    const status: StaffStatus = entry.revoked ? "revoked" : signed ? "trusted" : "notCountersigned";
    byRow.set(entry.row, status);
    const h = history.get(fp) ?? { rows: [], starts: [], asRevoked: [], asNotCountersigned: [] };
    h.rows.push({ entry, fingerprint: fp, status });
    history.set(fp, h);
  }
  const startOf = (e: StaffEntry) => clock?.startedAt.get(startKey(e, e.since)) ?? cellMoment(e.since);
  for (const h of history.values()) {
    h.rows.sort((a, b) => startOf(a.entry).localeCompare(startOf(b.entry)) || a.entry.row - b.entry.row);
    h.starts = h.rows.map((r) => startOf(r.entry));
    // A revocation counts from when the log made it; a revoked row the log does not know
    // (typed, or pasted) from the start. Without the log, from the row's own time.
    const from: string[] = [];
    for (const { entry } of h.rows) {
      const logged = clock?.revokedAt.get(staffKey(entry));
      if (logged !== undefined) from.push(logged);
      if (entry.revoked) from.push(clock ? (logged ?? "") : cellMoment(entry.since));
    }
    if (from.length) h.revokedFrom = from.sort()[0];
  }

  const byFingerprint = new Map<string, TrustedStaff>();
  for (const [fp, h] of history) {
    const last = h.rows.at(-1)!;
    const inForce = h.rows.filter((r) => r.status === "trusted").at(-1);
    byFingerprint.set(
      fp,
      h.revokedFrom !== undefined
        ? { ...(inForce ?? last), status: "revoked" }
        : (inForce ?? { ...last, status: "notCountersigned" }),
    );
  }

  const inForceAt = (key: string, when: string, logged: boolean): TrustedStaff | undefined => {
    const h = history.get(key);
    if (!h) return undefined;
    let inForce = -1;
    for (let i = 0; i < h.rows.length; i++)
      if (h.rows[i]!.status === "trusted" && h.starts[i]! <= when) inForce = i;
    // A revoked key's stamp counts only when it was made before the revocation; where the
    // log is read, only when the log carried it before.
    if (h.revokedFrom !== undefined && (when >= h.revokedFrom || (clock && !logged))) {
      const i = inForce >= 0 ? inForce : h.rows.length - 1;
      return (h.asRevoked[i] ??= { ...h.rows[i]!, status: "revoked" });
    }
    if (inForce >= 0) return h.rows[inForce];
    const last = h.rows.length - 1;
    return (h.asNotCountersigned[last] ??= { ...h.rows[last]!, status: "notCountersigned" });
  };
  const at = (stamp: { key: string; time: string; signature: string }) => {
    const logged = clock?.stampedAt.get(stamp.signature);
    return inForceAt(stamp.key, logged ?? claimedMoment(stamp.time), logged !== undefined);
  };
  const atMoment = (key: string, moment: string) => inForceAt(key, moment, true);
  const asOf = (key: string, time: string) => inForceAt(key, claimedMoment(time), false);

  return {
    ...(root ? { adminFingerprint: root.fingerprint } : {}),
    // The administrator this device pinned is not the sheet's (another one, revoked, or their
    // row deleted) while the Staff sheet has people on it: say so loudly. A new workbook with
    // nobody on its Staff sheet is not a changed administrator.
    adminChanged: !!pinned && !root && entries.length > 0,
    unverified: !root,
    rootCandidates: candidates.map((c) => c.fingerprint),
    byFingerprint,
    byRow,
    at,
    atMoment,
    asOf,
    unreadable,
  };
}

/**
 * Why someone may not act with their key now, in the words a stamp check uses: a key on no
 * Staff row, a row not (or not yet) countersigned, a revoked key — and otherwise the role.
 */
export function standingRule(
  me: TrustedStaff | undefined,
): "stamp.unknownKey" | "stamp.notCountersigned" | "stamp.revoked" | "stamp.wrongRole" {
  if (!me) return "stamp.unknownKey";
  if (me.status === "revoked") return "stamp.revoked";
  if (me.status === "notCountersigned") return "stamp.notCountersigned";
  return "stamp.wrongRole";
}

/**
 * A fingerprint as people read it aloud or compare it on paper: its 16 bytes as eight
 * groups of five decimal digits (each group two bytes, 00000–65535).
 */
export function spokenFingerprint(fp: string): string {
  const hexDigits = fp.replace(/\s+/g, "");
  const groups: string[] = [];
  for (let i = 0; i + 4 <= hexDigits.length; i += 4)
    groups.push(String(parseInt(hexDigits.slice(i, i + 4), 16)).padStart(5, "0"));
  return groups.join(" ");
}

/** The Staff sheet's rows as entries; a row without a public key cannot stamp and is left out. */
export function staffEntries(
  records: { row: number; values: Record<string, string | number | boolean> }[],
): StaffEntry[] {
  const t = (v: unknown) => String(v ?? "").trim();
  return records
    .filter((r) => t(r.values.publicKey) !== "")
    .map((r) => ({
      row: r.row,
      name: t(r.values.name),
      department: t(r.values.department),
      role: roleCode(t(r.values.role)),
      device: t(r.values.device),
      publicKey: t(r.values.publicKey),
      countersign: t(r.values.countersign),
      revoked: ["是", "yes", "y", "true"].includes(t(r.values.revoked).toLowerCase()),
      since: timeKey(t(r.values.since)),
    }));
}

function roleCode(label: string): string {
  return choiceCode(staffRoles, label) ?? label;
}
