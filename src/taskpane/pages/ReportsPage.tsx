import * as React from "react";
import { Checkbox, MessageBar, MessageBarType, Stack, Text } from "@fluentui/react";
import type { MajorMatter } from "../../domain/contacts";
import type { Lang } from "../../domain/schema/model";
import type { ExcelEnv } from "../../excel/env";
import { loadMajorMatters, markReported } from "../../excel/actions/contacts";
import { localNow } from "../clock";
import { useSession } from "../session";
import { t } from "../i18n";
import { ruleText } from "../rule-text";
import { ActButton } from "../act-button";
import { useMessage } from "../message";

/** 重大事项: major matters from the Contact log until the information office has them. */
export function ReportsPage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const me = useSession().current;
  const [matters, setMatters] = React.useState<MajorMatter[]>([]);
  const [chosen, setChosen] = React.useState<Set<string>>(new Set());
  const [message, setMessage] = useMessage(lang);
  const refresh = React.useCallback(async () => {
    const r = await loadMajorMatters(env);
    if (r.ok) setMatters(r.matters);
  }, [env]);
  React.useEffect(() => void refresh(), [refresh]);

  const mark = async () => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    const r = await markReported(env, [...chosen], me?.name ?? "", localNow());
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    onDone?.();
    setMessage(
      r.problems.length
        ? {
            type: MessageBarType.error,
            text: (l: Lang) => r.problems.map((p) => `${p.value} ${ruleText(l, p)}`).join(" "),
          }
        : { type: MessageBarType.success, text: (l: Lang) => t(l, "markedReported", { n: chosen.size }) },
    );
    setChosen(new Set());
    await refresh();
  };

  return (
    <Stack tokens={{ childrenGap: 8, padding: "12px 0" }}>
      <Text>{t(lang, "reportsIntro")}</Text>
      <ActButton text={t(lang, "refresh")} onClick={() => void refresh()} />
      <Stack tokens={{ childrenGap: 4 }} data-testid="to-report">
        {matters.length === 0 && <Text>{t(lang, "nothingToReport")}</Text>}
        {matters.map((m) => (
          <Checkbox
            key={m.contactNo}
            label={`${m.contactNo} ${m.date} ${m.customerId} ${m.staff}: ${m.summary}`}
            checked={chosen.has(m.contactNo)}
            onChange={(_, v) => {
              const next = new Set(chosen);
              if (v) next.add(m.contactNo);
              else next.delete(m.contactNo);
              setChosen(next);
            }}
          />
        ))}
      </Stack>
      <ActButton primary text={t(lang, "markReported")} onClick={mark} disabled={chosen.size === 0} />
      {message && (
        <MessageBar messageBarType={message.type} data-testid="reports-message">
          {message.text}
        </MessageBar>
      )}
    </Stack>
  );
}
