/**
 * Sealing what an action appends to the Change log (domain/log-signing.ts): with the
 * acting person's unlocked key when the pane holds one. When the person acting holds a
 * trusted key on this device but it is locked, nothing is written: the action stops with
 * `KeyLocked` before its writes, the pane asks for the PIN and runs it again
 * (taskpane/seal-prompt.tsx). Where the administrator's signed Settings rules ask every
 * row's seal (变更记录须全员签名), someone with no trusted key here writes nothing to the log
 * (`SealRequired`): they enrol and have their key countersigned first.
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
 * The person acting has no trusted key on this device (nobody chosen, not enrolled, or not
 * yet countersigned) while the signed Settings rules ask every Change log row's seal.
 */
export class SealRequired extends Error {
  readonly code = "SealRequired";
  constructor(readonly person: string) {
    super(
      `Every Change log row must be sealed with a countersigned key (${person ? `${person} has none here` : "nobody is acting"}): nothing was written.`,
    );
    this.name = "SealRequired";
  }
}

/**
 * The writes, with what they append to the Change log sealed by the acting person's key;
 * or KeyLocked before anything is written, when that key is trusted (so its seal is
 * required: log-signing.ts) and locked. A key still waiting for the administrator's
 * countersignature seals nothing: its signature would prove nothing. The key of a keyed act
 * (`actingWith`) always seals: the act itself checked it (and the first administrator's
 * enrolment seals with the key it is putting on the sheet). Where the signed Settings
 * rules ask every row's seal, someone with no trusted key here writes nothing to the log
 * (SealRequired).
 */
export async function sealWrites(
  env: ExcelEnv,
  snapshot: Snapshot,
  writes: Write[],
  trust: StaffTrust,
  /** The signed Settings rules in force ask every row's seal, a clerk's too. */
  everyoneSeals = false,
): Promise<Write[]> {
  const trusted = (fingerprint: string) => trust.byFingerprint.get(fingerprint)?.status === "trusted";
  const signer = env.signer?.();
  if (signer && (env.keyedAct || trusted(signer.fingerprint))) return signLogWrites(snapshot, writes, signer);
  const log = readSheet(changeLog, snapshot).name;
  if (!log || !writes.some((w) => w.kind === "values" && w.sheet === log)) return writes;
  const acting = env.acting?.();
  if (acting && trusted(acting.fingerprint)) throw new KeyLocked(acting.name);
  if (everyoneSeals) throw new SealRequired(acting?.name ?? "");
  return writes;
}
