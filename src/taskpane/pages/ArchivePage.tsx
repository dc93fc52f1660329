import * as React from "react";
import {
  ChoiceGroup,
  DefaultButton,
  MessageBar,
  MessageBarType,
  Spinner,
  SpinnerSize,
  Stack,
  Text,
  TextField,
} from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import type { Problem } from "../../domain/problem";
import type { Stamper } from "../../domain/stamping";
import { invalidReasons, type InvalidReason } from "../../domain/invalid";
import type { ExcelEnv } from "../../excel/env";
import {
  destroyRecords,
  markInvalid,
  requestReinstatement,
  terminateCustomers,
} from "../../excel/actions/lifecycle";
import { localNow } from "../clock";
import { keyStore } from "../keystore";
import { useSession } from "../session";
import { unlockWithPin } from "../unlock";
import { t } from "../i18n";
import { finishedNote, ruleText } from "../rule-text";
import { useMessage, type Saying } from "../message";
import { useConfirm } from "../confirm";

const idsOf = (text: string) => text.split(/[\s,，、;；]+/).filter(Boolean);

/** 归档: end relationships (to 交易中止 / 交易过去), destroy archived records, mark invalid. */
export function ArchivePage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const session = useSession();
  const me = session.current;
  const [form, setForm] = React.useState({
    ids: "",
    reason: "",
    pin: "",
    target: "suspended",
    invalid: "returnedMail",
  });
  const [message, setMessage] = useMessage(lang);
  const [busy, setBusy] = React.useState(false);
  const [dialog, ask] = useConfirm(lang);
  const list = (ids: string[]) => ids.join(lang === "zh" ? "、" : ", ");
  /** Every act here needs to know who does it, says what it will do, and runs once at a time. */
  const act =
    (question: (ids: string[]) => Parameters<typeof ask>[0] | undefined, work: () => Promise<void>) =>
    async () => {
      if (busy) return;
      if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
      setBusy(true);
      try {
        const q = question(idsOf(form.ids));
        if (q && !(await ask(q))) return;
        await work();
      } finally {
        setBusy(false);
      }
    };
  const set = (key: keyof typeof form) => (_: unknown, v?: string) => setForm({ ...form, [key]: v ?? "" });
  const report = (problems: Problem[], done: Saying["text"]) => {
    setMessage(
      problems.length
        ? {
            type: MessageBarType.error,
            text: (l: Lang) => problems.map((p) => `${p.value} ${ruleText(l, p)}`).join(" "),
          }
        : { type: MessageBarType.success, text: done },
    );
    onDone?.();
  };
  const withKey = async (work: (stamper: Stamper) => Promise<void>) => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    const unlocked = await unlockWithPin(me, form.pin, lang);
    if (!unlocked.ok) return setMessage({ type: MessageBarType.error, text: unlocked.message });
    await work(unlocked.stamper);
    setForm({ ...form, pin: "" });
  };
  const terminate = act(
    (ids) => ({
      title: t(lang, "confirmArchiveTitle"),
      lines: [
        t(lang, "confirmArchive", {
          n: ids.length,
          ids: list(ids),
          to: t(lang, form.target === "past" ? "toPast" : "toSuspended"),
        }),
      ],
      act: t(lang, "archiveButton"),
    }),
    () =>
      withKey(async (stamper) => {
        const r = await terminateCustomers(
          env,
          keyStore.pinnedAdmin(),
          idsOf(form.ids),
          form.target as "suspended" | "past",
          form.reason,
          stamper,
          localNow(),
        );
        if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
        const asked = idsOf(form.ids);
        const done = new Set([...r.moved, ...r.finished.filter((id) => asked.includes(id))]);
        report(r.problems, (l: Lang) =>
          `${t(l, "archivedN", { n: done.size })} ${finishedNote(l, r.finished, asked)}`.trim(),
        );
      }),
  );
  const destroy = act(
    (ids) => ({
      title: t(lang, "confirmDestroyTitle"),
      lines: [t(lang, "confirmDestroy", { n: ids.length, ids: list(ids) }), t(lang, "confirmDestroyWhat")],
      act: t(lang, "destroyButton"),
    }),
    () =>
      withKey(async (stamper) => {
        const r = await destroyRecords(
          env,
          keyStore.pinnedAdmin(),
          idsOf(form.ids),
          form.reason,
          stamper,
          localNow(),
        );
        if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
        const asked = idsOf(form.ids);
        const done = new Set([...r.destroyed, ...r.finished.filter((id) => asked.includes(id))]);
        report(r.problems, (l: Lang) =>
          `${t(l, "destroyedN", { n: done.size })} ${finishedNote(l, r.finished, asked)}`.trim(),
        );
      }),
  );
  const reinstate = act(
    () => undefined,
    async () => {
      const r = await requestReinstatement(env, idsOf(form.ids), me!.name, localNow());
      if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
      report(r.problems, (l: Lang) =>
        t(l, "reinstateRequested", { list: list(r.requested.map((x) => `${x.id} → ${x.requestNo}`)) }),
      );
    },
  );
  const invalid = act(
    (ids) => ({
      title: t(lang, "confirmInvalidTitle"),
      lines: [
        t(lang, "confirmInvalid", {
          n: ids.length,
          ids: list(ids),
          why: invalidReasons[form.invalid as InvalidReason][lang],
        }),
      ],
      act: t(lang, "markInvalidButton"),
    }),
    async () => {
      const r = await markInvalid(
        env,
        idsOf(form.ids),
        form.invalid as InvalidReason,
        form.reason,
        me!.name,
        localNow(),
      );
      if (!r.ok) return setMessage({ type: MessageBarType.error, text: r.failure.message });
      report(r.problems, (l: Lang) => t(l, "markedInvalidN", { n: r.marked.length }));
    },
  );

  return (
    <Stack tokens={{ childrenGap: 8, padding: "12px 0" }}>
      <Text>{t(lang, "archiveIntro")}</Text>
      <TextField label={t(lang, "customerIds")} value={form.ids} onChange={set("ids")} multiline rows={2} />
      <TextField label={t(lang, "reasonLabel")} value={form.reason} onChange={set("reason")} />
      <ChoiceGroup
        label={t(lang, "archiveTo")}
        selectedKey={form.target}
        options={[
          { key: "suspended", text: t(lang, "toSuspended") },
          { key: "past", text: t(lang, "toPast") },
        ]}
        onChange={(_, o) => setForm({ ...form, target: String(o?.key) })}
      />
      <TextField label={t(lang, "pin")} type="password" value={form.pin} onChange={set("pin")} />
      <Stack horizontal wrap tokens={{ childrenGap: 8 }}>
        <DefaultButton
          text={t(lang, "archiveButton")}
          onClick={terminate}
          allowDisabledFocus
          disabled={busy || !form.ids || !form.reason}
          data-testid="archive"
        />
        <DefaultButton
          text={t(lang, "destroyButton")}
          onClick={destroy}
          allowDisabledFocus
          disabled={busy || !form.ids || !form.reason}
          data-testid="destroy"
        />
        <DefaultButton
          text={t(lang, "reinstateButton")}
          onClick={reinstate}
          allowDisabledFocus
          disabled={busy || !form.ids}
          data-testid="reinstate"
        />
      </Stack>
      <ChoiceGroup
        label={t(lang, "invalidReason")}
        selectedKey={form.invalid}
        options={(Object.keys(invalidReasons) as InvalidReason[]).map((k) => ({
          key: k,
          text: invalidReasons[k][lang],
        }))}
        onChange={(_, o) => setForm({ ...form, invalid: String(o?.key) })}
      />
      <DefaultButton
        text={t(lang, "markInvalidButton")}
        onClick={invalid}
        allowDisabledFocus
        disabled={busy || !form.ids}
        data-testid="mark-invalid"
      />
      {busy && <Spinner size={SpinnerSize.small} />}
      {message && <MessageBar messageBarType={message.type}>{message.text}</MessageBar>}
      {dialog}
    </Stack>
  );
}
