import * as React from "react";
import { Checkbox, Dropdown, MessageBar, MessageBarType, Stack, Text, TextField } from "@fluentui/react";
import type { Card } from "../../domain/card";
import type { Problem } from "../../domain/problem";
import { contactChannels, yesNo } from "../../domain/schema/choices";
import { choiceLabel, type Lang } from "../../domain/schema/model";
import { register } from "../../domain/schema/sheets";
import type { ExcelEnv } from "../../excel/env";
import { historyLine } from "../../domain/history-words";
import { customerOfSelection, printCard, showCard } from "../../excel/actions/card";
import { looksAtCustomer } from "../../excel/actions/trace";
import { actionWords } from "../../domain/history-words";
import type { Look } from "../../domain/looking";
import { followSelectedCustomer } from "../../excel/follow-selection";
import type { SelectionChanges } from "../../excel/selection-changes";
import { addAnnualResult, addContact } from "../../excel/actions/contacts";
import { correctCustomer } from "../../excel/actions/workflow";
import { localNow } from "../clock";
import { keyStore } from "../keystore";
import { useSession } from "../session";
import { t, type MessageKey } from "../i18n";
import { ruleText } from "../rule-text";
import { ActButton } from "../act-button";
import { useMessage, type Saying } from "../message";

const whereKey: Record<Card["where"], MessageKey> = {
  register: "whereRegister",
  suspended: "whereSuspended",
  past: "wherePast",
  destroyed: "whereDestroyed",
  unknown: "whereUnknown",
};

function Section({ title, testid, children }: { title: string; testid: string; children: React.ReactNode }) {
  return (
    <Stack tokens={{ childrenGap: 2 }} data-testid={testid}>
      <Text variant="mediumPlus" as="h3">
        {title}
      </Text>
      {children}
    </Stack>
  );
}

/**
 * 原始资料卡片: one customer's card — fields, stamps (verified), history, contacts, annual
 * results, where it is — with quick contact entry, annual results and the key-customer
 * setting, and a printable one-page sheet. While it is `shown`, it follows the cell selected in
 * Excel (unless the person turns that off): a cell in a customer's row shows that customer,
 * any other cell leaves the card as it is.
 */
export function CardPage({
  env,
  lang,
  onDone,
  selections,
  shown = true,
}: {
  env: ExcelEnv;
  lang: Lang;
  onDone?: () => void;
  /** Excel's selection changes (excel/selection-changes.ts); without them the card does not follow. */
  selections?: SelectionChanges;
  /** The page is on screen: it reads nothing for selections made while it is not. */
  shown?: boolean;
}) {
  const me = useSession().current;
  const [id, setId] = React.useState("");
  const [card, setCard] = React.useState<Card>();
  const [message, setMessage] = useMessage(lang);
  const [key, setKey] = React.useState({ on: false, staff: "" });
  const today = localNow().date;
  const blankContact = { date: today, staff: "", channel: "phone", summary: "", major: false };
  const [contact, setContact] = React.useState(blankContact);
  const [result, setResult] = React.useState({ year: "", revenue: "", financialNotes: "" });
  const problemText = (ps: Problem[]) => (l: Lang) =>
    ps.map((p) => `${p.value ? `${p.value} ` : ""}${ruleText(l, p)}`).join(" ");
  const fail = (text: Saying["text"]) => setMessage({ type: MessageBarType.error, text });
  const [follow, setFollow] = React.useState(true);
  const [purpose, setPurpose] = React.useState("");
  const [looks, setLooks] = React.useState<Look[]>();
  // The card asked for last is the one shown, whichever read ends first.
  const asked = React.useRef(0);

  const show = async (which: string, keepMessage = false) => {
    const ticket = ++asked.current;
    // Looking is logged (once a day per customer) and refused without the right: looking.ts.
    const r = await showCard(env, which.trim(), me?.name ?? "", purpose, keyStore.pinnedAdmin(), localNow());
    if (ticket !== asked.current) return;
    if (!r.ok) return fail(r.failure.message);
    setLooks(undefined);
    if (!r.card) {
      setCard(undefined);
      return fail(problemText(r.problems));
    }
    setCard(r.card);
    setId(r.card.id);
    setKey({ on: r.card.key, staff: r.card.staffContacts.join("、") });
    if (!keepMessage) setMessage(undefined);
  };
  // Following the selection: a customer other than the one shown is read and shown.
  const latest = React.useRef({ show, id: card?.id });
  latest.current = { show, id: card?.id };
  React.useEffect(() => {
    if (!selections || !follow || !shown) return;
    return followSelectedCustomer(env, selections, (found) => {
      if (found !== latest.current.id) void latest.current.show(found);
    });
  }, [env, selections, follow, shown]);
  const fromSelection = async () => {
    const r = await customerOfSelection(env);
    if (!r.ok) return fail(r.failure.message);
    if (!r.id) return fail(problemText(r.problems));
    await show(r.id);
  };
  const whoLooked = async () => {
    if (!card) return;
    const r = await looksAtCustomer(env, card.id, localNow().date.slice(0, 4));
    if (!r.ok) return fail(r.failure.message);
    setLooks(r.looks);
  };
  const print = async () => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    // The last action's words go at once: what shows next is this one's.
    setMessage(undefined);
    const r = await printCard(
      env,
      id.trim(),
      me?.name ?? "",
      keyStore.pinnedAdmin(),
      localNow(),
      (issue) => ruleText(lang, { sheet: "register", row: 0, column: "stamps", rule: issue, value: "" }),
      purpose,
    );
    if (!r.ok) return fail(r.failure.message);
    onDone?.();
    if (r.problems.length) return fail(problemText(r.problems));
    setMessage({
      type: MessageBarType.success,
      text: (l: Lang) =>
        `${t(l, "cardPrinted", { sheet: r.sheetName ?? "" })} ${r.code ? t(l, "traceFooterNote", { code: r.code }) : ""}`.trim(),
    });
  };
  const after = async (problems: Problem[], success: Saying["text"]) => {
    onDone?.();
    if (problems.length) return fail(problemText(problems));
    await show(id, true);
    setMessage({ type: MessageBarType.success, text: success });
  };
  const saveKey = async () => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    setMessage(undefined);
    const r = await correctCustomer(
      env,
      id.trim(),
      { keyCustomer: choiceLabel(yesNo, key.on ? "yes" : "no", lang), staffContacts: key.staff.trim() },
      t(lang, "keyReason"),
      me?.name ?? "",
      localNow(),
    );
    if (!r.ok) return fail(r.failure.message);
    await after(r.problems, (l: Lang) => t(l, "keySaved"));
  };
  const recordContact = async () => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    setMessage(undefined);
    const r = await addContact(
      env,
      { ...contact, staff: contact.staff || me?.name || "", customerId: id.trim() },
      me?.name ?? "",
      localNow(),
    );
    if (!r.ok) return fail(r.failure.message);
    if (!r.problems.length) setContact(blankContact);
    await after(r.problems, (l: Lang) => t(l, "contactAdded", { no: r.contactNo ?? "" }));
  };
  const recordResult = async () => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    setMessage(undefined);
    const r = await addAnnualResult(env, { ...result, customerId: id.trim() }, me?.name ?? "", localNow());
    if (!r.ok) return fail(r.failure.message);
    if (!r.problems.length) setResult({ year: "", revenue: "", financialNotes: "" });
    await after(r.problems, (l: Lang) => t(l, "resultAdded", { year: result.year }));
  };

  const found = card && card.where !== "unknown";
  const editable = card && (card.where === "register" || card.where === "suspended" || card.where === "past");
  return (
    <Stack tokens={{ childrenGap: 8, padding: "12px 0" }}>
      <Text>{t(lang, "cardIntro")}</Text>
      <TextField
        label={t(lang, "customerId")}
        value={id}
        onChange={(_, v) => setId(v ?? "")}
        onKeyDown={(e) => e.key === "Enter" && void show(id)}
        data-testid="card-id"
      />
      <TextField
        label={t(lang, "lookPurpose")}
        description={t(lang, "lookPurposeCard")}
        value={purpose}
        onChange={(_, v) => setPurpose(v ?? "")}
        data-testid="card-purpose"
      />
      <Stack horizontal wrap tokens={{ childrenGap: 8 }}>
        <ActButton primary text={t(lang, "showCard")} onClick={() => void show(id)} disabled={!id.trim()} />
        <ActButton text={t(lang, "cardOfSelection")} onClick={fromSelection} />
        <ActButton text={t(lang, "printCard")} onClick={print} disabled={!found} />
      </Stack>
      {selections && (
        <Checkbox
          label={t(lang, "cardFollow")}
          checked={follow}
          onChange={(_, v) => setFollow(!!v)}
          data-testid="card-follow"
        />
      )}
      {message && (
        <MessageBar messageBarType={message.type} data-testid="card-message">
          {message.text}
        </MessageBar>
      )}
      {card && (
        <Stack tokens={{ childrenGap: 10 }} data-testid="card">
          <Text variant="large" as="h2">
            {card.fields.find((f) => f.key === "name")?.value || card.id} · {card.id}
          </Text>
          <Text data-testid="card-where">
            {t(lang, whereKey[card.where], { row: card.row ?? "" })}
            {card.loansOut.length > 0 &&
              ` · ${t(lang, "onLoanNow", {
                loans: card.loansOut.map((l) => `${l.loanNo} ${l.borrower} → ${l.due}`).join("; "),
              })}`}
          </Text>
          {card.key && card.staffContacts.length < 2 && (
            <MessageBar messageBarType={MessageBarType.severeWarning} data-testid="key-warning">
              {t(lang, "keyWarning", { n: card.staffContacts.length })}
            </MessageBar>
          )}
          {found && (
            <table className="card-fields" data-testid="card-fields">
              <tbody>
                {card.fields
                  .filter((f) => f.value)
                  .map((f) => (
                    <tr key={f.key}>
                      {/* The column's name in the pane's language; the value as the workbook holds it. */}
                      <th>{register.columns.find((c) => c.key === f.key)?.header[lang] ?? f.label}</th>
                      <td>{f.value}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          <Section title={t(lang, "stampsHeading")} testid="card-stamps">
            {card.stamps.length === 0 && <Text>{t(lang, "noStamps")}</Text>}
            {card.stamps.map((s, i) => (
              <Text key={i} className={s.issue ? "stamp-bad" : "stamp-ok"}>
                {s.issue ? "✖" : "✔"} {s.words} —{" "}
                {s.issue
                  ? ruleText(lang, { sheet: "register", row: 0, column: "stamps", rule: s.issue, value: "" })
                  : t(lang, "stampOk")}
              </Text>
            ))}
          </Section>
          <Section title={t(lang, "contactsHeading")} testid="card-contacts">
            {card.contacts.length === 0 && <Text>{t(lang, "noneYet")}</Text>}
            {card.contacts.map((c) => (
              <Text key={c.no}>
                {c.date} {c.channel} · {c.staff}: {c.summary}
                {c.major &&
                  ` (${c.reported ? `${t(lang, "reported")}: ${c.reported}` : t(lang, "toReport")})`}
              </Text>
            ))}
          </Section>
          <Section title={t(lang, "resultsHeading")} testid="card-results">
            {card.results.length === 0 && <Text>{t(lang, "noneYet")}</Text>}
            {card.results.map((r, i) => (
              <Text key={i}>
                {r.year}: {r.revenue} {r.notes && `· ${r.notes}`}
              </Text>
            ))}
          </Section>
          <Section title={t(lang, "historyHeading")} testid="card-history">
            {card.history.length === 0 && <Text>{t(lang, "noneYet")}</Text>}
            {card.history.map((h, i) => (
              <Text key={i}>{historyLine(h, lang)}</Text>
            ))}
          </Section>

          <Section title={t(lang, "looksHeading")} testid="card-looks">
            {looks === undefined ? (
              <ActButton text={t(lang, "whoLooked")} onClick={whoLooked} />
            ) : looks.length === 0 ? (
              <Text>{t(lang, "nobodyLooked")}</Text>
            ) : (
              looks.map((l) => (
                <Text key={l.row}>
                  {[
                    l.time.replace("T", " "),
                    l.person,
                    actionWords(l.action, lang),
                    l.sheet,
                    l.purpose && (lang === "zh" ? `(${l.purpose})` : `(${l.purpose})`),
                  ]
                    .filter(Boolean)
                    .join(" ")}
                </Text>
              ))
            )}
          </Section>

          {editable && (
            <Stack tokens={{ childrenGap: 6 }}>
              <Text variant="mediumPlus" as="h3">
                {t(lang, "keyCustomer")}
              </Text>
              <Checkbox
                label={t(lang, "keyCustomer")}
                checked={key.on}
                onChange={(_, v) => setKey({ ...key, on: !!v })}
                data-testid="key-on"
              />
              <TextField
                label={t(lang, "staffContacts")}
                value={key.staff}
                onChange={(_, v) => setKey({ ...key, staff: v ?? "" })}
                data-testid="key-staff"
              />
              <ActButton text={t(lang, "saveKey")} onClick={saveKey} />

              <Text variant="mediumPlus" as="h3">
                {t(lang, "addContact")}
              </Text>
              <Stack horizontal tokens={{ childrenGap: 8 }}>
                <TextField
                  label={t(lang, "contactDate")}
                  value={contact.date}
                  onChange={(_, v) => setContact({ ...contact, date: v ?? "" })}
                />
                <TextField
                  label={t(lang, "contactStaff")}
                  placeholder={me?.name}
                  value={contact.staff}
                  onChange={(_, v) => setContact({ ...contact, staff: v ?? "" })}
                />
              </Stack>
              <Dropdown
                label={t(lang, "contactChannel")}
                selectedKey={contact.channel}
                options={contactChannels.map((c) => ({ key: c.code, text: c[lang] }))}
                onChange={(_, o) => setContact({ ...contact, channel: String(o?.key ?? "") })}
                data-testid="contact-channel"
              />
              <TextField
                label={t(lang, "contactSummary")}
                value={contact.summary}
                multiline
                rows={2}
                onChange={(_, v) => setContact({ ...contact, summary: v ?? "" })}
                data-testid="contact-summary"
              />
              <Checkbox
                label={t(lang, "majorMatter")}
                checked={contact.major}
                onChange={(_, v) => setContact({ ...contact, major: !!v })}
                data-testid="contact-major"
              />
              <ActButton text={t(lang, "addContact")} onClick={recordContact} data-testid="contact-add" />

              <Text variant="mediumPlus" as="h3">
                {t(lang, "addResult")}
              </Text>
              <Stack horizontal tokens={{ childrenGap: 8 }}>
                <TextField
                  label={t(lang, "year")}
                  value={result.year}
                  onChange={(_, v) => setResult({ ...result, year: v ?? "" })}
                  data-testid="result-year"
                />
                <TextField
                  label={t(lang, "revenue")}
                  value={result.revenue}
                  onChange={(_, v) => setResult({ ...result, revenue: v ?? "" })}
                  data-testid="result-revenue"
                />
              </Stack>
              <TextField
                label={t(lang, "financialNotes")}
                value={result.financialNotes}
                onChange={(_, v) => setResult({ ...result, financialNotes: v ?? "" })}
              />
              <ActButton text={t(lang, "addResult")} onClick={recordResult} data-testid="result-add" />
            </Stack>
          )}
        </Stack>
      )}
    </Stack>
  );
}
