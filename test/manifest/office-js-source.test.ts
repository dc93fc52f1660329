/**
 * Issue 16: where the pane loads office.js from. A build to publish (`npm run build`) loads
 * it from Microsoft's CDN, as Microsoft requires of published add-ins; the preview and the
 * tests (no network) load the add-in's own copy. Checked on the pages the build writes:
 * the pane's template rendered with the build's parameters, and the commands page as copied.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const root = join(__dirname, "..", "..");
const config = require(join(root, "webpack.config.js")) as (
  env: Record<string, unknown>,
  argv: { mode: string },
) => { plugins: { userOptions?: { templateParameters?: Record<string, string> }; patterns?: unknown[] }[] };
const template = require("lodash/template") as (s: string) => (data: Record<string, string>) => string;

/** The office.js script sources of the pane page and the commands page a build writes. */
function scriptsOf(
  env: Record<string, unknown>,
  mode: string,
): { pane: string[]; commands: string[]; copiesOfficeJs: boolean } {
  const built = config(env, { mode });
  const html = built.plugins.find((p) => p.userOptions?.templateParameters)!;
  const pane = template(readFileSync(join(root, "src/taskpane/taskpane.html"), "utf8"))(
    html.userOptions!.templateParameters!,
  );
  type Pattern = { from: string; to: string; transform?: (c: Buffer) => string };
  const patterns = (
    built.plugins.find((p) => (p as { patterns?: unknown }).patterns) as unknown as { patterns: Pattern[] }
  ).patterns;
  const commandsPattern = patterns.find((p) => p.to === "commands.html")!;
  const raw = readFileSync(join(root, commandsPattern.from));
  const commands = commandsPattern.transform ? commandsPattern.transform(raw) : raw.toString();
  const srcs = (page: string) =>
    [...page.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!).filter((s) => /office\.js$/.test(s));
  return {
    pane: srcs(pane),
    commands: srcs(commands),
    copiesOfficeJs: patterns.some((p) => p.to === "office"),
  };
}

describe("where the pane loads office.js from (issue 16)", () => {
  it("a build to publish loads it from Microsoft's CDN on both pages and ships no copy", () => {
    const cdn = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
    const built = scriptsOf({ publish: true }, "production");
    assert.deepEqual(built.pane, [cdn]);
    assert.deepEqual(built.commands, [cdn]);
    assert.equal(built.copiesOfficeJs, false);
  });

  it("the build the tests and the preview use loads the add-in's own copy, and ships it", () => {
    const built = scriptsOf({}, "production");
    assert.deepEqual(built.pane, ["office/office.js"]);
    assert.deepEqual(built.commands, ["office/office.js"]);
    assert.equal(built.copiesOfficeJs, true);
  });
});
