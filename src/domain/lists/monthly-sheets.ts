/**
 * The monthly lists as sheets: 新增YYYY-MM / 无效YYYY-MM, written whole (title row, header
 * row, sub-headings, numbered rows, signature line), protected and laid out for A4.
 * Rebuilding a month clears and rewrites its sheet, so a month never has two sheets.
 */
import { appendToLog } from "../log-writes";
import type { Problem } from "../problem";
import { readSheet } from "../records";
import type { Lang } from "../schema/model";
import { changeLog, register } from "../schema/sheets";
import { printableSheetWrites } from "../printable";
import { traced } from "../trace";
import { lookListEntries } from "../looking";

/** Why the monthly lists are made: the rules' own lists (新增/无效名单). */
const MONTHLY_PURPOSE = { zh: "月度新增/无效名单", en: "monthly new and invalid lists" };
import type { Snapshot, Write } from "../workbook";
import {
  buildMonthlyList,
  lastTwelveMonths,
  monthlyNeeds,
  monthlySheetName,
  newNamesByMonth,
  type ListKind,
  type MonthlyList,
} from "./monthly";
import type { Need } from "../partial-read";
export { lastTwelveMonths } from "./monthly";

/** Widths in characters of 序号, 企业名称, 地址, 邮编, 电话/传真, 联系人, 备注. */
const WIDTHS = [6, 30, 34, 8, 28, 10, 14];
const TAB = { new: "#70AD47", invalid: "#C00000" } as const;
/** A month as the lists are asked for: "2026-11". */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Whether a sheet is a generated monthly list, in either language. */
export function isMonthlySheet(name: string): boolean {
  return /^(新增|无效|New-|Invalid-)\d{4}-\d{2}$/.test(name);
}

/**
 * What building the lists of `months` reads: their customers and the counts' (the twelve
 * months up to the last one asked), the customers `marked` invalid in them as
 * `invalidMarksNeed` found them (`invalidMonths`). Months not well formed read nothing: the
 * plan refuses them.
 */
export function monthlyBuildNeeds(
  months: string[],
  kinds: ListKind[],
  marked: ReadonlySet<string> = new Set(),
): Need[] {
  const good = wellFormed(months);
  const last = [...good].sort().at(-1);
  return monthlyNeeds(
    kinds.includes("new") ? good : [],
    invalidMonths(months, kinds),
    last ? lastTwelveMonths(last) : [],
    marked,
  );
}

/** The months of `months` whose invalid lists are asked for (well formed). */
export function invalidMonths(months: string[], kinds: ListKind[]): string[] {
  return kinds.includes("invalid") ? wellFormed(months) : [];
}

const wellFormed = (months: string[]) => months.filter((m) => MONTH.test(m));

export interface MonthlySheetsPlan {
  lists: { kind: ListKind; month: string; sheetName: string; count: number; code?: string }[];
  /** Lists left out: nobody of that kind that month, and no sheet of it yet. */
  skipped: { kind: ListKind; month: string }[];
  writes: Write[];
  /** The customers on each sheet built, by sheet name (looking.ts logs them). */
  idsOf?: Record<string, string[]>;
}

/**
 * The pane's "build monthly lists" action: the sheets of every month asked for (twelve
 * months are one action), one Change log entry naming them, and the last twelve months'
 * new-name counts for the target chart.
 */
export async function planMonthlyBuild(
  snapshot: Snapshot,
  months: string[],
  kinds: ListKind[],
  person: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<MonthlySheetsPlan & { counts: { month: string; count: number }[]; problems: Problem[] }> {
  const bad = months.find((m) => !MONTH.test(m));
  if (bad !== undefined || months.length === 0)
    return {
      lists: [],
      writes: [],
      counts: [],
      skipped: [],
      problems: [{ sheet: "register", row: 1, column: "postedDate", rule: "month.format", value: bad ?? "" }],
    };
  // A workbook never set up has no Register to list from: say so instead of "built".
  if (!readSheet(register, snapshot).name)
    return {
      lists: [],
      writes: [],
      counts: [],
      skipped: [],
      problems: [{ sheet: "register", row: 1, column: "", rule: "header.missing", value: "" }],
    };
  // Many months at once (the last twelve): a month with nobody of a kind gets no sheet,
  // unless it has one already (rebuilt, so it does not keep names it no longer has).
  const plan = planMonthlySheets(snapshot, months, kinds, lang, months.length > 1);
  const last = [...months].sort().at(-1)!;
  // One log row per sheet, each with its content's digest: each printed list has its own trace code.
  const time = `${now.date}T${now.time}`;
  let writes = plan.writes;
  const entries = plan.lists.flatMap((l) => {
    const trace = traced(writes, l.sheetName, person, time, lang);
    writes = trace.writes;
    l.code = trace.code;
    return [
      {
        time,
        person,
        action: "buildMonthlyLists",
        customerId: "",
        field: "",
        oldValue: "",
        newValue: `${l.sheetName}: ${l.count}`,
        reason: "",
        digest: trace.digest,
      },
      // Who is on it (looking.ts): the office's own monthly list, its purpose.
      ...lookListEntries(person, time, l.sheetName, plan.idsOf?.[l.sheetName] ?? [], MONTHLY_PURPOSE[lang]),
    ];
  });
  const log = await appendToLog(readSheet(changeLog, snapshot), entries);
  const { idsOf: _ids, ...shown } = plan;
  void _ids;
  return {
    ...shown,
    idsOf: {},
    writes: [...writes, ...log],
    counts: newNamesByMonth(snapshot, last),
    problems: [],
  };
}

/** Writes that (re)build the lists of the given months and kinds. */
export function planMonthlySheets(
  snapshot: Snapshot,
  months: string[],
  kinds: ListKind[],
  lang: Lang,
  skipEmpty = false,
): MonthlySheetsPlan {
  const plan: MonthlySheetsPlan & { idsOf: Record<string, string[]> } = {
    lists: [],
    skipped: [],
    writes: [],
    idsOf: {},
  };
  for (const month of months) {
    for (const kind of kinds) {
      const list = buildMonthlyList(snapshot, kind, month, lang);
      const exists = (["zh", "en"] as const).some((l) =>
        snapshot.sheetNames.includes(monthlySheetName(kind, month, l)),
      );
      if (skipEmpty && list.count === 0 && !exists) {
        plan.skipped.push({ kind, month });
        continue;
      }
      plan.writes.push(...sheetWrites(snapshot, list, lang));
      plan.lists.push({ kind, month, sheetName: list.sheetName, count: list.count });
      plan.idsOf[list.sheetName] = list.ids;
    }
  }
  return plan;
}

function sheetWrites(snapshot: Snapshot, list: MonthlyList, lang: Lang): Write[] {
  const other = monthlySheetName(list.kind, list.month, lang === "zh" ? "en" : "zh");
  return printableSheetWrites(snapshot, {
    names: [list.sheetName, other],
    tabColor: TAB[list.kind],
    widths: WIDTHS,
    title: list.title,
    titleSize: 14,
    header: list.header,
    rows: list.rows.map((r) => r.cells),
    headings: list.rows.flatMap((r, i) => (r.heading ? [i] : [])),
    signature: list.signature,
    lang,
  });
}
