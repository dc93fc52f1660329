/**
 * `npm run bench`: what Set up, Validate, building twelve months of monthly lists, one
 * customer's card (read, and printed as a sheet) and DM labels for a whole region cost at
 * 1k, 10k and 100k register rows, through
 * the same adapter code against the in-memory Excel host (Excel on the web's limits).
 * Prints syncs, the largest request and response of any sync, total bytes and milliseconds.
 */
import { MemoryExcelHost } from "../src/host/memory-host";
import { setUpWorkbook } from "../src/excel/actions/set-up-workbook";
import { validateWorkbook } from "../src/excel/actions/validate-workbook";
import type { ExcelEnv, Platform } from "../src/excel/env";
import { register } from "../src/domain/schema/sheets";
import { sampleRegister } from "../src/domain/sample";
import { buildMonthlyLists } from "../src/excel/actions/lists";
import { lastTwelveMonths } from "../src/domain/lists/monthly";
import { loadCard, printCard } from "../src/excel/actions/card";
import { buildMailing } from "../src/excel/actions/mailing";
import { PBKDF2_ITERATIONS } from "../src/domain/stamps/keys";
import { PIN_MIN_BITS } from "../src/domain/stamps/pin";

const sizes = (process.argv[2] ?? "1000,10000,100000").split(",").map(Number);
const MB = 1024 * 1024;

function envOf(host: MemoryExcelHost, platform: Platform): ExcelEnv {
  return { run: (batch) => host.run(batch), platform, displayLanguage: "zh-CN" };
}

async function measure(host: MemoryExcelHost, work: () => Promise<{ ok: boolean }>) {
  host.resetCounters();
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  if (!result.ok) throw new Error(`action failed: ${JSON.stringify(result)}`);
  const log = host.syncLog;
  return {
    syncs: host.syncs,
    maxRequestMB: Math.max(...log.map((s) => s.requestBytes)) / MB,
    maxResponseMB: Math.max(...log.map((s) => s.responseBytes)) / MB,
    totalMB: log.reduce((a, s) => a + s.requestBytes + s.responseBytes, 0) / MB,
    ms,
  };
}

async function main() {
  const rows: string[][] = [
    ["platform", "rows", "action", "syncs", "max request MB", "max response MB", "total MB", "ms"],
  ];
  for (const platform of ["web", "desktop"] as Platform[]) {
    for (const n of sizes) {
      const host = new MemoryExcelHost({ platform, displayLanguage: "zh-CN" });
      host.seedSheet(
        register.name.zh,
        [register.columns.map((c) => c.header.zh), ...sampleRegister(n, "zh")],
        {
          raw: true,
        },
      );
      const env = envOf(host, platform);
      const setup = await measure(host, () => setUpWorkbook(env));
      const validate = await measure(host, () => validateWorkbook(env, "2026-11-24"));
      const lists = await measure(host, () =>
        buildMonthlyLists(env, lastTwelveMonths("2024-12"), ["new", "invalid"], "bench", {
          date: "2026-11-24",
          time: "12:00",
        }),
      );
      const now = { date: "2026-11-24", time: "12:00" };
      const id = `C${String(Math.ceil(n / 2)).padStart(6, "0")}`;
      const card = await measure(host, () => loadCard(env, id, undefined, now));
      const printed = await measure(host, () => printCard(env, id, "bench", undefined, now));
      const labels = await measure(host, () => buildMailing(env, { region: "华东" }, "labels", "bench", now));
      for (const [action, m] of [
        ["set up", setup],
        ["validate", validate],
        ["12 months of lists", lists],
        ["card", card],
        ["print card", printed],
        ["labels for a region", labels],
      ] as const) {
        rows.push([
          platform,
          String(n),
          action,
          String(m.syncs),
          m.maxRequestMB.toFixed(2),
          m.maxResponseMB.toFixed(2),
          m.totalMB.toFixed(2),
          m.ms.toFixed(0),
        ]);
      }
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i]!)).join("  "));
  await pinGuessing();
}

/**
 * The offline-guessing estimate behind the PIN policy (src/domain/stamps/pin.ts): how
 * many PIN guesses one CPU core of this machine makes per second against a copied device
 * record (one PBKDF2-SHA-256 derivation at the production iteration count per guess), and
 * how long the weakest accepted PIN and a six-digit PIN hold out at that rate.
 */
async function pinGuessing() {
  const tries = 3;
  const start = performance.now();
  for (let i = 0; i < tries; i++) {
    const base = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(`guess${i}`),
      "PBKDF2",
      false,
      ["deriveBits"],
    );
    await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: new Uint8Array(16), iterations: PBKDF2_ITERATIONS },
      base,
      256,
    );
  }
  const perSecond = tries / ((performance.now() - start) / 1000);
  const days = (guesses: number) => guesses / perSecond / 86400;
  console.log(
    `\nPIN guessing on one CPU core of this machine (PBKDF2-SHA-256, ${PBKDF2_ITERATIONS} iterations):`,
  );
  console.log(`  ${perSecond.toFixed(2)} guesses per second`);
  console.log(`  a six-digit PIN (10^6): ${days(1e6).toFixed(1)} days to try them all`);
  console.log(
    `  the weakest PIN the policy accepts (2^${PIN_MIN_BITS}): ${(days(2 ** PIN_MIN_BITS) / 365).toFixed(0)} years`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
