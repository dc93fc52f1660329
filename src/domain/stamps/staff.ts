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
}

export type StaffStatus = "trusted" | "notCountersigned" | "revoked";

export interface TrustedStaff {
  entry: StaffEntry;
  fingerprint: string;
  status: StaffStatus;
}

export interface StaffTrust {
  /** The trust root in force: the pinned administrator, or the sheet's only candidate. */
  adminFingerprint?: string;
  /** True when the pinned administrator differs from the one on the sheet: a loud warning. */
  adminChanged: boolean;
  /** No root: nothing is verified (nothing pinned and no single candidate, or the pinned one is gone). */
  unverified: boolean;
  /** The self-vouched administrator rows' fingerprints, for people to compare. */
  rootCandidates: string[];
  byFingerprint: Map<string, TrustedStaff>;
  /** Rows whose public key cannot be read: they stamp nothing, and Validate names them. */
  unreadable: StaffEntry[];
}

/** The bytes an administrator's countersignature covers: everything that gives the row its power. */
export function staffMessage(
  e: Pick<StaffEntry, "name" | "department" | "role" | "device" | "publicKey">,
): string {
  return canonicalJson({
    v: 1,
    kind: "staff",
    name: e.name,
    department: e.department,
    role: e.role,
    device: e.device,
    publicKey: e.publicKey,
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
  const byFingerprint = new Map<string, TrustedStaff>();
  for (const { entry, fingerprint: fp } of withPrints) {
    let signed = false;
    for (const signer of signers)
      if (!signed) signed = await verify(signer.entry.publicKey, staffMessage(entry), entry.countersign);
    const status: StaffStatus = entry.revoked ? "revoked" : signed ? "trusted" : "notCountersigned";
    const earlier = byFingerprint.get(fp);
    // A revoked row for a key wins over any other row for the same key.
    if (!earlier || status === "revoked") byFingerprint.set(fp, { entry, fingerprint: fp, status });
  }
  return {
    ...(root ? { adminFingerprint: root.fingerprint } : {}),
    adminChanged: pinned !== undefined && !root && admins.length > 0,
    unverified: !root,
    rootCandidates: candidates.map((c) => c.fingerprint),
    byFingerprint,
    unreadable,
  };
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
    }));
}

function roleCode(label: string): string {
  return choiceCode(staffRoles, label) ?? label;
}
