import * as React from "react";
import { Dropdown, MessageBar, MessageBarType, Stack, Text, TextField } from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import type { Problem } from "../../domain/problem";
import { customerTypes, sourceClasses } from "../../domain/schema/choices";
import { intake } from "../../domain/schema/sheets";
import type { ExcelEnv } from "../../excel/env";
import { fileRequest } from "../../excel/actions/workflow";
import { localNow } from "../clock";
import { useSession } from "../session";
import { t } from "../i18n";
import { ruleText } from "../rule-text";
import { ActButton } from "../act-button";
import { useMessage } from "../message";
import { FailureBar } from "./FailureBar";

const textFields = [
  "name",
  "uscc",
  "legalRep",
  "address",
  "postcode",
  "phone",
  "fax",
  "email",
  "contact",
  "region",
  "department",
  "responsible",
  "creditRating",
];
const choiceFields = [
  { key: "type", choices: customerTypes },
  { key: "class", choices: sourceClasses },
];
const header = (key: string, lang: Lang) => intake.columns.find((c) => c.key === key)!.header[lang];

/** 交易开始调查书: the responsible person files a new-customer request. */
export function IntakePage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const session = useSession();
  const blank = () =>
    ({ responsible: session.current?.name ?? "", type: "supplier", class: "B" }) as Record<string, string>;
  const [entry, setEntry] = React.useState<Record<string, string>>(blank);
  const [problems, setProblems] = React.useState<Problem[]>([]);
  const [done, setDone] = React.useState<string>();
  const [failure, setFailure] = React.useState<{ code: string; message: string }>();
  const [busy, setBusy] = React.useState(false);
  const [notice, setNotice] = useMessage(lang);

  const submit = async () => {
    // The log names who filed: someone must be chosen on this device (never the typed name).
    if (!session.current)
      return setNotice({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    setNotice(undefined);
    setBusy(true);
    setDone(undefined);
    const labelled = { ...entry };
    for (const { key, choices } of choiceFields)
      labelled[key] = choices.find((c) => c.code === entry[key])?.[lang] ?? "";
    const result = await fileRequest(env, labelled, session.current.name, localNow());
    setBusy(false);
    if (!result.ok) return setFailure(result.failure);
    setFailure(undefined);
    setProblems(result.problems);
    if (result.requestNo && result.problems.length === 0) {
      setDone(result.requestNo);
      setEntry(blank());
      onDone?.();
    }
  };
  const problemOf = (key: string) => {
    const p = problems.find((x) => x.column === key);
    return p && ruleText(lang, p);
  };

  return (
    <Stack tokens={{ childrenGap: 6, padding: "12px 0" }}>
      <Text>{t(lang, "intakeIntro")}</Text>
      {textFields.map((key) => (
        <TextField
          key={key}
          label={header(key, lang)}
          value={entry[key] ?? ""}
          onChange={(_, v) => setEntry({ ...entry, [key]: v ?? "" })}
          errorMessage={problemOf(key)}
          data-testid={`intake-${key}`}
        />
      ))}
      {choiceFields.map(({ key, choices }) => (
        <Dropdown
          key={key}
          label={header(key, lang)}
          selectedKey={entry[key]}
          options={choices.map((c) => ({ key: c.code, text: c[lang] }))}
          onChange={(_, o) => setEntry({ ...entry, [key]: String(o?.key ?? "") })}
          errorMessage={problemOf(key)}
          data-testid={`intake-${key}`}
        />
      ))}
      <ActButton
        primary
        text={t(lang, "submitRequest")}
        onClick={submit}
        allowDisabledFocus
        disabled={busy}
        data-testid="file-request"
      />
      {failure && <FailureBar lang={lang} failure={failure} />}
      {notice && <MessageBar messageBarType={notice.type}>{notice.text}</MessageBar>}
      {problems.length > 0 && (
        <MessageBar messageBarType={MessageBarType.error} data-testid="intake-problems">
          {problems.map((p) => `${header(p.column, lang)}: ${ruleText(lang, p)}`).join(" ")}
        </MessageBar>
      )}
      {done && (
        <MessageBar messageBarType={MessageBarType.success} data-testid="intake-done">
          {t(lang, "requestFiled", { no: done })}
        </MessageBar>
      )}
    </Stack>
  );
}
