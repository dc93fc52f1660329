#!/usr/bin/env node
// Mutation testing of the integrity core, part by part (the parts are in stryker.config.mjs).
// Each part is one Stryker run with its own incremental file and JSON report under
// reports/mutation/parts/; when the parts are done, their reports are merged into
// reports/mutation/mutation.json and the score is printed (scripts/mutation-score.mjs).
// A run stopped half-way keeps the parts it finished; the next run re-tests only mutants
// whose code or tests changed. Each finished part's incremental file and report are also
// kept, gzipped, in mutation-state/ (committed): a fresh clone starts from them instead of
// from nothing (a first run of every part takes hours on two cores).
//   npm run mutation                 every part
//   npm run mutation -- stamps log   only these parts (the merge still takes every part's last report)
//   npm run mutation -- --merge      no run: merge the kept reports and print the score
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { dirname, join } from "node:path";

const root = join(dirname(new URL(import.meta.url).pathname), "..");
const { parts } = await import(join(root, "stryker.config.mjs"));
const mergeOnly = process.argv.includes("--merge");
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("--"));
for (const name of wanted)
  if (!parts[name]) {
    console.error(`No part "${name}". Parts: ${Object.keys(parts).join(", ")}`);
    process.exit(2);
  }

mkdirSync(join(root, "reports/mutation/parts"), { recursive: true });
mkdirSync(join(root, "mutation-state"), { recursive: true });
/** The part's files under reports/ and their kept copies under mutation-state/. */
const kept = (name) =>
  [`${name}-incremental.json`, `${name}.json`].map((file) => ({
    live: join(root, "reports/mutation/parts", file),
    state: join(root, "mutation-state", `${file}.gz`),
  }));
// A fresh clone: take up where the kept state left off.
for (const name of Object.keys(parts))
  for (const { live, state } of kept(name))
    if (!existsSync(live) && existsSync(state)) writeFileSync(live, gunzipSync(readFileSync(state)));
const failed = [];
for (const name of mergeOnly ? [] : wanted.length ? wanted : Object.keys(parts)) {
  const started = Date.now();
  console.log(`\n=== mutation part "${name}": ${parts[name].join(", ")}`);
  const run = spawnSync("npx", ["stryker", "run"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, STRYKER_PART: name },
  });
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  console.log(
    `=== part "${name}" ${run.status === 0 ? "done" : `FAILED (exit ${run.status})`} in ${minutes} min`,
  );
  if (run.status !== 0) failed.push(name);
  else
    for (const { live, state } of kept(name))
      if (existsSync(live)) writeFileSync(state, gzipSync(readFileSync(live), { level: 9 }));
}

// Merge every part's last report into one, in Stryker's report schema (files and test files
// are keyed by path, so the union is the report of a run over all parts).
const merged = {
  schemaVersion: "2",
  thresholds: { high: 90, low: 85 },
  projectRoot: root,
  files: {},
  testFiles: {},
};
const missing = [];
for (const name of Object.keys(parts)) {
  const file = join(root, `reports/mutation/parts/${name}.json`);
  if (!existsSync(file)) {
    missing.push(name);
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  Object.assign(merged.files, report.files);
  Object.assign(merged.testFiles, report.testFiles ?? {});
}
writeFileSync(join(root, "reports/mutation/mutation.json"), JSON.stringify(merged));
console.log(
  `\nMerged ${Object.keys(parts).length - missing.length} part(s) into reports/mutation/mutation.json`,
);
if (missing.length) console.log(`Parts never run yet (not in the score): ${missing.join(", ")}`);
spawnSync("node", [join(root, "scripts/mutation-score.mjs")], { cwd: root, stdio: "inherit" });
if (failed.length) {
  console.error(`Stryker failed on: ${failed.join(", ")}`);
  process.exit(1);
}
