/**
 * The workbook's trust root and whether stamps can be verified, for the pane's shell: its
 * own module so the shell does not carry the journal's code (issue 15: what Excel loads).
 */
import type { ExcelEnv } from "../env";
import { readPlanApply } from "./read-plan-apply";
import { guarded } from "./result";

/**
 * Which administrator this workbook's trust rests on, as this device sees it: read on
 * first contact with any page, so the device pins the root before it relies on any stamp.
 * Reads Settings and Staff only; writes nothing.
 */
export function readTrustRoot(env: ExcelEnv, pinnedAdmin: string | undefined) {
  return guarded(() =>
    readPlanApply(env, [], pinnedAdmin, async ({ trust }) => ({
      rootCandidates: trust.rootCandidates,
      unverified: trust.unverified,
      writes: [],
    })),
  );
}
