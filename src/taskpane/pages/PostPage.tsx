import * as React from "react";
import { MessageBar, MessageBarType, Stack, Text } from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import type { ExcelEnv } from "../../excel/env";
import { postRequests } from "../../excel/actions/post-requests";
import { localNow } from "../clock";
import { keyStore } from "../keystore";
import { useSession } from "../session";
import { t } from "../i18n";
import { finishedNote, ruleText } from "../rule-text";
import { ActButton } from "../act-button";
import { useMessage } from "../message";

/** 登记: finance posts fully stamped requests to the Register. */
export function PostPage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const session = useSession();
  const [message, setMessage] = useMessage(lang);
  const [busy, setBusy] = React.useState(false);
  const post = async () => {
    if (!session.current)
      return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    setBusy(true);
    const result = await postRequests(
      env,
      { name: session.current?.name ?? "" },
      keyStore.pinnedAdmin(),
      "all",
      localNow(),
    );
    setBusy(false);
    if (!result.ok) return setMessage({ type: MessageBarType.error, text: result.failure.message });
    if (result.adminChanged)
      return setMessage({ type: MessageBarType.severeWarning, text: (l: Lang) => t(l, "adminChanged") });
    if (result.adminFingerprint && !keyStore.pinnedAdmin()) keyStore.pinAdmin(result.adminFingerprint);
    const said = (l: Lang) => [
      result.posted.length
        ? t(l, "postedN", {
            n: result.posted.length,
            list: result.posted.map((p) => `${p.id} ${p.name}`).join(l === "zh" ? "、" : ", "),
          })
        : t(l, "nothingToPost"),
      finishedNote(l, result.finished),
      ...result.problems.map((p) => `${p.value}: ${ruleText(l, p)}`),
    ];
    setMessage({
      type: result.problems.length ? MessageBarType.warning : MessageBarType.success,
      text: (l: Lang) => said(l).filter(Boolean).join(" "),
    });
    onDone?.();
  };
  return (
    <Stack tokens={{ childrenGap: 8, padding: "12px 0" }}>
      <Text>{t(lang, "postIntro")}</Text>
      <ActButton
        primary
        text={t(lang, "postButton")}
        onClick={post}
        allowDisabledFocus
        disabled={busy}
        data-testid="post"
      />
      {message && (
        <MessageBar messageBarType={message.type} data-testid="post-message">
          {message.text}
        </MessageBar>
      )}
    </Stack>
  );
}
