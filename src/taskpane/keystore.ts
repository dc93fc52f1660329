/**
 * This device's stamping identities, kept in the browser's IndexedDB (Office's webview
 * has one per add-in origin). Only the PIN-wrapped private key is stored; it never goes
 * into the workbook. The administrator's fingerprint this device trusts is pinned here on
 * first use, so a swapped administrator key on the sheet is noticed.
 */
import type { WrappedKey } from "../domain/stamps/keys";
import type { LogHead } from "../domain/journal/head";

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
};

export type KeyStore = typeof keyStore;
