/**
 * What a stamp cell says and what a stamp stands for, seen the way a reader of the cell
 * sees it: the words each line shows in either language, which lines count as stamps,
 * who a stamp may claim to be, when a chain is an approval, and what a stamp signs.
 */
import assert from "node:assert/strict";
import { countersign, trustStaff, type StaffEntry } from "../../../src/domain/stamps/staff";
import { toBase64, utf8 } from "../../../src/domain/stamps/encoding";
import {
  chainComplete,
  defaultStampedFields,
  formatStamps,
  makeStamp,
  parseStamps,
  verifyStamps,
  type Approval,
  type Decision,
  type Stamp,
  type Stamped,
} from "../../../src/domain/stamps/stamps";
import { person, type Person } from "../support/people";

const request: Stamped = {
  kind: "intake",
  ref: "R000001",
  values: {
    name: "北京华信科技有限公司",
    uscc: "91350100M000100Y43",
    address: "北京市朝阳区建国路1号",
    class: "A",
    department: "业务一部",
  },
};

describe("what a stamp cell says and what its stamps stand for", function () {
  this.timeout(20_000);
  let admin: Person, head: Person, chairman: Person;
  let entries: StaffEntry[];

  before(async () => {
    admin = await person(2, "赵管理", "admin", "财务科");
    head = await person(3, "王主管", "deptHead");
    chairman = await person(4, "李董事长", "chairman", "总务部");
    for (const p of [admin, head, chairman])
      p.entry.countersign = await countersign(admin.privateKey, p.entry);
    entries = [admin.entry, head.entry, chairman.entry];
  });

  const stampBy = (
    p: Person,
    earlier: Stamp[] = [],
    { decision = "approve" as Decision, reason = undefined as string | undefined, role = p.entry.role } = {},
    subject: Stamped = request,
  ) =>
    makeStamp(p.privateKey, subject, earlier, {
      role,
      name: p.entry.name,
      time: "2026-11-24T10:00",
      decision,
      ...(reason === undefined ? {} : { reason }),
      key: p.fp,
      fields: defaultStampedFields,
      policy: "0",
    });

  const classA: Approval = { chain: ["deptHead", "chairman"], department: "业务一部", notBy: [] };
  const classB: Approval = { chain: ["deptHead"], department: "业务一部", notBy: [] };
  const issues = async (stamps: readonly Stamp[], rule: Approval = classA, subject: Stamped = request) =>
    (await verifyStamps(subject, stamps, await trustStaff(entries, admin.fp), rule)).map(
      (c) => c.issue ?? "ok",
    );

  describe("the words of a stamp line", () => {
    it("on an English sheet says 'approved' for an approval, in English", async () => {
      const cell = formatStamps([await stampBy(head)], "en");
      assert.match(cell, /^Department head 王主管 2026-11-24 10:00 approved ⟦[A-Za-z0-9+/=]+⟧$/);
    });

    it("on an English sheet says 'rejected' and the reason after a colon and a space", async () => {
      const cell = formatStamps(
        [await stampBy(head, [], { decision: "reject", reason: "信用资料不全" })],
        "en",
      );
      assert.match(
        cell,
        /^Department head 王主管 2026-11-24 10:00 rejected: 信用资料不全 ⟦[A-Za-z0-9+/=]+⟧$/,
      );
    });

    it("on a Chinese sheet says 批准 and 驳回, the reason after a full-width-style colon with no space", async () => {
      const approval = formatStamps([await stampBy(head)], "zh");
      assert.match(approval, /^部门主管 王主管 2026-11-24 10:00 批准 ⟦/);
      const rejection = formatStamps(
        [await stampBy(head, [], { decision: "reject", reason: "信用资料不全" })],
        "zh",
      );
      assert.match(rejection, /^部门主管 王主管 2026-11-24 10:00 驳回:信用资料不全 ⟦/);
    });

    it("read back from an English cell, an English rejection still verifies", async () => {
      const rejection = await stampBy(head, [], { decision: "reject", reason: "信用资料不全" });
      const read = parseStamps(formatStamps([rejection], "en"));
      assert.deepEqual(read.unreadable, []);
      assert.equal(read.stamps[0]!.words, "Department head 王主管 2026-11-24 10:00 rejected: 信用资料不全");
      assert.deepEqual(await issues(read.stamps), ["ok"]);
    });
  });

  describe("which lines of a cell are stamps", () => {
    it("a line with anything written straight after the stamp data is no stamp", async () => {
      const line = formatStamps([await stampBy(head)], "zh");
      assert.deepEqual(parseStamps(`${line}补`), { stamps: [], unreadable: [`${line}补`] });
      assert.deepEqual(parseStamps(`${line}⟧`).stamps, []);
    });

    it("blank lines and lines of spaces between stamps are nothing, and a typed line is read without the spaces around it", async () => {
      const first = await stampBy(head);
      const [one, two] = formatStamps([first, await stampBy(chairman, [first])], "zh").split("\n");
      const read = parseStamps(`  ${one}\n   \n\t\n${two}  \r\n  王主管 同意  `);
      assert.equal(read.stamps.length, 2);
      assert.deepEqual(
        read.stamps.map((s) => s.name),
        ["王主管", "李董事长"],
      );
      assert.deepEqual(read.unreadable, ["王主管 同意"]);
      assert.deepEqual(await issues(read.stamps), ["ok", "ok"]);
    });

    it("a line whose data has no signature is no stamp", () => {
      const data = toBase64(
        utf8(
          JSON.stringify({
            r: "deptHead",
            n: "王主管",
            t: "t",
            d: "approve",
            k: "k",
            f: [],
            a: "intake",
            ref: "R000001",
            p: "0",
          }),
        ),
      );
      const line = `部门主管 王主管 ⟦${data}⟧`;
      assert.deepEqual(parseStamps(line), { stamps: [], unreadable: [line] });
    });
  });

  describe("who a stamp may claim to be", () => {
    it("a department head signing as chairman with their own key is not that person: wrongPerson", async () => {
      const first = await stampBy(head);
      const asChairman = await stampBy(head, [first], { role: "chairman" });
      assert.deepEqual(await issues([first, asChairman]), ["ok", "stamp.wrongPerson"]);
    });

    it("a rule naming no department takes a department head's stamp whatever their department", async () => {
      const elsewhere = { ...request, values: { ...request.values, department: "业务二部" } };
      const stamp = await stampBy(head, [], {}, elsewhere);
      assert.deepEqual(await issues([stamp], { chain: ["deptHead"] }, elsewhere), ["ok"]);
      assert.deepEqual(await issues([stamp], { chain: ["deptHead"], department: "业务二部" }, elsewhere), [
        "stamp.otherDepartment",
      ]);
    });
  });

  describe("what a stamp signs", () => {
    it("a field the record lacks is signed as blank: the stamp verifies where that field stands empty", async () => {
      const withoutCapital = { ...request, values: { ...request.values } };
      delete withoutCapital.values.capital;
      const stamp = await stampBy(head, [], {}, withoutCapital);
      const blankCapital = { ...request, values: { ...request.values, capital: "" } };
      assert.deepEqual(await issues([stamp], classB, blankCapital), ["ok"]);
      const someCapital = { ...request, values: { ...request.values, capital: "500" } };
      assert.deepEqual(await issues([stamp], classB, someCapital), ["stamp.contentChanged"]);
    });

    it("an empty reason is no reason: a rejection signed with one verifies with the reason left out of its data", async () => {
      const rejection = await stampBy(head, [], { decision: "reject", reason: "" });
      const withoutReason: Stamp = { ...rejection };
      delete withoutReason.reason;
      assert.deepEqual(await issues([withoutReason], classB), ["ok"]);
      const approval = await stampBy(head);
      assert.deepEqual(await issues([{ ...approval, reason: "" }], classB), ["ok"]);
    });
  });

  describe("when a chain is an approval", () => {
    it("a full chain is an approval only when every stamp approves", async () => {
      const first = await stampBy(head);
      const approved = await stampBy(chairman, [first]);
      const rejected = await stampBy(chairman, [first], { decision: "reject", reason: "资信不足" });
      assert.equal(chainComplete([first, approved], classA), true);
      assert.equal(chainComplete([first, rejected], classA), false, "the chairman rejected");
      assert.equal(chainComplete([first], classA), false, "the chairman has not stamped");
    });
  });
});
