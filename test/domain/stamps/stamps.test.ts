import assert from "node:assert/strict";
import { countersign, trustStaff, type StaffEntry } from "../../../src/domain/stamps/staff";
import { person, type Person } from "../support/people";
import {
  defaultStampedFields,
  formatStamps,
  makeStamp,
  coversPolicy,
  parseStamps,
  stampDigest,
  verifyStamps,
  type Approval,
  type Stamp,
  type Stamped,
} from "../../../src/domain/stamps/stamps";
import { toBase64, utf8 } from "../../../src/domain/stamps/encoding";
import { verifyCounts } from "../../../src/domain/stamps/keys";

const request: Stamped = {
  kind: "intake",
  ref: "R000001",
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
      policy: "p1",
    });
  }

  async function chainOfTwo() {
    const first = await stampBy(head, request, []);
    const second = await stampBy(chairman, request, [first]);
    return [first, second];
  }

  const rule: Approval = { chain: ["deptHead", "chairman"], department: "业务一部", notBy: ["孙负责"] };
  const issues = async (
    subject: Stamped,
    stamps: readonly Stamp[],
    trustEntries = entries,
    pinned?: string,
    approval = rule,
  ) =>
    (await verifyStamps(subject, stamps, await trustStaff(trustEntries, pinned), approval)).map(
      (c) => c.issue ?? "ok",
    );

  it("verifies a department head's and then the chairman's stamp on an untouched request", async () => {
    assert.deepEqual(await issues(request, await chainOfTwo()), ["ok", "ok"]);
  });

  it("survives being written to the cell and read back", async () => {
    const stamps = await chainOfTwo();
    const cell = formatStamps(stamps, "zh");
    assert.match(cell, /^部门主管 王主管 2026-11-24 10:00 批准 ⟦/);
    const { stamps: read, unreadable } = parseStamps(cell);
    assert.deepEqual(unreadable, []);
    assert.deepEqual(
      read.map((s) => ({ ...s, words: undefined })),
      stamps.map((s) => ({ ...s, words: undefined })),
    );
    assert.equal(read[1]!.words, "董事长 李董事长 2026-11-24 10:00 批准");
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
      policy: "p1",
    });
    assert.deepEqual(await issues(request, [otherFirst, second!]), ["ok", "stamp.contentChanged"]);
  });

  it("reads a stamp only when its data ends the line: words after it make the line unreadable", async () => {
    const [first] = await chainOfTwo();
    const line = formatStamps([first!], "zh");
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
      "stamp.unverified",
      "stamp.unverified",
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
      policy: "p1",
    });
    assert.deepEqual(await issues(request, [rejection]), ["ok"]);
    assert.deepEqual(await issues(request, [{ ...rejection, reason: "同意" }]), ["stamp.contentChanged"]);
    assert.deepEqual(await issues(request, [{ ...rejection, decision: "approve" }]), [
      "stamp.contentChanged",
    ]);
  });

  describe("bound to what it approves, where, and by whom (issue 13)", () => {
    it("does not count on another request: the same fields under another request number", async () => {
      const stamps = await chainOfTwo();
      assert.deepEqual(await issues({ ...request, ref: "R000002" }, stamps), [
        "stamp.otherSubject",
        "stamp.otherSubject",
      ]);
    });

    it("does not count for another act: a customer's intake stamps copied onto its reinstatement", async () => {
      const stamps = await chainOfTwo();
      assert.deepEqual(await issues({ ...request, kind: "reinstate:C000001" }, stamps), [
        "stamp.otherSubject",
        "stamp.otherSubject",
      ]);
    });

    it("refuses a department head's stamp on another department's request, made outside the pane", async () => {
      const other = { ...request, values: { ...request.values, department: "业务二部" } };
      const stamps = [await stampBy(head, other, [])];
      assert.deepEqual(await issues(other, stamps, entries, undefined, { ...rule, department: "业务二部" }), [
        "stamp.otherDepartment",
      ]);
      assert.deepEqual(await issues(other, stamps), ["ok"], "the same stamp on its own department's request");
    });

    it("refuses a stamp by the request's responsible person or filer, made with their real key", async () => {
      const stamps = [await stampBy(head, request, [])];
      assert.deepEqual(await issues(request, stamps, entries, undefined, { ...rule, notBy: ["王主管"] }), [
        "stamp.ownRequest",
      ]);
    });

    it("refuses a stamp beyond the chain: a third stamp on a class-A request", async () => {
      const [first, second] = await chainOfTwo();
      const third = await stampBy(head, request, [first!, second!]);
      assert.deepEqual(await issues(request, [first!, second!, third]), ["ok", "ok", "stamp.wrongRole"]);
    });

    it("refuses a line whose words were rewritten, though its data still verifies", async () => {
      const [first] = await chainOfTwo();
      const line = formatStamps([first!], "zh").replace("批准", "驳回");
      const read = parseStamps(line).stamps;
      assert.deepEqual(await issues(request, read), ["stamp.wordsDiffer"]);
      assert.deepEqual(await issues(request, parseStamps(formatStamps([first!], "en")).stamps), ["ok"]);
    });

    it("reads a stamp made before stamps named their act and record as unreadable, and broken data too, without throwing", () => {
      const old = toBase64(
        utf8(JSON.stringify({ r: "deptHead", n: "王主管", t: "t", d: "approve", k: "k", f: [], s: "x" })),
      );
      const cell = `部门主管 王主管 ⟦${old}⟧\n部门主管 王主管 ⟦@@@⟧\n部门主管 王主管 ⟦AAAA⟧`;
      const { stamps, unreadable } = parseStamps(cell);
      assert.deepEqual(stamps, []);
      assert.equal(unreadable.length, 3);
    });
  });

  describe("a stamp the log vouches for, met again in the same check (its request, then its Register row)", () => {
    // The log's vouches: each stamp's signature with the digest of the message it was made over.
    const vouchesFor = (stamps: readonly Stamp[], subject = request) =>
      new Map(stamps.map((s, i) => [s.signature, stampDigest(subject, stamps.slice(0, i), s)]));
    const check = async (subject: Stamped, stamps: readonly Stamp[], vouched: Map<string, string>) => {
      const trust = await trustStaff(entries, undefined);
      const before = { ...verifyCounts };
      const checks = await verifyStamps(subject, stamps, trust, rule, vouched);
      return {
        found: checks.map((c) => `${c.issue ?? "ok"}${c.vouched ? " vouched" : ""}`),
        vouched: verifyCounts.vouched - before.vouched,
        verified: verifyCounts.computed - before.computed + verifyCounts.remembered - before.remembered,
      };
    };

    it("over the same content: vouched for both times, no signature verified", async () => {
      const stamps = await chainOfTwo();
      const vouched = vouchesFor(stamps);
      const again = { ...request, values: { ...request.values } };
      for (const subject of [request, again])
        assert.deepEqual(await check(subject, stamps, vouched), {
          found: ["ok vouched", "ok vouched"],
          vouched: 2,
          verified: 0,
        });
    });

    it("over a covered field edited since (the Register row typed over): not vouched, verified, and it fails", async () => {
      const stamps = await chainOfTwo();
      const vouched = vouchesFor(stamps);
      await check(request, stamps, vouched);
      const edited = { ...request, values: { ...request.values, address: "北京市朝阳区建国路2号" } };
      assert.deepEqual(await check(edited, stamps, vouched), {
        found: ["stamp.contentChanged", "stamp.contentChanged"],
        vouched: 0,
        verified: 2,
      });
    });

    it("after another stamp in the first place: the chairman's stamp signed the first one, and fails", async () => {
      const [first, second] = await chainOfTwo();
      const vouched = vouchesFor([first!, second!]);
      await check(request, [first!, second!], vouched);
      const other = await makeStamp(head.privateKey, request, [], { ...first!, time: "2026-11-24T11:00" });
      assert.deepEqual((await check(request, [other, second!], vouched)).found, [
        "ok",
        "stamp.contentChanged",
      ]);
    });
  });
});

describe("a stamp covers what the policy version it names asks for (issue 13)", () => {
  const versions = { "0": ["name", "class", "creditRating"], "2": ["name", "class"], "3": ["name", "phone"] };
  it("covers every field of its own version, extra fields allowed", () => {
    assert.equal(
      coversPolicy({ policy: "0", fields: ["name", "class", "creditRating", "phone"] }, versions),
      true,
    );
    assert.equal(coversPolicy({ policy: "2", fields: ["class", "name"] }, versions), true);
  });
  it("approves too little when a field of its version is missing", () => {
    assert.equal(coversPolicy({ policy: "0", fields: ["name", "class"] }, versions), false);
    assert.equal(coversPolicy({ policy: "3", fields: ["name", "class"] }, versions), false);
  });
  it("naming a version not known here, it must cover what every known version asks for", () => {
    assert.equal(coversPolicy({ policy: "9", fields: ["name"] }, versions), true);
    assert.equal(coversPolicy({ policy: "9", fields: ["phone"] }, versions), false);
    assert.equal(coversPolicy({ policy: "9", fields: [] }, {}), true, "nothing known, nothing asked");
  });
});

describe("a stamp read keeps its own covered fields (issue 15: lists shared between stamps)", () => {
  it("whatever the fields of the stamp read just before it: longer, shorter, as long, or the same", () => {
    const lists = [
      ["id", "name"],
      ["id", "name", "phone"],
      ["id", "uscc"],
      ["id"],
      ["id", "name"],
      ["name", "id"],
    ];
    // Lines never read before in this process: parsed lines are remembered by their text.
    const fresh = crypto.randomUUID();
    const cells = lists.map((fields, i) =>
      formatStamps(
        [
          {
            role: "deptHead",
            name: "王主管",
            time: "2026-11-24T10:00",
            decision: "approve",
            key: "k",
            fields,
            act: "intake",
            ref: `R${String(i).padStart(6, "0")}-fields`,
            policy: "p1",
            signature: `sig-fields-${i}-${fresh}`,
          },
        ],
        "zh",
      ),
    );
    const read = cells.map((cell) => parseStamps(cell).stamps[0]!.fields);
    assert.deepEqual(read, lists);
    // The same list read twice is one list, shared (frozen: nobody may change it).
    assert.equal(read[4], read[0]);
    assert.ok(Object.isFrozen(read[1]));
  });
});
