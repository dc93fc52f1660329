/**
 * The card as a sheet for printing and filing: one A4 page (fitted to one page wide and
 * one tall), the register fields two pairs to a row, then where the customer is, its
 * stamps and whether each verifies, the latest contact records, annual results and
 * changes. Long lists are cut to the latest entries and say how many there are in all,
 * so the card stays one page; the sheets themselves keep everything.
 */
import { historyParts } from "./history-words";
import type { Card, Whereabouts } from "./card";
import { appendToLog } from "./log-writes";
import { printableName, printableSheetWrites, wrappedLines } from "./printable";
import { readSheet } from "./records";
import type { Lang } from "./schema/model";
import { changeLog } from "./schema/sheets";
import type { StampIssue } from "./stamps/stamps";
import { traced } from "./trace";
import type { Cell, Snapshot, Write } from "./workbook";

/** Latest entries of each list a printed card shows. */
export const CARD_LIMITS = { contacts: 8, results: 5, history: 8 } as const;

/** Column widths (characters); the first fits a history line's "2026-11-01 09:00" on one line. */
const WIDTHS = [17, 30, 14, 31];
/** A long text on the card is cut here; the sheets keep all of it. */
const LONGEST = 200;
/** Points per printed line of 11-point text (CJK fonts' lines are tall). */
const LINE = 15;

const cut = (v: string, lang: Lang) =>
  v.length > LONGEST ? `${v.slice(0, LONGEST)}…${lang === "zh" ? "(全文见工作表)" : " (see the sheet)"}` : v;

/** A row's height when some cell wraps to more than one line; undefined leaves Excel's default. */
function rowHeight(row: Cell[]): number | undefined {
  const lines = Math.max(
    1,
    ...row.map((v, i) => wrappedLines(String(v ?? ""), Math.max(1, Math.floor((WIDTHS[i] ?? 14) / 1.7)))),
  );
  return lines > 1 ? lines * LINE + 3 : undefined;
}

export const whereWords: Record<Whereabouts, { zh: string; en: string }> = {
  register: { zh: "客户原簿", en: "Register" },
  suspended: { zh: "交易中止(归档)", en: "Archive-Suspended" },
  past: { zh: "交易过去(归档)", en: "Archive-Past" },
  destroyed: { zh: "已销毁", en: "Destroyed" },
  unknown: { zh: "未找到", en: "Not found" },
};

export function cardSheetNames(id: string, lang: Lang): [string, string] {
  return lang === "zh" ? [`卡片-${id}`, `Card-${id}`] : [`Card-${id}`, `卡片-${id}`];
}

const latest = <T>(items: T[], n: number) => items.slice(Math.max(0, items.length - n));

/** The rows of a printed card, and which are section headings. */
export function cardRows(
  card: Card,
  lang: Lang,
  issueText: (issue: StampIssue) => string = (i) => i,
): { rows: Cell[][]; headings: number[] } {
  const zh = lang === "zh";
  const rows: Cell[][] = [];
  const headings: number[] = [];
  const heading = (zhText: string, enText: string, shown: number, all: number) => {
    headings.push(rows.length);
    const more = all > shown ? (zh ? `(最近 ${shown} 条,共 ${all} 条)` : ` (latest ${shown} of ${all})`) : "";
    rows.push([`${zh ? zhText : enText}${more}`]);
  };
  const fields = card.fields.filter((f) => f.value !== "" || ["name", "id", "status"].includes(f.key));
  for (let i = 0; i < fields.length; i += 2) {
    const [a, b] = [fields[i]!, fields[i + 1]];
    rows.push([a.label, a.value, b?.label ?? "", b?.value ?? ""]);
  }

  heading("所在位置", "Where it is", 0, 0);
  const where = whereWords[card.where][lang];
  rows.push([
    zh ? "位置" : "Sheet",
    card.row ? `${card.sheetName} ${zh ? `第 ${card.row} 行` : `row ${card.row}`}` : where,
    zh ? "借出中" : "On loan",
    card.loansOut.map((l) => `${l.loanNo} ${l.borrower} → ${l.due}`).join("; ") || (zh ? "无" : "No"),
  ]);

  heading("盖章", "Stamps", 0, 0);
  if (card.stamps.length === 0) rows.push([zh ? "无" : "None"]);
  card.stamps.forEach((s, i) =>
    rows.push([
      `${zh ? "盖章" : "Stamp"} ${i + 1}`,
      s.words,
      zh ? "核验" : "Verifies",
      s.issue ? `${zh ? "否" : "No"}: ${issueText(s.issue)}` : zh ? "是" : "Yes",
    ]),
  );

  heading(
    "联系记录",
    "Contact records",
    Math.min(card.contacts.length, CARD_LIMITS.contacts),
    card.contacts.length,
  );
  if (card.contacts.length === 0) rows.push([zh ? "无" : "None"]);
  for (const c of latest(card.contacts, CARD_LIMITS.contacts))
    rows.push([
      c.date,
      `${c.channel} · ${c.staff}${c.major ? (zh ? " · 重大事项" : " · major") : ""}`,
      c.major
        ? c.reported
          ? `${zh ? "已报告" : "Reported"}: ${c.reported}`
          : zh
            ? "待报告"
            : "To report"
        : "",
      c.summary,
    ]);

  heading(
    "年度业绩",
    "Annual results",
    Math.min(card.results.length, CARD_LIMITS.results),
    card.results.length,
  );
  if (card.results.length === 0) rows.push([zh ? "无" : "None"]);
  for (const r of latest(card.results, CARD_LIMITS.results))
    rows.push([r.year, r.revenue, zh ? "财务状况" : "Financial notes", r.notes]);

  heading(
    "变更记录",
    "Change history",
    Math.min(card.history.length, CARD_LIMITS.history),
    card.history.length,
  );
  if (card.history.length === 0) rows.push([zh ? "无" : "None"]);
  for (const h of latest(card.history, CARD_LIMITS.history)) {
    const words = historyParts(h, zh ? "zh" : "en");
    rows.push([h.time, `${h.person} · ${words.action}`, words.change, words.reason]);
  }
  return { rows, headings };
}

/** Writes that (re)build the card's sheet, and a Change log line saying it was printed. */
export async function planCardSheet(
  snapshot: Snapshot,
  card: Card,
  person: string,
  now: { date: string; time: string },
  lang: Lang,
  issueText?: (issue: StampIssue) => string,
  /** Why it is printed (looking.ts), logged with it; may be blank for a card. */
  purpose = "",
): Promise<{ sheetName: string; code: string; writes: Write[] }> {
  const zh = lang === "zh";
  const names = cardSheetNames(card.id, lang);
  const sheetName = printableName(snapshot, names);
  const name = card.fields.find((f) => f.key === "name")?.value ?? "";
  const shown = cardRows(card, lang, issueText);
  const headings = shown.headings;
  const rows = shown.rows.map((row) => row.map((v) => (typeof v === "string" ? cut(v, lang) : v)));
  const writes = printableSheetWrites(snapshot, {
    names,
    tabColor: "#FFC000",
    widths: WIDTHS,
    title: zh ? `客户原始资料卡片 ${card.id} ${name}` : `Customer card ${card.id} ${name}`,
    titleSize: 14,
    header: zh ? ["项目", "内容", "项目", "内容"] : ["Field", "Value", "Field", "Value"],
    rows,
    headings,
    signature: zh
      ? `打印 ${now.date} ${person}    主管 ____________`
      : `Printed ${now.date} by ${person}    Supervisor ____________`,
    lang,
    page: { orientation: "Portrait", pagesTall: 1 },
  });
  // Long texts (business scope, notes) wrap inside their cells, each row as tall as its
  // text, instead of running off the page; the page is then fitted to one A4 sheet.
  const protect = writes.pop()!;
  writes.push({
    kind: "cellFormat",
    sheet: sheetName,
    row: 2,
    col: 0,
    rows: rows.length,
    cols: WIDTHS.length,
    wrap: true,
    vertical: "Top",
  });
  rows.forEach((row, i) => {
    const height = rowHeight(row);
    if (height)
      writes.push({
        kind: "cellFormat",
        sheet: sheetName,
        row: 2 + i,
        col: 0,
        rows: 1,
        cols: WIDTHS.length,
        wrap: true,
        vertical: "Top",
        rowHeight: height,
      });
  });
  writes.push(protect);
  // The row names the sheet in plain sight (field "sheet" is never salted): the content
  // digest, not the customer's words, is what it keeps, and the trace code comes from it.
  const time = `${now.date}T${now.time}`;
  const trace = traced(writes, sheetName, person, time, lang);
  const log = await appendToLog(readSheet(changeLog, snapshot), [
    {
      time,
      person,
      action: "printCard",
      customerId: card.id,
      field: "sheet",
      oldValue: "",
      newValue: sheetName,
      reason: purpose.trim(),
      digest: trace.digest,
    },
  ]);
  return { sheetName, code: trace.code, writes: [...trace.writes, ...log] };
}
