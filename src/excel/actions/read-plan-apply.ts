import { bookContext } from "../../domain/book-context";
import { findSheet } from "../../domain/layout";
import type { SheetSchema } from "../../domain/schema/model";
import { settings as settingsSchema, staff } from "../../domain/schema/sheets";
import { type Settings } from "../../domain/settings";
import { type StaffTrust } from "../../domain/stamps/staff";
import type { Snapshot, Write } from "../../domain/workbook";
import { Book } from "../book";
import type { ExcelEnv } from "../env";

export interface Context {
  snapshot: Snapshot;
  settings: Settings;
  trust: StaffTrust;
}

/**
 * The shape of every pane action: read the sheets it needs in one batch (Settings and
 * Staff always), let the domain plan, apply the plan's writes in one (chunked) batch.
 * The plan's other fields are the action's result.
 */
export async function readPlanApply<T extends { writes: Write[] }>(
  env: ExcelEnv,
  sheets: SheetSchema[],
  pinnedAdmin: string | undefined,
  plan: (context: Context) => Promise<T>,
  sizesOf: (sheetNames: string[]) => string[] = () => [],
): Promise<Omit<T, "writes"> & { adminChanged: boolean; adminFingerprint?: string }> {
  return env.run(async (excel) => {
    const book = new Book(excel, env.platform);
    const wanted = [...new Set([...sheets, settingsSchema, staff])];
    const snapshot = await book.read(
      (names) => wanted.map((s) => findSheet(s, names)?.name).filter((n): n is string => !!n),
      sizesOf,
    );
    const { settings, trust } = await bookContext(snapshot, pinnedAdmin);
    const { writes, ...result } = await plan({ snapshot, settings, trust });
    if (writes.length) await book.apply(writes);
    return { ...result, adminChanged: trust.adminChanged, adminFingerprint: trust.adminFingerprint };
  });
}
