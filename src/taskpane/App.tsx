import * as React from "react";
import {
  DefaultButton,
  Dropdown,
  MessageBar,
  MessageBarType,
  DropdownMenuItemType,
  Stack,
  Text,
  Spinner,
  Toggle,
  registerIcons,
} from "@fluentui/react";
import { spokenFingerprint } from "../domain/stamps/staff";
import { readTrustRoot } from "../excel/actions/trust-root";
import {
  lockAll,
  onUnlockChange,
  sessionChoices,
  sessionMinutes,
  setSessionMinutes,
  unlockedUntil,
} from "./unlock";
import type { Lang } from "../domain/schema/model";
import type { ExcelEnv } from "../excel/env";
import { useSealingEnv } from "./seal-prompt";
import { useLogWatch } from "./log-watch";
import { useWorkbookChanges } from "./workbook-changes";
import { selectionChanges } from "../excel/selection-changes";
import { t } from "./i18n-shell";
import { HomePage, pageTitle } from "./pages/HomePage";
import { ShownSheetBar } from "./shown-sheet";
import { pageGroups, type PageKey } from "./nav";
import { keyStore, type DeviceIdentity } from "./keystore";
import { SessionContext, type Session } from "./session";

/**
 * Each page is a chunk of its own, fetched when first opened (issue 15: what Excel loads
 * at start is the shell and the home page, not every page's code).
 */
const SetupPage = React.lazy(() =>
  import(/* webpackChunkName: "page-setup" */ "./pages/SetupPage").then((m) => ({ default: m.SetupPage })),
);
const ValidatePage = React.lazy(() =>
  import(/* webpackChunkName: "page-validate" */ "./pages/ValidatePage").then((m) => ({
    default: m.ValidatePage,
  })),
);
const StaffPage = React.lazy(() =>
  import(/* webpackChunkName: "page-staff" */ "./pages/StaffPage").then((m) => ({ default: m.StaffPage })),
);
const IntakePage = React.lazy(() =>
  import(/* webpackChunkName: "page-intake" */ "./pages/IntakePage").then((m) => ({ default: m.IntakePage })),
);
const StampPage = React.lazy(() =>
  import(/* webpackChunkName: "page-stamp" */ "./pages/StampPage").then((m) => ({ default: m.StampPage })),
);
const PostPage = React.lazy(() =>
  import(/* webpackChunkName: "page-post" */ "./pages/PostPage").then((m) => ({ default: m.PostPage })),
);
const CorrectPage = React.lazy(() =>
  import(/* webpackChunkName: "page-correct" */ "./pages/CorrectPage").then((m) => ({
    default: m.CorrectPage,
  })),
);
const ReviewPage = React.lazy(() =>
  import(/* webpackChunkName: "page-review" */ "./pages/ReviewPage").then((m) => ({ default: m.ReviewPage })),
);
const ArchivePage = React.lazy(() =>
  import(/* webpackChunkName: "page-archive" */ "./pages/ArchivePage").then((m) => ({
    default: m.ArchivePage,
  })),
);
const ListsPage = React.lazy(() =>
  import(/* webpackChunkName: "page-lists" */ "./pages/ListsPage").then((m) => ({ default: m.ListsPage })),
);
const LoansPage = React.lazy(() =>
  import(/* webpackChunkName: "page-loans" */ "./pages/LoansPage").then((m) => ({ default: m.LoansPage })),
);
const CardPage = React.lazy(() =>
  import(/* webpackChunkName: "page-card" */ "./pages/CardPage").then((m) => ({ default: m.CardPage })),
);
const ReportsPage = React.lazy(() =>
  import(/* webpackChunkName: "page-reports" */ "./pages/ReportsPage").then((m) => ({
    default: m.ReportsPage,
  })),
);
const MailPage = React.lazy(() =>
  import(/* webpackChunkName: "page-mail" */ "./pages/MailPage").then((m) => ({ default: m.MailPage })),
);
const TracePage = React.lazy(() =>
  import(/* webpackChunkName: "page-trace" */ "./pages/TracePage").then((m) => ({ default: m.TracePage })),
);
const SheetsPage = React.lazy(() =>
  import(/* webpackChunkName: "page-sheets" */ "./pages/SheetsPage").then((m) => ({ default: m.SheetsPage })),
);

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
    // Checkbox's tick: unregistered, a checked box showed no mark (issue 17).
    CheckMark: "✓",
    Cancel: "✕",
    ChevronRight: "›",
    ChevronLeft: "‹",
  },
});

export interface AppProps {
  env: ExcelEnv;
  lang: Lang;
  /** Told after every action, so the preview can redraw its workbook. */
  onWorkbookChanged?: () => void;
}

type TrustState =
  | { kind: "pinnedNow" | "changed"; fp: string }
  | { kind: "ambiguous"; candidates: string[] }
  | { kind: "quiet" };

/**
 * The trust root, on every page: the first time this device meets a workbook with an
 * administrator it pins their key and says so, with the fingerprint in digits to compare
 * aloud or on paper; a workbook whose administrator differs from the pinned one, or that
 * has two self-appointed administrators, gets a warning that no stamp is trusted.
 */
function TrustBanner({ env, lang, tick }: { env: ExcelEnv; lang: Lang; tick: number }) {
  const [state, setState] = React.useState<TrustState>({ kind: "quiet" });
  React.useEffect(() => {
    let live = true;
    void (async () => {
      const pinned = keyStore.pinnedAdmin();
      const r = await readTrustRoot(env, pinned);
      if (!live || !r.ok) return;
      if (r.adminChanged && pinned) setState({ kind: "changed", fp: pinned });
      else if (!pinned && r.adminFingerprint) {
        keyStore.pinAdmin(r.adminFingerprint);
        setState({ kind: "pinnedNow", fp: r.adminFingerprint });
      } else if (!pinned && r.rootCandidates.length > 1)
        setState({ kind: "ambiguous", candidates: r.rootCandidates });
      else setState((s) => (s.kind === "pinnedNow" ? s : { kind: "quiet" }));
    })();
    return () => {
      live = false;
    };
  }, [env, tick]);
  if (state.kind === "quiet") return null;
  if (state.kind === "ambiguous")
    return (
      <MessageBar messageBarType={MessageBarType.severeWarning} data-testid="trust-banner">
        {t(lang, "rootAmbiguous", { fps: state.candidates.map(spokenFingerprint).join(" / ") })}
      </MessageBar>
    );
  return (
    <MessageBar
      messageBarType={state.kind === "changed" ? MessageBarType.severeWarning : MessageBarType.info}
      data-testid="trust-banner"
      onDismiss={state.kind === "pinnedNow" ? () => setState({ kind: "quiet" }) : undefined}
    >
      {t(lang, state.kind === "changed" ? "rootChanged" : "rootPinned", { fp: spokenFingerprint(state.fp) })}
    </MessageBar>
  );
}

/**
 * Who is unlocked and for how long, visible on every page: the person's key stays in
 * memory (non-extractable) for the time chosen here, and "Lock now" forgets it.
 */
function UnlockBar({
  lang,
  identity,
  unlock,
}: {
  lang: Lang;
  identity?: DeviceIdentity;
  unlock: () => void;
}) {
  const [, redraw] = React.useState(0);
  React.useEffect(() => {
    const off = onUnlockChange(() => redraw((n) => n + 1));
    const timer = setInterval(() => redraw((n) => n + 1), 1000);
    return () => {
      off();
      clearInterval(timer);
    };
  }, []);
  const until = identity ? unlockedUntil(identity.fingerprint) : undefined;
  const seconds = until ? Math.max(0, Math.round((until - Date.now()) / 1000)) : 0;
  const left = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  return (
    <Stack horizontal verticalAlign="end" tokens={{ childrenGap: 8 }} wrap data-testid="unlock-session">
      <Dropdown
        label={t(lang, "unlockMinutes")}
        selectedKey={sessionMinutes()}
        options={sessionChoices.map((m) => ({
          key: m,
          text: m === 0 ? t(lang, "unlockEveryTime") : t(lang, "unlockMinutesChoice", { m }),
        }))}
        onChange={(_, o) => setSessionMinutes(Number(o?.key ?? 5))}
        styles={{ root: { minWidth: 120 } }}
      />
      {until && identity && (
        <>
          <Text variant="small" data-testid="unlocked-for">
            {t(lang, "unlockedFor", { name: identity.name, left })}
          </Text>
          <DefaultButton text={t(lang, "lockNow")} onClick={lockAll} data-testid="lock-now" />
        </>
      )}
      {!until && identity && (
        <DefaultButton text={t(lang, "unlockNow")} onClick={unlock} data-testid="unlock-now" />
      )}
    </Stack>
  );
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
  const [tick, setTick] = React.useState(0);
  const others = useWorkbookChanges(env);
  // Excel's selection changes, heard through one handler for the pane's life (the card follows them).
  const selections = React.useMemo(() => selectionChanges(env), [env]);
  const [generation, setGeneration] = React.useState(0);
  // While a writing action's claim of the register settles, the pane says so.
  const [settling, setSettling] = React.useState(false);
  const leased = React.useMemo<ExcelEnv>(
    () => (env.lease ? { ...env, lease: { ...env.lease, onSettling: setSettling } } : env),
    [env],
  );
  // What an action appends to the Change log is sealed with the acting person's key; locked, the pane asks for the PIN.
  const sealing = useSealingEnv(leased, session.current, lang);
  // What it wrote to the Change log, the pane looks at again and writes back if someone else's write replaced it.
  const watch = useLogWatch(sealing.env, lang);
  const page = { env: watch.env, lang, onDone: onWorkbookChanged };
  const [current, setCurrent] = React.useState<PageKey>("home");
  // The card page, once opened, stays mounted (it keeps the customer it shows).
  const [cardOpened, setCardOpened] = React.useState(false);
  React.useEffect(() => {
    if (current === "card") setCardOpened(true);
  }, [current]);
  const mainRef = React.useRef<HTMLElement>(null);
  const go = (to: PageKey) => {
    setCurrent(to);
    setTick((n) => n + 1);
    // Focus follows to the page opened, so a keyboard or screen reader user lands on it
    // (from the page menu, once its list has closed: see onRestoreFocus below).
    requestAnimationFrame(() => mainRef.current?.focus());
  };
  const focusPage = React.useRef(false);
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
        <UnlockBar lang={lang} identity={session.current} unlock={sealing.unlock} />
        <ShownSheetBar lang={lang} />
        {sealing.prompt}
        <TrustBanner env={env} lang={lang} tick={tick} />
        {watch.message}
        {settling && (
          <MessageBar messageBarType={MessageBarType.info} data-testid="lease-settling">
            {t(lang, "leaseSettling")}
          </MessageBar>
        )}
        {others.changed && (
          <MessageBar
            messageBarType={MessageBarType.warning}
            data-testid="remote-changed"
            actions={
              <DefaultButton
                text={t(lang, "remoteRefresh")}
                data-testid="remote-refresh"
                onClick={() => {
                  others.seen();
                  setGeneration((n) => n + 1);
                }}
              />
            }
          >
            {t(lang, "remoteChanged")}
          </MessageBar>
        )}
        <Stack horizontal verticalAlign="end" tokens={{ childrenGap: 8 }}>
          <DefaultButton
            text={t(lang, "pageHome")}
            checked={current === "home"}
            aria-pressed={current === "home"}
            onClick={() => go("home")}
            data-testid="nav-home"
          />
          <Dropdown
            label={t(lang, "nav")}
            placeholder={t(lang, "pageHome")}
            selectedKey={current === "home" ? null : current}
            options={pageGroups.flatMap((g) => [
              { key: g.title, text: t(lang, g.title), itemType: DropdownMenuItemType.Header },
              ...g.pages.map((p) => ({ key: p, text: t(lang, pageTitle(p)) })),
            ])}
            onChange={(_, o) => {
              focusPage.current = true;
              if (o) go(o.key as PageKey);
            }}
            data-testid="nav"
            calloutProps={{
              // A page was chosen: focus goes to it, not back to the menu.
              onRestoreFocus: ({ originalElement, containsFocus }) => {
                if (focusPage.current) mainRef.current?.focus();
                else if (containsFocus) originalElement?.focus();
                focusPage.current = false;
              },
            }}
            styles={{ root: { flexGrow: 1, minWidth: 0 } }}
          />
        </Stack>
        <main
          key={generation}
          ref={mainRef}
          tabIndex={-1}
          aria-label={t(lang, pageTitle(current))}
          data-page={current}
          style={{ outline: "none" }}
        >
          <React.Suspense fallback={<Spinner label={t(lang, "pageLoading")} data-testid="page-loading" />}>
            {current === "home" && <HomePage env={page.env} lang={lang} go={go} />}
            {current === "setup" && <SetupPage {...page} />}
            {current === "validate" && <ValidatePage {...page} />}
            {current === "staff" && <StaffPage {...page} />}
            {current === "sheets" && <SheetsPage {...page} />}
            {current === "intake" && <IntakePage {...page} />}
            {current === "stamp" && <StampPage {...page} />}
            {current === "post" && <PostPage {...page} />}
            {current === "correct" && <CorrectPage {...page} />}
            {current === "review" && <ReviewPage {...page} />}
            {current === "archive" && <ArchivePage {...page} />}
            {current === "lists" && <ListsPage {...page} />}
            {current === "loans" && <LoansPage {...page} />}
            {/* The card keeps the customer it shows while other pages are open. */}
            {cardOpened && (
              <div hidden={current !== "card"}>
                <CardPage {...page} selections={selections} shown={current === "card"} />
              </div>
            )}
            {current === "reports" && <ReportsPage {...page} />}
            {current === "mail" && <MailPage {...page} />}
            {current === "trace" && <TracePage {...page} />}
          </React.Suspense>
        </main>
      </Stack>
    </SessionContext.Provider>
  );
}
