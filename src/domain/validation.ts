/**
 * "Validate workbook": every Register and Intake row checked against its schema, the
 * Settings lists, and the other rows (duplicates). Problems name the sheet, row, column
 * and rule, and offer the normalised value where the input can be fixed mechanically.
 */
import { sha256Sync as sha256 } from "./digest";
import { pushAll } from "./arrays";
import { isAsRead, isBlankRow } from "./records";
import type { Check, Problem } from "./problem";
import type { Column, Lang, SheetSchema } from "./schema/model";
import { choiceCode, choiceLabel } from "./schema/model";
import { intake, register } from "./schema/sheets";
import { intakeStatuses } from "./schema/choices";
import { duplicateHeaders, findSheet, headerIndex, headerLang, headerRepeat } from "./layout";
import { settingsList, type Settings } from "./settings";
import { columnLetter, type Cell, type Snapshot } from "./workbook";
import { cellText, collapseSpaces, isTidyLine, toHalfWidth, withoutInvisibles } from "./validate/text";
import { checkUscc } from "./validate/uscc";
import { checkPostcode } from "./validate/postcode";
import { phonesAsTheyStand } from "./validate/phone";
import { checkEmail } from "./validate/email";
import { checkDate } from "./validate/date";
import {
  duplicateKeys,
  findKeyedDuplicates,
  DUP_INDEX,
  indexOfKeys,
  type DuplicateKeys,
  type KeyedCandidate,
} from "./validate/duplicates";

export interface ValidationReport {
  problems: Problem[];
  /** Rows checked per sheet name. */
  checked: Record<string, number>;
}

/** Intake requests that are still open compete with the Register for duplicates. */
const OPEN_INTAKE = new Set(["draft", "pending", "approved"]);

export function validateWorkbook(snapshot: Snapshot, settings: Settings, today: string): ValidationReport {
  const problems: Problem[] = [];
  const checked: Record<string, number> = {};
  const candidates: KeyedCandidate[] = [];

  for (const schema of [register, intake]) {
    const found = findSheet(schema, snapshot.sheetNames);
    if (!found) {
      problems.push({ sheet: schema.key, row: 1, column: "", rule: "header.missing", value: "" });
      continue;
    }
    const values = snapshot.sheets[found.name]?.values ?? [];
    const at = headerIndex(schema, values[0]);
    const lang = headerLang(schema, values[0]) ?? found.lang;
    for (const column of schema.columns) {
      if (column.required && at[column.key] === undefined) {
        problems.push({ sheet: schema.key, row: 1, column: column.key, rule: "header.missing", value: "" });
      }
    }
    for (const twice of duplicateHeaders(schema, values[0]))
      problems.push({
        sheet: schema.key,
        row: 1,
        column: "",
        rule: "header.duplicate",
        value: twice.header,
        detail: { column: columnLetter(twice.index), header: twice.header },
      });
    const seenIds = new Map<string, number>();
    const idKey = schema.columns[0]!.key;
    // What a row's cell checks depend on besides its cells (rowFindings): the Settings lists
    // a choice is checked against (settingsList), not the lease or backup date that change daily.
    const context = sha256(JSON.stringify([schema.key, lang, today, cellLists(settings)]));
    let rows = 0;
    const repeatsHeader = headerRepeat(values[0]);
    // The last check of this sheet, when its rows were as read and judged under this header and context.
    const last = isAsRead(values) ? lastChecked.get(schema.key) : undefined;
    const before = last && last.header === values[0] && last.context === context ? last : undefined;
    const kept: RowFindings[] | undefined = isAsRead(values) ? [] : undefined;
    const place = placeOf(schema, at);
    const check = cellChecker(schema, settings, lang, today);
    for (let r = 1; r < values.length; r++) {
      const row = values[r]!;
      const excelRow = r + 1;
      // A row not read again since the last check (snapshot-patch.ts) is the very same array:
      // neither blank nor a header then, under the same header, nor now.
      let found = before?.rows[r] === row ? before.found[r] : undefined;
      if (!found) {
        if (isBlankRow(row)) continue;
        if (repeatsHeader(row)) {
          problems.push({ sheet: schema.key, row: excelRow, column: "", rule: "header.repeated", value: "" });
          continue;
        }
        found = rowFindings(schema, place, row, check);
      }
      rows++;
      if (kept) kept[r] = found;
      for (const problem of found.problems) problems.push({ sheet: schema.key, row: excelRow, ...problem });
      if (found.id) {
        const other = seenIds.get(found.id);
        if (other !== undefined) {
          problems.push({
            sheet: schema.key,
            row: excelRow,
            column: idKey,
            rule: "id.duplicate",
            value: found.id,
            detail: { otherRow: other },
          });
        } else seenIds.set(found.id, excelRow);
      }
      if (found.closed) continue;
      candidates.push({
        sheet: schema.key,
        row: excelRow,
        uscc: cellText(row[place.uscc] ?? ""),
        name: cellText(row[place.name] ?? ""),
        phones: cellText(row[place.phone] ?? ""),
        keys: found.keys,
      });
    }
    checked[found.name] = rows;
    if (kept) lastChecked.set(schema.key, { header: values[0], context, rows: values, found: kept });
  }
  pushAll(problems, findKeyedDuplicates(candidates));
  return { problems, checked };
}

type CellProblem = Omit<Problem, "sheet" | "row" | "column">;

/** Where a sheet's cells stand: each schema column's index (-1 when missing), in the schema's order. */
interface Place {
  columns: number[];
  uscc: number;
  name: number;
  phone: number;
  /** The ID's column (the schema's first). */
  id: number;
  /** The Register's duplicate index (undefined elsewhere, or without the column). */
  dupIndex: number | undefined;
  /** Intake's status (undefined elsewhere). */
  intakeStatus: number | undefined;
}

function placeOf(schema: SheetSchema, at: Record<string, number | undefined>): Place {
  const index = (key: string) => at[key] ?? -1;
  return {
    columns: schema.columns.map((column) => index(column.key)),
    uscc: index("uscc"),
    name: index("name"),
    phone: index("phone"),
    id: index(schema.columns[0]!.key),
    dupIndex: schema === register ? at[DUP_INDEX] : undefined,
    intakeStatus: schema === intake ? index("intakeStatus") : undefined,
  };
}

/**
 * What of the Settings a cell's check reads (checkCell): the lists a choice is checked
 * against (settingsList) — not the lease or backup date that change with every act. As
 * text, once per settings: what is kept per row is kept while it is the same (issue 15).
 */
const listsOf = new WeakMap<Settings, string>();
export function cellLists(settings: Settings): string {
  let lists = listsOf.get(settings);
  if (lists === undefined) {
    lists = JSON.stringify(
      (["departments", "regions", "creditRatings"] as const).map((l) => settingsList(settings, l)),
    );
    listsOf.set(settings, lists);
  }
  return lists;
}

/**
 * What Validate finds in one row by itself: its cells' problems (a stale duplicate index
 * among them), its ID, whether it is an intake request no longer open, and the keys it is
 * compared to other rows by.
 */
interface RowFindings {
  problems: readonly Readonly<Omit<Problem, "sheet" | "row">>[];
  keys: DuplicateKeys;
  /** The ID as compared with other rows' (trimmed). */
  id: string;
  /** An intake request no longer open: not compared for duplicates. */
  closed: boolean;
}

/**
 * A sheet's rows' findings at its last check, kept with the rows as read (`asRead`: arrays
 * Excel's answer gave, never changed in place), and taken again for a row at the same place
 * that is the very same array, while the header it was read under and what the checks
 * depend on besides the cells (`context`: the sheet, header language, day and Settings
 * lists) are the same. A Validate again in the same pane (the worker keeps this) is given
 * the rows nothing changed as the very same arrays (snapshot-patch.ts), so it checks only
 * rows read again. Not by content: a digest of every row cost a first check a third of its
 * time (issue 15, session 28), to spare a row read again checks that cost it about twice
 * that; nor in a WeakMap by row (a hundred thousand entries the garbage collector walks).
 * A snapshot made by hand is checked afresh every time.
 */
let lastChecked = new Map<
  string,
  {
    header: readonly Cell[] | undefined;
    context: string;
    rows: readonly (readonly Cell[])[];
    found: RowFindings[];
  }
>();
const NO_PROBLEMS: RowFindings["problems"] = Object.freeze([]);

function rowFindings(
  schema: SheetSchema,
  place: Place,
  row: readonly Cell[],
  check: (c: number, cell: Cell) => CellProblem | undefined,
): RowFindings {
  let found: Omit<Problem, "sheet" | "row">[] | undefined;
  for (let c = 0; c < place.columns.length; c++) {
    const at = place.columns[c]!;
    if (at < 0) continue;
    const problem = check(c, row[at] ?? "");
    if (problem) (found ??= []).push(Object.freeze({ column: schema.columns[c]!.key, ...problem }));
  }
  // The cells a row is compared to other rows by are among those of its key.
  const keys = duplicateKeys(
    cellText(row[place.uscc] ?? ""),
    cellText(row[place.name] ?? ""),
    cellText(row[place.phone] ?? ""),
  );
  // The index filing searches must say what the row's cells do (validate/duplicates.ts).
  if (place.dupIndex !== undefined) {
    const index = cellText(row[place.dupIndex] ?? "");
    if (index !== indexOfKeys(keys))
      (found ??= []).push(Object.freeze({ column: DUP_INDEX, rule: "dupIndex.stale", value: index }));
  }
  const status =
    place.intakeStatus === undefined
      ? undefined
      : choiceCode(intakeStatuses, cellText(row[place.intakeStatus] ?? ""));
  return Object.freeze({
    problems: found ? Object.freeze(found) : NO_PROBLEMS,
    keys,
    id: cellText(row[place.id] ?? "").trim(),
    closed: !!status && !OPEN_INTAKE.has(status),
  });
}

/**
 * checkCell for the cells of one sheet. A choice, a Settings list or a date holds few
 * values, met again on most rows: each of those is checked once per sheet (checkCell
 * depends on its arguments alone).
 */
function cellChecker(
  schema: SheetSchema,
  settings: Settings,
  lang: Lang,
  today: string,
): (c: number, cell: Cell) => CellProblem | undefined {
  // null: the value is fine. A date column holds at most one value a day.
  const alike = schema.columns.map((column) =>
    column.kind.type === "choice" || column.kind.type === "setting" || column.kind.type === "date"
      ? new Map<Cell, CellProblem | null>()
      : undefined,
  );
  return (c, cell) => {
    const seen = alike[c];
    const known = seen?.get(cell);
    if (known !== undefined) return known ?? undefined;
    const problem = checkCell(schema.columns[c]!, cell, settings, lang, today);
    seen?.set(cell, problem ?? null);
    return problem;
  };
}

/** Forgets every remembered row ("check everything"; tests). */
export function forgetCheckedRows(): void {
  lastChecked = new Map();
}

// Excel's error values (validate/text.ts), here too for those who check cells.
export { EXCEL_ERROR } from "./validate/text";
import { EXCEL_ERROR } from "./validate/text";

/** Checks one cell against its column; undefined when the value is fine as it stands. */
export function checkCell(
  column: Column,
  value: Cell,
  settings: Settings,
  lang: Lang,
  today: string,
): CellProblem | undefined {
  const text = cellText(value);
  const trimmed = text.trim();
  if (trimmed === "") return column.required ? { rule: "required", value: text } : undefined;
  // What Excel shows instead of a value is never the value, whatever the column.
  if (trimmed.startsWith("#") && EXCEL_ERROR.test(trimmed)) return { rule: "cell.error", value: text };
  if (text.startsWith("=")) return { rule: "cell.formula", value: text };
  const outcome = checkValue(column, value, text, settings, lang, today);
  if (outcome === undefined) return undefined;
  if (outcome.ok) {
    if (!outcome.fixed) return undefined;
    // A valid number written another way (brackets, +86, spaces): a tidy-up, not an error.
    if (column.kind.type === "phone")
      return { rule: "phone.tidy", value: text, fix: outcome.value, tidy: true };
    // An allowed value in the other language (a pane in English on a Chinese workbook):
    // the same choice, written in the sheet's language.
    if (column.kind.type === "choice" && collapseSpaces(toHalfWidth(text)) !== outcome.value)
      return { rule: "enum.otherLanguage", value: text, fix: outcome.value, tidy: true };
    return { rule: formatRule(column), value: text, fix: outcome.value };
  }
  return { rule: outcome.rule, value: text, fix: outcome.fix, detail: outcome.detail };
}

/**
 * `text` is the cell's value as text (cellText). Undefined: the value is fine as it stands
 * (most cells; nothing made for them — Validate asks this of every cell).
 */
function checkValue(
  column: Column,
  value: Cell,
  text: string,
  settings: Settings,
  lang: Lang,
  today: string,
): Check | undefined {
  const k = column.kind;
  switch (k.type) {
    case "uscc":
      // An all-digit code typed into a General cell became a number and lost digits beyond
      // the 15th: no check character can be trusted, only re-entering it as text helps.
      return typeof value === "number" ? { ok: false, rule: "uscc.number" } : checkUscc(text);
    case "postcode":
      return checkPostcode(text);
    case "phone":
      return phonesAsTheyStand(text);
    case "email":
      return checkEmail(text);
    case "date":
      return checkDate(typeof value === "number" ? value : text, k.notFuture ? { notAfter: today } : {});
    case "datetime":
      return checkDateTime(value);
    case "number":
      return checkNumber(value, k.min ?? 0);
    case "id":
      return /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/.test(text.trim())
        ? text === text.trim()
          ? undefined
          : { ok: true, value: text.trim(), fixed: true }
        : { ok: false, rule: "id.format" };
    case "choice": {
      const code = choiceCode(k.choices, collapseSpaces(toHalfWidth(text)));
      if (!code)
        return {
          ok: false,
          rule: "enum.notAllowed",
          detail: { allowed: k.choices.map((c) => c[lang]).join(", ") },
        };
      const label = choiceLabel(k.choices, code, lang);
      return label === text ? undefined : { ok: true, value: label, fixed: true };
    }
    case "setting": {
      const allowed = settingsList(settings, k.list);
      const trimmed = collapseSpaces(text);
      if (!allowed.includes(trimmed))
        return { ok: false, rule: "enum.notAllowed", detail: { allowed: allowed.join(", ") } };
      return trimmed === text ? undefined : { ok: true, value: trimmed, fixed: true };
    }
    case "text": {
      const tidy = k.multiline
        ? withoutInvisibles(text).trim()
        : isTidyLine(text)
          ? text
          : collapseSpaces(withoutInvisibles(text));
      // Characters, not UTF-16 units, are counted; there are never more of them.
      if (k.max && tidy.length > k.max && [...tidy].length > k.max)
        return { ok: false, rule: "tooLong", detail: { max: k.max } };
      return tidy === text ? undefined : { ok: true, value: tidy, fixed: true };
    }
  }
}

function formatRule(column: Column): Problem["rule"] {
  const byKind: Partial<Record<Column["kind"]["type"], Problem["rule"]>> = {
    uscc: "uscc.format",
    postcode: "postcode.format",
    phone: "phone.format",
    email: "email.format",
    date: "date.format",
    datetime: "date.format",
    number: "number.format",
    id: "id.format",
    choice: "enum.notAllowed",
    setting: "enum.notAllowed",
    text: "text.whitespace",
  };
  return byKind[column.kind.type] ?? "required";
}

function checkNumber(value: Cell, min: number): Check {
  if (typeof value === "number")
    return value >= min ? { ok: true, value: String(value) } : { ok: false, rule: "number.format" };
  const tidy = toHalfWidth(String(value)).replace(/[,\s]/g, "");
  const n = Number(tidy);
  if (tidy === "" || !Number.isFinite(n) || n < min) return { ok: false, rule: "number.format" };
  return String(n) === String(value)
    ? { ok: true, value: String(n) }
    : { ok: true, value: String(n), fixed: true };
}

function checkDateTime(value: Cell): Check {
  if (typeof value === "number")
    return value >= 1 && value < 2958466
      ? { ok: true, value: String(value) }
      : { ok: false, rule: "date.format" };
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(collapseSpaces(toHalfWidth(String(value))));
  if (!m) return { ok: false, rule: "date.format" };
  const date = checkDate(`${m[1]}-${m[2]}-${m[3]}`);
  if (!date.ok || Number(m[4]) > 23) return { ok: false, rule: "date.format" };
  return { ok: true, value: String(value) };
}

/** Schemas Validate reads; the adapter reads these sheets plus Settings. */
export const validatedSheets: SheetSchema[] = [register, intake];
