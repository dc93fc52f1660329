/**
 * The workbook sent to the pane's Validate worker once per long text (issue 15): what the
 * worker puts back is the workbook as read, cell for cell; the pane's own snapshot is never
 * changed, not even while a message is written; a text standing in three sheets is written
 * into the messages once, not three times; the texts are found block by block, as the
 * messages go, not in one sweep before the first; and a workbook read whole goes in
 * messages of rows, put together again in the worker (taskpane/check-message.ts).
 */
import { DIGEST_BLOCK_ROWS } from "../../src/domain/stamps-beside";
import assert from "node:assert/strict";
import { serialize } from "node:v8";
import fc from "fast-check";
import { SHARED_FROM, TextsArriving, TextsSent } from "../../src/domain/shared-texts";
import {
  ArrivingChecks,
  ROWS_A_MESSAGE,
  sendCheck,
  Yielding,
  type CheckRequest,
} from "../../src/taskpane/check-message";
import type { Cell, Snapshot } from "../../src/domain/workbook";

const snapshotOf = (sheets: Record<string, Cell[][]>): Snapshot => ({
  sheetNames: Object.keys(sheets),
  sheets: Object.fromEntries(Object.entries(sheets).map(([name, values]) => [name, { name, values }])),
});

type Block = ReturnType<TextsSent["block"]> & { sheet: string; from: number };

/** Each sheet in blocks of `size` rows, as postMessage copies them; the pane's read compared with `before` as each is written. */
function sentInBlocks(grids: Record<string, Cell[][]>, size: number, before?: unknown): Block[] {
  const texts = new TextsSent();
  const blocks: Block[] = [];
  for (const [sheet, values] of Object.entries(grids))
    for (let from = 0; from < values.length; from += size) {
      blocks.push(structuredClone({ sheet, from, ...texts.block(sheet, values, from, from + size) }));
      if (before) assert.deepEqual(grids, before, "the pane's read while the messages are written");
    }
  return blocks;
}

/** The worker's side: the blocks put together, their texts put back. */
function arrivedFrom(blocks: Block[], names: string[] = []): Record<string, Cell[][]> {
  const worker = new TextsArriving();
  // A sheet without rows sends no block.
  const sheets: Record<string, Cell[][]> = Object.fromEntries(names.map((name) => [name, []]));
  for (const { sheet, rows, texts } of blocks) {
    const values = (sheets[sheet] ??= []);
    values.push(...rows);
    worker.arrived(sheet, values, rows, texts);
  }
  return sheets;
}

/** The texts sent once, over all blocks. */
const sentOnce = (blocks: Block[]) => blocks.reduce((n, b) => n + (b.texts?.first.length ?? 0) / 3, 0);

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
  it("the worker gets the workbook as read, cell for cell, in blocks of any size, and the pane's read is never changed", () => {
    fc.assert(
      fc.property(sheets, fc.integer({ min: 1, max: 5 }), (drawn, size) => {
        const grids = { ...drawn };
        const before = structuredClone(grids);
        const blocks = sentInBlocks(grids, size, before);
        assert.deepEqual(arrivedFrom(blocks, Object.keys(before)), before, "what the worker checks");
        assert.deepEqual(grids, before, "the pane's own read");
      }),
      { numRuns: 500 },
    );
  });

  it("a Stamps cell on the request, the Register row and the log is written into the messages once", () => {
    const stamps = (i: number) => `部门主管 王小明 2026-11-20 10:20 批准 ⟦${"QUJD".repeat(120)}${i}⟧`;
    const rows = 200;
    const grids = {
      客户原簿: Array.from({ length: rows }, (_, i) => [`C${i}`, stamps(i)]),
      交易开始调查书: Array.from({ length: rows }, (_, i) => [`R${i}`, stamps(i)]),
      变更记录: Array.from({ length: rows }, (_, i) => ["post", stamps(i)]),
    };
    const whole = serialize(grids).length;
    const blocks = sentInBlocks(grids, 50);
    const sent = blocks.reduce((n, b) => n + serialize(b).length, 0);
    const one = serialize(stamps(0)).length;
    assert.equal(sentOnce(blocks), rows, "each customer's text once");
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
      (request) => {
        sent.push(structuredClone(request));
        assert.deepEqual(snapshot, before, "the pane's own read, while the messages are written");
      },
      input,
      async () => void pauses++,
    );
    assert.deepEqual(
      sent.map((m) => (m.kind === "rows" ? `${m.sheet}:${m.rows.length}` : m.kind)),
      ["客户原簿:1000", "客户原簿:1000", "客户原簿:500", "变更记录:10", "check", "chain"],
    );
    assert.equal(
      pauses,
      5 + Math.ceil((rows - 1) / DIGEST_BLOCK_ROWS),
      "the pane's thread let go after each message of rows, after the log's chain and after each block of the Register's digests",
    );
    assert.deepEqual(
      sent.map((m) => (m.kind === "rows" ? (m.texts?.first.length ?? 0) / 3 : 0)),
      [7, 0, 0, 0, 0, 0],
      "the seven texts sent once, in the first message; the rest of their cells blank",
    );
    const worker = new ArrivingChecks();
    const got = sent.map((m) => worker.take(m as Exclude<CheckRequest, { kind: "forget" }>));
    assert.deepEqual(got.slice(0, -2).concat(got.at(-1)), [
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    assert.deepEqual(got.at(-2), { ...input, snapshot: before }, "the check, its workbook whole");
    // One finding for each of the log's records: its nine rows below the header (its first
    // row here), but the one that repeats the header (long(7) is long(0)), which is no record.
    const chain = sent.at(-1) as Extract<CheckRequest, { kind: "chain" }>;
    assert.equal(chain.found?.length, 8);
    assert.equal((await worker.chainFor(chain.check))?.length, 8, "the worker's check gets them");
  });

  it("the texts are looked for block by block: the thread is let go before the last rows are looked at", async () => {
    const long = (i: number) => `部门主管 王小明 批准 ${end}${i % 7}`;
    const values: Cell[][] = Array.from({ length: 3 * ROWS_A_MESSAGE }, (_, i) => [`C${i}`, long(i)]);
    let pauses = 0;
    let lookedAtAfter: number | undefined;
    // The last row's long cell tells when it is first looked at.
    const last = values.at(-1)!;
    const text = last[1];
    Object.defineProperty(last, 1, {
      get: () => {
        lookedAtAfter ??= pauses;
        return text;
      },
      enumerable: true,
    });
    const input = {
      snapshot: snapshotOf({ 客户原簿: values }),
      today: "2026-11-25",
      seenHeads: [],
      now: "x",
    };
    await sendCheck(
      () => {},
      input,
      async () => void pauses++,
    );
    assert.equal(lookedAtAfter, 2, "looked at with its own block, after the thread was let go twice");
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
      (m) => (last = give(m) ?? last),
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
    // The chain is always told, or the worker's check would wait for it: none without a log.
    assert.equal(posted, 5, "three messages of rows, the check and its chain");
    assert.ok(
      clickAnsweredAfter !== undefined && clickAnsweredAfter < 4,
      `answered after ${clickAnsweredAfter} messages`,
    );
  });

  it("the bench is told how long each hold of the pane's thread lasted, and when it was last let go", async () => {
    const holds: number[] = [];
    const yielding = new Yielding((ms) => holds.push(ms));
    try {
      const since = yielding.lastLetGo;
      while (performance.now() < since + 25);
      await yielding.letGo();
      const after = performance.now();
      assert.equal(holds.length, 1, "one hold told");
      assert.ok(holds[0]! >= 25 && holds[0]! <= after - since, `held ${holds[0]} ms`);
      assert.ok(yielding.lastLetGo >= since + 25 && yielding.lastLetGo <= after, "given back after the hold");
    } finally {
      yielding.close();
    }
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
    const grids = { 客户原簿: [...alike, ...alike].map((t) => [t]) };
    const before = structuredClone(grids);
    const blocks = sentInBlocks(grids, 7);
    assert.equal(sentOnce(blocks), 8, "a few kept under one end, not a list searched for each");
    const blanked = blocks.flatMap((b) => b.rows.map((r, i) => (r[0] === "" ? b.from + i : -1)));
    assert.deepEqual(
      blanked.filter((r) => r >= 0),
      [20, 21, 22, 23, 24, 25, 26, 27],
      "the second cells of the first eight go blank, no others",
    );
    assert.deepEqual(arrivedFrom(blocks), before);
  });

  it("a text of 64 characters or more is sent once, its first cell as it is; a shorter one as it stands", () => {
    const long = "甲".repeat(SHARED_FROM);
    const short = "乙".repeat(SHARED_FROM - 1);
    const values: Cell[][] = [
      [long, short],
      [long, short],
    ];
    const [block] = sentInBlocks({ 客户原簿: values }, 2);
    assert.deepEqual(
      block!.rows,
      [
        [long, short],
        ["", short],
      ],
      "the second long cell blank in the message",
    );
    assert.deepEqual([...block!.texts!.first], [0, 0, 0], "put back from where it stood first");
    assert.deepEqual([...block!.texts!.cells], [1, 0, 0]);
    assert.deepEqual(values[1], [long, short], "the pane's row as read");
  });

  it("a text met again in a later sheet is put back from the sheet it stood on first", () => {
    const long = `部门主管 王小明 批准 ${end}`;
    const grids = {
      客户原簿: [["a"], ["b", long]],
      变更记录: [
        ["post", long],
        ["post", long],
      ],
    };
    const blocks = sentInBlocks(grids, 1);
    assert.deepEqual(
      blocks.map((b) => [b.sheet, b.rows, b.texts && [...b.texts.first], b.texts && [...b.texts.cells]]),
      [
        ["客户原簿", [["a"]], undefined, undefined],
        ["客户原簿", [["b", long]], undefined, undefined],
        ["变更记录", [["post", ""]], [0, 1, 1], [0, 1, 0]],
        ["变更记录", [["post", ""]], [], [0, 1, 0]],
      ],
    );
    assert.deepEqual(arrivedFrom(blocks), grids);
  });

  it("a text from a cell the worker does not hold, or for a cell the message does not hold, is refused", () => {
    const long = "甲".repeat(SHARED_FROM);
    const worker = () => {
      const w = new TextsArriving();
      const rows = [[long], ["x"]];
      w.arrived("客户原簿", rows, rows, undefined);
      return w;
    };
    const put = (first: number[], cells: number[]) => {
      const rows: Cell[][] = [[""]];
      worker().arrived("变更记录", rows, rows, {
        first: Int32Array.from(first),
        cells: Int32Array.from(cells),
      });
      return rows;
    };
    assert.deepEqual(put([0, 0, 0], [0, 0, 0]), [[long]], "as sent");
    assert.throws(
      () => put([0, 5, 0], [0, 0, 0]),
      /shared text from a cell the worker does not hold \(0,5,0\)/,
      "no such row, named",
    );
    assert.throws(() => put([2, 0, 0], [0, 0, 0]), /does not hold/, "no such sheet");
    assert.throws(() => put([0, 1, 0], [0, 0, 0]), /does not hold/, "a short text is never sent once");
    assert.throws(
      () => put([0, 0, 0], [3, 0, 0]),
      /shared text for a cell the message does not hold \(变更记录\)/,
    );
    assert.throws(() => put([0, 0, 0], [0, 0, 1]), /for a cell the message does not hold/, "no such text");
  });
});
