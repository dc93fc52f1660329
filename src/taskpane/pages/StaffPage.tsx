import * as React from "react";
import {
  Checkbox,
  Dropdown,
  MessageBar,
  MessageBarType,
  PrimaryButton,
  DefaultButton,
  Stack,
  Text,
  TextField,
} from "@fluentui/react";
import type { Lang } from "../../domain/schema/model";
import { staffRoles } from "../../domain/schema/choices";
import { createDeviceKey, fingerprint, sign, unlockDeviceKey } from "../../domain/stamps/keys";
import { pinProblem } from "../../domain/stamps/pin";
import type { ExcelEnv } from "../../excel/env";
import type { ActionResult } from "../../excel/actions/result";
import type { Problem } from "../../domain/problem";
import type { Stamper } from "../../domain/stamping";
import {
  changeStaff,
  countersignStaff,
  enrolDevice,
  loadAwaitingCountersign,
  readDevices,
  revokeStaff,
  signStampPolicy,
} from "../../excel/actions/workflow";
import type { Awaiting, Device } from "../../domain/enrolment";
import { spokenFingerprint, staffMessage } from "../../domain/stamps/staff";
import { localNow } from "../clock";
import { keyStore } from "../keystore";
import { unlockWithPin } from "../unlock";
import { useSession } from "../session";
import { t } from "../i18n";
import { ruleText } from "../rule-text";
import { useMessage, type Saying } from "../message";

const enrollable = staffRoles.filter((r) => r.code !== "responsible");

/** 人员: make this device's key, enrol it on the Staff sheet, and (administrator) countersign others. */
export function StaffPage({ env, lang, onDone }: { env: ExcelEnv; lang: Lang; onDone?: () => void }) {
  const session = useSession();
  const [form, setForm] = React.useState({
    name: "",
    department: "",
    role: "deptHead",
    device: "PC",
    pin: "",
  });
  const [message, setMessage] = useMessage(lang);
  const [busy, setBusy] = React.useState(false);
  const set = (key: keyof typeof form) => (_: unknown, value?: string) =>
    setForm({ ...form, [key]: value ?? "" });

  // Keys live in this Excel only: the person's devices on the Staff sheet, and the people a
  // new device can be enrolled for (their role and department come with them).
  const [known, setKnown] = React.useState<{
    devices: Device[];
    people: { name: string; role: string; department: string }[];
  }>({ devices: [], people: [] });
  const mine = session.current;
  const refreshDevices = React.useCallback(async () => {
    const r = await readDevices(env, keyStore.pinnedAdmin(), mine?.name ?? "");
    if (r.ok) setKnown({ devices: r.devices, people: r.people });
  }, [env, mine?.name]);
  React.useEffect(() => void refreshDevices(), [refreshDevices]);
  // The administrator countersigns only people they see listed and check (issue 17).
  const [awaiting, setAwaiting] = React.useState<Awaiting[]>([]);
  const [chosen, setChosen] = React.useState<Set<string>>(new Set());
  const isAdmin = mine?.role === "admin";
  const roleName = (code: string) => staffRoles.find((r) => r.code === code)?.[lang] ?? code;
  const refreshAwaiting = React.useCallback(async () => {
    if (!isAdmin) return;
    const r = await loadAwaitingCountersign(env, keyStore.pinnedAdmin());
    if (r.ok) setAwaiting(r.awaiting);
  }, [env, isAdmin]);
  React.useEffect(() => void refreshAwaiting(), [refreshAwaiting]);
  const [another, setAnother] = React.useState("");
  const chooseAnother = (name: string) => {
    setAnother(name);
    const person = known.people.find((p) => p.name === name);
    if (person)
      setForm({ ...form, name: person.name, role: person.role, department: person.department, device: "" });
  };

  const enrol = async () => {
    setBusy(true);
    try {
      const weak = pinProblem(form.pin);
      if (weak)
        return setMessage({
          type: MessageBarType.error,
          text: (l: Lang) => t(l, weak === "pin.short" ? "pinShort" : "pinWeak"),
        });
      const key = await createDeviceKey(form.pin);
      const fp = await fingerprint(key.publicKey);
      const who = {
        name: form.name,
        department: form.department,
        role: form.role,
        device: form.device,
        publicKey: key.publicKey,
      };
      let countersign: string | undefined;
      let selfVouched: { fingerprint: string; privateKey: CryptoKey } | undefined;
      const now = localNow();
      if (form.role === "admin" && !keyStore.pinnedAdmin()) {
        // The first administrator vouches for their own row, in force from now; this device
        // pins them. A second one (this device already knows the administrator) waits for
        // their countersignature.
        const unlocked = await unlockDeviceKey(key, form.pin);
        if (unlocked.ok) selfVouched = { fingerprint: fp, privateKey: unlocked.privateKey };
        if (unlocked.ok)
          countersign = await sign(
            unlocked.privateKey,
            staffMessage({ ...who, since: `${now.date}T${now.time}`, revoked: false }),
          );
      }
      const result = await enrolDevice(env, { ...who, countersign, fingerprint: fp }, now, selfVouched);
      if (!result.ok) return setMessage({ type: MessageBarType.error, text: result.failure.message });
      if (result.problems.length)
        return setMessage({
          type: MessageBarType.error,
          text: (l: Lang) => result.problems.map((p) => ruleText(l, p)).join(" "),
        });
      await keyStore.add({ ...who, fingerprint: fp, key });
      if (countersign && !keyStore.pinnedAdmin()) keyStore.pinAdmin(fp);
      await session.reload();
      session.choose(fp);
      const others = known.people.some((p) => p.name === form.name.trim());
      setMessage({
        type: MessageBarType.success,
        text: (l: Lang) =>
          t(l, others ? "enrolledAnother" : "enrolled", { name: form.name, fp, device: form.device }),
      });
      setForm({ ...form, name: "", pin: "" });
      setAnother("");
      void refreshDevices();
      onDone?.();
    } finally {
      setBusy(false);
    }
  };

  const me = session.current;
  const [pin, setPin] = React.useState("");
  /**
   * An administrator's action with their unlocked key: unlock (or use the session), run it,
   * say what came of it in words. `done` gives the success message, or problems to show.
   */
  const asAdmin =
    <R extends { adminChanged: boolean }>(
      act: (unlocked: { privateKey: CryptoKey; stamper: Stamper }) => Promise<ActionResult<R>>,
      done: (result: R) => { problems?: Problem[]; text: Saying["text"] },
    ) =>
    async () => {
      if (!me) return;
      setBusy(true);
      try {
        const unlocked = await unlockWithPin(me, pin, lang);
        if (!unlocked.ok) return setMessage({ type: MessageBarType.error, text: unlocked.message });
        const result = await act(unlocked);
        if (!result.ok) return setMessage({ type: MessageBarType.error, text: result.failure.message });
        if (result.adminChanged)
          return setMessage({ type: MessageBarType.severeWarning, text: (l: Lang) => t(l, "adminChanged") });
        const said = done(result);
        const problems = said.problems ?? [];
        if (problems.length)
          return setMessage({
            type: MessageBarType.error,
            text: (l: Lang) => problems.map((p) => ruleText(l, p)).join(" "),
          });
        setMessage({ type: MessageBarType.success, text: said.text });
        setPin("");
        onDone?.();
      } finally {
        setBusy(false);
      }
    };

  const countersign = asAdmin(
    (unlocked) =>
      countersignStaff(
        env,
        keyStore.pinnedAdmin(),
        { name: me?.name ?? "", fingerprint: me?.fingerprint ?? "", privateKey: unlocked.privateKey },
        localNow(),
        [...chosen],
      ),
    (result) => {
      setChosen(new Set());
      void refreshAwaiting();
      return countersignedText(result);
    },
  );
  const countersignedText = (result: { changed: string[] }) => ({
    text: (l: Lang) =>
      result.changed.length
        ? t(l, "countersigned", { names: result.changed.join(l === "zh" ? "、" : ", ") })
        : t(l, "nothingToCountersign"),
  });

  const signPolicy = asAdmin(
    (unlocked) => signStampPolicy(env, keyStore.pinnedAdmin(), unlocked.stamper, localNow()),
    (result) => ({
      problems: result.problems,
      text: (l: Lang) => t(l, "policySigned", { version: result.version }),
    }),
  );

  const [restaff, setRestaff] = React.useState({ name: "", role: "deptHead", department: "" });
  const changeRole = asAdmin(
    (unlocked) => changeStaff(env, keyStore.pinnedAdmin(), unlocked.stamper, restaff, localNow()),
    (result) => ({
      problems: result.problems,
      text: (l: Lang) => t(l, "restaffed", { names: result.changed.join(l === "zh" ? "、" : ", ") }),
    }),
  );

  const [revokeWho, setRevokeWho] = React.useState({ name: "", device: "" });
  const revoke = async () => {
    const result = await revokeStaff(env, revokeWho, me?.name ?? "", "", localNow());
    if (!result.ok) return setMessage({ type: MessageBarType.error, text: result.failure.message });
    if (result.problems.length)
      return setMessage({
        type: MessageBarType.error,
        text: (l: Lang) => result.problems.map((p) => ruleText(l, p)).join(" "),
      });
    setMessage({
      type: MessageBarType.success,
      text: (l: Lang) => t(l, "revoked", { names: result.changed.join("、") }),
    });
    onDone?.();
  };

  return (
    <Stack tokens={{ childrenGap: 8, padding: "12px 0" }}>
      <Text>{t(lang, "staffIntro")}</Text>
      <MessageBar messageBarType={MessageBarType.info} data-testid="key-where">
        {t(lang, "keyWhere")}
      </MessageBar>
      {mine && (
        <Stack tokens={{ childrenGap: 4 }} data-testid="my-devices">
          <Text variant="mediumPlus">{t(lang, "myDevices", { name: mine.name })}</Text>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {known.devices.map((d) => (
              <li key={d.fingerprint} data-testid="my-device" data-status={d.status}>
                {d.device}
                {d.fingerprint === mine.fingerprint ? ` (${t(lang, "thisDevice")})` : ""} —{" "}
                {t(lang, `deviceStatus.${d.status}`)}
                <Text variant="small" block styles={{ root: { color: "#605e5c" } }}>
                  {d.fingerprint}
                </Text>
              </li>
            ))}
          </ul>
        </Stack>
      )}
      {known.people.length > 0 && (
        <Stack tokens={{ childrenGap: 4 }} data-testid="enrol-another">
          <Text variant="mediumPlus">{t(lang, "anotherTitle")}</Text>
          <Text variant="small">{t(lang, "anotherSteps")}</Text>
          <Dropdown
            label={t(lang, "anotherWho")}
            selectedKey={another || undefined}
            placeholder={t(lang, "anotherPlaceholder")}
            options={known.people.map((p) => ({ key: p.name, text: p.name }))}
            onChange={(_, o) => chooseAnother(String(o?.key ?? ""))}
            data-testid="enrol-another-who"
          />
        </Stack>
      )}
      <TextField label={t(lang, "name")} value={form.name} onChange={set("name")} data-testid="enrol-name" />
      <TextField
        label={t(lang, "department")}
        value={form.department}
        onChange={set("department")}
        data-testid="enrol-department"
      />
      <Dropdown
        label={t(lang, "role")}
        selectedKey={form.role}
        options={enrollable.map((r) => ({ key: r.code, text: r[lang] }))}
        onChange={(_, o) => setForm({ ...form, role: String(o?.key ?? "deptHead") })}
        data-testid="enrol-role"
      />
      <TextField
        label={t(lang, "deviceName")}
        value={form.device}
        onChange={set("device")}
        required
        description={another ? t(lang, "anotherDeviceHint") : undefined}
        data-testid="enrol-device"
      />
      <TextField
        label={t(lang, "pin")}
        type="password"
        value={form.pin}
        onChange={set("pin")}
        data-testid="enrol-pin"
      />
      <PrimaryButton
        text={t(lang, "enrolButton")}
        onClick={enrol}
        allowDisabledFocus
        disabled={busy || !form.name || !form.device.trim()}
        data-testid="enrol"
      />
      {mine && (
        <Text variant="small" data-testid="my-fingerprint">
          {t(lang, "myFingerprint", { name: mine.name, digits: spokenFingerprint(mine.fingerprint) })}
        </Text>
      )}
      {keyStore.pinnedAdmin() && (
        <Text variant="small">{t(lang, "adminFingerprint", { fp: keyStore.pinnedAdmin()! })}</Text>
      )}
      {me?.role === "admin" && (
        <Stack tokens={{ childrenGap: 6 }}>
          <TextField
            label={t(lang, "pin")}
            type="password"
            value={pin}
            onChange={(_, v) => setPin(v ?? "")}
            data-testid="admin-pin"
          />
          <Text variant="mediumPlus" as="h3">
            {t(lang, "awaitingHeading", { n: awaiting.length })}
          </Text>
          {awaiting.length === 0 && <Text variant="small">{t(lang, "nothingToCountersign")}</Text>}
          {awaiting.map((p) => (
            <Stack key={p.fingerprint} tokens={{ childrenGap: 2 }} data-testid="awaiting">
              <Checkbox
                label={`${p.name}(${p.department} · ${roleName(p.role)} · ${p.device})`}
                checked={chosen.has(p.fingerprint)}
                onChange={(_, on) => {
                  const next = new Set(chosen);
                  if (on) next.add(p.fingerprint);
                  else next.delete(p.fingerprint);
                  setChosen(next);
                }}
              />
              <Text variant="small" styles={{ root: { paddingLeft: 28 } }}>
                {t(lang, "compareFingerprint", { digits: spokenFingerprint(p.fingerprint) })}
              </Text>
            </Stack>
          ))}
          <DefaultButton
            text={t(lang, "countersignChosen", { n: chosen.size })}
            onClick={countersign}
            allowDisabledFocus
            disabled={busy || chosen.size === 0}
            data-testid="countersign"
          />
          <Text variant="small">{t(lang, "signPolicyIntro")}</Text>
          <DefaultButton
            text={t(lang, "signPolicyButton")}
            onClick={signPolicy}
            allowDisabledFocus
            disabled={busy}
            data-testid="sign-policy"
          />
          <Text variant="small">{t(lang, "restaffIntro")}</Text>
          <TextField
            label={t(lang, "restaffName")}
            value={restaff.name}
            onChange={(_, v) => setRestaff({ ...restaff, name: v ?? "" })}
            data-testid="restaff-name"
          />
          <Dropdown
            label={t(lang, "newRole")}
            selectedKey={restaff.role}
            options={enrollable.map((r) => ({ key: r.code, text: r[lang] }))}
            onChange={(_, o) => setRestaff({ ...restaff, role: String(o?.key ?? "deptHead") })}
            data-testid="restaff-role"
          />
          <TextField
            label={t(lang, "newDepartment")}
            value={restaff.department}
            onChange={(_, v) => setRestaff({ ...restaff, department: v ?? "" })}
            data-testid="restaff-department"
          />
          <DefaultButton
            text={t(lang, "restaffButton")}
            onClick={changeRole}
            allowDisabledFocus
            disabled={busy || !restaff.name || !restaff.department}
            data-testid="restaff"
          />
          <Text variant="small">{t(lang, "revokeIntro")}</Text>
          <TextField
            label={t(lang, "name")}
            value={revokeWho.name}
            onChange={(_, v) => setRevokeWho({ ...revokeWho, name: v ?? "" })}
          />
          <TextField
            label={t(lang, "deviceName")}
            value={revokeWho.device}
            onChange={(_, v) => setRevokeWho({ ...revokeWho, device: v ?? "" })}
          />
          <DefaultButton
            text={t(lang, "revokeButton")}
            onClick={revoke}
            allowDisabledFocus
            disabled={busy || !revokeWho.name}
          />
        </Stack>
      )}
      {message && (
        <MessageBar messageBarType={message.type} data-testid="staff-message">
          {message.text}
        </MessageBar>
      )}
    </Stack>
  );
}
