import * as React from "react";
import { MessageBar, MessageBarType, PrimaryButton, Spinner, Stack, Text } from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import type { ExcelEnv } from "../../excel/env";
import { setUpWorkbook, type SetupOutcome } from "../../excel/actions/set-up-workbook";
import type { ActionResult } from "../../excel/actions/result";
import { t } from "../i18n";
import { FailureBar } from "./FailureBar";

export function SetupPage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const [busy, setBusy] = React.useState(false);
  const [result, setResult] = React.useState<ActionResult<SetupOutcome>>();
  const run = async () => {
    setBusy(true);
    setResult(await setUpWorkbook(env));
    setBusy(false);
    onDone?.();
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
          <div>{t(lang, "setupLang", { lang: t(lang, result.lang === "zh" ? "langZh" : "langEn") })}</div>
        </MessageBar>
      )}
    </Stack>
  );
}
