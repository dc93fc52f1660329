/**
 * The password an encrypted backup is made under (backup-crypto.ts). Whoever holds a copy
 * of the file can guess offline, as fast as their hardware runs the key derivation (SHA-512
 * 100,000 times per guess), with no lock-out; so the rule is the stamping PIN's
 * (stamps/pin.ts) and more: at least eight characters, letters and digits both, and not the
 * runs and repeats a guesser tries first. The password is never stored anywhere.
 */
import { PIN_MIN_BITS, pinBits } from "./stamps/pin";

/** The shortest backup password accepted. */
export const BACKUP_PASSWORD_MIN_LENGTH = 8;
/** The longest: Excel's own limit for a file password, and the library's. */
export const BACKUP_PASSWORD_MAX_LENGTH = 255;

export type BackupPasswordRule =
  "backupPassword.short" | "backupPassword.long" | "backupPassword.mixed" | "backupPassword.weak";

/** Why a backup password is refused, if it is. */
export function backupPasswordProblem(password: string): BackupPasswordRule | undefined {
  if ([...password].length < BACKUP_PASSWORD_MIN_LENGTH) return "backupPassword.short";
  if (password.length > BACKUP_PASSWORD_MAX_LENGTH) return "backupPassword.long";
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) return "backupPassword.mixed";
  if (pinBits(password) < PIN_MIN_BITS) return "backupPassword.weak";
  return undefined;
}
