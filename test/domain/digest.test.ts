import assert from "node:assert/strict";
import { createRequire } from "node:module";
import fc from "fast-check";
import { sha256Sync } from "../../src/domain/digest";

/** js-sha256 as the pane's bundle has it: its browser build, all JavaScript. */
const paneSha256 = createRequire(__filename)("js-sha256/build/sha256.js") as (text: string) => string;
const webCrypto = async (text: string) =>
  Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))).toString("hex");
/** Any UTF-16 units, lone surrogates among them: what a cell may hold after a bad paste. */
const anyUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 })
  .map((units) => String.fromCharCode(...units));

// The log's chain and Validate's memories hash with sha256Sync: in Node, Node's one-shot
// hash; in the pane, js-sha256 (digest.ts). A chain written by the pane is checked by the
// command-line tool, so both must give SHA-256 of the same UTF-8 bytes.
describe("SHA-256 of a text, synchronously (digest.ts)", () => {
  it("gives WebCrypto's digest and the pane's js-sha256 answer for any well-formed text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: "grapheme" }), fc.constant("变更记录".repeat(500))),
        async (text) => {
          const ours = sha256Sync(text);
          assert.equal(ours, await webCrypto(text));
          assert.equal(ours, paneSha256(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("and for what is kept in the workbook (JSON, which writes a lone surrogate as an escape), whatever the cells held", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyUnits, { maxLength: 4 }), async (cells) => {
        const text = JSON.stringify(cells);
        assert.equal(sha256Sync(text), await webCrypto(text));
        assert.equal(sha256Sync(text), paneSha256(text));
      }),
      { numRuns: 300 },
    );
  });

  it("a lone surrogate itself: WebCrypto's answer here; the pane's js-sha256 reads it with the unit after it — why only JSON is hashed for keeping", async () => {
    await fc.assert(
      fc.asyncProperty(anyUnits, async (text) => assert.equal(sha256Sync(text), await webCrypto(text))),
      { numRuns: 300 },
    );
    assert.notEqual(paneSha256("\uD800a"), sha256Sync("\uD800a"));
  });

  it("differs for texts that differ: a blank added, a separator moved", () => {
    assert.notEqual(sha256Sync("C000001 批准"), sha256Sync("C000001 批准 "));
    assert.notEqual(sha256Sync("ab\u0000c"), sha256Sync("a\u0000bc"));
    assert.equal(sha256Sync(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});
