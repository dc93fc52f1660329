/**
 * Issue 15: a second Validate in the same pane verifies only the stamps it has not met — and
 * an edited row is a stamp it has not met: what its stamps sign changed, so the answer
 * remembered for the old content is never the answer for the new one.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { forgetVerified, verifyCounts } from "../../src/domain/stamps/keys";
import { bookOf, envOf } from "./fixtures";
import { now, staffOf, world, type People } from "./integrity/world";
import { cellOf, requestRow, typeInto } from "./integrity/insider";

describe("Validate again in the same pane (issue 15)", function () {
  this.timeout(120_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });

  const validate = async (host: MemoryExcelHost) => {
    const before = { ...verifyCounts };
    const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(checked.ok);
    return {
      problems: checked.problems,
      computed: verifyCounts.computed - before.computed,
      remembered: verifyCounts.remembered - before.remembered,
    };
  };

  it("verifies each stamp once, and again only what an edit changed: the edited request's stamp is reported the second time too", async () => {
    forgetVerified();
    const host = base.clone();
    const first = await validate(host);
    assert.ok(first.computed > 0);
    // A customer's approval stands on its request and on its Register row: verified once for both.
    assert.ok(first.remembered > 0, "the Register row's stamps were the request's, verified once");
    const second = await validate(host);
    assert.deepEqual(second.problems, first.problems);
    assert.equal(second.computed, 0, "nothing new to verify");

    // Someone types another address into the stamped request waiting to be posted.
    const row = requestRow(host, "R000003");
    assert.notEqual(cellOf(host, "交易开始调查书", row, "盖章"), "");
    typeInto(host, "交易开始调查书", row, "地址", "上海市浦东新区世纪大道999号");
    const third = await validate(host);
    const broken = third.problems.filter(
      (p) => p.sheet === "intake" && p.row === row && p.rule.startsWith("stamp."),
    );
    assert.ok(broken.length > 0, JSON.stringify(third.problems.filter((p) => p.row === row)));
    assert.ok(
      third.computed > 0 && third.computed < first.computed,
      `${third.computed} of ${first.computed} verified again`,
    );
    // And a pane opened afresh says the same.
    forgetVerified();
    const fresh = await validate(host);
    assert.deepEqual(fresh.problems, third.problems);
  });

  it("tells its progress step by step, the stamps row by row, for the pane's progress bar", async () => {
    const host = await bookOf(1200, people);
    const steps: [string, number, number][] = [];
    const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp, [], "09:00", {
      progress: (step, done, total) => steps.push([step, done, total]),
    });
    assert.ok(checked.ok);
    const order = [...new Set(steps.map(([step]) => step))];
    assert.deepEqual(order, ["reading", "cells", "signatures", "stamps", "chain"]);
    const stamps = steps.filter(([step]) => step === "stamps");
    const total = stamps[0]![2];
    assert.ok(total >= 1200, `${total} rows with stamps to verify`);
    assert.deepEqual(
      stamps.map(([, done]) => done),
      [0, 500, 1000].filter((n) => n <= total),
    );
    assert.ok(stamps.every(([, , t]) => t === total));
  });
});
