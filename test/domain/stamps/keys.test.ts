import assert from "node:assert/strict";
import {
  createDeviceKey,
  fingerprint,
  PBKDF2_ITERATIONS,
  sign,
  unlockDeviceKey,
  verify,
} from "../../../src/domain/stamps/keys";

describe("device keys (WebCrypto: ECDSA P-256, PBKDF2-SHA-256, AES-GCM)", function () {
  this.timeout(30_000);

  it("unlocks with the right PIN and signs what the public key verifies", async () => {
    const key = await createDeviceKey("Xw4k-Pr7d");
    assert.equal(key.iterations, PBKDF2_ITERATIONS);
    const unlocked = await unlockDeviceKey(key, "Xw4k-Pr7d");
    assert.ok(unlocked.ok);
    const signature = await sign(unlocked.privateKey, "客户 C000001");
    assert.equal(await verify(key.publicKey, "客户 C000001", signature), true);
    assert.equal(await verify(key.publicKey, "客户 C000002", signature), false);
  });

  it("answers a wrong PIN plainly, and the right PIN still works afterwards (no lock-up)", async () => {
    const key = await createDeviceKey("Gh3s-Mt8v");
    assert.deepEqual(await unlockDeviceKey(key, "000000"), { ok: false, rule: "pin.wrong" });
    assert.equal((await unlockDeviceKey(key, "Gh3s-Mt8v")).ok, true);
  });

  it("keeps nothing readable without the PIN: the stored form holds no private key in the clear", async () => {
    const key = await createDeviceKey("Yq2z-Bn6c");
    const unlocked = await unlockDeviceKey(key, "Yq2z-Bn6c");
    assert.ok(unlocked.ok);
    assert.equal(unlocked.privateKey.extractable, false);
    await assert.rejects(crypto.subtle.exportKey("pkcs8", unlocked.privateKey));
    assert.deepEqual(Object.keys(key).sort(), ["iterations", "iv", "publicKey", "salt", "wrapped"]);
  });

  it("refuses fewer PBKDF2 iterations than the floor", async () => {
    await assert.rejects(createDeviceKey("Yq2z-Bn6c", 1000), /600000/);
  });

  it("gives a stable, readable fingerprint", async () => {
    const key = await createDeviceKey("Vd5r-Ks9w");
    const fp = await fingerprint(key.publicKey);
    assert.match(fp, /^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    assert.equal(await fingerprint(key.publicKey), fp);
  });
});
