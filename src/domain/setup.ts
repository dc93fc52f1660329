/**
 * "Set up workbook": create every missing sheet with headers, formats, Excel data
 * validation and frozen header row; complete sheets that lack columns; touch nothing that
 * is already there. Running it twice writes nothing the second time.
 */
import type { Column, Lang, SheetSchema } from "./schema/model";
import { choiceLabel, numberFormatOf } from "./schema/model";
import { register, setUpSheets, settings as settingsSchema } from "./schema/sheets";
import { findSheet, headerIndex, workbookLang } from "./layout";
import { defaultSettingsRows } from "./settings";
import type { Snapshot, ValidationMessage, ValidationRule, Write } from "./workbook";
import { columnLetter, sheetRef } from "./workbook";
import { cellText } from "./validate/text";

export interface SetupReport {
  lang: Lang;
  /** Sheets created, by name. */
  created: string[];
  /** Existing sheets that got missing columns, with the headers added. */
  completed: { sheet: string; columns: string[] }[];
  /**
   * Columns already there whose cells lacked the product's number format (a register kept by
   * hand in General cells), now given it: from then on Excel keeps "010010" as typed.
   */
  formatted: { sheet: string; columns: string[] }[];
  writes: Write[];
}

/** Where a drop-down fed from Settings takes its list: that column of the Settings sheet. */
function listSourceOf(snapshot: Snapshot, lang: Lang): (list: string) => string {
  const settingsName = findSheet(settingsSchema, snapshot.sheetNames)?.name ?? settingsSchema.name[lang];
  const settingsHeader = snapshot.sheets[settingsName]?.values[0];
  const settingsAt = { ...defaultIndex(settingsSchema), ...headerIndex(settingsSchema, settingsHeader) };
  return (list: string) => {
    const letter = columnLetter(settingsAt[list]!);
    return `=${sheetRef(settingsName)}!$${letter}$2:$${letter}$500`;
  };
}

/**
 * The Excel data-validation rules of every set-up sheet present, at the columns where its
 * headers stand: for writing a workbook file whose rules were not read (the Node tool).
 */
export function validationWrites(snapshot: Snapshot, displayLang: Lang): Write[] {
  const lang = workbookLang(setUpSheets, snapshot, displayLang);
  const listSource = listSourceOf(snapshot, lang);
  const writes: Write[] = [];
  for (const schema of setUpSheets) {
    const found = findSheet(schema, snapshot.sheetNames);
    if (!found) continue;
    const at = headerIndex(schema, snapshot.sheets[found.name]?.values[0]);
    for (const column of schema.columns) {
      const index = at[column.key];
      if (index === undefined) continue;
      const rule = excelRule(column, found.lang ?? lang, listSource, columnLetter(index));
      if (rule) writes.push({ kind: "validation", sheet: found.name, col: index, ...rule });
    }
  }
  return writes;
}

export function planSetup(snapshot: Snapshot, displayLang: Lang): SetupReport {
  const lang = workbookLang(setUpSheets, snapshot, displayLang);
  const listSource = listSourceOf(snapshot, lang);

  const report: SetupReport = { lang, created: [], completed: [], formatted: [], writes: [] };
  for (const schema of setUpSheets) {
    const found = findSheet(schema, snapshot.sheetNames);
    const name = found?.name ?? schema.name[lang];
    const sheetLang = found?.lang ?? lang;
    const values = snapshot.sheets[name]?.values ?? [];
    const header = values[0] ?? [];
    const at = headerIndex(schema, header);
    const missing = schema.columns.filter((c) => at[c.key] === undefined);
    const w = report.writes;
    if (found) {
      const unformatted = unformattedColumns(schema, at, snapshot.sheets[name]?.formats);
      for (const { column, index } of unformatted)
        w.push({ kind: "columnFormat", sheet: name, col: index, numberFormat: numberFormatOf(column.kind) });
      if (unformatted.length)
        report.formatted.push({
          sheet: name,
          columns: unformatted.map(({ column }) => column.header[sheetLang]),
        });
    }
    if (found && missing.length === 0) continue;

    if (!found) {
      w.push({ kind: "addSheet", sheet: name, tabColor: schema.tabColor });
      report.created.push(name);
    } else {
      report.completed.push({ sheet: name, columns: missing.map((c) => c.header[sheetLang]) });
    }
    const firstFree = lastUsedIndex(header) + 1;
    const placed = missing.map((column, i) => ({ column, index: firstFree + i }));
    for (const { column, index } of placed) {
      w.push({
        kind: "columnFormat",
        sheet: name,
        col: index,
        numberFormat: numberFormatOf(column.kind),
        width: column.width,
      });
    }
    w.push({
      kind: "values",
      sheet: name,
      row: 0,
      col: firstFree,
      values: [placed.map(({ column }) => column.header[sheetLang])],
    });
    w.push({ kind: "headerStyle", sheet: name, row: 0, col: 0, count: firstFree + placed.length });
    if (!found) w.push({ kind: "freezeRows", sheet: name, count: 1 });
    for (const { column, index } of placed) {
      const rule = excelRule(column, sheetLang, listSource, columnLetter(index));
      if (rule) w.push({ kind: "validation", sheet: name, col: index, ...rule });
      if (column.hidden) w.push({ kind: "hideColumns", sheet: name, col: index, count: 1 });
    }
    if (schema === settingsSchema && !found) {
      w.push({ kind: "values", sheet: name, row: 1, col: 0, values: defaultSettingsRows(sheetLang) });
    }
  }
  // A new register is what the clerk wants to see next, not the blank sheet they started on.
  const registerName = register.name[lang];
  if (report.created.includes(registerName)) report.writes.push({ kind: "activate", sheet: registerName });
  return report;
}

/**
 * The product's columns of an existing sheet whose sampled rows (the first below the header
 * and the last a column format covers) lack the column's number format. Without samples
 * (a file read by the Node tool) none: the tool writes its own formats.
 */
function unformattedColumns(
  schema: SheetSchema,
  at: Record<string, number>,
  samples: string[][] | undefined,
): { column: Column; index: number }[] {
  if (!samples?.length) return [];
  return schema.columns
    .filter((column) => at[column.key] !== undefined)
    .map((column) => ({ column, index: at[column.key]! }))
    .filter(({ column, index }) =>
      samples.some((row) => (row[index] ?? "General") !== numberFormatOf(column.kind)),
    );
}

function defaultIndex(schema: SheetSchema): Record<string, number> {
  return Object.fromEntries(schema.columns.map((c, i) => [c.key, i]));
}

function lastUsedIndex(row: unknown[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (cellText(row[i] as string).trim() !== "") return i;
  return -1;
}

const messages = {
  choice: { zh: "请从下拉列表中选择。", en: "Pick a value from the drop-down list." },
  setting: {
    zh: "请从下拉列表中选择(列表在“设置”表中维护)。",
    en: "Pick a value from the list kept on the Settings sheet.",
  },
  date: { zh: "请输入日期,例如 2024-03-05。", en: "Enter a date such as 2024-03-05." },
  postcode: { zh: "邮编是6位数字。", en: "A postcode has 6 digits." },
  uscc: { zh: "统一社会信用代码是18位。", en: "A unified social credit code has 18 characters." },
  number: { zh: "请输入不小于0的数字。", en: "Enter a number of at least 0." },
  email: { zh: "电子邮箱须含有 @。", en: "An e-mail address contains @." },
  text: { zh: "内容过长。", en: "The text is too long." },
  title: { zh: "客户名簿", en: "Customer register" },
};

/** The Excel data-validation rule that checks direct typing into a column, if any. */
export function excelRule(
  column: Column,
  lang: Lang,
  listSource: (list: string) => string,
  letter: string,
): { rule: ValidationRule; error: ValidationMessage } | undefined {
  const error = (m: { zh: string; en: string }) => ({
    title: messages.title[lang],
    message: `${column.header[lang]}: ${m[lang]}`,
  });
  const k = column.kind;
  switch (k.type) {
    case "choice":
      return {
        rule: {
          list: {
            inCellDropDown: true,
            source: k.choices.map((c) => choiceLabel(k.choices, c.code, lang)).join(","),
          },
        },
        error: error(messages.choice),
      };
    case "setting":
      return {
        rule: { list: { inCellDropDown: true, source: listSource(k.list) } },
        error: error(messages.setting),
      };
    case "date":
    case "datetime":
      return {
        rule: { date: { formula1: "1900-01-01", formula2: "2099-12-31", operator: "Between" } },
        error: error(messages.date),
      };
    case "postcode":
      return { rule: { textLength: { formula1: 6, operator: "EqualTo" } }, error: error(messages.postcode) };
    case "uscc":
      return { rule: { textLength: { formula1: 18, operator: "EqualTo" } }, error: error(messages.uscc) };
    case "number":
      return {
        rule: { decimal: { formula1: k.min ?? 0, operator: "GreaterThanOrEqualTo" } },
        error: error(messages.number),
      };
    case "email":
      return {
        rule: { custom: { formula: `=ISNUMBER(SEARCH("@",${letter}2))` } },
        error: error(messages.email),
      };
    case "text":
      return k.max
        ? {
            rule: { textLength: { formula1: k.max, operator: "LessThanOrEqualTo" } },
            error: error(messages.text),
          }
        : undefined;
    default:
      return undefined;
  }
}
