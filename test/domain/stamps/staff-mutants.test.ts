/**
 * Who may stamp, at the edges the other Staff tests leave open: who can countersign, what a
 * new device takes for the administrator, when the warning about a changed administrator is
 * raised, how the Change log's clock orders rows and revocations, and how the Staff sheet's
 * cells are read.
 */
import assert from "node:assert/strict";
import {
  countersign,
  logMoment,
  staffEntries,
  trustStaff,
  type LogClock,
  type StaffEntry,
} from "../../../src/domain/stamps/staff";
import { staffRoles } from "../../../src/domain/schema/choices";
import { office, person, type Person } from "../support/people";

type People = Awaited<ReturnType<typeof office>>;

/** The entry with `signer`'s countersignature over it. */
async function signedBy(signer: Person, entry: StaffEntry): Promise<StaffEntry> {
  return { ...entry, countersign: await countersign(signer.privateKey, entry) };
}

/** A Staff sheet record for the entry, as the sheet shows it: the role's Chinese label, 是/否. */
function sheetRecord(e: StaffEntry, cells: Record<string, string | number | boolean> = {}) {
  return {
    row: e.row,
    values: {
      name: e.name,
      department: e.department,
      role: staffRoles.find((r) => r.code === e.role)!.zh,
      device: e.device,
      publicKey: e.publicKey,
      countersign: e.countersign,
      revoked: e.revoked ? "是" : "否",
      since: e.since,
      ...cells,
    },
  };
}

const stampOf = (p: Person, time: string, signature = `sig-${time}`) => ({ key: p.fp, time, signature });

const noLog = (): LogClock => ({ revokedAt: new Map(), startedAt: new Map(), stampedAt: new Map() });

describe("who may stamp: countersigning, the administrator, the log's clock, the Staff cells", function () {
  this.timeout(30_000);
  let people: People;
  before(async () => {
    people = await office();
  });

  describe("countersigning and the administrator", () => {
    it("a department head cannot countersign: a clerk's row signed by them is not trusted", async () => {
      const clerk = await person(7, "陈会计", "clerk", "财务科");
      const byHead = await signedBy(people.head, clerk.entry);
      const trust = await trustStaff([...people.entries, byHead], people.admin.fp);
      assert.equal(trust.byFingerprint.get(clerk.fp)?.status, "notCountersigned");
      assert.equal(trust.byRow.get(7), "notCountersigned");
      assert.equal(trust.byFingerprint.get(people.head.fp)?.status, "trusted");
    });

    it("a new device finds the administrator although a second administrator and a pending one are on the sheet", async () => {
      const second = await person(6, "钱副管理", "admin", "财务科");
      const pending = await person(8, "孙待签", "admin", "财务科");
      const trust = await trustStaff(
        [...people.entries, await signedBy(people.admin, second.entry), pending.entry],
        undefined,
      );
      assert.deepEqual(trust.rootCandidates, [people.admin.fp]);
      assert.equal(trust.adminFingerprint, people.admin.fp);
      assert.equal(trust.unverified, false);
      assert.equal(trust.byFingerprint.get(second.fp)?.status, "trusted");
      assert.equal(trust.byFingerprint.get(pending.fp)?.status, "notCountersigned");
    });

    it("a device that pinned the administrator trusts nothing once their row is gone or revoked, and warns loudly; a new workbook with nobody on Staff is no warning", async () => {
      const trust = await trustStaff([people.head.entry, people.chairman.entry], people.admin.fp);
      assert.equal(trust.unverified, true);
      assert.equal(trust.adminChanged, true, "row deleted");
      assert.equal(trust.byFingerprint.get(people.head.fp)?.status, "notCountersigned");
      const revoked = await trustStaff(
        [{ ...people.admin.entry, revoked: true }, people.head.entry],
        people.admin.fp,
      );
      assert.equal(revoked.adminChanged, true, "已吊销 typed into the administrator's row");
      const fresh = await trustStaff([], people.admin.fp);
      assert.equal(fresh.unverified, true);
      assert.equal(fresh.adminChanged, false);
      const emptyPin = await trustStaff([people.head.entry], "");
      assert.equal(emptyPin.adminChanged, false, "an empty pin is no pin");
    });

    it("a device that never pinned anyone, facing two self-vouched administrators, is not told its administrator changed", async () => {
      const other = await person(1, "假管理", "admin", "财务科");
      const trust = await trustStaff([await signedBy(other, other.entry), ...people.entries], undefined);
      assert.equal(trust.unverified, true);
      assert.equal(trust.adminChanged, false);
      const cli = await trustStaff(people.entries, undefined, false);
      assert.equal(cli.unverified, true);
      assert.equal(cli.adminChanged, false, "the command line without --admin");
    });
  });

  describe("each key's standing now", () => {
    it("someone enrolled but not yet countersigned is still named by their key, as not countersigned", async () => {
      const clerk = await person(7, "陈会计", "clerk", "财务科");
      const trust = await trustStaff([...people.entries, clerk.entry], people.admin.fp);
      const standing = trust.byFingerprint.get(clerk.fp);
      assert.equal(standing?.status, "notCountersigned");
      assert.equal(standing?.entry.name, "陈会计");
      assert.equal(standing?.entry.row, 7);
    });

    it("a promotion typed in without a countersignature leaves the person in their countersigned role", async () => {
      const typed: StaffEntry = {
        ...people.head.entry,
        row: 9,
        role: "manager",
        since: "2026-11-24T12:00",
        countersign: "",
      };
      const trust = await trustStaff([...people.entries, typed], people.admin.fp);
      const standing = trust.byFingerprint.get(people.head.fp);
      assert.equal(standing?.status, "trusted");
      assert.equal(standing?.entry.role, "deptHead");
      assert.equal(standing?.entry.row, 3);
    });

    it("a promotion row above the person's first row (the sheet was sorted) still takes effect only from its time", async () => {
      const promoted = await signedBy(people.admin, {
        ...people.head.entry,
        row: 3,
        role: "manager",
        since: "2026-11-24T12:00",
      });
      const first = { ...people.head.entry, row: 9 };
      const trust = await trustStaff(
        [people.admin.entry, promoted, people.chairman.entry, first],
        people.admin.fp,
      );
      assert.equal(trust.at(stampOf(people.head, "2026-11-24T11:59"))?.entry.role, "deptHead");
      assert.equal(trust.at(stampOf(people.head, "2026-11-24T13:00"))?.entry.role, "manager");
      assert.equal(trust.byFingerprint.get(people.head.fp)?.entry.role, "manager");
    });

    it("of two rows in force from the same moment the lower one on the sheet counts, whatever order they are read in", async () => {
      const lower = await signedBy(people.admin, { ...people.head.entry, row: 9, role: "manager" });
      const trust = await trustStaff([people.admin.entry, lower, people.head.entry], people.admin.fp);
      assert.equal(trust.byFingerprint.get(people.head.fp)?.entry.role, "manager");
      assert.equal(trust.at(stampOf(people.head, "2026-11-24T10:00"))?.entry.row, 9);
    });
  });

  describe("the Change log's clock", () => {
    const who = () => `${people.head.entry.name} laptop`;

    it("a stamp the log carried on the row after the revocation, in the same minute, does not count (row 10 after row 9)", async () => {
      const clock: LogClock = {
        ...noLog(),
        revokedAt: new Map([[who(), logMoment("2026-11-24T12:00", 9)]]),
        stampedAt: new Map([
          ["on row 8", logMoment("2026-11-24T12:00", 8)],
          ["on row 10", logMoment("2026-11-24T12:00", 10)],
        ]),
      };
      const trust = await trustStaff(people.entries, people.admin.fp, true, clock);
      assert.equal(trust.at(stampOf(people.head, "2026-11-24T12:00", "on row 8"))?.status, "trusted");
      assert.equal(trust.at(stampOf(people.head, "2026-11-24T12:00", "on row 10"))?.status, "revoked");
    });

    it("the log row that revokes a key already finds it revoked: a seal by that key on it does not hold", async () => {
      const at = logMoment("2026-11-24T12:00", 7);
      const clock: LogClock = { ...noLog(), revokedAt: new Map([[who(), at]]) };
      const revocation = await signedBy(people.admin, {
        ...people.head.entry,
        row: 9,
        revoked: true,
        since: "2026-11-24T12:00",
      });
      const trust = await trustStaff([...people.entries, revocation], people.admin.fp, true, clock);
      assert.equal(trust.atMoment(people.head.fp, logMoment("2026-11-24T12:00", 6))?.status, "trusted");
      assert.equal(trust.atMoment(people.head.fp, at)?.status, "revoked");
    });

    it("the log row that records a promotion is already judged by the new role", async () => {
      const at = logMoment("2026-11-24T12:00", 5);
      const promoted = await signedBy(people.admin, {
        ...people.head.entry,
        row: 9,
        role: "manager",
        since: "2026-11-24T12:00",
      });
      const clock: LogClock = { ...noLog(), startedAt: new Map([[`${who()}@2026-11-24T12:00`, at]]) };
      const trust = await trustStaff([...people.entries, promoted], people.admin.fp, true, clock);
      assert.equal(trust.atMoment(people.head.fp, logMoment("2026-11-24T12:00", 4))?.entry.role, "deptHead");
      assert.equal(trust.atMoment(people.head.fp, at)?.entry.role, "manager");
    });

    it("someone whose key the log revoked cannot act now by setting their device's clock back", async () => {
      const clock: LogClock = {
        ...noLog(),
        revokedAt: new Map([[who(), logMoment("2026-11-24T12:00", 7)]]),
      };
      const trust = await trustStaff(people.entries, people.admin.fp, true, clock);
      assert.equal(trust.asOf(people.head.fp, "2026-11-24T11:00")?.status, "revoked");
      assert.equal(trust.asOf(people.chairman.fp, "2026-11-24T11:00")?.status, "trusted");
    });

    it("a 已吊销 row the log does not know revokes the key from the start, even when the log revoked it later under another device name", async () => {
      const clock: LogClock = {
        ...noLog(),
        revokedAt: new Map([[who(), logMoment("2026-11-25T09:00", 20)]]),
        stampedAt: new Map([["s", logMoment("2026-11-24T10:00", 3)]]),
      };
      const typed: StaffEntry = {
        ...people.head.entry,
        row: 9,
        device: "新笔记本",
        revoked: true,
        since: "2026-11-24T12:00",
        countersign: "",
      };
      const trust = await trustStaff([...people.entries, typed], people.admin.fp, true, clock);
      assert.equal(trust.at(stampOf(people.head, "2026-11-24T10:00", "s"))?.status, "revoked");
    });

    it("without the log: a revoked key's stamp whose time carries stray blanks is placed at its minute, not before the revocation", async () => {
      const revocation: StaffEntry = {
        ...people.head.entry,
        row: 9,
        revoked: true,
        since: "2026-11-24T12:00",
        countersign: "",
      };
      const trust = await trustStaff([...people.entries, revocation], people.admin.fp);
      assert.equal(trust.at(stampOf(people.head, "2026-11-24 11:59 "))?.status, "trusted");
      assert.equal(trust.at(stampOf(people.head, "2026-11-24 12:00 "))?.status, "revoked");
    });
  });

  describe("reading the Staff sheet", () => {
    it("a 生效时间 typed with a space (2026-11-24 12:00) starts the row at that minute", async () => {
      const promoted = await signedBy(people.admin, {
        ...people.head.entry,
        row: 9,
        role: "manager",
        since: "2026-11-24T12:00",
      });
      const records = [...people.entries, promoted].map((e) =>
        sheetRecord(e, e.since ? { since: "2026-11-24 12:00" } : {}),
      );
      const entries = staffEntries(records);
      assert.equal(entries.at(-1)?.since, "2026-11-24T12:00");
      const trust = await trustStaff(entries, people.admin.fp);
      assert.equal(trust.at(stampOf(people.head, "2026-11-24T11:59"))?.entry.role, "deptHead");
      assert.equal(trust.at(stampOf(people.head, "2026-11-24T12:00"))?.entry.role, "manager");
      assert.equal(trust.byRow.get(9), "trusted");
      const doubled = staffEntries(
        [...people.entries, promoted].map((e) =>
          sheetRecord(e, e.since ? { since: "2026-11-24  12:00" } : {}),
        ),
      );
      assert.equal(doubled.at(-1)?.since, "2026-11-24T12:00", "two blanks between date and time, as typed");
    });

    it("cells with stray blanks around them (pasted) read as the row the administrator countersigned", async () => {
      const e = people.head.entry;
      const padded = sheetRecord(e, {
        name: ` ${e.name} `,
        department: ` ${e.department}\t`,
        role: " 部门主管 ",
        device: " laptop ",
        publicKey: ` ${e.publicKey}\n`,
        countersign: ` ${e.countersign} `,
        revoked: " 否 ",
      });
      const [entry] = staffEntries([padded]);
      assert.deepEqual(entry, e);
      const trust = await trustStaff([people.admin.entry, entry!], people.admin.fp);
      assert.equal(trust.byFingerprint.get(people.head.fp)?.status, "trusted");
    });

    it("a row without a public key (someone listed, not yet enrolled) is left out, not reported as an unreadable key", async () => {
      const listed = {
        row: 7,
        values: { name: "陈会计", department: "财务科", role: "财务科职员", publicKey: "  " },
      };
      const entries = staffEntries([...people.entries.map((e) => sheetRecord(e)), listed]);
      assert.deepEqual(
        entries.map((e) => e.row),
        [2, 3, 4],
      );
      const trust = await trustStaff(entries, people.admin.fp);
      assert.deepEqual(trust.unreadable, []);
    });

    it("records lacking cells read them as blank: no key, no revocation, in force from the start", async () => {
      const e = people.head.entry;
      const older = {
        row: e.row,
        values: {
          name: e.name,
          department: e.department,
          role: "部门主管",
          device: e.device,
          publicKey: e.publicKey,
          countersign: e.countersign,
        },
      };
      const unkeyed = { row: 7, values: { name: "陈会计", department: "财务科", role: "财务科职员" } };
      const entries = staffEntries([older, unkeyed]);
      assert.deepEqual(entries, [e]);
      const trust = await trustStaff([people.admin.entry, ...entries], people.admin.fp);
      assert.equal(trust.byFingerprint.get(people.head.fp)?.status, "trusted");
    });

    it("a 已吊销 cell holding Excel's TRUE, or typed Yes, revokes the key", async () => {
      const asTrue = staffEntries([sheetRecord(people.head.entry, { revoked: true })]);
      const asYes = staffEntries([sheetRecord(people.chairman.entry, { revoked: "Yes" })]);
      assert.equal(asTrue[0]?.revoked, true);
      assert.equal(asYes[0]?.revoked, true);
      const trust = await trustStaff([people.admin.entry, ...asTrue, ...asYes], people.admin.fp);
      assert.equal(trust.byFingerprint.get(people.head.fp)?.status, "revoked");
      assert.equal(trust.byFingerprint.get(people.chairman.fp)?.status, "revoked");
    });
  });
});
