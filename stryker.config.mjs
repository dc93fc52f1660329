// Mutation testing (StrykerJS) of the register's integrity core: the code that posts, moves,
// stamps, verifies and logs rows. `npm run mutation` writes reports/mutation/mutation.json
// (and mutation.html); `npm run mutation:score` prints the score per file from the JSON.

/**
 * The integrity core, in parts. Add a file or glob to a part to put it under mutation
 * testing. `npm run mutation` (scripts/mutation.mjs) runs Stryker once per part, each with
 * its own incremental file, and merges the parts' reports: a run cut off after an hour keeps
 * every part it finished, and the next run re-tests only what changed.
 */
export const parts = {
  moves: [
    "src/domain/posting.ts",
    "src/domain/termination.ts",
    "src/domain/reinstatement.ts",
    "src/domain/destruction.ts",
    "src/domain/invalid.ts",
    "src/domain/lists/invalid-approval.ts",
    "src/domain/hand-over.ts",
    // A new ID never one used: the highest found without the ID columns (issue 15).
    "src/domain/ids.ts",
  ],
  stamps: [
    "src/domain/stamping.ts",
    "src/domain/verification.ts",
    "src/domain/stamps/stamps.ts",
    // The customers' stamp digests worked out on the pane's thread, taken by the worker (session 42).
    "src/domain/stamps-beside.ts",
  ],
  staff: ["src/domain/stamps/staff.ts", "src/domain/policy.ts"],
  log: [
    "src/domain/change-log.ts",
    "src/domain/log-writes.ts",
    "src/domain/log-signing.ts",
    "src/domain/journal/head.ts",
    "src/domain/log-repair.ts",
    // The log on several sheets: where each row stands, how the plan's writes go (issue 15).
    "src/domain/log-segments.ts",
    // The chain worked out on the pane's thread for the worker's check, and the pane's hash (session 40).
    "src/domain/chain-beside.ts",
    "src/domain/digest.ts",
    // What the worker works out while the read comes, taken by the check (session 41).
    "src/domain/check-ahead.ts",
  ],
  journal: [
    "src/domain/journal/journal.ts",
    "src/domain/journal/approvals.ts",
    "src/domain/journal/adopt.ts",
    "src/domain/journal/workspace.ts",
    // The Register's duplicate index: what filing's search relies on, made true (issue 15).
    "src/domain/register-index.ts",
    // What a run over the journal reads when no op is unfinished (issue 15).
    "src/domain/journal/needs.ts",
    "src/domain/partial-read.ts",
  ],
  finish: ["src/domain/journal/finish.ts", "src/domain/journal/run.ts"],
  // Department lists changed page by page: what a printed list's digest and every later update rest on (issue 15).
  lists: ["src/domain/list-pages.ts"],
  // What a look at many customers reads: the Register's rows it chooses and their log (issue 15).
  looks: ["src/domain/journal/look-needs.ts"],
  check: ["src/domain/journal/check.ts", "src/domain/journal/erase.ts"],
  // The Change log's checkpoints: what they claim, who writes them, when a read stands on one (issue 15).
  checkpoints: ["src/domain/journal/checkpoints.ts"],
  // Who may look, what a look logs, and the trace codes of printed copies (issue 19).
  // Since session 15 also the register's sheets kept out of sight.
  confidential: [
    "src/domain/looking.ts",
    "src/domain/trace.ts",
    "src/domain/kept-sheets.ts",
    "src/domain/kept-show.ts",
  ],
};
const part = process.env.STRYKER_PART;
if (part && !parts[part])
  throw new Error(`STRYKER_PART=${part}: no such part (${Object.keys(parts).join(", ")})`);
const integrityCore = part ? parts[part] : Object.values(parts).flat();
const reportName = part ? `parts/${part}` : "mutation";

/**
 * The tests that judge it: the pure core's (milliseconds, the journal's recovery cut after
 * every write among them), the journal cases and the adapter's life-cycle tests through
 * the in-memory host. Left out, because each mutant would wait minutes on them and they
 * add no check the rest lacks: the 100,000-row cost tests, and the exhaustive cut matrix and
 * random sequences of test/excel/integrity (run by `npm test` and `npm run test:property`).
 */
const nodeTests = [
  "test/domain/**/*.test.ts",
  "test/excel/integrity/cases.test.ts",
  "test/excel/integrity/trust.test.ts",
  "test/excel/integrity/staff-history.test.ts",
  "test/excel/integrity/erasure.test.ts",
  "test/excel/integrity/log-signing.test.ts",
  // Stamps the Change log vouches for: the same findings as every signature verified (issue 15).
  "test/excel/integrity/vouching.test.ts",
  "test/excel/post-requests.test.ts",
  "test/excel/termination.test.ts",
  "test/excel/reinstatement.test.ts",
  "test/excel/destruction-and-invalid.test.ts",
  "test/excel/correction.test.ts",
  "test/excel/lifecycle.test.ts",
  "test/excel/workflow.test.ts",
  "test/excel/stamp-failures.test.ts",
  "test/excel/verification.test.ts",
  // The chain worked out on the pane's thread, taken by the worker's check (session 40).
  "test/excel/chain-beside.test.ts",
  // The read sent as it comes, the worker working ahead (session 41).
  "test/excel/check-ahead.test.ts",
  // The customers' stamp digests worked out on the pane's thread (session 42).
  "test/excel/stamps-beside.test.ts",
  "test/excel/monthly-lists.test.ts",
  "test/excel/looking.test.ts",
  "test/excel/trace.test.ts",
  "test/excel/outside-release.test.ts",
  "test/excel/kept-sheets.test.ts",
  "test/excel/journal-reads.test.ts",
  "test/excel/printout-search.test.ts",
  "test/excel/partial-reads.test.ts",
  "test/excel/validate-again.test.ts",
  "test/excel/list-pages.test.ts",
  "test/excel/look-reads.test.ts",
  "test/excel/checkpoint-reads.test.ts",
  "test/excel/keyed-reads.test.ts",
  "test/excel/highest-reads.test.ts",
  "test/excel/pages-ahead.test.ts",
  "test/excel/closure-search.test.ts",
  "test/excel/keyed-search.test.ts",
  "test/excel/within-reads.test.ts",
  "test/excel/log-segments.test.ts",
  "test/cli/log-segments.test.ts",
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  mutate: integrityCore,

  testRunner: "mocha",
  // The mocha runner runs mocha inside Stryker's worker process, so package.json's
  // `node-option: import=tsx` is not applied there: the worker is started with it instead.
  // `--import tsx` registers tsx's ESM and CommonJS hooks, exactly as `npm run test:unit` does.
  testRunnerNodeArgs: ["--import", "tsx"],
  mochaOptions: {
    spec: nodeTests,
    extension: ["ts"],
  },
  coverageAnalysis: "perTest",

  checkers: ["typescript"],
  // tsconfig.stryker.json: the project without the React pane (it imports none of the core),
  // about 280 files instead of 1,400: the checker is the bottleneck on two cores.
  tsconfigFile: "tsconfig.stryker.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },

  concurrency: 2,
  // Some tests derive keys (PBKDF2) and sign (ECDSA) and take seconds: be generous.
  timeoutMS: 15000,
  timeoutFactor: 2,

  reporters: part ? ["json", "clear-text", "progress"] : ["json", "html", "clear-text", "progress"],
  jsonReporter: { fileName: `reports/mutation/${reportName}.json` },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },

  incremental: true,
  incrementalFile: `reports/mutation/${part ? `parts/${part}-incremental` : "stryker-incremental"}.json`,
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  // What the sandbox need not copy (node_modules is linked, not copied).
  ignorePatterns: [
    "dist",
    "build",
    "test-output",
    "reports",
    "mutation-state",
    "docs",
    "assets",
    "*.log",
    "test/browser",
    "test/print",
    "test/cli",
    "test/manifest",
  ],

  // The score is read from the report (npm run mutation:score), not enforced by exit code.
  thresholds: { high: 90, low: 85, break: null },
};
