/**
 * A person's stamping key: an ECDSA P-256 key pair made on their own device. The public
 * key goes into the Staff sheet; the private key never leaves the device, and is kept
 * there only wrapped (AES-GCM) under a key derived from the person's PIN with
 * PBKDF2-SHA-256. WebCrypto does all of it; nothing here is home-made cryptography.
 */
import { sha256Sync } from "../digest";
import { fromBase64, hex, toBase64, utf8 } from "./encoding";
import { Remembered } from "../memo";
import { pinProblem } from "./pin";

export const PBKDF2_ITERATIONS = 600_000;
const SIGNING = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNATURE = { name: "ECDSA", hash: "SHA-256" } as const;

/** What the device keeps: the wrapped private key and the public half, nothing readable without the PIN. */
export interface WrappedKey {
  publicKey: string; // base64 SPKI
  salt: string;
  iv: string;
  iterations: number;
  wrapped: string; // base64 AES-GCM ciphertext of the PKCS#8 private key
}

export type Unlocked =
  { ok: true; privateKey: CryptoKey; publicKey: string } | { ok: false; rule: "pin.wrong" };

async function pinKey(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey("raw", utf8(pin), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** Makes a device key wrapped under the PIN. The caller checks the PIN first (pinProblem): a weak one throws. */
export async function createDeviceKey(pin: string, iterations = PBKDF2_ITERATIONS): Promise<WrappedKey> {
  if (iterations < PBKDF2_ITERATIONS)
    throw new Error(`PBKDF2 needs at least ${PBKDF2_ITERATIONS} iterations`);
  const weak = pinProblem(pin);
  if (weak) throw new Error(`PIN refused: ${weak}`);
  const pair = (await crypto.subtle.generateKey(SIGNING, true, ["sign", "verify"])) as CryptoKeyPair;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", pair.privateKey);
  const wrapped = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    await pinKey(pin, salt, iterations),
    pkcs8,
  );
  return {
    publicKey: toBase64(await crypto.subtle.exportKey("spki", pair.publicKey)),
    salt: toBase64(salt),
    iv: toBase64(iv),
    iterations,
    wrapped: toBase64(wrapped),
  };
}

/** Unwraps the private key with the PIN. A wrong PIN is an answer, not an exception, and locks nothing. */
export async function unlockDeviceKey(key: WrappedKey, pin: string): Promise<Unlocked> {
  let pkcs8: ArrayBuffer;
  try {
    const aes = await pinKey(pin, fromBase64(key.salt), key.iterations);
    pkcs8 = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64(key.iv) },
      aes,
      fromBase64(key.wrapped),
    );
  } catch {
    return { ok: false, rule: "pin.wrong" };
  }
  // Not extractable once unwrapped: the page can sign with it but never read it out again.
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, SIGNING, false, ["sign"]);
  return { ok: true, privateKey, publicKey: key.publicKey };
}

export async function sign(privateKey: CryptoKey, message: string): Promise<string> {
  return toBase64(await crypto.subtle.sign(SIGNATURE, privateKey, utf8(message)));
}

/**
 * Public keys already imported, by their text: a Validate checks thousands of stamps made by
 * a handful of people, and importing the key again for each stamp was most of its cost. A
 * key that does not import is remembered as such. Bounded: an office has few keys, and a
 * workbook full of typed junk keys must not grow the page's memory without end.
 */
const imported = new Map<string, Promise<CryptoKey | undefined>>();
const IMPORTED_MAX = 256;

function verifyingKey(publicKey: string): Promise<CryptoKey | undefined> {
  let key = imported.get(publicKey);
  if (!key) {
    key = Promise.resolve()
      .then(() => crypto.subtle.importKey("spki", fromBase64(publicKey), SIGNING, false, ["verify"]))
      .catch(() => undefined);
    if (imported.size >= IMPORTED_MAX) imported.delete(imported.keys().next().value!);
    imported.set(publicKey, key);
  }
  return key;
}

/**
 * Answers already given, by a digest of (key, message, signature) (issue 15). Whether a
 * signature verifies is a fact about those three texts alone — who held the key and when is
 * judged apart, every time — so an answer never goes stale. A customer's approval stands on
 * its request and again on its Register row: the same stamps over the same content, verified
 * once. And the pane keeps the answers while it is open, so a second Validate verifies only
 * stamps it has not met (an edited row's content is a new message). Bounded (about 100
 * bytes an answer).
 */
const verified = new Remembered<boolean>(400_000);
/**
 * How many answers came from memory and how many from WebCrypto, since the page (or process)
 * started; and how many stamps were known by the seal the log carries them under instead
 * (stamps.ts `verifyStamps`).
 */
export const verifyCounts = { remembered: 0, computed: 0, vouched: 0 };

export async function verify(publicKey: string, message: string, signature: string): Promise<boolean> {
  const id = sha256Sync(`${publicKey}\u0000${message}\u0000${signature}`).slice(0, 32);
  const known = verified.get(id);
  if (known !== undefined) {
    verifyCounts.remembered++;
    return known;
  }
  // The same signature asked again while WebCrypto still works on it (Validate checks rows
  // a few dozen at a time, and a request and its Register row carry the same stamps).
  const asked = underWay.get(id);
  if (asked) {
    verifyCounts.remembered++;
    return asked;
  }
  verifyCounts.computed++;
  const answer = (async () => {
    const key = await verifyingKey(publicKey);
    if (!key) return false;
    try {
      return await crypto.subtle.verify(SIGNATURE, key, fromBase64(signature), utf8(message));
    } catch {
      return false;
    }
  })();
  underWay.set(id, answer);
  try {
    return verified.set(id, await answer);
  } finally {
    underWay.delete(id);
  }
}

/** Answers WebCrypto is still working out, by the same digest as `verified`. */
const underWay = new Map<string, Promise<boolean>>();

/** Forgets every remembered answer ("check everything" from scratch; tests). */
export function forgetVerified(): void {
  verified.clear();
}

/** Throws unless the text is a P-256 public key (base64 SPKI) that can verify signatures. */
export async function checkPublicKey(publicKey: string): Promise<void> {
  await crypto.subtle.importKey("spki", fromBase64(publicKey), SIGNING, false, ["verify"]);
}

/** A public key's fingerprint as people compare it: SHA-256 of the SPKI, first 16 bytes in groups of four hex digits. */
export async function fingerprint(publicKey: string): Promise<string> {
  const digest = hex(await crypto.subtle.digest("SHA-256", fromBase64(publicKey)));
  return digest.slice(0, 32).match(/.{4}/g)!.join(" ").toUpperCase();
}
