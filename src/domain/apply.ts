import type { Snapshot, Write } from "./workbook";

/**
 * The snapshot after a plan's writes, as far as values and sheets go (added sheets,
 * values, cleared blocks, deleted rows): for planning a second step on the result of a
 * first within one action, and for checking a plan by its effect. Excel's typing of
 * input is the adapter's business.
 */
export function applyToSnapshot(snapshot: Snapshot, writes: Write[]): Snapshot {
  const next = structuredClone(snapshot);
  for (const w of writes) {
    if (w.kind === "addSheet") {
      next.sheetNames.push(w.sheet);
      next.sheets[w.sheet] = { name: w.sheet, values: [] };
      continue;
    }
    if (w.kind === "deleteSheet") {
      next.sheetNames = next.sheetNames.filter((n) => n !== w.sheet);
      delete next.sheets[w.sheet];
      continue;
    }
    const grid = next.sheets[w.sheet]?.values;
    if (!grid) continue;
    if (w.kind === "values") {
      w.values.forEach((row, r) =>
        row.forEach((v, c) => {
          while (grid.length <= w.row + r) grid.push([]);
          const line = grid[w.row + r]!;
          while (line.length < w.col + c) line.push("");
          line[w.col + c] = v;
        }),
      );
    } else if (w.kind === "deleteRows") {
      grid.splice(w.row, w.count);
    } else if (w.kind === "insertRows") {
      // The first `cols` columns move down from `row`; the cells right of them stay.
      const end = grid.length + w.count;
      while (grid.length < end) grid.push([]);
      for (let r = end - 1; r >= w.row; r--)
        for (let c = 0; c < w.cols; c++) {
          const line = grid[r]!;
          while (line.length <= c) line.push("");
          line[c] = r - w.count >= w.row ? (grid[r - w.count]![c] ?? "") : "";
        }
    } else if (w.kind === "clear") {
      for (let r = w.row; r < Math.min(grid.length, w.row + w.rows); r++) {
        const line = grid[r]!;
        for (let c = w.col; c < Math.min(line.length, w.col + w.cols); c++) line[c] = "";
      }
    }
  }
  for (const s of Object.values(next.sheets)) s.values = s.values.map((r) => Array.from(r, (v) => v ?? ""));
  return next;
}
