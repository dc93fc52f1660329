import assert from "node:assert/strict";
import { countersign, trustStaff, type StaffEntry } from "../../../src/domain/stamps/staff";
import { person, type Person } from "../support/people";
import {
  defaultStampedFields,
  formatStamps,
  makeStamp,
  parseStamps,
  verifyStamps,
  type Stamp,
  type Stamped,
} from "../../../src/domain/stamps/stamps";

const request: Stamped = {
  kind: "customer",
  values: {
    name: "北京华信科技有限公司",
    uscc: "91350100M000100Y43",
    address: "北京市朝阳区建国路1号",
    class: "A",
    department: "业务一部",
    phone: "010-62000000",
  },
};

describe("approval stamps", function () {
  this.timeout(20_000);
  let admin: Person, head: Person, chairman: Person, stranger: Person;
  let entries: StaffEntry[];

  before(async () => {
    admin = await person(2, "赵管理", "admin", "财务科");
    head = await person(3, "王主管", "deptHead");
    chairman = await person(4, "李董事长", "chairman", "总务部");
    stranger = await person(5, "钱某", "deptHead");
    for (const p of [admin, head, chairman])
      p.entry.countersign = await countersign(admin.privateKey, p.entry);
    entries = [admin, head, chairman, stranger].map((p) => p.entry);
  });

  async function stampBy(
    p: Person,
    subject: Stamped,
    earlier: Stamp[],
    decision: "approve" | "reject" = "approve",
  ) {
    return makeStamp(p.privateKey, subject, earlier, {
      role: p.entry.role,
      name: p.entry.name,
      time: "2026-11-24T10:00",
      decision,
      key: p.fp,
      fields: defaultStampedFields,
    });
  }

  async function chainOfTwo() {
    const first = await stampBy(head, request, []);
    const second = await stampBy(chairman, request, [first]);
    return [first, second];
  }

  const issues = async (subject: Stamped, stamps: Stamp[], trustEntries = entries, pinned?: string) =>
    (
      await verifyStamps(subject, stamps, await trustStaff(trustEntries, pinned), ["deptHead", "chairman"])
    ).map((c) => c.issue ?? "ok");

  it("verifies a department head's and then the chairman's stamp on an untouched request", async () => {
    assert.deepEqual(await issues(request, await chainOfTwo()), ["ok", "ok"]);
  });

  it("survives being written to the cell and read back", async () => {
    const stamps = await chainOfTwo();
    const cell = formatStamps(stamps, (s) => `${s.role} ${s.name} ${s.time} 批准`);
    assert.match(cell, /^deptHead 王主管 2026-11-24T10:00 批准 ⟦/);
    const { stamps: read, unreadable } = parseStamps(cell);
    assert.deepEqual(unreadable, []);
    assert.deepEqual(read, stamps);
    assert.deepEqual(await issues(request, read), ["ok", "ok"]);
  });

  it("breaks when a stamped field is edited afterwards, in Excel or in the pane", async () => {
    const edited = { ...request, values: { ...request.values, address: "北京市朝阳区建国路2号" } };
    assert.deepEqual(await issues(edited, await chainOfTwo()), [
      "stamp.contentChanged",
      "stamp.contentChanged",
    ]);
  });

  it("does not break when a field outside the stamp policy changes (a new phone number)", async () => {
    const edited = { ...request, values: { ...request.values, phone: "010-62999999" } };
    assert.deepEqual(await issues(edited, await chainOfTwo()), ["ok", "ok"]);
  });

  it("breaks when the stamps are copied onto another customer's row", async () => {
    const other = {
      ...request,
      values: { ...request.values, name: "上海恒泰贸易有限公司", uscc: "91310115MA1H7XXXX0" },
    };
    assert.deepEqual(await issues(other, await chainOfTwo()), [
      "stamp.contentChanged",
      "stamp.contentChanged",
    ]);
  });

  it("breaks when the chairman's stamp is moved in front of or without the head's", async () => {
    const [first, second] = await chainOfTwo();
    assert.deepEqual(await issues(request, [second!]), ["stamp.wrongRole"]);
    assert.deepEqual(await issues(request, [first!, first!]), ["ok", "stamp.wrongRole"]);
  });

  it("binds each stamp to the stamps before it: another, equally valid first stamp breaks the second", async () => {
    const [, second] = await chainOfTwo();
    const otherFirst = await makeStamp(head.privateKey, request, [], {
      role: "deptHead",
      name: "王主管",
      time: "2026-11-24T11:00",
      decision: "approve",
      key: head.fp,
      fields: defaultStampedFields,
    });
    assert.deepEqual(await issues(request, [otherFirst, second!]), ["ok", "stamp.contentChanged"]);
  });

  it("reads a stamp only when its data ends the line: words after it make the line unreadable", async () => {
    const [first] = await chainOfTwo();
    const line = formatStamps([first!], () => "部门主管 王主管");
    assert.equal(parseStamps(line).stamps.length, 1);
    assert.deepEqual(parseStamps(`${line} 补充`).unreadable, [`${line} 补充`]);
    assert.equal(parseStamps(`${line}   `).stamps.length, 1, "trailing spaces are nothing");
  });

  it("refuses a stamp by a key whose Staff row the administrator never countersigned", async () => {
    assert.deepEqual(await issues(request, [await stampBy(stranger, request, [])]), [
      "stamp.notCountersigned",
    ]);
  });

  it("refuses a stamp by a revoked key", async () => {
    const stamps = await chainOfTwo();
    const revoked = entries.map((e) => (e === head.entry ? { ...e, revoked: true } : e));
    assert.deepEqual(await issues(request, stamps, revoked), ["stamp.revoked", "ok"]);
  });

  it("refuses a stamp whose name or role was rewritten to someone else's", async () => {
    const [first] = await chainOfTwo();
    const forged = { ...first!, name: "李董事长" };
    assert.deepEqual(await issues(request, [forged]), ["stamp.wrongPerson"]);
  });

  it("refuses a stamp by a key that is on no Staff row", async () => {
    const outsider = await person(9, "外人", "deptHead");
    assert.deepEqual(await issues(request, [await stampBy(outsider, request, [])]), ["stamp.unknownKey"]);
  });

  it("treats a typed name as no stamp at all", () => {
    const { stamps, unreadable } = parseStamps("王主管 已批准");
    assert.deepEqual(stamps, []);
    assert.deepEqual(unreadable, ["王主管 已批准"]);
  });

  it("trusts nobody and warns loudly when the administrator's key is not the one this device pinned", async () => {
    const impostor = await person(6, "赵管理", "admin", "财务科");
    impostor.entry.countersign = await countersign(impostor.privateKey, impostor.entry);
    const swapped = [impostor.entry, head.entry, chairman.entry];
    const trust = await trustStaff(swapped, admin.fp);
    assert.equal(trust.adminChanged, true);
    assert.deepEqual(await issues(request, await chainOfTwo(), swapped, admin.fp), [
      "stamp.notCountersigned",
      "stamp.notCountersigned",
    ]);
    assert.equal((await trustStaff(entries, admin.fp)).adminChanged, false);
  });

  it("signs a rejection with its reason, and the reason cannot be altered", async () => {
    const rejection = await makeStamp(head.privateKey, request, [], {
      role: "deptHead",
      name: "王主管",
      time: "2026-11-24T11:00",
      decision: "reject",
      reason: "信用资料不全",
      key: head.fp,
      fields: defaultStampedFields,
    });
    assert.deepEqual(await issues(request, [rejection]), ["ok"]);
    assert.deepEqual(await issues(request, [{ ...rejection, reason: "同意" }]), ["stamp.contentChanged"]);
    assert.deepEqual(await issues(request, [{ ...rejection, decision: "approve" }]), [
      "stamp.contentChanged",
    ]);
  });
});
