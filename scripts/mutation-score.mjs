// Prints the mutation score per file and in total from Stryker's JSON report
// (reports/mutation/mutation.json, written by `npm run mutation`).
// Score = (killed + timeout) / (all mutants − ignored). Mutants that do not compile
// (CompileError) or crash the run (RuntimeError) are left out too, as Stryker does.
// Usage: node scripts/mutation-score.mjs [report.json] [--survivors]
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const showSurvivors = args.includes("--survivors");
const reportPath = args.find((a) => !a.startsWith("--")) ?? "reports/mutation/mutation.json";

let report;
try {
  report = JSON.parse(readFileSync(reportPath, "utf8"));
} catch (e) {
  console.error(`Cannot read ${reportPath}: ${e.message}. Run \`npm run mutation\` first.`);
  process.exit(1);
}

const left = new Set(["Ignored", "CompileError", "RuntimeError"]);
const detected = new Set(["Killed", "Timeout"]);

const rows = [];
const total = { detected: 0, counted: 0, survived: 0, noCoverage: 0, ignored: 0 };
for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const row = { file, detected: 0, counted: 0, survived: 0, noCoverage: 0, ignored: 0 };
  for (const m of mutants) {
    if (left.has(m.status)) {
      row.ignored++;
      continue;
    }
    row.counted++;
    if (detected.has(m.status)) row.detected++;
    if (m.status === "Survived") row.survived++;
    if (m.status === "NoCoverage") row.noCoverage++;
  }
  for (const k of Object.keys(total)) total[k] += row[k];
  rows.push(row);
}

const pct = (r) => (r.counted ? ((100 * r.detected) / r.counted).toFixed(2) : "n/a");
const width = Math.max(5, ...rows.map((r) => r.file.length));
const line = (name, r) =>
  `${name.padEnd(width)}  ${String(pct(r)).padStart(6)}  ${String(r.detected).padStart(6)}  ${String(r.counted).padStart(5)}  ${String(r.survived).padStart(8)}  ${String(r.noCoverage).padStart(10)}  ${String(r.ignored).padStart(7)}`;

console.log(
  `${"file".padEnd(width)}  ${"score%".padStart(6)}  ${"killed".padStart(6)}  ${"total".padStart(5)}  survived  nocoverage  ignored`,
);
for (const r of rows) console.log(line(r.file, r));
console.log(line("TOTAL", total));

if (showSurvivors) {
  for (const [file, { mutants, source }] of Object.entries(report.files)) {
    const lines = source.split("\n");
    const alive = mutants.filter((m) => m.status === "Survived" || m.status === "NoCoverage");
    if (!alive.length) continue;
    console.log(`\n${file}`);
    for (const m of alive.sort((a, b) => a.location.start.line - b.location.start.line)) {
      const { start, end } = m.location;
      const original =
        start.line === end.line
          ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
          : `${lines[start.line - 1].slice(start.column - 1)}…`;
      const squash = (s) => (s.length > 60 ? `${s.slice(0, 57)}…` : s).replace(/\s+/g, " ");
      console.log(
        `  ${file}:${start.line} ${m.mutatorName}${m.status === "NoCoverage" ? " (no coverage)" : ""} "${squash(original)} → ${squash(m.replacement ?? "")}"`,
      );
    }
  }
}
