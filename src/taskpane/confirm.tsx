/**
 * Asking before a destructive or bulk act (issue 17): a dialog that says exactly what will
 * happen — to whom, how many, whether it can be undone — with the act's own name on the
 * button and 取消 beside it. `ask` resolves true only when the person presses the act.
 */
import * as React from "react";
import { DefaultButton, Dialog, DialogFooter, DialogType, PrimaryButton, Text } from "@fluentui/react";
import type { Lang } from "../domain/schema/model";
import { t } from "./i18n";

export interface Question {
  title: string;
  /** What will happen, one line each. */
  lines: string[];
  /** The act's name, on the button that does it. */
  act: string;
}

export function useConfirm(lang: Lang): [React.ReactElement | null, (q: Question) => Promise<boolean>] {
  const [open, setOpen] = React.useState<{ q: Question; answer: (yes: boolean) => void }>();
  const ask = React.useCallback(
    (q: Question) => new Promise<boolean>((resolve) => setOpen({ q, answer: resolve })),
    [],
  );
  const close = (yes: boolean) => {
    open?.answer(yes);
    setOpen(undefined);
  };
  const dialog = open ? (
    <Dialog
      hidden={false}
      onDismiss={() => close(false)}
      dialogContentProps={{ type: DialogType.normal, title: open.q.title }}
      modalProps={{ isBlocking: true }}
    >
      <div data-testid="confirm">
        {open.q.lines.map((line, i) => (
          <Text key={i} block styles={{ root: { marginBottom: 6 } }}>
            {line}
          </Text>
        ))}
      </div>
      <DialogFooter>
        <PrimaryButton text={open.q.act} onClick={() => close(true)} data-testid="confirm-yes" />
        <DefaultButton text={t(lang, "cancel")} onClick={() => close(false)} data-testid="confirm-no" />
      </DialogFooter>
    </Dialog>
  ) : null;
  return [dialog, ask];
}
