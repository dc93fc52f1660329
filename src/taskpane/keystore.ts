/**
 * This device's stamping identities, kept in the browser's IndexedDB (Office's webview
 * has one per add-in origin). Only the PIN-wrapped private key is stored; it never goes
 * into the workbook. The administrator's fingerprint this device trusts is pinned here on
 * first use, so a swapped administrator key on the sheet is noticed.
 */
import type { WrappedKey } from "../domain/stamps/keys";
import type { LogHead } from "../domain/journal/head";
import type { CheckSeen } from "../domain/home";
import type { StampSeen } from "../domain/stamp-diff";

export interface DeviceIdentity {
  name: string;
  department: string;
  role: string;
  device: string;
  fingerprint: string;
  key: WrappedKey;
}

const DB = "customer-register";
const STORE = "identities";
const PINNED = "customer-register.adminFingerprint";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "fingerprint" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transact<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const request = work(db.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const LOG_HEAD = "customer-register.log-head";
const CHECKS = "customer-register.checks";
const STAMPS_SEEN = "customer-register.stamps-seen";

/** A list kept in localStorage; anything unreadable counts as nothing remembered. */
function remembered<T>(key: string, valid: (item: unknown) => item is T): T[] {
  try {
    const seen = JSON.parse(localStorage.getItem(key) ?? "[]") as unknown;
    return Array.isArray(seen) ? seen.filter(valid) : [];
  } catch {
    return [];
  }
}

export const keyStore = {
  list: () => transact<DeviceIdentity[]>("readonly", (s) => s.getAll() as IDBRequest<DeviceIdentity[]>),
  add: (identity: DeviceIdentity) => transact("readwrite", (s) => s.put(identity)).then(() => undefined),
  pinnedAdmin: (): string | undefined => localStorage.getItem(PINNED) ?? undefined,
  pinAdmin: (fingerprint: string) => localStorage.setItem(PINNED, fingerprint),
  /** The ends of the Change logs this device last saw (issue 13): a log that no longer extends its head is reported. */
  logHeads: (): LogHead[] => {
    try {
      const seen = JSON.parse(localStorage.getItem(LOG_HEAD) ?? "[]") as unknown;
      return Array.isArray(seen)
        ? seen.filter((h): h is LogHead => typeof h?.rows === "number" && typeof h?.hash === "string")
        : [];
    } catch {
      return [];
    }
  },
  rememberLogHeads: (heads: LogHead[]) => localStorage.setItem(LOG_HEAD, JSON.stringify(heads)),
  /** The last Validate on this device per workbook (its problem count, for the home page). */
  checks: (): CheckSeen[] =>
    remembered(CHECKS, (c): c is CheckSeen => typeof (c as CheckSeen)?.problems === "number"),
  rememberCheck: (check: CheckSeen) =>
    localStorage.setItem(
      CHECKS,
      JSON.stringify([check, ...keyStore.checks().filter((c) => c.root !== check.root)].slice(0, 20)),
    ),
  /** What this device's person saw when they stamped a request (stamp-diff.ts). */
  stampsSeen: (): StampSeen[] =>
    remembered(STAMPS_SEEN, (s): s is StampSeen => Array.isArray((s as StampSeen)?.fields)),
  rememberStamps: (seen: StampSeen[], keep: (s: StampSeen) => boolean) =>
    localStorage.setItem(
      STAMPS_SEEN,
      JSON.stringify([...seen, ...keyStore.stampsSeen().filter(keep)].slice(0, 500)),
    ),
};

export type KeyStore = typeof keyStore;

/**
 * The self-check's try of key storage: a non-extractable signing key made, stored in this
 * webview's IndexedDB (a database of its own, deleted after), read back and used. "" when
 * all worked, else what failed. Keys live only here: this Excel, this computer, this
 * browser profile.
 */
export async function probeKeyStorage(): Promise<string> {
  const name = "customer-register-self-check";
  try {
    if (typeof indexedDB === "undefined") return "IndexedDB is not available";
    if (!crypto?.subtle) return "Web Crypto (crypto.subtle) is not available";
    const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
      "sign",
      "verify",
    ]);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore("keys");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const run = <T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        const request = work(db.transaction("keys", mode).objectStore("keys"));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    try {
      await run("readwrite", (s) => s.put(pair, "probe"));
      const back = (await run("readonly", (s) => s.get("probe"))) as CryptoKeyPair | undefined;
      if (!back?.privateKey) return "a key stored in IndexedDB did not come back";
      if (back.privateKey.extractable) return "the stored key came back extractable";
      const data = new TextEncoder().encode("self-check");
      const algorithm = { name: "ECDSA", hash: "SHA-256" };
      const signature = await crypto.subtle.sign(algorithm, back.privateKey, data);
      return (await crypto.subtle.verify(algorithm, back.publicKey, signature, data))
        ? ""
        : "a signature by the stored key did not verify";
    } finally {
      db.close();
      indexedDB.deleteDatabase(name);
    }
  } catch (error) {
    return `${(error as Error).name ?? "Error"}: ${(error as Error).message ?? String(error)}`;
  }
}
