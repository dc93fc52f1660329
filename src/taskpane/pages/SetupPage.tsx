import * as React from "react";
import {
  DefaultButton,
  Link,
  MessageBar,
  MessageBarType,
  PrimaryButton,
  Spinner,
  Stack,
  Text,
  TextField,
} from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import type { ExcelEnv } from "../../excel/env";
import { adoptExistingRegister, setUpWorkbook, type SetupOutcome } from "../../excel/actions/set-up-workbook";
import type { ActionResult } from "../../excel/actions/result";
import { t } from "../i18n";
import { ruleText } from "../rule-text";
import { useMessage } from "../message";
import type { DamagedValue } from "../../domain/cell-formats";
import { register } from "../../domain/schema/sheets";
import { selectCell } from "../../excel/actions/select-cell";
import { FailureBar } from "./FailureBar";
import { SelfCheckPanel } from "./SelfCheckPanel";
import { backupDue, backupFileName } from "../../domain/backup";
import { backupPasswordProblem } from "../../domain/backup-password";
import { encryptInPane } from "../backup-encrypt";
import {
  backupBlocked,
  backUpWorkbook,
  confirmCopySaved,
  loadBackupStatus,
  type Saved,
} from "../../excel/backup";
import { localNow } from "../clock";
import { useSession } from "../session";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type SavePicker = (options: {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
}) => Promise<{ createWritable(): Promise<{ write(data: Blob): Promise<void>; close(): Promise<void> }> }>;

type Saver = (bytes: Uint8Array, fileName: string) => Promise<Saved>;

/**
 * Where the bytes will go, asked before the file is read and encrypted: into a file the
 * person chooses where the browser can ask (showSaveFilePicker: Excel on the web in Edge
 * or Chrome, WebView2 on Windows), so the backup is recorded only once the file is
 * written — the picker must open while the button press still counts as the person's
 * gesture, not seconds later after the encryption; elsewhere as a download the browser
 * takes over, which the log says. "cancelled": the person closed the picker.
 */
async function chooseSaver(fileName: string): Promise<Saver | "cancelled"> {
  const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  if (picker) {
    let handle;
    try {
      handle = await picker({
        suggestedName: fileName,
        types: [{ description: "Excel", accept: { [XLSX]: [".xlsx"] } }],
      });
    } catch (error) {
      if ((error as { name?: string }).name === "AbortError") return "cancelled";
      throw error;
    }
    return async (bytes) => {
      const out = await handle.createWritable();
      await out.write(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX }));
      await out.close();
      return "saved";
    };
  }
  return async (bytes, name) => {
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return "offered";
  };
}

/**
 * 备份: the monthly reminder, the backup password typed twice, and the "Back up workbook"
 * button. The password lives only in this panel's state until the backup is made, then
 * is cleared; it is never written to the workbook, the device or the log.
 */
function BackupPanel({ env, lang }: { env: ExcelEnv; lang: Lang }) {
  const me = useSession().current;
  const [last, setLast] = React.useState<string>();
  const [message, setMessage] = useMessage(lang);
  const [password, setPassword] = React.useState("");
  const [again, setAgain] = React.useState("");
  const [busy, setBusy] = React.useState(false);
  const refresh = React.useCallback(async () => {
    const r = await loadBackupStatus(env);
    if (r.ok) setLast(r.lastBackup);
  }, [env]);
  React.useEffect(() => void refresh(), [refresh]);
  // Where the pane cannot hand a file over, it says so before anyone presses a button.
  const blocked = backupBlocked(env);
  /** A backup is the register administrator's act (they choose its password), logged under their name. */
  const administrator = (): boolean => {
    if (!me) setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    else if (me.role !== "admin")
      setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "backupAdminOnly") });
    return me?.role === "admin";
  };
  const backUp = async () => {
    const typed = password;
    setPassword("");
    setAgain("");
    if (!administrator()) return;
    if (typed !== again)
      return setMessage({ type: MessageBarType.error, text: (l: Lang) => t(l, "backupPasswordMismatch") });
    const weak = backupPasswordProblem(typed);
    if (weak) return setMessage({ type: MessageBarType.error, text: (l: Lang) => t(l, weak) });
    const now = localNow();
    let save: Saver | "cancelled";
    try {
      save = await chooseSaver(backupFileName(now.date, lang));
    } catch (error) {
      return setMessage({ type: MessageBarType.error, text: String((error as Error).message ?? error) });
    }
    if (save === "cancelled")
      return setMessage({ type: MessageBarType.info, text: (l: Lang) => t(l, "backupCancelled") });
    setMessage(undefined);
    setBusy(true);
    const r = await backUpWorkbook(env, save, me!.name, now, (bytes) => encryptInPane(bytes, typed));
    setBusy(false);
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    if (r.unavailable) return;
    if (r.saved === "cancelled")
      return setMessage({ type: MessageBarType.info, text: (l: Lang) => t(l, "backupCancelled") });
    setMessage({
      type: MessageBarType.success,
      text: (l: Lang) =>
        t(l, r.saved === "saved" ? "backupDone" : "backupOffered", {
          name: r.fileName,
          kb: Math.ceil(r.bytes / 1024),
        }),
    });
    void refresh();
  };
  const confirm = async () => {
    if (!administrator()) return;
    const r = await confirmCopySaved(env, me!.name, localNow());
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    setMessage({ type: MessageBarType.success, text: (l: Lang) => t(l, "backupConfirmed") });
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
      {blocked ? (
        <>
          <MessageBar messageBarType={MessageBarType.info} data-testid="backup-blocked" data-reason={blocked}>
            {t(lang, blocked === "noDownload" ? "backupNoDownload" : "backupUnavailable", {
              name: backupFileName(today, lang),
            })}
          </MessageBar>
          {blocked !== "preview" && (
            <DefaultButton text={t(lang, "backupConfirm")} onClick={confirm} data-testid="backup-confirm" />
          )}
        </>
      ) : (
        <>
          <Text variant="small" data-testid="backup-password-note">
            {t(lang, "backupPasswordNote")}
          </Text>
          <TextField
            label={t(lang, "backupPassword")}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(_, v) => setPassword(v ?? "")}
            disabled={busy}
            data-testid="backup-password"
          />
          <TextField
            label={t(lang, "backupPasswordAgain")}
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(_, v) => setAgain(v ?? "")}
            disabled={busy}
            data-testid="backup-password-again"
          />
          <DefaultButton
            text={t(lang, "backupButton")}
            onClick={backUp}
            disabled={busy || !password || !again}
            data-testid="backup"
          />
          {busy && <Spinner label={t(lang, "backupEncrypting")} data-testid="backup-busy" />}
        </>
      )}
      {message && <MessageBar messageBarType={message.type}>{message.text}</MessageBar>}
    </Stack>
  );
}

export function SetupPage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const [busy, setBusy] = React.useState(false);
  const session = useSession();
  const [result, setResult] = React.useState<ActionResult<SetupOutcome>>();
  const [adopted, setAdopted] = React.useState(0);
  const [damaged, setDamaged] = React.useState<DamagedValue[]>([]);
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
      setDamaged(taken.ok ? taken.damaged : []);
    }
    onDone?.();
    setResult(outcome);
    setBusy(false);
  };
  return (
    <Stack tokens={{ childrenGap: 12, padding: "12px 0" }}>
      <Text>{t(lang, "setupIntro")}</Text>
      <PrimaryButton
        data-testid="setup"
        text={t(lang, "setupButton")}
        onClick={run}
        allowDisabledFocus
        disabled={busy}
      />
      {busy && <Spinner label={t(lang, "setupRunning")} />}
      {result && !result.ok && <FailureBar lang={lang} failure={result.failure} />}
      {result?.ok && (
        <MessageBar messageBarType={MessageBarType.success} data-testid="setup-result">
          {result.created.length === 0 && result.completed.length === 0 && result.formatted.length === 0 && (
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
          {result.formatted.map((c) => (
            <div key={`f-${c.sheet}`} data-testid="setup-formatted">
              {t(lang, "setupFormatted", {
                sheet: c.sheet,
                columns: c.columns.join(lang === "zh" ? "、" : ", "),
              })}
            </div>
          ))}
          {damaged.length > 0 && (
            <div data-testid="setup-damaged">
              <div>{t(lang, "setupDamaged", { n: damaged.length })}</div>
              <ul style={{ margin: "4px 0", paddingInlineStart: 18 }}>
                {damaged.slice(0, 50).map((d) => (
                  <li key={`${d.sheetName}!${d.address}`} data-testid="damaged-value">
                    <Link onClick={() => void selectCell(env, d.sheetName, d.address)}>
                      {d.sheetName}!{d.address}
                    </Link>{" "}
                    {register.columns.find((c) => c.key === d.column)?.header[lang]} 「{d.value}」{" "}
                    {ruleText(lang, {
                      sheet: "register",
                      row: d.row,
                      column: d.column,
                      rule: d.rule,
                      value: d.value,
                      fix: d.fix,
                    })}
                    {d.fix !== undefined && ` ${t(lang, "fixOffer", { fix: d.fix })}`}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {adopted > 0 && <div data-testid="setup-adopted">{t(lang, "setupAdopted", { n: adopted })}</div>}
          <div>{t(lang, "setupLang", { lang: t(lang, result.lang === "zh" ? "langZh" : "langEn") })}</div>
        </MessageBar>
      )}
      <BackupPanel env={env} lang={lang} />
      <SelfCheckPanel env={env} lang={lang} />
    </Stack>
  );
}
