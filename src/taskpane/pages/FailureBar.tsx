import * as React from "react";
import { MessageBar, MessageBarType } from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import type { ActionFailure } from "../../excel/actions/result";
import { t } from "../i18n";

/** Excel refused or the connection broke: say so plainly, never a stack trace. */
export function FailureBar({ lang, failure }: { lang: Lang; failure: ActionFailure }) {
  return (
    <MessageBar messageBarType={MessageBarType.error} data-testid="failure">
      {t(lang, "failed", { code: failure.code, message: failure.message })}
    </MessageBar>
  );
}
