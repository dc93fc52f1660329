/**
 * Which Staff row judges a stamp: the one in force when the stamp was made — by the
 * Change log's clock where the log is read, by the stamp's own time where it is not.
 */
import assert from "node:assert/strict";
import {
  countersign,
  logMoment,
  trustStaff,
  type LogClock,
  type StaffEntry,
} from "../../../src/domain/stamps/staff";
import { office, type Person } from "../support/people";

type People = Awaited<ReturnType<typeof office>>;

/** A later row for a person's key: another role or department, or a revocation, from `since`. */
async function laterRow(
  people: People,
  p: Person,
  row: number,
  change: Partial<StaffEntry>,
  signed = true,
): Promise<StaffEntry> {
  const entry: StaffEntry = { ...p.entry, row, countersign: "", ...change };
  return { ...entry, countersign: signed ? await countersign(people.admin.privateKey, entry) : "" };
}

const stampOf = (p: Person, time: string, signature = `sig-${time}`) => ({ key: p.fp, time, signature });

describe("a stamp is judged by the Staff row in force when it was made (issue 13)", function () {
  this.timeout(30_000);
  let people: People;
  before(async () => {
    people = await office();
  });

  it("a promotion: before it the old role, from it the new one; the key's standing now is the new row", async () => {
    const promoted = await laterRow(people, people.head, 9, {
      role: "manager",
      department: "总务部",
      since: "2026-11-24T12:00",
    });
    const trust = await trustStaff([...people.entries, promoted], people.admin.fp);
    assert.equal(trust.at(stampOf(people.head, "2026-11-24T11:59"))?.entry.role, "deptHead");
    assert.equal(trust.at(stampOf(people.head, "2026-11-24T12:00"))?.entry.role, "manager");
    assert.equal(trust.at(stampOf(people.head, "2026-11-25T09:00"))?.status, "trusted");
    assert.equal(trust.byFingerprint.get(people.head.fp)?.entry.role, "manager");
    assert.equal(trust.byRow.get(9), "trusted");
    assert.equal(trust.at({ key: "no such key", time: "2026-11-24T12:00", signature: "" }), undefined);
  });

  it("a row whose countersignature does not cover it (typed, or its time changed) is in force for nobody", async () => {
    const typed = await laterRow(
      people,
      people.head,
      9,
      { role: "manager", since: "2026-11-24T12:00" },
      false,
    );
    const trust = await trustStaff([...people.entries, typed], people.admin.fp);
    assert.equal(trust.at(stampOf(people.head, "2026-11-24T13:00"))?.entry.role, "deptHead");
    assert.equal(trust.byRow.get(9), "notCountersigned");
    const moved = {
      ...(await laterRow(people, people.head, 9, { since: "2026-11-24T12:00" })),
      since: "2026-11-01T00:00",
    };
    const voided = await trustStaff(
      [people.admin.entry, { ...people.head.entry, since: "" }, moved],
      people.admin.fp,
    );
    assert.equal(voided.byRow.get(9), "notCountersigned");
  });

  it("a stamp dated before the person's first row is not theirs to make", async () => {
    const enrolled = { ...people.head.entry, since: "2026-11-24T12:00" };
    enrolled.countersign = await countersign(people.admin.privateKey, enrolled);
    const trust = await trustStaff([people.admin.entry, enrolled], people.admin.fp);
    assert.equal(trust.at(stampOf(people.head, "2026-11-24T11:00"))?.status, "notCountersigned");
    assert.equal(trust.at(stampOf(people.head, "2026-11-24T12:00"))?.status, "trusted");
  });

  describe("revocation", () => {
    const revocation = (at: string) => laterRow(people, people.head, 9, { revoked: true, since: at }, false);

    it("without the log: stamps dated before the revocation row count, from it on none", async () => {
      const trust = await trustStaff(
        [...people.entries, await revocation("2026-11-24T12:00")],
        people.admin.fp,
      );
      assert.equal(trust.at(stampOf(people.head, "2026-11-24T11:59"))?.status, "trusted");
      assert.equal(trust.at(stampOf(people.head, "2026-11-24T12:00"))?.status, "revoked");
      assert.equal(trust.byFingerprint.get(people.head.fp)?.status, "revoked");
    });

    it("a revoked key's stamps are each answered with the row in force when they were made", async () => {
      const promoted = await laterRow(people, people.head, 9, { role: "manager", since: "2026-11-24T12:00" });
      // The revocation row says another role again: no stamp is judged by it.
      const revoked = await laterRow(
        people,
        people.head,
        10,
        { revoked: true, role: "manager", since: "2026-11-24T14:00" },
        false,
      );
      const clock: LogClock = {
        revokedAt: new Map([[`${people.head.entry.name} laptop`, logMoment("2026-11-24T14:00", 9)]]),
        startedAt: new Map(),
        stampedAt: new Map(),
      };
      const trust = await trustStaff([...people.entries, promoted, revoked], people.admin.fp, true, clock);
      // Neither stamp was carried by the log before the revocation: both revoked, each under its own row.
      for (const [time, role] of [
        ["2026-11-24T11:00", "deptHead"],
        ["2026-11-24T13:00", "manager"],
        ["2026-11-24T11:30", "deptHead"],
      ]) {
        const at = trust.at(stampOf(people.head, time!));
        assert.deepEqual([at?.status, at?.entry.role], ["revoked", role], time);
      }
    });

    it("with the log: a stamp counts only when the log carried it before the revocation, whatever its own date", async () => {
      const clock: LogClock = {
        revokedAt: new Map([[`${people.head.entry.name} laptop`, logMoment("2026-11-24T12:00", 7)]]),
        startedAt: new Map(),
        stampedAt: new Map([
          ["before", logMoment("2026-11-24T12:00", 6)],
          ["after", logMoment("2026-11-24T12:00", 8)],
        ]),
      };
      const trust = await trustStaff(
        [...people.entries, await revocation("2026-11-24T12:00")],
        people.admin.fp,
        true,
        clock,
      );
      assert.equal(trust.at(stampOf(people.head, "2026-11-24T12:00", "before"))?.status, "trusted");
      assert.equal(
        trust.at(stampOf(people.head, "2026-11-01T09:00", "after"))?.status,
        "revoked",
        "dated back",
      );
      assert.equal(
        trust.at(stampOf(people.head, "2026-11-01T09:00", "never logged"))?.status,
        "revoked",
        "a stamp the log never carried",
      );
      assert.equal(
        trust.at(stampOf(people.chairman, "2026-11-01T09:00", "never logged"))?.status,
        "trusted",
        "a key nobody revoked: its own time",
      );
    });

    it("with the log: a 已吊销 row the log does not know revokes from the start; the log's revocation stands without its row", async () => {
      const noEntry: LogClock = {
        revokedAt: new Map(),
        startedAt: new Map(),
        stampedAt: new Map([["s", logMoment("2026-11-24T09:00", 1)]]),
      };
      const typed = await trustStaff(
        [...people.entries, await revocation("2026-12-31T00:00")],
        people.admin.fp,
        true,
        noEntry,
      );
      assert.equal(typed.at(stampOf(people.head, "2026-11-24T09:00", "s"))?.status, "revoked");
      const rowGone: LogClock = {
        ...noEntry,
        revokedAt: new Map([[`${people.head.entry.name} laptop`, logMoment("2026-11-24T10:00", 2)]]),
      };
      const logged = await trustStaff(people.entries, people.admin.fp, true, rowGone);
      assert.equal(logged.at(stampOf(people.head, "2026-11-24T09:00", "s"))?.status, "trusted");
      assert.equal(logged.byFingerprint.get(people.head.fp)?.status, "revoked");
    });
  });

  it("with the log, a row starts where the log enrolled or changed it: a stamp logged just before a promotion in the same minute keeps the old role", async () => {
    const promoted = await laterRow(people, people.head, 9, { role: "manager", since: "2026-11-24T12:00" });
    const clock: LogClock = {
      revokedAt: new Map(),
      startedAt: new Map([
        [`${people.head.entry.name} laptop@2026-11-24T12:00`, logMoment("2026-11-24T12:00", 5)],
      ]),
      stampedAt: new Map([
        ["just before", logMoment("2026-11-24T12:00", 4)],
        ["just after", logMoment("2026-11-24T12:00", 6)],
      ]),
    };
    const trust = await trustStaff([...people.entries, promoted], people.admin.fp, true, clock);
    assert.equal(trust.at(stampOf(people.head, "2026-11-24T12:00", "just before"))?.entry.role, "deptHead");
    assert.equal(trust.at(stampOf(people.head, "2026-11-24T12:00", "just after"))?.entry.role, "manager");
  });
});
