import * as React from "react";
import {
  DefaultButton,
  Dropdown,
  MessageBar,
  MessageBarType,
  PrimaryButton,
  Stack,
  Text,
  TextField,
} from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import type { Problem } from "../../domain/problem";
import type { ExtractCheck, Loan, LoanApplication } from "../../domain/loans";
import { loanLog } from "../../domain/schema/sheets";
import type { ExcelEnv } from "../../excel/env";
import {
  applyForLoan,
  buildLoanExtract,
  loadLoans,
  returnLoans,
  stampLoans,
} from "../../excel/actions/loans";
import { localNow } from "../clock";
import { keyStore } from "../keystore";
import { useSession } from "../session";
import { unlockWithPin } from "../unlock";
import { t, type MessageKey } from "../i18n";
import { ruleText } from "../rule-text";
import { useMessage, type Saying } from "../message";

const extractSaid: Record<Exclude<ExtractCheck, "none">, MessageKey> = {
  same: "loanExtractSame",
  changed: "loanExtractChanged",
  unchecked: "loanExtractUnchecked",
  missing: "loanExtractMissing",
};

/** A loan act's message, then the returns it finished that a cut had left half-done. */
const withFinished = (lang: Lang, finished: string[], said: string) =>
  [said, ...finished.map((no) => t(lang, "loanReturnFinished", { no }))].filter(Boolean).join(" ");

const blank: LoanApplication = {
  borrower: "",
  department: "",
  title: "",
  class: "",
  region: "",
  from: "",
  due: "",
  purpose: "",
};

/** 借阅: the 客户名单使用申请表 and 使用登记簿 — apply, stamp, print the extract, take it back. */
export function LoansPage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const me = useSession().current;
  const [form, setForm] = React.useState<LoanApplication>(blank);
  const [loans, setLoans] = React.useState<Loan[]>([]);
  const [choices, setChoices] = React.useState<{
    departments: { name: string; kind: string }[];
    regions: string[];
  }>({ departments: [], regions: [] });
  const [loanNo, setLoanNo] = React.useState("");
  const [pin, setPin] = React.useState("");
  const [message, setMessage] = useMessage(lang);
  // A problem names the field in the person's words (the form has no rows to point at).
  const problemText = (ps: Problem[]) => (lang: Lang) =>
    ps
      .map((p) => {
        const field = loanLog.columns.find((c) => c.key === p.column)?.header[lang];
        const where = [p.value, field].filter(Boolean).join(" ");
        return `${where || t(lang, "rowN", { row: p.row })}${lang === "zh" ? ":" : ": "}${ruleText(lang, p)}`;
      })
      .join(" ");
  const [busy, setBusy] = React.useState(false);
  /** Each act needs the person on this device, and runs once however often it is clicked. */
  const once = (work: () => Promise<void>) => async () => {
    if (busy) return;
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const refresh = React.useCallback(async () => {
    const r = await loadLoans(env, localNow());
    if (!r.ok) return;
    setLoans(r.loans);
    setChoices({ departments: r.departments, regions: r.regions });
  }, [env]);
  React.useEffect(() => void refresh(), [refresh]);

  const done = (problems: Problem[], success: Saying["text"], type = MessageBarType.success) => {
    setMessage(
      problems.length ? { type: MessageBarType.error, text: problemText(problems) } : { type, text: success },
    );
    onDone?.();
    void refresh();
  };
  const set = (key: keyof LoanApplication) => (_: unknown, v?: string) =>
    setForm({ ...form, [key]: v ?? "" });
  const sameDay = choices.departments.find((d) => d.name === form.department)?.kind === "other";

  const apply = once(async () => {
    const r = await applyForLoan(env, form, me!.name, localNow());
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    if (!r.problems.length) {
      setForm(blank);
      setLoanNo(r.loanNo!);
    }
    done(r.problems, (l: Lang) =>
      withFinished(l, r.finished, t(l, "loanApplied", { no: r.loanNo ?? "", due: r.due ?? "" })),
    );
  });
  const stamp = once(async () => {
    const unlocked = await unlockWithPin(me!, pin, lang);
    if (!unlocked.ok) return setMessage({ type: MessageBarType.error, text: unlocked.message });
    setPin("");
    const r = await stampLoans(
      env,
      keyStore.pinnedAdmin(),
      [loanNo],
      unlocked.stamper,
      "approve",
      "",
      localNow(),
    );
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    done(r.problems, (l: Lang) => withFinished(l, r.finished, t(l, "loanStamped", { no: loanNo })));
  });
  const extract = once(async () => {
    const r = await buildLoanExtract(env, keyStore.pinnedAdmin(), loanNo, me!.name, localNow());
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    done(r.problems, (l: Lang) =>
      withFinished(
        l,
        r.finished,
        `${t(l, "loanExtracted", { sheet: r.sheetName ?? "", n: r.count })} ${r.code ? t(l, "traceFooterNote", { code: r.code }) : ""}`.trim(),
      ),
    );
  });
  const giveBack = once(async () => {
    const r = await returnLoans(env, [loanNo], "", me!.name, localNow());
    if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
    // What came back: the extract removed as lent, edited while out, or not there to compare.
    const said = (l: Lang) =>
      withFinished(
        l,
        r.finished,
        [
          ...r.returned.map((no) => t(l, "loanReturned", { no })),
          ...r.extracts
            .filter((e) => e.check !== "none")
            .map((e) => t(l, extractSaid[e.check as Exclude<ExtractCheck, "none">], { sheet: e.sheet })),
        ].join(" "),
      );
    const doubtful = r.extracts.some((e) => e.check === "changed" || e.check === "missing");
    done(r.problems, said, doubtful ? MessageBarType.warning : MessageBarType.success);
  });

  const overdue = loans.filter((l) => l.state === "overdue").length;
  const stateColour: Record<Loan["state"], string> = {
    pending: "#8a8886",
    out: "#0078d4",
    overdue: "#a4262c",
    returned: "#107c10",
  };
  const stateKey: Record<Loan["state"], MessageKey> = {
    pending: "loanPending",
    out: "loanOut",
    overdue: "loanOverdue",
    returned: "loanBack",
  };
  return (
    <Stack tokens={{ childrenGap: 8, padding: "12px 0" }}>
      <Text>{t(lang, "loansIntro")}</Text>
      {overdue > 0 && (
        <MessageBar messageBarType={MessageBarType.severeWarning} data-testid="overdue-count">
          {t(lang, "overdueN", { n: overdue })}
        </MessageBar>
      )}
      <Text variant="mediumPlus">{t(lang, "loanApplyHeading")}</Text>
      <TextField label={t(lang, "borrower")} value={form.borrower} onChange={set("borrower")} required />
      <Dropdown
        label={t(lang, "department")}
        required
        selectedKey={form.department || null}
        options={choices.departments.map((d) => ({ key: d.name, text: d.name }))}
        onChange={(_, o) => setForm({ ...form, department: String(o?.key ?? "") })}
        data-testid="loan-department"
      />
      <TextField label={t(lang, "jobTitle")} value={form.title} onChange={set("title")} />
      <Dropdown
        label={t(lang, "customerClass")}
        selectedKey={form.class}
        options={[{ key: "", text: t(lang, "any") }, ...["A", "B", "C"].map((c) => ({ key: c, text: c }))]}
        onChange={(_, o) => setForm({ ...form, class: String(o?.key ?? "") })}
        data-testid="loan-class"
      />
      <Dropdown
        label={t(lang, "region")}
        selectedKey={form.region}
        options={[{ key: "", text: t(lang, "any") }, ...choices.regions.map((r) => ({ key: r, text: r }))]}
        onChange={(_, o) => setForm({ ...form, region: String(o?.key ?? "") })}
        data-testid="loan-region"
      />
      <TextField
        label={t(lang, "loanFrom")}
        placeholder={t(lang, "nowHint")}
        value={form.from}
        onChange={set("from")}
      />
      <TextField
        label={t(lang, "loanDue")}
        placeholder={t(lang, "dueHint")}
        required={!sameDay}
        value={sameDay ? "" : form.due}
        disabled={sameDay}
        description={sameDay ? t(lang, "sameDayRule") : undefined}
        onChange={set("due")}
      />
      <TextField label={t(lang, "purpose")} value={form.purpose} onChange={set("purpose")} required />
      <TextField
        label={t(lang, "loanRecipient")}
        description={t(lang, "loanRecipientHelp")}
        value={form.recipient ?? ""}
        onChange={set("recipient")}
        data-testid="loan-recipient"
      />
      <PrimaryButton
        text={t(lang, "loanApplyButton")}
        onClick={apply}
        allowDisabledFocus
        disabled={busy}
        data-testid="loan-apply"
      />

      <Text variant="mediumPlus">{t(lang, "loanLogHeading")}</Text>
      {/* One loan a line, its state first: a table's four columns did not fit 320 px. */}
      <ul data-testid="loan-list" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {loans.map((l) => (
          <li key={l.loanNo}>
            <button
              type="button"
              onClick={() => setLoanNo(l.loanNo)}
              aria-pressed={loanNo === l.loanNo}
              data-testid="loan-item"
              style={{
                display: "block",
                width: "100%",
                textAlign: "left",
                padding: "4px 6px",
                border: "none",
                borderLeft: `3px solid ${stateColour[l.state]}`,
                background: loanNo === l.loanNo ? "#edebe9" : "transparent",
                font: "inherit",
                cursor: "pointer",
              }}
            >
              <Text styles={{ root: { fontWeight: 600 } }}>{l.loanNo}</Text> <Text>{l.borrower}</Text>{" "}
              <Text styles={{ root: { color: stateColour[l.state], fontWeight: 600 } }}>
                {t(lang, stateKey[l.state])}
              </Text>
              <br />
              <Text variant="small">
                {t(lang, "loanDue")} {l.due || "—"}
                {l.recipient ? ` · ${t(lang, "loanOutsideTo", { to: l.recipient })}` : ""}
              </Text>
            </button>
          </li>
        ))}
      </ul>
      <TextField label={t(lang, "loanNo")} value={loanNo} onChange={(_, v) => setLoanNo(v ?? "")} />
      <TextField label={t(lang, "pin")} type="password" value={pin} onChange={(_, v) => setPin(v ?? "")} />
      <Stack horizontal wrap tokens={{ childrenGap: 8 }}>
        <DefaultButton
          text={t(lang, "loanStampButton")}
          onClick={stamp}
          allowDisabledFocus
          disabled={busy || !loanNo}
        />
        <DefaultButton
          text={t(lang, "loanExtractButton")}
          onClick={extract}
          allowDisabledFocus
          disabled={busy || !loanNo}
        />
        <DefaultButton
          text={t(lang, "loanReturnButton")}
          onClick={giveBack}
          allowDisabledFocus
          disabled={busy || !loanNo}
        />
      </Stack>
      {message && (
        <MessageBar messageBarType={message.type} data-testid="loans-message">
          {message.text}
        </MessageBar>
      )}
    </Stack>
  );
}
