import * as React from "react";
import { Dropdown, MessageBar, MessageBarType, Stack, Text, TextField } from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import { register } from "../../domain/schema/sheets";
import type { ExcelEnv } from "../../excel/env";
import { correctCustomer } from "../../excel/actions/workflow";
import { localNow } from "../clock";
import { useSession } from "../session";
import { t } from "../i18n";
import { ruleText } from "../rule-text";
import { ActButton } from "../act-button";
import { useMessage } from "../message";

const correctable = register.columns.filter(
  (c) => !c.hidden && !["id", "requestNo", "stamps", "postedDate", "status"].includes(c.key),
);

/** 订正: correct one field of a Register entry, with a reason; logged, lists rebuilt. */
export function CorrectPage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const session = useSession();
  const [form, setForm] = React.useState({ id: "", field: "phone", value: "", reason: "" });
  const [message, setMessage] = useMessage(lang);
  const set = (key: keyof typeof form) => (_: unknown, v?: string) => setForm({ ...form, [key]: v ?? "" });
  const apply = async () => {
    if (!session.current)
      return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    const result = await correctCustomer(
      env,
      form.id.trim(),
      { [form.field]: form.value },
      form.reason,
      session.current?.name ?? "",
      localNow(),
    );
    if (!result.ok) return setMessage({ type: MessageBarType.error, text: result.failure.message });
    if (result.problems.length) {
      return setMessage({
        type: MessageBarType.error,
        text: (l: Lang) => result.problems.map((p) => ruleText(l, p)).join(" "),
      });
    }
    setMessage(
      result.needsReapproval
        ? { type: MessageBarType.warning, text: (l: Lang) => t(l, "correctedReapprove") }
        : { type: MessageBarType.success, text: (l: Lang) => t(l, "corrected") },
    );
    onDone?.();
  };
  return (
    <Stack tokens={{ childrenGap: 8, padding: "12px 0" }}>
      <Text>{t(lang, "correctIntro")}</Text>
      <TextField label={register.columns[0]!.header[lang]} value={form.id} onChange={set("id")} />
      <Dropdown
        label={t(lang, "field")}
        selectedKey={form.field}
        options={correctable.map((c) => ({ key: c.key, text: c.header[lang] }))}
        onChange={(_, o) => setForm({ ...form, field: String(o?.key) })}
      />
      <TextField label={t(lang, "newValue")} value={form.value} onChange={set("value")} />
      <TextField label={t(lang, "correctionReason")} value={form.reason} onChange={set("reason")} />
      <ActButton
        primary
        text={t(lang, "correctButton")}
        onClick={apply}
        disabled={!form.id || !form.reason}
      />
      {message && <MessageBar messageBarType={message.type}>{message.text}</MessageBar>}
    </Stack>
  );
}
