/**
 * The intake-to-posting workflow's pane actions, each a read, a plan and a write (see
 * read-plan-apply.ts): file a request, stamp requests, enrol a device, countersign Staff
 * rows, revoke. The private key arrives unlocked from the pane and never reaches a cell.
 */
import { langOf } from "../../domain/layout";
import { intakeFragments, planIntake } from "../../domain/intake";
import { planCorrection, planSuggestedFix } from "../../domain/correction";
import { customerNeeds } from "../../domain/journal/needs";
import { planStamping, type Stamper } from "../../domain/stamping";
import { planPolicySigning, policyInForce } from "../../domain/policy";
import {
  devicesOf,
  planCountersigning,
  awaitingCountersign,
  planEnrolment,
  planRevocation,
  planStaffChange,
  type Enrolment,
} from "../../domain/enrolment";
import { intake } from "../../domain/schema/sheets";
import { readSheet, text } from "../../domain/records";
import { intakeStatuses } from "../../domain/schema/choices";
import { choiceCode } from "../../domain/schema/model";
import { defaultStampedFields, parseStamps } from "../../domain/stamps/stamps";
import { actingWith, type ExcelEnv } from "../env";
import { readPlanApply } from "./read-plan-apply";
import { journalPlanApply, listing } from "./journal-plan-apply";
import { guarded } from "./result";
import { logSkeleton } from "../../domain/partial-read";
import { intakeNeeds, stampingNeeds } from "../../domain/journal/needs";

export type Now = { date: string; time: string };

export function fileRequest(env: ExcelEnv, entry: Record<string, string>, person: string, now: Now) {
  return guarded(() =>
    journalPlanApply(
      env,
      undefined,
      { finished: [] as string[] },
      ({ snapshot, settings, trust }) =>
        planIntake(snapshot, settings, trust, entry, person, now, langOf(env.displayLanguage)),
      undefined,
      intakeNeeds(intakeFragments(entry)),
    ),
  );
}

export function stampRequests(
  env: ExcelEnv,
  pinnedAdmin: string | undefined,
  requestNos: string[],
  stamper: Stamper,
  decision: "approve" | "reject",
  reason: string,
  now: Now,
) {
  return guarded(() =>
    journalPlanApply(
      actingWith(env, stamper),
      pinnedAdmin,
      { stamped: [] as { requestNo: string; status: string }[], finished: [] as string[] },
      ({ snapshot, settings, trust }) =>
        planStamping(
          snapshot,
          settings,
          trust,
          requestNos,
          stamper,
          decision,
          reason,
          now,
          langOf(env.displayLanguage),
        ),
      undefined,
      stampingNeeds(requestNos),
    ),
  );
}

/**
 * Puts a device's key on the Staff sheet. The first administrator, who vouches for their
 * own row, seals their enrolment with the new key (`selfVouched`); anyone else's key is
 * trusted only once countersigned, so their enrolment row is not theirs to seal.
 */
export function enrolDevice(
  env: ExcelEnv,
  who: Enrolment,
  now: Now,
  selfVouched?: { fingerprint: string; privateKey: CryptoKey },
) {
  const acting = selfVouched
    ? actingWith(env, selfVouched)
    : { ...env, signer: undefined, acting: undefined };
  return guarded(() =>
    readPlanApply(acting, { needs: [logSkeleton()] }, undefined, ({ snapshot }) =>
      planEnrolment(snapshot, who, now, langOf(env.displayLanguage)),
    ),
  );
}

export function countersignStaff(
  env: ExcelEnv,
  pinnedAdmin: string | undefined,
  admin: { name: string; fingerprint: string; privateKey: CryptoKey },
  now: Now,
  /** The fingerprints of the people the administrator saw listed and chose. */
  chosen: string[],
) {
  return guarded(() =>
    readPlanApply(
      actingWith(env, admin),
      { needs: [logSkeleton()] },
      pinnedAdmin,
      async ({ snapshot, trust }) =>
        trust.adminChanged
          ? { changed: [], problems: [], writes: [] }
          : planCountersigning(snapshot, trust, admin, now, chosen),
    ),
  );
}

/** Who waits for the administrator's countersignature, with each key's fingerprint. Reads only. */
export function loadAwaitingCountersign(env: ExcelEnv, pinnedAdmin: string | undefined) {
  return guarded(() =>
    readPlanApply(env, { needs: [logSkeleton()] }, pinnedAdmin, async ({ snapshot, trust }) => ({
      awaiting: trust.adminChanged ? [] : await awaitingCountersign(snapshot, trust),
      writes: [],
    })),
  );
}

export function revokeStaff(
  env: ExcelEnv,
  who: { name: string; device?: string },
  actor: string,
  reason: string,
  now: Now,
) {
  return guarded(() =>
    readPlanApply(env, { needs: [logSkeleton()] }, undefined, ({ snapshot }) =>
      planRevocation(snapshot, who, actor, reason, now, langOf(env.displayLanguage)),
    ),
  );
}

/**
 * A change of a person's role or department, signed by the administrator: a new Staff row
 * per device in force from now, the old rows kept so past stamps keep verifying.
 */
export function changeStaff(
  env: ExcelEnv,
  pinnedAdmin: string | undefined,
  admin: Stamper,
  who: { name: string; role: string; department: string },
  now: Now,
) {
  return guarded(() =>
    readPlanApply(
      actingWith(env, admin),
      { needs: [logSkeleton()] },
      pinnedAdmin,
      async ({ snapshot, trust }) =>
        trust.adminChanged
          ? { changed: [], problems: [], writes: [] }
          : planStaffChange(
              snapshot,
              trust,
              { name: admin.entry.name, fingerprint: admin.fingerprint, privateKey: admin.privateKey },
              who,
              now,
              langOf(env.displayLanguage),
            ),
    ),
  );
}

export interface RequestSummary {
  requestNo: string;
  name: string;
  sourceClass: string;
  department: string;
  responsible: string;
  status: string;
  stamps: number;
  /** The filing date as the sheet holds it (tells R000001 of one year from another's). */
  filed: string;
  /** What a stamp on it approves: the stamped fields (Settings, or the default set) as they stand. */
  fields: { key: string; value: string }[];
}

/** The Intake requests as the stamp and post pages list them. Reads only; two syncs plus slices. */
export function listRequests(env: ExcelEnv) {
  return guarded(() =>
    readPlanApply(env, [intake], undefined, async ({ snapshot, settings }) => ({
      /** The workbook's trust root, which tells its requests from another workbook's. */
      root: settings.adminFingerprint,
      requests: readSheet(intake, snapshot).records.map((r): RequestSummary => ({
        fields: (settings.stampedFields.length ? settings.stampedFields : defaultStampedFields).map(
          (key) => ({
            key,
            value: text(r.values[key]),
          }),
        ),
        requestNo: text(r.values.requestNo),
        name: text(r.values.name),
        sourceClass: text(r.values.class),
        department: text(r.values.department),
        responsible: text(r.values.responsible),
        status: choiceCode(intakeStatuses, text(r.values.intakeStatus)) ?? "",
        stamps: parseStamps(text(r.values.stamps)).stamps.length,
        filed: text(r.values.requestDate),
      })),
      writes: [],
    })),
  );
}

/** What a correction says when nothing was done (fresh each time: results are the caller's). */
const noCorrection = () => ({
  changed: [] as { field: string; oldValue: string; newValue: string }[],
  needsReapproval: false,
  finished: [] as string[],
});

/** Validate's suggested fix for a Register cell, applied as a logged correction of its customer. */
export function applySuggestedFix(
  env: ExcelEnv,
  fix: { row: number; column: string; value: string },
  reason: string,
  person: string,
  now: Now,
) {
  return guarded(() =>
    journalPlanApply(env, undefined, noCorrection(), ({ snapshot, settings, trust }) =>
      planSuggestedFix(snapshot, settings, trust, fix, reason, person, now, langOf(env.displayLanguage)),
    ),
  );
}

/** 订正: correct fields of a Register entry, logged, lists rebuilt; says whether re-approval is needed. */
export function correctCustomer(
  env: ExcelEnv,
  customerId: string,
  changes: Record<string, string>,
  reason: string,
  person: string,
  now: Now,
) {
  return guarded(() =>
    journalPlanApply(
      env,
      undefined,
      noCorrection(),
      ({ snapshot, settings, trust }) =>
        planCorrection(
          snapshot,
          settings,
          trust,
          customerId,
          changes,
          reason,
          person,
          now,
          langOf(env.displayLanguage),
        ),
      undefined,
      listing(customerNeeds([customerId])),
    ),
  );
}

/**
 * A person's devices as the Staff sheet holds them (each with a key of its own) and the
 * people on it, for enrolling another device of someone already there. Reads only.
 */
export function readDevices(env: ExcelEnv, pinnedAdmin: string | undefined, name: string) {
  return guarded(() =>
    readPlanApply(env, [], pinnedAdmin, async ({ trust }) => {
      const people = new Map<string, { name: string; role: string; department: string }>();
      for (const t of trust.byFingerprint.values())
        if (t.status !== "revoked")
          people.set(t.entry.name, {
            name: t.entry.name,
            role: t.entry.role,
            department: t.entry.department,
          });
      return {
        devices: name ? devicesOf(trust, name) : [],
        people: [...people.values()].sort((a, b) => a.name.localeCompare(b.name, "zh")),
        writes: [],
      };
    }),
  );
}

export { readTrustRoot } from "./trust-root";

/**
 * The administrator signs the stamping rules as Settings now states them (the next
 * version): from then on they apply, and a cell edited afterwards is reported and ignored.
 */
export function signStampPolicy(env: ExcelEnv, pinnedAdmin: string | undefined, admin: Stamper, now: Now) {
  return guarded(() =>
    readPlanApply(
      actingWith(env, admin),
      { needs: [logSkeleton()] },
      pinnedAdmin,
      async ({ snapshot, trust }) => {
        const { policy } = await policyInForce(snapshot, trust);
        return planPolicySigning(
          snapshot,
          trust,
          { name: admin.entry.name, fingerprint: admin.fingerprint, privateKey: admin.privateKey },
          policy,
          now,
          langOf(env.displayLanguage),
        );
      },
    ),
  );
}
