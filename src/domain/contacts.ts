/**
 * 联系记录, 重要客户, 年度业绩 — the record of dealings with a customer. Letters, faxes,
 * calls, e-mails and visits go into the Contact log; major matters (重大事项) wait in a
 * "to report" list for the information/finance office until marked reported. A key
 * customer (重要客户) must have at least two staff contacts. Annual results are kept as
 * rows per customer and year, never overwritten. Every entry is in the Change log.
 */
import type { ChangeEntry } from "./change-log";
import { nextId } from "./ids";
import { appendToLog } from "./log-writes";
import { dateTimeSerial } from "./loan-state";
import type { Problem } from "./problem";
import { readSheet, rowOf, text, type SheetRecord } from "./records";
import { KeptFor } from "./memo";
import { pushAll } from "./arrays";
import { contactChannels, yesNo } from "./schema/choices";
import { choiceCode, choiceLabel, type Lang, type SheetSchema } from "./schema/model";
import { annualResults, archivePast, archiveSuspended, changeLog, contacts, register } from "./schema/sheets";
import type { Settings } from "./settings";
import { isoToSerial } from "./validate/date";
import { cellLists, checkCell } from "./validation";
import type { Cell, Snapshot, Write } from "./workbook";
import { majorToReport } from "./major-matters";

export * from "./major-matters";

type Now = { date: string; time: string };

/** The staff named in a 联系人员 cell: separated by 、 , ; or spaces. */
export function staffContactsOf(value: Cell | undefined): string[] {
  return [
    ...new Set(
      text(value)
        .split(/[、,，;；\s]+/)
        .filter(Boolean),
    ),
  ];
}

/** Whether a 重点客户 cell says yes. */
export const saysKey = (cell: Cell | undefined) => choiceCode(yesNo, text(cell)) === "yes";
export const isKey = (record: SheetRecord) => saysKey(record.values.keyCustomer);

/** Key customers with fewer than two staff contacts, at their 联系人员 cell. */
export function keyCustomerProblems(snapshot: Snapshot): Problem[] {
  return readSheet(register, snapshot)
    .records.filter((r) => isKey(r) && staffContactsOf(r.values.staffContacts).length < 2)
    .map((r) => ({
      sheet: "register",
      row: r.row,
      column: "staffContacts",
      rule: "key.fewContacts" as const,
      value: text(r.values.id),
      detail: { n: staffContactsOf(r.values.staffContacts).length },
    }));
}

/**
 * Every customer kept anywhere (Register and archives), by ID, with the responsible person
 * the row names (the last row of an ID that stands on several). Validate asks it once a
 * check, for the Contact log's IDs and for the looks' rule (looking.ts).
 */
export function keptCustomers(snapshot: Snapshot): ReadonlyMap<string, string> {
  const kept = new Map<string, string>();
  for (const schema of [register, archiveSuspended, archivePast])
    for (const r of readSheet(schema, snapshot).records)
      kept.set(text(r.values.id), text(r.values.responsible));
  return kept;
}

/** Whether a customer of this ID is kept anywhere: one customer's filing asks this alone, no map made. */
function isKept(snapshot: Snapshot, id: string): boolean {
  return [register, archiveSuspended, archivePast].some((schema) =>
    readSheet(schema, snapshot).records.some((r) => text(r.values.id) === id),
  );
}

const YEAR = /^(19|20)\d{2}$/;

/** Validate's check of the Contact log and Annual results rows typed into the sheets. */
const cellsChecked = new KeptFor<SheetRecord, Problem[]>();

export function recordProblems(
  snapshot: Snapshot,
  settings: Settings,
  today: string,
  /** keptCustomers of this snapshot, when the caller has it already. */
  ids: ReadonlyMap<string, string> = keptCustomers(snapshot),
): Problem[] {
  const problems: Problem[] = [];
  for (const schema of [contacts, annualResults] as SheetSchema[]) {
    const sheet = readSheet(schema, snapshot);
    if (!sheet.name) continue;
    for (const record of sheet.records) {
      // A row's own cells: kept with the record (a Validate after an edit checks again only the rows it read again).
      pushAll(
        problems,
        cellsChecked.of(record, [schema, sheet.lang, cellLists(settings), today], () => {
          const found: Problem[] = [];
          for (const column of schema.columns) {
            if (sheet.at[column.key] === undefined) continue;
            const p = checkCell(column, record.values[column.key] ?? "", settings, sheet.lang ?? "zh", today);
            if (p) found.push({ sheet: schema.key, row: record.row, column: column.key, ...p });
          }
          return found;
        }),
      );
      const id = text(record.values.customerId);
      if (id && !ids.has(id))
        problems.push({
          sheet: schema.key,
          row: record.row,
          column: "customerId",
          rule: "id.unknown",
          value: id,
        });
      const year = text(record.values.year);
      if (schema === annualResults && year && !YEAR.test(year))
        problems.push({
          sheet: schema.key,
          row: record.row,
          column: "year",
          rule: "year.format",
          value: year,
        });
    }
  }
  return problems;
}

export interface ContactEntry {
  customerId: string;
  /** "2026-11-24"; blank means today. */
  date: string;
  staff: string;
  channel: string;
  summary: string;
  major: boolean;
}

const entryOf = (person: string, now: Now, action: string, customerId: string, newValue: string) =>
  ({
    time: `${now.date}T${now.time}`,
    person,
    action,
    customerId,
    field: "",
    oldValue: "",
    newValue,
    reason: "",
  }) satisfies ChangeEntry;

/** Adds a Contact log row (from the pane or the card) and its Change log entry. */
export async function planContact(
  snapshot: Snapshot,
  settings: Settings,
  entry: ContactEntry,
  person: string,
  now: Now,
  lang: Lang,
): Promise<{ contactNo?: string; problems: Problem[]; writes: Write[] }> {
  const sheet = readSheet(contacts, snapshot);
  if (!sheet.name)
    return {
      problems: [{ sheet: "contacts", row: 1, column: "", rule: "header.missing", value: "" }],
      writes: [],
    };
  const row = Math.max(2, sheet.height + 1);
  const sheetLang = sheet.lang ?? lang;
  const channel = choiceCode(contactChannels, entry.channel) ?? entry.channel;
  const values: Record<string, Cell> = {
    date: entry.date.trim() || now.date,
    customerId: entry.customerId.trim(),
    staff: entry.staff.trim(),
    channel: contactChannels.some((c) => c.code === channel)
      ? choiceLabel(contactChannels, channel, sheetLang)
      : entry.channel,
    summary: entry.summary.trim(),
    major: choiceLabel(yesNo, entry.major ? "yes" : "no", sheetLang),
  };
  const problems: Problem[] = [];
  for (const column of contacts.columns.filter((c) => c.key in values)) {
    const p = checkCell(column, values[column.key]!, settings, sheetLang, now.date);
    if (p) problems.push({ sheet: "contacts", row, column: column.key, ...p });
  }
  if (values.customerId && !isKept(snapshot, String(values.customerId)))
    problems.push({
      sheet: "contacts",
      row,
      column: "customerId",
      rule: "id.unknown",
      value: String(values.customerId),
    });
  if (problems.length) return { problems, writes: [] };
  const contactNo = nextId(
    "LX",
    sheet.records.map((r) => text(r.values.contactNo)),
  );
  values.contactNo = contactNo;
  values.date = isoToSerial(String(values.date).replace(/\//g, "-"));
  const log = readSheet(changeLog, snapshot);
  const summary = `${contactNo} ${values.channel} ${values.staff}${entry.major ? " [重大]" : ""}: ${values.summary}`;
  return {
    contactNo,
    problems,
    writes: [
      { kind: "values", sheet: sheet.name, row: row - 1, col: 0, values: [rowOf(sheet, values)] },
      ...(await appendToLog(log, [entryOf(person, now, "contact", String(values.customerId), summary)])),
    ],
  };
}

/** Marks major matters as reported: who and when, logged. */
export async function planReported(
  snapshot: Snapshot,
  contactNos: string[],
  person: string,
  now: Now,
): Promise<{ reported: string[]; problems: Problem[]; writes: Write[] }> {
  const sheet = readSheet(contacts, snapshot);
  const open = new Map(majorToReport(snapshot).map((m) => [m.contactNo, m]));
  const problems: Problem[] = contactNos
    .filter((no) => !open.has(no))
    .map((no) => ({
      sheet: "contacts",
      row: 1,
      column: "contactNo",
      rule: "contact.notOpen" as const,
      value: no,
    }));
  if (problems.length || !sheet.name) return { reported: [], problems, writes: [] };
  const writes: Write[] = [];
  for (const no of contactNos) {
    const m = open.get(no)!;
    writes.push(
      { kind: "values", sheet: sheet.name, row: m.row - 1, col: sheet.at.reportedBy!, values: [[person]] },
      {
        kind: "values",
        sheet: sheet.name,
        row: m.row - 1,
        col: sheet.at.reportedAt!,
        values: [[dateTimeSerial(`${now.date} ${now.time}`)]],
      },
    );
  }
  const entries = contactNos.map((no) => entryOf(person, now, "reportMajor", open.get(no)!.customerId, no));
  return {
    reported: contactNos,
    problems,
    writes: [...writes, ...(await appendToLog(readSheet(changeLog, snapshot), entries))],
  };
}

export interface AnnualResultEntry {
  customerId: string;
  year: string;
  revenue: string;
  financialNotes: string;
}

/** Adds a customer's results for a year as a new row (an earlier row for the year stays). */
export async function planAnnualResult(
  snapshot: Snapshot,
  settings: Settings,
  entry: AnnualResultEntry,
  person: string,
  now: Now,
  lang: Lang,
): Promise<{ problems: Problem[]; writes: Write[] }> {
  const sheet = readSheet(annualResults, snapshot);
  if (!sheet.name)
    return {
      problems: [{ sheet: "annualResults", row: 1, column: "", rule: "header.missing", value: "" }],
      writes: [],
    };
  const row = Math.max(2, sheet.height + 1);
  const values: Record<string, Cell> = {
    customerId: entry.customerId.trim(),
    year: entry.year.trim(),
    revenue: entry.revenue.trim() === "" ? "" : Number(entry.revenue.replace(/,/g, "")),
    financialNotes: entry.financialNotes.trim(),
    recordedBy: person,
    recordedOn: now.date,
  };
  const problems: Problem[] = [];
  for (const column of annualResults.columns) {
    const raw = column.key === "revenue" ? entry.revenue.trim() : (values[column.key] ?? "");
    const p = checkCell(column, raw, settings, sheet.lang ?? lang, now.date);
    if (p) problems.push({ sheet: "annualResults", row, column: column.key, ...p });
  }
  if (values.year && !YEAR.test(String(values.year)))
    problems.push({
      sheet: "annualResults",
      row,
      column: "year",
      rule: "year.format",
      value: String(values.year),
    });
  if (values.customerId && !isKept(snapshot, String(values.customerId)))
    problems.push({
      sheet: "annualResults",
      row,
      column: "customerId",
      rule: "id.unknown",
      value: String(values.customerId),
    });
  if (problems.length) return { problems, writes: [] };
  values.recordedOn = isoToSerial(now.date);
  const summary =
    `${values.year}: ${values.revenue === "" ? "-" : values.revenue} ${values.financialNotes}`.trim();
  return {
    problems,
    writes: [
      { kind: "values", sheet: sheet.name, row: row - 1, col: 0, values: [rowOf(sheet, values)] },
      ...(await appendToLog(readSheet(changeLog, snapshot), [
        entryOf(person, now, "annualResult", String(values.customerId), summary),
      ])),
    ],
  };
}
