/**
 * Encrypts a backup in the pane under the password the administrator typed. The work runs
 * in a Web Worker (backup-worker.ts), a chunk of its own fetched only now: deriving the key
 * (SHA-512 100,000 times per derivation, in JavaScript here) takes seconds, and the pane
 * stays responsive meanwhile. The password goes to the worker and nowhere else; the worker
 * ends with the backup.
 */
import type { EncryptReply, EncryptRequest } from "./backup-worker";

export function encryptInPane(bytes: Uint8Array, password: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(
      /* webpackChunkName: "backup-crypto" */ new URL("./backup-worker.ts", import.meta.url),
    );
    worker.onmessage = ({ data }: MessageEvent<EncryptReply>) => {
      worker.terminate();
      if (data.ok) resolve(data.bytes);
      else reject(Object.assign(new Error(data.message), { code: data.code }));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(Object.assign(new Error(event.message || "the encryption could not start"), { code: "Worker" }));
    };
    const request: EncryptRequest = { bytes, password };
    worker.postMessage(request);
  });
}
