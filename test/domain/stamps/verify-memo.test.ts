import assert from "node:assert/strict";
import fc from "fast-check";
import {
  createDeviceKey,
  forgetVerified,
  sign,
  unlockDeviceKey,
  verify,
  verifyCounts,
} from "../../../src/domain/stamps/keys";

// Issue 15: a signature is verified once per (key, message, signature) and the answer is
// remembered — the same stamps over the same content on a request and on its Register row,
// and a second Validate in the same pane. A remembered answer must never be given for
// anything but exactly those three texts: another message (an edited row), another key (a
// stamp copied under someone else's name), or the same texts cut at another place.
describe("verifying a signature once (issue 15)", function () {
  this.timeout(60_000);
  const messages = ["客户 C000001 批准", "客户 C000001 批准 ", "客户 C000002 批准"];
  let keys: { publicKey: string; signatures: string[] }[];
  before(async () => {
    keys = [];
    for (const pin of ["Xw4k-Pr7d", "Gh3s-Mt8v"]) {
      const key = await createDeviceKey(pin, 600_000);
      const unlocked = await unlockDeviceKey(key, pin);
      assert.ok(unlocked.ok);
      const signatures = [];
      for (const m of messages) signatures.push(await sign(unlocked.privateKey, m));
      keys.push({ publicKey: key.publicKey, signatures });
    }
  });
  beforeEach(() => forgetVerified());

  it("answers as WebCrypto does in any order of asking: true only for the key and message a signature was made with", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(1), fc.nat(2), fc.nat(1), fc.nat(2)), { minLength: 1, maxLength: 25 }),
        async (asks) => {
          forgetVerified();
          for (const [k, m, signer, signed] of asks) {
            const answer = await verify(keys[k]!.publicKey, messages[m]!, keys[signer]!.signatures[signed]!);
            assert.equal(answer, k === signer && m === signed, JSON.stringify([k, m, signer, signed]));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("remembers: the same three texts asked again are not verified again", async () => {
    const { publicKey, signatures } = keys[0]!;
    const before = { ...verifyCounts };
    assert.equal(await verify(publicKey, messages[0]!, signatures[0]!), true);
    assert.equal(await verify(publicKey, messages[0]!, signatures[0]!), true);
    assert.equal(await verify(publicKey, messages[1]!, signatures[0]!), false);
    assert.equal(await verify(publicKey, messages[1]!, signatures[0]!), false);
    assert.equal(verifyCounts.computed - before.computed, 2);
    assert.equal(verifyCounts.remembered - before.remembered, 2);
  });

  it("never takes the same texts cut at another place for the ones it verified", async () => {
    const { publicKey, signatures } = keys[0]!;
    assert.equal(await verify(publicKey, messages[0]!, signatures[0]!), true);
    // The key's last character moved to the front of the message: one text when run together.
    assert.equal(
      await verify(publicKey.slice(0, -1), publicKey.slice(-1) + messages[0]!, signatures[0]!),
      false,
    );
    assert.equal(
      await verify(publicKey, messages[0]! + signatures[0]!.slice(0, 1), signatures[0]!.slice(1)),
      false,
    );
  });

  it("asked all at once, in any mix: each answer as WebCrypto gives it, each distinct three texts verified once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(1), fc.nat(2), fc.nat(1), fc.nat(2)), { minLength: 1, maxLength: 25 }),
        async (asks) => {
          forgetVerified();
          const before = { ...verifyCounts };
          // All under way together, as Validate asks them (a request's and its row's stamps).
          const answers = await Promise.all(
            asks.map(([k, m, signer, signed]) =>
              verify(keys[k]!.publicKey, messages[m]!, keys[signer]!.signatures[signed]!),
            ),
          );
          asks.forEach(([k, m, signer, signed], i) =>
            assert.equal(answers[i], k === signer && m === signed, JSON.stringify([k, m, signer, signed])),
          );
          const distinct = new Set(asks.map((a) => a.join())).size;
          assert.equal(verifyCounts.computed - before.computed, distinct);
          assert.equal(verifyCounts.remembered - before.remembered, asks.length - distinct);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a key that cannot be read verifies nothing, remembered or not", async () => {
    const { signatures } = keys[0]!;
    for (let i = 0; i < 2; i++)
      assert.equal(await verify("bm90IGEga2V5", messages[0]!, signatures[0]!), false);
  });
});
