import { findSheet } from "../../domain/layout";
import type { Problem } from "../../domain/problem";
import {
  archivePast,
  archiveSuspended,
  changeLog,
  destructionLog,
  register,
  intake,
  settings as settingsSchema,
  staff,
} from "../../domain/schema/sheets";
import { readSheet } from "../../domain/records";
import { staffEntries, trustStaff } from "../../domain/stamps/staff";
import { verifyArchives, verifyWorkbook } from "../../domain/verification";
import { headerIndex } from "../../domain/layout";
import { readSettings } from "../../domain/settings";
import { validateWorkbook as check, validatedSheets } from "../../domain/validation";
import { columnLetter } from "../../domain/workbook";
import { Book } from "../book";
import type { ExcelEnv } from "../env";
import { guarded } from "./result";

/** A problem with the cell it points at, so the pane can select it. */
export interface LocatedProblem extends Problem {
  sheetName: string;
  /** A1 address on that sheet, e.g. "F12"; the header cell or A1 when no column applies. */
  address: string;
}

export interface ValidationOutcome {
  problems: LocatedProblem[];
  checked: Record<string, number>;
  /** The administrator's key is not the one this device pinned: no stamp can be trusted. */
  adminChanged: boolean;
}

/**
 * "Validate workbook": reads Register, Intake, Settings, Staff and the Change log in one
 * batch; checks every row, verifies every stamp and the log's chain; writes nothing.
 */
export function validateWorkbook(env: ExcelEnv, today: string, pinnedAdmin?: string) {
  return guarded<ValidationOutcome>(() =>
    env.run(async (context) => {
      const book = new Book(context, env.platform);
      const snapshot = await book.read((names) =>
        [register, intake, settingsSchema, staff, changeLog, archiveSuspended, archivePast, destructionLog]
          .map((s) => findSheet(s, names)?.name)
          .filter((n): n is string => !!n),
      );
      const settingsName = findSheet(settingsSchema, snapshot.sheetNames)?.name;
      const settings = readSettings(settingsName ? snapshot.sheets[settingsName]?.values : undefined);
      const report = check(snapshot, settings, today);
      const trust = await trustStaff(staffEntries(readSheet(staff, snapshot).records), pinnedAdmin);
      report.problems.push(...(await verifyWorkbook(snapshot, settings, trust)));
      report.problems.push(...(await verifyArchives(snapshot, settings, trust)));
      const sheetsByKey = [...validatedSheets, changeLog, archiveSuspended, archivePast, destructionLog];
      const located = report.problems.map((p) => {
        const schema = sheetsByKey.find((s) => s.key === p.sheet)!;
        const sheetName = findSheet(schema, snapshot.sheetNames)?.name ?? schema.name.zh;
        const at = headerIndex(schema, snapshot.sheets[sheetName]?.values[0]);
        const col = at[p.column];
        return { ...p, sheetName, address: `${col === undefined ? "A" : columnLetter(col)}${p.row}` };
      });
      return { problems: located, checked: report.checked, adminChanged: trust.adminChanged };
    }),
  );
}
