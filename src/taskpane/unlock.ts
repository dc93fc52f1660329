import { unlockDeviceKey } from "../domain/stamps/keys";
import type { Lang } from "../domain/schema/model";
import type { Stamper } from "../domain/stamping";
import type { DeviceIdentity } from "./keystore";
import type { LogSigner } from "../domain/log-signing";
import { t } from "./i18n-shell";

/**
 * The unlock session: security must not cost a PIN per click. Once a person unlocks
 * their key with the PIN, the key — a non-extractable CryptoKey, which the page can sign
 * with but never read out — stays in this page's memory for a short time the person
 * chooses on this device (0 = ask every time), like a bank's session. Every use extends
 * it; the pane shows who is unlocked and for how long, and "Lock now" forgets it. Nothing
 * of it is stored: closing the pane locks.
 */
interface Open {
  stamper: Stamper;
  privateKey: CryptoKey;
  until: number;
}

const open = new Map<string, Open>();
const listeners = new Set<() => void>();
const MINUTES = "customer-register.unlockMinutes";
export const sessionChoices = [0, 5, 15, 30];

const notify = () => listeners.forEach((l) => l());

export function onUnlockChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** How long an unlocked key stays unlocked on this device, in minutes (default 5). */
export function sessionMinutes(): number {
  const stored = Number(localStorage.getItem(MINUTES) ?? "5");
  return sessionChoices.includes(stored) ? stored : 5;
}

export function setSessionMinutes(minutes: number): void {
  localStorage.setItem(MINUTES, String(minutes));
  if (minutes === 0) lockAll();
  notify();
}

/** When this identity's key locks again (ms since the epoch), if it is unlocked now. */
export function unlockedUntil(fingerprint: string, now = Date.now()): number | undefined {
  const o = open.get(fingerprint);
  if (!o) return undefined;
  if (o.until <= now) {
    open.delete(fingerprint);
    return undefined;
  }
  return o.until;
}

/** The key that signs what an action appends to the Change log: this identity's, while it is unlocked. */
export function signerFor(fingerprint: string | undefined): LogSigner | undefined {
  const o = fingerprint && unlockedUntil(fingerprint) ? open.get(fingerprint) : undefined;
  return o && fingerprint ? { fingerprint, privateKey: o.privateKey } : undefined;
}

export function lockAll(): void {
  open.clear();
  notify();
}

/**
 * Unlocks this device's key with the PIN typed, as a stamper for the domain, or says in
 * the user's language why not. With the key still unlocked, an empty PIN is enough.
 */
export async function unlockWithPin(
  identity: DeviceIdentity,
  pin: string,
  lang: Lang,
): Promise<{ ok: true; privateKey: CryptoKey; stamper: Stamper } | { ok: false; message: string }> {
  const minutes = sessionMinutes();
  const held = unlockedUntil(identity.fingerprint) ? open.get(identity.fingerprint) : undefined;
  if (pin === "" && held) {
    held.until = Date.now() + minutes * 60_000;
    notify();
    return { ok: true, privateKey: held.privateKey, stamper: held.stamper };
  }
  if (pin === "") return { ok: false, message: t(lang, "pinNeeded") };
  const unlocked = await unlockDeviceKey(identity.key, pin);
  if (!unlocked.ok) return { ok: false, message: t(lang, "pinWrong") };
  const { name, department, role, device, fingerprint, key } = identity;
  const stamper: Stamper = {
    entry: {
      row: 0,
      name,
      department,
      role,
      device,
      publicKey: key.publicKey,
      countersign: "",
      revoked: false,
      since: "",
    },
    privateKey: unlocked.privateKey,
    fingerprint,
  };
  if (minutes > 0) {
    open.set(fingerprint, { stamper, privateKey: unlocked.privateKey, until: Date.now() + minutes * 60_000 });
    notify();
  }
  return { ok: true, privateKey: unlocked.privateKey, stamper };
}
