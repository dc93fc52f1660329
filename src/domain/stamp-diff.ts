/**
 * What changed in a request since an earlier stamp on it (issue 17): a head who rejected a
 * request, or a clerk whose stamp stopped holding because someone edited the request,
 * sees which fields changed and how before stamping again.
 *
 * A stamp keeps a signature over the fields it covers, not their values, and the Change
 * log keeps a request's name only; so the values a stamp approved are remembered by the
 * device that stamped, at the moment of stamping (what the person saw on the stamp page).
 * The diff is therefore "since my stamp on this device". A stamp made elsewhere shows no
 * diff; whether it still holds is the stamp page's and Validate's business (verification).
 */
export interface FieldValue {
  key: string;
  value: string;
}

/** A stamp this device made, and the values it was made on. */
export interface StampSeen {
  /** The workbook: its administrator's key fingerprint ("" before there is one). */
  root: string;
  requestNo: string;
  /** The request's filing date as the sheet holds it: R000001 of another year is another request. */
  filed: string;
  /** Who stamped, when ("YYYY-MM-DD HH:MM"), and how. */
  name: string;
  at: string;
  decision: "approve" | "reject";
  fields: FieldValue[];
}

export interface FieldChange {
  key: string;
  was: string;
  now: string;
}

/** Which request a remembered stamp is about. */
export interface RequestRef {
  root: string;
  requestNo: string;
  filed: string;
}

export const sameRequest = (a: RequestRef, b: RequestRef) =>
  a.root === b.root && a.requestNo === b.requestNo && a.filed === b.filed;

/** The latest stamp this device remembers on the request, if any. */
export function lastStampSeen(seen: readonly StampSeen[], request: RequestRef): StampSeen | undefined {
  let last: StampSeen | undefined;
  for (const s of seen) if (sameRequest(s, request) && (!last || s.at >= last.at)) last = s;
  return last;
}

/**
 * The fields whose value differs now from when the stamp was made, in the order the
 * request lists them now; a field the stamp did not cover then (the stamped fields
 * changed) counts as changed from empty.
 */
export function changesSince(stamp: StampSeen, now: readonly FieldValue[]): FieldChange[] {
  const then = new Map(stamp.fields.map((f) => [f.key, f.value]));
  return now
    .filter((f) => (then.get(f.key) ?? "") !== f.value)
    .map((f) => ({ key: f.key, was: then.get(f.key) ?? "", now: f.value }));
}
