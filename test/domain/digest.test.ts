import assert from "node:assert/strict";
import { createRequire } from "node:module";
import fc from "fast-check";
import { paneSha256, sha256Sync, wasmSha256, type WasmSha256 } from "../../src/domain/digest";

/** js-sha256 as the pane's bundle has it: its browser build, all JavaScript (here, paneSha256 gets its Node build). */
const browserBuild = (
  createRequire(__filename)("js-sha256/build/sha256.cjs") as { sha256: (data: Uint8Array) => string }
).sha256;
const webCrypto = async (text: string) =>
  Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))).toString("hex");
/** Any UTF-16 units, lone surrogates among them: what a cell may hold after a bad paste. */
const anyUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 })
  .map((units) => String.fromCharCode(...units));

// The log's chain and Validate's memories hash with sha256Sync: in Node, Node's one-shot
// hash; in the pane, a WebAssembly SHA-256 once compiled and js-sha256 until then (digest.ts).
// A chain written by the pane is checked by the command-line tool, and a check's memories
// are made while the WebAssembly compiles: every way must give SHA-256 of the same bytes.
describe("SHA-256 of a text, synchronously (digest.ts)", () => {
  let wasm: WasmSha256;
  before(async () => {
    wasm = await wasmSha256();
  });
  const ways = () => ({
    node: sha256Sync,
    "the pane's, WebAssembly": (text: string) => paneSha256(text, wasm),
    "the pane's, js-sha256": (text: string) => paneSha256(text, undefined),
    // What the pane's js-sha256 is given: the text's bytes as TextEncoder makes them.
    "js-sha256's browser build": (text: string) => browserBuild(new TextEncoder().encode(text)),
  });

  it("every way gives WebCrypto's digest for any text, lone surrogates included (read as U+FFFD)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: "grapheme" }), anyUnits, fc.constant("变更记录".repeat(500))),
        async (text) => {
          const expected = await webCrypto(text);
          for (const [way, hash] of Object.entries(ways())) assert.equal(hash(text), expected, way);
        },
      ),
      { numRuns: 300 },
    );
    for (const hash of Object.values(ways()))
      assert.equal(hash("\uD800a"), await webCrypto("\uFFFDa"), "a lone surrogate is U+FFFD");
  });

  it("a text longer than any before, then a short one: the bytes grow and nothing of the long one is left", async () => {
    const long = "营".repeat(40_000) + "\uD83D\uDE00".repeat(10_000);
    for (const hash of Object.values(ways())) {
      assert.equal(hash(long), await webCrypto(long));
      assert.equal(hash("ab"), await webCrypto("ab"));
    }
  });

  it("differs for texts that differ: a blank added, a separator moved", () => {
    for (const hash of Object.values(ways())) {
      assert.notEqual(hash("C000001 批准"), hash("C000001 批准 "));
      assert.notEqual(hash("ab\u0000c"), hash("a\u0000bc"));
      assert.equal(hash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
  });
});
