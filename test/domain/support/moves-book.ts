/**
 * A small workbook for the tests of moving customers out of the Register (termination,
 * the invalid list, destruction): the Register with sample customers in the departments
 * given, taken into the journal, the Change log, both archives and the destruction log,
 * in one language; and the office with a countersigned manager.
 */
import { readSheet } from "../../../src/domain/records";
import { sampleRegister } from "../../../src/domain/sample";
import type { Lang } from "../../../src/domain/schema/model";
import type { SheetSchema } from "../../../src/domain/schema/model";
import {
  archivePast,
  archiveSuspended,
  changeLog,
  destructionLog,
  register,
} from "../../../src/domain/schema/sheets";
import type { Stamper } from "../../../src/domain/stamping";
import { countersign, trustStaff, type StaffEntry } from "../../../src/domain/stamps/staff";
import type { Cell, Snapshot } from "../../../src/domain/workbook";
import { adopted } from "./journal";
import { office, person, type Person } from "./people";

export const now = { date: "2026-11-24", time: "16:00" };

/** C000001… in the order of `departments`, each in its department; every sheet a move touches. */
export async function movesBook(lang: Lang, departments: string[]): Promise<Snapshot> {
  const rows = sampleRegister(departments.length, lang);
  const dept = register.columns.findIndex((c) => c.key === "department");
  rows.forEach((r, i) => (r[dept] = departments[i]!));
  const snapshot: Snapshot = { sheetNames: [], sheets: {} };
  const sheets: [SheetSchema, Cell[][]][] = [
    [register, rows],
    [changeLog, []],
    [archiveSuspended, []],
    [archivePast, []],
    [destructionLog, []],
  ];
  for (const [schema, data] of sheets) {
    const name = schema.name[lang];
    snapshot.sheetNames.push(name);
    snapshot.sheets[name] = { name, values: [schema.columns.map((c) => c.header[lang]), ...data] };
  }
  return adopted(snapshot);
}

/** The office of support/people.ts (head of 业务一部, chairman, administrator) and a manager, all countersigned. */
export async function staffWithManager() {
  const people = await office();
  const manager = await person(5, "孙经理", "manager", "总务部");
  manager.entry.countersign = await countersign(people.admin.privateKey, manager.entry);
  return { ...people, manager, entries: [...people.entries, manager.entry] };
}

/** The Staff sheet's trust in these rows, the office's administrator pinned. */
export const trustOf = (entries: StaffEntry[], admin: Person) => trustStaff(entries, admin.fp);

export const stamper = (p: Person): Stamper => ({
  entry: p.entry,
  privateKey: p.privateKey,
  fingerprint: p.fp,
});

/** The customer IDs on a sheet, top to bottom. */
export const idsOn = (s: Snapshot, schema: SheetSchema, key = "id") =>
  readSheet(schema, s).records.map((r) => String(r.values[key]));

/** The records of a sheet, by column key. */
export const recordsOf = (s: Snapshot, schema: SheetSchema) => readSheet(schema, s).records;

/** A copy of the snapshot with one cell of a customer's row (found by its first column) changed. */
export function withCell(s: Snapshot, schema: SheetSchema, id: string, key: string, value: Cell): Snapshot {
  const copy = structuredClone(s);
  const sheet = readSheet(schema, copy);
  const grid = copy.sheets[sheet.name!]!.values;
  const row = grid.findIndex((r, i) => i > 0 && r[0] === id);
  grid[row]![sheet.at[key]!] = value;
  return copy;
}
