/**
 * The Settings rules in force are the register administrator's signed version, never a
 * cell (src/domain/policy.ts): which version applies, which Settings cell is reported
 * (row, column, what is in force), what signing writes and logs, and from which Change log
 * row on every row must be sealed (变更记录须全员签名). Pure domain: snapshots in, no host.
 */
import assert from "node:assert/strict";
import {
  builtInPolicy,
  planPolicySigning,
  policyInForce,
  withPolicy,
  type StampPolicy,
} from "../../src/domain/policy";
import { logClock, settingsOf } from "../../src/domain/book-context";
import { appendToLog } from "../../src/domain/log-writes";
import { findSheet } from "../../src/domain/layout";
import { readSheet } from "../../src/domain/records";
import { changeLog, settings as settingsSheet } from "../../src/domain/schema/sheets";
import type { Lang } from "../../src/domain/schema/model";
import { defaultSettings, defaultSettingsRows, settingDefs, type Settings } from "../../src/domain/settings";
import { canonicalJson } from "../../src/domain/stamps/encoding";
import { sign, verify } from "../../src/domain/stamps/keys";
import { countersign, trustStaff, type StaffEntry } from "../../src/domain/stamps/staff";
import { defaultStampedFields } from "../../src/domain/stamps/stamps";
import type { Cell, Snapshot } from "../../src/domain/workbook";
import { apply } from "./support/apply";
import { office, person, type Person } from "./support/people";

const now = { date: "2026-11-24", time: "10:00" };

/** A workbook as Set up leaves it, in a language: the Settings sheet and an empty Change log. */
function book(lang: Lang = "zh"): Snapshot {
  const settings = settingsSheet.name[lang];
  const log = changeLog.name[lang];
  return {
    sheetNames: [settings, log],
    sheets: {
      [settings]: {
        name: settings,
        values: [settingsSheet.columns.map((c) => c.header[lang]), ...defaultSettingsRows(lang)],
      },
      [log]: { name: log, values: [changeLog.columns.map((c) => c.header[lang])] },
    },
  };
}

/** The Excel row of a single setting on a Settings sheet as Set up wrote it. */
const rowOf = (key: string) => settingDefs.findIndex((d) => d.key === key) + 2;
const F = (key: string) => `F${rowOf(key)}`;

/** Cells typed into Settings by their addresses ("F5", "A7"). */
const typed = (s: Snapshot, cells: Record<string, Cell>) =>
  apply(
    s,
    Object.entries(cells).map(([address, value]) => ({
      kind: "values" as const,
      sheet: findSheet(settingsSheet, s.sheetNames)!.name,
      row: Number(address.slice(1)) - 1,
      col: address.charCodeAt(0) - "A".charCodeAt(0),
      values: [[value]],
    })),
  );

/** A cell of Settings as it stands. */
const cell = (s: Snapshot, address: string) =>
  s.sheets[findSheet(settingsSheet, s.sheetNames)!.name]!.values[Number(address.slice(1)) - 1]![
    address.charCodeAt(0) - "A".charCodeAt(0)
  ]!;

/** Rows appended to the Change log, chained onto it. */
async function logged(s: Snapshot, rows: { person: string; action: string; newValue: string }[]) {
  const log = readSheet(changeLog, s);
  const entries = rows.map((r) => ({
    time: `${now.date}T${now.time}`,
    customerId: "",
    field: "",
    oldValue: "",
    reason: "",
    ...r,
  }));
  return apply(s, await appendToLog(log, entries));
}

/** The bytes a policy of message v1 (session 6: chains and covered fields only) signs. */
const messageV1 = (version: number, s: Pick<Settings, "stampChain" | "stampedFields">) =>
  canonicalJson({
    v: 1,
    kind: "stamp-policy",
    version,
    stampChain: s.stampChain,
    stampedFields: s.stampedFields,
  });

/** The bytes a policy of message v2 signs: also every other rule Settings holds, under `rules`. */
const messageV2 = (version: number, s: Settings) =>
  canonicalJson({
    v: 2,
    kind: "stamp-policy",
    version,
    stampChain: s.stampChain,
    stampedFields: s.stampedFields,
    rules: {
      departments: s.departments,
      regions: s.regions,
      creditRatings: s.creditRatings,
      reviewMonths: s.reviewMonths,
      monthlyTarget: s.monthlyTarget,
      closeOfBusiness: s.closeOfBusiness,
      everyoneSeals: s.everyoneSeals,
    },
  });

/** Message v3 (since session 14): v2's rules and who may look up customers. */
const messageV3 = (version: number, s: Settings) => {
  const v2 = JSON.parse(messageV2(version, s)) as { rules: object };
  return canonicalJson({ ...v2, v: 3, rules: { ...v2.rules, lookRoles: s.lookRoles } });
};

/** The signature cell 盖章规则签名 as the pane writes it: the fingerprint without spaces, then the signature. */
const signatureCell = (by: Person, signature: string) => `${by.fp.replace(/ /g, "")} ${signature}`;

/** The Settings cells as they stand, signed by someone as this version (message v2) outside the pane. */
async function signedInCells(s: Snapshot, by: Person, version: number) {
  const signature = await sign(by.privateKey, messageV2(version, settingsOf(s)));
  return typed(s, {
    [F("policyVersion")]: String(version),
    [F("policySignature")]: signatureCell(by, signature),
  });
}

describe("the Settings rules in force are the administrator's signed version, never a cell", function () {
  this.timeout(20_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });
  const trustOf = (s: Snapshot, entries: StaffEntry[] = people.entries) =>
    trustStaff(entries, people.admin.fp, true, logClock(s));
  const inForce = async (s: Snapshot, entries?: StaffEntry[]) => policyInForce(s, await trustOf(s, entries));
  const signer = (p: Person) => ({ name: p.entry.name, fingerprint: p.fp, privateKey: p.privateKey });
  /** Signing as the Staff page does (签署设置规则), the next version after the one in force. */
  const plan = async (
    s: Snapshot,
    by: Person = people.admin,
    entries?: StaffEntry[],
    current?: StampPolicy,
  ) => {
    const trust = await trustOf(s, entries);
    const lang = findSheet(settingsSheet, s.sheetNames)!.lang;
    return planPolicySigning(
      s,
      trust,
      signer(by),
      current ?? (await policyInForce(s, trust)).policy,
      now,
      lang,
    );
  };
  /** The workbook after the administrator signed the cells as they stand. */
  const signed = async (s: Snapshot) => {
    const result = await plan(s);
    assert.deepEqual(result.problems, []);
    return apply(s, result.writes);
  };
  const unsigned = (row: number, column: string, value: string, version: number) => ({
    sheet: "settings",
    row,
    column,
    rule: "settings.unsigned",
    value,
    detail: { version },
  });
  /** A version 1 (message v1) with these chains, signed by the administrator. */
  const chainsV1 = (stampChain: Record<string, string[]>) => ({
    version: 1,
    stampChain,
    stampedFields: defaultStampedFields,
  });
  /** The workbook with 盖章顺序-A类 cut to the head, version 1 in its cell, and that policy logged. */
  const loggedV1 = async (policy: ReturnType<typeof chainsV1>) => {
    const signature = await sign(people.admin.privateKey, messageV1(1, policy));
    const json = canonicalJson({ ...policy, key: people.admin.fp, signature });
    return logged(typed(book(), { [F("stampChain.A")]: "deptHead", [F("policyVersion")]: "1" }), [
      { person: people.admin.entry.name, action: "policy", newValue: json },
    ]);
  };
  const defaultRules = {
    departments: defaultSettings.departments,
    regions: defaultSettings.regions,
    creditRatings: defaultSettings.creditRatings,
    reviewMonths: defaultSettings.reviewMonths,
    monthlyTarget: defaultSettings.monthlyTarget,
    closeOfBusiness: defaultSettings.closeOfBusiness,
    everyoneSeals: defaultSettings.everyoneSeals,
  };

  describe("which version applies", () => {
    it("before anyone signs, the built-in chains apply and a chain cut in its cell is reported on its row; the office's other cells apply as typed", async () => {
      const s = typed(book(), {
        [F("stampChain.A")]: "deptHead",
        A7: "新业务部",
        B7: "业务部门",
        [F("reviewMonths")]: "3,9",
      });
      const r = await inForce(s);
      assert.equal(r.policy.version, 0);
      assert.deepEqual(r.policy.stampChain.A, ["deptHead", "chairman"]);
      assert.deepEqual(r.problems, [unsigned(rowOf("stampChain.A"), "settingValue", "deptHead,chairman", 0)]);
      const settings = withPolicy(settingsOf(s), r.policy, r.fields);
      assert.deepEqual(settings.stampChain.A, ["deptHead", "chairman"]);
      assert.ok(
        settings.departments.some((d) => d.name === "新业务部"),
        "the typed department takes requests",
      );
      assert.deepEqual(settings.reviewMonths, [3, 9]);
      assert.deepEqual(settings.policyFields, { "0": defaultStampedFields });
    });

    it("a version signed with a department head's key changes nothing: the cut chain is reported, the typed version cell is not", async () => {
      const s = await signedInCells(typed(book(), { [F("stampChain.A")]: "deptHead" }), people.head, 1);
      const r = await inForce(s);
      assert.equal(r.policy.version, 0);
      assert.deepEqual(r.problems, [unsigned(rowOf("stampChain.A"), "settingValue", "deptHead,chairman", 0)]);
    });

    it("an administrator row nobody countersigned signs nothing; a second administrator the root countersigned does", async () => {
      const unvouched = await person(5, "孙管理", "admin", "财务科");
      const second = await person(6, "周管理", "admin", "财务科");
      second.entry.countersign = await countersign(people.admin.privateKey, second.entry);
      const entries = [...people.entries, unvouched.entry, second.entry];
      const cut = typed(book(), { [F("stampChain.A")]: "deptHead" });
      const byUnvouched = await inForce(await signedInCells(cut, unvouched, 1), entries);
      assert.equal(byUnvouched.policy.version, 0);
      assert.equal(byUnvouched.problems.length, 1);
      const bySecond = await inForce(await signedInCells(cut, second, 1), entries);
      assert.equal(bySecond.policy.version, 1);
      assert.deepEqual(bySecond.policy.stampChain.A, ["deptHead"]);
      assert.deepEqual(bySecond.problems, []);
    });

    it("a version signed before the other rules were covered (message v1) still verifies: its chains apply; departments and 全员签名 stay the cells'", async () => {
      const s = typed(book(), {
        [F("stampChain.A")]: "deptHead",
        A7: "新业务部",
        [F("everyoneSeals")]: "否",
      });
      const signature = await sign(people.admin.privateKey, messageV1(1, settingsOf(s)));
      const v1 = typed(s, {
        [F("policyVersion")]: "1",
        [F("policySignature")]: signatureCell(people.admin, signature),
      });
      const r = await inForce(v1);
      assert.equal(r.policy.version, 1);
      assert.deepEqual(r.policy.stampChain.A, ["deptHead"]);
      assert.equal(r.policy.rules, undefined);
      assert.deepEqual(r.problems, []);
      const settings = withPolicy(settingsOf(v1), r.policy, r.fields);
      assert.ok(settings.departments.some((d) => d.name === "新业务部"));
      assert.equal(settings.everyoneSeals, false);
      assert.equal(settings.policyVersion, 1);
      assert.deepEqual(settings.stampChain.A, ["deptHead"]);
    });

    it("a signature cell pasted back with a line break between key and signature still verifies", async () => {
      const s = await signed(typed(book(), { [F("stampChain.A")]: "deptHead" }));
      const [key, signature] = String(cell(s, F("policySignature"))).split(" ");
      // Settings alone, as an action that does not read the log sees it.
      const settingsOnly: Snapshot = { sheetNames: ["设置"], sheets: { 设置: s.sheets["设置"]! } };
      const r = await inForce(typed(settingsOnly, { [F("policySignature")]: `${key}\r\n${signature}` }));
      assert.equal(r.policy.version, 1);
      assert.deepEqual(r.policy.stampChain.A, ["deptHead"]);
    });

    it("an older signed version put back into the cells (a rollback) loses to the newer one the log holds: both cells are reported with version 2", async () => {
      const v1 = await signed(typed(book(), { [F("stampChain.A")]: "deptHead" }));
      const v2 = await signed(typed(v1, { [F("stampChain.A")]: "deptHead,chairman" }));
      const rolledBack = typed(v2, {
        [F("stampChain.A")]: "deptHead",
        [F("policyVersion")]: cell(v1, F("policyVersion")),
        [F("policySignature")]: cell(v1, F("policySignature")),
      });
      const r = await inForce(rolledBack);
      assert.equal(r.policy.version, 2);
      assert.deepEqual(r.policy.stampChain.A, ["deptHead", "chairman"]);
      assert.deepEqual(r.problems, [
        unsigned(rowOf("stampChain.A"), "settingValue", "deptHead,chairman", 2),
        unsigned(rowOf("policyVersion"), "settingValue", "2", 2),
      ]);
      assert.deepEqual(Object.keys(r.fields).sort(), ["0", "1", "2"]);
      const settings = withPolicy(settingsOf(rolledBack), r.policy, r.fields);
      assert.equal(settings.policyVersion, 2, "stamps made now name version 2");
      assert.deepEqual(settings.stampChain.A, ["deptHead", "chairman"]);
    });

    it("an older policy row replayed into the log after a newer one does not bring its rules back: the highest version applies", async () => {
      const v1 = await signed(typed(book(), { [F("stampChain.A")]: "deptHead" }));
      const v2 = await signed(typed(v1, { [F("stampChain.A")]: "deptHead,chairman" }));
      const first = readSheet(changeLog, v2).records[0]!.values.newValue;
      const replayed = await logged(v2, [{ person: "陈会计", action: "policy", newValue: String(first) }]);
      const r = await inForce(replayed);
      assert.equal(r.policy.version, 2);
      assert.deepEqual(r.policy.stampChain.A, ["deptHead", "chairman"]);
      assert.deepEqual(r.problems, []);
    });

    it("only a policy row of the log counts: the same signed policy logged under another action signs nothing", async () => {
      const v1 = await signed(typed(book(), { [F("stampChain.A")]: "deptHead" }));
      const json = String(readSheet(changeLog, v1).records[0]!.values.newValue);
      const s = await logged(book(), [{ person: "陈会计", action: "edit", newValue: json }]);
      const r = await inForce(s);
      assert.equal(r.policy.version, 0);
      assert.deepEqual(r.policy.stampChain.A, ["deptHead", "chairman"]);
      assert.equal(r.everyoneSealsAt(0), false);
    });

    it("where an action did not read Settings, the version the log holds applies and no cell is reported", async () => {
      const s = await signed(typed(book(), { [F("stampChain.A")]: "deptHead" }));
      const notRead: Snapshot = { sheetNames: s.sheetNames, sheets: { 变更记录: s.sheets["变更记录"]! } };
      const r = await inForce(notRead);
      assert.equal(r.policy.version, 1);
      assert.deepEqual(r.policy.stampChain.A, ["deptHead"]);
      assert.deepEqual(r.problems, []);
    });

    it("a policy signed as version 0 outside the pane cannot change what version 0 means: stamps naming it still cover the built-in fields", async () => {
      const s = await signedInCells(typed(book(), { [F("stampedFields")]: "phone" }), people.admin, 0);
      const r = await inForce(s);
      assert.deepEqual(r.fields, { "0": defaultStampedFields });
      assert.deepEqual(r.problems, [
        unsigned(rowOf("stampedFields"), "settingValue", defaultStampedFields.join(","), 0),
      ]);
    });

    it("a signed version with no chain for class C: the C cell is reported with nothing in force; stating no chain there, nothing is; a class Settings has no row for, with no chain, is nothing to report", async () => {
      const s = await loggedV1(chainsV1({ A: ["deptHead"], B: ["deptHead"], D: [] }));
      const r = await inForce(s);
      assert.equal(r.policy.version, 1);
      assert.deepEqual(r.problems, [unsigned(rowOf("stampChain.C"), "settingValue", "", 1)]);
      assert.deepEqual((await inForce(typed(s, { [F("stampChain.C")]: "、" }))).problems, []);
    });
  });

  describe("where a differing cell is reported", () => {
    it("a setting's label typed with spaces around it: its cell is still reported on its own row", async () => {
      const s = await signed(typed(book(), { [F("stampChain.A")]: "deptHead" }));
      const r = await inForce(
        typed(s, {
          [`E${rowOf("stampChain.A")}`]: " 盖章顺序-A类 ",
          [F("stampChain.A")]: "deptHead,chairman",
        }),
      );
      assert.deepEqual(r.problems, [unsigned(rowOf("stampChain.A"), "settingValue", "deptHead", 1)]);
    });

    it("the 盖章规则版本 row cleared away: the version the log holds is reported against the sheet (row 1)", async () => {
      const s = await signed(book());
      const r = await inForce(typed(s, { [`E${rowOf("policyVersion")}`]: "", [F("policyVersion")]: "" }));
      assert.equal(r.policy.version, 1);
      assert.deepEqual(r.problems, [unsigned(1, "settingValue", "1", 1)]);
    });

    describe("once a version covering them is in force, the office's other rules (message v2)", () => {
      let v1: Snapshot;
      before(async () => {
        v1 = await signed(book());
      });
      const departments = "业务一部,业务二部,海外业务部,总务部,财务科";
      const regions = defaultSettings.regions.join(",");

      it("a department typed into the first free row is reported there and takes no request", async () => {
        const s = typed(v1, { A7: "影子部", B7: "业务部门" });
        const r = await inForce(s);
        assert.deepEqual(r.problems, [unsigned(7, "departments", departments, 1)]);
        const settings = withPolicy(settingsOf(s), r.policy, r.fields);
        assert.deepEqual(
          settings.departments.map((d) => d.name),
          departments.split(","),
        );
      });

      it("a department's kind changed is reported on its row; it stays a business department", async () => {
        const s = typed(v1, { B4: "非业务部门" });
        const r = await inForce(s);
        assert.deepEqual(r.problems, [unsigned(4, "departments", departments, 1)]);
        assert.equal(withPolicy(settingsOf(s), r.policy).departments[2]!.kind, "business");
      });

      it("the last department cleared is reported on the last one left", async () => {
        const r = await inForce(typed(v1, { A6: "", B6: "" }));
        assert.deepEqual(r.problems, [unsigned(5, "departments", departments, 1)]);
      });

      it("the first region changed is reported on row 2; a region cleared in the middle, on the first entry that moved up", async () => {
        assert.deepEqual((await inForce(typed(v1, { C2: "火星" }))).problems, [
          unsigned(2, "regions", regions, 1),
        ]);
        assert.deepEqual((await inForce(typed(v1, { C3: "" }))).problems, [
          unsigned(4, "regions", regions, 1),
        ]);
        assert.deepEqual((await inForce(typed(v1, { C3: " " }))).problems, [
          unsigned(4, "regions", regions, 1),
        ]);
      });

      it("a credit rating added below the list is reported where it was typed", async () => {
        const r = await inForce(typed(v1, { D7: "D" }));
        assert.deepEqual(r.problems, [unsigned(7, "creditRatings", "AAA,AA,A,B,C", 1)]);
      });

      it("review months, the monthly target and the close of business changed are each reported with the signed value", async () => {
        const s = typed(v1, {
          [F("reviewMonths")]: "3,9",
          [F("monthlyTarget")]: "1",
          [F("closeOfBusiness")]: "23:59",
        });
        const r = await inForce(s);
        assert.deepEqual(r.problems, [
          unsigned(rowOf("reviewMonths"), "settingValue", "2,8", 1),
          unsigned(rowOf("monthlyTarget"), "settingValue", "300", 1),
          unsigned(rowOf("closeOfBusiness"), "settingValue", "17:30", 1),
        ]);
        const settings = withPolicy(settingsOf(s), r.policy);
        assert.deepEqual(
          [settings.reviewMonths, settings.monthlyTarget, settings.closeOfBusiness],
          [[2, 8], 300, "17:30"],
        );
      });

      it("变更记录须全员签名 typed to 否 is reported with 是 and stays on; in an English workbook, 'no' is reported with 'yes'", async () => {
        const zh = await inForce(typed(v1, { [F("everyoneSeals")]: "否" }));
        assert.deepEqual(zh.problems, [unsigned(rowOf("everyoneSeals"), "settingValue", "是", 1)]);
        assert.equal(zh.policy.rules?.everyoneSeals, true);
        const en = await signed(book("en"));
        const r = await inForce(typed(en, { [F("everyoneSeals")]: "no" }));
        assert.deepEqual(r.problems, [unsigned(rowOf("everyoneSeals"), "settingValue", "yes", 1)]);
      });

      it("查询权限 widened in its cell is reported with the signed roles and gives nobody more; signed wider, it applies", async () => {
        const s = typed(v1, { [F("lookRoles")]: "admin,clerk,responsible" });
        const r = await inForce(s);
        const roles = defaultSettings.lookRoles.join(",");
        assert.deepEqual(r.problems, [unsigned(rowOf("lookRoles"), "settingValue", roles, 1)]);
        assert.deepEqual(withPolicy(settingsOf(s), r.policy).lookRoles, defaultSettings.lookRoles);
        const wider = await signed(s);
        const again = await inForce(wider);
        assert.deepEqual(again.problems, []);
        assert.deepEqual(withPolicy(settingsOf(wider), again.policy).lookRoles, [
          "admin",
          "clerk",
          "responsible",
        ]);
      });

      it("under a version signed before 查询权限 was covered (message v2), the built-in roles apply, not the cell", async () => {
        const s = await signedInCells(
          typed(book(), { [F("lookRoles")]: "admin,responsible" }),
          people.admin,
          1,
        );
        const r = await inForce(s);
        assert.equal(r.policy.version, 1, "the v2 signature verifies");
        assert.deepEqual(r.problems, [
          unsigned(rowOf("lookRoles"), "settingValue", defaultSettings.lookRoles.join(","), 1),
        ]);
        assert.deepEqual(withPolicy(settingsOf(s), r.policy).lookRoles, defaultSettings.lookRoles);
        // Before anyone signs, the cell applies as typed, names or codes.
        const unsignedBook = typed(book(), { [F("lookRoles")]: "名簿管理员, Finance clerk,nobody" });
        assert.deepEqual(settingsOf(unsignedBook).lookRoles, ["admin", "clerk"]);
      });

      it("a list whose column was deleted or emptied after signing is reported on row 2, with the signed list", async () => {
        const custom = await signed(
          typed(
            book(),
            Object.fromEntries([3, 4, 5, 6, 7, 8, 9, 10].map((r) => [`C${r}`, r === 3 ? "华南" : ""])),
          ),
        );
        const name = "设置";
        const values = custom.sheets[name]!.values.map((r) => r.filter((_, i) => i !== 2));
        const r = await inForce({ ...custom, sheets: { ...custom.sheets, [name]: { name, values } } });
        assert.deepEqual(r.problems, [unsigned(2, "regions", "华北,华南", 1)]);
        const emptied = await inForce(typed(custom, { C2: "", C3: "" }));
        assert.deepEqual(emptied.problems, [unsigned(2, "regions", "华北,华南", 1)]);
      });
    });
  });

  describe("signing (签署设置规则)", () => {
    it("version 1 is logged whole, and written into 盖章规则版本 and 盖章规则签名; read back, it is in force and nothing is reported", async () => {
      const s = typed(book(), { [F("stampChain.A")]: "deptHead" });
      const result = await plan(s);
      assert.equal(result.version, 1);
      assert.deepEqual(result.problems, []);
      const after = apply(s, result.writes);
      const [row, ...others] = readSheet(changeLog, after).records;
      assert.equal(others.length, 0, "one row logged");
      const { newValue, ...logRow } = row!.values;
      assert.deepEqual(
        [
          logRow.time,
          logRow.person,
          logRow.action,
          logRow.customerId,
          logRow.field,
          logRow.oldValue,
          logRow.reason,
        ],
        ["2026-11-24T10:00", "赵管理", "policy", "", "settings", "0", "v1"],
      );
      const { signature, ...policy } = JSON.parse(String(newValue)) as { signature: string };
      assert.deepEqual(policy, {
        version: 1,
        stampChain: { A: ["deptHead"], B: ["deptHead"], C: ["deptHead"] },
        stampedFields: defaultStampedFields,
        rules: { ...defaultRules, lookRoles: defaultSettings.lookRoles },
        key: people.admin.fp,
      });
      assert.ok(
        await verify(people.admin.entry.publicKey, messageV3(1, settingsOf(s)), signature),
        "signed over message v3: the chains, the fields, every other rule and who may look",
      );
      assert.deepEqual(result.writes.slice(1), [
        { kind: "values", sheet: "设置", row: rowOf("policyVersion") - 1, col: 5, values: [["1"]] },
        {
          kind: "values",
          sheet: "设置",
          row: rowOf("policySignature") - 1,
          col: 5,
          values: [[signatureCell(people.admin, signature)]],
        },
      ]);
      const r = await inForce(after);
      assert.equal(r.policy.version, 1);
      assert.deepEqual(r.policy.stampChain.A, ["deptHead"]);
      assert.deepEqual(r.policy.rules, { ...defaultRules, lookRoles: defaultSettings.lookRoles });
      assert.deepEqual(r.problems, []);
      assert.deepEqual(r.fields, { "0": defaultStampedFields, "1": defaultStampedFields });
    });

    it("the next signing is the version after the one in force, logged with the one it replaces", async () => {
      const v1 = await signed(book());
      const v2 = await plan(typed(v1, { [F("monthlyTarget")]: "350" }));
      assert.equal(v2.version, 2);
      const row = readSheet(changeLog, apply(v1, v2.writes)).records[1]!.values;
      assert.deepEqual([row.oldValue, row.reason], ["1", "v2"]);
    });

    it("only an administrator in force now signs: a department head and a revoked administrator are refused, nothing written", async () => {
      const s = book();
      const byHead = await plan(s, people.head);
      assert.deepEqual(byHead, {
        version: 0,
        problems: [
          { sheet: "settings", row: 1, column: "settingValue", rule: "policy.notAdmin", value: "王主管" },
        ],
        writes: [],
      });
      const second = await person(6, "周管理", "admin", "财务科");
      second.entry.countersign = await countersign(people.admin.privateKey, second.entry);
      const revocation = { ...second.entry, row: 7, revoked: true, since: "2026-11-20 09:00" };
      const byRevoked = await plan(s, second, [...people.entries, second.entry, revocation]);
      assert.deepEqual(
        byRevoked.problems.map((p) => [p.rule, p.value]),
        [["policy.notAdmin", "周管理"]],
      );
      assert.deepEqual(byRevoked.writes, []);
    });

    it("someone made an administrator from 1 November signs on the 24th", async () => {
      const promotion = { ...people.head.entry, row: 8, role: "admin", since: "2026-11-01T09:00" };
      promotion.countersign = await countersign(people.admin.privateKey, promotion);
      const result = await plan(book(), people.head, [...people.entries, promotion]);
      assert.deepEqual(result.problems, []);
      assert.equal(result.version, 1);
    });

    it("refused: a chain that is empty or names a role nobody holds, covered fields with unknown names; the version stays and nothing is written", async () => {
      const s = typed(book(), {
        [F("stampChain.A")]: "deptHead,boss",
        [F("stampChain.B")]: "、",
        [F("stampedFields")]: "name,colour,size",
      });
      const current = { ...builtInPolicy, version: 3 };
      const bad = (rule: string, value: string) => ({
        sheet: "settings",
        row: 1,
        column: "settingValue",
        rule,
        value,
      });
      assert.deepEqual(await plan(s, people.admin, undefined, current), {
        version: 3,
        problems: [
          bad("policy.badChain", "A: deptHead,boss"),
          bad("policy.badChain", "B: "),
          bad("policy.badFields", "colour,size"),
        ],
        writes: [],
      });
      const noFields = await plan(typed(book(), { [F("stampedFields")]: "、" }));
      assert.deepEqual(noFields.problems, [bad("policy.badFields", "")]);
      assert.deepEqual(noFields.writes, []);
    });
  });

  describe("变更记录须全员签名: from which Change log row every row must be sealed", () => {
    it("from the row that logged a version saying so, until one that says otherwise; a policy row not the administrator's, or of message v1, says nothing", async () => {
      const clerk = { person: "陈会计", action: "intake", newValue: "" };
      let s = await logged(book(), [clerk]); // 0
      s = await logged(await signed(s), [clerk]); // 1 v1 on, 2
      s = await logged(await signed(typed(s, { [F("everyoneSeals")]: "否" })), [clerk]); // 3 v2 off, 4
      const byHead = await sign(people.head.privateKey, messageV2(3, settingsOf(book())));
      const headJson = canonicalJson({
        version: 3,
        stampChain: defaultSettings.stampChain,
        stampedFields: defaultStampedFields,
        rules: defaultRules,
        key: people.head.fp,
        signature: byHead,
      });
      s = await logged(s, [{ person: "王主管", action: "policy", newValue: headJson }, clerk]); // 5 not the admin's, 6
      s = await logged(await signed(typed(s, { [F("everyoneSeals")]: "是" })), [clerk]); // 7 v3 on, 8
      const v4 = { version: 4, stampChain: defaultSettings.stampChain, stampedFields: defaultStampedFields };
      const v4Json = canonicalJson({
        ...v4,
        key: people.admin.fp,
        signature: await sign(people.admin.privateKey, messageV1(4, v4)),
      });
      s = await logged(s, [{ person: "赵管理", action: "policy", newValue: v4Json }, clerk]); // 9 v4 (message v1), 10
      const r = await inForce(s);
      assert.equal(r.policy.version, 4, "every version here verifies but the head's");
      assert.deepEqual(
        [0, 2, 4, 6, 8, 10].map((i) => r.everyoneSealsAt(i)),
        [false, true, false, false, true, false],
      );
    });

    it("an older version's row logged again after a newer one (a replay) does not turn the rule off: the highest version logged so far decides", async () => {
      const clerk = { person: "陈会计", action: "intake", newValue: "" };
      let s = await logged(await signed(typed(book(), { [F("everyoneSeals")]: "否" })), [clerk]); // 0 v1 off, 1
      s = await logged(await signed(typed(s, { [F("everyoneSeals")]: "是" })), [clerk]); // 2 v2 on, 3
      const v1Row = readSheet(changeLog, s).records.find((r) => String(r.values.action) === "policy")!;
      s = await logged(s, [
        { person: "王主管", action: "policy", newValue: String(v1Row.values.newValue) },
        clerk,
      ]); // 4 v1 replayed, 5
      const r = await inForce(s);
      assert.deepEqual(
        [1, 3, 5].map((i) => r.everyoneSealsAt(i)),
        [false, true, true],
      );
    });
  });

  it("a validly signed version naming a class Settings has no row for is reported on row 1, not a crash", async () => {
    const s = await loggedV1(
      chainsV1({ A: ["deptHead"], B: ["deptHead"], C: ["deptHead"], D: ["chairman"] }),
    );
    const r = await inForce(s);
    assert.equal(r.policy.version, 1);
    assert.deepEqual(r.problems, [unsigned(1, "settingValue", "chairman", 1)]);
  });
});
