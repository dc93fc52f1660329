import type { Snapshot, Write } from "../../../src/domain/workbook";

/**
 * The snapshot after a plan's writes, as far as values and sheets go: for checking a plan
 * by its effect without Excel. (Typing rules are the host's business; tests of the adapter
 * cover them.)
 */
export function apply(snapshot: Snapshot, writes: Write[]): Snapshot {
  const next = structuredClone(snapshot);
  for (const w of writes) {
    if (w.kind === "addSheet") {
      next.sheetNames.push(w.sheet);
      next.sheets[w.sheet] = { name: w.sheet, values: [] };
    }
    if (w.kind !== "values") continue;
    const grid = next.sheets[w.sheet]!.values;
    w.values.forEach((row, r) =>
      row.forEach((v, c) => {
        while (grid.length <= w.row + r) grid.push([]);
        const line = grid[w.row + r]!;
        while (line.length < w.col + c) line.push("");
        line[w.col + c] = v;
      }),
    );
  }
  for (const s of Object.values(next.sheets)) s.values = s.values.map((r) => Array.from(r, (v) => v ?? ""));
  return next;
}
