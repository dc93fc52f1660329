/**
 * A sheet schema is plain data: one table per sheet describes its columns. Headers in
 * both languages, parsing, validation, column widths, number formats and Excel's own data
 * validation are all derived from it, so adding a field is one line.
 */

/** A text in both languages the product speaks. */
export interface Words {
  zh: string;
  en: string;
}
export type Lang = keyof Words;
export const LANGS: Lang[] = ["zh", "en"];

/** One allowed value of a fixed enumeration: a stable code and its labels. */
export interface Choice extends Words {
  code: string;
}

/** Lists that live on the Settings sheet and feed drop-downs and checks. */
export type SettingsList = "departments" | "regions" | "creditRatings";

export type Kind =
  | { type: "id" }
  | { type: "text"; max?: number; multiline?: boolean }
  | { type: "uscc" }
  | { type: "postcode" }
  | { type: "phone" }
  | { type: "email" }
  | { type: "date"; notFuture?: boolean }
  | { type: "datetime" }
  | { type: "number"; min?: number; decimals?: number }
  | { type: "choice"; choices: Choice[] }
  | { type: "setting"; list: SettingsList };

export interface Column {
  key: string;
  header: Words;
  kind: Kind;
  required: boolean;
  /** Width in Excel character units (a CJK character counts two). */
  width: number;
  /** Kept by the add-in for itself, hidden from view (the Register's duplicate index). */
  hidden?: boolean;
}

export interface SheetSchema {
  key: string;
  name: Words;
  columns: Column[];
  /** The add-in writes this sheet; people read it. Protected after writing. */
  generated?: boolean;
  /** Tab colour, so the roles of sheets can be told apart at a glance. */
  tabColor?: string;
}

export interface ColumnOptions {
  required?: boolean;
  width?: number;
  hidden?: boolean;
}

const defaultWidths: Record<Kind["type"], number> = {
  id: 10,
  text: 18,
  uscc: 22,
  postcode: 9,
  phone: 18,
  email: 24,
  date: 12,
  datetime: 18,
  number: 12,
  choice: 12,
  setting: 14,
};

export function col(key: string, header: Words, kind: Kind, options: ColumnOptions = {}): Column {
  return {
    key,
    header,
    kind,
    required: options.required ?? false,
    width: options.width ?? defaultWidths[kind.type],
    ...(options.hidden && { hidden: true }),
  };
}

export function sheet(
  key: string,
  name: Words,
  columns: Column[],
  extra: Pick<SheetSchema, "generated" | "tabColor"> = {},
): SheetSchema {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.key)) throw new Error(`schema ${key}: column ${c.key} twice`);
    seen.add(c.key);
  }
  return { key, name, columns, ...extra };
}

export const id = (): Kind => ({ type: "id" });
export const text = (max = 255, multiline = false): Kind => ({ type: "text", max, multiline });
export const uscc = (): Kind => ({ type: "uscc" });
export const postcode = (): Kind => ({ type: "postcode" });
export const phone = (): Kind => ({ type: "phone" });
export const email = (): Kind => ({ type: "email" });
export const date = (notFuture = false): Kind => ({ type: "date", notFuture });
export const datetime = (): Kind => ({ type: "datetime" });
export const number = (min = 0, decimals = 2): Kind => ({ type: "number", min, decimals });
export const oneOf = (choices: Choice[]): Kind => ({ type: "choice", choices });
export const fromSettings = (list: SettingsList): Kind => ({ type: "setting", list });

/** Excel number format that keeps what a clerk typed: text stays text ("010" keeps its zero). */
export function numberFormatOf(kind: Kind): string {
  switch (kind.type) {
    case "date":
      return "yyyy-mm-dd";
    case "datetime":
      return "yyyy-mm-dd hh:mm";
    case "number":
      return kind.decimals ? "#,##0." + "0".repeat(kind.decimals) : "#,##0";
    default:
      return "@";
  }
}

/** The label of a choice in a language, or the code when it is not one of the choices. */
export function choiceLabel(choices: Choice[], code: string, lang: Lang): string {
  return choices.find((c) => c.code === code)?.[lang] ?? code;
}

/** Accepts the code or either language's label, case- and width-insensitively. */
export function choiceCode(choices: Choice[], raw: string): string | undefined {
  const wanted = raw.trim().toLowerCase();
  if (!wanted) return undefined;
  const hit = choices.find(
    (c) => c.code.toLowerCase() === wanted || c.zh === raw.trim() || c.en.toLowerCase() === wanted,
  );
  return hit?.code;
}
