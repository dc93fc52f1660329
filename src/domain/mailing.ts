/**
 * 商业信函、DM的邮寄 — a mailing to the customers a selection names (source class, region,
 * customer type, department, key customers only), as address labels on A4 or as an
 * envelope list. Customers marked invalid are left out: their mail comes back.
 *
 * Labels are one cell each (邮编 / 地址 / 企业名称 / 联系人 收 on four lines, wrapped),
 * two across the page, every row as tall as the longest label needs. A row is never split
 * across pages by Excel or LibreOffice, so a label never is either; the row height is
 * reckoned from the text so the text stays inside its cell.
 */
import { traced } from "./trace";
import { lookListEntries } from "./looking";
import { appendToLog } from "./log-writes";
import { freshSheet, printableName, printableSheetWrites, wrappedLines } from "./printable";
import type { Problem } from "./problem";
import { readSheet, text, type SheetRecord } from "./records";
import { customerStatuses, customerTypes, sourceClasses } from "./schema/choices";
import { saysKey } from "./contacts";
import { choiceCode, type Lang } from "./schema/model";
import { changeLog, loanLog, register } from "./schema/sheets";
import { fitCell, type Snapshot, type Write } from "./workbook";
import { pageOf, PRINT_DATE } from "./page-text";
import { journalRegister } from "./journal/journal";
import { lookNeeds, type Chooses } from "./journal/look-needs";
import type { Need } from "./partial-read";
import { LOAN_EVENTS } from "./loan-state";

export interface MailingFilter {
  /** Codes or labels of a source class / customer type; names of a region / department. */
  class?: string;
  region?: string;
  type?: string;
  department?: string;
  keyOnly?: boolean;
}

export type MailingForm = "labels" | "envelopes";

export const mailingSheetNames: Record<MailingForm, [string, string]> = {
  labels: ["邮寄标签", "Mailing labels"],
  envelopes: ["邮寄信封清单", "Envelope list"],
};

/** Label geometry: two labels across an A4 page, a narrow gutter between. */
export const LABEL = {
  /** Column widths in characters: label, gutter, label. */
  widths: [44, 3, 44],
  /** Characters of CJK text a label line holds (Latin letters count half). */
  lineChars: 19,
  /** Points per printed line of 11-point text, with room for CJK fonts' tall lines. */
  linePoints: 17,
  /** Points of padding above and below the text. */
  padding: 16,
  /** The least height, so a short label still fills its place on label stock. */
  minHeight: 96,
} as const;

/** Whether a Register row's cells are of a customer the filter selects (invalid ones are not). */
export function mailingChooses(filter: MailingFilter): Chooses {
  const same = (want: string | undefined, have: string, codes?: typeof sourceClasses) =>
    !want?.trim() ||
    (codes
      ? (choiceCode(codes, want) ?? want.trim()) === (choiceCode(codes, have) ?? have)
      : want.trim() === have);
  return (values) =>
    text(values.id) !== "" &&
    choiceCode(customerStatuses, text(values.status)) !== "invalid" &&
    same(filter.class, text(values.class), sourceClasses) &&
    same(filter.type, text(values.type), customerTypes) &&
    same(filter.region, text(values.region)) &&
    same(filter.department, text(values.department)) &&
    (!filter.keyOnly || saysKey(values.keyCustomer));
}

/**
 * What a mailing reads (journal/look-needs.ts): the Register's rows the filter selects, the
 * Change log's closure of their customers, and — for a party outside the company — the
 * Loan log whole with the loans' extracts and returns (the release it goes under).
 */
export function mailingNeeds(filter: MailingFilter, outside: boolean): Need[] {
  // The columns the selection asks about (and "key customer" only for key customers): the
  // rows chosen are read across these and what a label shows, not across their stamps.
  const by = [
    "status",
    ...(["class", "type", "region", "department"] as const).filter((k) => filter[k]?.trim()),
    ...(filter.keyOnly ? ["keyCustomer"] : []),
  ];
  return [
    ...lookNeeds({
      columns: by,
      rowColumns: [...LABEL_COLUMNS, ...by],
      chooses: () => mailingChooses(filter),
      actions: outside ? LOAN_EVENTS : undefined,
    }),
    ...(outside ? [{ schema: loanLog, whole: true }] : []),
  ];
}

/** Customers on the Register the filter selects, in register order; invalid ones left out. */
export function selectForMailing(snapshot: Snapshot, filter: MailingFilter): SheetRecord[] {
  const chooses = mailingChooses(filter);
  return journalRegister(snapshot).records.filter((r) => chooses(r.values));
}

/** What a label or an envelope list shows of a customer (labelLines, envelopeListWrites). */
const LABEL_COLUMNS = ["id", "name", "address", "postcode", "contact"];

/** The four lines of a customer's label. */
export function labelLines(record: SheetRecord, lang: Lang): string[] {
  const v = (k: string) => text(record.values[k]);
  const to = lang === "zh" ? `${v("contact")} 收` : `Attn: ${v("contact")}`;
  return [v("postcode"), v("address"), v("name"), to];
}

/** Printed lines a label takes once each of its lines wraps at the label's width. */
export function labelLineCount(lines: string[]): number {
  return lines.reduce((n, l) => n + wrappedLines(l, LABEL.lineChars), 0);
}

/** Height in points of a row of labels: the tallest label's lines, padded. */
export function labelRowHeight(labels: string[][]): number {
  const lines = Math.max(0, ...labels.map(labelLineCount));
  return Math.max(LABEL.minHeight, lines * LABEL.linePoints + LABEL.padding);
}

export interface MailingPlan {
  sheetName: string;
  count: number;
  /** The trace code in the sheet's footer (trace.ts); none when nothing was built. */
  code?: string;
  writes: Write[];
  problems: Problem[];
}

const describe = (f: MailingFilter) =>
  [
    f.class && `class=${f.class}`,
    f.region && `region=${f.region}`,
    f.type && `type=${f.type}`,
    f.department && `department=${f.department}`,
    f.keyOnly && "key",
  ]
    .filter(Boolean)
    .join(", ");

/**
 * The mailing sheet for a selection, rebuilt in place if it exists, and one Change log
 * line naming the selection and how many were addressed. The sheet is in the Register's
 * language (Chinese addresses get "联系人 收"), whatever the pane's language.
 */
export async function planMailing(
  snapshot: Snapshot,
  filter: MailingFilter,
  form: MailingForm,
  person: string,
  now: { date: string; time: string },
  displayLang: Lang,
  /** What the mailing is for (the seeds: 记录使用目的): required, logged with every customer on it. */
  purpose: string,
  /** For a party outside the company (a printing house): the approved release it rests on (loans.ts `outsideRelease`). */
  outside?: { loanNo: string; recipient: string },
): Promise<MailingPlan> {
  const chosen = selectForMailing(snapshot, filter);
  // Labels go on envelopes: they speak the Register's language, whoever builds them.
  const lang = readSheet(register, snapshot).lang ?? displayLang;
  const names =
    lang === "zh" ? mailingSheetNames[form] : ([...mailingSheetNames[form]].reverse() as [string, string]);
  const sheetName = printableName(snapshot, names);
  if (!purpose.trim())
    return {
      sheetName,
      count: 0,
      writes: [],
      problems: [{ sheet: "changeLog", row: 1, column: "reason", rule: "look.purposeRequired", value: "" }],
    };
  if (chosen.length === 0)
    return {
      sheetName,
      count: 0,
      writes: [],
      problems: [
        {
          sheet: "register",
          row: 1,
          column: "id",
          rule: "mail.nothingSelected",
          value: "",
          detail: { filter: describe(filter) || "—" },
        },
      ],
    };
  const built =
    form === "labels"
      ? labelSheetWrites(snapshot, names, chosen, lang, now.date)
      : envelopeListWrites(snapshot, names, chosen, lang, now.date);
  // Going outside: every page's header says to whom, under which release.
  const to =
    outside &&
    (lang === "zh"
      ? ` · 对外提供:${outside.recipient}(${outside.loanNo})`
      : ` · provided to ${outside.recipient} (${outside.loanNo})`);
  const writes = to
    ? built.map((w) =>
        w.kind === "pageLayout" && w.sheet === sheetName
          ? { ...w, centerHeader: [...w.centerHeader, to] }
          : w,
      )
    : built;
  const time = `${now.date}T${now.time}`;
  const trace = traced(writes, sheetName, person, time, lang);
  const log = await appendToLog(readSheet(changeLog, snapshot), [
    {
      time,
      person,
      action: form === "labels" ? "buildMailingLabels" : "buildEnvelopeList",
      customerId: "",
      field: "",
      oldValue: "",
      newValue: `${sheetName}: ${chosen.length}`,
      reason: describe(filter) + (outside ? `; outside=${outside.recipient} (${outside.loanNo})` : ""),
      digest: trace.digest,
    },
    // Who was on it, and why (looking.ts).
    ...lookListEntries(
      person,
      time,
      sheetName,
      chosen.map((r) => text(r.values.id)),
      purpose,
    ),
  ]);
  return {
    sheetName,
    count: chosen.length,
    code: trace.code,
    writes: [...trace.writes, ...log],
    problems: [],
  };
}

function labelSheetWrites(
  snapshot: Snapshot,
  names: [string, string],
  chosen: SheetRecord[],
  lang: Lang,
  date: string,
): Write[] {
  const sheet = printableName(snapshot, names);
  const writes: Write[] = [];
  const width = LABEL.widths.length;
  writes.push(...freshSheet(snapshot, sheet, LABEL.widths, "#7030A0", 0));
  const labels = chosen.map((r) => labelLines(r, lang));
  const rows: string[][][] = [];
  for (let i = 0; i < labels.length; i += 2) rows.push(labels.slice(i, i + 2));
  writes.push({
    kind: "values",
    sheet,
    row: 0,
    col: 0,
    values: rows.map(([a, b]) => [fitCell(a!.join("\n")), "", b ? fitCell(b.join("\n")) : ""]),
  });
  // Rows of equal height print as a regular grid; each row as tall as its tallest label.
  rows.forEach((pair, r) =>
    writes.push({
      kind: "cellFormat",
      sheet,
      row: r,
      col: 0,
      rows: 1,
      cols: width,
      wrap: true,
      vertical: "Top",
      rowHeight: labelRowHeight(pair),
    }),
  );
  const title =
    lang === "zh" ? `邮寄标签 ${date}(共 ${labels.length} 张)` : `Mailing labels ${date} (${labels.length})`;
  writes.push({
    kind: "pageLayout",
    sheet,
    orientation: "Portrait",
    printTitleRows: "",
    printArea: `A1:C${rows.length}`,
    centerHeader: [title],
    leftFooter: [PRINT_DATE],
    centerFooter: pageOf(lang),
    rightFooter: [],
  });
  writes.push({ kind: "protect", sheet });
  return writes;
}

function envelopeListWrites(
  snapshot: Snapshot,
  names: [string, string],
  chosen: SheetRecord[],
  lang: Lang,
  date: string,
): Write[] {
  const zh = lang === "zh";
  const v = (r: SheetRecord, k: string) => text(r.values[k]);
  return printableSheetWrites(snapshot, {
    names,
    tabColor: "#7030A0",
    widths: [6, 8, 40, 30, 12, 16],
    title: zh ? `信封清单 ${date}(共 ${chosen.length} 封)` : `Envelope list ${date} (${chosen.length})`,
    titleSize: 14,
    header: zh
      ? ["序号", "邮编", "地址", "企业名称", "联系人", "客户编号"]
      : ["No.", "Postcode", "Address", "Company name", "Contact person", "Customer ID"],
    rows: chosen.map((r, i) => [
      String(i + 1),
      v(r, "postcode"),
      v(r, "address"),
      v(r, "name"),
      zh ? `${v(r, "contact")} 收` : v(r, "contact"),
      v(r, "id"),
    ]),
    signature: zh
      ? "寄出人 ____________    寄出日期 ____________"
      : "Sent by ____________    on ____________",
    lang,
  });
}
