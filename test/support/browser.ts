/**
 * The pane in a real headless Chromium (Debian's), served from the production build in
 * dist/. A missing browser or build is a failure, never a skip.
 */
import { createServer, type Server } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const DIST = join(process.cwd(), "dist");

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
  ".map": "application/json",
  ".css": "text/css",
};

export async function serveDist(): Promise<{ server: Server; url: string }> {
  if (!existsSync(join(DIST, "taskpane.html"))) {
    throw new Error("dist/taskpane.html is missing: build the pane first (npx webpack --mode production)");
  }
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(
      /^(\.\.[/\\])+/,
      "",
    );
    const file = join(DIST, path);
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}` };
}

/** A fresh profile every time, so no earlier run's storage leaks into a test. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  const profile = mkdtempSync(join(tmpdir(), "register-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * For a mocha suite: serves dist/ and starts Chromium before, stops both after. Returns a
 * getter, since the values exist only once `before` has run.
 */
export function pageServer(): () => { base: string; context: BrowserContext } {
  let server: import("node:http").Server | undefined;
  let base = "";
  let context: BrowserContext | undefined;
  let close: (() => Promise<void>) | undefined;
  before(async () => {
    ({ server, url: base } = await serveDist());
    ({ context, close } = await launchChromium());
    mkdirSync("test-output", { recursive: true });
  });
  after(async () => {
    await close?.();
    server?.close();
  });
  return () => ({ base, context: context! });
}
