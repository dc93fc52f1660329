import * as React from "react";
import {
  Checkbox,
  DefaultButton,
  MessageBar,
  MessageBarType,
  PrimaryButton,
  Stack,
  Text,
  TextField,
} from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import { intake } from "../../domain/schema/sheets";
import type { ExcelEnv } from "../../excel/env";
import { listRequests, stampRequests, type RequestSummary } from "../../excel/actions/workflow";
import { localNow } from "../clock";
import { keyStore } from "../keystore";
import { unlockWithPin } from "../unlock";
import { useSession } from "../session";
import { t } from "../i18n";
import { ruleText } from "../rule-text";
import { useMessage } from "../message";
import { changesSince, lastStampSeen, sameRequest, type StampSeen } from "../../domain/stamp-diff";

/** 盖章: the person whose turn it is stamps one or many requests with their PIN. */
export function StampPage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const session = useSession();
  const [requests, setRequests] = React.useState<RequestSummary[]>([]);
  /** The workbook's trust root, which tells its requests from another workbook's. */
  const [root, setRoot] = React.useState("");
  /** Stamps this device made, with the values they were made on (stamp-diff.ts). */
  const [seen, setSeen] = React.useState<StampSeen[]>(() => keyStore.stampsSeen());
  const [chosen, setChosen] = React.useState<Set<string>>(new Set());
  const [pin, setPin] = React.useState("");
  const [reason, setReason] = React.useState("");
  const [message, setMessage] = useMessage(lang);
  const [busy, setBusy] = React.useState(false);

  const me = session.current;
  // A department head sees their own department's requests; the chairman sees all.
  const ownDepartment = me?.role === "deptHead" ? me.department : undefined;
  const refresh = React.useCallback(async () => {
    const result = await listRequests(env);
    if (result.ok) {
      setRoot(result.root);
      setRequests(
        result.requests.filter(
          (r) => r.status === "pending" && (!ownDepartment || r.department === ownDepartment),
        ),
      );
    }
  }, [env, ownDepartment]);
  React.useEffect(() => void refresh(), [refresh]);

  const stamp = async (decision: "approve" | "reject") => {
    if (!me) return setMessage({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    setBusy(true);
    try {
      const unlocked = await unlockWithPin(me, pin, lang);
      if (!unlocked.ok) return setMessage({ type: MessageBarType.error, text: unlocked.message });
      const stamper = unlocked.stamper;
      const result = await stampRequests(
        env,
        keyStore.pinnedAdmin(),
        [...chosen],
        stamper,
        decision,
        reason,
        localNow(),
      );
      if (!result.ok) return setMessage({ type: MessageBarType.error, text: result.failure.message });
      if (result.adminChanged)
        return setMessage({ type: MessageBarType.severeWarning, text: (l: Lang) => t(l, "adminChanged") });
      // What each stamped request held as the person saw it: the next stamp on it shows what changed.
      const at = `${localNow().date} ${localNow().time}`;
      const made = requests
        .filter((r) => result.stamped.some((s) => s.requestNo === r.requestNo))
        .map((r): StampSeen => ({
          root,
          requestNo: r.requestNo,
          filed: r.filed,
          name: me.name,
          at,
          decision,
          fields: r.fields,
        }));
      keyStore.rememberStamps(made, (old) => !made.some((m) => sameRequest(m, old)));
      setSeen(keyStore.stampsSeen());
      const said = (l: Lang) => [
        t(l, decision === "reject" ? "rejectedN" : "stampedN", { n: result.stamped.length }),
        ...result.problems.map((p) => `${p.value}: ${ruleText(l, p)}`),
      ];
      setMessage({
        type: result.problems.length ? MessageBarType.warning : MessageBarType.success,
        text: (l: Lang) => said(l).join(" "),
      });
      setPin("");
      setReason("");
      setChosen(new Set());
      await refresh();
      onDone?.();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack tokens={{ childrenGap: 8, padding: "12px 0" }}>
      <Text>{t(lang, "stampIntro")}</Text>
      <DefaultButton text={t(lang, "refresh")} onClick={refresh} />
      {requests.length === 0 && <Text>{t(lang, "noPending")}</Text>}
      {requests.map((r) => (
        <Stack key={r.requestNo} tokens={{ childrenGap: 2 }}>
          <Checkbox
            label={`${r.requestNo} ${r.name}(${r.department} · ${r.sourceClass})`}
            checked={chosen.has(r.requestNo)}
            onChange={(_, on) => {
              const next = new Set(chosen);
              if (on) next.add(r.requestNo);
              else next.delete(r.requestNo);
              setChosen(next);
            }}
            data-testid={`pick-${r.requestNo}`}
          />
          <SinceMyStamp request={r} root={root} seen={seen} lang={lang} />
          {/* What the stamp approves: every field it covers, as the request holds it now. */}
          <details style={{ paddingLeft: 28 }} data-testid={`fields-${r.requestNo}`}>
            <summary>
              <Text variant="small">{t(lang, "stampCovers", { n: r.fields.length })}</Text>
            </summary>
            <dl style={{ margin: "4px 0", display: "grid", gridTemplateColumns: "auto 1fr", columnGap: 8 }}>
              {r.fields.map((f) => (
                <React.Fragment key={f.key}>
                  <dt>
                    <Text variant="small" styles={{ root: { color: "#605e5c" } }}>
                      {fieldHeader(f.key, lang)}
                    </Text>
                  </dt>
                  <dd style={{ margin: 0, overflowWrap: "anywhere" }}>
                    <Text variant="small">{f.value || "—"}</Text>
                  </dd>
                </React.Fragment>
              ))}
            </dl>
          </details>
        </Stack>
      ))}
      <TextField
        label={t(lang, "pin")}
        type="password"
        value={pin}
        onChange={(_, v) => setPin(v ?? "")}
        data-testid="stamp-pin"
      />
      <TextField label={t(lang, "reason")} value={reason} onChange={(_, v) => setReason(v ?? "")} />
      <Stack horizontal tokens={{ childrenGap: 8 }}>
        <PrimaryButton
          text={t(lang, "approve")}
          onClick={() => stamp("approve")}
          allowDisabledFocus
          disabled={busy || chosen.size === 0}
          data-testid="approve"
        />
        <DefaultButton
          text={t(lang, "reject")}
          onClick={() => stamp("reject")}
          allowDisabledFocus
          disabled={busy || chosen.size === 0 || !reason}
        />
      </Stack>
      {message && (
        <MessageBar messageBarType={message.type} data-testid="stamp-message">
          {message.text}
        </MessageBar>
      )}
    </Stack>
  );
}

/** What changed in the request since this device's last stamp on it (nothing when there was none). */
function SinceMyStamp({
  request,
  root,
  seen,
  lang,
}: {
  request: RequestSummary;
  root: string;
  seen: StampSeen[];
  lang: Lang;
}) {
  const last = lastStampSeen(seen, { root, requestNo: request.requestNo, filed: request.filed });
  if (!last) return null;
  const changes = changesSince(last, request.fields);
  const said = {
    at: last.at,
    decision: t(lang, last.decision === "approve" ? "stampDecisionApprove" : "stampDecisionReject"),
  };
  if (changes.length === 0)
    return (
      <Text variant="small" style={{ paddingLeft: 28 }} data-testid={`since-${request.requestNo}`}>
        {t(lang, "stampSameSince", said)}
      </Text>
    );
  return (
    <div style={{ paddingLeft: 28 }} data-testid={`since-${request.requestNo}`}>
      <Text variant="small" styles={{ root: { fontWeight: 600, color: "#8a3707" } }}>
        {t(lang, "stampChangedSince", { ...said, n: changes.length })}
      </Text>
      <ul style={{ margin: "2px 0", paddingLeft: 18 }}>
        {changes.map((c) => (
          <li key={c.key} data-testid={`change-${request.requestNo}-${c.key}`}>
            <Text variant="small">
              {fieldHeader(c.key, lang)}:{" "}
              <ins style={{ textDecoration: "none", fontWeight: 600 }}>{c.now || "—"}</ins> (
              {t(lang, "stampWas")} <del>{c.was || "—"}</del>)
            </Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A field's column header on the intake sheet, in the person's language. */
function fieldHeader(key: string, lang: Lang): string {
  return intake.columns.find((c) => c.key === key)?.header[lang] ?? key;
}
