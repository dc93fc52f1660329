/**
 * Issue 15: filing a request finds the Register customers it duplicates by Excel's counts of
 * the Register's duplicate index (validate/duplicates.ts `dupIndex`), not by reading every
 * customer's credit code, name and phone — and refuses what a whole read refuses, for every
 * kind of twin, for rows typed by hand, and on a Register set up before the index. What it
 * cannot see (an index typed over) Validate reports, and set-up mends.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { journalPlanApply } from "../../src/excel/actions/journal-plan-apply";
import { guarded } from "../../src/excel/actions/result";
import { correctCustomer, fileRequest } from "../../src/excel/actions/workflow";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import type { ExcelEnv } from "../../src/excel/env";
import { planIntake } from "../../src/domain/intake";
import { langOf } from "../../src/domain/layout";
import { sampleCustomer } from "../../src/domain/sample";
import { register } from "../../src/domain/schema/sheets";
import { dupIndex } from "../../src/domain/validate/duplicates";
import { adopt, envOf, seedStaff } from "./fixtures";
import { entryFor, now, staffOf, world, type People } from "./integrity/world";
import { difference } from "./support/same-book";

const REGISTER = "客户原簿";
const INDEX_HEADER = "查重索引";

/** Filing as before issue 15: the journal's sheets read whole. */
const fileWhole = (env: ExcelEnv, entry: Record<string, string>, person: string) =>
  guarded(() =>
    journalPlanApply(env, undefined, { finished: [] as string[] }, ({ snapshot, settings, trust }) =>
      planIntake(snapshot, settings, trust, entry, person, now, langOf(env.displayLanguage)),
    ),
  );

const readBytes = (host: MemoryExcelHost) => host.syncLog.reduce((sum, s) => sum + s.responseBytes, 0);

/** A Register cell, by header. */
const cellOf = (host: MemoryExcelHost, row: number, header: string) => {
  const values = host.sheet(REGISTER).values;
  return values[row - 1]![values[0]!.indexOf(header)];
};
/** Types a value into a Register cell, by header, as a person would. */
const typeInto = (host: MemoryExcelHost, row: number, header: string, value: string) => {
  const col = host.sheet(REGISTER).values[0]!.indexOf(header);
  host.seedSheet(REGISTER, [[value]], { at: `${columnLetter(col)}${row}`, raw: true });
};

/** The Register row of a customer (Excel's row number). */
const rowOf = (host: MemoryExcelHost, id: string) =>
  host.sheet(REGISTER).values.findIndex((r) => r[0] === id) + 1;

describe("filing searches the Register's duplicate index (issue 15)", function () {
  this.timeout(240_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });

  /** Files `entry` both ways; the same refusals and writes. The whole read's problems. */
  const bothWays = async (from: MemoryExcelHost, entry: Record<string, string>, what: string) => {
    const whole = from.clone();
    const partial = from.clone();
    const a = await fileWhole(envOf(whole), entry, "王建国");
    const b = await fileRequest(envOf(partial), entry, "王建国", now);
    assert.ok(a.ok && b.ok, `${what}: ${JSON.stringify([a, b])}`);
    assert.deepEqual(b.problems, a.problems, what);
    assert.equal(b.requestNo, a.requestNo, what);
    assert.equal(difference(partial, whole), "", what);
    return { problems: a.problems, partial };
  };

  const twinOf = (i: number) => {
    const c = entryFor(i);
    return { ...entryFor(200), uscc: c.uscc!, name: c.name!, phone: c.phone! };
  };

  it("refuses a Register customer's twin by credit code, name or phone, written another way, as a whole read does", async () => {
    const c = twinOf(1); // C000002, row 3
    const other = entryFor(200);
    const cases: [string, Record<string, string>, string][] = [
      ["the credit code in lower case", { ...other, uscc: c.uscc.toLowerCase() }, "duplicate.uscc"],
      [
        "the name with another suffix and a space",
        { ...other, name: c.name.replace(/(股份)?有限(责任)?公司$/, " 股份有限公司") },
        "duplicate.name",
      ],
      ["the phone in brackets", { ...other, phone: c.phone.replace(/^(\d+)-/, "($1)") }, "duplicate.phone"],
    ];
    for (const [what, entry, rule] of cases) {
      const { problems } = await bothWays(base, entry, what);
      assert.ok(
        problems.some((p) => p.rule === rule && p.detail?.otherRow === rowOf(base, "C000002")),
        `${what}: ${JSON.stringify(problems)}`,
      );
    }
    const { problems } = await bothWays(base, other, "a new company");
    assert.deepEqual(problems, []);
    // A name too long to ask Excel about: refused for its length, as a whole read refuses it.
    const long = await bothWays(base, { ...other, name: "甲".repeat(300) }, "a name of 300 characters");
    assert.ok(
      long.problems.some((p) => p.rule === "tooLong" && p.column === "name"),
      JSON.stringify(long.problems),
    );
  });

  it("finds a customer's row typed onto the Register by hand, with no index, as a whole read does", async () => {
    const typed = base.clone();
    const row = typed.sheet(REGISTER).values.length + 1;
    const cells = sampleCustomer(300, "zh");
    cells[register.columns.findIndex((c) => c.key === "dupKeys")] = "";
    typed.seedSheet(REGISTER, [cells], { at: `A${row}`, raw: true });
    const c = entryFor(300);
    const { problems } = await bothWays(typed, { ...entryFor(201), name: c.name! }, "its name");
    assert.ok(
      problems.some((p) => p.rule === "duplicate.name" && p.detail?.otherRow === row),
      JSON.stringify(problems),
    );
  });

  it("on a Register set up before the index, reads the three columns and refuses the same twins", async () => {
    const old = base.clone();
    const values = old.sheet(REGISTER).values;
    const col = values[0]!.indexOf(INDEX_HEADER);
    assert.ok(col > 0);
    old.seedSheet(
      REGISTER,
      values.map(() => [""]),
      { at: `${columnLetter(col)}1`, raw: true },
    );
    for (const [key, rule] of [
      ["name", "duplicate.name"],
      ["uscc", "duplicate.uscc"],
      ["phone", "duplicate.phone"],
    ] as const) {
      const { problems } = await bothWays(
        old,
        { ...entryFor(200), [key]: twinOf(4)[key] },
        `a twin by ${key}`,
      );
      assert.ok(
        problems.some((p) => p.rule === rule),
        `${key}: ${JSON.stringify(problems)}`,
      );
    }
    const fresh = await bothWays(old, entryFor(200), "a new company");
    assert.deepEqual(fresh.problems, []);
  });

  it("an index typed over hides its row from filing; Validate says so, and set-up makes it true again", async () => {
    const typed = base.clone();
    const row = rowOf(typed, "C000002");
    typeInto(typed, row, INDEX_HEADER, "|N:别的公司|");
    const twin = { ...entryFor(200), name: entryFor(1).name! };
    // What the index is relied on for, shown: the whole read refuses, filing does not.
    const whole = typed.clone();
    const a = await fileWhole(envOf(whole), twin, "王建国");
    assert.ok(a.ok && a.problems.some((p) => p.rule === "duplicate.name"));
    const missed = typed.clone();
    const b = await fileRequest(envOf(missed), twin, "王建国", now);
    assert.ok(b.ok && b.problems.length === 0, JSON.stringify(b));
    const checked = await validateWorkbook(envOf(typed), now.date, people.admin.fp);
    assert.ok(checked.ok);
    const stale = checked.problems.filter((p) => p.rule === "dupIndex.stale");
    assert.deepEqual(
      stale.map((p) => [p.sheet, p.row, p.column]),
      [["register", row, "dupKeys"]],
    );
    const set = await setUpWorkbook(envOf(typed));
    assert.ok(set.ok, JSON.stringify(set));
    assert.equal(
      cellOf(typed, row, INDEX_HEADER),
      dupIndex(...(["uscc", "name", "phone"].map((k) => String(entryFor(1)[k])) as [string, string, string])),
    );
    const again = await validateWorkbook(envOf(typed), now.date, people.admin.fp);
    assert.ok(again.ok && !again.problems.some((p) => p.rule === "dupIndex.stale"));
    const { problems } = await bothWays(typed, twin, "after set-up");
    assert.ok(
      problems.some((p) => p.rule === "duplicate.name"),
      JSON.stringify(problems),
    );
  });

  it("a correction moves the row's index with its cells: the new name is a twin, the old one no longer", async () => {
    const corrected = base.clone();
    const old = entryFor(5).name!;
    const r = await correctCustomer(
      envOf(corrected),
      "C000006",
      { name: "新星贸易有限公司" },
      "更名",
      "陈会计",
      now,
    );
    assert.ok(r.ok && r.problems.length === 0, JSON.stringify(r));
    const renamed = await bothWays(
      corrected,
      { ...entryFor(200), name: "新星贸易股份有限公司" },
      "the new name",
    );
    assert.ok(
      renamed.problems.some((p) => p.rule === "duplicate.name"),
      JSON.stringify(renamed.problems),
    );
    const freed = await bothWays(corrected, { ...entryFor(200), name: old }, "the old name");
    assert.deepEqual(freed.problems, []);
    // And a credit code corrected: the new one is a twin.
    const code = entryFor(250).uscc!;
    const r2 = await correctCustomer(envOf(corrected), "C000006", { uscc: code }, "更正", "陈会计", now);
    assert.ok(r2.ok && r2.problems.length === 0, JSON.stringify(r2));
    const recoded = await bothWays(corrected, { ...entryFor(200), uscc: code }, "the new credit code");
    assert.ok(
      recoded.problems.some((p) => p.rule === "duplicate.uscc"),
      JSON.stringify(recoded.problems),
    );
  });

  it("a correction cut after any operation leaves, once finished by the next action, an index that says what the row does", async () => {
    const dry = base.clone();
    dry.resetCounters();
    const change = { name: "新星贸易有限公司", phone: "0571-87654321" };
    assert.ok((await correctCustomer(envOf(dry), "C000006", change, "更名", "陈会计", now)).ok);
    // Each sync that writes, stopped after each of its operations.
    const points = dry.syncLog.flatMap((s, i) =>
      s.writes === 0 ? [] : Array.from({ length: s.operations }, (_, n) => ({ k: i + 1, n })),
    );
    let cuts = 0;
    for (const { k, n } of points) {
      {
        const cut = base.clone();
        cut.resetCounters();
        cut.failAtSync(k, { operations: n });
        await correctCustomer(envOf(cut), "C000006", change, "更名", "陈会计", now);
        cuts++;
        // Any next action finishes what was cut off (filing reads everything for it).
        const next = await fileRequest(envOf(cut), entryFor(200), "王建国", now);
        assert.ok(next.ok, JSON.stringify(next));
        const checked = await validateWorkbook(envOf(cut), now.date, people.admin.fp);
        assert.ok(checked.ok);
        assert.deepEqual(
          checked.problems.filter((p) => p.rule === "dupIndex.stale"),
          [],
          `cut at sync ${k}, operation ${n}`,
        );
      }
    }
    assert.ok(cuts > 3, `${cuts} cuts`);
  });

  it("a register kept by hand gets its index when it is adopted", async () => {
    const host = await bookOfUnindexed(people);
    const checked = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(checked.ok);
    assert.deepEqual(
      checked.problems.filter((p) => p.rule === "dupIndex.stale"),
      [],
    );
    const row = rowOf(host, "C000004");
    assert.equal(
      cellOf(host, row, INDEX_HEADER),
      dupIndex(...(["uscc", "name", "phone"].map((k) => String(entryFor(3)[k])) as [string, string, string])),
    );
  });

  it("reads a small part of what the Register's three columns weigh, on a register of 3,000 customers", async () => {
    const host = await bookOfUnindexed(people, 3000);
    const indexed = host.clone();
    const old = host.clone();
    const values = old.sheet(REGISTER).values;
    const col = values[0]!.indexOf(INDEX_HEADER);
    old.seedSheet(
      REGISTER,
      values.map(() => [""]),
      { at: `${columnLetter(col)}1`, raw: true },
    );
    indexed.resetCounters();
    old.resetCounters();
    const a = await fileRequest(envOf(indexed), entryFor(5000), "王建国", now);
    const b = await fileRequest(envOf(old), entryFor(5000), "王建国", now);
    assert.ok(a.ok && b.ok && a.problems.length === 0 && b.problems.length === 0);
    assert.ok(
      readBytes(indexed) * 4 < readBytes(old),
      `${readBytes(indexed)} with the index, ${readBytes(old)} without`,
    );
    assert.ok(indexed.syncs <= old.syncs, `${indexed.syncs} syncs with the index, ${old.syncs} without`);
  });
});

/** Excel's letters of a 0-based column. */
function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A register kept by hand (no index), set up and adopted as the pane's first set-up does. */
async function bookOfUnindexed(people: People, rows = 12): Promise<MemoryExcelHost> {
  const { MemoryExcelHost } = await import("../../src/host/memory-host");
  const { sampleRegister } = await import("../../src/domain/sample");
  const host = new MemoryExcelHost({ platform: "web" });
  await setUpWorkbook(envOf(host));
  seedStaff(host, people.entries);
  const at = register.columns.findIndex((c) => c.key === "dupKeys");
  const data = sampleRegister(rows, "zh").map((r) => r.map((cell, i) => (i === at ? "" : cell)));
  host.seedSheet(REGISTER, data, { at: "A2", raw: true });
  await adopt(host);
  host.resetCounters();
  return host;
}
