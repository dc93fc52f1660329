import { findSheet } from "../../domain/layout";
import type { Problem } from "../../domain/problem";
import { register, intake, settings as settingsSchema } from "../../domain/schema/sheets";
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
}

/** "Validate workbook": reads Register, Intake and Settings in one batch; writes nothing. */
export function validateWorkbook(env: ExcelEnv, today: string) {
  return guarded<ValidationOutcome>(() =>
    env.run(async (context) => {
      const book = new Book(context, env.platform);
      const snapshot = await book.read((names) =>
        [register, intake, settingsSchema]
          .map((s) => findSheet(s, names)?.name)
          .filter((n): n is string => !!n),
      );
      const settingsName = findSheet(settingsSchema, snapshot.sheetNames)?.name;
      const settings = readSettings(settingsName ? snapshot.sheets[settingsName]?.values : undefined);
      const report = check(snapshot, settings, today);
      const located = report.problems.map((p) => {
        const schema = validatedSheets.find((s) => s.key === p.sheet)!;
        const sheetName = findSheet(schema, snapshot.sheetNames)?.name ?? schema.name.zh;
        const at = headerIndex(schema, snapshot.sheets[sheetName]?.values[0]);
        const col = at[p.column];
        return { ...p, sheetName, address: `${col === undefined ? "A" : columnLetter(col)}${p.row}` };
      });
      return { problems: located, checked: report.checked };
    }),
  );
}
