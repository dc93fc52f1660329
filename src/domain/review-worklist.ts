/**
 * The twice-yearly review's worklist (review.ts): who is done, due or overdue this cycle.
 * Apart from the confirmation's planning, which runs over the journal, so the home page —
 * loaded at start — reads the worklist without the journal's code (issue 15).
 */
import { text, type ReadSheet } from "./records";
import type { Settings } from "./settings";
import { checkDate } from "./validate/date";

export interface ReviewCycle {
  /** First day of the review month, ISO. */
  start: string;
  /** Last day of the review month, ISO: after it, what is not done is overdue. */
  end: string;
}

export function currentCycle(reviewMonths: number[], today: string): ReviewCycle {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const months = [...reviewMonths].sort((a, b) => a - b);
  const thisYear = months.filter((x) => x <= m);
  const [year, month] = thisYear.length
    ? [y, thisYear[thisYear.length - 1]!]
    : [y - 1, months[months.length - 1]!];
  const pad = (n: number) => String(n).padStart(2, "0");
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { start: `${year}-${pad(month)}-01`, end: `${year}-${pad(month)}-${pad(last)}` };
}

export type ReviewState = "done" | "due" | "overdue";

export interface ReviewItem {
  id: string;
  name: string;
  department: string;
  responsible: string;
  row: number;
  lastReview: string;
  state: ReviewState;
}

export interface Worklist {
  cycle: ReviewCycle;
  items: ReviewItem[];
  /** Counts per department: done, due and overdue. */
  progress: Record<string, Record<ReviewState, number>>;
}

/** A date cell as "YYYY-MM-DD", or "" when it holds none. */
export function isoOf(value: unknown): string {
  const checked = checkDate(typeof value === "number" ? value : String(value ?? ""));
  return checked.ok ? checked.value : "";
}

export function reviewWorklist(reg: ReadSheet, settings: Settings, today: string): Worklist {
  const cycle = currentCycle(settings.reviewMonths, today);
  const items = reg.records.map((r): ReviewItem => {
    const lastReview = isoOf(r.values.lastReviewDate);
    const done = lastReview !== "" && lastReview >= cycle.start;
    return {
      id: text(r.values.id),
      name: text(r.values.name),
      department: text(r.values.department),
      responsible: text(r.values.responsible),
      row: r.row,
      lastReview,
      state: done ? "done" : today > cycle.end ? "overdue" : "due",
    };
  });
  items.sort(
    (a, b) =>
      a.department.localeCompare(b.department) ||
      a.responsible.localeCompare(b.responsible) ||
      a.id.localeCompare(b.id),
  );
  const progress: Worklist["progress"] = {};
  for (const item of items) {
    progress[item.department] ??= { done: 0, due: 0, overdue: 0 };
    progress[item.department]![item.state]++;
  }
  return { cycle, items, progress };
}
