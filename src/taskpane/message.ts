/**
 * A page's message (what the last act did), tied to the language it was said in: after the
 * person switches language it is no longer shown, rather than shown in the other language
 * (issue 17). The next act says its message in the new language.
 */
import * as React from "react";
import type { MessageBarType } from "@fluentui/react";
import type { Lang } from "../domain/schema/model";

export interface Said {
  type: MessageBarType;
  text: string;
}

export function useMessage(lang: Lang): [Said | undefined, (said: Said | undefined) => void] {
  const [said, setSaid] = React.useState<Said & { lang: Lang }>();
  const set = React.useCallback((next: Said | undefined) => setSaid(next && { ...next, lang }), [lang]);
  return [said && said.lang === lang ? said : undefined, set];
}
