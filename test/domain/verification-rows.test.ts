/**
 * The stamp half of "Validate workbook" (verifyWorkbook), row by row: a customer posted,
 * ended, reinstated or kept by hand, and what Validate names about it — the sheet, row,
 * column, rule and value the user is shown, in the order the list shows them — or that it
 * names nothing. Each book is set up and moved through the domain's own plans.
 */
import assert from "node:assert/strict";
import { chainEntries } from "../../src/domain/change-log";
import { planIntake } from "../../src/domain/intake";
import { readJournal } from "../../src/domain/journal/journal";
import { terminationSubject } from "../../src/domain/journal/finish";
import { planPosting } from "../../src/domain/posting";
import { readSheet, rowOf } from "../../src/domain/records";
import { planReinstatementRequests } from "../../src/domain/reinstatement";
import { sampleCustomer } from "../../src/domain/sample";
import type { SheetSchema } from "../../src/domain/schema/model";
import {
  archivePast,
  archiveSuspended,
  changeLog,
  destructionLog,
  intake,
  register,
} from "../../src/domain/schema/sheets";
import { defaultSettings, policyVersion } from "../../src/domain/settings";
import { planStamping } from "../../src/domain/stamping";
import { countersign, type StaffTrust } from "../../src/domain/stamps/staff";
import { defaultStampedFields, formatStamps, makeStamp, parseStamps } from "../../src/domain/stamps/stamps";
import { planTermination, type ArchiveKind } from "../../src/domain/termination";
import { verifyWorkbook } from "../../src/domain/verification";
import type { Cell, Snapshot } from "../../src/domain/workbook";
import { apply } from "./support/apply";
import { adopted } from "./support/journal";
import { now, recordsOf, stamper, staffWithManager, trustOf, withCell } from "./support/moves-book";
import { person, stampCell, type Person } from "./support/people";

const sheets: SheetSchema[] = [register, intake, changeLog, archiveSuspended, archivePast, destructionLog];

/** Every sheet a customer's life touches, in Chinese, with rows kept by hand before the add-in. */
function book(kept: { register?: Cell[][]; archivePast?: Cell[][] } = {}): Snapshot {
  const snapshot: Snapshot = { sheetNames: sheets.map((s) => s.name.zh), sheets: {} };
  for (const s of sheets) {
    const rows = s === register ? kept.register : s === archivePast ? kept.archivePast : undefined;
    snapshot.sheets[s.name.zh] = {
      name: s.name.zh,
      values: [s.columns.map((c) => c.header.zh), ...(rows ?? [])],
    };
  }
  return snapshot;
}

/** A hand-kept row of `schema` for sample customer i, in 业务一部, with the values given by column key. */
function keptRow(schema: SheetSchema, i: number, values: Record<string, Cell>): Cell[] {
  const customer = sampleCustomer(i, "zh");
  const byKey: Record<string, Cell> = {};
  register.columns.forEach((c, k) => (byKey[c.key] = customer[k]!));
  const all: Record<string, Cell> = { ...byKey, department: "业务一部", ...values };
  return schema.columns.map((c) => all[c.key] ?? "");
}

/** A new customer as the pane's form sends it: sample customer i, in 业务一部, of the class given. */
function entry(i: number, cls: string): Record<string, string> {
  const customer = sampleCustomer(i, "zh");
  const out: Record<string, string> = {};
  register.columns.forEach((c, k) => {
    if (intake.columns.some((x) => x.key === c.key) && !["stamps", "notes", "requestNo"].includes(c.key))
      out[c.key] = String(customer[k]);
  });
  return { ...out, class: cls, firstTradeDate: "", responsible: "王建国", department: "业务一部" };
}

/** A copy of the book with one cell of an intake request (found by its number) changed. */
const withRequestCell = (s: Snapshot, requestNo: string, key: string, value: Cell) =>
  withCell(s, intake, requestNo, key, value);

describe("Validate's stamp check of each customer row", function () {
  this.timeout(60_000);
  let people: Awaited<ReturnType<typeof staffWithManager>>;
  let trust: StaffTrust;
  before(async () => {
    people = await staffWithManager();
    trust = await trustOf(people.entries, people.admin);
  });

  const ok = <T extends { problems: unknown[]; writes: unknown[] }>(s: Snapshot, plan: T) => {
    assert.deepEqual(plan.problems, []);
    return apply(s, plan.writes as never);
  };
  const file = async (s: Snapshot, i: number, cls: string) =>
    ok(s, await planIntake(s, defaultSettings, trust, entry(i, cls), "陈会计", now, "zh"));
  const stamp = async (s: Snapshot, requestNo: string, by: Person[]) => {
    for (const p of by)
      s = ok(
        s,
        await planStamping(s, defaultSettings, trust, [requestNo], stamper(p), "approve", "", now, "zh"),
      );
    return s;
  };
  const post = async (s: Snapshot, requestNos: string[]) =>
    ok(s, await planPosting(s, defaultSettings, trust, requestNos, { name: "陈会计" }, now, "zh"));
  const end = async (s: Snapshot, ids: string[], target: ArchiveKind, by: Person) =>
    ok(s, await planTermination(s, defaultSettings, trust, ids, target, "关系解除", stamper(by), now, "zh"));
  const validate = async (s: Snapshot, withTrust = trust) =>
    (await verifyWorkbook(s, defaultSettings, withTrust, readJournal(s))).map((p) => ({ ...p }));

  /** R000001 (class A, head and chairman) posted as C000001; R000002 (class B, head) posted as C000002. */
  const twoPosted = async () => {
    let s = await adopted(book());
    s = await stamp(await file(s, 0, "A"), "R000001", [people.head, people.chairman]);
    s = await stamp(await file(s, 1, "B"), "R000002", [people.head]);
    return post(s, ["R000001", "R000002"]);
  };
  const rowOfId = (s: Snapshot, schema: SheetSchema, id: string) =>
    recordsOf(s, schema).find((r) => r.values.id === id)!.row;

  it("names nothing of customers posted with their chain and then ended by the head or by the manager", async () => {
    let s = await twoPosted();
    s = await end(s, ["C000001"], "past", people.head);
    s = await end(s, ["C000002"], "suspended", people.manager);
    const [past] = recordsOf(s, archivePast).map((r) => String(r.values.stamps).split("\n"));
    assert.equal(past!.length, 3, "the head's and the chairman's intake stamps, then the head's termination");
    assert.match(String(recordsOf(s, archiveSuspended)[0]!.values.stamps), /\n主管经理 孙经理 /);
    assert.deepEqual(await validate(s), []);
  });

  it("reads an archive date written as text the same as the date", async () => {
    const s = await end(await twoPosted(), ["C000002"], "past", people.head);
    assert.deepEqual(await validate(withCell(s, archivePast, "C000002", "archivedDate", "2026-11-24")), []);
    assert.deepEqual(
      await validate(withCell(s, archivePast, "C000002", "archivedDate", "2026年11月24日")),
      [],
    );
    assert.deepEqual(await validate(withCell(s, archivePast, "C000002", "archivedDate", "2026-11-23")), [
      {
        sheet: "archivePast",
        row: 2,
        column: "stamps",
        rule: "stamp.contentChanged",
        value: "deptHead 王主管 2026-11-24T16:00",
      },
    ]);
  });

  it("names an archived row whose termination line was rewritten — even as words that still verify — as not the approval the customer was moved with", async () => {
    const s = await end(await twoPosted(), ["C000002"], "past", people.head);
    const cell = String(recordsOf(s, archivePast)[0]!.values.stamps);
    const lines = cell.split("\n");
    const english = formatStamps(parseStamps(lines.at(-1)!).stamps, "en");
    assert.match(english, /^Department head 王主管 2026-11-24 16:00 approved: 关系解除 ⟦/);
    const rewritten = withCell(
      s,
      archivePast,
      "C000002",
      "stamps",
      [...lines.slice(0, -1), english].join("\n"),
    );
    assert.deepEqual(await validate(rewritten), [
      { sheet: "archivePast", row: 2, column: "stamps", rule: "stamp.notAsPosted", value: "C000002" },
    ]);
  });

  it("names nothing of an archived row kept by hand before the add-in, without stamps", async () => {
    const s = await adopted(
      book({
        archivePast: [
          keptRow(archivePast, 3, {
            id: "C000007",
            status: "交易过去",
            archivedDate: 46000,
            archiveReason: "倒闭",
            archiveApprover: "前任主管",
          }),
        ],
      }),
    );
    assert.equal(readJournal(s).states.get("C000007")?.place, "past");
    assert.deepEqual(await validate(s), []);
  });

  it("names nothing of a posted customer suspended and then reinstated with a new request's stamps", async () => {
    let s = await end(await twoPosted(), ["C000002"], "suspended", people.head);
    s = ok(s, await planReinstatementRequests(s, defaultSettings, trust, ["C000002"], "陈会计", now, "zh"));
    s = await post(await stamp(s, "R000003", [people.head]), ["R000003"]);
    const [back] = recordsOf(s, register).filter((r) => r.values.id === "C000002");
    assert.equal(back!.values.requestNo, "R000003");
    assert.deepEqual(await validate(s), []);
  });

  it("keeps judging each customer by its own logged approval when a log row names its request under another customer ID", async () => {
    let s = await end(await twoPosted(), ["C000002"], "past", people.head);
    const log = readSheet(changeLog, s);
    const typed = await chainEntries(String(log.records.at(-1)!.values.hash), [
      {
        time: "2026-11-24T18:00",
        person: "某人",
        action: "post",
        customerId: "C000099",
        requestNo: "R000001",
        field: "place",
        oldValue: "",
        newValue: "客户原簿",
        reason: "",
        approval: "sha256:0000",
      },
      {
        time: "2026-11-24T18:00",
        person: "某人",
        action: "terminate",
        customerId: "C000099",
        requestNo: "R000002",
        field: "place",
        oldValue: "客户原簿",
        newValue: "交易过去",
        reason: "关系解除",
        approval: "王主管 同意",
      },
    ]);
    s = structuredClone(s);
    s.sheets["变更记录"]!.values.push(...typed.map((e) => rowOf(log, { ...e })));
    assert.deepEqual(await validate(s), []);
  });

  it("names a customer kept by hand moved to 交易过去 under a log row that carries no approval at all", async () => {
    // C000008 kept by hand on the Register, no stamps; someone appends a chained terminate
    // row without any approval and moves the row to 交易过去 by hand.
    const kept = keptRow(register, 7, { id: "C000008" });
    let s = structuredClone(await adopted(book({ register: [kept] })));
    const log = readSheet(changeLog, s);
    const [typed] = await chainEntries(String(log.records.at(-1)!.values.hash), [
      {
        time: "2026-11-24T18:00",
        person: "某人",
        action: "terminate",
        customerId: "C000008",
        field: "place",
        oldValue: "客户原簿",
        newValue: "交易过去",
        reason: "关系解除",
        approval: "",
      },
    ]);
    s.sheets["变更记录"]!.values.push(rowOf(log, { ...typed! }));
    s.sheets["客户原簿"]!.values.splice(1, 1);
    s.sheets["交易过去"]!.values.push(
      keptRow(archivePast, 7, {
        id: "C000008",
        status: "交易过去",
        archivedDate: 46350,
        archiveReason: "关系解除",
      }),
    );
    assert.equal(readJournal(s).states.get("C000008")?.place, "past", "the journal follows the typed row");
    assert.deepEqual(await validate(s), [
      { sheet: "archivePast", row: 2, column: "stamps", rule: "stamp.incomplete", value: "C000008" },
    ]);
  });

  it("names a line break added after a logged termination approval once, at the log row, not at the customer", async () => {
    const s = structuredClone(await end(await twoPosted(), ["C000002"], "past", people.head));
    const log = readSheet(changeLog, s);
    const terminate = log.records.find((r) => r.values.action === "terminate")!;
    const grid = s.sheets["变更记录"]!.values;
    grid[terminate.row - 1]![log.at.approval!] = `${String(terminate.values.approval)}\n`;
    assert.deepEqual(
      (await validate(s)).map((p) => [p.sheet, p.row, p.column, p.rule]),
      [["changeLog", terminate.row, "hash", "log.chainBroken"]],
    );
  });

  it("names a name typed into the Stamps cell of a Register row kept by hand, with the line typed", async () => {
    const s = await adopted(
      book({
        register: [
          keptRow(register, 0, { id: "C000001", status: "正常" }),
          keptRow(register, 1, { id: "C000002", status: "正常", stamps: "王主管 同意" }),
        ],
      }),
    );
    assert.deepEqual(await validate(s), [
      { sheet: "register", row: 3, column: "stamps", rule: "stamp.unreadable", value: "王主管 同意" },
    ]);
  });

  it("names a Register row kept by hand whose class-A chain stops short or ends in a rejection: no approval", async () => {
    const values = (i: number, id: string) => {
      const row = keptRow(register, i, { id, status: "正常", class: "A", requestNo: `R00000${i + 7}` });
      return Object.fromEntries(register.columns.map((c, k) => [c.key, String(row[k])]));
    };
    const short = values(0, "C000001");
    short.stamps = await stampCell(short, [people.head]);
    const rejected = values(1, "C000002");
    const subject = { kind: "intake", ref: rejected.requestNo!, values: rejected };
    const core = {
      time: "2026-11-20T10:00",
      fields: defaultStampedFields,
      policy: policyVersion(defaultSettings),
    };
    const first = await makeStamp(people.head.privateKey, subject, [], {
      ...core,
      role: "deptHead",
      name: people.head.entry.name,
      decision: "approve",
      key: people.head.fp,
    });
    const second = await makeStamp(people.chairman.privateKey, subject, [first], {
      ...core,
      role: "chairman",
      name: people.chairman.entry.name,
      decision: "reject",
      reason: "资信不足",
      key: people.chairman.fp,
    });
    rejected.stamps = formatStamps([first, second], "zh");
    const asRow = (v: Record<string, string>) => register.columns.map((c) => v[c.key] ?? "");
    const s = await adopted(book({ register: [asRow(short), asRow(rejected)] }));
    assert.deepEqual(await validate(s), [
      { sheet: "register", row: 2, column: "stamps", rule: "stamp.incomplete", value: "C000001" },
      { sheet: "register", row: 3, column: "stamps", rule: "stamp.incomplete", value: "C000002" },
    ]);
  });

  it("names a stamp broken on a Register row and one broken on a request, each with whose stamp it was, the request listed first", async () => {
    let s = await twoPosted();
    s = await stamp(await file(s, 2, "B"), "R000003", [people.head]);
    s = withCell(s, register, "C000002", "address", "上海市浦东新区世纪大道999号");
    s = withRequestCell(s, "R000003", "address", "北京市朝阳区建国路100号");
    assert.deepEqual(await validate(s), [
      {
        sheet: "intake",
        row: 4,
        column: "stamps",
        rule: "stamp.contentChanged",
        value: "deptHead 王主管 2026-11-24T16:00",
      },
      {
        sheet: "register",
        row: rowOfId(s, register, "C000002"),
        column: "stamps",
        rule: "stamp.contentChanged",
        value: "deptHead 王主管 2026-11-24T16:00",
      },
    ]);
    assert.equal(rowOfId(s, register, "C000002"), 3);
  });

  it("refuses a termination stamp by a countersigned Staff row that names no role", async () => {
    const nobody = await person(6, "周某", "", "业务一部");
    nobody.entry.countersign = await countersign(people.admin.privateKey, nobody.entry);
    const withNobody = await trustOf([...people.entries, nobody.entry], people.admin);
    const values = Object.fromEntries(
      register.columns.map((c, k) => [
        c.key,
        c.key === "department" ? "业务一部" : sampleCustomer(3, "zh")[k]!,
      ]),
    );
    values.id = "C000007";
    values.status = "交易过去";
    const stamp = await makeStamp(
      nobody.privateKey,
      terminationSubject("past", values, "倒闭", "2026-11-20"),
      [],
      {
        role: "",
        name: "周某",
        time: "2026-11-20T10:00",
        decision: "approve",
        reason: "倒闭",
        key: nobody.fp,
        fields: [...defaultStampedFields, "id", "archiveReason", "archivedDate"],
        policy: policyVersion(defaultSettings),
      },
    );
    const s = await adopted(
      book({
        archivePast: [
          keptRow(archivePast, 3, {
            ...values,
            archivedDate: "2026-11-20",
            archiveReason: "倒闭",
            archiveApprover: "周某",
            stamps: formatStamps([stamp], "zh"),
          }),
        ],
      }),
    );
    assert.deepEqual(await validate(s, withNobody), [
      {
        sheet: "archivePast",
        row: 2,
        column: "stamps",
        rule: "stamp.wrongRole",
        value: " 周某 2026-11-20T10:00",
      },
    ]);
  });
});
