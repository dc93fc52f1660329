import * as React from "react";
import {
  Checkbox,
  ChoiceGroup,
  Dropdown,
  MessageBar,
  MessageBarType,
  Stack,
  Text,
  TextField,
} from "@fluentui/react";
import type { MailingFilter, MailingForm } from "../../domain/mailing";
import type { Problem } from "../../domain/problem";
import { customerTypes } from "../../domain/schema/choices";
import type { Lang } from "../../domain/schema/model";
import type { ExcelEnv } from "../../excel/env";
import { buildMailing, loadMailingChoices, recordReturnedMail } from "../../excel/actions/mailing";
import { localNow } from "../clock";
import { useSession } from "../session";
import { t } from "../i18n";
import { ruleText } from "../rule-text";
import { ActButton } from "../act-button";
import { useMessage, type Saying } from "../message";

const idsOf = (text: string) => text.split(/[\s,，、;；]+/).filter(Boolean);

/** 邮寄: DM labels or an envelope list for a selection; returned mail (退件) marks customers invalid. */
export function MailPage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const me = useSession().current;
  const [filter, setFilter] = React.useState<MailingFilter>({});
  const [form, setForm] = React.useState<MailingForm>("labels");
  const [purpose, setPurpose] = React.useState("");
  const [release, setRelease] = React.useState("");
  const [choices, setChoices] = React.useState<{ regions: string[]; departments: string[] }>({
    regions: [],
    departments: [],
  });
  const [returned, setReturned] = React.useState({ ids: "", detail: "" });
  const [message, setMessage] = useMessage(lang);
  React.useEffect(() => {
    void loadMailingChoices(env).then((r) => r.ok && setChoices(r));
  }, [env]);
  const report = (problems: Problem[], success: Saying["text"]) => {
    onDone?.();
    setMessage(
      problems.length
        ? {
            type: MessageBarType.error,
            text: (l: Lang) =>
              problems.map((p) => `${p.value ? `${p.value} ` : ""}${ruleText(l, p)}`).join(" "),
          }
        : { type: MessageBarType.success, text: success },
    );
  };
  const any = { key: "", text: t(lang, "any") };
  const pick = (key: keyof MailingFilter) => (_: unknown, o?: { key: string | number }) =>
    setFilter({ ...filter, [key]: String(o?.key ?? "") || undefined });

  const build = async () => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    const r = await buildMailing(env, filter, form, me?.name ?? "", localNow(), purpose, release);
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    report(r.problems, (l: Lang) =>
      `${t(l, "mailingBuilt", { sheet: r.sheetName, n: r.count })} ${r.code ? t(l, "traceFooterNote", { code: r.code }) : ""}`.trim(),
    );
  };
  const recordReturn = async () => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    const r = await recordReturnedMail(env, idsOf(returned.ids), returned.detail, me?.name ?? "", localNow());
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    if (!r.problems.length) setReturned({ ids: "", detail: "" });
    report(r.problems, (l: Lang) => t(l, "returnedRecorded", { n: r.marked.length }));
  };

  return (
    <Stack tokens={{ childrenGap: 8, padding: "12px 0" }}>
      <Text>{t(lang, "mailIntro")}</Text>
      <Dropdown
        label={t(lang, "sourceClass")}
        selectedKey={filter.class ?? ""}
        options={[any, ...["A", "B", "C"].map((c) => ({ key: c, text: c }))]}
        onChange={pick("class")}
        data-testid="mail-class"
      />
      <Dropdown
        label={t(lang, "region")}
        selectedKey={filter.region ?? ""}
        options={[any, ...choices.regions.map((r) => ({ key: r, text: r }))]}
        onChange={pick("region")}
        data-testid="mail-region"
      />
      <Dropdown
        label={t(lang, "customerType")}
        selectedKey={filter.type ?? ""}
        options={[any, ...customerTypes.map((c) => ({ key: c.code, text: c[lang] }))]}
        onChange={pick("type")}
        data-testid="mail-type"
      />
      <Dropdown
        label={t(lang, "department")}
        selectedKey={filter.department ?? ""}
        options={[any, ...choices.departments.map((d) => ({ key: d, text: d }))]}
        onChange={pick("department")}
        data-testid="mail-department"
      />
      <Checkbox
        label={t(lang, "keyOnly")}
        checked={!!filter.keyOnly}
        onChange={(_, v) => setFilter({ ...filter, keyOnly: !!v })}
        data-testid="mail-key"
      />
      <ChoiceGroup
        label={t(lang, "mailForm")}
        selectedKey={form}
        options={[
          { key: "labels", text: t(lang, "labels") },
          { key: "envelopes", text: t(lang, "envelopes") },
        ]}
        onChange={(_, o) => setForm(o?.key === "envelopes" ? "envelopes" : "labels")}
      />
      <TextField
        label={t(lang, "lookPurpose")}
        description={t(lang, "lookPurposeMailing")}
        required
        value={purpose}
        onChange={(_, v) => setPurpose(v ?? "")}
        data-testid="mail-purpose"
      />
      <TextField
        label={t(lang, "mailRelease")}
        description={t(lang, "mailReleaseHelp")}
        value={release}
        onChange={(_, v) => setRelease(v ?? "")}
        data-testid="mail-release"
      />
      <ActButton primary text={t(lang, "buildMailing")} onClick={build} disabled={!purpose.trim()} />

      <Text variant="mediumPlus">{t(lang, "returnedHeading")}</Text>
      <TextField
        label={t(lang, "customerIds")}
        value={returned.ids}
        onChange={(_, v) => setReturned({ ...returned, ids: v ?? "" })}
        data-testid="returned-ids"
      />
      <TextField
        label={t(lang, "returnedDetail")}
        value={returned.detail}
        onChange={(_, v) => setReturned({ ...returned, detail: v ?? "" })}
      />
      <ActButton text={t(lang, "recordReturned")} onClick={recordReturn} disabled={!returned.ids.trim()} />
      {message && (
        <MessageBar messageBarType={message.type} data-testid="mail-message">
          {message.text}
        </MessageBar>
      )}
    </Stack>
  );
}
