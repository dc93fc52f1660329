import * as React from "react";
import { Dropdown, Pivot, PivotItem, Stack, Text, Toggle, registerIcons } from "@fluentui/react";
import type { Lang } from "../domain/schema/model";
import type { ExcelEnv } from "../excel/env";
import { t } from "./i18n";
import { SetupPage } from "./pages/SetupPage";
import { ValidatePage } from "./pages/ValidatePage";
import { StaffPage } from "./pages/StaffPage";
import { IntakePage } from "./pages/IntakePage";
import { StampPage } from "./pages/StampPage";
import { PostPage } from "./pages/PostPage";
import { CorrectPage } from "./pages/CorrectPage";
import { ReviewPage } from "./pages/ReviewPage";
import { ArchivePage } from "./pages/ArchivePage";
import { ListsPage } from "./pages/ListsPage";
import { LoansPage } from "./pages/LoansPage";
import { CardPage } from "./pages/CardPage";
import { ReportsPage } from "./pages/ReportsPage";
import { MailPage } from "./pages/MailPage";
import { keyStore, type DeviceIdentity } from "./keystore";
import { SessionContext, type Session } from "./session";

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
  const [identities, setIdentities] = React.useState<DeviceIdentity[]>([]);
  const [chosen, setChosen] = React.useState<string>();
  const reload = React.useCallback(async () => setIdentities(await keyStore.list().catch(() => [])), []);
  React.useEffect(() => void reload(), [reload]);
  const session: Session = {
    identities,
    current: identities.find((i) => i.fingerprint === chosen) ?? identities[0],
    choose: setChosen,
    reload,
  };
  const page = { env, lang, onDone: onWorkbookChanged };
  return (
    <SessionContext.Provider value={session}>
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
        <Dropdown
          label={t(lang, "iAm")}
          placeholder={t(lang, "nobody")}
          selectedKey={session.current?.fingerprint ?? null}
          options={identities.map((i) => ({ key: i.fingerprint, text: `${i.name}(${i.department})` }))}
          onChange={(_, o) => setChosen(String(o?.key))}
          data-testid="acting-as"
        />
        <Pivot aria-label={t(lang, "appTitle")} overflowBehavior="menu" overflowAriaLabel={t(lang, "more")}>
          <PivotItem headerText={t(lang, "pageSetup")} itemKey="setup">
            <SetupPage {...page} />
          </PivotItem>
          <PivotItem headerText={t(lang, "pageValidate")} itemKey="validate">
            <ValidatePage {...page} />
          </PivotItem>
          <PivotItem headerText={t(lang, "pageStaff")} itemKey="staff">
            <StaffPage {...page} />
          </PivotItem>
          <PivotItem headerText={t(lang, "pageIntake")} itemKey="intake">
            <IntakePage {...page} />
          </PivotItem>
          <PivotItem headerText={t(lang, "pageStamp")} itemKey="stamp">
            <StampPage {...page} />
          </PivotItem>
          <PivotItem headerText={t(lang, "pagePost")} itemKey="post">
            <PostPage {...page} />
          </PivotItem>
          <PivotItem headerText={t(lang, "pageCorrect")} itemKey="correct">
            <CorrectPage {...page} />
          </PivotItem>
          <PivotItem headerText={t(lang, "pageReview")} itemKey="review">
            <ReviewPage {...page} />
          </PivotItem>
          <PivotItem headerText={t(lang, "pageArchive")} itemKey="archive">
            <ArchivePage {...page} />
          </PivotItem>
          <PivotItem headerText={t(lang, "pageLists")} itemKey="lists">
            <ListsPage {...page} />
          </PivotItem>
          <PivotItem headerText={t(lang, "pageLoans")} itemKey="loans">
            <LoansPage {...page} />
          </PivotItem>
          <PivotItem headerText={t(lang, "pageCard")} itemKey="card" alwaysRender>
            <CardPage {...page} />
          </PivotItem>
          <PivotItem headerText={t(lang, "pageReports")} itemKey="reports">
            <ReportsPage {...page} />
          </PivotItem>
          <PivotItem headerText={t(lang, "pageMail")} itemKey="mail">
            <MailPage {...page} />
          </PivotItem>
        </Pivot>
      </Stack>
    </SessionContext.Provider>
  );
}
