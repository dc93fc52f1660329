/**
 * A workbook read again in part (issue 15, "Validate again"): what changed since a check's
 * read, put over that read. Excel says which cells changed while the pane is open
 * (excel/change-watch.ts); the adapter reads those rows again, and here they replace the
 * rows the last check read. A sheet nothing changed on keeps its very values array, so what
 * was worked out from it once (records.ts `oncePerSheetRead`: the journal's fold, the
 * records) is not worked out again.
 */
import type { Cell, SheetState, Snapshot } from "./workbook";

/** One sheet's values read whole again, or some of its rows. */
export type SheetPatch =
  | { whole: Cell[][] }
  | {
      /** How many rows the sheet has now, from A1 (rows past it are gone). */
      length: number;
      /** The rows read again, by 0-based row, each as wide as the sheet was. */
      rows: [number, Cell[]][];
    };

export interface SnapshotPatch {
  /** Every worksheet's name now, in tab order. */
  sheetNames: string[];
  states: Record<string, SheetState>;
  /** By name, every sheet the check reads that is there now: its patch, or "kept" when nothing of it changed. */
  sheets: Record<string, SheetPatch | "kept">;
  /** Where the log's rows stand on its sheets now, when it stands on several (log-segments.ts). */
  logSegments?: Snapshot["logSegments"];
}

/** The base was not the one a patch was made over: the check must read the workbook whole. */
export class BaseLost extends Error {
  constructor() {
    super("The workbook as last read is no longer kept here: it is read whole again.");
    this.name = "BaseLost";
  }
}

/** The base with the patch put over it; the base is not changed. */
export function patchSnapshot(base: Snapshot, patch: SnapshotPatch): Snapshot {
  const sheets: Snapshot["sheets"] = {};
  for (const [name, change] of Object.entries(patch.sheets)) {
    const before = base.sheets[name];
    if (change === "kept") {
      if (!before) throw new BaseLost();
      sheets[name] = before;
    } else if ("whole" in change) sheets[name] = { name, values: change.whole };
    else {
      if (!before) throw new BaseLost();
      const values = before.values.slice(0, change.length);
      const width = before.values[0]?.length ?? 0;
      while (values.length < change.length) values.push(new Array<Cell>(width).fill(""));
      for (const [row, cells] of change.rows) if (row < change.length) values[row] = cells;
      sheets[name] = { name, values };
    }
  }
  return {
    sheetNames: patch.sheetNames,
    sheets,
    states: patch.states,
    ...(patch.logSegments && { logSegments: patch.logSegments }),
  };
}

/**
 * The workbook a check last read, kept where checks run (the pane's Web Worker, or this
 * process) for the next check's patch. One at a time: a patch over another is BaseLost.
 */
export class KeptSnapshot {
  private kept: { id: string; snapshot: Snapshot } | undefined;

  /** The snapshot a check is given: read whole, or the kept one patched. */
  resolve(input: { snapshot?: Snapshot; patch?: { base: string; changes: SnapshotPatch } }): Snapshot {
    if (input.snapshot) return input.snapshot;
    if (!input.patch || this.kept?.id !== input.patch.base) throw new BaseLost();
    return patchSnapshot(this.kept.snapshot, input.patch.changes);
  }

  keep(id: string, snapshot: Snapshot): void {
    this.kept = { id, snapshot };
  }

  forget(): void {
    this.kept = undefined;
  }
}
