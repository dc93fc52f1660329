/**
 * Out of casual sight (issue 19; the seeds: 客户名单管理员加设密码, 查询人须具备查询权限).
 * When the signed Settings rule 保密工作表隐藏 (`keepHidden`) says so, the sheets that hold
 * the whole register — the Register, both archives, the Destruction log, the Change log
 * and Staff — are **very hidden** (Excel's Unhide dialog does not list them) and
 * **protected** (no cell typed into). Department lists, Intake, the Loan log and Settings
 * stay as they are: people work in them.
 *
 * - **Hiding** is an act (`hideWrites`): the administrator's on the Set up page when the
 *   rule is first signed, anyone's to put a shown sheet away again.
 * - **Writing** goes on: every write the add-in makes to a protected sheet is wrapped, in
 *   the same Excel batch, in unprotect → writes → protect (Book.apply), so after every sync
 *   the sheet is protected again.
 * - **Showing** is a look (`planShow`, kept-show.ts): a person the rule 查询权限 allows shows one sheet
 *   for a time they see (minutes), still protected, with a purpose; the `showSheet` row
 *   logs who, when, which sheet, until when and why. The pane hides it again when the time
 *   is up; a sheet left shown past its time, or shown or unprotected by hand, is reported
 *   by Validate (`keptSheetProblems`).
 *
 * What this cannot do: anyone who opens the file with Excel can still unprotect a sheet
 * without a password, or read a very hidden sheet with a macro, another program or
 * another add-in. The real boundary is who can open the file (docs/confidentiality.md).
 */
import { findSheet } from "./layout";
import type { Problem } from "./problem";
import { readSheet, text } from "./records";
import type { SheetSchema } from "./schema/model";
import { archivePast, archiveSuspended, changeLog, destructionLog, register, staff } from "./schema/sheets";
import type { SheetState, Snapshot, Write } from "./workbook";

/** The Change log action of a kept sheet shown for a while: a look at everything on it (looking.ts). */
export const SHOW_SHEET = "showSheet";

/** The sheets kept out of sight when the rule says so. */
export const keptSchemas: SheetSchema[] = [
  register,
  archiveSuspended,
  archivePast,
  destructionLog,
  changeLog,
  staff,
];

/** How long a sheet stays shown unless the person chooses otherwise, and the longest they may. */
export const SHOW_MINUTES = 15;
export const SHOW_MINUTES_MAX = 120;

/** The kept sheets this workbook has, by schema key and name. */
export function keptSheets(sheetNames: string[]): { key: string; name: string }[] {
  return keptSchemas
    .map((schema) => ({ key: schema.key, name: findSheet(schema, sheetNames)?.name }))
    .filter((s): s is { key: string; name: string } => s.name !== undefined);
}

/** How a sheet stands, as the read said; a sheet it did not state counts as in sight and open. */
export const stateOf = (snapshot: Pick<Snapshot, "states">, name: string): SheetState =>
  snapshot.states?.[name] ?? { visibility: "Visible", protected: false };

/**
 * The writes that put every kept sheet out of sight: very hidden and protected. Nothing for
 * a sheet already so. A workbook keeps at least one visible sheet (Excel refuses to hide the
 * last): when the kept sheets are all there is, the plan is refused (`sheets.lastVisible`).
 */
export function hideWrites(snapshot: Pick<Snapshot, "sheetNames" | "states">): {
  writes: Write[];
  problems: Problem[];
} {
  const kept = keptSheets(snapshot.sheetNames);
  const keptNames = new Set(kept.map((k) => k.name));
  const othersShown = snapshot.sheetNames.some(
    (n) => !keptNames.has(n) && stateOf(snapshot, n).visibility === "Visible",
  );
  if (!othersShown && kept.some((k) => stateOf(snapshot, k.name).visibility === "Visible"))
    return {
      writes: [],
      problems: [
        {
          sheet: "settings",
          row: 1,
          column: "settingValue",
          rule: "sheets.lastVisible",
          value: "",
          detail: { name: kept.map((k) => k.name).join(",") },
        },
      ],
    };
  const writes: Write[] = [];
  for (const { name } of kept) {
    const state = stateOf(snapshot, name);
    if (!state.protected) writes.push({ kind: "protect", sheet: name });
    if (state.visibility !== "VeryHidden")
      writes.push({ kind: "visibility", sheet: name, value: "VeryHidden" });
  }
  return { writes, problems: [] };
}

/** The time `minutes` after an ISO time ("2026-12-04T12:00:00"), in the same form, as the clock reads. */
export function minutesAfter(time: string, minutes: number): string {
  const [date = "", clock = "00:00:00"] = time.split("T");
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi, s] = clock.split(":").map(Number);
  const at = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi! + minutes, s ?? 0));
  // In the precision the time came in ("HH:MM" as the pane's clock gives it, or with seconds).
  return at.toISOString().slice(0, clock.split(":").length > 2 ? 19 : 16);
}

/** The latest `showSheet` row for each sheet: who showed it and until when. */
export function latestShows(snapshot: Snapshot): Map<string, { person: string; until: string; row: number }> {
  const out = new Map<string, { person: string; until: string; row: number }>();
  for (const r of readSheet(changeLog, snapshot).records)
    if (text(r.values.action) === SHOW_SHEET)
      out.set(text(r.values.oldValue), {
        person: text(r.values.person),
        until: text(r.values.newValue),
        row: r.row,
      });
  return out;
}

/**
 * What Validate reports under the rule: a kept sheet unprotected, or not very hidden
 * without a `showSheet` row whose time is not yet up at `now` (ISO time). Nothing when the
 * rule is off, or when the read did not say how the sheets stand.
 */
export function keptSheetProblems(snapshot: Snapshot, keepHidden: boolean, now: string): Problem[] {
  if (!keepHidden || !snapshot.states) return [];
  const shows = latestShows(snapshot);
  const problems: Problem[] = [];
  for (const { key, name } of keptSheets(snapshot.sheetNames)) {
    const state = snapshot.states[name];
    if (!state) continue;
    if (!state.protected)
      problems.push({
        sheet: key,
        row: 1,
        column: "",
        rule: "sheets.unprotected",
        value: name,
        detail: { name },
      });
    if (state.visibility === "VeryHidden") continue;
    const show = shows.get(name);
    if (show && show.until > now) continue;
    problems.push({
      sheet: key,
      row: 1,
      column: "",
      rule: show ? "sheets.shownLate" : "sheets.shown",
      value: name,
      detail: show ? { name, person: show.person, until: show.until.replace("T", " ") } : { name },
    });
  }
  return problems;
}

/**
 * Under the rule, a kept sheet found unprotected — an action cut between its unprotect and
 * its protect, or someone's hand — is protected again by the next action that writes,
 * after its own writes: the rule holds wherever the add-in writes, not only where it hides.
 */
export function reprotectWrites(
  snapshot: Pick<Snapshot, "sheetNames" | "states">,
  keepHidden: boolean,
  /** The action's own writes: a sheet whose protection they handle is left to them. */
  planned: readonly Write[],
): Write[] {
  if (!keepHidden || !snapshot.states) return [];
  const handled = new Set(
    planned.filter((w) => w.kind === "protect" || w.kind === "unprotect").map((w) => w.sheet),
  );
  return keptSheets(snapshot.sheetNames)
    .filter(({ name }) => snapshot.states![name]?.protected === false && !handled.has(name))
    .map(({ name }) => ({ kind: "protect", sheet: name }));
}
