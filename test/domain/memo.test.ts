import assert from "node:assert/strict";
import fc from "fast-check";
import { KeptFor, KeptOnGrounds, Remembered, RememberedText } from "../../src/domain/memo";

// The bounded memory behind Validate's second run (issue 15): an answer is worked out once
// per key, and past the bound the oldest answers are forgotten, never a wrong one given.
describe("answers remembered, at most so many", () => {
  it("works an answer out once per key, a falsy answer too", () => {
    const memo = new Remembered<number | null>(10);
    let worked = 0;
    const work = (v: number | null) => () => (worked++, v);
    assert.equal(memo.of("a", work(1)), 1);
    assert.equal(memo.of("a", work(2)), 1);
    assert.equal(memo.of("b", work(null)), null);
    assert.equal(memo.of("b", work(3)), null);
    assert.equal(memo.of("c", work(0)), 0);
    assert.equal(memo.of("c", work(4)), 0);
    assert.equal(worked, 3);
  });

  it("forgets what was least recently used past its bound; setting a key it holds forgets nothing", () => {
    const memo = new Remembered<string>(2);
    memo.set("a", "1");
    memo.set("b", "2");
    memo.set("a", "1 again");
    assert.ok(memo.has("a") && memo.has("b"));
    memo.set("c", "3");
    assert.deepEqual(
      ["a", "b", "c"].map((k) => memo.has(k)),
      [true, false, true],
    );
    assert.equal(memo.get("a"), "1 again");
    assert.equal(memo.get("c"), "3");
    memo.clear();
    assert.equal(memo.has("c"), false);
  });

  it("over any sequence of asks: the answer work gives, never more held than the bound, the last ones asked kept", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.array(fc.tuple(fc.constantFrom("of", "get", "set"), fc.integer({ min: 0, max: 30 })), {
          maxLength: 300,
        }),
        (max, asks) => {
          const memo = new Remembered<number>(max);
          // The answer for key k is always k * 7: any other answer is a wrong one.
          const recent: number[] = [];
          for (const [how, k] of asks) {
            const key = String(k);
            if (how === "of")
              assert.equal(
                memo.of(key, () => k * 7),
                k * 7,
              );
            else if (how === "set") memo.set(key, k * 7);
            else {
              const held = memo.get(key);
              if (held !== undefined) assert.equal(held, k * 7);
              else if (!recent.includes(k)) continue;
              else assert.fail(`${key} was among the last ${Math.floor(max / 2)} asked and is forgotten`);
            }
            assert.ok(memo.size <= max, `${memo.size} held, bound ${max}`);
            const at = recent.indexOf(k);
            if (at >= 0) recent.splice(at, 1);
            recent.push(k);
            if (recent.length > Math.floor(max / 2)) recent.shift();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("by a long text: the answer of the whole text, never of another text ending the same way (fast-check)", () => {
    // Texts of a few kinds: short ones, and long ones sharing their last 64 characters (or more).
    const end = "⟧".padStart(80, "Q");
    const text = fc.oneof(
      fc.string({ maxLength: 70 }),
      fc
        .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(end, `${end}x`, end.slice(1)))
        .map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 60 }), (texts) => {
        const memo = new RememberedText<string>(1000);
        let worked = 0;
        let last: string | undefined;
        for (const t of texts) {
          const before = worked;
          assert.equal(
            memo.of(t, () => (worked++, `answer to ${t}`)),
            `answer to ${t}`,
          );
          // The same text asked twice running is remembered, not worked out again.
          if (t === last) assert.equal(worked, before);
          last = t;
        }
      }),
      { numRuns: 500 },
    );
  });

  it("by a long text: one worked out once is not worked out again while no other text ends the same way", () => {
    const memo = new RememberedText<number>(1000);
    const cells = Array.from(
      { length: 50 },
      (_, i) => `${"部门主管 王主管 ⟦".repeat(20)}${"x".repeat(200)}${i}`,
    );
    let worked = 0;
    for (let round = 0; round < 3; round++)
      // A new string each time, as each read of a cell is.
      cells.forEach((c, i) =>
        assert.equal(
          memo.of([...c].join(""), () => (worked++, i)),
          i,
        ),
      );
    assert.equal(worked, 50);
  });

  it("forgets in whole generations: a million answers through a bound of a thousand hold at most a thousand", () => {
    const memo = new Remembered<number>(1000);
    for (let i = 0; i < 1_000_000; i++) memo.of(String(i), () => i);
    assert.ok(memo.size <= 1000 && memo.size >= 500, `${memo.size}`);
    assert.equal(memo.get("999999"), 999999);
    assert.equal(memo.get("0"), undefined);
  });
});

describe("what is worked out for an object, kept with it (memo.ts KeptFor)", () => {
  it("gives the kept answer while what it was worked out against is the very same, and works it out again otherwise", () => {
    const kept = new KeptFor<object, number>();
    const key = {};
    const a = { settings: 1 };
    let worked = 0;
    const work = () => ++worked;
    assert.equal(kept.of(key, [a, "2026-12-06"], work), 1);
    assert.equal(kept.of(key, [a, "2026-12-06"], work), 1, "the same objects: kept");
    assert.equal(
      kept.of(key, [{ settings: 1 }, "2026-12-06"], work),
      2,
      "an equal but other object: worked out again",
    );
    assert.equal(kept.of(key, [{ settings: 1 }, "2026-12-07"], work), 3);
    assert.equal(kept.of(key, [a], work), 4, "fewer things against: worked out again");
    assert.equal(kept.of({}, [a], work), 5, "another object: its own answer");
    assert.equal(
      kept.of(key, [a, "more"], work),
      6,
      "more things against, the first the same: worked out again",
    );
  });
});

describe("what is worked out for an object, kept while its grounds hold (memo.ts KeptOnGrounds)", () => {
  /** A journal-like object: what it says of each key. */
  type Source = { says: Record<string, string> };
  const row = (name: string) => ({ name });

  function keeper() {
    const asked: string[] = [];
    const kept = new KeptOnGrounds<{ name: string }, string, readonly [Source]>((key, [source]) => {
      asked.push(`${key.name}@${source.says[key.name]}`);
      return [source.says[key.name]];
    });
    let worked = 0;
    const of = (key: { name: string }, source: Source) =>
      kept.of(key, [source], () => {
        worked++;
        return `${key.name} judged on ${source.says[key.name]}`;
      });
    return { of, asked, worked: () => worked };
  }

  it("gives the kept answer for the very same objects without asking for grounds", () => {
    const { of, asked, worked } = keeper();
    const a = row("a");
    const source = { says: { a: "1" } };
    assert.equal(of(a, source), "a judged on 1");
    assert.equal(of(a, source), "a judged on 1");
    assert.equal(worked(), 1);
    assert.deepEqual(asked, []);
  });

  it("keeps the answer under new objects that say the same of it, and works it out again where they do not", () => {
    const { of, asked, worked } = keeper();
    const [a, b] = [row("a"), row("b")];
    const first = { says: { a: "1", b: "1" } };
    of(a, first);
    of(b, first);
    const second = { says: { a: "1", b: "2" } };
    assert.equal(of(a, second), "a judged on 1");
    assert.equal(of(b, second), "b judged on 2");
    assert.equal(worked(), 3, "only b worked out again");
    // The grounds it was kept on, worked out from the objects it was worked out against, once.
    assert.deepEqual(asked, ["a@1", "a@1", "b@2", "b@1"]);
    const third = { says: { a: "1", b: "2" } };
    asked.length = 0;
    assert.equal(of(a, third), "a judged on 1");
    assert.deepEqual(asked, ["a@1"], "the grounds kept with the answer are not worked out again");
    // Back to what the first said: b is judged again, on what it says now.
    assert.equal(of(b, first), "b judged on 1");
    assert.equal(worked(), 4);
  });
});
