import * as React from "react";
import { MessageBar, MessageBarType, Stack, Text, TextField } from "@fluentui/react";
import { actionWords } from "../../domain/history-words";
import type { Lang } from "../../domain/schema/model";
import type { Printout } from "../../domain/trace";
import type { ExcelEnv } from "../../excel/env";
import { lookUpPrintout } from "../../excel/actions/trace";
import { t } from "../i18n";
import { ActButton } from "../act-button";
import { useMessage } from "../message";

/** What a printout is, who made it, and whether it is still current: lines in `lang`. */
function describe(p: Printout, lang: Lang): { lines: string[]; state: string; current: boolean } {
  const lines = [
    t(lang, "traceWhat", { what: actionWords(p.action, lang), sheet: p.sheet }),
    t(lang, "traceMade", { person: p.person, time: p.time.replace("T", " "), row: p.row }),
  ];
  if (p.customerId) lines.push(t(lang, "traceCustomer", { id: p.customerId }));
  if (p.count !== undefined) lines.push(t(lang, "traceCount", { n: p.count }));
  if (p.loanNo)
    lines.push(
      p.returnedAt
        ? t(lang, "traceLoanBack", { no: p.loanNo, at: p.returnedAt })
        : t(lang, "traceLoanOut", { no: p.loanNo }),
    );
  // A card's reason is its purpose; a mailing's, its selection.
  if (p.reason)
    lines.push(
      p.action === "printCard"
        ? t(lang, "tracePurpose", { purpose: p.reason })
        : t(lang, "traceSelection", { filter: p.reason }),
    );
  if (p.recipient) lines.push(t(lang, "traceOutside", { to: p.recipient }));
  const state =
    p.state === "current"
      ? t(lang, "traceCurrent", { sheet: p.sheet })
      : p.state === "rebuilt"
        ? t(lang, "traceRebuilt", { newer: p.newer ?? "" })
        : p.state === "changed"
          ? t(lang, "traceChanged", { sheet: p.sheet })
          : t(lang, "traceRemoved", { sheet: p.sheet });
  return { lines, state, current: p.state === "current" };
}

/** 查验打印件: the trace code from a paper copy's footer, looked up in the Change log. */
export function TracePage({ env, lang }: { env: ExcelEnv; lang: Lang }) {
  const [typed, setTyped] = React.useState("");
  const [found, setFound] = React.useState<Printout>();
  const [message, setMessage] = useMessage(lang);
  const lookUp = async () => {
    setFound(undefined);
    const r = await lookUpPrintout(env, typed);
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    if (!r.code)
      return setMessage({
        type: MessageBarType.warning,
        text: (l: Lang) => t(l, "traceNotACode", { typed }),
      });
    if (!r.printout)
      return setMessage({
        type: MessageBarType.warning,
        text: (l: Lang) => t(l, "traceUnknown", { code: r.code! }),
      });
    setMessage(undefined);
    setFound(r.printout);
  };
  const shown = found && describe(found, lang);
  return (
    <Stack tokens={{ childrenGap: 8, padding: "12px 0" }}>
      <Text>{t(lang, "traceIntro")}</Text>
      <TextField
        label={t(lang, "traceCode")}
        value={typed}
        placeholder="7K3M-Q9XD"
        onChange={(_, v) => setTyped(v ?? "")}
        onKeyDown={(e) => {
          if (e.key === "Enter" && typed.trim()) void lookUp();
        }}
        data-testid="trace-code"
      />
      <ActButton primary text={t(lang, "traceLookUp")} onClick={lookUp} disabled={!typed.trim()} />
      {message && (
        <MessageBar messageBarType={message.type} data-testid="trace-message">
          {message.text}
        </MessageBar>
      )}
      {shown && found && (
        <Stack tokens={{ childrenGap: 4 }} data-testid="trace-found">
          <Text variant="mediumPlus">{found.code}</Text>
          {shown.lines.map((line) => (
            <Text key={line}>{line}</Text>
          ))}
          <MessageBar
            messageBarType={shown.current ? MessageBarType.success : MessageBarType.warning}
            data-testid="trace-state"
          >
            {shown.state}
          </MessageBar>
        </Stack>
      )}
    </Stack>
  );
}
