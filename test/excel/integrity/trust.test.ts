/**
 * Issue 13: stamps hold against anyone who can edit the workbook. Each case is an
 * insider with edit access and a real key, working outside the pane's stamping page; the
 * rule a stamp stands for is checked wherever the stamp is relied on (Post, Validate),
 * not only where it is made.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { postRequests } from "../../../src/excel/actions/post-requests";
import { requestReinstatement, terminateCustomers } from "../../../src/excel/actions/lifecycle";
import { fileRequest, signStampPolicy, stampRequests } from "../../../src/excel/actions/workflow";
import { validateWorkbook } from "../../../src/excel/actions/validate-workbook";
import { changeLog, intake, register, staff } from "../../../src/domain/schema/sheets";
import type { LogHead } from "../../../src/domain/journal/head";

const changeLogHashCol = () => changeLog.columns.findIndex((c) => c.key === "hash");
import { columnLetter } from "../../../src/domain/workbook";
import { office } from "../../domain/support/people";
import { envOf, workbook } from "../fixtures";
import { entryFor, now, stamper, staffOf, world, type People } from "./world";
import { places } from "./invariants";
import { cellOf, pasteRow, requestRow, rewriteLogFrom, stampOutsideThePane, typeInto } from "./insider";

const INTAKE = "交易开始调查书";
const REGISTER = "客户原簿";

describe("stamps hold against anyone who can edit the workbook (issue 13)", function () {
  this.timeout(120_000);
  let people: People;
  let base: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });
  const post = (host: MemoryExcelHost, which: string[] | "all") =>
    postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, which, now);
  const validate = async (host: MemoryExcelHost) => {
    const result = await validateWorkbook(envOf(host), now.date, people.admin.fp);
    assert.ok(result.ok, JSON.stringify(result));
    return result.problems;
  };
  const stampProblems = async (host: MemoryExcelHost) =>
    (await validate(host))
      .filter((p) => p.rule.startsWith("stamp.") || p.rule.startsWith("staff."))
      .map((p) => `${p.sheetName}!${p.address} ${p.rule}`);
  const stampsCol = () => columnLetter(intake.columns.findIndex((c) => c.key === "stamps"));
  const regStampsCol = () => columnLetter(register.columns.findIndex((c) => c.key === "stamps"));

  it("a department head's real stamp on a request they are responsible for does not post, and Validate names it", async () => {
    const host = base.clone();
    const row = requestRow(host, "R000005");
    typeInto(host, INTAKE, row, "负责人", people.head.entry.name);
    await stampOutsideThePane(host, "R000005", [people.head]);
    const posted = await post(host, ["R000005"]);
    assert.ok(posted.ok);
    assert.deepEqual(posted.posted, []);
    assert.deepEqual(
      posted.problems.map((p) => [p.row, p.column, p.rule]),
      [[row, "stamps", "stamp.ownRequest"]],
    );
    assert.ok((await stampProblems(host)).includes(`${INTAKE}!${stampsCol()}${row} stamp.ownRequest`));
  });

  it("a department head's real stamp on a request they filed themselves does not count, in the pane or outside it", async () => {
    const host = base.clone();
    const filed = await fileRequest(envOf(host), entryFor(104), people.head.entry.name, now);
    assert.ok(filed.ok && filed.problems.length === 0, JSON.stringify(filed));
    const requestNo = "R000006";
    const inPane = await stampRequests(
      envOf(host),
      people.admin.fp,
      [requestNo],
      stamper(people.head),
      "approve",
      "",
      now,
    );
    assert.ok(inPane.ok);
    assert.deepEqual(
      inPane.problems.map((p) => p.rule),
      ["stamp.ownRequest"],
    );
    await stampOutsideThePane(host, requestNo, [people.head]);
    const posted = await post(host, [requestNo]);
    assert.ok(posted.ok);
    assert.deepEqual(
      posted.problems.map((p) => p.rule),
      ["stamp.ownRequest"],
    );
  });

  it("a department head's real stamp on another department's request does not post, and Validate names it", async () => {
    const host = base.clone();
    const row = requestRow(host, "R000005");
    typeInto(host, INTAKE, row, "负责部门", "业务二部");
    await stampOutsideThePane(host, "R000005", [people.head]);
    const posted = await post(host, ["R000005"]);
    assert.ok(posted.ok);
    assert.deepEqual(
      posted.problems.map((p) => [p.row, p.rule]),
      [[row, "stamp.otherDepartment"]],
    );
    assert.ok((await stampProblems(host)).includes(`${INTAKE}!${stampsCol()}${row} stamp.otherDepartment`));
  });

  it("stamps copied onto a new request with the same fields do not post it", async () => {
    const host = base.clone();
    const values = host.sheet(INTAKE).values;
    const copy = [...values[requestRow(host, "R000003") - 1]!];
    copy[values[0]!.indexOf("申请编号")] = "R000099";
    const row = pasteRow(host, INTAKE, copy);
    const posted = await post(host, ["R000099"]);
    assert.ok(posted.ok);
    assert.deepEqual(posted.posted, []);
    assert.deepEqual(
      posted.problems.map((p) => [p.row, p.rule]),
      [[row, "stamp.otherSubject"]],
    );
    assert.ok((await stampProblems(host)).includes(`${INTAKE}!${stampsCol()}${row} stamp.otherSubject`));
    const original = await post(host, ["R000003"]);
    assert.ok(
      original.ok && original.posted.length === 1,
      "the request the stamps were made for still posts",
    );
  });

  it("a customer's original intake stamps copied into its reinstatement request do not bring it back", async () => {
    const host = base.clone();
    // C000013 was posted from R000001 through the add-in; it is suspended, then asked back.
    const env = envOf(host);
    const suspended = await terminateCustomers(
      env,
      people.admin.fp,
      ["C000013"],
      "suspended",
      "暂停",
      stamper(people.head),
      now,
    );
    assert.ok(suspended.ok && suspended.problems.length === 0, JSON.stringify(suspended));
    const asked = await requestReinstatement(env, ["C000013"], "陈会计", now);
    assert.ok(asked.ok && asked.problems.length === 0, JSON.stringify(asked));
    const requestNo = asked.requested[0]!.requestNo;
    const row = requestRow(host, requestNo);
    typeInto(host, INTAKE, row, "盖章", cellOf(host, INTAKE, requestRow(host, "R000001"), "盖章"));
    typeInto(host, INTAKE, row, "申请状态", "已批准");
    const posted = await post(host, [requestNo]);
    assert.ok(posted.ok);
    assert.deepEqual(
      posted.problems.map((p) => [p.row, p.rule]),
      [[row, "stamp.otherSubject"]],
    );
    assert.deepEqual(places(host).get("C000013"), ["交易中止"], "still suspended, nowhere else");
    // A fresh approval of the reinstatement itself does bring it back.
    await stampOutsideThePane(host, requestNo, [people.head], "reinstate:C000013");
    const fresh = await post(host, [requestNo]);
    assert.ok(fresh.ok && fresh.problems.length === 0, JSON.stringify(fresh));
    assert.deepEqual(places(host).get("C000013"), [REGISTER]);
  });

  describe("a class-A customer posted with both stamps", () => {
    let host: MemoryExcelHost;
    beforeEach(async () => {
      host = await workbook(people, 2);
      const posted = await postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, "all", now);
      assert.ok(posted.ok && posted.posted.length === 2, JSON.stringify(posted));
    });

    it("loses its chairman's line: Validate reports the Register row", async () => {
      const cell = cellOf(host, REGISTER, 2, "盖章");
      assert.equal(cell.split("\n").length, 2);
      typeInto(host, REGISTER, 2, "盖章", cell.split("\n")[0]!);
      assert.deepEqual(await stampProblems(host), [`${REGISTER}!${regStampsCol()}2 stamp.notAsPosted`]);
    });

    it("has its Stamps cell emptied together with an edit of a covered field: Validate reports it", async () => {
      typeInto(host, REGISTER, 3, "盖章", "");
      typeInto(host, REGISTER, 3, "信用等级", "D");
      assert.deepEqual(await stampProblems(host), [`${REGISTER}!${regStampsCol()}3 stamp.notAsPosted`]);
    });
  });

  describe("the stamping rules are the administrator's signed policy, not Settings cells", () => {
    const chainRow = (host: MemoryExcelHost) => {
      const row = host.sheet("设置").values.findIndex((r) => r[4] === "盖章顺序-A类");
      assert.ok(row > 0);
      return row + 1;
    };
    const setCell = (host: MemoryExcelHost, row: number, value: string) =>
      host.seedSheet("设置", [[value]], { at: `F${row}`, raw: true });
    const oneStampClassA = async (host: MemoryExcelHost) => {
      const { stampedRequest } = await import("../../domain/support/people");
      return pasteRow(host, INTAKE, await stampedRequest(0, [people.head]));
    };
    const settingsProblems = async (host: MemoryExcelHost) =>
      (await validate(host))
        .filter((p) => p.sheet === "settings")
        .map((p) => `${p.address} ${p.rule} ${p.value}`);

    it("盖章顺序-A类 cut to the department head in the cell: a class-A request does not post on one stamp, and Validate reports the cell", async () => {
      const host = await workbook(people, 0);
      const row = chainRow(host);
      setCell(host, row, "deptHead");
      const at = await oneStampClassA(host);
      const posted = await post(host, "all");
      assert.ok(posted.ok);
      assert.deepEqual(
        posted.problems.map((p) => [p.row, p.rule]),
        [[at, "stamp.incomplete"]],
      );
      assert.deepEqual(await settingsProblems(host), [`F${row} settings.unsigned deptHead,chairman`]);
      setCell(host, row, "deptHead,chairman");
      assert.deepEqual(await settingsProblems(host), [], "put back, nothing to report");
    });

    it("the administrator's signed change applies; a cell edited afterwards is reported and ignored", async () => {
      const host = await workbook(people, 0);
      const row = chainRow(host);
      setCell(host, row, "deptHead");
      const signed = await signStampPolicy(envOf(host), people.admin.fp, stamper(people.admin), now);
      assert.ok(signed.ok && signed.problems.length === 0, JSON.stringify(signed));
      assert.equal(signed.version, 1);
      assert.deepEqual(await settingsProblems(host), []);
      await oneStampClassA(host);
      // Signed rules ask every log row's seal (变更记录须全员签名): the head posts with their key.
      const clerk = {
        ...envOf(host),
        signer: () => ({ fingerprint: people.head.fp, privateKey: people.head.privateKey }),
      };
      const posted = await postRequests(clerk, { name: people.head.entry.name }, people.admin.fp, "all", now);
      assert.ok(posted.ok && posted.posted.length === 1, JSON.stringify(posted));
      // An insider puts the chairman back in the cell (or anything else): it changes nothing.
      setCell(host, row, "chairman");
      assert.deepEqual(await settingsProblems(host), [`F${row} settings.unsigned deptHead`]);
      assert.deepEqual(await stampProblems(host), [], "the customer posted under version 1 still verifies");
    });

    it("盖章覆盖字段 cut to a harmless field in the cell: stamps made in the pane still cover name, class and credit rating", async () => {
      const host = base.clone();
      const row = host.sheet("设置").values.findIndex((r) => r[4] === "盖章覆盖字段") + 1;
      setCell(host, row, "phone");
      const stamped = await stampRequests(
        envOf(host),
        people.admin.fp,
        ["R000005"],
        stamper(people.head),
        "approve",
        "",
        now,
      );
      assert.ok(stamped.ok && stamped.problems.length === 0, JSON.stringify(stamped));
      const posted = await post(host, ["R000005"]);
      assert.ok(posted.ok && posted.posted.length === 1, JSON.stringify(posted));
      const at = host.sheet(REGISTER).values.findIndex((r) => r[0] === posted.posted[0]!.id) + 1;
      typeInto(host, REGISTER, at, "信用等级", "AAA");
      assert.ok(
        (await stampProblems(host)).includes(`${REGISTER}!${regStampsCol()}${at} stamp.contentChanged`),
        "the credit rating changed after approval is caught",
      );
      assert.ok((await settingsProblems(host)).some((p) => p.startsWith(`F${row} settings.unsigned`)));
    });

    it("a stamp made outside the pane covering fewer fields than its policy version asks for does not post, and Validate names it", async () => {
      const host = base.clone();
      // Signed over the phone number alone: the name could change afterwards unnoticed.
      await stampOutsideThePane(host, "R000005", [people.head], "intake", `${now.date}T${now.time}`, [
        "phone",
      ]);
      const row = requestRow(host, "R000005");
      typeInto(host, INTAKE, row, "企业名称", "另一家公司");
      const posted = await post(host, ["R000005"]);
      assert.ok(posted.ok);
      assert.equal(posted.posted.length, 0);
      assert.ok(
        posted.problems.some((p) => p.row === row && p.rule === "stamp.fewerFields"),
        JSON.stringify(posted.problems),
      );
      assert.ok(
        (await stampProblems(host)).some((p) => p.endsWith(`${row} stamp.fewerFields`)),
        "Validate names the request",
      );
    });

    it("an older signed version put back into the cells (a rollback) does not apply: the log holds the newer one", async () => {
      const host = await workbook(people, 0);
      const row = chainRow(host);
      const cellsOf = () => host.sheet("设置").values.map((r) => [r[4], r[5]]);
      setCell(host, row, "deptHead");
      assert.ok((await signStampPolicy(envOf(host), people.admin.fp, stamper(people.admin), now)).ok);
      const v1 = cellsOf();
      setCell(host, row, "deptHead,chairman");
      const v2 = await signStampPolicy(envOf(host), people.admin.fp, stamper(people.admin), now);
      assert.ok(v2.ok && v2.version === 2);
      host.seedSheet("设置", v1.slice(1), { at: "E2", raw: true });
      const at = await oneStampClassA(host);
      const posted = await post(host, "all");
      assert.ok(posted.ok);
      assert.deepEqual(
        posted.problems.map((p) => [p.row, p.rule]),
        [[at, "stamp.incomplete"]],
      );
      const reported = await settingsProblems(host);
      assert.ok(reported.includes(`F${row} settings.unsigned deptHead,chairman`), reported.join("\n"));
    });

    it("only the administrator signs the rules", async () => {
      const host = await workbook(people, 0);
      const refused = await signStampPolicy(envOf(host), people.admin.fp, stamper(people.head), now);
      assert.ok(refused.ok);
      assert.deepEqual(
        refused.problems.map((p) => p.rule),
        ["policy.notAdmin"],
      );
    });
  });

  it("one malformed public key on the Staff sheet is a problem on its row; Validate and Post carry on", async () => {
    const host = base.clone();
    const keyCol = staff.columns.findIndex((c) => c.key === "publicKey");
    const bad = [...host.sheet("人员").values[2]!];
    bad[0] = "钱出纳";
    bad[keyCol] = "not a key!";
    const row = pasteRow(host, "人员", bad);
    const problems = (await validate(host)).filter((p) => p.sheet === "staff");
    assert.deepEqual(
      problems.map((p) => [p.row, p.column, p.rule]),
      [[row, "publicKey", "staff.badKey"]],
    );
    assert.deepEqual(await stampProblems(host), [`人员!${columnLetter(keyCol)}${row} staff.badKey`]);
    const posted = await post(host, ["R000003"]);
    assert.ok(posted.ok && posted.problems.length === 0, JSON.stringify(posted));
    assert.equal(posted.posted.length, 1);
  });

  describe("the log's end is anchored: each device remembers the head it last saw", () => {
    const LOG = "变更记录";
    const validateSeen = async (host: MemoryExcelHost, seen: LogHead[] = []) => {
      const result = await validateWorkbook(envOf(host), now.date, people.admin.fp, seen);
      assert.ok(result.ok, JSON.stringify(result));
      return result;
    };
    const logRules = (problems: { rule: string; sheetName: string; address: string }[]) =>
      problems.filter((p) => p.rule.startsWith("log.")).map((p) => `${p.sheetName}!${p.address} ${p.rule}`);

    it("a log that still extends the head is clean, and the new head is remembered", async () => {
      const host = base.clone();
      const first = await validateSeen(host);
      assert.deepEqual(logRules(first.problems), []);
      const posted = await post(host, ["R000003"]);
      assert.ok(posted.ok && posted.problems.length === 0);
      const second = await validateSeen(host, first.heads);
      assert.deepEqual(logRules(second.problems), []);
      assert.ok(second.heads[0]!.rows > first.heads[0]!.rows);
      assert.equal(second.heads.length, 1, "one log, one head");
    });

    it("another workbook on the same device, with its own log or none yet, is not mistaken for this one", async () => {
      const { heads } = await validateSeen(base.clone());
      const otherOffice = await office();
      const fresh = await workbook(otherOffice, 0);
      const result = await validateWorkbook(envOf(fresh), now.date, otherOffice.admin.fp, heads);
      assert.ok(result.ok);
      assert.deepEqual(logRules(result.problems), []);
    });

    it("reports the log's last rows deleted, and the whole log emptied", async () => {
      const host = base.clone();
      const { heads } = await validateSeen(host);
      const height = host.sheet(LOG).values.length;
      await host.run(async (context) => {
        context.workbook.worksheets
          .getItem(LOG)
          .getRange(`A${height - 1}:A${height}`)
          .getEntireRow()
          .delete("Up");
        await context.sync();
      });
      const cut = await validateSeen(host, heads);
      assert.deepEqual(logRules(cut.problems), [
        `${LOG}!${columnLetter(changeLogHashCol())}${height - 1} log.truncated`,
      ]);
      assert.deepEqual(cut.heads, heads, "the device keeps the head it saw");
      await host.run(async (context) => {
        context.workbook.worksheets
          .getItem(LOG)
          .getRange(`A2:A${height - 2}`)
          .getEntireRow()
          .delete("Up");
        await context.sync();
      });
      const emptied = await validateSeen(host, heads);
      assert.deepEqual(logRules(emptied.problems), [
        `${LOG}!${columnLetter(changeLogHashCol())}2 log.truncated`,
      ]);
    });

    it("reports a log rewritten and every hash recomputed after an edit, which the chain alone cannot see", async () => {
      const host = base.clone();
      const { heads } = await validateSeen(host);
      const head = heads[0]!;
      // The insider changes a reason in the middle and recomputes every hash from there on.
      rewriteLogFrom(host, 20);
      // A device that never saw the log: the stamps' signatures after the edit no longer hold.
      const fresh = logRules((await validateSeen(host)).problems);
      assert.ok(fresh.length > 0, "the signed rows after the edit are reported");
      assert.deepEqual(
        fresh.filter((p) => !p.endsWith(" log.badSignature")),
        [],
        fresh.join("\n"),
      );
      // A device that saw it: the head it remembers was rewritten too.
      const seen = logRules((await validateSeen(host, heads)).problems);
      assert.ok(
        seen.includes(`${LOG}!${columnLetter(changeLogHashCol())}${head.rows + 1} log.rewritten`),
        seen.join("\n"),
      );
    });
  });
});
