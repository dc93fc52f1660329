/**
 * Cell formats on exactly what is written (issue 16). Excel types what is written into a
 * General cell: "010010" becomes the number 10010, an 18-digit credit code keeps 15
 * significant digits, and text beginning with "=" becomes a formula. A register kept by
 * hand before the add-in has General cells, and a column format set once covers only the
 * rows it was set on. So every block of values the product writes carries its columns'
 * number formats, and the adapter sets them on that block, in the same batch, before the
 * values: text columns "@", dates and numbers their own.
 */
import { isListSheet } from "./department-lists";
import { findSheet, headerIndex } from "./layout";
import { numberFormatOf, type SheetSchema } from "./schema/model";
import { departmentList, setUpSheets } from "./schema/sheets";
import { columnLetter, type Snapshot, type Write } from "./workbook";
import { readSheet } from "./records";

/** The number format of each column of a sheet the product knows, by column index. */
function formatsOf(schema: SheetSchema, header: unknown[] | undefined): Map<number, string> {
  const at = headerIndex(schema, header as never);
  const out = new Map<number, string>();
  for (const column of schema.columns)
    if (at[column.key] !== undefined) out.set(at[column.key]!, numberFormatOf(column.kind));
  return out;
}

/**
 * The plan with every values write given the number formats of the columns it covers:
 * the product's sheets by their header (a column of the person's own is left as it is),
 * a department list by its schema, and every other sheet the product generates (printed
 * lists, extracts, cards, labels) as text.
 */
export function formatWrites(snapshot: Snapshot, writes: Write[]): Write[] {
  // Headers as the plan leaves them: a header the plan writes counts from its write on.
  const headers = new Map<string, unknown[]>();
  for (const name of snapshot.sheetNames) headers.set(name, [...(snapshot.sheets[name]?.values[0] ?? [])]);
  const schemaOf = (sheet: string): SheetSchema | undefined =>
    isListSheet(sheet) ? departmentList : setUpSheets.find((s) => findSheet(s, [sheet]));
  // A sheet's formats by column, worked out once per header as the plan leaves it (a plan
  // may write one cell of each of thousands of rows).
  const known = new Map<string, Map<number, string> | undefined>();
  return writes.map((w) => {
    if (w.kind !== "values" || w.values.length === 0) return w;
    if (w.row === 0) {
      const header = headers.get(w.sheet) ?? [];
      w.values[0]!.forEach((v, c) => (header[w.col + c] = v));
      headers.set(w.sheet, header);
      known.delete(w.sheet);
      if (w.values.length === 1) return w;
    }
    if (!known.has(w.sheet)) {
      const schema = schemaOf(w.sheet);
      known.set(w.sheet, schema ? formatsOf(schema, headers.get(w.sheet)) : undefined);
    }
    const width = w.values[0]!.length;
    const sheetFormats = known.get(w.sheet);
    const formats = Array.from({ length: width }, (_, c) =>
      sheetFormats ? sheetFormats.get(w.col + c) : "@",
    );
    return formats.some((f) => f !== undefined) ? { ...w, formats } : w;
  });
}

/** A value Excel already changed before the columns had their format: where it is, and what to do. */
export interface DamagedValue {
  sheetName: string;
  /** Excel row number (the header is row 1) and A1 address. */
  row: number;
  address: string;
  column: string;
  rule: "uscc.number" | "text.storedAsNumber";
  value: string;
  /** A postcode that lost its leading zero: the code it must have been. */
  fix?: string;
}

/** Columns whose digits are text: a number there is what a General cell made of them. */
const DIGIT_TEXT = new Set(["uscc", "postcode", "phone"]);

/**
 * Values of a register kept by hand that Excel turned into numbers in General cells: a
 * credit code that lost every digit past the 15th, a postcode or landline that lost its
 * leading zero. Formatting the column as text now does not bring them back; the advice is
 * to re-enter them as text from the original document (a postcode with five digits can
 * only have been "0" and those five).
 */
export function damagedValues(snapshot: Snapshot, schemas: SheetSchema[]): DamagedValue[] {
  const out: DamagedValue[] = [];
  for (const schema of schemas) {
    const sheet = readSheet(schema, snapshot);
    if (!sheet.name) continue;
    for (const column of schema.columns) {
      const index = sheet.at[column.key];
      if (index === undefined || !DIGIT_TEXT.has(column.kind.type)) continue;
      for (const record of sheet.records) {
        const value = record.values[column.key];
        if (typeof value !== "number") continue;
        const digits = String(value);
        out.push({
          sheetName: sheet.name,
          row: record.row,
          address: `${columnLetter(index)}${record.row}`,
          column: column.key,
          rule: column.kind.type === "uscc" ? "uscc.number" : "text.storedAsNumber",
          value: digits,
          fix: column.kind.type === "postcode" && /^\d{5}$/.test(digits) ? `0${digits}` : undefined,
        });
      }
    }
  }
  return out;
}
