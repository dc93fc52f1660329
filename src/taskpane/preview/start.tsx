/**
 * The preview: the pane beside an in-memory workbook, for a browser without Excel (npm
 * start) and for the pane's browser tests. Loaded as a chunk of its own (index.tsx).
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "../App";
import { langOf } from "../../domain/layout";
import { paneLease, RUN_OPTIONS, type ExcelEnv } from "../../excel/env";
import { MemoryExcelHost } from "../../host/memory-host";
import { PreviewWorkbook } from "./PreviewWorkbook";
import { seedPreviewWorkbook } from "./seed";
import { previewDocument } from "./file";
import { t } from "../i18n";

function Preview({ host, env }: { host: MemoryExcelHost; env: ExcelEnv }) {
  const [version, setVersion] = React.useState(0);
  const lang = langOf(env.displayLanguage);
  return (
    <div className="preview">
      <div className="preview-banner">{t(lang, "previewBanner")}</div>
      <div className="preview-body">
        <PreviewWorkbook host={host} version={version} />
        <aside className="preview-pane">
          <App env={env} lang={lang} onWorkbookChanged={() => setVersion((v) => v + 1)} />
        </aside>
      </div>
    </div>
  );
}

export function startPreview(root: HTMLElement) {
  const params = new URLSearchParams(window.location.search);
  const displayLanguage = params.get("lang") ?? navigator.language ?? "zh-CN";
  const empty = params.has("empty");
  const host = new MemoryExcelHost({ platform: "web", displayLanguage, sheets: empty ? ["Sheet1"] : [] });
  if (!empty) seedPreviewWorkbook(host);
  // The preview has nobody else in its workbook: the lease is taken and released as in Excel,
  // with a short wait (`&settle=<ms>` to see it).
  const env: ExcelEnv = {
    run: (batch) => host.run(RUN_OPTIONS, batch),
    sheetNames: {},
    platform: "web",
    displayLanguage,
    lease: paneLease(Number(params.get("settle") ?? 100)),
    // `&file=<url>`: a workbook file for the backup to read, as Office's document API gives one.
    document: params.get("file") ? previewDocument(params.get("file")!) : undefined,
  };
  (window as unknown as { previewHost: MemoryExcelHost }).previewHost = host;
  createRoot(root).render(<Preview host={host} env={env} />);
}
