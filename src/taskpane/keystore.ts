/**
 * This device's stamping identities, kept in the browser's IndexedDB (Office's webview
 * has one per add-in origin). Only the PIN-wrapped private key is stored; it never goes
 * into the workbook. The administrator's fingerprint this device trusts is pinned here on
 * first use, so a swapped administrator key on the sheet is noticed.
 */
import type { WrappedKey } from "../domain/stamps/keys";

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

export const keyStore = {
  list: () => transact<DeviceIdentity[]>("readonly", (s) => s.getAll() as IDBRequest<DeviceIdentity[]>),
  add: (identity: DeviceIdentity) => transact("readwrite", (s) => s.put(identity)).then(() => undefined),
  pinnedAdmin: (): string | undefined => localStorage.getItem(PINNED) ?? undefined,
  pinAdmin: (fingerprint: string) => localStorage.setItem(PINNED, fingerprint),
};

export type KeyStore = typeof keyStore;
