import { planAdoption } from "../../../src/domain/journal/adopt";
import type { Snapshot } from "../../../src/domain/workbook";
import { apply } from "./apply";

/** The snapshot with its hand-kept customers taken into the journal, as the first set-up does. */
export async function adopted(snapshot: Snapshot): Promise<Snapshot> {
  const plan = await planAdoption(snapshot, "陈会计", { date: "2026-01-05", time: "09:00" }, "zh");
  if (plan.problems.length) throw new Error(JSON.stringify(plan.problems));
  return apply(snapshot, plan.writes);
}
