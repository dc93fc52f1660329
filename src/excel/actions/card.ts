/**
 * The customer card: found and read without reading whole sheets. Headers and sizes
 * first, then only the ID columns (and the small Loan log, Staff and Settings), then only
 * the rows that belong to the customer — a constant number of syncs on desktop however
 * long the register, and a few megabytes at most on the web. Writes nothing.
 */
import { formatWrites } from "../../domain/cell-formats";
import { reprotectWrites } from "../../domain/kept-sheets";
import { sealWrites } from "../seal";
import { stillHeld, withLease } from "../lease";
import { bookContext } from "../../domain/book-context";
import { buildCard } from "../../domain/card";
import { lookedToday, lookEntry, lookRefusal } from "../../domain/looking";
import { appendToLog } from "../../domain/log-writes";
import { readSheet } from "../../domain/records";
import { readPlanApply } from "./read-plan-apply";
import { LOAN_EVENTS } from "../../domain/loans";
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
import { Book, HEADER_WIDTH } from "../book";
import { readNeeds } from "../partial";
import { logSkeleton, type Need } from "../../domain/partial-read";
import { lookerOf, type ExcelEnv } from "../env";
import { guarded } from "./result";
import type { Now } from "./workflow";

/** Sheets searched by an ID column, and the column's key. */
const searched: [SheetSchema, string][] = [
  [register, "id"],
  [archiveSuspended, "id"],
  [archivePast, "id"],
  [destructionLog, "customerId"],
  [contacts, "customerId"],
  [annualResults, "customerId"],
];
/** Small sheets read whole. */
const whole = [loanLog, staff, settingsSchema];

/**
 * What the card needs (issue 15): the customer's rows found by the ID columns, the small
 * sheets whole, and of the Change log the customer's rows with its trust skeleton and last
 * row (domain/partial-read.ts) — so a stamp or a seal is judged as a whole read judges it:
 * a key revoked in the log stays revoked on the card, whatever its Staff cell says now.
 */
export function cardNeeds(id: string): Need[] {
  // Each sheet's rows of the customer, found by Excel's counts where it can be asked (partial-read.ts `keyed`).
  const keyed = (column: string) => ({ keyed: { column, keys: [id] } });
  return [
    ...searched.map(([schema, key]) => ({ schema, ...keyed(key) })),
    // The customer's rows, and the loan rows: whether a loan listing it is back is the log's to say.
    { ...logSkeleton({ columns: [], actions: LOAN_EVENTS }), ...keyed("customerId") },
    ...whole.map((schema) => ({ schema, whole: true })),
  ];
}

/** The card read in four syncs (two on the web grow only with the payload limit). */
async function readCard(
  book: Book,
  env: ExcelEnv,
  id: string,
  pinnedAdmin: string | undefined,
  now: Now,
  alsoSized: (names: string[]) => string[] = () => [],
) {
  const snapshot = await readNeeds(book, cardNeeds(id.trim()), alsoSized);
  const { settings, trust, policy } = await bookContext(snapshot, pinnedAdmin);
  const card = await buildCard(snapshot, settings, trust, id.trim(), now, langOf(env.displayLanguage));
  const everyoneSeals = policy.policy.rules?.everyoneSeals;
  return {
    card,
    snapshot,
    settings,
    trust,
    everyoneSeals,
    lease: settings.writeLease,
    adminChanged: trust.adminChanged,
  };
}

/**
 * One customer's card shown to the person acting, the look logged (domain/looking.ts): the
 * card's reads, and — the first time today this person looks at this customer — one
 * Change log row (`lookCard`, with the purpose if given), written under the write lease
 * before the card is handed back. A look the Settings rule 查询权限 does not allow is
 * refused: no card, nothing written.
 */
export function showCard(
  env: ExcelEnv,
  id: string,
  person: string,
  purpose: string,
  pinnedAdmin: string | undefined,
  now: Now,
) {
  const wanted = id.trim();
  const looker = lookerOf(env, person);
  return guarded(() =>
    readPlanApply(
      env,
      { needs: cardNeeds(wanted).filter((n) => n.schema !== staff && n.schema !== settingsSchema) },
      pinnedAdmin,
      async ({ snapshot, settings, trust }) => {
        const card = await buildCard(snapshot, settings, trust, wanted, now, langOf(env.displayLanguage));
        if (card.where === "unknown") return { card, looked: false, problems: [] as Problem[], writes: [] };
        const time = `${now.date}T${now.time}`;
        const refusal = looker && lookRefusal(settings, trust, looker, time, cardResponsible(card));
        if (refusal) return { card: undefined, looked: false, problems: [refusal], writes: [] };
        if (lookedToday(snapshot, person, wanted, now.date))
          return { card, looked: false, problems: [] as Problem[], writes: [] };
        const writes = await appendToLog(readSheet(changeLog, snapshot), [
          lookEntry(person, time, wanted, purpose),
        ]);
        return { card, looked: true, problems: [] as Problem[], writes };
      },
    ),
  );
}

/** The responsible person the card shows (负责人), for who may look at it. */
const cardResponsible = (card: { fields: { key: string; value: string }[] }) =>
  card.fields.find((f) => f.key === "responsible")?.value ?? "";

/** One customer's card. Writes nothing. */
export function loadCard(env: ExcelEnv, id: string, pinnedAdmin: string | undefined, now: Now) {
  return guarded(() =>
    env.run(async (context) => {
      const { card, adminChanged } = await readCard(
        new Book(context, env.platform, undefined, env.sheetNames),
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
  /** Why it is printed (looking.ts), logged with the print. */
  purpose = "",
) {
  return guarded(() =>
    withLease(env, (token) =>
      env.run(async (context) => {
        const book = new Book(context, env.platform, undefined, env.sheetNames);
        const lang = langOf(env.displayLanguage);
        const { card, snapshot, settings, trust, everyoneSeals, lease, adminChanged } = await readCard(
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
        // Printing is looking: the person must be allowed to look at this customer.
        const looker = lookerOf(env, person);
        const refusal =
          looker && lookRefusal(settings, trust, looker, `${now.date}T${now.time}`, cardResponsible(card));
        if (refusal) return { card, adminChanged, problems: [refusal] };
        const { sheetName, code, writes } = await planCardSheet(
          snapshot,
          card,
          person,
          now,
          lang,
          issueText,
          purpose,
        );
        await book.apply(
          formatWrites(snapshot, [
            ...(await sealWrites(env, snapshot, writes, trust, everyoneSeals)),
            { kind: "activate", sheet: sheetName },
          ]).concat(reprotectWrites(snapshot, settings.keepHidden, writes)),
        );
        return { card, adminChanged, sheetName, code, problems: [] as Problem[] };
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
      const book = new Book(context, env.platform, undefined, env.sheetNames);
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
