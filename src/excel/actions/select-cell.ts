import type { ExcelEnv } from "../env";
import { guarded } from "./result";

/** Jumps to a cell: activates its sheet and selects it. One sync. */
export function selectCell(env: ExcelEnv, sheetName: string, address: string) {
  return guarded(() =>
    env.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(address).select();
      await context.sync();
      return {};
    }),
  );
}
