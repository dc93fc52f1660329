/**
 * A page's message (what the last act did). Said as a function of the language, it is said
 * again in the other language when the person switches (issue 17); said as a fixed text (a
 * failure Excel or the workbook reported, in the words of the moment), it is no longer
 * shown after a switch rather than shown in the wrong language.
 */
import * as React from "react";
import type { MessageBarType } from "@fluentui/react";
import type { Lang } from "../domain/schema/model";

export interface Said {
  type: MessageBarType;
  text: string;
}

export interface Saying {
  type: MessageBarType;
  text: string | ((lang: Lang) => string);
}

export function useMessage(lang: Lang): [Said | undefined, (said: Saying | undefined) => void] {
  const [said, setSaid] = React.useState<Saying & { lang: Lang }>();
  const set = React.useCallback((next: Saying | undefined) => setSaid(next && { ...next, lang }), [lang]);
  if (!said) return [undefined, set];
  if (typeof said.text === "function") return [{ type: said.type, text: said.text(lang) }, set];
  return [said.lang === lang ? { type: said.type, text: said.text } : undefined, set];
}
