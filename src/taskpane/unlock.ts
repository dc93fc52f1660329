import { unlockDeviceKey } from "../domain/stamps/keys";
import type { Lang } from "../domain/schema/model";
import type { DeviceIdentity } from "./keystore";
import { t } from "./i18n";

/** Unlocks this device's key with the PIN typed, or says in the user's language why not. */
export async function unlockWithPin(
  identity: DeviceIdentity,
  pin: string,
  lang: Lang,
): Promise<{ ok: true; privateKey: CryptoKey } | { ok: false; message: string }> {
  const unlocked = await unlockDeviceKey(identity.key, pin);
  return unlocked.ok
    ? { ok: true, privateKey: unlocked.privateKey }
    : { ok: false, message: t(lang, unlocked.rule === "pin.wrong" ? "pinWrong" : "pinShort") };
}
