import { unlockDeviceKey } from "../domain/stamps/keys";
import type { Lang } from "../domain/schema/model";
import type { Stamper } from "../domain/stamping";
import type { DeviceIdentity } from "./keystore";
import { t } from "./i18n";

/**
 * Unlocks this device's key with the PIN typed, as a stamper for the domain, or says in
 * the user's language why not.
 */
export async function unlockWithPin(
  identity: DeviceIdentity,
  pin: string,
  lang: Lang,
): Promise<{ ok: true; privateKey: CryptoKey; stamper: Stamper } | { ok: false; message: string }> {
  const unlocked = await unlockDeviceKey(identity.key, pin);
  if (!unlocked.ok) return { ok: false, message: t(lang, "pinWrong") };
  const { name, department, role, device, fingerprint, key } = identity;
  return {
    ok: true,
    privateKey: unlocked.privateKey,
    stamper: {
      entry: {
        row: 0,
        name,
        department,
        role,
        device,
        publicKey: key.publicKey,
        countersign: "",
        revoked: false,
      },
      privateKey: unlocked.privateKey,
      fingerprint,
    },
  };
}
