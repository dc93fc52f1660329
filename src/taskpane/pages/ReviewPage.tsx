import * as React from "react";
import { Checkbox, MessageBar, MessageBarType, Stack, Text, TextField } from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import type { Worklist } from "../../domain/review";
import type { Problem } from "../../domain/problem";
import type { ExcelEnv } from "../../excel/env";
import { buildReviewList, confirmReviews, handOver, loadWorklist } from "../../excel/actions/lifecycle";
import { localNow } from "../clock";
import { useSession } from "../session";
import { t } from "../i18n";
import { ruleText } from "../rule-text";
import { ActButton } from "../act-button";
import { useMessage, type Saying } from "../message";
import { useConfirm } from "../confirm";

/** 复核 and 交接: the review worklist with progress per department, and the hand-over action. */
export function ReviewPage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const session = useSession();
  const [worklist, setWorklist] = React.useState<Worklist>();
  const [chosen, setChosen] = React.useState<Set<string>>(new Set());
  const [message, setMessage] = useMessage(lang);
  const [hand, setHand] = React.useState({ from: "", to: "", reason: "" });
  const [dialog, ask] = useConfirm(lang);
  const me = session.current?.name ?? "";

  const refresh = React.useCallback(async () => {
    const result = await loadWorklist(env, localNow().date);
    if (result.ok) setWorklist(result.worklist);
  }, [env]);
  React.useEffect(() => void refresh(), [refresh]);

  const say = (problems: Problem[], ok: Saying["text"]) =>
    setMessage(
      problems.length
        ? { type: MessageBarType.error, text: (l: Lang) => problems.map((p) => ruleText(l, p)).join(" ") }
        : { type: MessageBarType.success, text: ok },
    );
  const confirm = async () => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    const result = await confirmReviews(env, [...chosen], me, localNow());
    if (!result.ok) return setMessage({ type: MessageBarType.error, text: result.failure.message });
    say(result.problems, (l: Lang) => t(l, "reviewConfirmed", { n: result.confirmed.length }));
    setChosen(new Set());
    await refresh();
    onDone?.();
  };
  const printList = async () => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    const result = await buildReviewList(env, me, localNow());
    if (!result.ok) return setMessage({ type: MessageBarType.error, text: result.failure.message });
    say(result.problems, (l: Lang) =>
      `${t(l, "reviewListBuilt", { n: result.listed })} ${result.code ? t(l, "traceFooterNote", { code: result.code }) : ""}`.trim(),
    );
    onDone?.();
  };
  const transfer = async () => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    // A bulk act: it says how many and to whom before anything is written (issue 17).
    const from = hand.from.trim();
    const n = worklist?.items.filter((i) => i.responsible === from).length ?? 0;
    const yes = await ask({
      title: t(lang, "confirmHandOverTitle"),
      lines: [t(lang, "confirmHandOver", { n, from, to: hand.to.trim() }), t(lang, "confirmHandOverWhat")],
      act: t(lang, "handOverButton"),
    });
    if (!yes) return;
    const result = await handOver(env, hand.from, hand.to, hand.reason, me, localNow());
    if (!result.ok) return setMessage({ type: MessageBarType.error, text: result.failure.message });
    say(result.problems, (l: Lang) => t(l, "handedOver", { n: result.reassigned.length, to: hand.to }));
    await refresh();
    onDone?.();
  };

  const open = worklist?.items.filter((i) => i.state !== "done") ?? [];
  return (
    <Stack tokens={{ childrenGap: 8, padding: "12px 0" }}>
      {worklist && (
        <Text data-testid="review-cycle">
          {t(lang, "reviewCycle", { start: worklist.cycle.start, end: worklist.cycle.end })}
        </Text>
      )}
      {worklist &&
        Object.entries(worklist.progress).map(([dept, p]) => (
          <Text key={dept} variant="small">
            {t(lang, "reviewProgress", { dept, done: p.done, due: p.due, overdue: p.overdue })}
          </Text>
        ))}
      <Stack horizontal tokens={{ childrenGap: 8 }}>
        <ActButton text={t(lang, "refresh")} onClick={refresh} />
        <ActButton text={t(lang, "reviewListButton")} onClick={printList} />
      </Stack>
      {open.slice(0, 100).map((i) => (
        <Checkbox
          key={i.id}
          label={`${i.id} ${i.name}(${i.responsible})${i.state === "overdue" ? " ⚠" : ""}`}
          checked={chosen.has(i.id)}
          onChange={(_, on) => {
            const next = new Set(chosen);
            if (on) next.add(i.id);
            else next.delete(i.id);
            setChosen(next);
          }}
        />
      ))}
      <ActButton
        primary
        text={t(lang, "confirmNoChange")}
        onClick={confirm}
        disabled={chosen.size === 0 || !me}
      />
      <Text variant="mediumPlus">{t(lang, "handOverTitle")}</Text>
      <TextField
        label={t(lang, "handOverFrom")}
        value={hand.from}
        onChange={(_, v) => setHand({ ...hand, from: v ?? "" })}
      />
      <TextField
        label={t(lang, "handOverTo")}
        value={hand.to}
        onChange={(_, v) => setHand({ ...hand, to: v ?? "" })}
      />
      <TextField
        label={t(lang, "correctionReason")}
        value={hand.reason}
        onChange={(_, v) => setHand({ ...hand, reason: v ?? "" })}
      />
      <ActButton text={t(lang, "handOverButton")} onClick={transfer} disabled={!hand.from || !hand.to} />
      {message && <MessageBar messageBarType={message.type}>{message.text}</MessageBar>}
      {dialog}
    </Stack>
  );
}
