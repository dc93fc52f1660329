/**
 * Issue 16, text format: Excel types what is written into a General cell — "010010"
 * becomes 10010, an 18-digit code keeps 15 significant digits, "=…" becomes a formula —
 * and refuses cell-level properties on unbounded ranges. The host does the same (or
 * refuses what it does not model), and the adapter sets each written block's formats in
 * the same batch, so a register kept by hand before the add-in (General cells) keeps what
 * is posted into it exactly.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import { fileRequest, stampRequests, correctCustomer } from "../../src/excel/actions/workflow";
import { postRequests } from "../../src/excel/actions/post-requests";
import { validateWorkbook } from "../../src/excel/actions/validate-workbook";
import { register } from "../../src/domain/schema/sheets";
import { sampleRegister } from "../../src/domain/sample";
import { adopt, envOf, seedStaff } from "./fixtures";
import { adoptExistingRegister } from "../../src/excel/actions/set-up-workbook";
import { entryFor, now, stamper, staffOf } from "./integrity/world";

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "accepted",
    (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
  );

describe("what Excel does to text in General cells (issue 16)", () => {
  const write = (host: MemoryExcelHost, value: string) =>
    outcome(
      host.run(async (c: Excel.RequestContext) => {
        c.workbook.worksheets.getItem("S").getRange("A1").values = [[value]];
        await c.sync();
      }),
    );

  it("the host types text the way Excel does: leading zeros lost, 15 significant digits, formulas and prefixes refused", async () => {
    const host = new MemoryExcelHost({ sheets: ["S"] });
    assert.equal(await write(host, "010010"), "accepted");
    assert.equal(host.sheet("S").values[0]![0], 10010);
    assert.equal(await write(host, "911101050000312332"), "accepted");
    assert.equal(host.sheet("S").values[0]![0], 911101050000312000);
    assert.match(await write(host, '=HYPERLINK("x")'), /^InvalidArgument: .*formula/);
    assert.match(await write(host, "+86 10 6200 0000"), /^InvalidArgument: .*formula/);
    assert.match(await write(host, "'010010"), /^InvalidArgument: .*prefix/);
    assert.equal(await write(host, "-12.5"), "accepted");
    assert.equal(host.sheet("S").values[0]![0], -12.5);
  });

  it("the host refuses values and number formats on a whole column or row, however the range was made", async () => {
    const host = new MemoryExcelHost({ sheets: ["S"] });
    for (const set of [
      (s: Excel.Worksheet) => (s.getRangeByIndexes(0, 0, 1_048_576, 1).numberFormat = "@" as never),
      (s: Excel.Worksheet) => (s.getRange("A1").getEntireColumn().numberFormat = [["@"]]),
      (s: Excel.Worksheet) => (s.getRangeByIndexes(0, 0, 1, 16_384).values = "x" as never),
    ])
      assert.match(
        await outcome(
          host.run(async (c: Excel.RequestContext) => {
            set(c.workbook.worksheets.getItem("S"));
            await c.sync();
          }),
        ),
        /^InvalidArgument: .*unbounded/,
      );
  });

  it("a register kept by hand (General cells) keeps a posted postcode 010010 and an 18-digit code, and Validate finds nothing changed", async () => {
    const people = await staffOf();
    const host = new MemoryExcelHost({ sheets: ["客户原簿"] });
    // The register as a clerk typed it before the add-in: Excel typed its cells.
    const rows = sampleRegister(3, "zh").map((r) => {
      r[register.columns.findIndex((c) => c.key === "department")] = "业务一部";
      return r;
    });
    host.seedSheet("客户原簿", [register.columns.map((c) => c.header.zh), ...rows]);
    const env = envOf(host);
    await setUpWorkbook(env);
    seedStaff(host, [...people.entries, people.manager.entry]);
    await adopt(host);
    const entry: Record<string, string> = {
      ...entryFor(100),
      postcode: "010010",
      uscc: "911101050000312332",
    };
    const filed = await fileRequest(env, entry, "王建国", now);
    assert.ok(filed.ok && filed.problems.length === 0, JSON.stringify(filed));
    const stamped = await stampRequests(
      env,
      people.admin.fp,
      ["R000001"],
      stamper(people.head),
      "approve",
      "",
      now,
    );
    assert.ok(stamped.ok && stamped.problems.length === 0, JSON.stringify(stamped));
    const posted = await postRequests(env, { name: "陈会计" }, people.admin.fp, ["R000001"], now);
    assert.ok(posted.ok && posted.problems.length === 0, JSON.stringify(posted));

    const [head, ...after] = host.sheet("客户原簿").values;
    const row = after.find((r) => r[head!.indexOf("企业名称")] === entry.name)!;
    assert.equal(row[head!.indexOf("邮编")], "010010");
    assert.equal(row[head!.indexOf("统一社会信用代码")], "911101050000312332");
    const id = String(row[0]);
    const checked = await validateWorkbook(env, now.date, people.admin.fp);
    assert.ok(checked.ok, JSON.stringify(checked));
    const at = host.sheet("客户原簿").values.findIndex((r) => r[0] === id) + 1;
    assert.deepEqual(
      checked.problems.filter((p) => p.sheet === "register" && p.row === at),
      [],
      "nothing wrong with the posted row: its stamp verifies",
    );
    // A correction on that row is written as text too.
    const corrected = await correctCustomer(env, id, { postcode: "020020" }, "客户来函", "陈会计", now);
    assert.ok(corrected.ok && corrected.problems.length === 0, JSON.stringify(corrected));
    const fixed = host.sheet("客户原簿").values.find((r) => r[0] === id)!;
    assert.equal(fixed[head!.indexOf("邮编")], "020020");
  });

  it("set-up adopting a register kept by hand gives its columns their formats, says so once, and names the values Excel already changed", async () => {
    const host = new MemoryExcelHost({ sheets: ["客户原簿"] });
    const header = register.columns.map((c) => c.header.zh);
    const col = (key: string) => register.columns.findIndex((c) => c.key === key);
    const rows = sampleRegister(3, "zh");
    // What Excel made of a clerk's typing in General cells: numbers where digits were text.
    rows[0]![col("postcode")] = 10010 as never;
    rows[1]![col("uscc")] = 911101050000312000 as never;
    rows[2]![col("phone")] = 1062345678 as never;
    host.seedSheet("客户原簿", [header, ...rows], { raw: true });
    const env = envOf(host);
    const first = await setUpWorkbook(env);
    assert.ok(first.ok, JSON.stringify(first));
    const formatted = first.formatted.find((f) => f.sheet === "客户原簿")?.columns ?? [];
    for (const name of ["邮编", "统一社会信用代码", "电话", "企业名称"])
      assert.ok(formatted.includes(name), name);
    const sheet = host.sheet("客户原簿");
    for (const row of [1, 3, 500, 19_999]) {
      assert.equal(sheet.numberFormatAt(row, col("postcode")), "@", `row ${row + 1}`);
      assert.equal(sheet.numberFormatAt(row, col("uscc")), "@", `row ${row + 1}`);
    }
    // Typing into the column now keeps the leading zero, as Excel does in a text cell.
    await host.run(async (c: Excel.RequestContext) => {
      c.workbook.worksheets.getItem("客户原簿").getRangeByIndexes(3, col("postcode"), 1, 1).values = [
        ["020020"],
      ];
      await c.sync();
    });
    assert.equal(host.sheet("客户原簿").values[3]![col("postcode")], "020020");
    const again = await setUpWorkbook(env);
    assert.ok(again.ok && again.formatted.length === 0, `formats are set once: ${JSON.stringify(again)}`);

    const taken = await adoptExistingRegister(env, "陈会计", { date: "2026-01-05", time: "09:00" });
    assert.ok(taken.ok, JSON.stringify(taken));
    const postcode = String.fromCharCode(65 + col("postcode"));
    assert.deepEqual(
      taken.damaged.map((d) => `${d.address} ${d.rule} ${d.value} ${d.fix ?? ""}`).sort(),
      [
        `${postcode}2 text.storedAsNumber 10010 010010`,
        `${String.fromCharCode(65 + col("uscc"))}3 uscc.number 911101050000312000 `,
        `${String.fromCharCode(65 + col("phone"))}4 text.storedAsNumber 1062345678 `,
      ].sort(),
    );
  });
});
