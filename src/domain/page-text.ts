/**
 * Page header and footer texts. Excel reads them in its header language: "&" starts a code
 * (&P page, &N pages, &D date, &B bold, &"font"…), so a literal "&" must be written "&&" —
 * a department called "R&D" would otherwise print "R" and the date. A header (its left,
 * centre and right parts together) and a footer each hold at most 255 characters.
 * Sources: "Formatting and VBA codes for headers and footers" (Microsoft Learn, Excel VBA),
 * and Excel's "Header or footer text is too long" limit of 255 characters.
 */

/** A code Excel replaces when it prints: the page number, the number of pages, the date. */
export interface PageCode {
  code: "P" | "N" | "D";
}
export const PAGE_NUMBER: PageCode = { code: "P" };
export const PAGE_COUNT: PageCode = { code: "N" };
export const PRINT_DATE: PageCode = { code: "D" };

/** Text for a header or footer part: literal strings (printed as they are) and codes. */
export type PageText = readonly (string | PageCode)[];

/** Excel's limit on a header, and on a footer: all three parts with their section codes. */
export const HEADER_FOOTER_LIMIT = 255;

/** "第 1 页 / 共 3 页" or "Page 1 of 3". */
export const pageOf = (lang: "zh" | "en"): PageText =>
  lang === "zh"
    ? ["第 ", PAGE_NUMBER, " 页 / 共 ", PAGE_COUNT, " 页"]
    : ["Page ", PAGE_NUMBER, " of ", PAGE_COUNT];

/** One part in Excel's header language: every literal "&" doubled, codes as codes. */
export function excelPageText(text: PageText): string {
  return text.map((p) => (typeof p === "string" ? p.replace(/&/g, "&&") : `&${p.code}`)).join("");
}

/** The length of the Excel text of parts written into one header or footer ("&L…&C…&R…"). */
const lengthOf = (parts: PageText[]) =>
  parts.reduce((n, t) => n + (t.length ? 2 + excelPageText(t).length : 0), 0);

/**
 * The Excel texts of the parts of one header or one footer, cut to fit Excel's limit
 * together: the longest literal is shortened first, ending in "…", never inside a code or
 * between the two characters of "&&".
 */
export function fitPageTexts(parts: PageText[]): string[] {
  const work = parts.map((t) => [...t]);
  for (
    let over = lengthOf(work) - HEADER_FOOTER_LIMIT;
    over > 0;
    over = lengthOf(work) - HEADER_FOOTER_LIMIT
  ) {
    let best: { part: number; at: number; size: number } | undefined;
    work.forEach((t, part) =>
      t.forEach((p, at) => {
        const size = typeof p === "string" ? excelPageText([p]).length : 0;
        if (size > (best?.size ?? 0)) best = { part, at, size };
      }),
    );
    if (!best || best.size <= 1) break; // codes alone never come near the limit
    const literal = work[best.part]![best.at] as string;
    // Drop characters from the end until the escaped literal is `over` shorter, plus the ellipsis.
    let keep = [...literal];
    if (keep.at(-1) === "…") keep.pop();
    let size = excelPageText([keep.join("")]).length;
    const target = Math.max(0, best.size - over - 1);
    while (keep.length && size > target) {
      const gone = keep.pop()!;
      size -= gone === "&" ? 2 : gone.length;
    }
    work[best.part]![best.at] = `${keep.join("")}…`;
  }
  return work.map(excelPageText);
}
