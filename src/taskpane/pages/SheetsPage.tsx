import * as React from "react";
import { Dropdown, MessageBarType, MessageBar, Stack, Text, TextField } from "@fluentui/react";
import { SHOW_MINUTES, SHOW_MINUTES_MAX, keptSchemas } from "../../domain/kept-sheets";
import type { Problem } from "../../domain/problem";
import type { Lang } from "../../domain/schema/model";
import type { ExcelEnv } from "../../excel/env";
import {
  hideKeptSheets,
  keptSheetsState,
  setKeepHidden,
  showKeptSheet,
  type KeptSheet,
} from "../../excel/actions/kept-sheets";
import { ActButton } from "../act-button";
import { localNow } from "../clock";
import { t } from "../i18n";
import { ruleText } from "../rule-text";
import { keyStore } from "../keystore";
import { useMessage } from "../message";
import { useSession } from "../session";
import { showFor } from "../shown-sheet";

/** How a kept sheet stands, in words. */
function stateWords(s: KeptSheet, lang: Lang): string {
  const seen =
    s.visibility === "VeryHidden"
      ? t(lang, "sheetVeryHidden")
      : s.shown && s.shown.until > `${localNow().date}T${localNow().time}`
        ? t(lang, "sheetShownUntil", { person: s.shown.person, until: s.shown.until.replace("T", " ") })
        : t(lang, "sheetInSight");
  return `${seen}${s.protected ? "" : ` · ${t(lang, "sheetUnprotected")}`}`;
}

/**
 * 保密工作表: whether Settings keep the register's sheets out of sight (as signed), how each
 * stands, hiding them all, and showing one for a while to someone allowed — logged.
 */
export function SheetsPage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const me = useSession().current;
  const [state, setState] = React.useState<{ keepHidden: boolean; sheets: KeptSheet[] }>();
  const [which, setWhich] = React.useState(keptSchemas[0]!.key);
  const [minutes, setMinutes] = React.useState(String(SHOW_MINUTES));
  const [purpose, setPurpose] = React.useState("");
  const [message, setMessage] = useMessage(lang);
  const problemText = (ps: Problem[]) => (l: Lang) => ps.map((p) => ruleText(l, p)).join(" ");

  const load = React.useCallback(async () => {
    const r = await keptSheetsState(env, keyStore.pinnedAdmin());
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    setState({ keepHidden: r.keepHidden, sheets: r.sheets });
  }, [env, setMessage]);
  React.useEffect(() => void load(), [load]);

  const hide = async () => {
    setMessage(undefined);
    const r = await hideKeptSheets(env, keyStore.pinnedAdmin());
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    onDone?.();
    if (r.problems.length) return setMessage({ type: MessageBarType.warning, text: problemText(r.problems) });
    setMessage({ type: MessageBarType.success, text: (l: Lang) => t(l, "sheetsHidden", { n: r.hidden }) });
    await load();
  };

  /** The rule's cell written 是: in force at once before the rules are signed, else once signed again. */
  const turnOn = async () => {
    setMessage(undefined);
    const r = await setKeepHidden(env, true, keyStore.pinnedAdmin());
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    onDone?.();
    const now = await keptSheetsState(env, keyStore.pinnedAdmin());
    if (now.ok) setState({ keepHidden: now.keepHidden, sheets: now.sheets });
    setMessage(
      now.ok && now.keepHidden
        ? { type: MessageBarType.success, text: (l: Lang) => t(l, "sheetsRuleTurnedOn") }
        : { type: MessageBarType.info, text: (l: Lang) => t(l, "sheetsRuleNeedsSigning") },
    );
  };

  const show = async () => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    setMessage(undefined);
    const r = await showKeptSheet(
      env,
      me.name,
      which,
      Number(minutes),
      purpose,
      keyStore.pinnedAdmin(),
      localNow(),
    );
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    onDone?.();
    if (r.problems.length || !r.sheet || !r.until)
      return setMessage({ type: MessageBarType.warning, text: problemText(r.problems) });
    showFor(env, r.sheet, Date.now() + Number(minutes) * 60_000, onDone);
    setMessage({
      type: MessageBarType.success,
      text: (l: Lang) => t(l, "sheetShown", { sheet: r.sheet!, until: r.until!.replace("T", " ") }),
    });
    await load();
  };

  const names = state?.sheets ?? [];
  return (
    <Stack tokens={{ childrenGap: 8, padding: "12px 0" }}>
      <Text>{t(lang, "sheetsIntro")}</Text>
      {state && (
        <MessageBar
          messageBarType={state.keepHidden ? MessageBarType.info : MessageBarType.warning}
          data-testid="sheets-rule"
        >
          {t(lang, state.keepHidden ? "sheetsRuleOn" : "sheetsRuleOff")}
        </MessageBar>
      )}
      <Stack tokens={{ childrenGap: 2 }} data-testid="kept-sheets" role="list">
        {names.map((s) => (
          <Text key={s.key} role="listitem">
            {s.name}
            {lang === "zh" ? ":" : ": "}
            {stateWords(s, lang)}
          </Text>
        ))}
      </Stack>
      {state && !state.keepHidden && <ActButton text={t(lang, "sheetsTurnOn")} onClick={turnOn} />}
      <ActButton text={t(lang, "sheetsHideAll")} onClick={hide} disabled={!state?.keepHidden} />
      <Text variant="mediumPlus" as="h3">
        {t(lang, "sheetShowTitle")}
      </Text>
      <Dropdown
        label={t(lang, "sheetShowWhich")}
        selectedKey={which}
        options={names.map((s) => ({ key: s.key, text: s.name }))}
        onChange={(_, o) => setWhich(String(o?.key ?? which))}
        data-testid="show-which"
      />
      <TextField
        label={t(lang, "sheetShowMinutes", { max: SHOW_MINUTES_MAX })}
        value={minutes}
        type="number"
        min={1}
        max={SHOW_MINUTES_MAX}
        onChange={(_, v) => setMinutes(v ?? "")}
        data-testid="show-minutes"
      />
      <TextField
        label={t(lang, "lookPurpose")}
        value={purpose}
        required
        onChange={(_, v) => setPurpose(v ?? "")}
        data-testid="show-purpose"
      />
      <ActButton primary text={t(lang, "sheetShowButton")} onClick={show} disabled={!names.length} />
      {message && (
        <MessageBar messageBarType={message.type} data-testid="sheets-message">
          {message.text}
        </MessageBar>
      )}
    </Stack>
  );
}
