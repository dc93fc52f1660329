/**
 * A stamp's message written out key by key (stamps.ts stampMessage) must be byte for byte the
 * canonical JSON of the message object (stampMessageOf): every stamp ever signed was signed
 * over those bytes, and one byte apart is a stamp that no longer verifies.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { stampMessage, stampMessageOf, type Stamp, type Stamped } from "../../../src/domain/stamps/stamps";
import { stampedValues } from "../../../src/domain/stamps/values";
import { text as cellAsText } from "../../../src/domain/records";

/** Texts with what JSON escapes or orders unusually: quotes, controls, surrogates, digits first. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    "",
    '"',
    "\\",
    "\n",
    "\u2028",
    "\ud800",
    "名称",
    "10",
    "2",
    "__proto__",
    "constructor",
    "toString",
  ),
);
const notText = fc.oneof(
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.constant({ a: "1" }),
  fc.constant(["x"]),
);

const stamp = (signature: unknown): Stamp =>
  ({
    role: "deptHead",
    name: "王主管",
    time: "2026-11-24T10:00",
    decision: "approve",
    key: "K",
    fields: [],
    act: "intake",
    ref: "R1",
    policy: "1",
    signature,
  }) as Stamp;

describe("a stamp's message, written out key by key", () => {
  it("is the canonical JSON of the message object, for any content, fields and stamps before it", () => {
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 8 }),
        fc.dictionary(text, fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: notText })),
        fc.array(fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: notText }), {
          maxLength: 3,
        }),
        fc.record({
          kind: text,
          ref: text,
          role: text,
          name: text,
          time: text,
          decision: fc.constantFrom("approve", "reject"),
          reason: fc.option(text, { nil: undefined }),
          key: text,
          policy: text,
        }),
        (fields, values, signatures, about) => {
          const subject = { kind: about.kind, ref: about.ref, values } as Stamped;
          const core = {
            role: about.role,
            name: about.name,
            time: about.time,
            decision: about.decision as Stamp["decision"],
            ...(about.reason === undefined ? {} : { reason: about.reason }),
            key: about.key,
            fields,
            policy: about.policy,
          };
          const earlier = signatures.map(stamp);
          assert.equal(stampMessage(subject, earlier, core), stampMessageOf(subject, earlier, core));
        },
      ),
      { numRuns: Number(process.env.STAMP_MESSAGE_RUNS ?? 2000) },
    );
  });

  it("names a field once when a stamp lists it twice, with its value", () => {
    const subject: Stamped = { kind: "intake", ref: "R1", values: { name: "甲", phone: "1" } };
    const core = { ...stamp("s"), fields: ["phone", "name", "phone"] };
    const message = stampMessage(subject, [], core);
    assert.equal(message, stampMessageOf(subject, [], core));
    assert.match(message, /^\{"content":\{"name":"甲","phone":"1"\},"decision":"approve","earlier":\[\],/);
  });

  it("reads a row's values as text, key for key, as entries made into an object would", () => {
    const cell = fc.oneof(text, fc.integer(), fc.double(), fc.boolean());
    fc.assert(
      fc.property(fc.dictionary(text, cell), fc.boolean(), (values, frozen) => {
        const row = frozen ? Object.freeze({ ...values }) : values;
        const expected = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cellAsText(v)]));
        const made = stampedValues(row as Record<string, string>);
        assert.deepEqual(Object.entries(made), Object.entries(expected));
        assert.equal(Object.getPrototypeOf(made), Object.prototype);
      }),
      { numRuns: Number(process.env.STAMP_MESSAGE_RUNS ?? 2000) },
    );
    const proto = JSON.parse('{"__proto__": " x ", "name": 1}') as Record<string, string>;
    assert.deepEqual(Object.entries(stampedValues(proto)), [
      ["__proto__", "x"],
      ["name", "1"],
    ]);
  });
});
