/**
 * The workbook sent to the pane's Validate worker once per long text (issue 15): what the
 * worker puts back is the workbook as read, cell for cell; the pane's own snapshot is as
 * it was once the message is written; a text standing in three sheets is written into
 * the message once, not three times; and a workbook read whole goes in messages of rows,
 * put together again in the worker (taskpane/check-message.ts).
 */
import assert from "node:assert/strict";
import { serialize } from "node:v8";
import fc from "fast-check";
import { SHARED_FROM, shareTexts, unshareTexts } from "../../src/domain/shared-texts";
import {
  ArrivingChecks,
  ROWS_A_MESSAGE,
  sendCheck,
  type CheckRequest,
} from "../../src/taskpane/check-message";
import type { Cell, Snapshot } from "../../src/domain/workbook";

const snapshotOf = (sheets: Record<string, Cell[][]>): Snapshot => ({
  sheetNames: Object.keys(sheets),
  sheets: Object.fromEntries(Object.entries(sheets).map(([name, values]) => [name, { name, values }])),
});

/** The worker's side: the message as postMessage copies it, the shared texts put back. */
function received(message: {
  snapshot: Snapshot;
  shared: ReturnType<typeof shareTexts>["shared"];
}): Snapshot {
  const copy = structuredClone(message);
  unshareTexts(copy.snapshot, copy.shared);
  return copy.snapshot;
}

// Long texts, some the same, two of the same length and end with a different start (a key by
// length and end alone would take one for the other), short ones, numbers and booleans.
const end = "⟦" + "Zm9v".repeat(20) + "⟧";
const cell = fc.oneof(
  fc.constantFrom<Cell>(
    `部门主管 王小明 批准 ${end}`,
    `部门主管 李小四 驳回 ${end}`,
    `${"x".repeat(SHARED_FROM)}`,
    `${"y".repeat(SHARED_FROM - 1)}`,
    "",
  ),
  fc.string({ maxLength: 80 }),
  fc.integer(),
  fc.boolean(),
);
const sheets = fc.dictionary(
  fc.constantFrom("客户原簿", "交易开始调查书", "变更记录", "人员"),
  fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }),
);

describe("shared-texts: the workbook sent to Validate's worker once per long text", () => {
  it("the worker gets the workbook as read, cell for cell, and the pane's snapshot is as it was", () => {
    fc.assert(
      fc.property(sheets, (grids) => {
        const snapshot = snapshotOf(grids);
        const before = structuredClone(snapshot);
        const { shared, restore } = shareTexts(snapshot);
        const got = received({ snapshot, shared });
        restore();
        assert.deepEqual(got, before, "what the worker checks");
        assert.deepEqual(snapshot, before, "the pane's own read, once the message is written");
      }),
      { numRuns: 500 },
    );
  });

  it("a Stamps cell on the request, the Register row and the log is written into the message once", () => {
    const stamps = (i: number) => `部门主管 王小明 2026-11-20 10:20 批准 ⟦${"QUJD".repeat(120)}${i}⟧`;
    const rows = 200;
    const snapshot = snapshotOf({
      客户原簿: Array.from({ length: rows }, (_, i) => [`C${i}`, stamps(i)]),
      交易开始调查书: Array.from({ length: rows }, (_, i) => [`R${i}`, stamps(i)]),
      变更记录: Array.from({ length: rows }, (_, i) => ["post", stamps(i)]),
    });
    const whole = serialize({ snapshot }).length;
    const { shared, restore } = shareTexts(snapshot);
    const sent = serialize({ snapshot, shared }).length;
    restore();
    const one = serialize(stamps(0)).length;
    assert.equal(shared.texts.length, rows, "each customer's text once");
    assert.ok(whole > 3 * rows * one * 0.95, `three copies without sharing (${whole} bytes)`);
    assert.ok(sent < 1.2 * rows * one, `one copy with sharing: ${sent} bytes for ${rows} texts of ${one}`);
  });

  it("a workbook read whole goes in messages of rows, the pane let go between them, and arrives whole", async () => {
    const long = (i: number) => `部门主管 王小明 批准 ${end}${i % 7}`;
    const rows = 2 * ROWS_A_MESSAGE + 500;
    const snapshot = snapshotOf({
      客户原簿: Array.from({ length: rows }, (_, i) => [`C${i}`, long(i), i]),
      变更记录: Array.from({ length: 10 }, (_, i) => ["post", long(i)]),
      人员: [],
    });
    const before = structuredClone(snapshot);
    const input = { snapshot, today: "2026-11-25", seenHeads: [], now: "2026-11-25T09:00" };
    const sent: CheckRequest[] = [];
    let pauses = 0;
    await sendCheck(
      (request) => sent.push(structuredClone(request)),
      input,
      async () => void pauses++,
    );
    assert.deepEqual(
      sent.map((m) => (m.kind === "rows" ? `${m.sheet}:${m.rows.length}` : m.kind)),
      ["客户原簿:1000", "客户原簿:1000", "客户原簿:500", "变更记录:10", "check"],
    );
    assert.equal(pauses, 4, "the pane's thread let go after each message of rows");
    assert.deepEqual(snapshot, before, "the pane's own read, once the last message is written");
    const worker = new ArrivingChecks();
    const got = sent.map((m) => worker.take(m as Exclude<CheckRequest, { kind: "forget" }>));
    assert.deepEqual(got.slice(0, -1), [undefined, undefined, undefined, undefined]);
    assert.deepEqual(got.at(-1), { ...input, snapshot: before }, "the check, its workbook whole");
  });

  it("rows of a check whose sending failed halfway are never joined to the next one's", async () => {
    const snapshot = snapshotOf({
      客户原簿: Array.from({ length: ROWS_A_MESSAGE + 1 }, (_, i) => [`C${i}`]),
    });
    const before = structuredClone(snapshot);
    const input = { snapshot, today: "2026-11-25", seenHeads: [], now: "2026-11-25T09:00" };
    const worker = new ArrivingChecks();
    const give = (m: CheckRequest) =>
      worker.take(structuredClone(m) as Exclude<CheckRequest, { kind: "forget" }>);
    let n = 0;
    await assert.rejects(
      sendCheck(
        (m) => {
          if (++n === 2) throw new Error("DataCloneError");
          give(m);
        },
        input,
        async () => {},
      ),
      /DataCloneError/,
    );
    assert.deepEqual(snapshot, before, "put back after a failed send too");
    let last: unknown;
    await sendCheck(
      (m) => (last = give(m)),
      input,
      async () => {},
    );
    assert.deepEqual(last, { ...input, snapshot: before });
  });

  it("left to itself, it lets the pane's thread go once a frame's time has gone, and holds it no longer", async () => {
    const snapshot = snapshotOf({
      客户原簿: Array.from({ length: 3 * ROWS_A_MESSAGE }, (_, i) => [`C${i}`]),
    });
    const input = { snapshot, today: "2026-11-25", seenHeads: [], now: "2026-11-25T09:00" };
    let posted = 0;
    let clickAnsweredAfter: number | undefined;
    // A click waiting while the messages are written: answered between them, not after the last.
    setTimeout(() => (clickAnsweredAfter = posted), 0);
    await sendCheck((request) => {
      posted++;
      // Writing a message of a large sheet takes a while.
      const until = performance.now() + (request.kind === "rows" ? 20 : 0);
      while (performance.now() < until);
    }, input);
    assert.equal(posted, 4);
    assert.ok(
      clickAnsweredAfter !== undefined && clickAnsweredAfter < 4,
      `answered after ${clickAnsweredAfter} messages`,
    );
  });

  it("a patch (Validate after an edit) goes in one message, as it is", async () => {
    const patch = {
      base: "1",
      changes: { sheetNames: ["客户原簿"], states: {}, sheets: { 客户原簿: "kept" as const } },
    };
    const input = { patch, today: "2026-11-25", seenHeads: [], now: "2026-11-25T09:00" };
    const sent: CheckRequest[] = [];
    await sendCheck((request) => sent.push(request), input);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.kind, "check", "the worker runs it: a check, not rows");
    assert.deepEqual(new ArrivingChecks().take(sent[0] as Exclude<CheckRequest, { kind: "forget" }>), input);
  });

  it("many texts with the same length and end: the first few sent once, the rest as they are, none lost", () => {
    // Twenty different texts, each twice, alike but for their first character.
    const alike = Array.from({ length: 20 }, (_, i) => `${String.fromCharCode(0x4e00 + i)}${end}`);
    const snapshot = snapshotOf({ 客户原簿: [...alike, ...alike].map((t) => [t]) });
    const before = structuredClone(snapshot);
    const { shared, restore } = shareTexts(snapshot);
    assert.deepEqual(
      shared.texts,
      alike.slice(0, 8),
      "a few kept under one end, not a list searched for each",
    );
    assert.deepEqual(received({ snapshot, shared }), before);
    restore();
    assert.deepEqual(snapshot, before);
  });

  it("a text of 64 characters or more is sent once; a shorter one as it stands", () => {
    const long = "甲".repeat(SHARED_FROM);
    const short = "乙".repeat(SHARED_FROM - 1);
    const snapshot = snapshotOf({
      客户原簿: [
        [long, short],
        [long, short],
      ],
    });
    const { shared, restore } = shareTexts(snapshot);
    assert.deepEqual(shared.texts, [long]);
    assert.deepEqual(
      snapshot.sheets["客户原簿"]!.values,
      [
        ["", short],
        ["", short],
      ],
      "blanked while the message is written",
    );
    restore();
    assert.deepEqual(snapshot.sheets["客户原簿"]!.values, [
      [long, short],
      [long, short],
    ]);
  });

  it("a message for a cell the workbook does not hold is refused, not put somewhere else", () => {
    const snapshot = snapshotOf({ 客户原簿: [["a"]] });
    assert.throws(
      () => unshareTexts(snapshot, { sheets: ["客户原簿"], texts: ["t"], cells: Int32Array.of(0, 5, 0, 0) }),
      /shared text for a cell the message does not hold/,
    );
    assert.throws(
      () =>
        unshareTexts(snapshot, {
          sheets: ["客户原簿", "交易过去"],
          texts: ["t"],
          cells: Int32Array.of(1, 0, 0, 0),
        }),
      /shared text for a cell the message does not hold \(交易过去\)/,
      "a sheet the message does not hold",
    );
  });
});
