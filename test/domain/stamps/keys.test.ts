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
    const key = await createDeviceKey("246810");
    assert.equal(key.iterations, PBKDF2_ITERATIONS);
    const unlocked = await unlockDeviceKey(key, "246810");
    assert.ok(unlocked.ok);
    const signature = await sign(unlocked.privateKey, "客户 C000001");
    assert.equal(await verify(key.publicKey, "客户 C000001", signature), true);
    assert.equal(await verify(key.publicKey, "客户 C000002", signature), false);
  });

  it("answers a wrong PIN plainly, and the right PIN still works afterwards (no lock-up)", async () => {
    const key = await createDeviceKey("135790");
    assert.deepEqual(await unlockDeviceKey(key, "000000"), { ok: false, rule: "pin.wrong" });
    assert.deepEqual(await unlockDeviceKey(key, "135"), { ok: false, rule: "pin.short" });
    assert.equal((await unlockDeviceKey(key, "135790")).ok, true);
  });

  it("keeps nothing readable without the PIN: the stored form holds no private key in the clear", async () => {
    const key = await createDeviceKey("112233");
    const unlocked = await unlockDeviceKey(key, "112233");
    assert.ok(unlocked.ok);
    assert.equal(unlocked.privateKey.extractable, false);
    await assert.rejects(crypto.subtle.exportKey("pkcs8", unlocked.privateKey));
    assert.deepEqual(Object.keys(key).sort(), ["iterations", "iv", "publicKey", "salt", "wrapped"]);
  });

  it("refuses fewer PBKDF2 iterations than the floor", async () => {
    await assert.rejects(createDeviceKey("123456", 1000), /600000/);
  });

  it("gives a stable, readable fingerprint", async () => {
    const key = await createDeviceKey("654321");
    const fp = await fingerprint(key.publicKey);
    assert.match(fp, /^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    assert.equal(await fingerprint(key.publicKey), fp);
  });
});
