import * as React from "react";
import { DefaultButton, MessageBar, MessageBarType, Spinner, Stack, Text } from "@fluentui/react";
import { taskPage, type HomeItem } from "../../domain/home";
import type { Lang } from "../../domain/schema/model";
import type { ExcelEnv } from "../../excel/env";
import { loadHome } from "../../excel/actions/home";
import { localNow } from "../clock";
import { useSession } from "../session";
import { keyStore } from "../keystore";
import { t, type ShellKey } from "../i18n-shell";
import type { PageKey } from "../nav";

const titles: Record<HomeItem["task"], ShellKey> = {
  stamp: "homeStamp",
  loanStamp: "homeLoanStamp",
  loanOverdue: "homeLoanOverdue",
  loanDue: "homeLoanDue",
  review: "homeReview",
  major: "homeMajor",
  backup: "homeBackup",
  validate: "homeValidate",
  sheets: "homeSheets",
};

/**
 * 首页: what waits for the person acting on this device (domain/home.ts), each item a
 * click away from the page where it is done. Read again each time it is shown.
 */
export function HomePage({ env, lang, go }: { env: ExcelEnv; lang: Lang; go: (page: PageKey) => void }) {
  const me = useSession().current;
  const [items, setItems] = React.useState<HomeItem[]>();
  const [failure, setFailure] = React.useState<string>();
  React.useEffect(() => {
    let live = true;
    setItems(undefined);
    const who = me && { name: me.name, role: me.role, department: me.department };
    void loadHome(env, who, localNow(), keyStore.checks()).then((r) => {
      if (!live) return;
      if (r.ok) setItems(r.items);
      else setFailure(r.failure.message);
    });
    return () => {
      live = false;
    };
  }, [env, me]);

  if (!me)
    return (
      <div data-testid="home-nobody">
        <MessageBar
          messageBarType={MessageBarType.info}
          actions={<DefaultButton text={t(lang, "pageStaff")} onClick={() => go("staff")} />}
        >
          {t(lang, "homeNobody")}
        </MessageBar>
      </div>
    );
  if (failure) return <MessageBar messageBarType={MessageBarType.error}>{failure}</MessageBar>;
  if (!items) return <Spinner label={t(lang, "homeReading")} data-testid="home-reading" />;
  return (
    <Stack tokens={{ childrenGap: 10 }} data-testid="home" aria-live="polite">
      <Text variant="mediumPlus" as="h2">
        {t(lang, "homeFor", { name: me.name })}
      </Text>
      {items.length === 0 && (
        <MessageBar messageBarType={MessageBarType.success} data-testid="home-nothing">
          {t(lang, "homeNothing")}
        </MessageBar>
      )}
      {items.map((item) => (
        <Stack
          key={item.task}
          data-testid={`home-${item.task}`}
          tokens={{ childrenGap: 2 }}
          styles={{
            root: {
              borderLeft: `4px solid ${item.late ? "#a4262c" : "#0078d4"}`,
              paddingLeft: 8,
            },
          }}
        >
          <Text variant="medium" as="h3" styles={{ root: { fontWeight: 600, margin: 0 } }}>
            {item.task === "validate" && item.lines.length === 0
              ? t(lang, "homeNeverValidated")
              : t(lang, titles[item.task], { n: item.count })}
            {item.late > 0 && item.task === "review" && (
              <span style={{ color: "#a4262c" }}> {t(lang, "homeLate", { n: item.late })}</span>
            )}
          </Text>
          {item.task === "validate" && item.lines[0] && (
            <Text variant="small">{t(lang, "homeValidateAt", { at: item.lines[0] })}</Text>
          )}
          {item.task !== "backup" && item.task !== "validate" && (
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {item.lines.map((line, i) => (
                <li key={line}>
                  <Text variant="small">{line}</Text>
                  {/* A loan whose extract sheet still stands in the workbook says so. */}
                  {item.extracts?.[i] && (
                    <Text variant="small" styles={{ root: { color: "#a4262c" } }} data-testid="home-extract">
                      {" · "}
                      {t(lang, "homeExtractOut", { sheet: item.extracts[i] })}
                    </Text>
                  )}
                </li>
              ))}
              {item.count > item.lines.length && (
                <li>
                  <Text variant="small">{t(lang, "homeMore", { n: item.count - item.lines.length })}</Text>
                </li>
              )}
            </ul>
          )}
          {item.task === "backup" && (
            <Text variant="small">
              {item.lines[0]
                ? t(lang, "homeLastBackup", { date: item.lines[0] })
                : t(lang, "homeNeverBackedUp")}
            </Text>
          )}
          <DefaultButton
            text={t(lang, "homeGo", { page: t(lang, pageTitle(taskPage[item.task] as PageKey)) })}
            onClick={() => go(taskPage[item.task] as PageKey)}
            data-testid={`home-go-${item.task}`}
            styles={{ root: { alignSelf: "flex-start" } }}
          />
        </Stack>
      ))}
    </Stack>
  );
}

/** The message key of a page's name. */
export function pageTitle(page: PageKey): ShellKey {
  return `page${page[0]!.toUpperCase()}${page.slice(1)}` as ShellKey;
}
