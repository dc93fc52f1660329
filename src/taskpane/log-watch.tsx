/**
 * After the pane writes to the Change log, it looks again once a co-author's write would
 * have reached it (twice the settle time) and writes back whatever someone else's
 * simultaneous write replaced (excel/log-check.ts; issue 14). The person is told either
 * way; an action that lost nothing says nothing more.
 */
import * as React from "react";
import { MessageBar, MessageBarType } from "@fluentui/react";
import type { LogWrite } from "../domain/log-repair";
import { changeLog } from "../domain/schema/sheets";
import { headerIndex } from "../domain/layout";
import type { Lang } from "../domain/schema/model";
import type { ExcelEnv } from "../excel/env";
import { checkLogWrite, relogLost } from "../excel/log-check";
import { localNow } from "./clock";
import { keyStore } from "./keystore";
import { t } from "./i18n-shell";

type Outcome = { ok: true; count: number } | { ok: false; count: number; why: string };

/** The person who wrote the entries (the first entry's 操作人). */
const writerOf = (written: LogWrite) => {
  const at = headerIndex(changeLog, written.header).person;
  return at === undefined ? "" : String(written.entries[0]?.values[at] ?? "");
};

export function useLogWatch(
  env: ExcelEnv,
  lang: Lang,
): { env: ExcelEnv; message: React.ReactElement | null } {
  const [outcome, setOutcome] = React.useState<Outcome>();
  const envRef = React.useRef(env);
  envRef.current = env;
  const look = React.useCallback(async (written: LogWrite) => {
    const now = envRef.current;
    try {
      const lost = await checkLogWrite(now, written);
      if (lost.lost.length === 0) return;
      const repaired = await relogLost(now, written, keyStore.pinnedAdmin(), writerOf(written), localNow());
      setOutcome(
        repaired.ok
          ? { ok: true, count: lost.lost.length }
          : { ok: false, count: lost.lost.length, why: repaired.failure.message },
      );
    } catch (error) {
      setOutcome({
        ok: false,
        count: written.entries.length,
        why: String((error as Error)?.message ?? error),
      });
    }
  }, []);
  const watched = React.useMemo<ExcelEnv>(() => {
    const wait = 2 * (env.lease?.settleMs ?? 0);
    if (!env.lease) return env;
    return {
      ...env,
      onLogWritten: (written) => {
        setOutcome(undefined);
        setTimeout(() => void look(written), wait);
      },
    };
  }, [env, look]);
  const message = outcome ? (
    <MessageBar
      messageBarType={outcome.ok ? MessageBarType.warning : MessageBarType.error}
      data-testid={outcome.ok ? "log-relogged" : "log-relog-failed"}
      onDismiss={() => setOutcome(undefined)}
    >
      {outcome.ok
        ? t(lang, "logRelogged", { count: String(outcome.count) })
        : t(lang, "logRelogFailed", { count: String(outcome.count), why: outcome.why })}
    </MessageBar>
  ) : null;
  return { env: watched, message };
}
