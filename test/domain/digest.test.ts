import assert from "node:assert/strict";
import fc from "fast-check";
import { sha256 } from "js-sha256";
import { sha256Sync } from "../../src/domain/digest";

const webCrypto = async (text: string) =>
  Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))).toString("hex");

// The log's chain and Validate's memories hash with sha256Sync: in Node Node's one-shot
// hash, in the pane js-sha256 (digest.ts). A chain written by the pane is checked by the
// command-line tool, so both must give SHA-256 of the same UTF-8 bytes, for any text.
describe("SHA-256 of a text, synchronously (digest.ts)", () => {
  it("gives WebCrypto's digest of the text's UTF-8 bytes and js-sha256's answer, for any text, lone surrogates too", async () => {
    const anyUnits = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 })
      .map((units) => String.fromCharCode(...units));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: "grapheme" }), anyUnits, fc.constant("变更记录".repeat(500))),
        async (text) => {
          const ours = sha256Sync(text);
          assert.equal(ours, await webCrypto(text));
          assert.equal(ours, sha256(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("differs for texts that differ: a character moved, a blank added", () => {
    assert.notEqual(sha256Sync("C000001 批准"), sha256Sync("C000001 批准 "));
    assert.notEqual(sha256Sync("ab\u0000c"), sha256Sync("a\u0000bc"));
    assert.equal(sha256Sync(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});
