/**
 * Issue 19 within issue 15's budget: the backup's encryption (officecrypto-tool with the
 * browser's stand-ins for Node's Buffer and crypto) is a worker chunk of its own, fetched
 * only when a backup is made; neither the pane Excel loads nor the Set up page carries it.
 * Checked on the build `npm test` makes (dist/).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = join(__dirname, "..", "..", "dist");
// Words only the encryption says: the agile EncryptionInfo's stream names and XML.
const CRYPTO_WORDS = ["EncryptedPackage", "ChainingModeCBC"];

describe("the backup's encryption in the pane's build (issues 15 and 19)", () => {
  it("is a worker chunk of its own: the pane Excel loads and the Set up page hold none of it", () => {
    assert.ok(existsSync(join(dist, "backup-crypto.js")), "build the pane first (npm test does)");
    for (const file of ["taskpane.js", "page-setup.js"]) {
      const text = readFileSync(join(dist, file), "utf8");
      for (const word of CRYPTO_WORDS) assert.ok(!text.includes(word), `${word} is in ${file}`);
    }
    assert.match(
      readFileSync(join(dist, "page-setup.js"), "utf8"),
      /new Worker\(/,
      "the Set up page starts it",
    );
  });

  it("stays small: only the parts of Node's crypto that encryption calls, under 120 KB gzipped", () => {
    const chunks = readdirSync(dist).filter(
      (f) =>
        f.endsWith(".js") &&
        (f === "backup-crypto.js" ||
          CRYPTO_WORDS.every((w) => readFileSync(join(dist, f), "utf8").includes(w))),
    );
    assert.ok(chunks.length >= 2, `the worker and the library: ${chunks.join(", ")}`);
    const text = chunks.map((f) => readFileSync(join(dist, f), "utf8")).join("\n");
    // crypto-browserify whole would bring elliptic curves, RSA and Diffie-Hellman along.
    for (const word of ["secp256k1", "RSA PRIVATE KEY", "modp1"])
      assert.ok(!text.includes(word), `${word}: more of Node's crypto than encryption needs`);
    const gzipped = chunks.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0);
    assert.ok(gzipped < 120 * 1024, `the encryption chunks are ${gzipped} bytes gzipped`);
  });
});
