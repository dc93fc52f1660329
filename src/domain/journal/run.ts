/**
 * One run of a writing action over the journal, in the order that makes it safe to cut
 * anywhere: first finish every op the journal says was started and not finished (whoever
 * started it), then log this action's intents, then change the sheets exactly as
 * finishing those intents would, then rebuild the department lists, then close every op
 * finished here with a "done" row. Doing and finishing are the same code (finish.ts), so
 * a run cut off at any write is completed by the next one, and nothing is done twice.
 */
import type { ChangeEntry } from "../change-log";
import { listFrame, listRow, listSheetOf, rebuildDepartmentLists } from "../department-lists";
import { directoryWrite, LIST_WIDTH, listDepartment, updateList, type ListChange } from "../list-pages";
import { MoreRows, WholeRead } from "../partial-read";
import { EXCEL_ERROR } from "../validate/text";
import { tracedSheets } from "../trace";
import type { Problem } from "../problem";
import { text } from "../records";
import type { Lang } from "../schema/model";
import { register } from "../schema/sheets";
import type { Settings } from "../settings";
import type { StaffTrust } from "../stamps/staff";
import { hex } from "../stamps/encoding";
import type { Cell, Snapshot, Write } from "../workbook";
import { finishIntents } from "./finish";
import { DONE, isCurrent, readJournal, type Journal, type JournalRow } from "./journal";
import { Workspace, type LiveRow } from "./workspace";

export interface RunContext {
  snapshot: Snapshot;
  settings: Settings;
  trust: StaffTrust;
  person: string;
  now: { date: string; time: string };
  lang: Lang;
}

export interface Run {
  ctx: RunContext;
  ws: Workspace;
  journal: Journal;
  /** This action's op number. */
  op: string;
  /** Departments whose lists change. */
  departments: Set<string>;
  /** Customers whose rows on those lists may change, with the departments whose lists may hold them. */
  listed: Map<string, Set<string>>;
  /** Customers (or requests) whose cut-off intents this run finished. */
  finished: string[];
  /** Customers and requests with an intent that could not be finished: no action touches them. */
  blocked: Map<string, Problem>;
  /** Ops this run closes with "done". */
  closing: string[];
}

export interface RunResult {
  /** Customers or requests whose interrupted actions were finished first. */
  finished: string[];
  problems: Problem[];
  writes: Write[];
}

export function newOpNumber(): string {
  return hex(crypto.getRandomValues(new Uint8Array(5)).buffer).toUpperCase();
}

/**
 * Runs `body` after finishing what the journal left unfinished. `body` checks its input
 * first and returns problems without changing anything, or logs its intents with
 * `intend` and returns; its own problems never undo the finishing of others.
 */
export async function runOnJournal<T extends { problems: Problem[] }>(
  ctx: RunContext,
  body: (run: Run) => Promise<T>,
): Promise<T & RunResult> {
  const journal = readJournal(ctx.snapshot);
  const run: Run = {
    ctx,
    ws: new Workspace(ctx.snapshot),
    journal,
    op: newOpNumber(),
    departments: new Set(),
    listed: new Map(),
    finished: [],
    blocked: new Map(),
    closing: [],
  };
  for (const op of journal.unfinished) {
    const current = op.intents.filter((i) => isCurrent(journal, i));
    const outcome = await finishIntents(run, current);
    if (outcome.every((o) => o.ok)) run.closing.push(op.id);
    for (const o of outcome) {
      if (o.ok) run.finished.push(o.intent.customerId || o.intent.requestNo);
      else run.blocked.set(o.intent.customerId || o.intent.requestNo, o.problem);
    }
  }
  const result = await body(run);
  // A run that changed no department's customers rebuilds no list, and needs no Register for it.
  if (run.departments.size) await rebuildLists(run);
  await run.ws.record(
    run.closing.map((op) => ({
      time: `${ctx.now.date}T${ctx.now.time}`,
      person: ctx.person,
      action: DONE,
      op,
      customerId: "",
      field: "",
      oldValue: "",
      newValue: "",
      reason: op === run.op ? "" : "finished",
    })),
  );
  return { ...result, finished: [...new Set(run.finished)], writes: run.ws.writes };
}

/** The department lists of the departments whose customers the run changed, from the Register as the journal has it. */
async function rebuildLists(run: Run): Promise<void> {
  const { ctx } = run;
  const register_ = run.ws.sheet(register);
  const lang = register_.read.lang ?? ctx.lang;
  const placed = placedOnRegister(run);
  // Read in part: the lists' pages that hold the customers changed, rewritten page by page;
  // read whole: every list of those departments, from the whole Register.
  const updated = ctx.snapshot.parts ? updateLists(run, lang, placed) : undefined;
  let writes = updated?.writes;
  if (!writes) {
    // Lists show the customers the journal places on the Register, once each: never a typed row.
    const onRegister = new Set<string>();
    const view = register_.view();
    view.records = view.records.filter((r) => {
      const id = text(r.values.id);
      if (!placed(id) || onRegister.has(id)) return false;
      onRegister.add(id);
      return true;
    });
    writes = rebuildDepartmentLists(view, [...run.departments], ctx.snapshot, lang);
  }
  // Each list rebuilt is a sheet for paper: its footer's trace code, its row in the log (trace.ts).
  const lists = tracedSheets(
    writes,
    "buildDeptList",
    ctx.person,
    `${ctx.now.date}T${ctx.now.time}`,
    lang,
    updated?.digests,
  );
  run.ws.raw(...lists.writes);
  await run.ws.record(lists.entries);
}

/** Whether the journal places a customer on the Register, counting the posts this run made. */
function placedOnRegister(run: Run): (id: string) => boolean {
  const placedNow = new Set(run.ws.appended.map((a) => a.customerId));
  return (id) => run.journal.states.get(id)?.place === "register" || placedNow.has(id);
}

/**
 * The lists' changed pages (list-pages.ts), for a run that read the lists in part: each
 * changed customer's row as the journal places it — on its department's list while on the
 * Register, on no list otherwise. Asks for the pages it has not got (`MoreRows`), and for a
 * whole read where a list cannot be a base or has yet to be made (`WholeRead`).
 */
function updateLists(
  run: Run,
  lang: Lang,
  placed: (id: string) => boolean,
): { writes: Write[]; digests: Map<string, string> } {
  const { ctx } = run;
  const parts = ctx.snapshot.parts!;
  const reg = run.ws.sheet(register);
  const known = Object.values(parts)
    .map((p) => listDepartment(p.header))
    .filter((d): d is string => d !== undefined);
  const departments = [...run.departments].filter((d) => d && !EXCEL_ERROR.test(d.trim()));
  const sheets = listSheetOf(departments, known, ctx.snapshot.sheetNames, lang);
  const writes: Write[] = [];
  const digests = new Map<string, string>();
  const need: MoreRows["blocks"] = [];
  for (const department of departments) {
    const sheet = sheets.get(department)?.existing;
    const part = sheet ? parts[sheet] : undefined;
    // A department's first list holds customers this run did not read.
    if (!sheet || !part) throw new WholeRead(`no list of ${department}`);
    const changes: ListChange[] = [];
    for (const [id, on] of run.listed) {
      if (!on.has(department)) continue;
      const row = placed(id) ? reg.where("id", id)[0] : undefined;
      changes.push({
        id,
        row: row && text(row.values.department) === department ? listRow(row.values, lang) : null,
      });
    }
    const update = updateList(sheet, part.header, changes, (start, count) => {
      const rows: Cell[][] = [];
      for (let r = start; r < start + count; r++) {
        const row = part.rows.get(r);
        if (!row) return undefined;
        rows.push(row);
      }
      return rows;
    });
    if ("whole" in update) throw new WholeRead(`${sheet}: ${update.whole}`);
    if ("need" in update) {
      for (const span of update.need)
        need.push({ sheet, row: span.start, rows: span.count, cols: LIST_WIDTH });
      continue;
    }
    writes.push(
      { kind: "unprotect", sheet },
      directoryWrite(sheet, "pending"),
      ...update.writes,
      directoryWrite(sheet, update.directory),
      ...listFrame(sheet, department, update.height, lang),
    );
    digests.set(sheet, update.directory.root);
  }
  if (need.length) throw new MoreRows(need);
  return { writes, digests };
}

/**
 * Logs this action's intents, then carries them out on the sheets the way finishing
 * would. Returns the problems of intents that could not be carried out (none when the
 * action checked its input first).
 */
export async function intend(
  run: Run,
  entries: Omit<ChangeEntry, "op" | "time" | "person">[],
): Promise<Problem[]> {
  if (entries.length === 0) return [];
  const rows = await run.ws.record(
    entries.map((e) => ({
      ...e,
      op: run.op,
      time: `${run.ctx.now.date}T${run.ctx.now.time}`,
      person: run.ctx.person,
    })),
  );
  const outcome = await finishIntents(run, rows);
  const failed = outcome.filter((o) => !o.ok).map((o) => (o as { problem: Problem }).problem);
  // An intent that could not be carried out stays open: Validate names it, the next run tries again.
  if (failed.length === 0) run.closing.push(run.op);
  return failed;
}

/**
 * The one Register row of a customer the journal places on the Register, or the problem
 * that stops an action from touching it: unknown to the journal, elsewhere, an
 * unfinished intent, or not exactly one row.
 */
export function registerRowOf(run: Run, id: string): { row: LiveRow } | { problem: Problem } {
  const state = run.journal.states.get(id);
  const blocked = run.blocked.get(id);
  if (blocked) return { problem: blocked };
  const rows = run.ws.sheet(register).where("id", id);
  if (!state || state.place !== "register")
    return {
      problem: {
        sheet: "register",
        row: rows[0]?.row ?? 1,
        column: "id",
        rule: state ? "journal.wrongPlace" : "id.unknown",
        value: id,
        ...(state ? { detail: { place: state.place } } : {}),
      },
    };
  if (rows.length !== 1)
    return {
      problem: {
        sheet: "register",
        row: rows[1]?.row ?? 1,
        column: "id",
        rule: rows.length ? "journal.duplicateRow" : "journal.missingRow",
        value: id,
      },
    };
  return { row: rows[0]! };
}

export type { JournalRow };
