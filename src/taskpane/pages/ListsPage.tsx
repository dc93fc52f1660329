import * as React from "react";
import { Checkbox, MessageBar, MessageBarType, Stack, Text, TextField } from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import type { Problem } from "../../domain/problem";
import { lastTwelveMonths } from "../../domain/lists/monthly";
import type { ExcelEnv } from "../../excel/env";
import { approveInvalidList, buildMonthlyLists, loadMonthlyCounts } from "../../excel/actions/lists";
import { localNow } from "../clock";
import { keyStore } from "../keystore";
import { useSession } from "../session";
import { unlockWithPin } from "../unlock";
import { t } from "../i18n";
import { ruleText } from "../rule-text";
import { ActButton } from "../act-button";
import { useMessage } from "../message";

type Counts = { month: string; count: number }[];

/** 月度名单: build 新增 / 无效 sheets, see the month against the target, stamp the invalid list. */
export function ListsPage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const me = useSession().current;
  const [month, setMonth] = React.useState(localNow().date.slice(0, 7));
  const [twelve, setTwelve] = React.useState(false);
  const [pin, setPin] = React.useState("");
  const [counts, setCounts] = React.useState<{ counts: Counts; target: number }>();
  const [message, setMessage] = useMessage(lang);
  const problemText = (ps: Problem[]) => (l: Lang) => ps.map((p) => `${p.value} ${ruleText(l, p)}`).join(" ");

  const refresh = React.useCallback(async () => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return;
    const r = await loadMonthlyCounts(env, month);
    if (r.ok) setCounts({ counts: r.counts, target: r.target });
  }, [env, month]);
  React.useEffect(() => void refresh(), [refresh]);

  const build = async () => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    const months = twelve ? lastTwelveMonths(month) : [month];
    const r = await buildMonthlyLists(env, months, ["new", "invalid"], me?.name ?? "", localNow());
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    if (r.problems.length) return setMessage({ type: MessageBarType.error, text: problemText(r.problems) });
    setCounts({ counts: r.counts, target: r.target });
    setMessage({
      type: MessageBarType.success,
      text: (l: Lang) =>
        [
          t(l, "listsBuilt", {
            list: r.lists
              .map((x) => `${x.sheetName} (${x.count}${x.code ? `, ${x.code}` : ""})`)
              .join(l === "zh" ? "、" : ", "),
          }),
          r.skipped.length
            ? t(l, "listsSkipped", {
                list: r.skipped
                  .map((x) => `${x.month} ${t(l, x.kind === "new" ? "listNew" : "listInvalid")}`)
                  .join(l === "zh" ? "、" : ", "),
              })
            : "",
        ]
          .filter(Boolean)
          .join(" "),
    });
    onDone?.();
  };
  const stamp = async () => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    const unlocked = await unlockWithPin(me, pin, lang);
    if (!unlocked.ok) return setMessage({ type: MessageBarType.error, text: unlocked.message });
    setPin("");
    const r = await approveInvalidList(env, keyStore.pinnedAdmin(), month, unlocked.stamper, localNow());
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    if (r.problems.length) return setMessage({ type: MessageBarType.error, text: problemText(r.problems) });
    setMessage({
      type: MessageBarType.success,
      text: (l: Lang) => t(l, "invalidStamped", { n: r.moved.length, left: r.left }),
    });
    onDone?.();
    void refresh();
  };

  const current = counts?.counts.at(-1);
  return (
    <Stack tokens={{ childrenGap: 8, padding: "12px 0" }}>
      <Text>{t(lang, "listsIntro")}</Text>
      <TextField
        label={t(lang, "monthLabel")}
        value={month}
        onChange={(_, v) => setMonth(v ?? "")}
        placeholder="2026-11"
        data-testid="list-month"
      />
      {counts && current && (
        <Stack tokens={{ childrenGap: 4 }} data-testid="month-count">
          <Text variant="mediumPlus">
            {t(lang, "monthCount", { month: current.month, n: current.count, target: counts.target })}
          </Text>
          <MonthChart counts={counts.counts} target={counts.target} lang={lang} />
        </Stack>
      )}
      <Checkbox label={t(lang, "twelveMonths")} checked={twelve} onChange={(_, v) => setTwelve(!!v)} />
      <ActButton primary text={t(lang, "buildLists")} onClick={build} />
      <TextField label={t(lang, "pin")} type="password" value={pin} onChange={(_, v) => setPin(v ?? "")} />
      <ActButton text={t(lang, "stampInvalidList")} onClick={stamp} />
      {message && (
        <MessageBar messageBarType={message.type} data-testid="lists-message">
          {message.text}
        </MessageBar>
      )}
    </Stack>
  );
}

/**
 * Twelve bars with their figures, a y axis from 0, the target as a labelled dashed line,
 * months as numbers with the year under the first and under each January; each bar also
 * says its month and figure to screen readers.
 */
function MonthChart({ counts, target, lang }: { counts: Counts; target: number; lang: Lang }) {
  const left = 28;
  const width = 284;
  const height = 96;
  const top = Math.max(target, ...counts.map((c) => c.count)) * 1.15 || 1;
  const bar = (width - left) / counts.length;
  const y = (n: number) => 10 + (height - 10) - (n / top) * (height - 10);
  const tick = (n: number) => (
    <g key={`tick-${n}`}>
      <line x1={left - 3} x2={left} y1={y(n)} y2={y(n)} stroke="#605E5C" />
      <text x={left - 5} y={y(n) + 3} fontSize={8} textAnchor="end" fill="#323130">
        {n}
      </text>
    </g>
  );
  return (
    <svg
      width={width}
      height={height + 26}
      role="img"
      aria-label={t(lang, "chartLabel", { target })}
      data-testid="month-chart"
    >
      <line x1={left} x2={left} y1={y(top)} y2={y(0)} stroke="#605E5C" />
      <line x1={left} x2={width} y1={y(0)} y2={y(0)} stroke="#605E5C" />
      {tick(0)}
      {counts.map((c, i) => {
        const x = left + i * bar;
        const year = i === 0 || c.month.endsWith("-01");
        return (
          <g key={c.month} data-month={c.month}>
            <rect
              x={x + 2}
              y={y(c.count)}
              width={bar - 4}
              height={y(0) - y(c.count)}
              fill={c.count >= target ? "#107C10" : "#0078D4"}
            >
              <title>{`${c.month}: ${c.count}`}</title>
            </rect>
            <text x={x + bar / 2} y={y(c.count) - 2} fontSize={8} textAnchor="middle" fill="#323130">
              {c.count}
            </text>
            <text x={x + bar / 2} y={y(0) + 10} fontSize={9} textAnchor="middle" fill="#323130">
              {Number(c.month.slice(5))}
            </text>
            {year && (
              <text x={x + 1} y={y(0) + 21} fontSize={8} fill="#605E5C">
                {c.month.slice(0, 4)}
              </text>
            )}
          </g>
        );
      })}
      <line x1={left} x2={width} y1={y(target)} y2={y(target)} stroke="#A4262C" strokeDasharray="4 3" />
      <text x={width} y={y(target) + 9} fontSize={8} textAnchor="end" fill="#A4262C">
        {t(lang, "chartTarget", { target })}
      </text>
    </svg>
  );
}
