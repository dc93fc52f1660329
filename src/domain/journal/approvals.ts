/**
 * What an intake request's stamps approve, and the rule they must follow, worked out the
 * same way by every reader that relies on them: the Stamping page, Post, recovery,
 * Validate, the card and the command-line tool.
 *
 * - The act is "intake" for a new customer and "reinstate:<ID>" for a request that asks to
 *   bring back a suspended customer (as the Change log says, never as a cell says), and the
 *   record is the request number: a stamp copied onto another request, or from a
 *   customer's first intake onto its reinstatement, verifies nowhere.
 * - The chain is the one Settings gives for the customer's class; a department head must
 *   belong to the request's department; neither the person responsible for the customer
 *   nor the clerk who filed the request may approve it.
 */
import { text } from "../records";
import type { Settings } from "../settings";
import { stampedValues } from "../stamps/values";
import type { Approval, Stamped } from "../stamps/stamps";
import type { Cell } from "../workbook";
import type { Journal } from "./journal";

/** The subject an intake request's (or its Register row's) stamps sign. */
export function intakeSubject(journal: Pick<Journal, "reinstating">, values: Record<string, Cell>): Stamped {
  const ref = text(values.requestNo);
  const returning = journal.reinstating.get(ref);
  return {
    kind: returning === undefined ? "intake" : `reinstate:${returning}`,
    ref,
    values: stampedValues(values),
  };
}

/** The rule an intake request's stamps follow. */
export function intakeRule(
  settings: Pick<Settings, "stampChain" | "policyFields">,
  journal: Pick<Journal, "filedBy">,
  values: Record<string, Cell>,
): Approval {
  const filer = journal.filedBy.get(text(values.requestNo));
  return {
    chain: settings.stampChain[text(values.class)] ?? ["deptHead"],
    department: text(values.department),
    notBy: [text(values.responsible), ...(filer ? [filer] : [])].filter((n) => n !== ""),
    ...(settings.policyFields ? { fields: settings.policyFields } : {}),
  };
}
