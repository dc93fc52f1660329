/**
 * A policy row typed into the Change log by hand, shaped unlike a signed policy, signs
 * nothing and breaks nothing: the rules in force stay the built-in ones (policy.ts; five
 * survivors of mutation testing's staff part).
 */
import assert from "node:assert/strict";
import { chainEntries, GENESIS } from "../../src/domain/change-log";
import { policyInForce } from "../../src/domain/policy";
import { changeLog } from "../../src/domain/schema/sheets";
import { trustStaff } from "../../src/domain/stamps/staff";
import type { Snapshot } from "../../src/domain/workbook";
import { office } from "./support/people";

describe("a policy row typed by hand in a shape no signing writes", () => {
  for (const newValue of [
    '{"version":7}',
    '{"version":"7","stampChain":{},"stampedFields":[]}',
    '{"version":7,"stampedFields":[]}',
    '{"version":7,"stampChain":{}}',
    '{"version":7,"stampChain":{},"stampedFields":"name"}',
  ])
    it(`${newValue}: read as no policy, the built-in rules stay in force`, async () => {
      const people = await office();
      const [row] = await chainEntries(GENESIS, [
        {
          time: "2026-11-24T10:00",
          person: "赵管理",
          action: "policy",
          customerId: "",
          field: "",
          oldValue: "",
          newValue,
          reason: "",
        },
      ]);
      const values = changeLog.columns.map((c) =>
        String((row as unknown as Record<string, unknown>)[c.key] ?? ""),
      );
      const snapshot: Snapshot = {
        sheetNames: ["变更记录"],
        sheets: {
          变更记录: { name: "变更记录", values: [changeLog.columns.map((c) => c.header.zh), values] },
        },
      };
      const trust = await trustStaff(people.entries, people.admin.fp, true);
      const inForce = await policyInForce(snapshot, trust);
      assert.equal(inForce.policy.version, 0);
    });
});
