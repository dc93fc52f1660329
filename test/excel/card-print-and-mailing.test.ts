import assert from "node:assert/strict";
import { customerOfSelection, printCard } from "../../src/excel/actions/card";
import { addContact } from "../../src/excel/actions/contacts";
import { buildMonthlyLists } from "../../src/excel/actions/lists";
import { buildMailing, recordReturnedMail } from "../../src/excel/actions/mailing";
import { selectCell } from "../../src/excel/actions/select-cell";
import { correctCustomer } from "../../src/excel/actions/workflow";
import { customerStatuses } from "../../src/domain/schema/choices";
import { choiceLabel } from "../../src/domain/schema/model";
import { register } from "../../src/domain/schema/sheets";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import { office } from "../domain/support/people";
import { bookOf, envOf } from "./fixtures";

const now = { date: "2026-11-24", time: "11:00" };
const col = (key: string) => register.columns.findIndex((c) => c.key === key);
const logRows = (host: MemoryExcelHost) => host.sheet("变更记录").values.slice(1);

describe("printing a card, the card of a selected row, and DM mailing through the in-memory host", function () {
  this.timeout(180_000);
  let people: Awaited<ReturnType<typeof office>>;
  before(async () => {
    people = await office();
  });

  it("prints a card as one protected A4 page, rebuilt in place, logged, at the same syncs at 100 and 100,000 rows", async () => {
    const syncs: number[] = [];
    for (const rows of [100, 100_000]) {
      const host = await bookOf(rows, people, "desktop");
      const result = await printCard(envOf(host, "desktop"), "C000050", "陈会计", people.admin.fp, now);
      assert.ok(result.ok && result.problems.length === 0, JSON.stringify(result));
      syncs.push(host.syncs);
    }
    assert.equal(syncs[0], syncs[1], "syncs do not grow with the register");

    const host = await bookOf(20, people);
    const env = envOf(host);
    await addContact(
      env,
      {
        customerId: "C000003",
        date: "2026-11-20",
        staff: "张伟",
        channel: "visit",
        summary: "年度拜访",
        major: true,
      },
      "陈会计",
      now,
    );
    const first = await printCard(env, "C000003", "陈会计", people.admin.fp, now, (issue) => `问题 ${issue}`);
    assert.ok(first.ok && first.sheetName === "卡片-C000003", JSON.stringify(first));
    const sheet = host.sheet("卡片-C000003");
    const name = String(host.sheet("客户原簿").values[3]![col("name")]);
    assert.equal(sheet.values[0]![0], `客户原始资料卡片 C000003 ${name}`);
    assert.deepEqual(sheet.values[1], ["项目", "内容", "项目", "内容"]);
    const cells = sheet.values.flat().map(String);
    for (const expected of [
      "企业名称",
      name,
      "所在位置",
      "客户原簿 第 4 行",
      "盖章",
      "联系记录",
      "年度拜访",
      "待报告",
    ])
      assert.ok(
        cells.includes(expected) || cells.some((c) => c.includes(expected)),
        `card shows ${expected}`,
      );
    assert.equal(sheet.pageLayout.orientation, "Portrait");
    assert.equal(sheet.pageLayout.paperSize, "A4");
    assert.deepEqual(sheet.pageLayout.zoom, { horizontalFitToPages: 1, verticalFitToPages: 1 }, "one page");
    assert.ok(sheet.isProtected);
    assert.ok(
      sheet.formats.some((f) => f.property === "wrapText" && f.value === true),
      "long text wraps",
    );
    assert.equal(host.activeSheet, "卡片-C000003");
    const printed = logRows(host).filter((r) => r.includes("printCard"));
    assert.equal(printed.length, 1);
    assert.ok(printed[0]!.includes("C000003"));

    const again = await printCard(env, "C000003", "陈会计", people.admin.fp, now);
    assert.ok(again.ok);
    assert.equal(host.sheetNames().filter((n) => n.includes("C000003")).length, 1, "one card sheet");
    const reprinted = host.sheet("卡片-C000003").values;
    assert.equal(reprinted.length, sheet.values.length + 1, "the same card, one more history line");
    assert.equal(
      reprinted.flat().filter((v) => String(v).includes("打印卡片")).length,
      1,
      "the earlier print is in its history",
    );

    const unknown = await printCard(env, "C999999", "陈会计", people.admin.fp, now);
    assert.ok(unknown.ok && unknown.problems[0]?.rule === "id.unknown");
    assert.ok(!host.sheetNames().includes("卡片-C999999"));
  });

  it("finds the customer of a selected row in the Register, the Change log and a monthly list", async () => {
    const host = await bookOf(20, people, "desktop");
    const env = envOf(host, "desktop");
    await selectCell(env, "客户原簿", "D6");
    const inRegister = await customerOfSelection(env);
    assert.ok(inRegister.ok && inRegister.id === "C000005", JSON.stringify(inRegister));

    await correctCustomer(env, "C000007", { contact: "郑新" }, "人员变动", "陈会计", now);
    const logRow = logRows(host).findIndex((r) => r.includes("C000007")) + 2;
    await selectCell(env, "变更记录", `A${logRow}`);
    const inLog = await customerOfSelection(env);
    assert.ok(inLog.ok && inLog.id === "C000007", JSON.stringify(inLog));

    // Monthly lists show names only: the name is looked up in the Register.
    const posted = String(host.sheet("客户原簿").values[9]![col("postedDate")]);
    const month = new Date(Date.UTC(1899, 11, 30) + Number(posted) * 86_400_000).toISOString().slice(0, 7);
    const built = await buildMonthlyLists(env, [month], ["new"], "陈会计", now);
    assert.ok(built.ok);
    const list = host.sheet(`新增${month}`);
    const name = String(host.sheet("客户原簿").values[9]![col("name")]);
    const at = list.values.findIndex((r) => r.includes(name));
    assert.ok(at > 1);
    await selectCell(env, `新增${month}`, `C${at + 1}`);
    host.resetCounters();
    const inList = await customerOfSelection(env);
    assert.ok(inList.ok && inList.id === "C000009", JSON.stringify(inList));
    assert.ok(host.syncs <= 5, `syncs: ${host.syncs}`);

    await selectCell(env, "客户原簿", "D400");
    const blank = await customerOfSelection(env);
    assert.ok(blank.ok && blank.id === undefined);
    assert.equal(blank.problems[0]?.rule, "selection.noCustomer");
  });

  it("builds address labels for key customers of one region, leaving out invalid ones; rebuilds in place; logs it", async () => {
    const host = await bookOf(40, people);
    const env = envOf(host);
    const regs = host.sheet("客户原簿").values.slice(1);
    const region = String(regs[0]![col("region")]);
    const ofRegion = regs.filter((r) => r[col("region")] === region).map((r) => String(r[0]));
    assert.ok(ofRegion.length >= 4);
    // Three of them key, one of those later invalid (returned mail).
    for (const id of ofRegion.slice(0, 3)) {
      const made = await correctCustomer(
        env,
        id,
        { keyCustomer: "是", staffContacts: "张伟、陈静" },
        "重要客户",
        "陈会计",
        now,
      );
      assert.ok(made.ok && made.problems.length === 0, JSON.stringify(made));
    }
    const returned = await recordReturnedMail(env, [ofRegion[2]!], "地址不详", "陈会计", now);
    assert.ok(returned.ok && returned.marked.length === 1);
    const status = host.sheet("客户原簿").values.find((r) => r[0] === ofRegion[2])![col("status")];
    assert.equal(status, choiceLabel(customerStatuses, "invalid", "zh"));
    assert.ok(logRows(host).some((r) => r.includes("退件:地址不详")));

    const result = await buildMailing(
      env,
      { region, keyOnly: true },
      "labels",
      "陈会计",
      now,
      "年末客户回访",
    );
    assert.ok(result.ok && result.count === 2, JSON.stringify(result));
    const sheet = host.sheet("邮寄标签");
    assert.equal(sheet.values.length, 1, "two labels side by side on one row");
    const [left, gutter, right] = sheet.values[0]!.map(String);
    assert.equal(gutter, "");
    const first = regs.find((r) => r[0] === ofRegion[0])!;
    assert.deepEqual(left!.split("\n"), [
      String(first[col("postcode")]),
      String(first[col("address")]),
      String(first[col("name")]),
      `${String(first[col("contact")])} 收`,
    ]);
    assert.ok(right!.includes(String(regs.find((r) => r[0] === ofRegion[1])![col("name")])));
    assert.ok(
      !sheet.values
        .flat()
        .some((v) => String(v).includes(String(regs.find((r) => r[0] === ofRegion[2])![col("name")]))),
    );
    const heights = sheet.formats.filter((f) => f.property === "rowHeight");
    assert.equal(heights.length, 1);
    assert.ok(Number(heights[0]!.value) >= 96);
    assert.equal(sheet.pageLayout.printArea, "A1:C1");
    assert.equal(sheet.pageLayout.printTitleRows, undefined, "labels repeat no header");
    assert.ok(sheet.isProtected);
    assert.ok(
      logRows(host).some((r) => r.includes("buildMailingLabels") && r.includes(`region=${region}, key`)),
    );

    // All of the region: more labels, the same sheet.
    const all = await buildMailing(env, { region }, "labels", "陈会计", now, "年末客户回访");
    assert.ok(all.ok && all.count === ofRegion.length - 1);
    assert.equal(host.sheet("邮寄标签").values.length, Math.ceil(all.count / 2));
    const smaller = await buildMailing(
      env,
      { region, keyOnly: true },
      "labels",
      "陈会计",
      now,
      "年末客户回访",
    );
    assert.ok(smaller.ok);
    assert.equal(host.sheet("邮寄标签").values.length, 1, "a rebuild leaves no stale labels");
    assert.equal(host.sheetNames().filter((n) => n.startsWith("邮寄")).length, 1);

    const envelopes = await buildMailing(
      env,
      { region, class: "A" },
      "envelopes",
      "陈会计",
      now,
      "年末客户回访",
    );
    assert.ok(envelopes.ok && envelopes.count > 0);
    const list = host.sheet("邮寄信封清单");
    assert.deepEqual(list.values[1], ["序号", "邮编", "地址", "企业名称", "联系人", "客户编号"]);
    assert.equal(list.values.length, 2 + envelopes.count + 2);
    assert.equal(list.pageLayout.printTitleRows, "$1:$2");

    // A clerk whose Office speaks English still addresses Chinese envelopes in Chinese.
    const english = await buildMailing(
      envOf(host, "web", "en-US"),
      { region },
      "labels",
      "Chen",
      now,
      "年末客户回访",
    );
    assert.ok(english.ok && english.sheetName === "邮寄标签");
    assert.match(String(host.sheet("邮寄标签").values[0]![0]), / 收$/);

    const before = JSON.stringify(host.sheetNames().map((n) => host.sheet(n).values));
    const none = await buildMailing(env, { region: "火星" }, "labels", "陈会计", now, "年末客户回访");
    assert.ok(none.ok && none.count === 0);
    assert.equal(none.problems[0]?.rule, "mail.nothingSelected");
    assert.equal(
      JSON.stringify(host.sheetNames().map((n) => host.sheet(n).values)),
      before,
      "nothing written",
    );
  });
});
