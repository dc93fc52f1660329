/**
 * The customer card: found and read without reading whole sheets. Headers and sizes
 * first, then only the ID columns (and the small Loan log, Staff and Settings), then only
 * the rows that belong to the customer — a constant number of syncs on desktop however
 * long the register, and a few megabytes at most on the web. Writes nothing.
 */
import { formatWrites } from "../../domain/cell-formats";
import { sealWrites } from "../seal";
import { stillHeld, withLease } from "../lease";
import { bookContext } from "../../domain/book-context";
import { buildCard } from "../../domain/card";
import { cardSheetNames, planCardSheet } from "../../domain/card-sheet";
import type { Problem } from "../../domain/problem";
import { customerOfRow, HEADER_ROWS, sheetOfAddress } from "../../domain/selection";
import type { StampIssue } from "../../domain/stamps/stamps";
import { findSheet, headerIndex, langOf } from "../../domain/layout";
import { text } from "../../domain/records";
import type { SheetSchema } from "../../domain/schema/model";
import {
  annualResults,
  archivePast,
  archiveSuspended,
  changeLog,
  contacts,
  destructionLog,
  loanLog,
  register,
  settings as settingsSchema,
  staff,
} from "../../domain/schema/sheets";
import type { Cell, Snapshot } from "../../domain/workbook";
import { Book, HEADER_WIDTH, type Block } from "../book";
import type { ExcelEnv } from "../env";
import { guarded } from "./result";
import type { Now } from "./workflow";

/** Sheets searched by an ID column, and the column's key. */
const searched: [SheetSchema, string][] = [
  [register, "id"],
  [archiveSuspended, "id"],
  [archivePast, "id"],
  [destructionLog, "customerId"],
  [changeLog, "customerId"],
  [contacts, "customerId"],
  [annualResults, "customerId"],
];
/** Small sheets read whole. */
const whole = [loanLog, staff, settingsSchema];

/** The card read in four syncs (two on the web grow only with the payload limit). */
async function readCard(
  book: Book,
  env: ExcelEnv,
  id: string,
  pinnedAdmin: string | undefined,
  now: Now,
  alsoSized: (names: string[]) => string[] = () => [],
) {
  const all = [...searched.map(([s]) => s), ...whole];
  const heads = await book.readHeaders((names) => [
    ...all.map((s) => findSheet(s, names)?.name).filter((n): n is string => !!n),
    ...alsoSized(names),
  ]);
  const nameOf = (s: SheetSchema) => findSheet(s, heads.sheetNames)?.name;
  const size = (name: string) => heads.sizes?.[name] ?? { rows: 0, cols: 0 };

  // The ID columns, and the small sheets whole.
  const idBlocks: { name: string; block: Block }[] = [];
  for (const [schema, key] of searched) {
    const name = nameOf(schema);
    const col = name ? headerIndex(schema, heads.sheets[name]?.values[0])[key] : undefined;
    if (name && col !== undefined)
      idBlocks.push({
        name,
        block: { sheet: name, row: 1, col, rows: Math.max(0, size(name).rows - 1), cols: 1 },
      });
  }
  const wholeNames = whole.map(nameOf).filter((n): n is string => !!n);
  // The Change log's last row too: a printed card's log entry chains to it.
  const logName = nameOf(changeLog);
  const logLast = logName && size(logName).rows > 1 ? size(logName).rows - 1 : 0;
  const first = await book.readBlocks([
    ...idBlocks.map((b) => b.block),
    ...wholeNames.map((sheet) => ({
      sheet,
      row: 0,
      col: 0,
      rows: size(sheet).rows,
      cols: size(sheet).cols,
    })),
    {
      sheet: logName ?? "",
      row: logLast,
      col: 0,
      rows: logLast ? 1 : 0,
      cols: logName ? size(logName).cols : 0,
    },
  ]);

  // Only this customer's rows.
  const rowBlocks: { name: string; row: number; block: Block }[] = [];
  idBlocks.forEach(({ name }, i) => {
    first[i]!.forEach((cell, r) => {
      if (text(cell[0]) === id)
        rowBlocks.push({
          name,
          row: r + 1,
          block: { sheet: name, row: r + 1, col: 0, rows: 1, cols: size(name).cols },
        });
    });
  });
  const rows = await book.readBlocks(rowBlocks.map((b) => b.block));

  // A snapshot holding the headers, the customer's rows where they stand, the small sheets.
  const snapshot: Snapshot = { sheetNames: heads.sheetNames, sheets: {}, sizes: heads.sizes };
  for (const { name } of idBlocks) {
    const values: Cell[][] = Array.from({ length: size(name).rows }, () => []);
    values[0] = heads.sheets[name]!.values[0] ?? [];
    snapshot.sheets[name] = { name, values };
  }
  rowBlocks.forEach((b, i) => {
    snapshot.sheets[b.name]!.values[b.row] = rows[i]![0] ?? [];
  });
  wholeNames.forEach((name, i) => {
    snapshot.sheets[name] = { name, values: first[idBlocks.length + i]! };
  });
  if (logName && logLast) snapshot.sheets[logName]!.values[logLast] = first[first.length - 1]![0] ?? [];

  const { settings, trust, policy } = await bookContext(snapshot, pinnedAdmin);
  const card = await buildCard(snapshot, settings, trust, id.trim(), now, langOf(env.displayLanguage));
  const everyoneSeals = policy.policy.rules?.everyoneSeals;
  return {
    card,
    snapshot,
    trust,
    everyoneSeals,
    lease: settings.writeLease,
    adminChanged: trust.adminChanged,
  };
}

/** One customer's card. Writes nothing. */
export function loadCard(env: ExcelEnv, id: string, pinnedAdmin: string | undefined, now: Now) {
  return guarded(() =>
    env.run(async (context) => {
      const { card, adminChanged } = await readCard(
        new Book(context, env.platform),
        env,
        id,
        pinnedAdmin,
        now,
      );
      return { card, adminChanged };
    }),
  );
}

/**
 * The card built as a one-page A4 sheet (卡片-ID), rebuilt in place if printed before, and
 * a Change log line saying who printed it: the same reads as the card, one apply.
 */
export function printCard(
  env: ExcelEnv,
  id: string,
  person: string,
  pinnedAdmin: string | undefined,
  now: Now,
  issueText?: (issue: StampIssue) => string,
) {
  return guarded(() =>
    withLease(env, (token) =>
      env.run(async (context) => {
        const book = new Book(context, env.platform);
        const lang = langOf(env.displayLanguage);
        const { card, snapshot, trust, everyoneSeals, lease, adminChanged } = await readCard(
          book,
          env,
          id,
          pinnedAdmin,
          now,
          (names) => names.filter((n) => cardSheetNames(id.trim(), "zh").includes(n)),
        );
        // Under the lease: the claim must still be this action's as the card is read.
        if (token !== undefined) stillHeld(lease, token, lang);
        if (card.where === "unknown")
          return {
            card,
            adminChanged,
            problems: [{ sheet: "register", row: 1, column: "id", rule: "id.unknown", value: id } as Problem],
          };
        const { sheetName, writes } = await planCardSheet(snapshot, card, person, now, lang, issueText);
        await book.apply(
          formatWrites(snapshot, [
            ...(await sealWrites(env, snapshot, writes, trust, everyoneSeals)),
            { kind: "activate", sheet: sheetName },
          ]),
        );
        return { card, adminChanged, sheetName, problems: [] as Problem[] };
      }),
    ),
  );
}

/**
 * The customer the selected row in Excel stands for: its ID, or its company name looked
 * up in the Register. Two syncs, four when only a name is shown.
 */
export function customerOfSelection(env: ExcelEnv) {
  return guarded(() =>
    env.run(async (context) => {
      const none = (value: string) => ({
        id: undefined,
        problems: [
          { sheet: "register", row: 1, column: "id", rule: "selection.noCustomer", value } as Problem,
        ],
      });
      const selected = context.workbook.getSelectedRange();
      selected.load("address, rowIndex");
      await context.sync();
      const sheet = sheetOfAddress(selected.address);
      const book = new Book(context, env.platform);
      const [top, row] = await book.readBlocks([
        { sheet, row: 0, col: 0, rows: HEADER_ROWS, cols: HEADER_WIDTH },
        { sheet, row: selected.rowIndex, col: 0, rows: 1, cols: HEADER_WIDTH },
      ]);
      const found = customerOfRow(top!, row![0] ?? []);
      if (!found) return none(selected.address);
      if ("id" in found) return { id: found.id, problems: [] as Problem[] };
      const heads = await book.readHeaders((names) => [findSheet(register, names)?.name ?? ""]);
      const regName = findSheet(register, heads.sheetNames)?.name;
      const at = regName ? headerIndex(register, heads.sheets[regName]?.values[0]) : {};
      const rows = regName ? (heads.sizes?.[regName]?.rows ?? 0) : 0;
      if (!regName || at.id === undefined || at.name === undefined || rows < 2) return none(found.name);
      const [ids, names] = await book.readBlocks([
        { sheet: regName, row: 1, col: at.id, rows: rows - 1, cols: 1 },
        { sheet: regName, row: 1, col: at.name, rows: rows - 1, cols: 1 },
      ]);
      const i = names!.findIndex((n) => text(n[0]) === found.name);
      return i < 0 ? none(found.name) : { id: text(ids![i]![0]), problems: [] as Problem[] };
    }),
  );
}
