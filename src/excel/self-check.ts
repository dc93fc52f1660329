/**
 * The self-check (issue 16): the adapter's assumptions about Excel, tried on the Excel the
 * pane is in, through the adapter's own code, in a scratch sheet removed afterwards. Each
 * check passes or fails with what was seen, so a tester can paste the report into a support
 * request. In the preview it runs against the in-memory host, which must pass them all.
 */
import { Book } from "./book";
import type { ExcelEnv } from "./env";
import { readWholeFileSize } from "./backup";
import { langOf } from "../domain/layout";
import type { Write } from "../domain/workbook";

export type CheckId =
  | "textFormat"
  | "generalTyping"
  | "unbounded"
  | "printFit"
  | "protection"
  | "validation"
  | "find"
  | "fileApi"
  | "keyStorage";

export interface CheckResult {
  id: CheckId;
  /** "skip" where the check cannot apply (the file API in the preview, which has no file). */
  status: "pass" | "fail" | "skip";
  /** What was seen, in plain words and values (not translated: it goes to support). */
  detail: string;
}

export interface SelfCheckReport {
  /** Office's platform and version as Office reports them ("preview" without Office). */
  platform: string;
  version: string;
  /** Requirement sets the adapter relies on, as isSetSupported answers. */
  requirements: Record<string, boolean>;
  checks: CheckResult[];
}

/** What only the pane can try: keys in this webview's storage, Office's facts. */
export interface SelfCheckProbes {
  platform: string;
  version: string;
  /** ExcelApi 1.9 and friends; undefined in the preview (the host implements them). */
  supports?: (set: string, version?: string) => boolean;
  /** Makes a non-extractable key, stores it, reads it back and signs with it; "" when all went well, else what failed. */
  keyStorage: () => Promise<string>;
}

/** The scratch sheet; its name says what it is if a check is ever cut off before removing it. */
export const SCRATCH = "自检-可删除 self-check";

const TEXTS = ["010010", "911101050000312332", "=1+1", "-abc"];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Why a check does not apply here: returned instead of a failure. */
class Skip {
  constructor(readonly why: string) {}
}

async function attempt(id: CheckId, work: () => Promise<string | Skip | undefined>): Promise<CheckResult> {
  try {
    const failed = await work();
    if (failed instanceof Skip) return { id, status: "skip", detail: failed.why };
    return { id, status: failed === undefined ? "pass" : "fail", detail: failed ?? "" };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { id, status: "fail", detail: `${e.code ?? "Error"}: ${e.message ?? String(error)}` };
  }
}

/** Runs every check; the scratch sheet is removed whatever happens. */
export async function runSelfCheck(env: ExcelEnv, probes: SelfCheckProbes): Promise<SelfCheckReport> {
  const lang = langOf(env.displayLanguage);
  const sets: [string, string][] = [
    ["ExcelApi", "1.9"],
    ["ExcelApi", "1.5"],
    ["CompressedFile", "1.1"],
  ];
  const requirements = Object.fromEntries(
    sets.map(([set, version]) => [
      `${set} ${version}`,
      probes.supports ? probes.supports(set, version) : true,
    ]),
  );
  const excel = <T>(work: (book: Book, context: Excel.RequestContext) => Promise<T>) =>
    env.run((context) => work(new Book(context, env.platform, lang, env.sheetNames), context));
  const sheetOf = (context: Excel.RequestContext) => context.workbook.worksheets.getItem(SCRATCH);
  const checks: CheckResult[] = [];
  try {
    await excel(async (book, context) => {
      const old = context.workbook.worksheets.getItemOrNullObject(SCRATCH);
      old.load("name");
      await context.sync();
      const writes: Write[] = [{ kind: "addSheet", sheet: SCRATCH }];
      if (!old.isNullObject) writes.unshift({ kind: "deleteSheet", sheet: SCRATCH });
      await book.apply(writes);
    });

    checks.push(
      await attempt("textFormat", () =>
        excel(async (book, context) => {
          // The adapter's way: the block's text format set with its values, in one batch.
          await book.apply([
            {
              kind: "values",
              sheet: SCRATCH,
              row: 1,
              col: 0,
              values: [TEXTS],
              formats: TEXTS.map(() => "@"),
            },
          ]);
          const back = sheetOf(context).getRangeByIndexes(1, 0, 1, TEXTS.length);
          back.load("values, numberFormat");
          await context.sync();
          return same(back.values[0], TEXTS)
            ? undefined
            : `wrote ${JSON.stringify(TEXTS)}, read ${JSON.stringify(back.values[0])} (formats ${JSON.stringify(back.numberFormat[0])})`;
        }),
      ),
    );

    checks.push(
      await attempt("generalTyping", () =>
        excel(async (_book, context) => {
          // What the adapter guards against: a General cell makes a number of "010010".
          const cell = sheetOf(context).getRangeByIndexes(3, 0, 1, 1);
          cell.values = [["010010"]];
          cell.load("values, numberFormat");
          await context.sync();
          return cell.values[0]![0] === 10010
            ? undefined
            : `"010010" in a ${cell.numberFormat[0]![0]} cell read back as ${JSON.stringify(cell.values[0]![0])}`;
        }),
      ),
    );

    checks.push(
      await attempt("unbounded", () =>
        excel(async (_book, context) => {
          sheetOf(context).getRange("F:F").numberFormat = "@" as unknown as string[][];
          try {
            await context.sync();
          } catch {
            return undefined; // refused, as Microsoft documents and the adapter assumes
          }
          return "a number format on a whole column was accepted";
        }),
      ),
    );

    checks.push(
      await attempt("printFit", () =>
        excel(async (book, context) => {
          await book.apply([
            {
              kind: "pageLayout",
              sheet: SCRATCH,
              orientation: "Landscape",
              printArea: "A1:D4",
              printTitleRows: "$1:$1",
              centerHeader: ["R&D"],
              leftFooter: [],
              centerFooter: [],
              rightFooter: [],
            },
          ]);
          const layout = sheetOf(context).pageLayout;
          layout.load("orientation, zoom");
          await context.sync();
          const zoom = layout.zoom ?? {};
          const fit = zoom.horizontalFitToPages === 1 && !zoom.verticalFitToPages;
          return fit && layout.orientation === "Landscape"
            ? undefined
            : `orientation ${layout.orientation}, zoom ${JSON.stringify(zoom)}`;
        }),
      ),
    );

    checks.push(
      await attempt("validation", () =>
        excel(async (book, context) => {
          await book.apply([
            {
              kind: "validation",
              sheet: SCRATCH,
              col: 4,
              rule: { list: { inCellDropDown: true, source: "甲,乙" } },
              error: { title: "self-check", message: "甲 or 乙" },
            },
          ]);
          const rule = sheetOf(context).getRangeByIndexes(5, 4, 1, 1).dataValidation;
          rule.load("rule");
          await context.sync();
          const list = (rule.rule as { list?: { source?: string } }).list;
          return list?.source === "甲,乙" ? undefined : `rule read back as ${JSON.stringify(rule.rule)}`;
        }),
      ),
    );

    checks.push(
      await attempt("find", () =>
        excel(async (_book, context) => {
          const found = sheetOf(context)
            .getRangeByIndexes(1, 0, 10, 1)
            .findOrNullObject("010010", { completeMatch: true, matchCase: true });
          found.load("address");
          await context.sync();
          return !found.isNullObject && /A2$/.test(found.address)
            ? undefined
            : `found ${found.isNullObject ? "nothing" : found.address}`;
        }),
      ),
    );

    checks.push(
      await attempt("protection", () =>
        excel(async (book, context) => {
          await book.apply([{ kind: "protect", sheet: SCRATCH }]);
          const cell = sheetOf(context).getRangeByIndexes(7, 0, 1, 1);
          cell.values = [["x"]];
          try {
            await context.sync();
            return "a protected sheet took a write";
          } catch {
            // refused, as it must be
          } finally {
            await book.apply([{ kind: "unprotect", sheet: SCRATCH }]);
          }
          return undefined;
        }),
      ),
    );
  } finally {
    await env
      .run(async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(SCRATCH);
        sheet.load("name");
        await context.sync();
        if (sheet.isNullObject) return;
        sheet.protection.unprotect();
        sheet.delete();
        await context.sync();
      })
      .catch(() => undefined);
  }

  checks.push(
    await attempt("fileApi", async () => {
      if (!env.document)
        return env.officePlatform
          ? "no CompressedFile requirement set: the pane cannot read the file"
          : new Skip("the preview has no Office file");
      const size = await readWholeFileSize(env.document);
      return size > 0 ? undefined : "the file came back empty";
    }),
  );
  checks.push(await attempt("keyStorage", async () => (await probes.keyStorage()) || undefined));
  return { platform: probes.platform, version: probes.version, requirements, checks };
}

/** The report as plain text, for a support request. */
export function reportText(report: SelfCheckReport, when: string): string {
  return [
    `Customer Register self-check, ${when}`,
    `Excel: ${report.platform} ${report.version}`,
    `Requirement sets: ${Object.entries(report.requirements)
      .map(([set, ok]) => `${set} ${ok ? "yes" : "no"}`)
      .join(", ")}`,
    ...report.checks.map((c) => `${c.status.toUpperCase()} ${c.id}${c.detail ? `: ${c.detail}` : ""}`),
  ].join("\n");
}
