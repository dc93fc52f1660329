/**
 * The pane's pages, grouped by task (issue 17): 首页 plus four groups, so every page is two
 * clicks away at any pane width (the page menu, then the page) and nothing moves about
 * as the pane narrows — a tab strip moved its tabs into an unlabelled "…" at 350 px.
 */
import type { ShellKey } from "./i18n-shell";

export type PageKey =
  | "home"
  | "intake"
  | "correct"
  | "review"
  | "card"
  | "stamp"
  | "post"
  | "archive"
  | "lists"
  | "loans"
  | "mail"
  | "trace"
  | "reports"
  | "setup"
  | "validate"
  | "staff"
  | "sheets";

export const pageGroups: { title: ShellKey; pages: PageKey[] }[] = [
  { title: "groupDaily", pages: ["intake", "correct", "review", "card", "reports"] },
  { title: "groupApprove", pages: ["stamp", "post", "archive"] },
  { title: "groupLists", pages: ["lists", "loans", "mail", "trace"] },
  { title: "groupAdmin", pages: ["setup", "validate", "staff", "sheets"] },
];
