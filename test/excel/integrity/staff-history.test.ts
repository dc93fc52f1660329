/**
 * Issue 13: Staff records are versioned and signed. A change of role or department and a
 * revocation are new rows; a stamp is judged by the row in force when the Change log
 * first carried it — so a promotion keeps every past approval, a lost key stamps nothing
 * new even when its thief dates a stamp back, and typing in a cell restores nothing.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { postRequests } from "../../../src/excel/actions/post-requests";
import { changeStaff, revokeStaff, stampRequests } from "../../../src/excel/actions/workflow";
import { validateWorkbook } from "../../../src/excel/actions/validate-workbook";
import type { Problem } from "../../../src/domain/problem";
import { envOf } from "../fixtures";
import { now, stamper, staffOf, world, type People } from "./world";
import { cellOf, stampOutsideThePane, typeInto } from "./insider";

const STAFF = "人员";
const later = { date: now.date, time: "17:30" };

/** The Excel rows of a person's Staff rows, top to bottom. */
function staffRows(host: MemoryExcelHost, name: string): number[] {
  return host
    .sheet(STAFF)
    .values.map((r, i) => (r[0] === name ? i + 1 : 0))
    .filter(Boolean);
}

describe("Staff records are versioned and signed: a stamp is judged by the row in force when it was made (issue 13)", function () {
  this.timeout(120_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });
  const validate = async (host: MemoryExcelHost): Promise<Problem[]> => {
    const result = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(result.ok, JSON.stringify(result));
    return result.problems;
  };
  const trustProblems = async (host: MemoryExcelHost) =>
    (await validate(host)).filter((p) => p.rule.startsWith("stamp.") || p.rule.startsWith("staff."));
  const admin = () => stamper(people.admin);

  it("the workbook the tests start from verifies: every stamp in it holds", async () => {
    assert.deepEqual(await trustProblems(base.clone()), []);
  });

  it("a promotion is a new countersigned row: past approvals keep verifying, and the old role stamps nothing new", async () => {
    const host = base.clone();
    const head = people.head.entry.name;
    const changed = await changeStaff(
      envOf(host),
      people.admin.fp,
      admin(),
      { name: head, role: "manager", department: "总务部" },
      later,
    );
    assert.ok(changed.ok && changed.problems.length === 0, JSON.stringify(changed));
    const rows = staffRows(host, head);
    assert.equal(rows.length, 2, "the old row stays; the new one is added");
    assert.equal(cellOf(host, STAFF, rows[1]!, "角色"), "主管经理");
    assert.equal(cellOf(host, STAFF, rows[1]!, "部门"), "总务部");
    assert.equal(cellOf(host, STAFF, rows[1]!, "生效时间"), `${later.date}T${later.time}`);
    assert.ok(cellOf(host, STAFF, rows[1]!, "管理员副署"), "countersigned by the administrator");
    // Every approval the head made as department head still verifies: posted customers,
    // terminations, the approved request waiting to be posted.
    assert.deepEqual(await trustProblems(host), []);
    const posted = await postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, ["R000003"], later);
    assert.ok(posted.ok && posted.problems.length === 0, JSON.stringify(posted));
    assert.equal(posted.posted.length, 1);
    // As department head they stamp nothing any more: in the pane, or outside it.
    const asHead = await stampRequests(
      envOf(host),
      people.admin.fp,
      ["R000005"],
      stamper(people.head),
      "approve",
      "",
      later,
    );
    assert.ok(asHead.ok);
    assert.ok(asHead.problems.length > 0, "a former department head cannot stamp as one");
    await stampOutsideThePane(host, "R000005", [people.head], "intake", `${later.date}T${later.time}`);
    const afterForgery = await trustProblems(host);
    assert.ok(
      afterForgery.some((p) => p.sheet === "intake" && p.rule === "stamp.wrongPerson"),
      JSON.stringify(afterForgery),
    );
  });

  it("only the administrator changes a role, and only the trust root makes an administrator", async () => {
    const host = base.clone();
    const byHead = await changeStaff(
      envOf(host),
      people.admin.fp,
      stamper(people.head),
      { name: people.head.entry.name, role: "manager", department: "业务一部" },
      later,
    );
    assert.ok(byHead.ok);
    assert.deepEqual(
      byHead.problems.map((p) => p.rule),
      ["policy.notAdmin"],
    );
    assert.equal(staffRows(host, people.head.entry.name).length, 1, "nothing written");
  });

  it("a changed 生效时间 voids the row: the countersignature covers when it takes effect", async () => {
    const host = base.clone();
    const [row] = staffRows(host, people.head.entry.name);
    typeInto(host, STAFF, row!, "生效时间", "2026-12-01T00:00");
    const problems = await trustProblems(host);
    assert.ok(
      problems.some((p) => p.rule === "stamp.notCountersigned"),
      JSON.stringify(problems),
    );
  });

  describe("a revoked device", () => {
    let host: MemoryExcelHost;
    beforeEach(async () => {
      host = base.clone();
      const revoked = await revokeStaff(
        envOf(host),
        { name: people.head.entry.name },
        "赵管理",
        "设备遗失",
        later,
      );
      assert.ok(revoked.ok && revoked.problems.length === 0, JSON.stringify(revoked));
    });
    const revocationRow = () => staffRows(host, people.head.entry.name).at(-1)!;

    it("is a new row marked 已吊销 from now; the stamps the log carried before it keep verifying", async () => {
      assert.equal(staffRows(host, people.head.entry.name).length, 2);
      assert.equal(cellOf(host, STAFF, revocationRow(), "已吊销"), "是");
      assert.equal(cellOf(host, STAFF, revocationRow(), "生效时间"), `${later.date}T${later.time}`);
      assert.deepEqual(await trustProblems(host), []);
    });

    it("stamps nothing new in the pane", async () => {
      const stamped = await stampRequests(
        envOf(host),
        people.admin.fp,
        ["R000005"],
        stamper(people.head),
        "approve",
        "",
        later,
      );
      assert.ok(stamped.ok);
      assert.deepEqual(
        stamped.problems.map((p) => p.rule),
        ["stamp.revoked"],
      );
    });

    it("a stamp its thief makes outside the pane, dated before the revocation, is revoked: Validate names it and Post refuses it", async () => {
      await stampOutsideThePane(host, "R000005", [people.head], "intake", `${now.date}T09:00`);
      const problems = await trustProblems(host);
      assert.ok(
        problems.some((p) => p.sheet === "intake" && p.rule === "stamp.revoked"),
        JSON.stringify(problems),
      );
      const posted = await postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, ["R000005"], later);
      assert.ok(posted.ok);
      assert.equal(posted.posted.length, 0);
      assert.ok(
        posted.problems.some((p) => p.rule === "stamp.revoked"),
        JSON.stringify(posted.problems),
      );
    });

    it("typing 否 into its revocation row restores nothing, and Validate names the row", async () => {
      await stampOutsideThePane(host, "R000005", [people.head], "intake", `${now.date}T09:00`);
      typeInto(host, STAFF, revocationRow(), "已吊销", "否");
      const problems = await trustProblems(host);
      assert.ok(
        problems.some((p) => p.sheet === "staff" && p.rule === "staff.revokedInLog"),
        JSON.stringify(problems),
      );
      assert.ok(
        problems.some((p) => p.sheet === "intake" && p.rule === "stamp.revoked"),
        "the thief's stamp still fails",
      );
      const stamped = await stampRequests(
        envOf(host),
        people.admin.fp,
        ["R000005"],
        stamper(people.head),
        "approve",
        "",
        later,
      );
      assert.deepEqual(stamped.ok && stamped.problems.map((p) => p.rule), ["stamp.revoked"]);
    });
  });

  it("a 已吊销 typed into a row by hand, with no revocation in the log, takes every stamp of that key with it", async () => {
    const host = base.clone();
    const [row] = staffRows(host, people.head.entry.name);
    typeInto(host, STAFF, row!, "已吊销", "是");
    const problems = await trustProblems(host);
    assert.ok(
      problems.some((p) => p.rule === "stamp.revoked"),
      JSON.stringify(problems),
    );
  });
});
