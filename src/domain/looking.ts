/**
 * Looking is logged (issue 19; the seeds: 查询人须具备查询权限, 查询目的明确, 记录使用目的、时间和方式).
 *
 * - **Who may look.** The signed Settings rule 查询权限 (`lookRoles`) names the roles that
 *   may look up any customer. Anyone else enrolled may look only at the customers they are
 *   the responsible person (负责人) of; someone not enrolled, at none. A bulk look — a loan
 *   extract, labels or an envelope list, the monthly lists — needs one of the roles. Before
 *   the workbook has an administrator to trust, nobody can be told apart: looks are logged,
 *   not refused.
 * - **What is recorded.** A card shown in the pane logs `lookCard` (who, when, which
 *   customer, the purpose if given), once a day per person and customer. Every sheet made
 *   for paper is logged as it is made (trace.ts); those that list many customers are
 *   followed by `lookList` rows naming every customer on them (compactly, `encodeIds`),
 *   with the purpose — required for extracts and mailings.
 * - **Who looked at this customer** (`looksAt`): the card looks, card prints and lists that
 *   named the customer, in a year.
 * - **Checked where relied on.** The pane refuses a look the rule does not allow; Validate
 *   reports every look row whose person the rule did not allow (`lookProblems`), as the
 *   Staff rows stood then. The add-in cannot stop anyone who can open the workbook from
 *   reading its sheets: see docs/confidentiality.md.
 */
import type { ChangeEntry } from "./change-log";
import type { Problem } from "./problem";
import { readSheet, text } from "./records";
import { changeLog } from "./schema/sheets";
import type { Settings } from "./settings";
import type { StaffTrust, TrustedStaff } from "./stamps/staff";
import { timeKey } from "./stamps/staff";
import { PRINTOUT_ACTIONS, printoutSheet } from "./trace";
import { SHOW_SHEET } from "./kept-sheets";
import { CELL_TEXT_MAX } from "./workbook";

export const LOOK_CARD = "lookCard";
export const LOOK_LIST = "lookList";

/**
 * Log actions by which a person saw customers: looks, every sheet made for paper, a kept
 * sheet shown — but not a department list rebuilt: that follows from whatever changed the
 * Register (a post, a correction), and the list is the department's own to see.
 */
export const LOOK_ACTIONS = new Set(
  [LOOK_CARD, LOOK_LIST, SHOW_SHEET, ...PRINTOUT_ACTIONS].filter((a) => a !== "buildDeptList"),
);

/** Who is looking: the person chosen on the device, and their key's fingerprint when they hold one. */
export interface Looker {
  name: string;
  fingerprint?: string;
}

/** The Staff row in force for a person at a time: by their key, or (a row the CLI wrote, unsealed) by name. */
function staffOf(trust: StaffTrust, who: Looker, time: string): TrustedStaff | undefined {
  if (who.fingerprint) {
    const found = trust.asOf(who.fingerprint, timeKey(time));
    return found?.status === "trusted" ? found : undefined;
  }
  for (const [fp, s] of trust.byFingerprint)
    if (s.entry.name === who.name) {
      const found = trust.asOf(fp, timeKey(time));
      if (found?.status === "trusted") return found;
    }
  return undefined;
}

/**
 * Why `who` may not look, or undefined when they may: at `time`, at customers whose
 * responsible persons are `responsible` (one for a card; none given for a bulk look, which
 * needs a role of 查询权限).
 */
export function lookRefusal(
  settings: Pick<Settings, "lookRoles">,
  trust: StaffTrust,
  who: Looker | undefined,
  time: string,
  responsible?: string,
): Problem | undefined {
  const name = who?.name ?? "";
  // No administrator to trust yet (a workbook being set up): no role can be told, none is
  // refused; the look is logged all the same, and judged once there is a root.
  if (trust.unverified && name) return undefined;
  const staff = who && name ? staffOf(trust, who, time) : undefined;
  if (!staff)
    return {
      sheet: "staff",
      row: 1,
      column: "name",
      rule: "look.notEnrolled",
      value: name,
      detail: { person: name },
    };
  if (settings.lookRoles.includes(staff.entry.role)) return undefined;
  if (responsible !== undefined && responsible.trim() === staff.entry.name) return undefined;
  return {
    sheet: "staff",
    row: 1,
    column: "role",
    rule: "look.notAllowed",
    value: name,
    detail: { person: name, role: staff.entry.role, roles: settings.lookRoles.join(",") },
  };
}

/** The `lookCard` row for a card shown to a person. */
export function lookEntry(person: string, time: string, customerId: string, purpose: string): ChangeEntry {
  return {
    time,
    person,
    action: LOOK_CARD,
    customerId,
    field: "",
    oldValue: "",
    newValue: "",
    reason: purpose.trim(),
  };
}

/** Whether the log already holds this person's look at this customer on this day. */
export function lookedToday(
  snapshot: Parameters<typeof readSheet>[1],
  person: string,
  customerId: string,
  date: string,
) {
  return readSheet(changeLog, snapshot).records.some(
    (r) =>
      text(r.values.action) === LOOK_CARD &&
      text(r.values.person) === person &&
      text(r.values.customerId) === customerId &&
      text(r.values.time).startsWith(date),
  );
}

const ID = /^C(\d{6})$/;

/**
 * Customer IDs as one short text: "C" IDs sorted, as base-36 steps from the one before,
 * a run of consecutive IDs as "+n" after its first; any other ID spelled out after "|".
 * "C000001 C000002 C000003 C000010" → "1+2,7".
 */
export function encodeIds(ids: readonly string[]): string {
  const numbers = [...new Set(ids.flatMap((id) => (ID.test(id) ? [Number(ID.exec(id)![1])] : [])))].sort(
    (a, b) => a - b,
  );
  const others = [...new Set(ids.filter((id) => !ID.test(id)))].sort();
  const parts: string[] = [];
  let previous = 0;
  for (let i = 0; i < numbers.length;) {
    let run = 0;
    // Past the end the next number is undefined, never one more: the run stops there.
    while (numbers[i + run + 1] === numbers[i + run]! + 1) run++;
    parts.push((numbers[i]! - previous).toString(36) + (run ? `+${run.toString(36)}` : ""));
    previous = numbers[i + run]!;
    i += run + 1;
  }
  return parts.join(",") + (others.length ? `|${others.join(" ")}` : "");
}

export function decodeIds(encoded: string): string[] {
  const [steps = "", others = ""] = encoded.split("|");
  const out: string[] = [];
  let at = 0;
  for (const part of steps.split(",").filter(Boolean)) {
    const [step = "0", run = "0"] = part.split("+");
    at += parseInt(step, 36);
    for (let k = 0; k <= parseInt(run, 36); k++) out.push(`C${String(at + k).padStart(6, "0")}`);
    at += parseInt(run, 36);
  }
  return [...out, ...others.split(" ").filter(Boolean)];
}

/**
 * The `lookList` rows after a sheet made for paper that lists customers: every customer on
 * it, in rows that each fit a cell (part "1/2" in the field when it takes more than one).
 */
export function lookListEntries(
  person: string,
  time: string,
  sheet: string,
  ids: readonly string[],
  purpose: string,
): ChangeEntry[] {
  const room = CELL_TEXT_MAX;
  const chunks: string[] = [];
  // Cut between IDs, never inside one: each part decodes on its own.
  let rest = [...new Set(ids)].sort();
  while (rest.length) {
    let take = rest.length;
    while (encodeIds(rest.slice(0, take)).length > room) take = Math.floor(take / 2);
    chunks.push(encodeIds(rest.slice(0, take)));
    rest = rest.slice(take);
  }
  return chunks.map((chunk, i) => ({
    time,
    person,
    action: LOOK_LIST,
    customerId: "",
    field: chunks.length > 1 ? `customers ${i + 1}/${chunks.length}` : "customers",
    oldValue: sheet,
    newValue: chunk,
    reason: purpose.trim(),
  }));
}

/** One look at a customer, as the card lists them. */
export interface Look {
  time: string;
  person: string;
  /** lookCard, printCard, or the action of the list that named the customer. */
  action: string;
  sheet: string;
  purpose: string;
  row: number;
}

/** Who looked at the customer in `year` ("2026"), oldest first, from the log rows read. */
export function looksAt(snapshot: Parameters<typeof readSheet>[1], id: string, year: string): Look[] {
  const rows = readSheet(changeLog, snapshot).records;
  const out: Look[] = [];
  // A list's printout row stands just before its lookList rows: it names what the list was.
  let lastPrintout: { action: string; sheet: string } | undefined;
  for (const r of rows) {
    const action = text(r.values.action);
    const time = text(r.values.time);
    if (PRINTOUT_ACTIONS.has(action))
      lastPrintout = { action, sheet: printoutSheet(text(r.values.newValue)) };
    if (!time.startsWith(year)) continue;
    const base = { time, person: text(r.values.person), purpose: text(r.values.reason), row: r.row };
    if ((action === LOOK_CARD || action === "printCard") && text(r.values.customerId) === id)
      // A print's row names its sheet; a look's names none.
      out.push({ ...base, action, sheet: text(r.values.newValue) });
    // A kept sheet shown (kept-sheets.ts) showed every customer on it.
    else if (action === SHOW_SHEET) out.push({ ...base, action, sheet: text(r.values.oldValue) });
    else if (action === LOOK_LIST && decodeIds(text(r.values.newValue)).includes(id)) {
      const sheet = text(r.values.oldValue);
      out.push({ ...base, action: lastPrintout?.sheet === sheet ? lastPrintout.action : LOOK_LIST, sheet });
    }
  }
  return out;
}

/**
 * Looks the rule did not allow, as Validate reports them: every look row (a card shown or
 * printed, a list made) whose person, by name, held no trusted Staff row at that row's time,
 * or held no role of 查询权限 (a card: nor was the customer's responsible person, as
 * `responsibleOf` says now). By name: whether the row is really theirs is the seal's
 * business (log-signing.ts).
 */
export function lookProblems(
  snapshot: Parameters<typeof readSheet>[1],
  settings: Pick<Settings, "lookRoles">,
  trust: StaffTrust,
  responsibleOf: (id: string) => string | undefined,
): Problem[] {
  const problems: Problem[] = [];
  for (const r of readSheet(changeLog, snapshot).records) {
    const action = text(r.values.action);
    if (!LOOK_ACTIONS.has(action) || action === LOOK_LIST) continue;
    const person = text(r.values.person);
    const id = text(r.values.customerId);
    const refusal = lookRefusal(
      settings,
      trust,
      { name: person },
      text(r.values.time),
      // A customer no longer kept anywhere has no responsible person: a role is needed.
      id ? responsibleOf(id) : undefined,
    );
    if (refusal)
      problems.push({
        sheet: "changeLog",
        row: r.row,
        column: "person",
        rule: refusal.rule,
        value: person,
        detail: { ...(refusal.detail ?? {}), action },
      });
  }
  return problems;
}
