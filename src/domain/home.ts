/**
 * 首页 — "what needs me now" (issue 17): for the person acting on this device, the work
 * that waits for them, each item pointing at the page where it is done.
 *
 * - requests whose next stamp in their chain (Settings, per source class) is this person's
 *   role — a department head only their own department's, never a request they are
 *   responsible for;
 * - loan applications waiting for this person's stamp (loanApproverRole);
 * - loans overdue or due back today — back or not as the Change log has it, never as the
 *   Loan log's 归还时间 cell says — the borrower's own, their head's (their department's
 *   head, or the head who approves their loans: the administration head for a non-business
 *   department), and the register administrator's and clerks' (they keep the lists); a
 *   line names the loan's extract sheet while it still stands in the workbook;
 * - reviews of this cycle still due or overdue: a head's department, a responsible
 *   person's own customers, everyone's for the administrator and clerks;
 * - major matters not yet reported: the staff member's own, every head's;
 * - this month's backup, for the register administrator;
 * - the register's sheets in sight or unprotected against the rule 保密工作表隐藏, for those
 *   who keep the register (kept-sheets.ts);
 * - the problems the last Validate on this device found, for those who keep the register
 *   (administrator and clerks): its count and when it ran, or that it never ran here. A
 *   Validate per visit of the home page would read every sheet; the count is the last
 *   run's, dated, and the Validate page runs it again.
 *
 * The home page is a pointer, not a decision: it counts from the cells it reads, and the
 * page it points to reads again (through the journal, with every stamp verified) before
 * anything is written. A request whose earlier stamps no longer hold is listed under the
 * role its stamp count points at; the stamp page then says it must start again. A request
 * rejected and sent back (its status typed back to 待盖章) starts its chain again.
 */
import { backupDue } from "./backup";
import { keptSheetProblems } from "./kept-sheets";
import { majorToReport } from "./major-matters";
import { loanApproverRole, loansOf, type Loan } from "./loan-state";
import { readSheet, text } from "./records";
import { reviewWorklist } from "./review-worklist";
import { intakeStatuses } from "./schema/choices";
import { choiceCode } from "./schema/model";
import { intake, register } from "./schema/sheets";
import type { Settings } from "./settings";
import { parseStamps } from "./stamps/stamps";
import type { Snapshot } from "./workbook";

/** The person acting on this device, as enrolled. */
export interface Me {
  name: string;
  role: string;
  department: string;
}

export type HomeTask =
  "stamp" | "loanStamp" | "loanOverdue" | "loanDue" | "review" | "major" | "backup" | "validate" | "sheets";

/** The pane's page where a task is done. */
export const taskPage: Record<HomeTask, string> = {
  stamp: "stamp",
  loanStamp: "loans",
  loanOverdue: "loans",
  loanDue: "loans",
  review: "review",
  major: "reports",
  backup: "setup",
  validate: "validate",
  sheets: "sheets",
};

/** What the last Validate on this device found in a workbook, told apart by its trust root. */
export interface CheckSeen {
  /** The administrator's key fingerprint of the workbook checked ("" before any). */
  root: string;
  /** When it ran, "YYYY-MM-DD HH:MM". */
  at: string;
  problems: number;
}

export interface HomeItem {
  task: HomeTask;
  /** How many things wait. */
  count: number;
  /** Of them, how many are late (reviews and loans past their date). */
  late: number;
  /** What they are, one line each (request or loan number and name), at most `shown`. */
  lines: string[];
  /** For loans, line by line: the extract sheet still in the workbook ("" when none stands). */
  extracts?: string[];
}

/** Lines listed under an item; the page lists them all. */
export const shown = 5;

const HEADS = new Set(["deptHead", "adminHead", "manager", "chairman"]);
/** Those who keep the lists: every loan and every review is theirs to chase. */
const KEEPERS = new Set(["admin", "clerk"]);

export function whatNeedsMe(
  snapshot: Snapshot,
  settings: Settings,
  me: Me | undefined,
  now: { date: string; time: string },
  /** The last Validate runs this device remembers (one per workbook). */
  checks: CheckSeen[] = [],
): HomeItem[] {
  if (!me) return [];
  const items: HomeItem[] = [];
  const add = (task: HomeTask, lines: string[], late = 0, extracts?: string[]) => {
    if (lines.length)
      items.push({
        task,
        count: lines.length,
        late,
        lines: lines.slice(0, shown),
        ...(extracts ? { extracts: extracts.slice(0, shown) } : {}),
      });
  };
  const ownDepartment = (department: string) => me.role !== "deptHead" || department === me.department;

  add(
    "stamp",
    readSheet(intake, snapshot)
      .records.filter((r) => {
        const status = choiceCode(intakeStatuses, text(r.values.intakeStatus));
        if (status !== "pending" && status !== "draft") return false;
        const chain = settings.stampChain[text(r.values.class)] ?? ["deptHead"];
        // A rejection ends an approval: a request sent back after one starts its chain again.
        const stamps = parseStamps(text(r.values.stamps)).stamps;
        const lastRejection = stamps.map((s) => s.decision).lastIndexOf("reject");
        return (
          chain[stamps.length - lastRejection - 1] === me.role &&
          ownDepartment(text(r.values.department)) &&
          text(r.values.responsible) !== me.name
        );
      })
      .map((r) => `${text(r.values.requestNo)} ${text(r.values.name)}`),
  );

  const loans = loansOf(snapshot, now);
  add(
    "loanStamp",
    loans
      .filter(
        (l) =>
          l.state === "pending" &&
          loanApproverRole(settings, l.department, l.recipient) === me.role &&
          // The chairman approves outside releases of every department.
          (me.role === "chairman" || ownDepartment(l.department)) &&
          l.borrower !== me.name,
      )
      .map((l) => `${l.loanNo} ${l.borrower}`),
  );
  const mine = (l: { borrower: string; department: string; recipient?: string }) =>
    l.borrower === me.name ||
    KEEPERS.has(me.role) ||
    (me.role === "deptHead" && l.department === me.department) ||
    (loanApproverRole(settings, l.department, l.recipient) === me.role &&
      (me.role === "chairman" || ownDepartment(l.department)));
  const overdue = loans.filter((l) => l.state === "overdue" && mine(l));
  const line = (l: Loan) => `${l.loanNo} ${l.borrower} ${l.due}`;
  add(
    "loanOverdue",
    overdue.map(line),
    overdue.length,
    overdue.map((l) => l.extract ?? ""),
  );
  const dueToday = loans.filter((l) => l.state === "out" && l.due.slice(0, 10) === now.date && mine(l));
  add(
    "loanDue",
    dueToday.map(line),
    0,
    dueToday.map((l) => l.extract ?? ""),
  );

  const review = reviewWorklist(readSheet(register, snapshot), settings, now.date).items.filter(
    (i) =>
      i.state !== "done" &&
      (KEEPERS.has(me.role) ||
        i.responsible === me.name ||
        (me.role === "deptHead" && i.department === me.department)),
  );
  // The late ones first: they are what the head is asked about.
  review.sort((a, b) => Number(b.state === "overdue") - Number(a.state === "overdue"));
  add(
    "review",
    review.map((i) => `${i.id} ${i.name}`),
    review.filter((i) => i.state === "overdue").length,
  );

  add(
    "major",
    majorToReport(snapshot)
      .filter((m) => m.staff === me.name || HEADS.has(me.role))
      .map((m) => `${m.contactNo} ${m.customerId} ${m.summary}`),
  );

  if (me.role === "admin" && backupDue(settings.lastBackup, now.date))
    items.push({ task: "backup", count: 1, late: 0, lines: [settings.lastBackup] });

  // The register's sheets left in sight or open against the rule (kept-sheets.ts): the
  // keepers' to put away, on the 保密工作表 page — named here as soon as it happens, not
  // only at the next Validate.
  if (KEEPERS.has(me.role))
    add("sheets", [
      ...new Set(
        keptSheetProblems(snapshot, settings.keepHidden, `${now.date}T${now.time}`).map((p) => p.value),
      ),
    ]);

  if (KEEPERS.has(me.role)) {
    const seen = checks.find((c) => c.root === settings.adminFingerprint);
    // Never checked here: the count is unknown, and that is itself worth a click.
    if (!seen) items.push({ task: "validate", count: 0, late: 0, lines: [] });
    else if (seen.problems > 0)
      items.push({ task: "validate", count: seen.problems, late: 0, lines: [seen.at] });
  }
  return items;
}
