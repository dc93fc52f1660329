import type { Problem } from "../../domain/problem";
import type { ExcelEnv } from "../env";
import { guarded } from "./result";

/**
 * Jumps to a cell: activates its sheet and selects it. One sync. A sheet kept hidden
 * (kept-sheets.ts) cannot be gone to: one more sync tells that apart from any other failure,
 * and the person is told where to show it instead.
 */
export function selectCell(env: ExcelEnv, sheetName: string, address: string) {
  return guarded(() =>
    env.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      try {
        sheet.activate();
        sheet.getRange(address).select();
        await context.sync();
      } catch (error) {
        const again = context.workbook.worksheets.getItemOrNullObject(sheetName);
        again.load("visibility");
        await context.sync();
        if (again.isNullObject || again.visibility === "Visible") throw error;
        const hidden: Problem = {
          sheet: "",
          row: 1,
          column: "",
          rule: "sheets.hidden",
          value: sheetName,
          detail: { name: sheetName },
        };
        return { problems: [hidden] };
      }
      return { problems: [] as Problem[] };
    }),
  );
}
