/**
 * How strong a PIN (passphrase) must be, and why. A stamping key is kept on its device
 * wrapped under a key derived from the PIN with PBKDF2-SHA-256 at 600,000 iterations. Who
 * copies that IndexedDB record (a lost laptop, a copied browser profile) can guess PINs
 * offline, as fast as their hardware computes PBKDF2, with no lock-out. So the PIN must
 * hold out on its own: this module estimates how many guesses a PIN needs, conservatively
 * (an attacker tries short, single-class, repeated and sequential PINs first), and the
 * policy asks for at least 2^40 of them — about 2 years on one high-end GPU and about
 * 6,000 years on one CPU core at the rates docs/stamps.md gives (`npm run bench` measures
 * the CPU rate on the machine it runs on). Revoking a lost device's key (Staff page) is
 * still the answer to a lost device: the estimate buys the time to do it.
 */

/** The least estimated number of guesses, as a power of two, a new PIN must need. */
export const PIN_MIN_BITS = 40;

/** The shortest PIN accepted at all, whatever its characters. */
export const PIN_MIN_LENGTH = 8;

/** The alphabet an attacker must search for each class of character the PIN uses. */
function poolOf(pin: string): number {
  let pool = 0;
  if (/[0-9]/.test(pin)) pool += 10;
  if (/[a-z]/.test(pin)) pool += 26;
  if (/[A-Z]/.test(pin)) pool += 26;
  if (/[!-/:-@[-`{-~ ]/.test(pin)) pool += 33;
  // Chinese and other characters: counted as a modest alphabet, since people pick common words.
  if (/[^\x20-\x7e]/.test(pin)) pool += 500;
  return pool;
}

/**
 * The estimated number of guesses (log2) to find this PIN: each character is worth
 * log2 of the alphabet its classes span, except a character that repeats the one before
 * or steps by one from it (abc, 321) — those are worth one bit, since guessers try them early.
 */
export function pinBits(pin: string): number {
  const chars = [...pin];
  if (chars.length === 0) return 0;
  const full = Math.log2(poolOf(pin));
  let bits = full;
  for (let i = 1; i < chars.length; i++) {
    const step = Math.abs(chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!);
    bits += step <= 1 ? 1 : full;
  }
  return bits;
}

export type PinRule = "pin.short" | "pin.weak";

/** Why a new PIN is refused, if it is. */
export function pinProblem(pin: string): PinRule | undefined {
  if ([...pin].length < PIN_MIN_LENGTH) return "pin.short";
  if (pinBits(pin) < PIN_MIN_BITS) return "pin.weak";
  return undefined;
}
