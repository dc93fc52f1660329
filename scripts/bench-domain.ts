/**
 * `npm run bench -- --only domain` runs this in a process of its own, twice: under tsx (as
 * the command-line tool runs) and bundled by esbuild (as the pane's worker runs it: one
 * module, no name-keeping) — see bench.ts. The cell checks and duplicates of `n` sample
 * customers, the rows given as the adapter and the CLI give them (`asRead`): the first time
 * (nothing remembered) and again (no row read again: each row's findings kept with it, as a
 * Validate again in the pane keeps the rows nothing changed).
 *
 *   tsx scripts/bench-domain.ts <rows> <today> <build>
 */
import { asRead } from "../src/domain/records";
import { sampleRegister } from "../src/domain/sample";
import { register } from "../src/domain/schema/sheets";
import { defaultSettings } from "../src/domain/settings";
import { validateWorkbook } from "../src/domain/validation";

const [n, today, build] = [Number(process.argv[2]), process.argv[3]!, process.argv[4]!];
const name = register.name.zh;
const snapshot = asRead({
  sheetNames: [name],
  sheets: {
    [name]: { name, values: [register.columns.map((c) => c.header.zh), ...sampleRegister(n, "zh")] },
  },
});
for (const run of ["first", "again"]) {
  const started = performance.now();
  const report = validateWorkbook(snapshot, defaultSettings, today);
  const ms = performance.now() - started;
  console.log(
    `bench action=domain-validate build=${build} run=${run} rows=${n} problems=${report.problems.length} ms=${ms.toFixed(0)}`,
  );
}
