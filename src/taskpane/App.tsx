import * as React from "react";
import { Pivot, PivotItem, Stack, Text, Toggle, registerIcons } from "@fluentui/react";
import type { Lang } from "../domain/schema/model";
import type { ExcelEnv } from "../excel/env";
import { t } from "./i18n";
import { SetupPage } from "./pages/SetupPage";
import { ValidatePage } from "./pages/ValidatePage";

// The few icons Fluent's controls use, drawn from text: no icon font to fetch, so the pane
// looks the same on a locked-down desktop, on the web, and in the offline preview.
registerIcons({
  icons: {
    Info: "ℹ",
    Error: "✖",
    ErrorBadge: "✖",
    Blocked2: "⛔",
    Completed: "✔",
    Warning: "⚠",
    Clear: "✕",
    ChevronDown: "⌄",
    ChevronUp: "⌃",
    More: "…",
  },
});

export interface AppProps {
  env: ExcelEnv;
  lang: Lang;
  /** Told after every action, so the preview can redraw its workbook. */
  onWorkbookChanged?: () => void;
}

/** The task pane: one page per workflow, in the language Office speaks (switchable). */
export function App({ env, lang: initialLang, onWorkbookChanged }: AppProps) {
  const [lang, setLang] = React.useState<Lang>(initialLang);
  return (
    <Stack tokens={{ childrenGap: 8, padding: 12 }} lang={lang === "zh" ? "zh-CN" : "en-US"}>
      <Stack horizontal horizontalAlign="space-between" verticalAlign="center">
        <Text variant="xLarge" as="h1">
          {t(lang, "appTitle")}
        </Text>
        <Toggle
          data-testid="lang-toggle"
          aria-label={t(lang, "language")}
          onText={t(lang, "langEn")}
          offText={t(lang, "langZh")}
          checked={lang === "en"}
          onChange={(_, checked) => setLang(checked ? "en" : "zh")}
        />
      </Stack>
      <Pivot aria-label={t(lang, "appTitle")}>
        <PivotItem headerText={t(lang, "pageSetup")} itemKey="setup">
          <SetupPage env={env} lang={lang} onDone={onWorkbookChanged} />
        </PivotItem>
        <PivotItem headerText={t(lang, "pageValidate")} itemKey="validate">
          <ValidatePage env={env} lang={lang} onDone={onWorkbookChanged} />
        </PivotItem>
      </Pivot>
    </Stack>
  );
}
