/**
 * SHA-256 of a text's UTF-8 bytes, in hex, synchronously — the log's chain, Validate's
 * memories of rows and signatures. In the pane (and its Web Worker) js-sha256; in Node
 * (the command-line tool, the tests, the bench) Node's own one-shot `crypto.hash`, found
 * at run time so the pane's bundle never names Node's modules. Under Node, js-sha256 was
 * a wrapper around Node's hash costing about nine times as much — at 100,000 customers,
 * most of what Validate spent on digests of rows. Both give the same answer for every
 * well-formed text (tested against the pane's build); a lone surrogate js-sha256 reads
 * with the unit after it, where Node and WebCrypto read U+FFFD — which is why what is kept
 * in the workbook (the chain, the values' digests) hashes JSON, which escapes it.
 */
import { sha256 } from "js-sha256";

type OneShot = (algorithm: string, data: string, encoding: "hex") => string;

const nodeHash: OneShot | undefined = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = proc?.getBuiltinModule?.("node:crypto") as { hash?: OneShot } | undefined;
  return typeof crypto?.hash === "function" ? crypto.hash : undefined;
})();

export const sha256Sync: (text: string) => string = nodeHash
  ? (text) => nodeHash("sha256", text, "hex")
  : (text) => sha256(text);
