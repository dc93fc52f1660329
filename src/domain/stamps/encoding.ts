import { sha256Sync as sha256 } from "../digest";

/** Bytes as text for cells: base64 without Node's Buffer, so the same code runs in the pane. */

export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = "";
  for (let i = 0; i < view.length; i += 0x8000) s += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text) as Uint8Array<ArrayBuffer>;
}
/** One encoder for every text: it keeps no state, and making one costs more than encoding a short text. */
const encoder = new TextEncoder();

export function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * JSON with object keys sorted at every level: the one byte string a signature covers,
 * whatever order the fields were read in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 of a text's UTF-8 bytes, in hex. Computed here (js-sha256, as the log's chain is)
 * rather than by WebCrypto, whose digest is a round trip to its thread pool per call: a
 * Validate digests every Register row's stamps, and those round trips were most of its time
 * once signatures were verified once each (issue 15). Still async for its callers.
 */
export async function sha256Hex(text: string): Promise<string> {
  return sha256(text);
}
