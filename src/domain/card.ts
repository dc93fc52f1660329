/**
 * 原始资料卡片 — one customer's card: every register field, its stamps and whether each
 * still verifies, its history from the Change log, its contact records and annual
 * results, and where it is now (the Register, an archive, destroyed; on a loan extract
 * that is out). Pure: built from a snapshot that may hold only this customer's rows.
 */
import type { HistoryRow } from "./history-words";
import { isKey, staffContactsOf } from "./contacts";
import { loansOf, type Loan } from "./loans";
import { readSheet, text, type SheetRecord } from "./records";
import { contactChannels, customerStatuses, sourceClasses, yesNo } from "./schema/choices";
import { choiceCode, choiceLabel, type Lang, type SheetSchema } from "./schema/model";
import {
  annualResults,
  archivePast,
  archiveSuspended,
  changeLog,
  contacts,
  destructionLog,
  register,
} from "./schema/sheets";
import type { Settings } from "./settings";
import { stampWords, type Stamp, type StampIssue } from "./stamps/stamps";
import { customerRowStamps } from "./verification";
import { readJournal } from "./journal/journal";
import type { StaffTrust } from "./stamps/staff";
import { isoDate } from "./validate/date";
import type { Snapshot } from "./workbook";

export type Whereabouts = "register" | "suspended" | "past" | "destroyed" | "unknown";

export interface Card {
  id: string;
  where: Whereabouts;
  /** The sheet and Excel row of the customer's row, when it has one. */
  sheetName?: string;
  row?: number;
  fields: { key: string; label: string; value: string }[];
  key: boolean;
  staffContacts: string[];
  stamps: { words: string; issue?: StampIssue }[];
  history: HistoryRow[];
  contacts: {
    no: string;
    date: string;
    staff: string;
    channel: string;
    summary: string;
    major: boolean;
    reported: string;
  }[];
  results: { year: string; revenue: string; notes: string }[];
  /** Loans out now whose extract lists this customer. */
  loansOut: Loan[];
}

const iso = isoDate;

/** The card of customer `id` as of `now`. */
export async function buildCard(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  id: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<Card> {
  const places: [SheetSchema, Whereabouts][] = [
    [register, "register"],
    [archiveSuspended, "suspended"],
    [archivePast, "past"],
  ];
  let found: { record: SheetRecord; where: Whereabouts; sheetName: string } | undefined;
  for (const [schema, where] of places) {
    const sheet = readSheet(schema, snapshot);
    const record = sheet.records.find((r) => text(r.values.id) === id);
    if (record) {
      found = { record, where, sheetName: sheet.name! };
      break;
    }
  }
  const tomb = readSheet(destructionLog, snapshot).records.find((r) => text(r.values.customerId) === id);
  const where: Whereabouts = found?.where ?? (tomb ? "destroyed" : "unknown");
  const record = found?.record;

  const fields = register.columns
    .filter((c) => c.key !== "stamps" && !c.hidden)
    .map((c) => {
      const v = record?.values[c.key];
      const value = c.kind.type === "date" ? (v === "" || v === undefined ? "" : iso(v)) : text(v);
      return { key: c.key, label: c.header[lang], value };
    });

  const stamps: Card["stamps"] = [];
  if (record) {
    const { checks } = await customerRowStamps(
      record.values,
      where as "register" | "suspended" | "past",
      settings,
      trust,
      readJournal(snapshot),
    );
    for (const c of checks)
      stamps.push({ words: stampWords(c.stamp as Stamp, lang), ...(c.issue ? { issue: c.issue } : {}) });
  }

  const history = readSheet(changeLog, snapshot)
    .records.filter((r) => text(r.values.customerId) === id)
    .map((r) => ({
      time: text(r.values.time).replace("T", " "),
      person: text(r.values.person),
      action: text(r.values.action),
      field: text(r.values.field),
      from: text(r.values.oldValue),
      to: text(r.values.newValue),
      reason: text(r.values.reason),
    }));

  const contactRows = readSheet(contacts, snapshot)
    .records.filter((r) => text(r.values.customerId) === id)
    .map((r) => ({
      no: text(r.values.contactNo),
      date: iso(r.values.date),
      staff: text(r.values.staff),
      channel:
        choiceLabel(contactChannels, choiceCode(contactChannels, text(r.values.channel)) ?? "", lang) ||
        text(r.values.channel),
      summary: text(r.values.summary),
      major: choiceCode(yesNo, text(r.values.major)) === "yes",
      reported: text(r.values.reportedBy),
    }));

  const results = readSheet(annualResults, snapshot)
    .records.filter((r) => text(r.values.customerId) === id)
    .map((r) => ({
      year: text(r.values.year),
      revenue: text(r.values.revenue),
      notes: text(r.values.financialNotes),
    }))
    .sort((a, b) => a.year.localeCompare(b.year));

  // An extract lists the Register's customers of its class and region, invalid ones left out.
  const onRegister = where === "register" && record;
  const invalid = record && choiceCode(customerStatuses, text(record.values.status)) === "invalid";
  const loansOut = loansOf(snapshot, now).filter(
    (l) =>
      onRegister &&
      !invalid &&
      (l.state === "out" || l.state === "overdue") &&
      snapshot.sheetNames.some((n) => n === `借阅-${l.loanNo}` || n === `Loan-${l.loanNo}`) &&
      (!l.class ||
        choiceCode(sourceClasses, l.class) === choiceCode(sourceClasses, text(record.values.class))) &&
      (!l.region || l.region === text(record.values.region)),
  );

  return {
    id,
    where,
    ...(found ? { sheetName: found.sheetName, row: found.record.row } : {}),
    fields,
    key: record ? isKey(record) : false,
    staffContacts: record ? staffContactsOf(record.values.staffContacts) : [],
    stamps,
    history,
    contacts: contactRows,
    results,
    loansOut,
  };
}
