/**
 * Destruction erases the person, not the proof. Once the manager's stamp destroys a
 * customer, no personal data of it stays anywhere the add-in wrote it: its intake
 * requests keep only their numbers, dates and status; its Change log rows lose their
 * words and salt (their digests and hashes stay, so the log still verifies end to end);
 * its contact records and annual results go; its printed card sheet goes; its lines on
 * other generated sheets (monthly lists, labels, envelope lists, loan extracts, the
 * review list) are cleared. The tombstone and the log keep the ID, the date, the reason
 * and the stamp.
 */
import { ERASED, erased } from "../change-log";
import { text } from "../records";
import { annualResults, contacts, intake } from "../schema/sheets";
import { canonicalJson, sha256Hex } from "../stamps/encoding";
import type { Cell } from "../workbook";
import { isMonthlySheet } from "../lists/monthly-sheets";
import { cardSheetNames } from "../card-sheet";
import { mailingSheetNames } from "../mailing";
import { reviewSheetName } from "../review";
import type { Run } from "./run";
import { FindWords } from "../partial-read";

/** What an intake request of a destroyed customer keeps. */
const KEPT_ON_INTAKE = new Set(["requestNo", "requestDate", "intakeStatus", "customerId"]);

/** The digest a destruction stamp covers: every value of the archived row, as text. */
export function recordHash(values: Record<string, Cell>): Promise<string> {
  return sha256Hex(canonicalJson(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v)]))));
}

/** Generated sheets that may carry a customer's words, besides the department lists (rebuilt from the Register). */
export function isPrintoutSheet(name: string): boolean {
  return (
    isMonthlySheet(name) ||
    /^(卡片|Card)-/.test(name) ||
    /^(借阅|Loan)-/.test(name) ||
    Object.values(mailingSheetNames).some((names) => names.includes(name)) ||
    name === reviewSheetName.zh ||
    name === reviewSheetName.en
  );
}

/**
 * Erases a customer's words. `known` are its values as last seen (the archived row), to
 * find its lines on generated sheets that carry no customer ID.
 */
export async function eraseCustomer(run: Run, id: string, known: Record<string, Cell>[]): Promise<void> {
  const { ws, journal } = run;
  const requests = journal.states.get(id)?.requests ?? new Set<string>();
  const req = ws.sheet(intake);
  const marker = (req.read.lang ?? run.ctx.lang) === "zh" ? "已销毁" : "Destroyed";
  for (const row of req.rows) {
    if (!requests.has(text(row.values.requestNo)) && text(row.values.customerId) !== id) continue;
    known.push({ ...row.values });
    for (const column of intake.columns) {
      if (KEPT_ON_INTAKE.has(column.key)) continue;
      const value = column.key === "notes" ? marker : "";
      if (text(row.values[column.key]) !== value) ws.set(req, row, column.key, value);
    }
  }

  // Names, codes and addresses the customer had before a logged correction: printouts made
  // before it still carry them (read here, before the log's words are erased).
  for (const entry of journal.rowsOf(id))
    if (["name", "uscc", "address"].includes(entry.field ?? "") && entry.oldValue)
      known.push({ [entry.field!]: entry.oldValue });

  const logRows = new Map(ws.log.rows.map((r) => [r.row, r]));
  for (const entry of [...journal.rowsOf(id), ...ws.appended.filter((r) => r.customerId === id)]) {
    // Plain rows hold no words of the person; an erased row may still hold some if a cut fell mid-way.
    if (!entry.salt || (entry.salt === ERASED && !entry.oldValue && !entry.newValue)) continue;
    const live = logRows.get(entry.row);
    if (live) ws.rewriteLogRow(live, erased(entry));
  }

  for (const schema of [contacts, annualResults]) {
    const sheet = ws.sheet(schema);
    for (const row of sheet.where("customerId", id)) ws.delete(sheet, row);
  }
}

/** What names a customer on a printout: its ID, any name or code it had, and (as a line of a cell) any address. */
function wordsOf(id: string, known: Record<string, Cell>[]) {
  // A value with a letter or digit is the person's, however short (a one-character name on
  // a list goes too); a placeholder such as "-" names nobody and clears nobody else's "-".
  const words = (key: string) =>
    new Set(known.map((v) => text(v[key])).filter((n) => /[\p{L}\p{N}]/u.test(n)));
  const names = words("name");
  const codes = words("uscc");
  return { names, codes, lines: new Set([...names, ...words("address")]) };
}

/**
 * Lines of printouts naming destroyed customers (after `eraseCustomer` gathered what each was
 * known by): their card sheets go; rows and labels naming them are cleared. A printout a
 * partial read left unread — or searched for other words — is asked for first: the plan
 * stops with `FindWords` (every customer's words at once), and the adapter has Excel find
 * the cells that hold any of them. Every cell cleared holds one of those words, and a line
 * is cleared whole for a cell that holds one, so the cells found decide every clear a whole
 * read makes.
 */
export function clearPrintouts(run: Run, erasing: { id: string; known: Record<string, Cell>[] }[]): void {
  const { snapshot } = run.ctx;
  const cards = new Set(erasing.flatMap(({ id }) => cardSheetNames(id, "zh")));
  const all = erasing.map(({ id, known }) => ({ id, ...wordsOf(id, known) }));
  const wanted = [...new Set(all.flatMap((w) => [w.id, ...w.codes, ...w.lines]))];
  const searched = new Set(snapshot.searched?.words);
  const unread = snapshot.sheetNames.filter(
    (name) =>
      isPrintoutSheet(name) &&
      !cards.has(name) &&
      (!snapshot.sheets[name] ||
        (snapshot.searched?.sheets.includes(name) && wanted.some((w) => !searched.has(w)))),
  );
  if (unread.length) throw new FindWords(unread, wanted);
  for (const { id, names, codes, lines } of all) clearLines(run, id, names, codes, lines);
}

function clearLines(run: Run, id: string, names: Set<string>, codes: Set<string>, lines: Set<string>): void {
  const { snapshot } = run.ctx;
  const cards = new Set(cardSheetNames(id, "zh"));
  for (const name of snapshot.sheetNames) {
    if (cards.has(name)) {
      run.ws.raw({ kind: "deleteSheet", sheet: name });
      continue;
    }
    const grid = isPrintoutSheet(name) ? snapshot.sheets[name]?.values : undefined;
    if (!grid) continue;
    const clears: { row: number; col: number; cols: number }[] = [];
    grid.forEach((row, r) => {
      const cells = row.map((v) => text(v));
      // A line naming the customer by ID, by any name it had, or by its code goes whole.
      if (cells.some((c) => c === id || names.has(c) || codes.has(c))) {
        clears.push({ row: r, col: 0, cols: row.length });
        return;
      }
      cells.forEach((c, col) => {
        if (c.split(/\r?\n/).some((l) => lines.has(l.trim()))) clears.push({ row: r, col, cols: 1 });
      });
    });
    if (clears.length === 0) continue;
    run.ws.raw({ kind: "unprotect", sheet: name });
    for (const c of clears)
      run.ws.raw({ kind: "clear", sheet: name, row: c.row, col: c.col, rows: 1, cols: c.cols });
    run.ws.raw({ kind: "protect", sheet: name });
  }
}
