/**
 * 每月新增客户名单表 / 无效客户名单 — the monthly lists as rows ready for a sheet: a title,
 * the column headers (序号, 企业名称, 地址, 邮编, 电话/传真, 联系人, 备注), the customers
 * grouped by source class and region under a sub-heading per group, and the 主管 / 制表
 * signature lines. Pure: the adapter writes the rows and the page layout.
 */
import { readSheet, text, type ReadSheet } from "../records";
import { customerStatuses } from "../schema/choices";
import { choiceCode, type Lang } from "../schema/model";
import { archivePast, changeLog, register } from "../schema/sheets";
import { journalRegister } from "../journal/journal";
import type { Cell, Snapshot } from "../workbook";
import { checkDate } from "../validate/date";
import type { Need } from "../partial-read";
import { lookNeeds, SHOWN_COLUMNS } from "../journal/look-needs";

export type ListKind = "new" | "invalid";

/** The Change log's action marking a customer invalid (invalid.ts). */
const MARK_INVALID = "markInvalid";

export interface MonthlyList {
  kind: ListKind;
  /** "2026-11" */
  month: string;
  sheetName: string;
  title: string;
  header: string[];
  /** Data and sub-heading rows in order; `heading` rows span the width. */
  rows: { cells: Cell[]; heading?: boolean }[];
  signature: string;
  count: number;
  /** The customers on it (looking.ts logs them). */
  ids: string[];
}

const words = {
  zh: {
    new: (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月新增客户名单`,
    invalid: (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月无效客户名单`,
    header: ["序号", "企业名称", "地址", "邮编", "电话/传真", "联系人", "备注"],
    group: (cls: string, region: string) => `${cls}类 · ${region}`,
    signature: "主管:__________        制表:__________        日期:__________",
    sheet: { new: "新增", invalid: "无效" },
  },
  en: {
    new: (m: string) => `New customers, ${m}`,
    invalid: (m: string) => `Invalid customers, ${m}`,
    header: ["No.", "Company", "Address", "Postcode", "Phone / fax", "Contact", "Notes"],
    group: (cls: string, region: string) => `Class ${cls} · ${region}`,
    signature: "Supervisor: __________        Prepared by: __________        Date: __________",
    sheet: { new: "New-", invalid: "Invalid-" },
  },
};

/** Twelve months of lists read the same sheets 24 times: read each once per snapshot. */
const reads = new WeakMap<Snapshot, Map<string, ReadSheet>>();
function read(schema: typeof register, snapshot: Snapshot): ReadSheet {
  let bySheet = reads.get(snapshot);
  if (!bySheet) reads.set(snapshot, (bySheet = new Map()));
  let sheet = bySheet.get(schema.key);
  // The Register as the journal has it: a row typed there is no new customer of the month.
  if (!sheet)
    bySheet.set(
      schema.key,
      (sheet = schema === register ? journalRegister(snapshot) : readSheet(schema, snapshot)),
    );
  return sheet;
}

/** "2026-11" of a date cell (an Excel serial or ISO text); "" when it is no date. */
export function isoMonth(value: Cell | undefined): string {
  const checked = checkDate(typeof value === "number" ? value : String(value ?? ""));
  return checked.ok ? checked.value.slice(0, 7) : "";
}

/** The sheet name of a month's list: 新增2026-11 / New-2026-11. */
export function monthlySheetName(kind: ListKind, month: string, lang: Lang): string {
  return `${words[lang].sheet[kind]}${month}`;
}

/** Customers posted in the month (new) or marked invalid in it (invalid), grouped for print. */
export function buildMonthlyList(snapshot: Snapshot, kind: ListKind, month: string, lang: Lang): MonthlyList {
  const reg = read(register, snapshot);
  const members = kind === "new" ? postedIn(reg, snapshot, month) : invalidMembers(snapshot, month);
  const groups = new Map<string, typeof members>();
  for (const m of members) {
    const key = `${text(m.values.class) || "-"}\u0000${text(m.values.region) || "-"}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const rows: MonthlyList["rows"] = [];
  let n = 0;
  for (const key of [...groups.keys()].sort()) {
    const [cls, region] = key.split("\u0000") as [string, string];
    rows.push({ cells: [words[lang].group(cls, region)], heading: true });
    for (const m of groups.get(key)!.sort((a, b) => text(a.values.id).localeCompare(text(b.values.id)))) {
      const phone = [text(m.values.phone), text(m.values.fax)].filter(Boolean).join(" / ");
      rows.push({
        cells: [
          ++n,
          text(m.values.name),
          text(m.values.address),
          text(m.values.postcode),
          phone,
          text(m.values.contact),
          m.note,
        ],
      });
    }
  }
  return {
    kind,
    month,
    sheetName: monthlySheetName(kind, month, lang),
    title: words[lang][kind](month),
    header: words[lang].header,
    rows,
    signature: signatureOf(kind, members, lang),
    ids: members.map((m) => text(m.values.id)),
    count: n,
  };
}

/** Once the supervisor has stamped the invalid list, the signature line carries the stamp. */
function signatureOf(kind: ListKind, members: (Member & { archived?: boolean })[], lang: Lang): string {
  const stamped = members.length > 0 && members.every((m) => m.archived);
  if (kind !== "invalid" || !stamped) return words[lang].signature;
  const approvers = [...new Set(members.map((m) => text(m.values.archiveApprover)).filter(Boolean))];
  return `${lang === "zh" ? "主管审核(已盖章)" : "Supervisor (stamped)"}: ${approvers.join("; ")}`;
}

type Member = { values: Record<string, Cell>; note: string };

function postedIn(reg: ReadSheet, snapshot: Snapshot, month: string): Member[] {
  // Customers posted that month, wherever they are now (a customer archived since still counts).
  const past = read(archivePast, snapshot).records;
  return [...reg.records, ...past]
    .filter((r) => isoMonth(r.values.postedDate) === month)
    .map((r) => ({ values: r.values, note: text(r.values.id) }));
}

/**
 * Customers marked invalid in the month: those still on the Register (awaiting the
 * supervisor's stamp) and those the stamp already moved to Archive-Past. The reason and
 * month come from the Change log's markInvalid entries.
 */
export function invalidMembers(snapshot: Snapshot, month: string): (Member & { archived: boolean })[] {
  const reasons = invalidMarks(read(changeLog, snapshot), [month]);
  const waiting = read(register, snapshot)
    .records.filter(
      (r) =>
        choiceCode(customerStatuses, text(r.values.status)) === "invalid" && reasons.has(text(r.values.id)),
    )
    .map((r) => ({ values: r.values, note: reasons.get(text(r.values.id))!, archived: false }));
  const onRegister = new Set(waiting.map((m) => text(m.values.id)));
  const gone = read(archivePast, snapshot)
    .records.filter((r) => reasons.has(text(r.values.id)) && !onRegister.has(text(r.values.id)))
    .map((r) => ({ values: r.values, note: reasons.get(text(r.values.id))!, archived: true }));
  return [...waiting, ...gone];
}

/**
 * What the lists read (journal/look-needs.ts): the customers posted in `newMonths` (the
 * months of new lists) on the Register and on Archive-Past, those `marked` invalid in the
 * months of invalid lists (`invalidMarksNeed` found them; on the Register, every invalid one
 * is read besides — one marked since is invalid there, and its closure says when), and the
 * closure of all of them in the Change log. A month's count of new names
 * (`countMonths`, newNamesByMonth) needs only the posting date: that column of both sheets is
 * read top to bottom, and no row whole for it — at 100,000 customers, twelve months of
 * customers read whole were most of what building one month's lists read.
 */
export function monthlyNeeds(
  newMonths: Iterable<string>,
  invalidMonths: Iterable<string>,
  countMonths: Iterable<string> = [],
  marked: ReadonlySet<string> = new Set(),
): Need[] {
  const posted = new Set(newMonths);
  const listsInvalid = new Set(invalidMonths).size > 0;
  const counting = new Set(countMonths);
  return [
    ...lookNeeds({
      columns: ["postedDate", "status"],
      chooses: () => (cells) =>
        posted.has(isoMonth(cells.postedDate)) ||
        (listsInvalid && choiceCode(customerStatuses, text(cells.status)) === "invalid"),
      customers: () => marked,
      // What a list shows of a Register row (buildMonthlyList): not its Stamps.
      rowColumns: LIST_COLUMNS,
      ...(counting.size
        ? { keep: ["id", "postedDate"], counted: (cells) => counting.has(isoMonth(cells.postedDate)) }
        : {}),
    }),
    {
      schema: archivePast,
      columns: counting.size ? ["postedDate"] : [],
      peek: counting.size ? ["id"] : ["id", "postedDate"],
      choose: (columns, height) => {
        const rows: number[] = [];
        for (let r = 1; r < height; r++)
          if (posted.has(isoMonth(columns.postedDate?.[r - 1])) || marked.has(text(columns.id?.[r - 1])))
            rows.push(r);
        return rows;
      },
    },
  ];
}

/**
 * The Change log's invalid marks of `months`, read before the lists' own read: the log's
 * action, time and customer columns only in the blocks where Excel counts a time of one of
 * those months (partial-read.ts `within`) — not the log's columns top to bottom, which were
 * most of what a month's lists read at 100,000 customers and five years of log.
 */
export function invalidMarksNeed(months: Iterable<string>): Need {
  const wanted = [...new Set(months)];
  return {
    schema: changeLog,
    columns: ["action", "time", "customerId"],
    within: { column: "time", contains: wanted },
  };
}

/** The customers the Change log marks invalid in `months` (`invalidMarksNeed`'s read, or any). */
export function markedInvalid(snapshot: Snapshot, months: Iterable<string>): Set<string> {
  return new Set(invalidMarks(readSheet(changeLog, snapshot), months).keys());
}

/** Of the Change log's invalid marks in `months`, each customer's reason (its latest mark's). */
function invalidMarks(log: ReadSheet, months: Iterable<string>): Map<string, string> {
  const wanted = new Set(months);
  const reasons = new Map<string, string>();
  for (const r of log.records)
    if (text(r.values.action) === MARK_INVALID && wanted.has(text(r.values.time).slice(0, 7)))
      reasons.set(text(r.values.customerId), text(r.values.reason));
  reasons.delete("");
  return reasons;
}

/** The Register columns a month's lists show, group and choose by. */
const LIST_COLUMNS = [...SHOWN_COLUMNS, "class", "region", "status", "postedDate"];

/** New names per month for the last twelve months up to `month`, for the target chart. */
export function newNamesByMonth(snapshot: Snapshot, month: string): { month: string; count: number }[] {
  const reg = read(register, snapshot);
  const all = [...reg.records, ...read(archivePast, snapshot).records];
  const counts = new Map<string, number>();
  for (const r of all) {
    const m = isoMonth(r.values.postedDate);
    if (m) counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  return lastTwelveMonths(month).map((key) => ({ month: key, count: counts.get(key) ?? 0 }));
}

/** "2026-11" strings for the twelve months ending with `month`, oldest first. */
export function lastTwelveMonths(month: string): string[] {
  return monthsUpTo(month, 12);
}

/** "2026-11" strings for the `count` months ending with `month`, oldest first. */
export function monthsUpTo(month: string, count: number): string[] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - count + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}
