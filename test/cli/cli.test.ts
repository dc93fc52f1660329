import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { openBook, snapshotOf } from "../../src/cli/xlsx";
import { register } from "../../src/domain/schema/sheets";

function capture() {
  const lines: string[] = [];
  return { lines, out: { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) } };
}

describe("the command-line tool over .xlsx files", function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "cli-"));

  it("writes a sample workbook that validates clean, then names the cell and rule of a bad postcode", async () => {
    const book = join(dir, "sample.xlsx");
    assert.equal(await main(["sample", book, "--rows", "60", "--month", "2026-10"], capture().out), 0);
    const clean = capture();
    assert.equal(
      await main(["validate", book, "--today", "2026-11-24"], clean.out),
      0,
      clean.lines.join("\n"),
    );
    assert.match(clean.lines.at(-1)!, /共检查 60 行,发现 0 个问题/);

    const wb = await openBook(book);
    const ws = wb.getWorksheet("客户原簿")!;
    assert.equal(ws.getCell("A2").value, "C000001");
    const postcode = register.columns.findIndex((c) => c.key === "postcode") + 1;
    ws.getCell(5, postcode).value = "1000";
    await wb.xlsx.writeFile(book);

    const bad = capture();
    assert.equal(await main(["validate", book, "--today", "2026-11-24"], bad.out), 1);
    const letter = ws.getColumn(postcode).letter;
    assert.ok(
      bad.lines.some((l) => l.startsWith(`客户原簿!${letter}5`) && l.includes("邮编须为6位数字")),
      bad.lines.join("\n"),
    );
  });

  it("builds a month's lists and the department lists into the file, keeping postcodes as text", async () => {
    const book = join(dir, "month.xlsx");
    const out = join(dir, "month-out.xlsx");
    await main(["sample", book, "--rows", "40", "--month", "2026-11"], capture().out);
    const built = capture();
    assert.equal(await main(["build-month", book, "2026-11", "--out", out], built.out), 0);
    assert.deepEqual(built.lines, ["新增2026-11: 30", "无效2026-11: 0"]);
    assert.equal(await main(["dept-lists", out], capture().out), 0);
    const wb = await openBook(out);
    const list = wb.getWorksheet("新增2026-11")!;
    assert.equal(list.getCell("A1").value, "2026年11月新增客户名单");
    assert.equal(list.pageSetup.paperSize, 9, "A4");
    assert.equal(list.pageSetup.printTitlesRow, "1:2");
    assert.match(String(list.headerFooter.oddFooter), /第 &P 页 \/ 共 &N 页/);
    const postcodes = list.getColumn(4).values.filter((v) => typeof v === "string" && /^\d{6}$/.test(v));
    assert.equal(postcodes.length, 30, "every postcode stays six characters of text");
    // The rules Set up put on the Register are in the written file.
    const zip = await JSZip.loadAsync(readFileSync(out));
    const first = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    assert.ok((first.match(/<dataValidation /g) ?? []).length > 5, "the Register's rules survive");
    // Over a bounded range (issue 18: whole-column rules make some readers crawl).
    assert.match(first, /sqref="[A-Z]+2:[A-Z]+20000"/);
    assert.doesNotMatch(first, /1048576/);
  });

  it("writes mailing labels or an envelope list for a selection, and says when it selects nobody", async () => {
    const book = join(dir, "mail.xlsx");
    await main(["sample", book, "--rows", "30", "--month", "2026-11"], capture().out);
    const labels = capture();
    assert.equal(
      await main(["mail", book, "--region", "华东", "--class", "A", "--purpose", "年末回访"], labels.out),
      0,
    );
    const count = Number(/^邮寄标签: (\d+)$/.exec(labels.lines[0] ?? "")?.[1]);
    assert.ok(count > 0 && count < 30, labels.lines.join("\n"));
    const envelopes = capture();
    assert.equal(
      await main(
        ["mail", book, "--envelopes", "--region", "华东", "--class", "A", "--purpose", "年末回访"],
        envelopes.out,
      ),
      0,
    );
    assert.deepEqual(envelopes.lines, [`邮寄信封清单: ${count}`]);
    const wb = await openBook(book);
    const sheet = wb.getWorksheet("邮寄标签")!;
    assert.equal(sheet.rowCount, Math.ceil(count / 2));
    assert.match(String(sheet.getCell("A1").value), /^\d{6}\n.+\n.+\n.+ 收$/);
    assert.ok(sheet.getCell("A1").alignment.wrapText);
    assert.ok(Number(sheet.getRow(1).height) >= 96);
    assert.equal(wb.getWorksheet("邮寄信封清单")!.getCell("B2").value, "邮编");
    const none = capture();
    assert.equal(await main(["mail", book, "--region", "火星", "--purpose", "年末回访"], none.out), 1);
    assert.match(none.lines.join(), /没有可邮寄的客户/);
  });

  it("answers a wrong command line with its usage and status 2", async () => {
    const c = capture();
    assert.equal(await main(["build-month", join(dir, "x.xlsx")], c.out), 2);
    assert.match(c.lines.join("\n"), /usage:/);
  });
});

describe("the command-line tool verifies stamps only against an administrator it was given (issue 13)", function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "cli-trust-"));
  let book: string;
  let adminFp: string;

  before(async () => {
    // The integrity scenario: customers posted, stamped, moved and asked back through the add-in.
    const { staffOf, world } = await import("../excel/integrity/world");
    const people = await staffOf();
    adminFp = people.admin.fp;
    const host = await world(people);
    book = join(dir, "stamped.xlsx");
    await fileOf(host, book);
  });

  /** The workbook as a file: every sheet's values as Excel holds them. */
  async function fileOf(
    host: { sheetNames(): string[]; sheet(n: string): { values: unknown[][] } },
    file: string,
  ) {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    for (const name of host.sheetNames()) {
      const ws = wb.addWorksheet(name);
      for (const row of host.sheet(name).values) ws.addRow(row);
    }
    await wb.xlsx.writeFile(file);
  }

  it("without --admin or a trust file, says UNVERIFIED and reports every stamped row as unverified", async () => {
    const run = capture();
    assert.equal(await main(["validate", book, "--today", "2026-11-24"], run.out), 1);
    assert.match(run.lines[0]!, /^未核验\(UNVERIFIED\):未指定名簿管理员指纹/);
    const unverified = run.lines.filter((l) => l.includes("未核验:没有可信的名簿管理员"));
    assert.ok(unverified.length >= 6, run.lines.join("\n"));
    assert.deepEqual(
      run.lines.slice(1, -1).filter((l) => !unverified.includes(l)),
      [],
      "every problem is an unverified stamp",
    );
  });

  it("with the administrator's fingerprint (--admin, in any spacing, or a trust file) verifies clean", async () => {
    const given = capture();
    assert.equal(
      await main(
        ["validate", book, "--today", "2026-11-24", "--admin", adminFp.replace(/ /g, "")],
        given.out,
      ),
      0,
      given.lines.join("\n"),
    );
    assert.ok(!given.lines.some((l) => l.includes("UNVERIFIED")));
    writeFileSync(`${book}.trust`, `${adminFp}\n`);
    try {
      const filed = capture();
      assert.equal(
        await main(["validate", book, "--today", "2026-11-24"], filed.out),
        0,
        filed.lines.join("\n"),
      );
    } finally {
      rmSync(`${book}.trust`);
    }
  });

  it("prints a stamped customer's card marked UNVERIFIED without an administrator, and plainly with one", async () => {
    const bare = capture();
    assert.equal(await main(["card", book, "C000013", "--out", join(dir, "card1.xlsx")], bare.out), 0);
    assert.deepEqual(bare.lines, [
      "未核验(UNVERIFIED):未指定名簿管理员指纹(--admin 或工作簿旁的 .trust 文件),所有盖章均未核验。",
      "卡片-C000013",
    ]);
    const given = capture();
    const args = ["card", book, "C000013", "--admin", adminFp, "--out", join(dir, "card2.xlsx")];
    assert.equal(await main(args, given.out), 0);
    assert.deepEqual(given.lines, ["卡片-C000013"]);
  });

  it("card and mail log who made them and why; a mailing needs its purpose; Validate judges the name given (issue 19)", async () => {
    const out = join(dir, "looked.xlsx");
    const args = ["--admin", adminFp, "--out", out];
    const card = capture();
    assert.equal(
      await main(["card", book, "C000002", "--person", "孙经理", "--purpose", "授信复核", ...args], card.out),
      0,
      card.lines.join("\n"),
    );
    const noPurpose = capture();
    assert.equal(await main(["mail", out, "--person", "孙经理", "--out", out], noPurpose.out), 1);
    assert.match(noPurpose.lines.join("\n"), /请填写用途/);
    assert.equal(
      await main(["mail", out, "--person", "路人甲", "--purpose", "私用", "--out", out], capture().out),
      0,
    );
    const log = snapshotOf(await openBook(out)).sheets["变更记录"]!.values;
    const tail = log.slice(-3).map((r) => [r[1], r[2], r[9]]);
    assert.deepEqual(tail, [
      ["孙经理", "printCard", "授信复核"],
      ["路人甲", "buildMailingLabels", ""],
      ["路人甲", "lookList", "私用"],
    ]);
    const checked = capture();
    assert.equal(await main(["validate", out, "--today", "2026-11-24", "--admin", adminFp], checked.out), 1);
    const looks = checked.lines.filter((l) => l.includes("查询"));
    assert.equal(looks.length, 1, checked.lines.join("\n"));
    assert.match(looks[0]!, /^变更记录!B\d+ .*“路人甲”未在“人员”中登记有效密钥/);
  });

  it("mail for a printing house goes only under a chairman-approved release naming it (--release), and the log says to whom", async () => {
    const { staffOf, world, stamper } = await import("../excel/integrity/world");
    const { applyForLoan, stampLoans } = await import("../../src/excel/actions/loans");
    const { envOf } = await import("../excel/fixtures");
    const people = await staffOf();
    const host = await world(people);
    const env = envOf(host);
    const loan = {
      borrower: "刘业务",
      department: "业务一部",
      title: "",
      class: "",
      region: "",
      from: "",
      due: "2099-12-31 17:30",
      purpose: "年末 DM",
    };
    const now = { date: "2026-11-24", time: "10:00" };
    const inside = (await applyForLoan(env, loan, "陈会计", now)) as { loanNo: string };
    const outside = (await applyForLoan(env, { ...loan, recipient: "华兴印刷厂" }, "陈会计", now)) as {
      loanNo: string;
    };
    await stampLoans(env, people.admin.fp, [outside.loanNo], stamper(people.chairman), "approve", "", now);
    const file = join(dir, "release.xlsx");
    await fileOf(host, file);
    const base = ["mail", file, "--purpose", "年末 DM", "--person", "孙经理", "--admin", people.admin.fp];
    const refused = capture();
    assert.equal(await main([...base, "--release", inside.loanNo], refused.out), 1);
    assert.match(refused.lines.join("\n"), /没有填写“对外提供对象”/);
    const made = capture();
    assert.equal(await main([...base, "--release", outside.loanNo], made.out), 0, made.lines.join("\n"));
    const log = snapshotOf(await openBook(file)).sheets["变更记录"]!.values;
    const row = log.find((r) => r[2] === "buildMailingLabels" && String(r[9]).includes("outside="));
    assert.ok(row, "logged");
    assert.match(String(row[9]), new RegExp(`outside=华兴印刷厂 \\(${outside.loanNo}\\)$`));
  });

  it("with another fingerprint, says the workbook has no such administrator and verifies nothing", async () => {
    const run = capture();
    const other = "0123 4567 89AB CDEF 0123 4567 89AB CDEF";
    assert.equal(await main(["validate", book, "--today", "2026-11-24", "--admin", other], run.out), 1);
    assert.match(run.lines[0]!, new RegExp(`没有指纹为 ${other} 的名簿管理员`));
  });
});
