/**
 * The register's sheets kept out of sight (domain/kept-sheets.ts): how they stand, hiding
 * them all, and showing one to a person allowed for a while, logged. Each reads Settings,
 * Staff and the Change log's trust skeleton with its `showSheet` rows — never the Register.
 */
import { hideWrites, keptSheets, latestShows, SHOW_SHEET } from "../../domain/kept-sheets";
import { planShow } from "../../domain/kept-show";
import { appendToLog } from "../../domain/log-writes";
import { logSkeleton } from "../../domain/partial-read";
import type { Problem } from "../../domain/problem";
import { readSheet } from "../../domain/records";
import { changeLog } from "../../domain/schema/sheets";
import type { SheetState } from "../../domain/workbook";
import { settingWrite, yesNo } from "../../domain/settings";
import { findSheet, langOf } from "../../domain/layout";
import { settings as settingsSheet } from "../../domain/schema/sheets";
import { lookerOf, type ExcelEnv } from "../env";
import { readPlanApply } from "./read-plan-apply";
import { guarded } from "./result";
import type { Now } from "./workflow";

const needs = {
  needs: [logSkeleton({ columns: ["person", "oldValue", "newValue"], actions: new Set([SHOW_SHEET]) })],
};

export interface KeptSheet extends SheetState {
  key: string;
  name: string;
  /** The latest show logged: who, until when (ISO time). */
  shown?: { person: string; until: string };
}

/** Whether Settings keep the sheets hidden (as signed), and how each kept sheet stands. Writes nothing. */
export function keptSheetsState(env: ExcelEnv, pinnedAdmin: string | undefined) {
  return guarded(() =>
    readPlanApply(env, needs, pinnedAdmin, async ({ snapshot, settings }) => {
      const shows = latestShows(snapshot);
      const sheets: KeptSheet[] = keptSheets(snapshot.sheetNames).map(({ key, name }) => {
        const show = shows.get(name);
        return {
          key,
          name,
          ...(snapshot.states?.[name] ?? { visibility: "Visible", protected: false }),
          ...(show ? { shown: { person: show.person, until: show.until } } : {}),
        };
      });
      return { keepHidden: settings.keepHidden, sheets, problems: [] as Problem[], writes: [] };
    }),
  );
}

/** Every kept sheet very hidden and protected, when the rule says so: anyone may put them away. */
export function hideKeptSheets(env: ExcelEnv, pinnedAdmin: string | undefined) {
  return guarded(() =>
    readPlanApply(env, needs, pinnedAdmin, async ({ snapshot, settings }) => {
      if (!settings.keepHidden)
        return {
          hidden: 0,
          problems: [
            {
              sheet: "settings",
              row: 1,
              column: "settingValue",
              rule: "sheets.ruleOff",
              value: "",
            } as Problem,
          ],
          writes: [],
        };
      const { writes, problems } = hideWrites(snapshot);
      return { hidden: writes.filter((w) => w.kind === "visibility").length, problems, writes };
    }),
  );
}

/** One kept sheet shown to the person for `minutes`, still protected; the look logged first in the same batch. */
export function showKeptSheet(
  env: ExcelEnv,
  person: string,
  sheetKey: string,
  minutes: number,
  purpose: string,
  pinnedAdmin: string | undefined,
  now: Now,
) {
  return guarded(() =>
    readPlanApply(env, needs, pinnedAdmin, async ({ snapshot, settings, trust }) => {
      const time = `${now.date}T${now.time}`;
      const plan = planShow(
        snapshot,
        settings,
        trust,
        person,
        lookerOf(env, person),
        sheetKey,
        minutes,
        purpose,
        time,
      );
      if (!plan.entry) return { problems: plan.problems, writes: [] };
      const logged = await appendToLog(readSheet(changeLog, snapshot), [plan.entry]);
      return {
        sheet: plan.sheet,
        until: plan.until,
        problems: [] as Problem[],
        writes: [...logged, ...plan.writes],
      };
    }),
  );
}

/**
 * Writes 保密工作表隐藏 = 是 (or 否) on the Settings sheet, adding the row a workbook set up
 * before the rule existed lacks. Like any Settings cell it is in force at once only before
 * the administrator has signed the rules; after, once they sign again (policy.ts).
 */
export function setKeepHidden(env: ExcelEnv, on: boolean, pinnedAdmin: string | undefined) {
  return guarded(() =>
    readPlanApply(env, needs, pinnedAdmin, async ({ snapshot }) => {
      const lang = findSheet(settingsSheet, snapshot.sheetNames)?.lang ?? langOf(env.displayLanguage);
      const write = settingWrite(snapshot, "keepHidden", yesNo(on, lang), lang);
      return { written: !!write, problems: [] as Problem[], writes: write ? [write] : [] };
    }),
  );
}
