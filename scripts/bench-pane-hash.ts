/**
 * The bench hashes as the pane does (issue 15). domain/digest.ts takes Node's one-shot
 * SHA-256 wherever Node's crypto module can be found; the pane — a browser, its Web Worker
 * too — has no synchronous hash of its own: it hashes with a WebAssembly SHA-256 once that
 * is compiled (hash-wasm), and with js-sha256's browser build, all JavaScript, until then
 * (about 3 and 12–16 times Node's one-shot hash on 1–3 KB: decisions.md, session 40). Under
 * Node, js-sha256 gives its Node build instead, a wrapper around Node's own hash. Imported
 * first by bench.ts and by its check worker (bench-check-worker.ts), before anything loads
 * digest.ts: the browser build stands in for the Node build, digest.ts is loaded with Node's
 * crypto module hidden from it, and the module is then given back to everyone else. So every
 * hash the bench's pane actions make, on its thread and in its worker, costs what it costs
 * the pane. The command-line tool's figures (cli-validate) keep Node's hash: it runs in Node.
 */
const proc = process as { getBuiltinModule?: (id: string) => unknown };
const own = proc.getBuiltinModule;
// In the check worker's bundle esbuild has put the browser build in place already (bench.ts
// `checkWorkerBundle`), and the packages are not found from where the bundle lies.
if (!process.env.BENCH_BUNDLED) {
  const nodeBuild = require.resolve("js-sha256");
  const browserBuild = require.resolve("js-sha256/build/sha256.cjs");
  require(browserBuild);
  require.cache[nodeBuild] = require.cache[browserBuild];
}
proc.getBuiltinModule = (id: string) =>
  id === "crypto" || id === "node:crypto" ? undefined : own?.call(process, id);
try {
  require("../src/domain/digest");
} finally {
  proc.getBuiltinModule = own;
}

export {};
