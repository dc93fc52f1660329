import assert from "node:assert/strict";
import fc from "fast-check";
import { LiveSheet, Workspace } from "../../../src/domain/journal/workspace";
import { readSheet, text } from "../../../src/domain/records";
import { register } from "../../../src/domain/schema/sheets";
import type { Snapshot } from "../../../src/domain/workbook";

// A plan finds a customer's row by ID (`where`) thousands of times in one action (1,000
// review confirmations, 200 terminations); it answers from an index instead of scanning the
// sheet each time. The index must stay exactly what a scan would say while the plan
// appends, edits and deletes rows — here checked against a scan over random sequences.
const header = register.columns.map((c) => c.header.zh);
const idCol = register.columns.findIndex((c) => c.key === "id");
const nameCol = register.columns.findIndex((c) => c.key === "name");
const ids = ["C000001", "C000002", "C000003", "C000004"];

function book(start: string[]): Snapshot {
  const name = register.name.zh;
  const rows = start.map((id, i) => {
    const row = header.map(() => "");
    row[idCol] = id;
    row[nameCol] = `企业${i}`;
    return row;
  });
  return { sheetNames: [name], sheets: { [name]: { name, values: [header, ...rows] } } };
}

const scan = (sheet: LiveSheet, key: string, value: string) =>
  sheet.rows.filter((r) => text(r.values[key]) === value);

type Step =
  | { kind: "append"; id: string }
  | { kind: "set"; at: number; id: string }
  | { kind: "delete"; at: number }
  | { kind: "look"; key: "id" | "name"; value: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("append" as const), id: fc.constantFrom(...ids) }),
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(20), id: fc.constantFrom(...ids) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(20) }),
  fc.record({
    kind: fc.constant("look" as const),
    key: fc.constantFrom("id" as const, "name" as const),
    value: fc.constantFrom(...ids, "企业0", "企业1", "新"),
  }),
);

describe("a plan's live sheet finds rows by ID from an index", () => {
  it("answers exactly as a scan would, in sheet order, through appends, edits and deletions", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ids), { maxLength: 8 }),
        fc.array(step, { maxLength: 40 }),
        (start, steps) => {
          const ws = new Workspace(book(start));
          const sheet = ws.sheet(register);
          // Ask first, so the index exists before the changes it must follow.
          for (const id of ids) assert.deepEqual(sheet.where("id", id), scan(sheet, "id", id));
          for (const s of steps) {
            if (s.kind === "append") ws.append(sheet, [{ id: s.id, name: "新" }]);
            else if (s.kind === "set" && sheet.rows.length)
              ws.set(sheet, sheet.rows[s.at % sheet.rows.length]!, "id", s.id);
            else if (s.kind === "delete" && sheet.rows.length)
              ws.delete(sheet, sheet.rows[s.at % sheet.rows.length]!);
            else if (s.kind === "look") {
              const found = sheet.where(s.key, s.value);
              assert.deepEqual(found, scan(sheet, s.key, s.value));
              assert.deepEqual(
                found.map((r) => r.row),
                [...found.map((r) => r.row)].sort((a, b) => a - b),
              );
            }
          }
          for (const id of ids) assert.deepEqual(sheet.where("id", id), scan(sheet, "id", id));
          // What the plan wrote, applied to the sheet, is the sheet the index describes.
          assert.deepEqual(
            sheet.rows.map((r) => r.row),
            sheet.rows.map((_, i) => i + 2),
          );
          assert.equal(readSheet(register, book(start)).records.length, start.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("hands out a copy: changing the answer does not change the sheet", () => {
    const ws = new Workspace(book(["C000001", "C000001"]));
    const sheet = ws.sheet(register);
    sheet.where("id", "C000001").pop();
    assert.equal(sheet.where("id", "C000001").length, 2);
  });
});
