/**
 * 自检 / Check this Excel (issue 16): runs the adapter's assumptions against the Excel the
 * pane is in (src/excel/self-check.ts) and shows each as passed, failed or not applicable,
 * with a plain-text report to copy into a support request.
 */
import * as React from "react";
import { DefaultButton, Spinner, Stack, Text, TextField } from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import type { ExcelEnv } from "../../excel/env";
import { reportText, runSelfCheck, type SelfCheckReport, type SelfCheckProbes } from "../../excel/self-check";
import { probeKeyStorage } from "../keystore";
import { localNow } from "../clock";
import { t, type MessageKey } from "../i18n";

/** Office's facts where the pane runs in Excel; "preview" in a plain browser. */
function officeProbes(): SelfCheckProbes {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const diagnostics = office?.context?.diagnostics;
  return {
    platform: diagnostics ? String(diagnostics.platform) : "preview",
    version: diagnostics?.version ?? "",
    supports: office?.context?.requirements
      ? (set, version) => office.context.requirements.isSetSupported(set, version)
      : undefined,
    keyStorage: probeKeyStorage,
  };
}

const mark = { pass: "✔", fail: "✖", skip: "–" };

export function SelfCheckPanel({ env, lang }: { env: ExcelEnv; lang: Lang }) {
  const [busy, setBusy] = React.useState(false);
  const [report, setReport] = React.useState<{ report: SelfCheckReport; when: string }>();
  const run = async () => {
    setBusy(true);
    const now = localNow();
    try {
      setReport({ report: await runSelfCheck(env, officeProbes()), when: `${now.date} ${now.time}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack tokens={{ childrenGap: 8 }} data-testid="self-check">
      <Text variant="mediumPlus">{t(lang, "selfCheckTitle")}</Text>
      <Text variant="small">{t(lang, "selfCheckIntro")}</Text>
      <DefaultButton
        text={t(lang, "selfCheckButton")}
        onClick={run}
        allowDisabledFocus
        disabled={busy}
        data-testid="self-check-run"
      />
      {busy && <Spinner label={t(lang, "selfCheckRunning")} />}
      {report && (
        <>
          <Text variant="small" data-testid="self-check-platform">
            {t(lang, "selfCheckPlatform", {
              platform: report.report.platform,
              version: report.report.version || "—",
            })}
          </Text>
          <ul style={{ margin: 0, paddingInlineStart: 4, listStyle: "none" }}>
            {report.report.checks.map((c) => (
              <li key={c.id} data-testid="self-check-item" data-check={c.id} data-status={c.status}>
                <span aria-hidden="true">{mark[c.status]}</span> {t(lang, `check.${c.id}` as MessageKey)}
                {" — "}
                {t(lang, `checkStatus.${c.status}` as MessageKey)}
                {c.detail && (
                  <Text variant="small" block styles={{ root: { color: "#605e5c", paddingInlineStart: 16 } }}>
                    {c.detail}
                  </Text>
                )}
              </li>
            ))}
          </ul>
          <TextField
            label={t(lang, "selfCheckReport")}
            multiline
            readOnly
            rows={6}
            value={reportText(report.report, report.when)}
            data-testid="self-check-report"
          />
        </>
      )}
    </Stack>
  );
}
