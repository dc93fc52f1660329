#!/usr/bin/env node
// The one run command: builds the pane and serves it on localhost:3000. In Excel, sideload
// manifest.xml; in a browser, open the preview URL printed below.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

const https =
  existsSync(join(homedir(), ".office-addin-dev-certs", "localhost.crt")) && process.env.HTTPS !== "0";
const port = process.env.PORT || "3000";
const url = `${https ? "https" : "http"}://localhost:${port}/taskpane.html`;
console.log(`\nCustomer Register pane: ${url}`);
console.log(`Preview workbook (no Excel needed): ${url}?preview\n`);
if (!https)
  console.log("(HTTP only: run `npx office-addin-dev-certs install` once to serve HTTPS for Excel.)\n");
const child = spawn("npx", ["webpack", "serve", "--mode", "development"], { stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 0));
