#!/usr/bin/env node
// Builds deliberately broken versions of the integrity core and runs the integrity tests
// on each: a test suite that a broken version also passes is not a test suite. Each break
// is applied to a copy of the project (the working tree is never touched); the script
// prints which tests fail for each break and exits 1 if any break passes them all.
//   npm run broken-versions            all breaks
//   npm run broken-versions -- post    only breaks whose name contains "post"
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const root = join(dirname(new URL(import.meta.url).pathname), "..");

const breaks = [
  {
    name: "termination that never finishes a cut-off move",
    file: "src/domain/journal/run.ts",
    find: "const current = op.intents.filter((i) => isCurrent(journal, i));",
    replace: 'const current = op.intents.filter((i) => isCurrent(journal, i) && i.action !== "terminate");',
  },
  {
    name: "termination that deletes the source before writing the destination",
    file: "src/domain/journal/finish.ts",
    find: "  for (const [sheet, rows] of appends) run.ws.append(sheet, rows);",
    replace:
      '  for (const p of planned)\n    if ("steps" in p && p.intent.action === "terminate")\n      for (const [sheet, row] of p.steps.deletes.splice(0)) run.ws.delete(sheet, row);\n  for (const [sheet, rows] of appends) run.ws.append(sheet, rows);',
  },
  {
    name: "posting that never resumes",
    file: "src/domain/journal/run.ts",
    find: "const current = op.intents.filter((i) => isCurrent(journal, i));",
    replace: 'const current = op.intents.filter((i) => isCurrent(journal, i) && i.action !== "post");',
  },
  {
    name: "stamping that writes the stamp before its log entry",
    file: "src/domain/stamping.ts",
    find: "    const failed = await intend(run, entries);",
    replace:
      '    for (const e of entries) {\n      const row = req.where("requestNo", e.requestNo)[0]!;\n      run.ws.set(req, row, "stamps", e.approval);\n      run.ws.set(req, row, "intakeStatus", e.newValue);\n    }\n    const failed = await intend(run, entries);',
  },
  {
    name: "kept sheets written without opening them",
    file: "src/excel/book.ts",
    find: "const guarded = this.guardedIn(chunk, ownProtection);",
    replace: "const guarded: string[] = [];",
  },
  {
    name: "kept sheets opened and left open",
    file: "src/excel/book.ts",
    find: "      for (const sheet of guarded) this.protect(sheet);",
    replace: "",
  },
  {
    name: "kept sheets left open by a cut never protected again",
    file: "src/domain/kept-sheets.ts",
    find: "  if (!keepHidden || !snapshot.states) return [];\n  const handled",
    replace: "  if (keepHidden || !snapshot.states) return [];\n  const handled",
  },
];

const only = process.argv[2];
const tests = ["test/domain/journal/*.test.ts", "test/excel/integrity/*.test.ts"];
let escaped = 0;
for (const b of breaks.filter((b) => !only || b.name.includes(only))) {
  const dir = mkdtempSync(join(tmpdir(), "broken-"));
  try {
    const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
    })
      .split("\n")
      .filter(Boolean);
    for (const f of files) cpSync(join(root, f), join(dir, f), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
    const target = join(dir, b.file);
    const source = readFileSync(target, "utf8");
    if (!source.includes(b.find)) throw new Error(`${b.name}: the code to break is no longer in ${b.file}`);
    writeFileSync(target, source.replace(b.find, b.replace));
    const run = spawnSync("npx", ["mocha", "--reporter", "json", ...tests], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, INTEGRITY_RUNS: process.env.INTEGRITY_RUNS ?? "24" },
      maxBuffer: 256 * 1024 * 1024,
    });
    const json = run.stdout.slice(run.stdout.indexOf("{"));
    const report = JSON.parse(json);
    const failed = report.failures.map((f) => ({
      title: f.fullTitle,
      why: String(f.err?.message ?? "").split("\n")[0],
    }));
    console.log(`\n${b.name}: ${failed.length ? `caught by ${failed.length} test(s)` : "NOT CAUGHT"}`);
    for (const t of failed) console.log(`  ✖ ${t.title}\n      ${t.why.slice(0, 200)}`);
    if (!failed.length) escaped++;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  escaped
    ? `\n${escaped} broken version(s) pass the integrity tests`
    : "\nevery broken version fails the integrity tests",
);
process.exit(escaped ? 1 : 0);
