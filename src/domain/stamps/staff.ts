/**
 * 人员 — who may stamp. A Staff row binds a person, department and role to the public key
 * of one of their devices. A row counts only when the register administrator has
 * countersigned it, and the administrator's key is the one this device pinned on first
 * use (and Settings shows): a row typed or pasted into the sheet by anyone else is inert.
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
  /** The administrator's key fingerprint found on the sheet, if any. */
  adminFingerprint?: string;
  /** True when the pinned administrator differs from the one on the sheet: a loud warning. */
  adminChanged: boolean;
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
export async function trustStaff(entries: StaffEntry[], pinned: string | undefined): Promise<StaffTrust> {
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
  const admin = pinned ? admins.find((a) => a.fingerprint === pinned) : admins[0];
  const adminChanged = pinned !== undefined && !admin && admins.length > 0;
  const byFingerprint = new Map<string, TrustedStaff>();
  for (const { entry, fingerprint: fp } of withPrints) {
    const signed = admin
      ? await verify(admin.entry.publicKey, staffMessage(entry), entry.countersign)
      : false;
    const status: StaffStatus = entry.revoked ? "revoked" : signed ? "trusted" : "notCountersigned";
    const earlier = byFingerprint.get(fp);
    // A revoked row for a key wins over any other row for the same key.
    if (!earlier || status === "revoked") byFingerprint.set(fp, { entry, fingerprint: fp, status });
  }
  return {
    adminFingerprint: admin?.fingerprint ?? (pinned ? undefined : admins[0]?.fingerprint),
    adminChanged,
    byFingerprint,
    unreadable,
  };
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
