/**
 * A kept sheet shown for a while (domain/kept-sheets.ts): the time it was shown for, visible
 * on every page like the unlock session, and put away when it is up — or at once with
 * "Hide now". The hiding action is fetched only when needed (what Excel loads at start
 * stays small, issue 15). A pane closed meanwhile hides nothing: Validate names the sheet
 * shown past its time.
 */
import * as React from "react";
import { DefaultButton, Stack, Text } from "@fluentui/react";
import type { Lang } from "../domain/schema/model";
import type { ExcelEnv } from "../excel/env";
import { t } from "./i18n-shell";
import { keyStore } from "./keystore";

interface Shown {
  sheet: string;
  /** Epoch milliseconds. */
  until: number;
  env: ExcelEnv;
  /** Told once the sheet is hidden again (the pages and the preview read again). */
  after?: () => void;
}

let shown: Shown | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

/** Puts every kept sheet away again (the rule's act); the shown sheet's time is over. */
export async function hideShownNow(): Promise<{ ok: boolean; message?: string }> {
  const was = shown;
  if (timer) clearTimeout(timer);
  timer = undefined;
  shown = undefined;
  changed();
  if (!was) return { ok: true };
  const { hideKeptSheets } = await import(
    /* webpackChunkName: "kept-sheets" */ "../excel/actions/kept-sheets"
  );
  const r = await hideKeptSheets(was.env, keyStore.pinnedAdmin());
  was.after?.();
  return r.ok ? { ok: true } : { ok: false, message: r.failure.message };
}

/** A sheet now shown until `until` (epoch ms): hidden again then, by this pane. */
export function showFor(env: ExcelEnv, sheet: string, until: number, after?: () => void): void {
  if (timer) clearTimeout(timer);
  shown = { env, sheet, until, after };
  timer = setTimeout(() => void hideShownNow(), Math.max(0, until - Date.now()));
  changed();
}

export function shownSheet(): { sheet: string; until: number } | undefined {
  return shown && { sheet: shown.sheet, until: shown.until };
}

export function onShownChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** The sheet shown and the time left, with "Hide now": on every page while a sheet is shown. */
export function ShownSheetBar({ lang }: { lang: Lang }) {
  const [, redraw] = React.useState(0);
  React.useEffect(() => {
    const off = onShownChange(() => redraw((n) => n + 1));
    const tick = setInterval(() => redraw((n) => n + 1), 1000);
    return () => {
      off();
      clearInterval(tick);
    };
  }, []);
  const now = shownSheet();
  if (!now) return null;
  const seconds = Math.max(0, Math.round((now.until - Date.now()) / 1000));
  const left = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  return (
    <Stack horizontal verticalAlign="center" tokens={{ childrenGap: 8 }} wrap data-testid="shown-sheet">
      <Text variant="small">{t(lang, "sheetShownFor", { sheet: now.sheet, left })}</Text>
      <DefaultButton
        text={t(lang, "sheetHideNow")}
        onClick={() => void hideShownNow()}
        data-testid="hide-now"
      />
    </Stack>
  );
}
