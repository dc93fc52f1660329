/**
 * What the Loan log and the Change log say of each loan (loans.ts): its state, its return as
 * logged, its extract sheet, who approves it. Apart from the planning of loans, so the home
 * page — loaded at start — reads loans without the extract's and the stamps' code (issue 15).
 */
import { logSkeleton, type Need } from "./partial-read";
import { readSheet, text, type ReadSheet, type SheetRecord } from "./records";
import type { Lang } from "./schema/model";
import { changeLog, loanLog } from "./schema/sheets";
import type { Settings } from "./settings";
import { parseStamps } from "./stamps/stamps";
import { isoToSerial, serialToIso } from "./validate/date";
import type { Cell, Snapshot, Write } from "./workbook";

type Now = { date: string; time: string };

/** "2026-11-24 17:30" from a cell: an Excel date-time serial or text as a clerk types it. */
export function readDateTime(value: Cell | undefined): string {
  if (typeof value === "number" && value > 0) {
    const minutes = Math.round((value - Math.floor(value)) * 1440);
    const day = serialToIso(Math.floor(value) + Math.floor(minutes / 1440));
    const m = minutes % 1440;
    return `${day} ${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  }
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text(value));
  if (!m) return "";
  const pad = (s: string) => s.padStart(2, "0");
  return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)} ${pad(m[4] ?? "0")}:${m[5] ?? "00"}`;
}

/** The Excel serial of "2026-11-24 17:30". */
export function dateTimeSerial(dt: string): number {
  const [day, time = "00:00"] = dt.split(" ") as [string, string?];
  const [h, m] = time.split(":").map(Number) as [number, number];
  return isoToSerial(day) + (h * 60 + m) / 1440;
}

export type LoanState = "pending" | "out" | "overdue" | "returned";

/** A Loan log row as the pane shows it: the application, its number, row, return and state. */
export interface Loan extends LoanApplication {
  loanNo: string;
  row: number;
  returned: string;
  state: LoanState;
  /** Its extract sheet, while one stands in the workbook (借阅-L000001 / Loan-L000001). */
  extract?: string;
}

/** Change log actions a loan's state and its extract's digest are read from. */
export const LOAN_EVENTS = new Set(["loanExtract", "loanReturn"]);

/** A loan's return as the Change log holds it. */
export interface LoggedReturn {
  /** "2026-11-26 10:15" ("" if the row's time cannot be read). */
  at: string;
  /** Its Change log row. */
  row: number;
}

/** What the Change log says of the loans: their returns, and the digest of each one's last extract. */
export interface LoanEvents {
  /** Whether the workbook has a Change log; one never set up has only its rows to go by. */
  journaled: boolean;
  /** Loan number → its return (the first logged). */
  returns: Map<string, LoggedReturn>;
  /** Loan number → the digest of its extract as last built ("" for one logged before digests were). */
  extracts: Map<string, string>;
}

/**
 * The loans' returns and extracts as the Change log has them. A plan that reads a loan's
 * state must have read the log (whole, or its loan rows: `LOAN_EVENTS`).
 */
export function loanEvents(snapshot: Snapshot, log: ReadSheet = readSheet(changeLog, snapshot)): LoanEvents {
  if (log.name && !snapshot.sheets[log.name]) throw new Error(`${log.name} was not read`);
  const returns = new Map<string, LoggedReturn>();
  const extracts = new Map<string, string>();
  for (const r of log.records) {
    const action = text(r.values.action);
    if (!LOAN_EVENTS.has(action) || text(r.values.field) !== "loanNo") continue;
    const loanNo = text(r.values.oldValue);
    if (action === "loanExtract") extracts.set(loanNo, text(r.values.digest));
    else if (!returns.has(loanNo)) returns.set(loanNo, { at: readDateTime(r.values.newValue), row: r.row });
  }
  return { journaled: !!log.name, returns, extracts };
}

/** Whether a loan is back: its logged return (the 归还时间 cell only where there is no Change log). */
export function isBack(record: SheetRecord, events: LoanEvents): boolean {
  return events.journaled
    ? events.returns.has(text(record.values.loanNo))
    : !!readDateTime(record.values.returned);
}

/** The loan's extract sheet standing in the workbook, in either language, if any. */
export function extractSheetOf(snapshot: Snapshot, loanNo: string): string | undefined {
  const names = [extractSheetName(loanNo, "zh"), extractSheetName(loanNo, "en")];
  return snapshot.sheetNames.find((n) => names.includes(n));
}

/** What each loan stands at, at `now`: waiting for a stamp, out, overdue, or back (as logged). */
export function loansOf(snapshot: Snapshot, now: Now): Loan[] {
  const log = readSheet(loanLog, snapshot);
  const events = loanEvents(snapshot);
  const at = `${now.date} ${now.time}`;
  return log.records
    .filter((r) => text(r.values.loanNo))
    .map((r) => {
      const due = readDateTime(r.values.due);
      const logged = events.returns.get(text(r.values.loanNo));
      const returned = events.journaled ? (logged?.at ?? "") : readDateTime(r.values.returned);
      const approved = parseStamps(text(r.values.stamps)).stamps.some((s) => s.decision === "approve");
      const extract = extractSheetOf(snapshot, text(r.values.loanNo));
      const state: LoanState = isBack(r, events)
        ? "returned"
        : !approved
          ? "pending"
          : due && due < at
            ? "overdue"
            : "out";
      return {
        ...(extract ? { extract } : {}),
        loanNo: text(r.values.loanNo),
        row: r.row,
        borrower: text(r.values.borrower),
        department: text(r.values.department),
        title: text(r.values.title),
        class: text(r.values.class),
        region: text(r.values.region),
        from: readDateTime(r.values.from),
        due,
        purpose: text(r.values.purpose),
        ...(text(r.values.recipient) ? { recipient: text(r.values.recipient) } : {}),
        returned,
        state,
      };
    });
}

/** Overdue rows filled red, every other row plain: the Loan log shows what is late at a glance. */
export function loanHighlights(snapshot: Snapshot, now: Now): Write[] {
  const log = readSheet(loanLog, snapshot);
  if (!log.name) return [];
  const width = loanLog.columns.length;
  return loansOf(snapshot, now).map((l) => ({
    kind: "style" as const,
    sheet: log.name!,
    row: l.row - 1,
    col: 0,
    rows: 1,
    cols: width,
    bold: false,
    fill: l.state === "overdue" ? "#FFC7CE" : "none",
  }));
}

export interface LoanApplication {
  borrower: string;
  department: string;
  title: string;
  /** "A" / "B" / "C", or "" for every class. */
  class: string;
  /** A region from Settings, or "" for every region. */
  region: string;
  /** "2026-11-24 09:00"; blank means now. */
  from: string;
  /** "2026-11-30 17:30"; ignored for non-business departments (same day, close of business). */
  due: string;
  purpose: string;
  /**
   * Who outside the company gets the list (a printing house for DM, an auditor): blank for
   * the company's own use. An outside release is approved by the chairman's stamp.
   */
  recipient?: string;
}

/**
 * The role that approves a loan: for a list provided outside the company, the chairman
 * (对外提供客户资料必须经过授权和审批); otherwise the department's own head for business, the
 * administration head for the others.
 */
export function loanApproverRole(
  settings: Settings,
  department: string,
  recipient = "",
): "deptHead" | "adminHead" | "chairman" {
  if (recipient.trim()) return "chairman";
  return settings.departments.find((d) => d.name === department)?.kind === "other" ? "adminHead" : "deptHead";
}

/** 借阅-L000001 / Loan-L000001: the name of a loan's extract sheet. */
export function extractSheetName(loanNo: string, lang: Lang): string {
  return `${lang === "zh" ? "借阅-" : "Loan-"}${loanNo}`;
}

/**
 * What the loans' states are read from without reading the Change log whole: the Loan log,
 * and of the Change log its trust skeleton and the loan rows (extracts, returns).
 */
export const loanNeeds: Need[] = [
  { schema: loanLog, whole: true },
  logSkeleton({ columns: [], actions: LOAN_EVENTS }),
];
