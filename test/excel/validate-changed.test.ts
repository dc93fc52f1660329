/**
 * Validate again reads only what changed (issue 15): while the pane watches
 * worksheets.onChanged, a later Validate reads the rows changed since the last one and puts
 * them over that read. What it checks must be the workbook as it stands — the same values,
 * cell for cell, as a whole read, and the same findings — whatever was typed, pasted,
 * deleted or inserted, and whatever the add-in wrote with its events still on their way.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { checkInput } from "../../src/domain/workbook-check";
import { bookOf } from "./fixtures";
import { logSegmentNames, segmentRows, setSegmentRows } from "../../src/domain/log-segments";
import { keepingChecker, located, watched, wholeRead } from "./validate-support";
import { actions, now, staffOf, world, type People } from "./integrity/world";

describe("Validate again reads only what changed since the last Validate (issue 15)", function () {
  this.timeout(600_000);
  let people: People;
  let prepared: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    prepared = await world(people);
  });

  it("one cell typed: the second Validate reads that row, says so, and finds what a whole read finds", async () => {
    const host = await bookOf(2000, people);
    const env = await watched(host);
    const first = await validateWorkbook(env, now.date, people.admin.fp, [], now.time);
    assert.ok(first.ok);
    assert.equal(first.read.since, undefined, "the pane's first Validate reads everything");
    const wholeBytes = host.syncLog.reduce((n, s) => n + s.responseBytes, 0);
    // The person types a phone number Validate refuses into the 1,500th customer's row.
    const phone = Object.values(host.sheet("客户原簿").values[0]!).indexOf("电话");
    host.seedSheet("客户原簿", [["12"]], { at: `${letter(phone)}1501`, raw: true });
    await host.eventsDelivered();
    host.resetCounters();
    const again = await validateWorkbook(env, now.date, people.admin.fp, [], now.time);
    assert.ok(again.ok);
    const bytes = host.syncLog.reduce((n, s) => n + s.responseBytes, 0);
    assert.equal(again.read.since, `${now.date}T${now.time}`);
    assert.equal(again.read.rows, 1, "one row read again");
    assert.ok(bytes < 20_000, `read ${bytes} bytes again (the whole read was ${wholeBytes})`);
    assert.ok(host.syncs <= 3, `${host.syncs} syncs`);
    const whole = await checkInput({
      snapshot: await wholeRead(host),
      today: now.date,
      seenHeads: [],
      now: `${now.date}T${now.time}`,
      pinnedAdmin: people.admin.fp,
    });
    assert.deepEqual(located(again.problems), located(whole.problems));
    assert.ok(
      again.problems.some((p) => p.sheetName === "客户原簿" && p.row === 1501),
      "the typed cell is found",
    );
  });

  it("a Validate cut while reading what changed keeps nothing: the next one reads everything, the edit included", async () => {
    const host = prepared.clone();
    const env = await watched(host);
    assert.ok((await validateWorkbook(env, now.date, people.admin.fp, [], now.time)).ok);
    const phone = host.sheet("客户原簿").values[0]!.indexOf("电话");
    host.seedSheet("客户原簿", [["12"]], { at: `${letter(phone)}3`, raw: true });
    await host.eventsDelivered();
    // The second sync reads the changed rows: it fails.
    host.failAtSync(2);
    const cut = await validateWorkbook(env, now.date, people.admin.fp, [], now.time);
    assert.equal(cut.ok, false);
    const next = await validateWorkbook(env, now.date, people.admin.fp, [], now.time);
    assert.ok(next.ok);
    assert.equal(next.read.since, undefined, "read whole");
    assert.ok(next.problems.some((p) => p.sheetName === "客户原簿" && p.row === 3 && p.column === "phone"));
  });

  it("'check everything' reads everything again", async () => {
    const host = prepared.clone();
    const env = await watched(host);
    assert.ok((await validateWorkbook(env, now.date, people.admin.fp, [], now.time)).ok);
    const again = await validateWorkbook(env, now.date, people.admin.fp, [], now.time, { everything: true });
    assert.ok(again.ok);
    assert.equal(again.read.since, undefined);
  });

  it("any sequence of edits, pastes, deletions, insertions and the add-in's own acts: what is checked is the workbook as it stands", () =>
    anySequence(() => prepared.clone(), ["客户原簿", "交易开始调查书", "变更记录", "人员", "联系记录"]));

  it("the same with the Change log on sheets of 8 rows: the edits on any of them, the acts opening more", async () => {
    const was = segmentRows();
    setSegmentRows(8);
    try {
      const split = await inSegments(prepared, 8);
      const names = logSegmentNames(split.sheetNames());
      assert.ok(names.length >= 4, names.join());
      await anySequence(
        () => split.clone(),
        ["客户原簿", "交易开始调查书", ...names.slice(0, 2), names.at(-1)!],
        8,
      );
    } finally {
      setSegmentRows(was);
    }
  });

  it("with the log on several sheets, a cell typed on one of them is read again alone and named on that sheet; an act's rows on the last, alone too", async () => {
    const was = segmentRows();
    setSegmentRows(8);
    try {
      const host = await inSegments(prepared, 8);
      const names = logSegmentNames(host.sheetNames());
      const env = await watched(host);
      const first = await validateWorkbook(env, now.date, people.admin.fp, [], now.time);
      assert.ok(first.ok && first.read.since === undefined);
      const before = new Set(located(first.problems));
      // Someone types over a row's action on the third sheet (its 4th row).
      host.seedSheet(names[2]!, [["改过"]], { at: "C4", raw: true });
      await host.eventsDelivered();
      host.resetCounters();
      const again = await validateWorkbook(env, now.date, people.admin.fp, [], now.time);
      assert.ok(again.ok);
      assert.equal(again.read.since, `${now.date}T${now.time}`, "read only what changed");
      assert.equal(again.read.rows, 1, "one row read again");
      const fresh = located(again.problems).filter((p) => !before.has(p));
      // (What the row said is gone from the log too: a stamp it logged may be named unlogged.)
      assert.ok(
        fresh.some((p) => p.startsWith(`${names[2]}!`) && p.includes("log.")),
        fresh.join("\n"),
      );
      // An act's rows go on the last sheet (room made for them): those rows read again alone.
      const act = async (name: string, size: number) => {
        setSegmentRows(size);
        const result = await actions.find((a) => a.name === name)!.run(host, people, env);
        assert.ok(result.ok, JSON.stringify(result).slice(0, 300));
        await host.eventsDelivered();
        return validateWorkbook(env, now.date, people.admin.fp, [], now.time);
      };
      const appended = await act("correct", 100);
      assert.ok(appended.ok);
      assert.equal(logSegmentNames(host.sheetNames()).length, names.length, "no sheet added");
      assert.equal(appended.read.since, `${now.date}T${now.time}`, "read only what changed");
      assert.ok(appended.read.rows < 20, `${appended.read.rows} rows read again`);
      // An act that opens a sheet: the log is read whole.
      const after = await act("review", 3);
      assert.ok(after.ok);
      assert.ok(logSegmentNames(host.sheetNames()).length > names.length, "a sheet added");
      assert.equal(after.read.since, undefined, "a sheet added: read whole");
      const whole = await checkInput({
        snapshot: await wholeRead(host),
        today: now.date,
        seenHeads: [],
        now: `${now.date}T${now.time}`,
        pinnedAdmin: people.admin.fp,
      });
      assert.deepEqual(located(after.problems), located(whole.problems));
    } finally {
      setSegmentRows(was);
    }
  });

  async function anySequence(start: () => MemoryExcelHost, sheets: string[], runs?: number) {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant("type" as const),
        sheet: fc.constantFrom(...sheets),
        row: fc.nat(40),
        col: fc.nat(40),
        value: fc.constantFrom("", "x", "C000001", "13800000000", "已批准"),
      }),
      fc.record({ kind: fc.constant("paste" as const), sheet: fc.constantFrom(...sheets), from: fc.nat(30) }),
      fc.record({
        kind: fc.constantFrom("delete" as const, "insert" as const),
        sheet: fc.constantFrom(...sheets),
        row: fc.integer({ min: 1, max: 30 }),
      }),
      fc.record({ kind: fc.constant("act" as const), pick: fc.nat(actions.length - 1), held: fc.boolean() }),
      fc.constant({ kind: "validate" as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const host = start();
        const env = await watched(host);
        const { check, seen } = keepingChecker();
        const validate = async () => {
          const r = await validateWorkbook(env, now.date, people.admin.fp, [], now.time, { check });
          assert.ok(r.ok, JSON.stringify(r));
          host.releaseEvents();
          await host.eventsDelivered();
          const whole = await wholeRead(host);
          assert.deepEqual(seen.snapshot!.sheetNames, whole.sheetNames);
          assert.deepEqual(seen.snapshot!.logSegments, whole.logSegments, "where the log's rows stand");
          for (const [name, sheet] of Object.entries(whole.sheets))
            assert.deepEqual(seen.snapshot!.sheets[name]?.values, sheet!.values, `${name} as it stands`);
          const fresh = await checkInput({
            snapshot: whole,
            today: now.date,
            seenHeads: [],
            now: `${now.date}T${now.time}`,
            pinnedAdmin: people.admin.fp,
          });
          assert.deepEqual(located(r.problems), located(fresh.problems));
        };
        await validate();
        for (const s of [...steps, { kind: "validate" as const }]) {
          if (s.kind === "validate") await validate();
          else if (s.kind === "act") {
            // The add-in's own writes are marked as sent: right even while their events are
            // late — still on their way when Validate is clicked right after the act.
            if (s.held) host.holdEvents();
            await actions[s.pick]!.run(host, people, env);
            if (s.held) await validate();
          } else {
            const values = host.sheet(s.sheet).values;
            if (s.kind === "type")
              host.seedSheet(s.sheet, [[s.value]], { at: `${letter(s.col)}${s.row + 1}`, raw: true });
            else if (s.kind === "paste") {
              const row = values[1 + (s.from % Math.max(1, values.length - 1))];
              if (row) host.seedSheet(s.sheet, [row], { at: `A${values.length + 1}`, raw: true });
            } else
              await host.run(async (context) => {
                const range = context.workbook.worksheets
                  .getItem(s.sheet)
                  .getRange(`${s.row + 1}:${s.row + 1}`);
                if (s.kind === "delete") range.delete("Up");
                else range.insert("Down");
                await context.sync();
              });
            // The person's edits are heard before their next click.
            await host.eventsDelivered();
          }
        }
      }),
      { numRuns: Number(process.env.VALIDATE_AGAIN_RUNS ?? runs ?? 12), endOnFailure: true },
    );
  }
});

/**
 * A copy of a book whose Change log is put on sheets of `size` rows, as the add-in would
 * have written it (变更记录 2, 3 …, each with the header, standing as the first does).
 */
async function inSegments(from: MemoryExcelHost, size: number): Promise<MemoryExcelHost> {
  const host = from.clone();
  const LOG = "变更记录";
  const [header, ...rows] = host.sheet(LOG).values;
  const first = host.sheet(LOG);
  const chunks: (typeof rows)[] = [];
  for (let r = size - 1; r < rows.length; r += size - 1) chunks.push(rows.slice(r, r + size - 1));
  // The first sheet keeps its first rows; the rest go, chunk by chunk, on sheets of their own.
  host.seedSheet(
    LOG,
    rows.slice(size - 1).map((row) => row.map(() => "")),
    { at: `A${size + 1}`, raw: true },
  );
  chunks.forEach((chunk, k) => host.seedSheet(`${LOG} ${k + 2}`, [header!, ...chunk], { raw: true }));
  await host.run(async (context) => {
    for (let k = 0; k < chunks.length; k++) {
      const sheet = context.workbook.worksheets.getItem(`${LOG} ${k + 2}`);
      sheet.visibility = first.visibility as Excel.SheetVisibility;
      if (first.isProtected) sheet.protection.protect();
    }
    await context.sync();
  });
  return host;
}

function letter(col: number): string {
  return col < 26 ? String.fromCharCode(65 + col) : `A${String.fromCharCode(65 + col - 26)}`;
}
