/**
 * Entry point. Inside Excel the pane drives the real workbook through Office.js; opened in
 * a plain browser (npm start without Excel) it drives an in-memory workbook shown beside it.
 * The in-memory workbook and its preview are a chunk of their own, loaded only for the
 * preview: Excel never downloads them.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { langOf } from "../domain/layout";
import { officeEnv } from "../excel/env";

function hostedInOffice(): boolean {
  return typeof Office !== "undefined" && !new URLSearchParams(window.location.search).has("preview");
}

function preview(root: HTMLElement) {
  void import(/* webpackChunkName: "preview" */ "./preview/start").then(({ startPreview }) =>
    startPreview(root),
  );
}

const root = document.getElementById("root")!;
if (hostedInOffice()) {
  Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) {
      const env = officeEnv();
      createRoot(root).render(<App env={env} lang={langOf(env.displayLanguage)} />);
    } else {
      preview(root);
    }
  });
} else {
  preview(root);
}
