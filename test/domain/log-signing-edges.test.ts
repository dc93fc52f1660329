/**
 * Edges of Validate's check of the Change log's seals that the main suite
 * (log-signing.test.ts) leaves open: acts that need a key under a name that holds none,
 * seals that must stay readable across releases, where in the log a row dated back is
 * judged, and whose rows may stand between an act and the seal that vouches for it.
 */
import assert from "node:assert/strict";
import { logSignatureMessage, logSignatureProblems } from "../../src/domain/log-signing";
import { logClock } from "../../src/domain/book-context";
import { chainEntries, GENESIS, RECHAIN } from "../../src/domain/change-log";
import { countersign, trustStaff, type StaffEntry } from "../../src/domain/stamps/staff";
import { changeLog } from "../../src/domain/schema/sheets";
import { sign } from "../../src/domain/stamps/keys";
import type { Snapshot } from "../../src/domain/workbook";
import { office, person, type Person } from "./support/people";

const header = changeLog.columns.map((c) => c.header.zh);

interface Line {
  person: string;
  action: string;
  time?: string;
  newValue?: string;
  oldValue?: string;
  /** Whose key signs this row. */
  seal?: Person;
}

/** A chained Change log of these rows, sealed as said. */
async function logOf(lines: Line[]): Promise<Snapshot> {
  const chained = await chainEntries(
    GENESIS,
    lines.map((l) => ({
      time: l.time ?? "2026-11-24T10:00",
      person: l.person,
      action: l.action,
      customerId: "",
      field: "",
      oldValue: l.oldValue ?? "",
      newValue: l.newValue ?? "",
      reason: "",
    })),
  );
  const rows = await Promise.all(
    chained.map(async (e, i) => {
      const seal = lines[i]!.seal;
      const signature = seal
        ? `${seal.fp.replace(/ /g, "")} ${await sign(seal.privateKey, logSignatureMessage(e.hash))}`
        : "";
      const values: Record<string, string> = { ...(e as unknown as Record<string, string>), signature };
      return changeLog.columns.map((c) => values[c.key] ?? "");
    }),
  );
  return {
    sheetNames: ["变更记录"],
    sheets: { 变更记录: { name: "变更记录", values: [header, ...rows] } },
  };
}

/** Validate's seal problems for this log, the Staff rows trusted from this administrator. */
async function problemsOf(s: Snapshot, entries: StaffEntry[], adminFp: string) {
  const trust = await trustStaff(entries, adminFp, true, logClock(s));
  return (await logSignatureProblems(s, trust)).map((p) => [p.row, p.column, p.rule, p.value]);
}

describe("Validate's check of the Change log's seals, at its edges", function () {
  this.timeout(30_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });
  const check = (s: Snapshot) => problemsOf(s, people.entries, people.admin.fp);
  const head = () => people.head.entry.name;

  it("reports an unsealed act that needs a key written in the name of someone who holds none (a forged stamp under a clerk's name)", async () => {
    // 陈会计 never enrolled: her own rows are not asked for a seal, but these acts cannot be
    // taken without a key, so written in her name they are forgeries and must show.
    for (const action of ["stamp", "reject", "terminate", "destroy", "policy", "restaff", RECHAIN]) {
      assert.deepEqual(
        await check(await logOf([{ person: "陈会计", action }])),
        [[2, "signature", "log.unsigned", "陈会计"]],
        action,
      );
    }
    assert.deepEqual(await check(await logOf([{ person: "陈会计", action: "post" }])), []);
  });

  it("an unsealed rechain vouches for nothing: the breaks it names are reported at their rows", async () => {
    const sealedAct = await logOf([{ person: head(), action: "terminate", seal: people.head }]);
    const hash = String(sealedAct.sheets["变更记录"]!.values[1]![header.indexOf("校验值")]);
    const s = await logOf([
      { person: head(), action: "terminate", seal: people.head },
      { person: head(), action: RECHAIN, oldValue: `${hash}  unknownhash` },
    ]);
    assert.deepEqual(await check(s), [
      [3, "signature", "log.unsigned", head()],
      [2, "hash", "log.chainBroken", hash],
    ]);
    const trust = await trustStaff(people.entries, people.admin.fp, true, logClock(s));
    assert.deepEqual(
      (await logSignatureProblems(s, trust)).map((p) => p.sheet),
      ["changeLog", "changeLog"],
      "both on the Change log",
    );
    // Any other unsealed act naming that hash in its old value is only unsealed.
    const other = await logOf([
      { person: head(), action: "terminate", seal: people.head },
      { person: head(), action: "terminate", oldValue: hash },
    ]);
    assert.deepEqual(await check(other), [[3, "signature", "log.unsigned", head()]]);
    // Sealed, the same rechain is the person's word for their own rows: nothing reported here.
    const sealed = await logOf([
      { person: head(), action: "terminate", seal: people.head },
      { person: head(), action: RECHAIN, oldValue: hash, seal: people.head },
    ]);
    assert.deepEqual(await check(sealed), []);
  });

  it("does not let a keyholder's later seal vouch for an unsealed act in their name when someone else's rows stand between", async () => {
    // Someone writes a stamp in the head's name without the head's key; a clerk posts; then
    // the head really acts and seals. Through the chain that seal covers every row above,
    // but it is the seal of the head's own last block only: the forged stamp stays unsealed.
    const s = await logOf([
      { person: head(), action: "stamp" },
      { person: "陈会计", action: "post" },
      { person: head(), action: "done", seal: people.head },
    ]);
    assert.deepEqual(await check(s), [[2, "signature", "log.unsigned", head()]]);
    // Without the clerk's row between, the same seal ends the head's block and covers the stamp.
    const own = await logOf([
      { person: head(), action: "stamp" },
      { person: head(), action: "done", seal: people.head },
    ]);
    assert.deepEqual(await check(own), []);
  });

  it("still reports a keyholder's unsealed row after the administrator revokes their key later in the log", async () => {
    // The revocation counts from where the log made it: it does not excuse the head's
    // unsealed row written while the key was in force.
    const s = await logOf([
      { person: head(), action: "correct", time: "2026-11-24T10:00" },
      {
        person: people.admin.entry.name,
        action: "revoke",
        time: "2026-11-24T11:00",
        newValue: `${head()} laptop`,
        seal: people.admin,
      },
    ]);
    assert.deepEqual(await check(s), [[2, "signature", "log.unsigned", head()]]);
  });
});

describe("Validate's check of the Change log's seals across time", function () {
  this.timeout(30_000);

  it("asks a seal of a keyholder's row dated back before their key took effect: the log's order places it after", async () => {
    // The head's Staff row is in force from 11:00. Their unsealed row comes after an 11:00
    // row in the log but says 09:00: dating it back does not move it before the key.
    const admin = await person(2, "赵管理", "admin", "财务科");
    const head = await person(3, "王主管", "deptHead");
    head.entry.since = "2026-11-24T11:00";
    admin.entry.countersign = await countersign(admin.privateKey, admin.entry);
    head.entry.countersign = await countersign(admin.privateKey, head.entry);
    const entries = [admin.entry, head.entry];
    const s = await logOf([
      { person: "陈会计", action: "post", time: "2026-11-24T11:00" },
      { person: "王主管", action: "correct", time: "2026-11-24T09:00" },
    ]);
    assert.deepEqual(await problemsOf(s, entries, admin.fp), [[3, "signature", "log.unsigned", "王主管"]]);
    // Written in its place in time, before the key took effect, it is not asked for a seal.
    const before = await logOf([
      { person: "王主管", action: "correct", time: "2026-11-24T09:00" },
      { person: "陈会计", action: "post", time: "2026-11-24T11:00" },
    ]);
    assert.deepEqual(await problemsOf(before, entries, admin.fp), []);
  });
});

describe("a seal written by the add-in as released", function () {
  this.timeout(30_000);

  // A workbook sealed by this release: the Staff rows, one Change log row and its seal, as
  // they stand in the cells. The signed bytes are part of the workbook's format: a later
  // version that signed or checked other bytes would report every seal already written.
  const admin: StaffEntry = {
    row: 2,
    name: "赵管理",
    department: "财务科",
    role: "admin",
    device: "laptop",
    publicKey:
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEi9lcaBnD+JzlZWtrWVP+iUaHNysk1YImi7qjLFplW6yGMeIFOC6Mbo9u/e9f83uAt8mAzs7V1+ytuTxfUfIiiQ==",
    countersign: "vCDQpBpahv9LWIOm24LtDZraoePF9QGegBWGmTzV+/HXsEt76YCWjkjuz7PYZbDXLM/Z/H/8alUyTgK2dvLlBg==",
    revoked: false,
    since: "",
  };
  const head: StaffEntry = {
    row: 3,
    name: "王主管",
    department: "业务一部",
    role: "deptHead",
    device: "laptop",
    publicKey:
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE7OspGX6etVedJRrFy2l4tJyRzuOXMYCu+qAy4Zr6zMYQLZDxyOTDzL28Jjj3KZG4G3LDwrIaiKi6R1cknPcxrA==",
    countersign: "sa5c57a1WmtOkThY6Mx96ZNxeMLVDpMowqmHhsWZZiLl44RKgfsmnMSYdKUNXcTRIPeIdrliJxxXonzFkrIKwg==",
    revoked: false,
    since: "",
  };
  const row: Record<string, string> = {
    time: "2026-11-24T10:00",
    person: "王主管",
    action: "stamp",
    customerId: "C000001",
    hash: "2108ac071d429cb1ac643b1dc66fe697648de79ba19db04c1dda653f797e72aa",
    signature:
      "E7B260389A00F4790238686D54B04D90 Vj5J3Zx2xmHj8gNX3dlJqPREZD2MCl1B8Z2mdLpUgP6BK314OpqvK8QcGxgxdVubRYsQH0EnS59leWm/zSPzsw==",
  };
  const bookWith = (values: Record<string, string>): Snapshot => ({
    sheetNames: ["变更记录"],
    sheets: {
      变更记录: { name: "变更记录", values: [header, changeLog.columns.map((c) => values[c.key] ?? "")] },
    },
  });

  it("still verifies: Validate finds nothing wrong with the sealed stamp", async () => {
    const fp = (await trustStaff([admin, head], undefined)).rootCandidates[0]!;
    assert.deepEqual(await problemsOf(bookWith(row), [admin, head], fp), []);
    // And it holds only for the row it sealed: the same seal under another hash is broken.
    const other = { ...row, hash: row.hash!.replace(/^21/, "12") };
    assert.deepEqual(await problemsOf(bookWith(other), [admin, head], fp), [
      [2, "signature", "log.badSignature", "王主管"],
    ]);
  });
});
