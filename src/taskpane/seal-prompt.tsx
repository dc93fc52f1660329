/**
 * Everything an enrolled person writes to the Change log is sealed with their key
 * (domain/log-signing.ts). The pane's Excel environment signs with the acting person's
 * unlocked key; when it is locked, the adapter stops an action before any write
 * (excel/seal.ts, KeyLocked), this prompt asks for the PIN, and the action runs again
 * from its reads. Cancelled, nothing was written and the action says so. The unlock
 * session (unlock.ts) keeps it to one PIN per few minutes.
 */
import * as React from "react";
import type { LogSigner } from "../domain/log-signing";
import type { Lang } from "../domain/schema/model";
import type { ExcelEnv } from "../excel/env";
import type { DeviceIdentity } from "./keystore";
import { signerFor } from "./unlock";
import { t } from "./i18n-shell";

/**
 * The PIN dialog (Fluent's Dialog, Modal and TextField) is its own chunk, fetched the first
 * time it opens: most panes open unlocked for the session, and what Excel loads at start
 * stays under issue 15's 200 KB.
 */
const PinDialog = React.lazy(() => import(/* webpackChunkName: "pin-dialog" */ "./pin-dialog"));

const isKeyLocked = (error: unknown) => (error as { code?: string } | undefined)?.code === "KeyLocked";

/** The pane's Excel environment for the person acting, and the PIN prompt it may open. */
export function useSealingEnv(
  env: ExcelEnv,
  identity: DeviceIdentity | undefined,
  lang: Lang,
): { env: ExcelEnv; prompt: React.ReactElement; unlock: () => void } {
  const [asking, setAsking] = React.useState<(signer: LogSigner | undefined) => void>();
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
  const prompt =
    identity && asking ? (
      <React.Suspense fallback={null}>
        <PinDialog identity={identity} lang={lang} onAnswer={answer} />
      </React.Suspense>
    ) : (
      <></>
    );
  /** Unlock before any action (the unlock bar's button): the session then keeps the key. */
  const unlock = () => void ask();
  return { env: sealing, prompt, unlock };
}
