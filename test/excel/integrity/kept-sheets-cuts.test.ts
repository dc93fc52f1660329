/**
 * Kept sheets (domain/kept-sheets.ts) under faults: every action of the life cycle on a
 * workbook whose register sheets are very hidden and protected, cut after every operation
 * of every sync. Kept apart from test/excel/kept-sheets.test.ts so mutation testing, which
 * runs that file, does not wait on these cuts (as test/excel/integrity/cuts.test.ts).
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { hideKeptSheets } from "../../../src/excel/actions/kept-sheets";
import { validateWorkbook } from "../../../src/excel/actions/validate-workbook";
import { actions, now, type People } from "./world";
import { envOf } from "../fixtures";
import { assertKept, hiddenWorld, KEPT } from "../support/kept";

/**
 * Cut after every operation of every sync: a batch stopped between its unprotect and its
 * protect leaves a kept sheet open. Never silently: Validate names it, the action run again
 * protects it once it writes, and hiding puts everything back.
 */
describe("kept sheets: every action cut after every operation", function () {
  this.timeout(900_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    ({ people, base } = await hiddenWorld());
  });

  const open = (host: MemoryExcelHost) => KEPT.filter((n) => !host.sheet(n).isProtected);
  const named = async (host: MemoryExcelHost) => {
    const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp, [], "16:00");
    assert.ok(checked.ok, JSON.stringify(checked));
    return checked.problems
      .filter((p) => p.rule === "sheets.unprotected")
      .map((p) => p.value)
      .sort();
  };

  for (const action of actions)
    it(`${action.name}: a kept sheet left open by a cut is named, then protected again`, async () => {
      const dry = base.clone();
      assert.ok((await action.run(dry, people)).ok);
      const points = dry.syncLog.flatMap((s, i) =>
        s.writes === 0 ? [] : Array.from({ length: s.operations + 1 }, (_, n) => ({ k: i + 1, n })),
      );
      let leftOpen = 0;
      for (const { k, n } of points) {
        const cut = base.clone();
        cut.failAtSync(k, { operations: n });
        const label = `${action.name} cut at sync ${k} after ${n} operations`;
        assert.equal((await action.run(cut, people)).ok, false, label);
        for (const name of KEPT)
          assert.equal(cut.sheet(name).visibility, "VeryHidden", `${label}: ${name} stays hidden`);
        const opened = open(cut);
        if (opened.length) leftOpen++;
        assert.deepEqual(await named(cut), [...opened].sort(), `${label}: Validate names every open sheet`);
        const again = cut.clone();
        const rerun = await action.run(again, people);
        assert.ok(rerun.ok, `${label}, run again: ${JSON.stringify(rerun).slice(0, 300)}`);
        action.expect(again, base);
        // A re-run that wrote protects every kept sheet; one with nothing left to write leaves it to Validate.
        if (again.syncLog.some((s) => s.writes > 0)) assert.deepEqual(open(again), [], `${label}, run again`);
        else assert.deepEqual(await named(again), open(again).sort(), `${label}, run again, named`);
        assert.ok((await hideKeptSheets(envOf(again), people.admin.fp)).ok);
        assertKept(again, `${label}, hidden again`);
      }
      assert.ok(leftOpen > 0, `${action.name}: some cut leaves a kept sheet open (${points.length} cuts)`);
    });
});
