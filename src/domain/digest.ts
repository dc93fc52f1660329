/**
 * SHA-256 of a text's UTF-8 bytes, in hex, synchronously — the log's chain, Validate's
 * memories of rows and signatures. In Node (the command-line tool, the tests) Node's own
 * one-shot `crypto.hash`, found at run time so the pane's bundle never names Node's modules.
 *
 * In the pane (and its Web Worker) there is no synchronous hash of the browser's own, and
 * js-sha256 — all JavaScript — costs about twelve to sixteen times Node's hash on a stamp's
 * or a log row's 1–3 KB (session 40; session 39's "three times" had measured its Node build,
 * which wraps Node's hash). At 100,000 customers that was most of a first Validate in the
 * pane. So the pane hashes with a WebAssembly SHA-256 (hash-wasm), about four times quicker
 * than js-sha256, once `hashReady` has compiled it — its own chunk, fetched when first asked,
 * not with what Excel loads at start; until then, and where WebAssembly is not to be had,
 * with js-sha256.
 *
 * Each is given the text's UTF-8 bytes as the browser's TextEncoder makes them, a lone
 * surrogate as U+FFFD — as Node and WebCrypto read it — so every way gives the same answer
 * for every text (digest.test.ts). What is kept in the workbook (the chain, the values'
 * digests) hashes JSON all the same, which escapes a lone surrogate.
 */
import { sha256 } from "js-sha256";

type OneShot = (algorithm: string, data: string, encoding: "hex") => string;

const nodeHash: OneShot | undefined = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = proc?.getBuiltinModule?.("node:crypto") as { hash?: OneShot } | undefined;
  return typeof crypto?.hash === "function" ? crypto.hash : undefined;
})();

/** A WebAssembly SHA-256 as hash-wasm makes it: begun afresh, given bytes, read out in hex. */
export interface WasmSha256 {
  init(): unknown;
  update(data: Uint8Array): unknown;
  digest(encoding: "hex"): string;
}

let wasm: WasmSha256 | undefined;
let compiling: Promise<void> | undefined;

/**
 * Compiles the pane's WebAssembly SHA-256 (once; nothing to do under Node). Until it is done,
 * and if it cannot be (no WebAssembly), js-sha256 hashes: the same answers, more slowly.
 */
export function hashReady(): Promise<void> {
  if (nodeHash || wasm) return Promise.resolve();
  return (compiling ??= wasmSha256().then(
    (hasher) => void (wasm = hasher),
    () => undefined,
  ));
}

/** hash-wasm's SHA-256, compiled: a chunk of its own in the pane's bundle. */
export async function wasmSha256(): Promise<WasmSha256> {
  const { createSHA256 } = await import(/* webpackChunkName: "sha256" */ "hash-wasm");
  return createSHA256();
}

const encoder = new TextEncoder();
/** The bytes of the text being hashed: grown as longer texts come, never shrunk. */
let bytes = new Uint8Array(1 << 16);

function utf8(text: string): Uint8Array {
  // A UTF-16 unit is at most three bytes of UTF-8 (a surrogate pair, two units, is four).
  if (text.length * 3 > bytes.length) bytes = new Uint8Array(Math.max(text.length * 3, bytes.length * 2));
  return bytes.subarray(0, encoder.encodeInto(text, bytes).written);
}

/** The pane's way: `hasher` (WebAssembly) when given, else js-sha256, over the same bytes. */
export function paneSha256(text: string, hasher: WasmSha256 | undefined = wasm): string {
  const data = utf8(text);
  if (!hasher) return sha256(data);
  hasher.init();
  hasher.update(data);
  return hasher.digest("hex");
}

export const sha256Sync: (text: string) => string = nodeHash
  ? (text) => nodeHash("sha256", text, "hex")
  : (text) => paneSha256(text);
