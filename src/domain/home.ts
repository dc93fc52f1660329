/**
 * 首页 — "what needs me now" (issue 17): for the person acting on this device, the work
 * that waits for them, each item pointing at the page where it is done.
 *
 * - requests whose next stamp in their chain (Settings, per source class) is this person's
 *   role — a department head only their own department's, never a request they are
 *   responsible for;
 * - loan applications waiting for this person's stamp (loanApproverRole);
 * - loans overdue or due back today: the borrower's own, their department head's, and the
 *   register administrator's and clerks' (they keep the lists);
 * - reviews of this cycle still due or overdue: a head's department, a responsible
 *   person's own customers, everyone's for the administrator and clerks;
 * - major matters not yet reported: the staff member's own, every head's;
 * - this month's backup, for the register administrator.
 *
 * The home page is a pointer, not a decision: it counts from the cells it reads, and the
 * page it points to reads again (through the journal, with every stamp verified) before
 * anything is written. A request whose earlier stamps no longer hold is listed under the
 * role its stamp count points at; the stamp page then says it must start again.
 */
import { backupDue } from "./backup";
import { majorToReport } from "./contacts";
import { loanApproverRole, loansOf } from "./loans";
import { readSheet, text } from "./records";
import { reviewWorklist } from "./review";
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

export type HomeTask = "stamp" | "loanStamp" | "loanOverdue" | "loanDue" | "review" | "major" | "backup";

/** The pane's page where a task is done. */
export const taskPage: Record<HomeTask, string> = {
  stamp: "stamp",
  loanStamp: "loans",
  loanOverdue: "loans",
  loanDue: "loans",
  review: "review",
  major: "reports",
  backup: "setup",
};

export interface HomeItem {
  task: HomeTask;
  /** How many things wait. */
  count: number;
  /** Of them, how many are late (reviews and loans past their date). */
  late: number;
  /** What they are, one line each (request or loan number and name), at most `shown`. */
  lines: string[];
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
): HomeItem[] {
  if (!me) return [];
  const items: HomeItem[] = [];
  const add = (task: HomeTask, lines: string[], late = 0) => {
    if (lines.length) items.push({ task, count: lines.length, late, lines: lines.slice(0, shown) });
  };
  const ownDepartment = (department: string) => me.role !== "deptHead" || department === me.department;

  add(
    "stamp",
    readSheet(intake, snapshot)
      .records.filter((r) => {
        const status = choiceCode(intakeStatuses, text(r.values.intakeStatus));
        if (status !== "pending" && status !== "draft") return false;
        const chain = settings.stampChain[text(r.values.class)] ?? ["deptHead"];
        const stamps = parseStamps(text(r.values.stamps)).stamps.length;
        return (
          chain[stamps] === me.role &&
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
          loanApproverRole(settings, l.department) === me.role &&
          ownDepartment(l.department) &&
          l.borrower !== me.name,
      )
      .map((l) => `${l.loanNo} ${l.borrower}`),
  );
  const mine = (l: { borrower: string; department: string }) =>
    l.borrower === me.name ||
    KEEPERS.has(me.role) ||
    (me.role === "deptHead" && l.department === me.department);
  const overdue = loans.filter((l) => l.state === "overdue" && mine(l));
  add(
    "loanOverdue",
    overdue.map((l) => `${l.loanNo} ${l.borrower} ${l.due}`),
    overdue.length,
  );
  add(
    "loanDue",
    loans
      .filter((l) => l.state === "out" && l.due.slice(0, 10) === now.date && mine(l))
      .map((l) => `${l.loanNo} ${l.borrower} ${l.due}`),
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
  return items;
}
