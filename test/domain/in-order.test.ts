import assert from "node:assert/strict";
import fc from "fast-check";
import { inOrder } from "../../src/domain/arrays";

// Validate verifies rows' stamps a few dozen at a time (issue 15: WebCrypto works on its own
// thread meanwhile); what each row found must still come out in the rows' order, never more
// rows under way than allowed, and a failure must stop it where it happened.
describe("work a few at a time, results in order (arrays.ts inOrder)", () => {
  it("hands every result over in the items' order, however the work finishes, never more than `width` under way", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(5), { maxLength: 40 }),
        fc.integer({ min: 0, max: 8 }),
        async (delays, width) => {
          let running = 0;
          let most = 0;
          let started = 0;
          const seen: number[] = [];
          await inOrder(
            delays,
            width,
            async (delay, i) => {
              started++;
              most = Math.max(most, ++running);
              for (let t = 0; t < delay; t++) await Promise.resolve();
              running--;
              return i * 10;
            },
            (result, delay, i) => {
              assert.equal(result, i * 10);
              assert.equal(delay, delays[i]);
              seen.push(i);
            },
          );
          assert.deepEqual(
            seen,
            delays.map((_, i) => i),
          );
          assert.ok(most <= Math.max(1, width), `${most} under way, ${width} allowed`);
          // Each item worked once, nothing past the last one.
          assert.equal(started, delays.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a failure comes out in its place: the results before it handed over, none after, nothing unhandled", async () => {
    let unhandled = 0;
    const count = () => unhandled++;
    process.on("unhandledRejection", count);
    try {
      for (const failing of [0, 3, 9]) {
        const seen: number[] = [];
        await assert.rejects(
          inOrder(
            Array.from({ length: 10 }, (_, i) => i),
            4,
            async (i) => {
              // The later ones fail first (and one after the failing one fails too).
              for (let t = 0; t < 10 - i; t++) await Promise.resolve();
              if (i === failing || i === failing + 1) throw new Error(`row ${i}`);
              return i;
            },
            (r) => seen.push(r),
          ),
          new RegExp(`row ${failing}$`),
        );
        assert.deepEqual(
          seen,
          Array.from({ length: failing }, (_, i) => i),
        );
      }
      await new Promise((r) => setTimeout(r, 10));
      assert.equal(unhandled, 0);
    } finally {
      process.off("unhandledRejection", count);
    }
  });

  it("answers known already (`Known`) come out in their place among those worked out, without waiting", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        async (known, width) => {
          const out: number[] = [];
          await inOrder(
            known.map((_, i) => i),
            width,
            (i) =>
              known[i]
                ? { known: i * 10 }
                : new Promise<number>((go) => setTimeout(() => go(i * 10), (i * 7) % 3)),
            (r) => out.push(r),
          );
          assert.deepEqual(
            out,
            known.map((_, i) => i * 10),
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
