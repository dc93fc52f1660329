#!/usr/bin/env node
// The one test command: brings the system tools the tests need (Debian's chromium for the
// pane, LibreOffice and poppler for printed output, python3-uno and msoffcrypto-tool to open
// the encrypted backups), type-checks and lints, builds the pane, then runs every test in
// one mocha run whose last line reads "N passed, N failed".
import { execSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const run = (cmd) => {
  console.log(`$ ${cmd}`);
  execSync(cmd, { stdio: "inherit" });
};
const has = (file) => existsSync(file);

const needed = [
  ["/usr/bin/chromium", "chromium"],
  ["/usr/bin/soffice", "libreoffice-calc-nogui"],
  // LibreOffice through UNO, to open a password-protected backup (test/support/libreoffice.ts).
  ["/usr/lib/python3/dist-packages/uno.py", "python3-uno"],
  // An independent decryption of the backups, checking their HMAC as Excel does.
  ["/usr/lib/python3/dist-packages/msoffcrypto/__init__.py", "python3-msoffcrypto-tool"],
  ["/usr/bin/pdftotext", "poppler-utils"],
  ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "fonts-noto-cjk"],
];
const missing = needed.filter(([file]) => !has(file)).map(([, pkg]) => pkg);
if (missing.length) {
  const sudo = process.getuid && process.getuid() !== 0 ? "sudo " : "";
  run(`${sudo}apt-get update -qq`);
  run(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")}`);
}
if (!has("node_modules/.package-lock.json")) run("npm ci --no-audit --no-fund");

run("npm run lint");
run("npx webpack --mode production");
const result = spawnSync(
  "npx",
  [
    "mocha",
    "--reporter",
    "./test/support/reporter.cjs",
    "test/**/*.test.ts",
    "test/**/*.test.tsx",
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
