/**
 * Everything an enrolled person writes to the Change log is sealed with their key
 * (domain/log-signing.ts). The pane's Excel environment signs with the acting person's
 * unlocked key; when it is locked, the adapter stops an action before any write
 * (excel/seal.ts, KeyLocked), this prompt asks for the PIN, and the action runs again
 * from its reads. Cancelled, nothing was written and the action says so. The unlock
 * session (unlock.ts) keeps it to one PIN per few minutes.
 */
import * as React from "react";
import {
  DefaultButton,
  Dialog,
  DialogFooter,
  MessageBar,
  MessageBarType,
  PrimaryButton,
  Text,
  TextField,
} from "@fluentui/react";
import type { LogSigner } from "../domain/log-signing";
import type { Lang } from "../domain/schema/model";
import type { ExcelEnv } from "../excel/env";
import type { DeviceIdentity } from "./keystore";
import { signerFor, unlockWithPin } from "./unlock";
import { t } from "./i18n";

const isKeyLocked = (error: unknown) => (error as { code?: string } | undefined)?.code === "KeyLocked";

/** The pane's Excel environment for the person acting, and the PIN prompt it may open. */
export function useSealingEnv(
  env: ExcelEnv,
  identity: DeviceIdentity | undefined,
  lang: Lang,
): { env: ExcelEnv; prompt: React.ReactElement; unlock: () => void } {
  const [asking, setAsking] = React.useState<(signer: LogSigner | undefined) => void>();
  // The key unlocked for one action when the session keeps none ("ask every time").
  // The key unlocked for one action when the session keeps none ("ask every time"): an
  // action runs several batches (its plan, then its writes under the write lease), so it
  // stays for half a minute, then is forgotten.
  const once = React.useRef<{ signer: LogSigner; until: number }>();
  const ask = React.useCallback(
    () => new Promise<LogSigner | undefined>((resolve) => setAsking(() => resolve)),
    [],
  );
  const sealing = React.useMemo<ExcelEnv>(() => {
    const fp = identity?.fingerprint;
    const signer = () => {
      const held = once.current;
      const fresh = held !== undefined && held.signer.fingerprint === fp && held.until > Date.now();
      return signerFor(fp) ?? (fresh ? held.signer : undefined);
    };
    return {
      ...env,
      signer,
      acting: () => identity && { name: identity.name, fingerprint: identity.fingerprint },
      run: async (batch) => {
        try {
          return await env.run(batch);
        } catch (error) {
          if ((error as { code?: string } | undefined)?.code === "SealRequired")
            throw Object.assign(
              new Error(t(lang, "sealRequired", { name: identity?.name ?? t(lang, "nobody") })),
              {
                code: "SealRequired",
              },
            );
          if (!isKeyLocked(error) || !identity) throw error;
          const key = await ask();
          if (!key)
            throw Object.assign(new Error(t(lang, "sealCancelled", { name: identity.name })), {
              code: "KeyLocked",
            });
          once.current = { signer: key, until: Date.now() + 30_000 };
          return await env.run(batch);
        }
      },
    };
  }, [env, identity, lang, ask]);

  const answer = (signer: LogSigner | undefined) => {
    asking?.(signer);
    setAsking(undefined);
  };
  const prompt = identity && asking ? <PinDialog identity={identity} lang={lang} onAnswer={answer} /> : <></>;
  /** Unlock before any action (the unlock bar's button): the session then keeps the key. */
  const unlock = () => void ask();
  return { env: sealing, prompt, unlock };
}

function PinDialog({
  identity,
  lang,
  onAnswer,
}: {
  identity: DeviceIdentity;
  lang: Lang;
  onAnswer: (signer: LogSigner | undefined) => void;
}) {
  const [pin, setPin] = React.useState("");
  const [wrong, setWrong] = React.useState<string>();
  const [busy, setBusy] = React.useState(false);
  const unlock = async () => {
    setBusy(true);
    try {
      const unlocked = await unlockWithPin(identity, pin, lang);
      if (!unlocked.ok) return setWrong(unlocked.message);
      onAnswer({ fingerprint: identity.fingerprint, privateKey: unlocked.privateKey });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      hidden={false}
      onDismiss={() => onAnswer(undefined)}
      dialogContentProps={{ title: t(lang, "sealTitle", { name: identity.name }) }}
      modalProps={{ isBlocking: true }}
    >
      <Text block>{t(lang, "sealWhy")}</Text>
      <TextField
        label={t(lang, "pin")}
        type="password"
        value={pin}
        onChange={(_, v) => setPin(v ?? "")}
        onKeyDown={(e) => e.key === "Enter" && void unlock()}
        autoFocus
        data-testid="seal-pin"
      />
      {wrong && (
        <MessageBar messageBarType={MessageBarType.error} data-testid="seal-wrong">
          {wrong}
        </MessageBar>
      )}
      <DialogFooter>
        <PrimaryButton
          text={t(lang, "sealUnlock")}
          onClick={unlock}
          disabled={busy}
          data-testid="seal-unlock"
        />
        <DefaultButton
          text={t(lang, "sealCancel")}
          onClick={() => onAnswer(undefined)}
          data-testid="seal-cancel"
        />
      </DialogFooter>
    </Dialog>
  );
}
