/**
 * What a pane action returns: what changed, or why nothing did. Bad input is never an
 * exception: problems are data. A failure here means Excel refused or the connection
 * broke; the message says which, and the workbook is as it was or safe to run again.
 */
export type ActionResult<T> = ({ ok: true } & T) | { ok: false; failure: ActionFailure };

export interface ActionFailure {
  /** Office.js error code when Excel gave one ("GeneralException", "AccessDenied", …). */
  code: string;
  message: string;
}

export async function guarded<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { ok: false, failure: { code: e.code ?? "Unexpected", message: e.message ?? String(error) } };
  }
}
