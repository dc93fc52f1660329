import * as React from "react";
import {
  DefaultButton,
  Link,
  MessageBar,
  MessageBarType,
  PrimaryButton,
  ProgressIndicator,
  Stack,
  Text,
} from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import { schemaByKey } from "../../domain/schema/sheets";
import type { ExcelEnv } from "../../excel/env";
import type { ActionResult } from "../../excel/actions/result";
import { selectCell } from "../../excel/actions/select-cell";
import { applySuggestedFix } from "../../excel/actions/workflow";
import { useSession } from "../session";
import {
  validateWorkbook,
  type LocatedProblem,
  type ValidateRead,
  type ValidateStep,
  type ValidationOutcome,
} from "../../excel/actions/validate-workbook";
import { checkInWorker, forgetChecks, rememberingSince, streamToWorker } from "../validate-in-pane";
import { t } from "../i18n";
import { ruleText } from "../rule-text";
import { useMessage } from "../message";
import { localNow } from "../clock";
import { keyStore } from "../keystore";
import { FailureBar } from "./FailureBar";

/** Problems beyond this many are counted, not listed: a pane is no place for 10,000 rows. */
const SHOWN = 200;

export function ValidatePage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const [busy, setBusy] = React.useState(false);
  const [result, setResult] = React.useState<ActionResult<ValidationOutcome & { read: ValidateRead }>>();
  const [step, setStep] = React.useState<{ step: ValidateStep; done: number; total: number }>();
  const [since, setSince] = React.useState<string>();
  /** Runs finished on this page: a new summary is told from the last one by it. */
  const [runs, setRuns] = React.useState(0);
  const run = async (everything = false) => {
    setBusy(true);
    setStep({ step: "reading", done: 0, total: 1 });
    if (everything) forgetChecks();
    // What this pane verified before this run (none on the first run, or after "check everything").
    setSince(typeof Worker === "undefined" ? undefined : rememberingSince());
    const now = localNow();
    const result = await validateWorkbook(
      env,
      now.date,
      keyStore.pinnedAdmin(),
      keyStore.logHeads(),
      now.time,
      {
        // Off the pane's thread where there is a Worker (every browser Excel runs the pane in).
        // A read whole goes to it as it comes (check-message.ts).
        ...(typeof Worker === "undefined" ? {} : { check: checkInWorker, stream: streamToWorker }),
        progress: (step, done, total) => setStep({ step, done, total }),
        everything,
      },
    );
    setStep(undefined);
    setRuns((n) => n + 1);
    if (result.ok) {
      keyStore.rememberLogHeads(result.heads);
      // The home page shows this count until the next run (domain/home.ts).
      const now = localNow();
      keyStore.rememberCheck({
        root: result.root,
        at: `${now.date} ${now.time}`,
        problems: result.problems.length,
      });
    }
    setResult(result);
    setBusy(false);
  };
  const me = useSession().current;
  const [fixed, setFixed] = useMessage(lang);
  /** A suggested fix on the Register, applied as a logged correction; then Validate again. */
  const applyFix = async (p: LocatedProblem) => {
    if (busy) return;
    if (!me) return setFixed({ type: MessageBarType.warning, text: (l: Lang) => t(l, "enrolFirst") });
    setBusy(true);
    const r = await applySuggestedFix(
      env,
      { row: p.row, column: p.column, value: p.fix ?? "" },
      t(lang, "fixReason"),
      me.name,
      localNow(),
    );
    setBusy(false);
    if (!r.ok) return setFixed({ type: MessageBarType.error, text: r.failure.message });
    if (r.problems.length)
      return setFixed({
        type: MessageBarType.error,
        text: (l: Lang) => r.problems.map((q) => `${p.sheetName}!${p.address} ${ruleText(l, q)}`).join(" "),
      });
    setFixed({
      type: r.needsReapproval ? MessageBarType.warning : MessageBarType.success,
      text: (l: Lang) =>
        [
          t(l, "fixApplied", { address: `${p.sheetName}!${p.address}`, fix: p.fix ?? "" }),
          r.needsReapproval ? t(l, "correctedReapprove") : "",
        ]
          .filter(Boolean)
          .join(" "),
    });
    onDone?.();
    await run();
  };
  const rows = result?.ok ? Object.values(result.checked).reduce((a, b) => a + b, 0) : 0;
  return (
    <Stack tokens={{ childrenGap: 12, padding: "12px 0" }}>
      <Text>{t(lang, "validateIntro")}</Text>
      <Stack horizontal wrap tokens={{ childrenGap: 8 }}>
        <PrimaryButton
          data-testid="validate"
          text={t(lang, "validateButton")}
          onClick={() => run()}
          allowDisabledFocus
          disabled={busy}
        />
        {result?.ok && ((since && result.verified.remembered > 0) || result.read.since) && (
          <DefaultButton
            data-testid="validate-all"
            text={t(lang, "validateAgain")}
            onClick={() => run(true)}
            allowDisabledFocus
            disabled={busy}
          />
        )}
      </Stack>
      {busy && step && (
        <ProgressIndicator
          data-testid="validate-progress"
          label={t(lang, "validateRunning")}
          description={t(lang, `validateStep${step.step}`, {
            done: step.done.toLocaleString(),
            total: step.total.toLocaleString(),
          })}
          // The stamps are counted row by row; the other steps say only which step it is.
          percentComplete={step.step === "stamps" && step.total ? step.done / step.total : undefined}
          ariaValueText={t(lang, `validateStep${step.step}`, {
            done: step.done.toLocaleString(),
            total: step.total.toLocaleString(),
          })}
        />
      )}
      {fixed && (
        <MessageBar messageBarType={fixed.type} data-testid="fix-message">
          {fixed.text}
        </MessageBar>
      )}
      {result && !result.ok && <FailureBar lang={lang} failure={result.failure} />}
      {result?.ok && result.adminChanged && (
        <MessageBar messageBarType={MessageBarType.severeWarning}>{t(lang, "adminChanged")}</MessageBar>
      )}
      {result?.ok && (
        <MessageBar
          data-testid="validate-summary"
          data-run={runs}
          messageBarType={result.problems.length ? MessageBarType.warning : MessageBarType.success}
        >
          {result.problems.length
            ? t(lang, "validateFound", { rows, n: result.problems.length })
            : t(lang, "validateClean", { rows })}
          {result.problems.length > SHOWN && ` ${t(lang, "validateMore", { shown: SHOWN })}`}{" "}
          {result.read.since && (
            <span data-testid="validate-reread">
              {t(lang, result.read.rows ? "validateReread" : "validateUnchanged", {
                rows: result.read.rows.toLocaleString(),
                unchanged: result.read.unchanged.toLocaleString(),
                since: result.read.since.replace("T", " "),
              })}{" "}
            </span>
          )}
          {/* A workbook with no stamp and no seal yet (kept by hand) has no signatures to speak of. */}
          {result.verified.computed + result.verified.remembered + result.verified.vouched > 0 && (
            <span data-testid="validate-verified">
              {since && result.verified.remembered > 0
                ? t(lang, "validateRemembered", {
                    computed: result.verified.computed.toLocaleString(),
                    remembered: result.verified.remembered.toLocaleString(),
                    since,
                  })
                : t(lang, "validateVerified", { computed: result.verified.computed.toLocaleString() })}
              {result.verified.vouched > 0 &&
                ` ${t(lang, "validateVouched", { vouched: result.verified.vouched.toLocaleString() })}`}
            </span>
          )}
        </MessageBar>
      )}
      {result?.ok && (
        <Stack tokens={{ childrenGap: 6 }} data-testid="problems" role="list">
          {result.problems.slice(0, SHOWN).map((p, i) => (
            <ProblemItem
              key={i}
              lang={lang}
              problem={p}
              onGo={() =>
                selectCell(env, p.sheetName, p.address).then((r) => {
                  // A kept sheet (kept-sheets.ts) cannot be gone to: said where the fixes are said.
                  if (r.ok && r.problems.length)
                    setFixed({
                      type: MessageBarType.warning,
                      text: (l: Lang) => ruleText(l, r.problems[0]!),
                    });
                  onDone?.();
                })
              }
              onFix={p.fix !== undefined && p.sheet === "register" && !busy ? () => applyFix(p) : undefined}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function ProblemItem({
  lang,
  problem,
  onGo,
  onFix,
}: {
  lang: Lang;
  problem: LocatedProblem;
  onGo: () => void;
  /** Applies the suggested fix (Register cells only). */
  onFix?: () => void;
}) {
  const schema = schemaByKey(problem.sheet);
  const column = schema.columns.find((c) => c.key === problem.column);
  return (
    <div
      role="listitem"
      data-testid="problem"
      data-rule={problem.rule}
      data-address={`${problem.sheetName}!${problem.address}`}
    >
      <Link onClick={onGo} title={t(lang, "goToCell")} data-testid="goto-cell">
        {problem.sheetName}!{problem.address}
      </Link>{" "}
      <Text variant="small" styles={{ root: { fontWeight: 600 } }}>
        {column ? column.header[lang] : ""}
      </Text>
      <div>
        <Text variant="small">{ruleText(lang, problem)}</Text>
        {problem.value && (
          <Text variant="small" styles={{ root: { color: "#605e5c" } }}>
            {" "}
            「{problem.value}」
          </Text>
        )}
      </div>
      {problem.fix !== undefined && (
        <Text variant="small" styles={{ root: { color: "#107c10" } }}>
          {t(lang, "fixOffer", { fix: problem.fix })}
        </Text>
      )}
      {onFix && (
        <Link onClick={onFix} data-testid="apply-fix" styles={{ root: { marginLeft: 8 } }}>
          {t(lang, "applyFix")}
        </Link>
      )}
    </div>
  );
}
