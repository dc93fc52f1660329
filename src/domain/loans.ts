/**
 * 客户名单使用申请表 / 使用登记簿 — lending printed list extracts. A borrower's application
 * becomes a Loan log row; the right head stamps it (a business department's own head, the
 * administration head for everyone else); the clerk builds the extract sheet with just the
 * customers asked for, headed and footed with the loan number, borrower and due time;
 * returns are recorded with the time. Non-business departments bring lists back the same
 * day by close of business (Settings). Every step is in the Change log.
 *
 * Extracts come back (issue 19). Building an extract logs a digest of the sheet as built
 * (the Change log row's 内容摘要, chained with the row); returning the loan compares the
 * sheet with it, logs the return with what came back, and removes the sheet. Whether a
 * loan is back is what the Change log says (its loanReturn row), never the Loan log's
 * 归还时间 cell, which anyone can type: the cell and the sheet's removal follow the logged
 * return, and a return cut off after its log row is finished by the next loan action.
 */
import type { ChangeEntry } from "./change-log";
import { appendToLog } from "./log-writes";
import { nextId } from "./ids";
import type { Problem } from "./problem";
import { readSheet, rowOf, text, type SheetRecord } from "./records";
import { customerStatuses, sourceClasses } from "./schema/choices";
import { choiceCode, type Lang } from "./schema/model";
import { changeLog, loanLog } from "./schema/sheets";
import { policyVersion, type Settings } from "./settings";
import type { Stamper } from "./stamping";
import {
  formatStamps,
  makeStamp,
  parseStamps,
  stampWords,
  verifyStamps,
  type Approval,
  type Stamped,
} from "./stamps/stamps";
import type { StaffTrust } from "./stamps/staff";
import { printableName, printableSheetWrites } from "./printable";
import { contentDigest, traced } from "./trace";
import { lookListEntries } from "./looking";
import type { Cell, Snapshot, Write } from "./workbook";
import {
  dateTimeSerial,
  extractSheetName,
  extractSheetOf,
  isBack,
  LOAN_EVENTS,
  loanApproverRole,
  loanEvents,
  readDateTime,
  type LoanApplication,
  type LoanEvents,
} from "./loan-state";

export * from "./loan-state";
import { journalRegister } from "./journal/journal";
import { lookNeeds, SHOWN_COLUMNS, type Chooses } from "./journal/look-needs";
import type { Need } from "./partial-read";

type Now = { date: string; time: string };

const problem = (row: number, column: string, rule: Problem["rule"], value = ""): Problem => ({
  sheet: "loanLog",
  row,
  column,
  rule,
  value,
});

function logEntry(person: string, now: Now, action: string, loanNo: string, newValue: string, reason = "") {
  return {
    time: `${now.date}T${now.time}`,
    person,
    action,
    customerId: "",
    field: "loanNo",
    oldValue: loanNo,
    newValue,
    reason,
  } satisfies ChangeEntry;
}

/** Records a borrower's application as a new Loan log row, waiting for its stamp. */
export async function planLoanApplication(
  snapshot: Snapshot,
  settings: Settings,
  entry: LoanApplication,
  person: string,
  now: Now,
): Promise<{ loanNo?: string; due?: string; problems: Problem[]; writes: Write[] }> {
  const log = readSheet(loanLog, snapshot);
  const changes = readSheet(changeLog, snapshot);
  const row = Math.max(2, log.height + 1);
  if (!log.name) return { problems: [problem(1, "loanNo", "header.missing")], writes: [] };
  const problems: Problem[] = [];
  for (const key of ["borrower", "department", "purpose"] as const)
    if (!entry[key].trim()) problems.push(problem(row, key, "required"));
  const department = settings.departments.find((d) => d.name === entry.department.trim());
  if (entry.department.trim() && !department)
    problems.push(problem(row, "department", "enum.notAllowed", entry.department));
  if (entry.class && !choiceCode(sourceClasses, entry.class))
    problems.push(problem(row, "class", "enum.notAllowed", entry.class));
  if (entry.region && !settings.regions.includes(entry.region))
    problems.push(problem(row, "region", "enum.notAllowed", entry.region));
  const from = entry.from.trim() ? readDateTime(entry.from.trim()) : `${now.date} ${now.time}`;
  if (!from) problems.push(problem(row, "from", "date.format", entry.from));
  // Non-business departments: back the same day by close of business, whatever was asked.
  const sameDay = department?.kind === "other";
  const due = sameDay
    ? `${from.slice(0, 10)} ${settings.closeOfBusiness.padStart(5, "0")}`
    : readDateTime(entry.due);
  if (!sameDay && !entry.due.trim()) problems.push(problem(row, "due", "required"));
  else if (!due) problems.push(problem(row, "due", "date.format", entry.due));
  else if (from && due <= from) problems.push(problem(row, "due", "loan.dueBeforeOut", due));
  const recipient = entry.recipient?.trim() ?? "";
  // A workbook set up before the column existed: Set up adds it; until then no outside release.
  if (recipient && log.at.recipient === undefined) problems.push(problem(1, "recipient", "header.missing"));
  if (problems.length) return { problems, writes: [] };

  const seen = [
    ...log.records.map((r) => text(r.values.loanNo)),
    ...changes.records.filter((r) => text(r.values.field) === "loanNo").map((r) => text(r.values.oldValue)),
  ];
  const loanNo = nextId("L", seen);
  const values: Record<string, Cell> = {
    loanNo,
    borrower: entry.borrower.trim(),
    department: department!.name,
    title: entry.title.trim(),
    class: entry.class,
    region: entry.region,
    from: dateTimeSerial(from),
    due: dateTimeSerial(due),
    purpose: entry.purpose.trim(),
    ...(recipient ? { recipient } : {}),
  };
  const summary =
    `${values.borrower} ${values.department} ${entry.class || "*"}/${entry.region || "*"} → ${due}` +
    (recipient ? ` ⇒ ${recipient}` : "");
  return {
    loanNo,
    due,
    problems: [],
    writes: [
      { kind: "values", sheet: log.name, row: row - 1, col: 0, values: [rowOf(log, values)] },
      ...(await appendToLog(changes, [logEntry(person, now, "loanApply", loanNo, summary, entry.purpose)])),
    ],
  };
}

/** What a loan stamp covers: the application as written. */
function loanSubject(record: SheetRecord): Stamped {
  const values: Record<string, string> = {};
  for (const key of ["loanNo", "borrower", "department", "title", "class", "region", "purpose", "recipient"])
    values[key] = text(record.values[key]);
  values.from = readDateTime(record.values.from);
  values.due = readDateTime(record.values.due);
  return { kind: "loan", ref: values.loanNo!, values };
}

/** Who approves a loan: the role Settings names for its department, of that department, not the borrower. */
function loanRule(record: SheetRecord, settings: Settings): Approval {
  const department = text(record.values.department);
  return {
    chain: [loanApproverRole(settings, department, text(record.values.recipient))],
    department,
    notBy: [text(record.values.borrower)],
  };
}
const LOAN_FIELDS = [
  "loanNo",
  "borrower",
  "department",
  "title",
  "class",
  "region",
  "from",
  "due",
  "purpose",
  "recipient",
];

/** The right head's stamp on loan applications: approve or reject, with a reason. */
export async function planLoanStamps(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  loanNos: string[],
  stamper: Stamper,
  decision: "approve" | "reject",
  reason: string,
  now: Now,
  lang: Lang,
): Promise<{ stamped: string[]; problems: Problem[]; writes: Write[] }> {
  const log = readSheet(loanLog, snapshot);
  const problems: Problem[] = [];
  const writes: Write[] = [];
  const entries: ChangeEntry[] = [];
  const stamped: string[] = [];
  const me = trust.asOf(stamper.fingerprint, `${now.date}T${now.time}`);
  if (!log.name) return { stamped, problems: [problem(1, "loanNo", "header.missing")], writes };
  if (!me || me.status !== "trusted")
    return {
      stamped,
      problems: [
        problem(1, "approver", me?.status === "revoked" ? "stamp.revoked" : "stamp.notCountersigned"),
      ],
      writes,
    };
  const sheetLang = log.lang ?? lang;
  for (const loanNo of loanNos) {
    const record = log.records.find((r) => text(r.values.loanNo) === loanNo);
    if (!record) {
      problems.push(problem(1, "loanNo", "loan.unknown", loanNo));
      continue;
    }
    const department = text(record.values.department);
    const role = loanApproverRole(settings, department, text(record.values.recipient));
    if (stamper.entry.role !== role || (role === "deptHead" && stamper.entry.department !== department)) {
      problems.push(problem(record.row, "approver", "loan.approverKind", loanNo));
      continue;
    }
    if (text(record.values.stamps)) {
      problems.push(problem(record.row, "stamps", "stamp.notPending", loanNo));
      continue;
    }
    if (stamper.entry.name === text(record.values.borrower)) {
      problems.push(problem(record.row, "approver", "stamp.ownRequest", loanNo));
      continue;
    }
    const stamp = await makeStamp(stamper.privateKey, loanSubject(record), [], {
      role,
      name: stamper.entry.name,
      time: `${now.date}T${now.time}`,
      decision,
      ...(reason ? { reason } : {}),
      key: stamper.fingerprint,
      fields: LOAN_FIELDS,
      policy: policyVersion(settings),
    });
    const at = log.at;
    writes.push(
      {
        kind: "values",
        sheet: log.name,
        row: record.row - 1,
        col: at.approver!,
        values: [[stampWords(stamp, sheetLang)]],
      },
      {
        kind: "values",
        sheet: log.name,
        row: record.row - 1,
        col: at.stamps!,
        values: [[formatStamps([stamp], sheetLang)]],
      },
    );
    entries.push(
      logEntry(
        stamper.entry.name,
        now,
        decision === "approve" ? "loanApprove" : "loanReject",
        loanNo,
        decision,
        reason,
      ),
    );
    stamped.push(loanNo);
  }
  if (problems.length) return { stamped: [], problems, writes: [] };
  return {
    stamped,
    problems,
    writes: [...writes, ...(await appendToLog(readSheet(changeLog, snapshot), entries))],
  };
}

/** Whether the loan's stamp is an approval that still verifies against the Staff sheet. */
async function approvedStamp(record: SheetRecord, settings: Settings, trust: StaffTrust): Promise<boolean> {
  const { stamps } = parseStamps(text(record.values.stamps));
  if (stamps.length !== 1 || stamps[0]!.decision !== "approve") return false;
  const [check] = await verifyStamps(loanSubject(record), stamps, trust, loanRule(record, settings));
  return !!check && !check.issue;
}

/**
 * Validate's check of the Loan log: every stamp still verifies against the row as it
 * stands (an edited due time or class after approval shows), by the role that may approve.
 */
export async function verifyLoanStamps(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const record of readSheet(loanLog, snapshot).records) {
    const cell = text(record.values.stamps);
    if (!cell) continue;
    const { stamps, unreadable } = parseStamps(cell);
    if (unreadable.length)
      problems.push(problem(record.row, "stamps", "stamp.unreadable", text(record.values.loanNo)));
    for (const check of await verifyStamps(loanSubject(record), stamps, trust, loanRule(record, settings)))
      if (check.issue) problems.push(problem(record.row, "stamps", check.issue, text(record.values.loanNo)));
  }
  return problems;
}

const extractWords = {
  zh: {
    header: ["客户编号", "企业名称", "地址", "邮编", "电话/传真", "联系人", "类别", "地区"],
    banner: (no: string, who: string, due: string) => `借阅编号 ${no} · 借阅人 ${who} · 应还 ${due}`,
    outside: (to: string) => ` · 对外提供:${to}`,
    sign: "借阅人签领:__________        归还时间:__________        名单管理员:__________",
  },
  en: {
    header: ["Customer ID", "Company", "Address", "Postcode", "Phone / fax", "Contact", "Class", "Region"],
    banner: (no: string, who: string, due: string) => `Loan ${no} · borrower ${who} · due ${due}`,
    outside: (to: string) => ` · provided to ${to}`,
    sign: "Received by: __________        Returned at: __________        List keeper: __________",
  },
};

/** Whether a Register row's cells are of an active customer of the loan's class and region. */
function extractChooses(loanClass: Cell | undefined, loanRegion: Cell | undefined): Chooses {
  const cls = choiceCode(sourceClasses, text(loanClass));
  const region = text(loanRegion);
  return (values) =>
    choiceCode(customerStatuses, text(values.status)) !== "invalid" &&
    (!cls || choiceCode(sourceClasses, text(values.class)) === cls) &&
    (!region || text(values.region) === region);
}

/**
 * What building a loan's extract reads (journal/look-needs.ts): the Loan log whole, the
 * Register's rows of the class and region its row names (the first row of that number,
 * as the plan finds it), the Change log's closure of those customers and its extracts and
 * returns (whether the loan is back).
 */
export function extractNeeds(loanNo: string): Need[] {
  return [
    { schema: loanLog, whole: true },
    ...lookNeeds({
      columns: ["status", "class", "region"],
      // What the extract shows (planLoanExtract): not the rows' stamps.
      rowColumns: [...SHOWN_COLUMNS, "class", "region", "status"],
      chooses: (others) => {
        const loans = others(loanLog);
        const at = loans?.columns.loanNo?.findIndex((no) => text(no) === loanNo) ?? -1;
        // No such loan: the plan says so, and reads no customer.
        if (at < 0) return () => false;
        return extractChooses(loans!.columns.class?.[at], loans!.columns.region?.[at]);
      },
      actions: LOAN_EVENTS,
    }),
  ];
}

/**
 * The extract the clerk prints for an approved loan: the Register's active customers of
 * the loan's class and region, header and footer naming the loan, borrower and due time,
 * protected. Rebuilding replaces the sheet. The Change log row comes first, with the
 * digest of the sheet as built: a build cut off after it leaves a logged extract (built
 * again by the next try), never a sheet to print that the log does not know.
 */
export async function planLoanExtract(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  loanNo: string,
  person: string,
  now: Now,
  lang: Lang,
): Promise<{ sheetName?: string; count: number; code?: string; problems: Problem[]; writes: Write[] }> {
  const log = readSheet(loanLog, snapshot);
  const record = log.records.find((r) => text(r.values.loanNo) === loanNo);
  const fail = (p: Problem) => ({ count: 0, problems: [p], writes: [] });
  if (!record) return fail(problem(1, "loanNo", "loan.unknown", loanNo));
  if (isBack(record, loanEvents(snapshot)))
    return fail(problem(record.row, "returned", "loan.returned", loanNo));
  if (!(await approvedStamp(record, settings, trust)))
    return fail(problem(record.row, "stamps", "loan.notApproved", loanNo));
  const chooses = extractChooses(record.values.class, record.values.region);
  const customers = journalRegister(snapshot)
    .records.filter((r) => chooses(r.values))
    .sort((a, b) => text(a.values.id).localeCompare(text(b.values.id)));
  if (customers.length === 0) return fail(problem(record.row, "class", "loan.noCustomers", loanNo));

  const sheetLang = log.lang ?? lang;
  const w = extractWords[sheetLang];
  const names: [string, string] = [
    extractSheetName(loanNo, sheetLang),
    extractSheetName(loanNo, sheetLang === "zh" ? "en" : "zh"),
  ];
  const sheet = printableName(snapshot, names);
  const borrower = text(record.values.borrower);
  // A list provided outside the company says so, and to whom, on every page.
  const recipient = text(record.values.recipient);
  const banner =
    w.banner(loanNo, borrower, readDateTime(record.values.due)) + (recipient ? w.outside(recipient) : "");
  const writes = printableSheetWrites(snapshot, {
    names,
    tabColor: "#7030A0",
    widths: [10, 28, 32, 8, 26, 10, 6, 8],
    title: banner,
    titleSize: 12,
    header: w.header,
    rows: customers.map((r) => [
      text(r.values.id),
      text(r.values.name),
      text(r.values.address),
      text(r.values.postcode),
      [text(r.values.phone), text(r.values.fax)].filter(Boolean).join(" / "),
      text(r.values.contact),
      text(r.values.class),
      text(r.values.region),
    ]),
    signature: w.sign,
    lang: sheetLang,
    page: {
      centerHeader: [banner],
      rightFooter: [`${loanNo} ${borrower}${recipient ? ` → ${recipient}` : ""}`],
    },
  });
  // To whom it went, when it leaves the company (the reason of its row).
  const entry = logEntry(person, now, "loanExtract", loanNo, `${sheet}: ${customers.length}`, recipient);
  const trace = traced(writes, sheet, person, entry.time, sheetLang);
  // Every customer on the extract, and why it was lent (the application's purpose): looking.ts.
  const lent = lookListEntries(
    person,
    entry.time,
    sheet,
    customers.map((r) => text(r.values.id)),
    text(record.values.purpose),
  );
  const logged = await appendToLog(readSheet(changeLog, snapshot), [
    { ...entry, digest: trace.digest },
    ...lent,
  ]);
  return {
    sheetName: sheet,
    count: customers.length,
    code: trace.code,
    problems: [],
    writes: [...logged, ...trace.writes],
  };
}

/**
 * The approved outside release a mailing for an outside party rests on (issue 19): a loan
 * naming the party (对外提供对象), approved by the chairman's stamp that still verifies, not
 * back. The recipient, or why not.
 */
export async function outsideRelease(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  loanNo: string,
): Promise<{ recipient: string } | { problem: Problem }> {
  const log = readSheet(loanLog, snapshot);
  const record = log.records.find((r) => text(r.values.loanNo) === loanNo.trim());
  if (!record) return { problem: problem(1, "loanNo", "loan.unknown", loanNo) };
  const recipient = text(record.values.recipient);
  if (!recipient) return { problem: problem(record.row, "recipient", "loan.notOutside", loanNo) };
  if (isBack(record, loanEvents(snapshot)))
    return { problem: problem(record.row, "returned", "loan.returned", loanNo) };
  if (!(await approvedStamp(record, settings, trust)))
    return { problem: problem(record.row, "stamps", "loan.notApproved", loanNo) };
  return { recipient };
}

/** What came back with a returned loan: its extract sheet against the digest logged when it was built. */
export type ExtractCheck =
  /** The sheet as built: removed. */
  | "same"
  /** Edited while lent: removed, and the return says so. */
  | "changed"
  /** No digest to compare with (built before digests were logged, or a sheet the log never built): removed. */
  | "unchecked"
  /** An extract was logged, but no sheet of its name stands (deleted or renamed by hand). */
  | "missing"
  /** No extract was built and none stands. */
  | "none";

export interface ExtractBack {
  loanNo: string;
  sheet: string;
  check: ExtractCheck;
}

/** The reason a loanReturn row gives for what came back (with "overdue" for a late return). */
const CHECK_REASON: Record<ExtractCheck, string> = {
  same: "",
  changed: "extractChanged",
  unchecked: "extractUnchecked",
  missing: "extractMissing",
  none: "",
};

/**
 * What the Change log says was returned and the sheets do not show yet — a return cut off
 * after its log row: the 归还时间 cell set from the logged time, the extract sheet that
 * still stands deleted. Every writing loan action adds these writes to its own, so the
 * next one finishes what a cut left.
 */
export function finishLoanReturns(
  snapshot: Snapshot,
  events: LoanEvents = loanEvents(snapshot),
): { finished: string[]; cells: Write[]; deletes: Write[] } {
  const log = readSheet(loanLog, snapshot);
  const rows = new Map(log.records.map((r) => [text(r.values.loanNo), r]));
  const out = { finished: [] as string[], cells: [] as Write[], deletes: [] as Write[] };
  for (const [loanNo, back] of events.returns) {
    const record = rows.get(loanNo);
    const sheet = extractSheetOf(snapshot, loanNo);
    const cell = !!(
      record &&
      log.name &&
      log.at.returned !== undefined &&
      back.at &&
      readDateTime(record.values.returned) !== back.at
    );
    if (cell)
      out.cells.push({
        kind: "values",
        sheet: log.name!,
        row: record!.row - 1,
        col: log.at.returned!,
        values: [[dateTimeSerial(back.at)]],
      });
    if (sheet) out.deletes.push({ kind: "deleteSheet", sheet });
    if (cell || sheet) out.finished.push(loanNo);
  }
  return out;
}

/**
 * Records loans as returned at the given time, or now. Each return is one Change log row:
 * the time, "overdue" when late, what came back (its extract compared with the digest
 * logged when it was built, and the digest of the sheet as returned). Written in this
 * order — the log row, the 归还时间 cell, then the extract sheet deleted — so a cut leaves
 * a logged return that the next loan action finishes (finishLoanReturns), never a sheet
 * gone without its return logged. A loan the log already has back is refused, unless its
 * return is unfinished: then this finishes it.
 */
export async function planLoanReturns(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  loanNos: string[],
  returnedAt: string,
  person: string,
  now: Now,
): Promise<{
  returned: string[];
  /** Loans whose return was logged before and is finished now (asked for or not). */
  finished: string[];
  extracts: ExtractBack[];
  problems: Problem[];
  writes: Write[];
}> {
  const log = readSheet(loanLog, snapshot);
  const changes = readSheet(changeLog, snapshot);
  const events = loanEvents(snapshot, changes);
  const problems: Problem[] = [];
  const cells: Write[] = [];
  const deletes: Write[] = [];
  const entries: ChangeEntry[] = [];
  const extracts: ExtractBack[] = [];
  const returned: string[] = [];
  const nothing = (p: Problem) => ({ returned: [], finished: [], extracts: [], problems: [p], writes: [] });
  const at = returnedAt.trim() ? readDateTime(returnedAt.trim()) : `${now.date} ${now.time}`;
  if (!log.name) return nothing(problem(1, "loanNo", "header.missing"));
  if (!at) return nothing(problem(1, "returned", "date.format", returnedAt));
  const finishing = finishLoanReturns(snapshot, events);
  for (const loanNo of loanNos) {
    const record = log.records.find((r) => text(r.values.loanNo) === loanNo);
    if (!record) problems.push(problem(1, "loanNo", "loan.unknown", loanNo));
    else if (isBack(record, events)) {
      // Back already: only a return cut off half-way is left to do (finishing does it).
      if (!finishing.finished.includes(loanNo))
        problems.push(problem(record.row, "returned", "loan.returned", loanNo));
    }
    // Only a loan its head approved was lent: one waiting or rejected has nothing to return.
    else if (!(await approvedStamp(record, settings, trust)))
      problems.push(problem(record.row, "stamps", "loan.notApproved", loanNo));
    else {
      const late = readDateTime(record.values.due) < at;
      const sheet = extractSheetOf(snapshot, loanNo);
      const lent = events.extracts.get(loanNo);
      let digest = "";
      let check: ExtractCheck = lent === undefined ? "none" : "missing";
      if (sheet) {
        const values = snapshot.sheets[sheet]?.values;
        // The plan compares what it read: an extract sheet not read is the adapter's mistake.
        if (!values) throw new Error(`${sheet} was not read`);
        digest = contentDigest(values);
        check = !lent ? "unchecked" : lent === digest ? "same" : "changed";
        deletes.push({ kind: "deleteSheet", sheet });
      }
      extracts.push({ loanNo, sheet: sheet ?? extractSheetName(loanNo, log.lang ?? "zh"), check });
      cells.push({
        kind: "values",
        sheet: log.name,
        row: record.row - 1,
        col: log.at.returned!,
        values: [[dateTimeSerial(at)]],
      });
      const reason = [late ? "overdue" : "", CHECK_REASON[check]].filter(Boolean).join(" ");
      entries.push({ ...logEntry(person, now, "loanReturn", loanNo, at, reason), digest });
      returned.push(loanNo);
    }
  }
  if (problems.length) return { returned: [], finished: [], extracts: [], problems, writes: [] };
  return {
    returned,
    finished: finishing.finished,
    extracts,
    problems,
    // The act logged first, its view next, the sheet last.
    writes: [
      ...(await appendToLog(changes, entries)),
      ...cells,
      ...finishing.cells,
      ...deletes,
      ...finishing.deletes,
    ],
  };
}

/**
 * Validate's check of returns: the Loan log's 归还时间 against the Change log, and no
 * extract sheet left standing for a loan the log has back.
 */
export function loanReturnProblems(snapshot: Snapshot): Problem[] {
  const events = loanEvents(snapshot);
  if (!events.journaled) return [];
  const problems: Problem[] = [];
  for (const record of readSheet(loanLog, snapshot).records) {
    const loanNo = text(record.values.loanNo);
    if (!loanNo) continue;
    const back = events.returns.get(loanNo);
    const cell = readDateTime(record.values.returned);
    const sheet = extractSheetOf(snapshot, loanNo);
    if (!back) {
      if (cell || text(record.values.returned))
        problems.push(problem(record.row, "returned", "loan.returnNotLogged", loanNo));
      continue;
    }
    if (cell !== back.at)
      problems.push({
        ...problem(record.row, "returned", "loan.returnUnfinished", loanNo),
        detail: { at: back.at },
      });
    if (sheet)
      problems.push({ ...problem(record.row, "returned", "loan.extractLeft", loanNo), detail: { sheet } });
  }
  return problems;
}
