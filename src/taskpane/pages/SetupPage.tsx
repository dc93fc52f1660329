import * as React from "react";
import {
  DefaultButton,
  MessageBar,
  MessageBarType,
  PrimaryButton,
  Spinner,
  Stack,
  Text,
} from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import type { ExcelEnv } from "../../excel/env";
import { adoptExistingRegister, setUpWorkbook, type SetupOutcome } from "../../excel/actions/set-up-workbook";
import type { ActionResult } from "../../excel/actions/result";
import { t } from "../i18n";
import { FailureBar } from "./FailureBar";
import { backupDue } from "../../domain/backup";
import { backUpWorkbook, loadBackupStatus } from "../../excel/backup";
import { localNow } from "../clock";
import { useSession } from "../session";

/** Offers the bytes as a download with the given name (Excel on the web and desktop both allow it). */
function download(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(
    new Blob([bytes as Uint8Array<ArrayBuffer>], {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }),
  );
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** 备份: the monthly reminder and the "Back up workbook" button. */
function BackupPanel({ env, lang }: { env: ExcelEnv; lang: Lang }) {
  const me = useSession().current;
  const [last, setLast] = React.useState<string>();
  const [message, setMessage] = React.useState<{ type: MessageBarType; text: string }>();
  const refresh = React.useCallback(async () => {
    const r = await loadBackupStatus(env);
    if (r.ok) setLast(r.lastBackup);
  }, [env]);
  React.useEffect(() => void refresh(), [refresh]);
  const backUp = async () => {
    const r = await backUpWorkbook(env, download, me?.name ?? "", localNow());
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    if (r.unavailable)
      return setMessage({ type: MessageBarType.warning, text: t(lang, "backupUnavailable") });
    setMessage({
      type: MessageBarType.success,
      text: t(lang, "backupDone", { name: r.fileName, kb: Math.ceil(r.bytes / 1024) }),
    });
    void refresh();
  };
  const today = localNow().date;
  return (
    <Stack tokens={{ childrenGap: 8 }}>
      {last !== undefined && backupDue(last, today) && (
        <MessageBar messageBarType={MessageBarType.warning} data-testid="backup-reminder">
          {last ? t(lang, "backupReminder", { last }) : t(lang, "backupNever")}
        </MessageBar>
      )}
      <DefaultButton text={t(lang, "backupButton")} onClick={backUp} data-testid="backup" />
      {message && <MessageBar messageBarType={message.type}>{message.text}</MessageBar>}
    </Stack>
  );
}

export function SetupPage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const [busy, setBusy] = React.useState(false);
  const session = useSession();
  const [result, setResult] = React.useState<ActionResult<SetupOutcome>>();
  const [adopted, setAdopted] = React.useState(0);
  const run = async () => {
    setBusy(true);
    const outcome = await setUpWorkbook(env);
    // The first set-up takes a register kept by hand into the Change log; later ones find
    // nothing to take. The result shows once both are done, with the sheets as they are then.
    if (outcome.ok) {
      const taken = await adoptExistingRegister(
        env,
        session.current?.name || t(lang, "setupButton"),
        localNow(),
      );
      setAdopted(taken.ok && taken.problems.length === 0 ? taken.adopted : 0);
    }
    onDone?.();
    setResult(outcome);
    setBusy(false);
  };
  return (
    <Stack tokens={{ childrenGap: 12, padding: "12px 0" }}>
      <Text>{t(lang, "setupIntro")}</Text>
      <PrimaryButton data-testid="setup" text={t(lang, "setupButton")} onClick={run} disabled={busy} />
      {busy && <Spinner label={t(lang, "setupRunning")} />}
      {result && !result.ok && <FailureBar lang={lang} failure={result.failure} />}
      {result?.ok && (
        <MessageBar messageBarType={MessageBarType.success} data-testid="setup-result">
          {result.created.length === 0 && result.completed.length === 0 && (
            <div>{t(lang, "setupNothing")}</div>
          )}
          {result.created.length > 0 && (
            <div>
              {t(lang, "setupCreated", { n: result.created.length, names: result.created.join("、") })}
            </div>
          )}
          {result.completed.map((c) => (
            <div key={c.sheet}>
              {t(lang, "setupCompleted", { sheet: c.sheet, columns: c.columns.join("、") })}
            </div>
          ))}
          {adopted > 0 && <div data-testid="setup-adopted">{t(lang, "setupAdopted", { n: adopted })}</div>}
          <div>{t(lang, "setupLang", { lang: t(lang, result.lang === "zh" ? "langZh" : "langEn") })}</div>
        </MessageBar>
      )}
      <BackupPanel env={env} lang={lang} />
    </Stack>
  );
}
