/** The PIN dialog of seal-prompt.tsx, loaded only when it first opens. */
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
import type { DeviceIdentity } from "./keystore";
import { unlockWithPin } from "./unlock";
import { t } from "./i18n-shell";

export default function PinDialog({
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
