/**
 * Every printed copy can be traced (issue 19). A sheet the add-in makes for paper — a
 * customer card, a loan extract, address labels, an envelope list, a monthly list — is
 * logged as it is made with the digest of its content (every cell as text), and its page
 * footer names who made it, when, and a short **trace code**. The code is not stored: it
 * is derived from the log row (sheet, time, person, digest), so a code found on paper names
 * exactly one log row, and a log row typed over no longer answers to its code.
 *
 * Looking a code up (`findPrintout`) says what the copy was, who made it and when, for
 * which loan, and whether it is still current: the sheet still stands with the content it
 * was printed with, or it was rebuilt since (a newer code), changed (someone edited it, or a
 * destruction cleared a customer's lines), or removed (a returned loan's extract).
 */
import { sha256Sync, type ChangeEntry } from "./change-log";
import { readSheet, text } from "./records";
import { changeLog } from "./schema/sheets";
import { PRINT_DATE, type PageText } from "./page-text";
import { cellText } from "./validate/text";
import { listDigest } from "./list-pages";
import type { Cell, Snapshot, Write } from "./workbook";
import type { Lang } from "./schema/model";

/** The Change log actions that make a sheet for paper, each row naming one sheet. */
export const PRINTOUT_ACTIONS = new Set([
  "printCard",
  "loanExtract",
  "buildMailingLabels",
  "buildEnvelopeList",
  "buildMonthlyLists",
  "buildDeptList",
  "buildReviewList",
]);

/** Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand stays one code. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * The digest of a sheet's content: every cell as text, in place, blank cells at a row's end
 * and blank rows at the end left out (a read gives the used range, a write the padded
 * block). The same grid written and read back gives the same digest.
 */
export function contentDigest(values: readonly (readonly Cell[])[]): string {
  const rows = values.map((row) => {
    const cells = row.map((v) => cellText(v ?? ""));
    while (cells.length && cells[cells.length - 1] === "") cells.pop();
    return cells;
  });
  while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
  return sha256Sync(JSON.stringify(rows));
}

/** What a printout's code is made of: the fields of its Change log row. */
export interface PrintoutFacts {
  sheet: string;
  /** The log row's time, as logged ("2026-11-24T16:00"). */
  time: string;
  person: string;
  digest: string;
}

/**
 * The trace code of a printout: 40 bits of SHA-256 over its log row's facts, as eight
 * characters of Crockford's base 32 in two groups ("7K3M-Q9XD"). Two copies of the same
 * content made by the same person in the same minute share a code; anything else differs.
 */
export function traceCode(f: PrintoutFacts): string {
  const hash = sha256Sync(JSON.stringify(["printout/v1", f.sheet, f.time, f.person, f.digest]));
  let bits = BigInt(`0x${hash.slice(0, 10)}`);
  let out = "";
  for (let i = 0; i < 8; i++) {
    out = ALPHABET[Number(bits & 31n)]! + out;
    bits >>= 5n;
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/**
 * A code as a person types it, made canonical: case, spaces and dashes ignored, and the
 * letters Crockford's alphabet leaves out read as the digits they look like (O → 0, I/L → 1).
 * Undefined when it cannot be a code.
 */
export function normalCode(typed: string): string | undefined {
  const plain = typed
    .toUpperCase()
    .replace(/[\s\-–—]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(plain)) return undefined;
  return `${plain.slice(0, 4)}-${plain.slice(4)}`;
}

/**
 * The footer's left part, on two lines so it stays clear of the page number in the centre
 * (a footer section does not wrap: one long line ran under "第 1 页 / 共 1 页"): the print
 * date and the code, then who made the sheet and when.
 */
export function traceFooter(person: string, time: string, code: string, lang: Lang): PageText {
  const when = time.replace("T", " ");
  return lang === "zh"
    ? [PRINT_DATE, ` · 追溯码 ${code}`, `\n${person} 制作于 ${when}`]
    : [PRINT_DATE, ` · trace ${code}`, `\nmade by ${person} ${when}`];
}

/**
 * The values a sheet is built with: the plan's write of its grid from A1, its header row
 * carrying what further writes put right of it (a department list's directory, list-pages.ts).
 */
export function builtGrid(writes: Write[], sheet: string): Cell[][] {
  const grid = writes.find((w) => w.kind === "values" && w.sheet === sheet && w.row === 0 && w.col === 0);
  if (grid?.kind !== "values") return [];
  const header = [...(grid.values[0] ?? [])];
  for (const w of writes)
    if (w.kind === "values" && w.sheet === sheet && w.row === 0 && w.col > 0 && w.values.length === 1) {
      while (header.length < w.col) header.push("");
      w.values[0]!.forEach((v, i) => (header[w.col + i] = v));
    }
  return [header, ...grid.values.slice(1)];
}

/** A sheet's digest as its trace takes it: a department list's root, any other sheet's content. */
export function sheetDigest(values: readonly (readonly Cell[])[]): string {
  return listDigest(values) ?? contentDigest(values);
}

/**
 * A printout's writes with its trace: the content digest, the code, and the code in the
 * footer of the sheet's page layout. `time` and `person` are the log row's.
 */
export function traced(
  writes: Write[],
  sheet: string,
  person: string,
  time: string,
  lang: Lang,
): { writes: Write[]; digest: string; code: string } {
  return tracedAs(writes, sheet, person, time, lang, sheetDigest(builtGrid(writes, sheet)));
}

/** A printout's writes with its trace, its digest worked out already (a list updated page by page). */
export function tracedAs(
  writes: Write[],
  sheet: string,
  person: string,
  time: string,
  lang: Lang,
  digest: string,
): { writes: Write[]; digest: string; code: string } {
  const code = traceCode({ sheet, time, person, digest });
  const footer = traceFooter(person, time, code, lang);
  return {
    digest,
    code,
    writes: writes.map((w) =>
      w.kind === "pageLayout" && w.sheet === sheet ? { ...w, leftFooter: footer } : w,
    ),
  };
}

/**
 * Sheets rebuilt by a plan that prints them (department lists, the review list), each traced:
 * the plan's writes with each sheet's footer carrying its code, and one log row per sheet
 * (`action`, the sheet's name, its content digest). A sheet the writes do not lay out for
 * paper is left alone.
 */
export function tracedSheets(
  writes: Write[],
  action: string,
  person: string,
  time: string,
  lang: Lang,
  /** Digests worked out already, by sheet (lists updated page by page: no grid from A1 to take it from). */
  digests: ReadonlyMap<string, string> = new Map(),
): { writes: Write[]; entries: ChangeEntry[]; codes: Map<string, string> } {
  const sheets = [...new Set(writes.filter((w) => w.kind === "pageLayout").map((w) => w.sheet))];
  const entries: ChangeEntry[] = [];
  const codes = new Map<string, string>();
  let out = writes;
  for (const sheet of sheets) {
    const known = digests.get(sheet);
    const trace =
      known === undefined
        ? traced(out, sheet, person, time, lang)
        : tracedAs(out, sheet, person, time, lang, known);
    out = trace.writes;
    codes.set(sheet, trace.code);
    entries.push({
      time,
      person,
      action,
      customerId: "",
      field: "sheet",
      oldValue: "",
      newValue: sheet,
      reason: "",
      digest: trace.digest,
    });
  }
  return { writes: out, entries, codes };
}

/** The sheet a printout row made: its new value, without the count some rows add ("借阅-L000001: 12"). */
export const printoutSheet = (newValue: string) => newValue.replace(/: \d+$/, "");

export type PrintoutState =
  /** The sheet stands with the content it was printed with. */
  | "current"
  /** Made again since: a newer copy with another code (`newer`). */
  | "rebuilt"
  /** The sheet stands, its content no longer the printed one (edited, or a destroyed customer's lines cleared). */
  | "changed"
  /** No sheet of its name is left (a returned extract, or deleted). */
  | "removed";

export interface Printout {
  code: string;
  action: string;
  sheet: string;
  time: string;
  person: string;
  /** Customers on it, as logged ("…: 12"); undefined for a card (one customer). */
  count?: number;
  customerId: string;
  /** The loan an extract was made for. */
  loanNo: string;
  /** The reason logged with it (a mailing's selection). */
  reason: string;
  /** Who outside the company it went to (an outside release), if anyone. */
  recipient?: string;
  state: PrintoutState;
  /** The code of the copy that replaced it. */
  newer?: string;
  /** For a loan extract: when the loan came back, as the Change log's loanReturn row says. */
  returnedAt?: string;
  /** The content digest logged as it was made. */
  digest: string;
  /** The 1-based Change log row. */
  row: number;
}

/**
 * The printout a code names, from the Change log's printout rows and the sheets as they
 * stand now (`snapshot` holds the log — its printout rows at least — and, for the state,
 * the sheet the row names; for an extract, the loan's return row). Undefined when no row
 * answers to the code.
 */
export function findPrintout(snapshot: Snapshot, code: string): Printout | undefined {
  const wanted = normalCode(code);
  const rows = printoutRows(snapshot);
  // The same content made again by the same person in the same minute is the same copy
  // (the same code): the last row with the code is the one a newer copy would follow.
  let at = rows.length - 1;
  while (at >= 0 && rows[at]!.code !== wanted) at--;
  if (at < 0) return undefined;
  const found = rows[at]!;
  const newer = rows
    .slice(at + 1)
    .reverse()
    .find((r) => r.sheet === found.sheet);
  const standing = snapshot.sheetNames.includes(found.sheet);
  const values = snapshot.sheets[found.sheet]?.values;
  const state: PrintoutState = newer
    ? "rebuilt"
    : !standing
      ? "removed"
      : values && sheetDigest(values) === found.digest
        ? "current"
        : "changed";
  const returned = found.loanNo
    ? readSheet(changeLog, snapshot).records.find(
        (r) => text(r.values.action) === "loanReturn" && text(r.values.oldValue) === found.loanNo,
      )
    : undefined;
  return {
    ...found,
    state,
    ...(newer ? { newer: newer.code } : {}),
    ...(returned ? { returnedAt: text(returned.values.newValue) } : {}),
  };
}

/** The outside party a printout row names: an extract's reason, or a mailing's "outside=…". */
function outsideOf(action: string, reason: string): string | undefined {
  if (action === "loanExtract") return reason || undefined;
  return /(?:^|; )outside=(.+) \([^()]*\)$/.exec(reason)?.[1];
}

/** Every printout row of the log that carries a digest, with its code. */
export function printoutRows(snapshot: Snapshot): Omit<Printout, "state" | "newer" | "returnedAt">[] {
  const log = readSheet(changeLog, snapshot);
  const out: Omit<Printout, "state" | "newer" | "returnedAt">[] = [];
  for (const r of log.records) {
    const action = text(r.values.action);
    const digest = text(r.values.digest);
    if (!PRINTOUT_ACTIONS.has(action) || !digest) continue;
    const newValue = text(r.values.newValue);
    const sheet = printoutSheet(newValue);
    const time = text(r.values.time);
    const person = text(r.values.person);
    const count = /: (\d+)$/.exec(newValue)?.[1];
    const recipient = outsideOf(action, text(r.values.reason));
    out.push({
      code: traceCode({ sheet, time, person, digest }),
      action,
      sheet,
      time,
      person,
      ...(count === undefined ? {} : { count: Number(count) }),
      customerId: text(r.values.customerId),
      // Of the printouts only an extract's row holds something there: its loan.
      loanNo: text(r.values.oldValue),
      // An extract's reason is whom it went to; a mailing's, its selection and any outside party.
      reason: action === "loanExtract" ? "" : text(r.values.reason),
      ...(recipient ? { recipient } : {}),
      digest,
      row: r.row,
    });
  }
  return out;
}
