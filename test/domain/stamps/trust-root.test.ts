import assert from "node:assert/strict";
import { countersign, spokenFingerprint, trustStaff } from "../../../src/domain/stamps/staff";
import { planEnrolment } from "../../../src/domain/enrolment";
import { changeLog, staff } from "../../../src/domain/schema/sheets";
import { staffRoles } from "../../../src/domain/schema/choices";
import { person, office } from "../support/people";
import type { Snapshot } from "../../../src/domain/workbook";
import type { StaffEntry } from "../../../src/domain/stamps/staff";

/** The Staff sheet with these rows, as the pane writes them. */
function staffBook(entries: StaffEntry[]): Snapshot {
  const rows = entries.map((e) =>
    staff.columns.map((c) =>
      c.key === "role"
        ? staffRoles.find((r) => r.code === e.role)!.zh
        : c.key === "revoked"
          ? e.revoked
            ? "是"
            : "否"
          : String((e as unknown as Record<string, unknown>)[c.key] ?? ""),
    ),
  );
  return {
    sheetNames: ["人员", "变更记录"],
    sheets: {
      人员: { name: "人员", values: [staff.columns.map((c) => c.header.zh), ...rows] },
      变更记录: { name: "变更记录", values: [changeLog.columns.map((c) => c.header.zh)] },
    },
  };
}

describe("one trust root: the administrator's key (issue 13)", function () {
  this.timeout(30_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });

  async function impostor() {
    const other = await person(1, "假管理", "admin", "财务科");
    other.entry.countersign = await countersign(other.privateKey, other.entry);
    return other;
  }

  it("a device's first use trusts the sheet's only self-vouched administrator, and names the key", async () => {
    const trust = await trustStaff(people.entries, undefined);
    assert.equal(trust.adminFingerprint, people.admin.fp);
    assert.equal(trust.unverified, false);
    assert.equal(trust.byFingerprint.get(people.head.fp)!.status, "trusted");
  });

  it("with an administrator row of someone's own inserted above the real one, trusts nobody on first use", async () => {
    const other = await impostor();
    const forged = {
      ...people.head.entry,
      countersign: await countersign(other.privateKey, people.head.entry),
    };
    const trust = await trustStaff([other.entry, people.admin.entry, forged], undefined);
    assert.equal(trust.unverified, true);
    assert.deepEqual(trust.rootCandidates.sort(), [other.fp, people.admin.fp].sort());
    assert.equal(trust.byFingerprint.get(people.head.fp)!.status, "notCountersigned");
  });

  it("a device that pinned the real administrator ignores the inserted one and its countersignatures", async () => {
    const other = await impostor();
    const forged = {
      ...people.head.entry,
      countersign: await countersign(other.privateKey, people.head.entry),
    };
    const trust = await trustStaff([other.entry, people.admin.entry, forged], people.admin.fp);
    assert.equal(trust.adminFingerprint, people.admin.fp);
    assert.equal(trust.byFingerprint.get(people.head.fp)!.status, "notCountersigned");
    const real = await trustStaff([other.entry, ...people.entries], people.admin.fp);
    assert.equal(real.byFingerprint.get(people.head.fp)!.status, "trusted");
  });

  it("the command line, given no administrator, trusts nobody even when the sheet has only one", async () => {
    const trust = await trustStaff(people.entries, undefined, false);
    assert.equal(trust.unverified, true);
    assert.equal(trust.byFingerprint.get(people.head.fp)!.status, "notCountersigned");
  });

  it("a second administrator counts once the root countersigned them, and may countersign others", async () => {
    const second = await person(6, "钱副管理", "admin", "财务科");
    second.entry.countersign = await countersign(people.admin.privateKey, second.entry);
    const clerk = await person(7, "陈会计", "clerk", "财务科");
    clerk.entry.countersign = await countersign(second.privateKey, clerk.entry);
    const trust = await trustStaff([...people.entries, second.entry, clerk.entry], people.admin.fp);
    assert.equal(trust.byFingerprint.get(second.fp)!.status, "trusted");
    assert.equal(trust.byFingerprint.get(clerk.fp)!.status, "trusted");
    // A self-appointed second administrator is not one.
    const selfMade = await person(8, "周自封", "admin", "财务科");
    selfMade.entry.countersign = await countersign(selfMade.privateKey, selfMade.entry);
    const signedBySelfMade = {
      ...clerk.entry,
      countersign: await countersign(selfMade.privateKey, clerk.entry),
    };
    const refused = await trustStaff([...people.entries, selfMade.entry, signedBySelfMade], people.admin.fp);
    assert.equal(refused.byFingerprint.get(selfMade.fp)!.status, "notCountersigned");
    assert.equal(refused.byFingerprint.get(clerk.fp)!.status, "notCountersigned");
  });

  it("refuses enrolling as a self-vouched administrator when the workbook has one; a pending second one is enrolled", async () => {
    const other = await impostor();
    const now = { date: "2026-11-25", time: "10:00" };
    const refused = await planEnrolment(staffBook(people.entries), { ...other.entry }, now, "zh");
    assert.deepEqual(
      refused.problems.map((p) => [p.row, p.column, p.rule]),
      [[5, "role", "staff.adminExists"]],
    );
    assert.deepEqual(refused.writes, []);
    const pending = await planEnrolment(
      staffBook(people.entries),
      { ...other.entry, countersign: "" },
      now,
      "zh",
    );
    assert.deepEqual(pending.problems, []);
    assert.ok(pending.writes.length > 0);
    const first = await planEnrolment(staffBook([]), { ...people.admin.entry }, now, "zh");
    assert.deepEqual(first.problems, [], "the first administrator vouches for themselves");
  });

  it("reads a fingerprint aloud as eight groups of five digits", () => {
    assert.equal(
      spokenFingerprint("0000 FFFF 0001 1234 ABCD 8000 7FFF 0010"),
      "00000 65535 00001 04660 43981 32768 32767 00016",
    );
  });
});
