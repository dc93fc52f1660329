/**
 * Issue 15: what Excel downloads. The in-memory workbook (our Excel host) and the preview
 * beside the pane are a chunk of their own, loaded only when the pane runs without Excel;
 * the pane Excel opens carries none of it. Checked on the build `npm test` makes (dist/).
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = join(__dirname, "..", "..", "dist");
// Words only the in-memory host says (src/host/context.ts), which minifying keeps.
const HOST_WORDS = "The request payload size has exceeded the limit.";

describe("the pane Excel loads (issue 15)", () => {
  it("holds no in-memory workbook: the preview is a chunk of its own that holds it", () => {
    assert.ok(existsSync(join(dist, "taskpane.js")), "build the pane first (npm test does)");
    const pane = readFileSync(join(dist, "taskpane.js"), "utf8");
    const preview = readFileSync(join(dist, "preview.js"), "utf8");
    assert.ok(!pane.includes(HOST_WORDS), "the in-memory host is in the pane Excel loads");
    assert.ok(preview.includes(HOST_WORDS), "the preview chunk should hold the in-memory host");
  });

  it("carries no page but home: each page is a chunk of its own, fetched when first opened", () => {
    const pane = readFileSync(join(dist, "taskpane.js"), "utf8");
    // Test ids only the stamp page and the loans page render.
    for (const [chunk, word] of [
      ["page-stamp.js", '"stamp-pin"'],
      ["page-loans.js", '"loan-item"'],
      // The PIN dialog (Fluent's Dialog, Modal, TextField): fetched the first time it opens.
      ["pin-dialog.js", '"seal-pin"'],
    ] as const) {
      assert.ok(!pane.includes(word), `${word} is in the pane Excel loads at start`);
      assert.ok(readFileSync(join(dist, chunk), "utf8").includes(word), `${chunk} should hold ${word}`);
    }
  });

  it("carries the frame's words only: the pages' words come with the pages", () => {
    const pane = readFileSync(join(dist, "taskpane.js"), "utf8");
    assert.ok(pane.includes("what needs you now"), "首页's words belong to the pane at start");
    assert.ok(!pane.includes("Build mailing sheet"), "the mailing page's words are in the pane at start");
  });

  it("is at most 200 KB gzipped at start, issue 15's bound (npm run bench prints the figure)", () => {
    const kb = gzipSync(readFileSync(join(dist, "taskpane.js"))).length / 1024;
    assert.ok(kb <= 200, `taskpane.js is ${kb.toFixed(1)} KB gzipped`);
  });
});
