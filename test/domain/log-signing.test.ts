/**
 * Sealing what an action appends to the Change log: which write gets the signature, where,
 * and what Validate makes of it.
 */
import assert from "node:assert/strict";
import { logSignatureMessage, logSignatureProblems, signLogWrites } from "../../src/domain/log-signing";
import { logClock } from "../../src/domain/book-context";
import { chainEntries, GENESIS } from "../../src/domain/change-log";
import { trustStaff } from "../../src/domain/stamps/staff";
import { changeLog } from "../../src/domain/schema/sheets";
import { sign, verify } from "../../src/domain/stamps/keys";
import type { Snapshot, Write } from "../../src/domain/workbook";
import { office, person, type Person } from "./support/people";

const header = changeLog.columns.map((c) => c.header.zh);
const at = (key: string) => changeLog.columns.findIndex((c) => c.key === key);
const book: Snapshot = {
  sheetNames: ["变更记录"],
  sheets: { 变更记录: { name: "变更记录", values: [header] } },
};
/** A log row as a plan writes it, with this hash. */
const row = (hash: string) =>
  header.map((_, i) => (i === at("hash") ? hash : i === at("person") ? "陈会计" : ""));

describe("sealing what an action appends to the Change log", function () {
  this.timeout(20_000);

  it("signs the last row of each block written to the log over its hash, in the same write, and leaves other writes alone", async () => {
    const me = await person(3, "王主管", "deptHead");
    const writes: Write[] = [
      { kind: "values", sheet: "变更记录", row: 1, col: 0, values: [row("h1"), row("h2")] },
      { kind: "values", sheet: "客户原簿", row: 5, col: 0, values: [["C000001"]] },
      { kind: "values", sheet: "变更记录", row: 3, col: 0, values: [row("h3")] },
      // A destruction blanking the words of an old row: no hash written, nothing to seal.
      { kind: "values", sheet: "变更记录", row: 2, col: at("oldValue"), values: [["", ""]] },
    ];
    const sealed = await signLogWrites(book, writes, { fingerprint: me.fp, privateKey: me.privateKey });
    assert.equal(sealed.length, writes.length, "no write added, none lost");
    const cell = (w: Write, r: number) =>
      w.kind === "values" ? String(w.values[r]![at("signature")] ?? "") : "";
    assert.equal(cell(sealed[0]!, 0), "", "only the block's last row");
    const [fp, signature] = cell(sealed[0]!, 1).split(" ");
    assert.equal(fp, me.fp.replace(/ /g, ""));
    assert.ok(
      await verify(me.entry.publicKey, logSignatureMessage("h2"), signature!),
      "over that row's hash",
    );
    assert.deepEqual(sealed[1], writes[1]);
    assert.ok(
      await verify(me.entry.publicKey, logSignatureMessage("h3"), cell(sealed[2]!, 0).split(" ")[1]!),
    );
    assert.deepEqual(sealed[3], writes[3]);
    assert.equal(cell(writes[0]!, 1), "", "the plan's own writes are not changed in place");
  });

  it("puts the signature in a write of its own when the block stops before the signature column", async () => {
    const me = await person(3, "王主管", "deptHead");
    const narrow = row("h9").slice(0, at("hash") + 1);
    const sealed = await signLogWrites(
      book,
      [{ kind: "values", sheet: "变更记录", row: 7, col: 0, values: [narrow, narrow] }],
      { fingerprint: me.fp, privateKey: me.privateKey },
    );
    assert.equal(sealed.length, 2);
    const extra = sealed[1]!;
    assert.ok(extra.kind === "values");
    assert.deepEqual([extra.sheet, extra.row, extra.col], ["变更记录", 8, at("signature")]);
    assert.ok(
      await verify(me.entry.publicKey, logSignatureMessage("h9"), String(extra.values[0]![0]).split(" ")[1]!),
    );
  });

  it("signs nothing in a workbook whose log has no signature column yet", async () => {
    const me = await person(3, "王主管", "deptHead");
    const old: Snapshot = {
      sheetNames: ["变更记录"],
      sheets: { 变更记录: { name: "变更记录", values: [header.slice(0, at("signature"))] } },
    };
    const writes: Write[] = [{ kind: "values", sheet: "变更记录", row: 1, col: 0, values: [row("h1")] }];
    assert.deepEqual(
      await signLogWrites(old, writes, { fingerprint: me.fp, privateKey: me.privateKey }),
      writes,
    );
  });
});

describe("Validate's check of the Change log's seals", function () {
  this.timeout(30_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });

  interface Line {
    person: string;
    action: string;
    time?: string;
    newValue?: string;
    /** Whose key signs this row, or a cell typed as it stands. */
    seal?: Person | string;
  }
  /** A chained Change log of these rows, sealed as said, with the office's Staff. */
  async function logOf(lines: Line[]): Promise<Snapshot> {
    const chained = await chainEntries(
      GENESIS,
      lines.map((l) => ({
        time: l.time ?? "2026-11-24T10:00",
        person: l.person,
        action: l.action,
        customerId: "",
        field: "",
        oldValue: "",
        newValue: l.newValue ?? "",
        reason: "",
      })),
    );
    const rows = await Promise.all(
      chained.map(async (e, i) => {
        const seal = lines[i]!.seal;
        const signature =
          seal === undefined
            ? ""
            : typeof seal === "string"
              ? seal
              : `${seal.fp.replace(/ /g, "")} ${await sign(seal.privateKey, logSignatureMessage(e.hash))}`;
        const values: Record<string, string> = { ...(e as unknown as Record<string, string>), signature };
        return changeLog.columns.map((c) => values[c.key] ?? "");
      }),
    );
    return {
      sheetNames: ["变更记录"],
      sheets: { 变更记录: { name: "变更记录", values: [header, ...rows] } },
    };
  }
  const check = async (s: Snapshot, trusted = true) =>
    (
      await logSignatureProblems(
        s,
        await trustStaff(people.entries, trusted ? people.admin.fp : undefined, trusted, logClock(s)),
      )
    ).map((p) => [p.row, p.column, p.rule, p.value]);
  const head = () => people.head.entry.name;

  it("asks the person's own seal of every act that needs a key, and of no other", async () => {
    for (const action of ["stamp", "reject", "terminate", "destroy", "policy", "restaff"]) {
      assert.deepEqual(
        await check(await logOf([{ person: head(), action }])),
        [[2, "signature", "log.unsigned", head()]],
        action,
      );
      assert.deepEqual(await check(await logOf([{ person: head(), action, seal: people.head }])), [], action);
    }
    assert.deepEqual(await check(await logOf([{ person: "陈会计", action: "correct" }])), []);
  });

  it("asks every row of a person holding a trusted key for their seal, whatever the action, and none of a person without one", async () => {
    for (const action of ["correct", "post", "file", "review", "loan", "card"]) {
      assert.deepEqual(
        await check(await logOf([{ person: head(), action }])),
        [[2, "signature", "log.unsigned", head()]],
        action,
      );
      assert.deepEqual(await check(await logOf([{ person: head(), action, seal: people.head }])), [], action);
    }
    // 陈会计 never enrolled: her rows cannot be sealed and are not asked to be.
    assert.deepEqual(await check(await logOf([{ person: "陈会计", action: "post" }])), []);
    // Nor are the head's rows once the log has revoked the key (nothing can seal them).
    const afterRevocation = await logOf([
      { person: "赵管理", action: "revoke", newValue: `${head()} laptop`, seal: people.admin },
      { person: head(), action: "correct" },
    ]);
    assert.deepEqual(await check(afterRevocation), []);
  });

  it("asks a clerk's rows for a seal only from where the signed rules ask every row's, and takes a countersigned key's seal there", async () => {
    const s = await logOf([
      { person: "陈会计", action: "post" },
      { person: "陈会计", action: "post" },
      { person: head(), action: "post", seal: people.head },
    ]);
    const trust = await trustStaff(people.entries, people.admin.fp, true, logClock(s));
    const problems = async (from: number) =>
      (await logSignatureProblems(s, trust, (index) => index >= from)).map((p) => [p.row, p.rule, p.value]);
    assert.deepEqual(await problems(1), [[3, "log.unsigned", "陈会计"]]);
    assert.deepEqual(await problems(0), [
      [2, "log.unsigned", "陈会计"],
      [3, "log.unsigned", "陈会计"],
    ]);
    assert.deepEqual(await problems(3), []);
  });

  it("asks no enrolment for a seal, a keyholder's or a clerk's, where every row's is asked; their other rows it asks", async () => {
    // Session 28, found in the preview: a second person's enrolment (their key not trusted
    // until countersigned) was reported unsealed by every Validate under 全员签名.
    const s = await logOf([
      { person: "陈会计", action: "enrol", newValue: "PC" },
      { person: head(), action: "enrol", newValue: "desktop" },
      { person: "赵管理", action: "countersign", seal: people.admin },
      { person: "陈会计", action: "post" },
    ]);
    const trust = await trustStaff(people.entries, people.admin.fp, true, logClock(s));
    const problems = (await logSignatureProblems(s, trust, () => true)).map((p) => [p.row, p.rule, p.value]);
    assert.deepEqual(problems, [[5, "log.unsigned", "陈会计"]]);
    // The same enrolment again (person, device, time) would move where the Staff row
    // starts by the log's clock: it is asked for a seal like any other row.
    const again = await logOf([
      { person: "陈会计", action: "enrol", newValue: "PC" },
      { person: "赵管理", action: "countersign", seal: people.admin },
      { person: "陈会计", action: "enrol", newValue: "PC" },
    ]);
    const twice = await trustStaff(people.entries, people.admin.fp, true, logClock(again));
    assert.deepEqual(
      (await logSignatureProblems(again, twice, () => true)).map((p) => [p.row, p.rule, p.value]),
      [[4, "log.unsigned", "陈会计"]],
    );
  });

  it("takes a block's seal from its last row, when every row up to it is the same person's and the seal is theirs", async () => {
    const sealedBlock = await logOf([
      { person: head(), action: "stamp" },
      { person: head(), action: "done", seal: people.head },
    ]);
    assert.deepEqual(await check(sealedBlock), []);
    const sealedBySomeoneElse = await logOf([
      { person: head(), action: "stamp" },
      { person: "陈会计", action: "correct", seal: people.head },
    ]);
    assert.deepEqual(await check(sealedBySomeoneElse), [[2, "signature", "log.unsigned", head()]]);
    const sealedWithAnotherKey = await logOf([
      { person: head(), action: "stamp" },
      { person: head(), action: "done", seal: people.chairman },
    ]);
    // The head holds a key: the last row is theirs too, and unsealed by them.
    assert.deepEqual(await check(sealedWithAnotherKey), [
      [2, "signature", "log.unsigned", head()],
      [3, "signature", "log.unsigned", head()],
    ]);
    const nothingAfter = await logOf([
      { person: head(), action: "stamp" },
      { person: head(), action: "done" },
    ]);
    assert.deepEqual(await check(nothingAfter), [
      [2, "signature", "log.unsigned", head()],
      [3, "signature", "log.unsigned", head()],
    ]);
  });

  it("reports a broken seal once, as broken, not the act it was meant to seal as unsealed", async () => {
    const s = await logOf([
      { person: head(), action: "stamp" },
      { person: head(), action: "done", seal: `${people.head.fp.replace(/ /g, "")} AAAA` },
    ]);
    assert.deepEqual(await check(s), [[3, "signature", "log.badSignature", head()]]);
  });

  it("reads a seal with extra spaces around or between its parts, and names a cell that is no seal by its first characters", async () => {
    const s = await logOf([{ person: head(), action: "done", seal: people.head }]);
    const grid = s.sheets["变更记录"]!.values;
    const at = header.indexOf("签名");
    grid[1]![at] = `  ${String(grid[1]![at]).replace(" ", "   ")}  `;
    assert.deepEqual(await check(s), []);
    const typed = await logOf([{ person: "陈会计", action: "correct", seal: "ABCDEFGHIJKLMNOPQRSTUVWXYZ" }]);
    assert.deepEqual(await check(typed), [[2, "signature", "log.badSignature", "ABCDEFGHIJKL"]]);
  });

  it("judges a seal by the Staff row in force at its place in the log: after a revocation, even a row dated back", async () => {
    const s = await logOf([
      { person: head(), action: "done", time: "2026-11-24T10:00", seal: people.head },
      {
        person: "赵管理",
        action: "revoke",
        time: "2026-11-24T11:00",
        newValue: `${head()} laptop`,
        seal: people.admin,
      },
      { person: head(), action: "done", time: "2026-11-24T09:00", seal: people.head },
    ]);
    assert.deepEqual(await check(s), [[4, "signature", "log.badSignature", head()]]);
  });

  it("checks nothing without a trust root: the stamps say so", async () => {
    const s = await logOf([{ person: head(), action: "stamp", seal: "not a seal at all" }]);
    assert.deepEqual(await check(s, false), []);
  });
});

describe("sealing blocks that do not start at the first column", function () {
  this.timeout(20_000);
  it("finds the hash and the signature column relative to where the block starts, and seals no block whose last hash is empty", async () => {
    const me = await person(3, "王主管", "deptHead");
    const from = 2;
    const shifted = row("h5").slice(from);
    const sealed = await signLogWrites(
      book,
      [
        { kind: "values", sheet: "变更记录", row: 4, col: from, values: [shifted] },
        { kind: "values", sheet: "变更记录", row: 5, col: 0, values: [row("")] },
        { kind: "values", sheet: "变更记录", row: 6, col: at("hash"), values: [["h6"]] },
      ],
      { fingerprint: me.fp, privateKey: me.privateKey },
    );
    const first = sealed[0]!;
    assert.ok(first.kind === "values");
    const cell = String(first.values[0]![at("signature") - from]);
    assert.ok(await verify(me.entry.publicKey, logSignatureMessage("h5"), cell.split(" ")[1]!));
    const blank = sealed[1]!;
    assert.ok(blank.kind === "values");
    assert.equal(blank.values[0]![at("signature")], "", "no hash, no seal");
    const own = sealed.slice(2);
    assert.equal(own.length, 2, "a block of the hash cell alone gets its seal in a write of its own");
    const extra = own[1]!;
    assert.ok(extra.kind === "values");
    assert.deepEqual([extra.row, extra.col], [6, at("signature")]);
  });
});
