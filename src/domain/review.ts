/**
 * 一年2次(2月、8月)定期调查 — the twice-yearly review. The current cycle starts on the first
 * day of the latest review month (Settings) not after today. A customer is done when its
 * last review date falls in the cycle; otherwise it is due, and overdue once the review
 * month has ended. Confirming records the date and reviewer on the row and in the log.
 */
import type { Problem } from "./problem";
import { text } from "./records";
import { register } from "./schema/sheets";
import type { Settings } from "./settings";
import type { StaffTrust } from "./stamps/staff";
import { intend, registerRowOf, runOnJournal } from "./journal/run";
import type { Snapshot, Write } from "./workbook";
import { fitCell, listPageSetup } from "./workbook";
import type { Lang } from "./schema/model";
import { isoOf, type Worklist } from "./review-worklist";

export * from "./review-worklist";

/**
 * "No change": records today's date and the reviewer on each row, as one "review" intent
 * per customer in the journal (the reviewer is the intent's person). Logs before session 28
 * hold a second row per customer for the reviewer; both forms are carried out alike.
 */
export async function planReviewConfirmation(
  snapshot: Snapshot,
  settings: Settings,
  trust: StaffTrust,
  ids: string[],
  reviewer: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<{ confirmed: string[]; finished: string[]; problems: Problem[]; writes: Write[] }> {
  return runOnJournal({ snapshot, settings, trust, person: reviewer, now, lang }, async (run) => {
    const reg = run.ws.sheet(register);
    const problems: Problem[] = [];
    if (!reviewer.trim())
      problems.push({ sheet: "register", row: 1, column: "lastReviewer", rule: "required", value: "" });
    if (!reg.name || reg.read.at.lastReviewDate === undefined || reg.read.at.lastReviewer === undefined)
      problems.push({
        sheet: "register",
        row: 1,
        column: "lastReviewDate",
        rule: "header.missing",
        value: "",
      });
    if (problems.length) return { confirmed: [], problems };
    const entries = [];
    for (const id of new Set(ids)) {
      const found = registerRowOf(run, id);
      if ("problem" in found) {
        problems.push(found.problem);
        continue;
      }
      const values = found.row.values;
      // One row per customer (issue 15, "bulk acts log compactly"): the date's change, and
      // the reviewer is who logged it — the row's person (journal/finish.ts planField).
      entries.push({
        action: "review",
        customerId: id,
        field: "lastReviewDate",
        oldValue: isoOf(values.lastReviewDate) || text(values.lastReviewDate),
        newValue: now.date,
        reason: lang === "zh" ? "无变化" : "No change",
      });
    }
    if (problems.length) return { confirmed: [], problems };
    const failed = await intend(run, entries);
    return { confirmed: failed.length ? [] : [...new Set(ids)], problems: failed };
  });
}

/** 复核清单 — the generated sheet of customers still to review this cycle, for printing. */
export const reviewSheetName = { zh: "复核清单", en: "Review-due" } as const;

const reviewHeaders = {
  zh: ["客户编号", "企业名称", "负责部门", "负责人", "最近复核日期", "状态"],
  en: ["Customer ID", "Company name", "Department", "Responsible person", "Last review", "State"],
};
const stateWords = {
  zh: { due: "待复核", overdue: "逾期", done: "已复核" },
  en: { due: "Due", overdue: "Overdue", done: "Done" },
};

/** Writes that rebuild the review sheet from a worklist: what is still due, by department and person. */
export function buildReviewSheet(worklist: Worklist, snapshot: Snapshot, lang: Lang): Write[] {
  const name =
    snapshot.sheetNames.find((n) => n === reviewSheetName.zh || n === reviewSheetName.en) ??
    reviewSheetName[lang];
  const exists = snapshot.sheetNames.includes(name);
  const rows = worklist.items
    .filter((i) => i.state !== "done")
    .map((i) => [i.id, i.name, i.department, i.responsible, i.lastReview, stateWords[lang][i.state]]);
  const writes: Write[] = [];
  if (exists) {
    writes.push({ kind: "unprotect", sheet: name });
    const size = snapshot.sizes?.[name];
    if (size && size.rows > 0)
      writes.push({
        kind: "clear",
        sheet: name,
        row: 0,
        col: 0,
        rows: size.rows,
        cols: Math.max(size.cols, 6),
      });
  } else {
    writes.push({ kind: "addSheet", sheet: name, tabColor: "#FFC000" });
    [10, 30, 14, 12, 12, 8].forEach((width, col) =>
      writes.push({ kind: "columnFormat", sheet: name, col, numberFormat: "@", width }),
    );
    writes.push({ kind: "freezeRows", sheet: name, count: 1 });
  }
  writes.push({
    kind: "values",
    sheet: name,
    row: 0,
    col: 0,
    values: [reviewHeaders[lang], ...rows.map((r) => r.map(fitCell))],
  });
  writes.push({ kind: "headerStyle", sheet: name, row: 0, col: 0, count: 6 });
  const title =
    lang === "zh"
      ? `复核清单 ${worklist.cycle.start.slice(0, 7)}`
      : `Review due ${worklist.cycle.start.slice(0, 7)}`;
  writes.push({ kind: "pageLayout", sheet: name, ...listPageSetup(title, 1, 6, rows.length + 1, lang) });
  writes.push({ kind: "protect", sheet: name });
  return writes;
}
