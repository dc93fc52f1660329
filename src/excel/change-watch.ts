/**
 * What changed in the workbook since Validate last read it (issue 15, "Validate again"):
 * Excel says so while the pane is open — worksheets.onChanged (ExcelApi 1.9) for every
 * change to cells, the person's, a co-author's and this add-in's; worksheets.onCalculated
 * (ExcelApi 1.8) for formulas whose values changed without an edit — and the add-in's own
 * writes are marked as they are sent (Book.apply), so an action just finished is never
 * missed while its events are still on their way. A pane starts watching when it opens;
 * what happened before, or while no pane was open, is unknown, so the first Validate of a
 * pane reads everything (validate-workbook.ts).
 */
import type { ExcelEnv } from "./env";

/** Rows [from, to) of a sheet, 0-based. */
export type RowSpan = [number, number];

/** What changed on one sheet: all of it (rows moved, or an address not understood), or these rows. */
export interface Dirt {
  whole: boolean;
  rows: RowSpan[];
}

/** What changed since the last `take`: by worksheet id (Excel's events) and by name (the add-in's writes). */
export interface Taken {
  byId: Map<string, Dirt>;
  byName: Map<string, Dirt>;
}

/** The workbook as the last check read it: each checked sheet's id and extent from A1. */
export interface ReadShape {
  /** Under which the check's snapshot is kept where checks run (domain/snapshot-patch.ts). */
  id: string;
  /** When it was read ("2026-12-06T09:30"), for the pane to say. */
  at: string;
  /** Rows read then, over all sheets. */
  rows: number;
  sheets: Record<
    string,
    {
      id: string;
      rows: number;
      cols: number;
      /** The Change log on several sheets: each one's name, id and rows then (log-segments.ts). */
      segments?: { sheet: string; id: string; height: number }[];
    }
  >;
}

let made = 0;

export class ChangeWatch {
  /** Set once the handler is registered (its sync answered): from then on every change to cells is heard. */
  live = false;
  /** The last check's read, while it may be patched; dropped by "check everything" and by a failed check. */
  base: ReadShape | undefined;
  private byId = new Map<string, Dirt>();
  private byName = new Map<string, Dirt>();

  /** Registers the handler, once; quietly not live where Excel has no worksheets.onChanged. */
  start(env: ExcelEnv): Promise<void> {
    this.starting ??= this.register(env);
    return this.starting;
  }
  private starting: Promise<void> | undefined;

  private async register(env: ExcelEnv): Promise<void> {
    await env
      .run(async (context) => {
        context.workbook.worksheets.onChanged.add(async (event) => {
          this.heard(event.worksheetId, event.changeType, event.address);
        });
        // A formula's value changes without an edit, when Excel calculates: the rows
        // calculated where Excel says (`address`, ExcelApi 1.18), else the whole sheet.
        context.workbook.worksheets.onCalculated.add(async (event) => {
          const address = (event as { address?: string }).address;
          this.heard(event.worksheetId, address ? "RangeEdited" : "Calculated", address ?? "");
        });
        await context.sync();
        this.live = true;
      })
      .catch(() => undefined);
  }

  /**
   * An onChanged event: a range edited names its rows; anything else (rows or cells inserted
   * or deleted: every row below moves; "Others") makes the whole sheet changed, as does an
   * address that is not rows of cells ("A:C", or one not understood).
   */
  heard(worksheetId: string, changeType: string, address: string): void {
    const rows = changeType === "RangeEdited" ? rowsOf(address) : undefined;
    mark(this.byId, worksheetId, rows ?? "whole");
  }

  /** The add-in's own write to a sheet, as it is sent: these rows, or "whole" where they are found only when the batch runs. */
  wrote(sheet: string, rows: RowSpan | "whole"): void {
    mark(this.byName, sheet, rows === "whole" ? "whole" : [rows]);
  }

  /** What changed since the last take, and nothing from now on but what happens after. */
  take(): Taken {
    const taken = { byId: this.byId, byName: this.byName };
    this.byId = new Map();
    this.byName = new Map();
    return taken;
  }

  /** A fresh id for a read about to be kept: never one another watch or an earlier read gave. */
  newReadId(): string {
    made += 1;
    return `${Date.now().toString(36)}-${made}-${Math.random().toString(36).slice(2, 10)}`;
  }
}

function mark(map: Map<string, Dirt>, key: string, rows: RowSpan[] | "whole"): void {
  let dirt = map.get(key);
  if (!dirt) map.set(key, (dirt = { whole: false, rows: [] }));
  if (rows === "whole") dirt.whole = true;
  else if (!dirt.whole) dirt.rows.push(...rows);
}

/**
 * The rows an address names ("C5", "B2:D4", "3:7", areas joined by ", "), 0-based and
 * end-exclusive; undefined when it names whole columns or is not understood.
 */
export function rowsOf(address: string): RowSpan[] | undefined {
  const spans: RowSpan[] = [];
  for (const part of address.split(",")) {
    const at = part.trim().replace(/^.*!/, "").replace(/\$/g, "");
    const m = /^(?:[A-Z]{1,3})?(\d+)(?::(?:[A-Z]{1,3})?(\d+))?$/.exec(at);
    if (!m) return undefined;
    const first = Number(m[1]);
    const last = Number(m[2] ?? m[1]);
    if (first < 1 || last < first) return undefined;
    spans.push([first - 1, last]);
  }
  return spans.length ? spans : undefined;
}

/** Row spans put in order and joined where they touch or overlap. */
export function joinSpans(spans: RowSpan[]): RowSpan[] {
  const out: RowSpan[] = [];
  for (const [from, to] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = out.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}
