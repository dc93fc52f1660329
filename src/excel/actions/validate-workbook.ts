import { findSheet } from "../../domain/layout";
import { AHEAD_SHEETS } from "../../domain/check-ahead";
import {
  SegmentMap,
  joinLog,
  logChanges,
  logSegmentNames,
  type SegmentSeen,
} from "../../domain/log-segments";
import {
  checkInput,
  checkedSheets,
  type CheckInput,
  type CheckProgress,
  type CheckStep,
  type ValidationOutcome,
} from "../../domain/workbook-check";
import type { SheetPatch, SnapshotPatch } from "../../domain/snapshot-patch";
import type { Cell, SheetState, Snapshot } from "../../domain/workbook";
import { Book, type Block, type ReadSink } from "../book";
import { joinSpans, type ChangeWatch, type ReadShape, type RowSpan, type Taken } from "../change-watch";
import type { LogHead } from "../../domain/journal/head";
import type { ExcelEnv } from "../env";
import { guarded } from "./result";

export type { LocatedProblem, ValidationOutcome } from "../../domain/workbook-check";

/** Where a check runs: here, or (the pane) in a Web Worker that keeps what it verified. */
export type Checker = (input: CheckInput, progress: CheckProgress) => Promise<ValidationOutcome>;

/**
 * A check told a read whole as it comes (the pane's worker: taskpane/check-message.ts):
 * the read's rows go to `sink` after each answer, then `check` is given the read.
 */
export interface StreamedCheck {
  sink: ReadSink;
  check: Checker;
}

/**
 * The sheets a read whole reads first: what the worker works out first stands on them
 * alone (domain/check-ahead.ts), while the Register and the requests still come.
 */
const readOrder = [...AHEAD_SHEETS, ...checkedSheets.filter((s) => !AHEAD_SHEETS.includes(s))];

/** What Validate is doing: reading the workbook, then the check's steps. */
export type ValidateStep = "reading" | CheckStep;

/** What Validate read: everything, or only what changed since the check it names. */
export interface ValidateRead {
  /** Undefined: the workbook was read whole. */
  since?: string;
  /** Rows read again (changed since), and rows as read before. */
  rows: number;
  unchanged: number;
}

/**
 * "Validate workbook": reads Register, Intake, Settings, Staff, the archives and the logs;
 * checks every row, verifies every stamp and the log's chain; writes nothing. The check
 * runs where `check` says — the pane's Web Worker keeps the pane responsive and remembers
 * what it verified for the next run — and tells its progress as it goes.
 *
 * Where the pane watches what changes (env.sheetNames.changes, change-watch.ts) and the
 * last check's read is kept where checks run, a later Validate reads only the rows changed
 * (or calculated) since and puts them over
 * that read (domain/snapshot-patch.ts); a sheet added, gone, made again or grown a column,
 * rows inserted or deleted, or a read no longer kept, and that sheet or the workbook is
 * read whole. `everything` reads whole whatever changed.
 */
export function validateWorkbook(
  env: ExcelEnv,
  today: string,
  pinnedAdmin?: string,
  seenHeads: LogHead[] = [],
  /** The time now, "HH:MM": whether a sheet shown for a while is still within its time. */
  time = "00:00",
  how: {
    check?: Checker;
    /** Where a read whole is told to the check as it comes (the pane's worker). */
    stream?: (ahead: Pick<CheckInput, "pinnedAdmin">) => StreamedCheck;
    progress?: (step: ValidateStep, done: number, total: number) => void;
    everything?: boolean;
  } = {},
) {
  const progress = how.progress ?? (() => {});
  const check = how.check ?? checkInput;
  const watch = env.sheetNames?.changes;
  const now = `${today}T${time}`;
  return guarded<ValidationOutcome & { read: ValidateRead }>(async () => {
    progress("reading", 0, 1);
    const common = { today, pinnedAdmin, seenHeads, now };
    const base = how.everything ? undefined : watch?.live ? watch.base : undefined;
    // Dropped until this check is done: one that fails keeps nothing, and what it took from
    // the watch stands for no kept read, so the next Validate reads whole.
    if (watch) watch.base = undefined;
    if (base && watch) {
      const changed = await env.run((context) => readChanged(context, env, watch, base));
      if (changed) {
        const keepAs = watch.newReadId();
        try {
          const outcome = await check(
            { ...common, patch: { base: base.id, changes: changed.patch }, keepAs },
            progress,
          );
          watch.base = { ...changed.shape, id: keepAs, at: now };
          return {
            ...outcome,
            read: { since: base.at, rows: changed.reread, unchanged: changed.shape.rows - changed.reread },
          };
        } catch (error) {
          if ((error as Error).name !== "BaseLost") throw error;
        }
      }
    }
    // Everything, from the start: what changed before now is in this read.
    watch?.take();
    const streamed = how.stream?.({ pinnedAdmin });
    const { snapshot, ids } = await env.run(async (context) => {
      const book = new Book(context, env.platform, undefined, env.sheetNames);
      const read = await book.read(
        (names) => readOrder.map((s) => findSheet(s, names)?.name).filter((n): n is string => !!n),
        undefined,
        streamed?.sink,
      );
      return { snapshot: read, ids: book.ids };
    });
    const keepAs = watch?.live ? watch.newReadId() : undefined;
    const outcome = await (streamed?.check ?? check)({ ...common, snapshot, keepAs }, progress);
    const shape = shapeOf(snapshot, ids);
    if (watch && keepAs) watch.base = { ...shape, id: keepAs, at: now };
    return { ...outcome, read: { rows: shape.rows, unchanged: 0 } };
  });
}

/** Each read sheet's id and extent, as the next Validate compares them. */
function shapeOf(snapshot: Snapshot, ids: Record<string, string>): Omit<ReadShape, "id" | "at"> {
  const sheets: ReadShape["sheets"] = {};
  let rows = 0;
  const segments = snapshot.logSegments;
  for (const [name, sheet] of Object.entries(snapshot.sheets)) {
    if (!sheet) continue;
    sheets[name] = { id: ids[name] ?? "", rows: sheet.values.length, cols: sheet.values[0]?.length ?? 0 };
    if (segments && segments[0]?.sheet === name)
      sheets[name].segments = segments.map((s) => ({
        sheet: s.sheet,
        id: ids[s.sheet] ?? "",
        height: s.height,
      }));
    rows += sheet.values.length;
  }
  return { rows, sheets };
}

/**
 * What changed since `base`, read: one sync for every sheet's name, id and state and each
 * read sheet's extent; then the changed rows (Book.readBlocks, under the
 * payload limit). Undefined when the workbook must be read whole: a checked sheet added or
 * gone, or one of them made again (a new id).
 */
async function readChanged(
  context: Excel.RequestContext,
  env: ExcelEnv,
  watch: ChangeWatch,
  base: ReadShape,
): Promise<{ patch: SnapshotPatch; shape: Omit<ReadShape, "id" | "at">; reread: number } | undefined> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id,items/visibility,items/protection/protected");
  const names = Object.keys(base.sheets);
  const look = (name: string) => {
    const sheet = sheets.getItem(name);
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("rowIndex, columnIndex, rowCount, columnCount");
    return { name, used };
  };
  const looks = names.map(look);
  // The Change log's later sheets, as the last read found them (log-segments.ts).
  const segmentLooks = names.flatMap((n) =>
    (base.sheets[n]!.segments ?? []).slice(1).map((s) => look(s.sheet)),
  );
  const listed = await context.sync().then(
    () => true,
    (error: unknown) => {
      // A sheet read last time is gone (by its name): read whole.
      if ((error as { code?: string }).code === "ItemNotFound") return false;
      throw error;
    },
  );
  if (!listed) return undefined;
  // Taken after the first answer: an edit made just before Validate was clicked has had a
  // round trip's time to be heard. What is heard from now on is for the next Validate.
  const taken = watch.take();
  const sheetNames = sheets.items.map((s) => s.name);
  const ids = Object.fromEntries(sheets.items.map((s) => [s.name, s.id]));
  const states: Record<string, SheetState> = Object.fromEntries(
    sheets.items.map((s) => [
      s.name,
      { visibility: s.visibility as SheetState["visibility"], protected: s.protection.protected },
    ]),
  );
  const wanted = checkedSheets.map((s) => findSheet(s, sheetNames)?.name).filter((n): n is string => !!n);
  if (wanted.length !== names.length || wanted.some((n) => !base.sheets[n] || base.sheets[n]!.id !== ids[n]))
    return undefined;
  const extent = (used: Excel.Range) =>
    used.isNullObject
      ? { rows: 0, cols: 0 }
      : { rows: used.rowIndex + used.rowCount, cols: used.columnIndex + used.columnCount };

  // The Change log on several sheets: its changes as rows of the log; its sheets otherwise
  // than the last read found them, and the workbook is read whole.
  const segmentNames = logSegmentNames(sheetNames);
  const logName = segmentNames[0];
  const wasSegments = logName !== undefined ? base.sheets[logName]?.segments : undefined;
  let log: { rows: number; spans: RowSpan[]; cols: number; seen: SegmentSeen[] } | undefined;
  if (segmentNames.length > 1 || wasSegments) {
    if (!wasSegments || wasSegments.length !== segmentNames.length) return undefined;
    const lookOf = new Map([...looks, ...segmentLooks].map((l) => [l.name, l.used]));
    const seen = segmentNames.map((sheet) => {
      const used = lookOf.get(sheet);
      return {
        sheet,
        id: ids[sheet] ?? "",
        height: used ? extent(used).rows : -1,
        dirt: dirtOf(taken, sheet, ids[sheet] ?? ""),
      };
    });
    const changes = seen.some((s) => s.height < 0) ? undefined : logChanges(wasSegments, seen);
    if (!changes) return undefined;
    const cols = Math.max(...segmentNames.map((n) => extent(lookOf.get(n)!).cols));
    log = {
      rows: changes.rows,
      spans: changes.spans,
      cols,
      seen: seen.map(({ sheet, id, height }) => ({ sheet, id, height })),
    };
  }

  const plans = looks.map(({ name, used }) => {
    const here = extent(used);
    const rows = name === logName && log ? log.rows : here.rows;
    const cols = name === logName && log ? log.cols : here.cols;
    const was = base.sheets[name]!;
    const dirt = name === logName && log ? log.spans : dirtOf(taken, name, ids[name]!);
    if (dirt === "whole" || cols !== was.cols)
      return { name, rows, cols, whole: true, spans: [] as RowSpan[] };
    const spans: RowSpan[] = [...dirt];
    if (rows > was.rows) spans.push([was.rows, rows]);
    const clipped = joinSpans(spans)
      .map(([from, to]): RowSpan => [from, Math.min(to, rows)])
      .filter(([from, to]) => to > from);
    return { name, rows, cols, whole: false, spans: clipped };
  });
  const blocks: Block[] = plans.flatMap((p) =>
    p.whole
      ? [{ sheet: p.name, row: 0, col: 0, rows: p.rows, cols: p.cols }]
      : p.spans.map(([from, to]) => ({ sheet: p.name, row: from, col: 0, rows: to - from, cols: p.cols })),
  );
  const book = new Book(context, env.platform, undefined, env.sheetNames);
  if (log) book.useSegments(log.seen);
  const grids = await book.readBlocks(blocks);
  const patchSheets: Record<string, SheetPatch | "kept"> = {};
  const shape: Omit<ReadShape, "id" | "at"> = { rows: 0, sheets: {} };
  let reread = 0;
  let at = 0;
  for (const p of plans) {
    shape.sheets[p.name] = { id: ids[p.name]!, rows: p.rows, cols: p.cols };
    if (p.name === logName && log) shape.sheets[p.name]!.segments = log.seen;
    shape.rows += p.rows;
    if (p.whole) {
      patchSheets[p.name] = { whole: grids[at++] as Cell[][] };
      reread += p.rows;
      continue;
    }
    const rows: [number, Cell[]][] = [];
    for (const [from] of p.spans) {
      const grid = grids[at++]!;
      grid.forEach((cells, i) => rows.push([from + i, cells]));
    }
    reread += rows.length;
    patchSheets[p.name] =
      rows.length === 0 && p.rows === base.sheets[p.name]!.rows ? "kept" : { length: p.rows, rows };
  }
  if (!log) return { patch: { sheetNames, states, sheets: patchSheets }, shape, reread };
  // The workbook as the check sees it: the log's later sheets are rows of the log.
  const joined = joinLog({ sheetNames, sheets: {}, states });
  const map = new SegmentMap(log.seen);
  return {
    patch: {
      sheetNames: joined.sheetNames,
      states: joined.states!,
      sheets: patchSheets,
      logSegments: map.places.map(({ sheet, from, count }, i) => ({
        sheet,
        from,
        count,
        height: log.seen[i]!.height,
      })),
    },
    shape,
    reread,
  };
}

/** A sheet's changes since the last take: by its id (events) and by its name (the add-in's writes). */
function dirtOf(taken: Taken, name: string, id: string): RowSpan[] | "whole" {
  const found = [taken.byId.get(id), taken.byName.get(name)].filter((d) => d !== undefined);
  if (found.some((d) => d.whole)) return "whole";
  return found.flatMap((d) => d.rows);
}
