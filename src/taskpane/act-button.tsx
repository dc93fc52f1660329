/**
 * A button for an act (issue 17): while its act runs it shows a spinner and cannot be
 * pressed again, so a double click does one act and every button shows progress. Focus
 * stays on it throughout.
 */
import * as React from "react";
import { DefaultButton, PrimaryButton, Spinner, SpinnerSize, type IButtonProps } from "@fluentui/react";

export function ActButton({
  primary,
  onClick,
  disabled,
  ...rest
}: Omit<IButtonProps, "onClick"> & { primary?: boolean; onClick: () => unknown }) {
  const [running, setRunning] = React.useState(false);
  const live = React.useRef(true);
  React.useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const Button = primary ? PrimaryButton : DefaultButton;
  return (
    <Button
      {...rest}
      disabled={disabled || running}
      // Focus stays on the button while its act runs and after it (WCAG 2.4.3): a disabled
      // button that dropped focus sent the next Tab back to the top of the document.
      allowDisabledFocus
      aria-busy={running}
      onRenderIcon={running ? () => <Spinner size={SpinnerSize.xSmall} /> : undefined}
      onClick={async () => {
        if (running) return;
        setRunning(true);
        try {
          await onClick();
        } finally {
          if (live.current) setRunning(false);
        }
      }}
    />
  );
}
