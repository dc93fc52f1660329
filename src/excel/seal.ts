/**
 * Sealing what an action appends to the Change log (domain/log-signing.ts): with the
 * acting person's unlocked key when the pane holds one. When the person acting holds a
 * trusted key on this device but it is locked, nothing is written: the action stops with
 * `KeyLocked` before its writes, the pane asks for the PIN and runs it again
 * (taskpane/seal-prompt.tsx).
 */
import { readSheet } from "../domain/records";
import { signLogWrites } from "../domain/log-signing";
import { changeLog } from "../domain/schema/sheets";
import type { StaffTrust } from "../domain/stamps/staff";
import type { Snapshot, Write } from "../domain/workbook";
import type { ExcelEnv } from "./env";

/** The person acting holds a key on this device, locked: their Change log rows cannot be sealed. */
export class KeyLocked extends Error {
  readonly code = "KeyLocked";
  constructor(readonly person: string) {
    super(`The key of ${person} is locked: nothing was written.`);
    this.name = "KeyLocked";
  }
}

/**
 * The writes, with what they append to the Change log sealed by the acting person's key;
 * or KeyLocked before anything is written, when that key is trusted (so its seal is
 * required: log-signing.ts) and locked. A key still waiting for the administrator's
 * countersignature seals nothing: its signature would prove nothing. The key of a keyed act
 * (`actingWith`) always seals: the act itself checked it (and the first administrator's
 * enrolment seals with the key it is putting on the sheet).
 */
export async function sealWrites(
  env: ExcelEnv,
  snapshot: Snapshot,
  writes: Write[],
  trust: StaffTrust,
): Promise<Write[]> {
  const trusted = (fingerprint: string) => trust.byFingerprint.get(fingerprint)?.status === "trusted";
  const signer = env.signer?.();
  if (signer)
    return env.keyedAct || trusted(signer.fingerprint) ? signLogWrites(snapshot, writes, signer) : writes;
  const acting = env.acting?.();
  if (acting && trusted(acting.fingerprint)) {
    const log = readSheet(changeLog, snapshot).name;
    if (log && writes.some((w) => w.kind === "values" && w.sheet === log)) throw new KeyLocked(acting.name);
  }
  return writes;
}
