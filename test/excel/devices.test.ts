/**
 * Issue 16, keys across devices: a key lives in one Excel's storage, so a person who works
 * on a second computer, or in Excel on the web, enrols that device too. The Staff page lists
 * the person's devices with their standing; another device for someone already on the
 * Staff sheet takes their role and department and a name of its own, and cannot stamp
 * until the administrator countersigns it.
 */
import assert from "node:assert/strict";
import {
  countersignStaff,
  enrolDevice,
  loadAwaitingCountersign,
  readDevices,
} from "../../src/excel/actions/workflow";
import { createDeviceKey, fingerprint } from "../../src/domain/stamps/keys";
import { envOf } from "./fixtures";
import { now, staffOf, world, type People } from "./integrity/world";

describe("another device for someone already on the Staff sheet (issue 16)", function () {
  this.timeout(60_000);
  let people: People;
  before(async () => (people = await staffOf()));

  const newKey = async () => {
    const key = await createDeviceKey("Tz8q-Wm4k");
    return { publicKey: key.publicKey, fp: await fingerprint(key.publicKey) };
  };

  it("keeps the person's role and department, needs a device name of its own, and stamps only once countersigned", async () => {
    const host = await world(people);
    const env = envOf(host);
    const head = people.head.entry; // 王主管, 部门主管 of 业务一部, device "laptop"
    const key = await newKey();
    const rowsBefore = host.sheet("人员").values.length;
    const enrol = (role: string, department: string, device: string) =>
      enrolDevice(env, { name: head.name, role, department, device, publicKey: key.publicKey }, now);

    const promoted = await enrol("admin", head.department, "web, Edge");
    assert.ok(promoted.ok);
    assert.deepEqual(
      promoted.problems.map((p) => `${p.rule} ${p.column} ${p.detail?.roleZh} ${p.detail?.department}`),
      ["staff.otherDevice role 部门主管 业务一部"],
      "a second device cannot bring another role with it",
    );
    const moved = await enrol("deptHead", "业务二部", "web, Edge");
    assert.ok(moved.ok);
    assert.deepEqual(
      moved.problems.map((p) => `${p.rule} ${p.column}`),
      ["staff.otherDevice department"],
    );
    const same = await enrol("deptHead", head.department, " laptop ");
    assert.ok(same.ok);
    assert.deepEqual(
      same.problems.map((p) => `${p.rule} ${p.detail?.device}`),
      ["staff.deviceTaken laptop"],
    );
    assert.equal(host.sheet("人员").values.length, rowsBefore, "nothing was written by the refused tries");

    const done = await enrol("deptHead", head.department, "web, Edge");
    assert.ok(done.ok && done.problems.length === 0, JSON.stringify(done));
    const listed = await readDevices(env, people.admin.fp, head.name);
    assert.ok(listed.ok);
    assert.deepEqual(
      listed.devices.map((d) => `${d.device} ${d.status}`),
      ["laptop trusted", "web, Edge notCountersigned"],
    );
    assert.ok(
      listed.people.some((p) => p.name === head.name && p.role === "deptHead" && p.department === "业务一部"),
    );
    assert.ok(!listed.people.some((p) => p.name === ""), "only people on the sheet");

    const waiting = await loadAwaitingCountersign(env, people.admin.fp);
    assert.ok(waiting.ok);
    const signed = await countersignStaff(
      env,
      people.admin.fp,
      { name: people.admin.entry.name, fingerprint: people.admin.fp, privateKey: people.admin.privateKey },
      now,
      waiting.awaiting.map((p) => p.fingerprint),
    );
    assert.ok(signed.ok && (signed.changed as string[]).includes(head.name), JSON.stringify(signed));
    const after = await readDevices(env, people.admin.fp, head.name);
    assert.ok(after.ok);
    assert.deepEqual(
      after.devices.map((d) => `${d.device} ${d.status} ${d.fingerprint === key.fp}`),
      ["laptop trusted false", "web, Edge trusted true"],
    );
  });

  it("a first enrolment of someone new takes any role, as before", async () => {
    const host = await world(people);
    const key = await newKey();
    const result = await enrolDevice(
      envOf(host),
      { name: "周总务", role: "generalHead", department: "总务部", device: "PC", publicKey: key.publicKey },
      now,
    );
    assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
  });
});
