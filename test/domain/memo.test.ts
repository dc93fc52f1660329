import assert from "node:assert/strict";
import { Remembered } from "../../src/domain/memo";

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

  it("forgets the oldest past its bound; setting a key it holds forgets nothing", () => {
    const memo = new Remembered<string>(2);
    memo.set("a", "1");
    memo.set("b", "2");
    memo.set("a", "1 again");
    assert.ok(memo.has("a") && memo.has("b"));
    memo.set("c", "3");
    assert.deepEqual(
      ["a", "b", "c"].map((k) => memo.has(k)),
      [false, true, true],
    );
    assert.equal(memo.get("c"), "3");
    memo.clear();
    assert.equal(memo.has("c"), false);
  });
});
