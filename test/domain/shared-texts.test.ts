/**
 * The workbook sent to the pane's Validate worker once per long text (issue 15): what the
 * worker puts back is the workbook as read, cell for cell; the pane's own snapshot is as
 * it was once the message is written; and a text standing in three sheets is written into
 * the message once, not three times.
 */
import assert from "node:assert/strict";
import { serialize } from "node:v8";
import fc from "fast-check";
import { SHARED_FROM, shareTexts, unshareTexts } from "../../src/domain/shared-texts";
import { postCheck } from "../../src/taskpane/check-message";
import type { CheckRequest } from "../../src/taskpane/validate-worker";
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

  it("postCheck sends a workbook read whole with its shared texts, a patch as it is, and leaves the read as it was", () => {
    const long = `总经理 李四 批准 ${end}`;
    const snapshot = snapshotOf({ 客户原簿: [[long], [long]], 变更记录: [[long]] });
    const before = structuredClone(snapshot);
    const input = { snapshot, today: "2026-11-25", seenHeads: [], now: "2026-11-25T09:00" };
    const sent: CheckRequest[] = [];
    postCheck((request) => sent.push(structuredClone(request)), input);
    const [request] = sent;
    assert.ok(request?.kind === "check" && request.shared && request.input.snapshot);
    assert.deepEqual(
      request.input.snapshot.sheets["客户原簿"]!.values,
      [[""], [""]],
      "blanked in the message",
    );
    assert.deepEqual(received({ snapshot: request.input.snapshot, shared: request.shared }), before);
    assert.deepEqual(snapshot, before);
    const patch = {
      base: "1",
      changes: { sheetNames: ["客户原簿"], states: {}, sheets: { 客户原簿: "kept" as const } },
    };
    postCheck((request) => sent.push(request), { ...input, snapshot: undefined, patch });
    assert.deepEqual(sent[1], { kind: "check", input: { ...input, snapshot: undefined, patch } });
  });

  it("a message for a cell the workbook does not hold is refused, not put somewhere else", () => {
    const snapshot = snapshotOf({ 客户原簿: [["a"]] });
    assert.throws(
      () => unshareTexts(snapshot, { sheets: ["客户原簿"], texts: ["t"], cells: Int32Array.of(0, 5, 0, 0) }),
      /shared text for a cell the message does not hold/,
    );
  });
});
