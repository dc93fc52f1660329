/**
 * The register's sheets out of casual sight (kept-sheets.ts), as plain data: what hiding
 * writes, what Validate names under the rule, the show's time, and the rule's place in the
 * signed Settings (policy.ts, message v3).
 */
import assert from "node:assert/strict";
import { chainEntries, GENESIS, type ChangeEntry } from "../../src/domain/change-log";
import {
  hideWrites,
  keptSheetProblems,
  minutesAfter,
  reprotectWrites,
  SHOW_SHEET,
} from "../../src/domain/kept-sheets";
import { planShow } from "../../src/domain/kept-show";
import type { StaffTrust } from "../../src/domain/stamps/staff";
import { policyMessage, rulesOf, type StampPolicy } from "../../src/domain/policy";
import { changeLog } from "../../src/domain/schema/sheets";
import { defaultSettings, defaultSettingsRows, readSettings } from "../../src/domain/settings";
import type { SheetState, Snapshot } from "../../src/domain/workbook";

const KEPT = ["客户原簿", "交易中止", "交易过去", "销毁记录", "变更记录", "人员"];
const hidden: SheetState = { visibility: "VeryHidden", protected: true };
const open: SheetState = { visibility: "Visible", protected: false };

function book(states: Record<string, SheetState>, logRows: ChangeEntry[] = []): Promise<Snapshot> {
  return chainEntries(GENESIS, logRows).then((rows) => ({
    sheetNames: Object.keys(states),
    sheets: {
      变更记录: {
        name: "变更记录",
        values: [
          changeLog.columns.map((c) => c.header.zh),
          ...rows.map((r) =>
            changeLog.columns.map((c) => String((r as unknown as Record<string, unknown>)[c.key] ?? "")),
          ),
        ],
      },
    },
    states,
  }));
}

const all = (
  state: SheetState,
  extra: Record<string, SheetState> = { 设置: open, 交易开始调查书: open },
) => ({
  ...Object.fromEntries(KEPT.map((n) => [n, { ...state }])),
  ...extra,
});

const show = (sheet: string, until: string, person = "孙经理"): ChangeEntry => ({
  time: "2026-12-04T12:00",
  person,
  action: SHOW_SHEET,
  customerId: "",
  field: "sheet",
  oldValue: sheet,
  newValue: until,
  reason: "审计抽查",
});

describe("kept sheets, as plain data", () => {
  it("hiding writes protect and very hidden for each kept sheet not so, and nothing for Intake, Settings or a list", async () => {
    const states = all(open, { 设置: open, 交易开始调查书: open, "一览表-业务一部": open });
    states["人员"] = { visibility: "Hidden", protected: true };
    states["变更记录"] = { ...hidden };
    const { writes, problems } = hideWrites(await book(states));
    assert.deepEqual(problems, []);
    assert.deepEqual(
      writes.map((w) => `${w.kind} ${w.sheet}${w.kind === "visibility" ? ` ${w.value}` : ""}`),
      [
        "protect 客户原簿",
        "visibility 客户原簿 VeryHidden",
        "protect 交易中止",
        "visibility 交易中止 VeryHidden",
        "protect 交易过去",
        "visibility 交易过去 VeryHidden",
        "protect 销毁记录",
        "visibility 销毁记录 VeryHidden",
        "visibility 人员 VeryHidden",
      ],
    );
    assert.deepEqual(hideWrites(await book(all(hidden))).writes, [], "nothing when all are kept already");
  });

  it("refuses to hide when the kept sheets are the only ones in sight: Excel keeps one visible", async () => {
    const states = all(open, { 设置: { visibility: "Hidden", protected: false } });
    const { writes, problems } = hideWrites(await book(states));
    assert.deepEqual(writes, []);
    assert.deepEqual(
      problems.map((p) => p.rule),
      ["sheets.lastVisible"],
    );
    // Already all hidden but one: the others hidden, this one too, as long as another is in sight.
    assert.deepEqual(hideWrites(await book(all(hidden, { 设置: open }))).problems, []);
  });

  it("Validate names a kept sheet unprotected, shown by hand, or shown past its time; a show within its time is fine", async () => {
    const states = all(hidden);
    states["客户原簿"] = { visibility: "Visible", protected: true };
    states["人员"] = { visibility: "Hidden", protected: true };
    states["变更记录"] = { visibility: "VeryHidden", protected: false };
    states["交易过去"] = { visibility: "Visible", protected: false };
    const snapshot = await book(states, [
      show("客户原簿", "2026-12-04T12:20"),
      show("交易过去", "2026-12-04T12:10", "赵管理"),
      show("交易过去", "2026-12-04T12:40", "钱会计"),
    ]);
    const at = (now: string) =>
      keptSheetProblems(snapshot, true, now).map((p) =>
        `${p.rule} ${p.value} ${p.detail?.person ?? ""}`.trim(),
      );
    assert.deepEqual(at("2026-12-04T12:15"), [
      "sheets.unprotected 交易过去",
      "sheets.unprotected 变更记录",
      "sheets.shown 人员",
    ]);
    // At 12:20 the Register's time is up; the archive's latest show (钱会计's) still runs.
    assert.deepEqual(at("2026-12-04T12:20"), [
      "sheets.shownLate 客户原簿 孙经理",
      "sheets.unprotected 交易过去",
      "sheets.unprotected 变更记录",
      "sheets.shown 人员",
    ]);
    assert.deepEqual(at("2026-12-04T12:41").slice(0, 3), [
      "sheets.shownLate 客户原簿 孙经理",
      "sheets.unprotected 交易过去",
      "sheets.shownLate 交易过去 钱会计",
    ]);
    assert.deepEqual(
      keptSheetProblems(snapshot, false, "2026-12-04T13:00"),
      [],
      "nothing while the rule is off",
    );
    const { states: _unknown, ...unread } = snapshot;
    void _unknown;
    assert.deepEqual(
      keptSheetProblems(unread, true, "2026-12-04T13:00"),
      [],
      "nothing when the read did not say",
    );
  });

  it("a writing action protects again a kept sheet found open, unless its own writes handle that sheet", async () => {
    const states = all(hidden);
    states["客户原簿"] = { visibility: "VeryHidden", protected: false };
    states["人员"] = { visibility: "Visible", protected: false };
    const snapshot = await book(states);
    assert.deepEqual(
      reprotectWrites(snapshot, true, []).map((w) => `${w.kind} ${w.sheet}`),
      ["protect 客户原簿", "protect 人员"],
    );
    assert.deepEqual(
      reprotectWrites(snapshot, true, [{ kind: "protect", sheet: "人员" }]).map((w) => w.sheet),
      ["客户原簿"],
    );
    assert.deepEqual(reprotectWrites(snapshot, false, []), []);
  });

  it("a show's end: minutes later, in the precision the time came in, across midnight and a month's end", () => {
    assert.equal(minutesAfter("2026-12-04T12:00", 15), "2026-12-04T12:15");
    assert.equal(minutesAfter("2026-12-04T23:50", 20), "2026-12-05T00:10");
    assert.equal(minutesAfter("2026-11-30T23:59:30", 1), "2026-12-01T00:00:30");
    assert.equal(minutesAfter("2024-02-28T23:00", 120), "2024-02-29T01:00");
  });

  it("the rule is a Settings row (保密工作表隐藏, 否 by default), read as yes or no", () => {
    const rows = defaultSettingsRows("zh");
    const row = rows.find((r) => r.includes("保密工作表隐藏"))!;
    assert.equal(row.at(-1), "否");
    assert.equal(
      defaultSettingsRows("en")
        .find((r) => r.includes("Keep register sheets hidden"))!
        .at(-1),
      "no",
    );
    const header = ["部门", "部门类别", "地区", "信用等级", "设置项", "值"];
    assert.equal(readSettings([header, ["", "", "", "", "保密工作表隐藏", "是"]]).keepHidden, true);
    assert.equal(readSettings([header, ["", "", "", "", "保密工作表隐藏", "否"]]).keepHidden, false);
    assert.equal(readSettings([header]).keepHidden, false);
  });

  it("is signed in message v3 only when on, so a v3 signature made before the rule existed still verifies", () => {
    const policy = (keepHidden: boolean): StampPolicy => ({
      version: 3,
      stampChain: defaultSettings.stampChain,
      stampedFields: defaultSettings.stampedFields,
      rules: rulesOf({ ...defaultSettings, keepHidden }),
    });
    const off = JSON.parse(policyMessage(policy(false))) as { v: number; rules: Record<string, unknown> };
    const on = JSON.parse(policyMessage(policy(true))) as { v: number; rules: Record<string, unknown> };
    assert.equal(off.v, 3);
    assert.equal(on.v, 3);
    assert.equal("keepHidden" in off.rules, false);
    assert.equal(on.rules.keepHidden, true);
    assert.notEqual(
      policyMessage(policy(true)),
      policyMessage(policy(false)),
      "turning it on needs a new signature",
    );
  });
});

describe("kept sheets, the edges mutation testing found unjudged", () => {
  const trust = {} as StaffTrust;
  const at = "2026-12-04T12:00";

  it("a show: the sheet by its key, only if the workbook has it; the minutes whole, 1 to 120; a purpose", async () => {
    const states = all(hidden);
    delete states["人员"];
    const snapshot = await book(states);
    const show = (key: string, minutes: number, purpose = "审计") =>
      planShow(snapshot, defaultSettings, trust, "孙经理", undefined, key, minutes, purpose, at);
    assert.deepEqual(show("staff", 15).problems, [
      {
        sheet: "staff",
        row: 1,
        column: "",
        rule: "sheets.notKept",
        value: "staff",
        detail: { name: "staff" },
      },
    ]);
    assert.equal(show("archivePast", 15).sheet, "交易过去");
    for (const minutes of [0, 121, 1.5, -5])
      assert.deepEqual(
        show("register", minutes).problems,
        [
          {
            sheet: "register",
            row: 1,
            column: "",
            rule: "sheets.showMinutes",
            value: String(minutes),
            detail: { max: 120, name: "客户原簿" },
          },
        ],
        String(minutes),
      );
    assert.equal(show("register", 1).until, "2026-12-04T12:01");
    assert.equal(show("register", 120).until, "2026-12-04T14:00");
    assert.deepEqual(show("register", 15, "  ").problems, [
      { sheet: "changeLog", row: 1, column: "reason", rule: "look.purposeRequired", value: "" },
    ]);
  });

  it("a show's writes: visible only if it was not, protected only if it was not, then there; its row exactly", async () => {
    const states = all(hidden);
    states["客户原簿"] = { visibility: "Visible", protected: false };
    const snapshot = await book(states);
    const show = (key: string) =>
      planShow(snapshot, defaultSettings, trust, "孙经理", undefined, key, 20, " 年度审计 ", at);
    assert.deepEqual(show("register").writes, [
      { kind: "protect", sheet: "客户原簿" },
      { kind: "activate", sheet: "客户原簿" },
    ]);
    const archive = show("archiveSuspended");
    assert.deepEqual(archive.writes, [
      { kind: "visibility", sheet: "交易中止", value: "Visible" },
      { kind: "activate", sheet: "交易中止" },
    ]);
    assert.deepEqual(archive.entry, {
      time: at,
      person: "孙经理",
      action: "showSheet",
      customerId: "",
      field: "sheet",
      oldValue: "交易中止",
      newValue: "2026-12-04T12:20",
      reason: "年度审计",
    });
  });

  it("hiding with no other sheet in sight: refused only if a kept sheet would be the last one shown", async () => {
    const mixed = all(hidden, { 设置: { visibility: "Hidden", protected: false } });
    mixed["人员"] = { visibility: "Visible", protected: true };
    assert.deepEqual(hideWrites(await book(mixed)).problems, [
      {
        sheet: "settings",
        row: 1,
        column: "settingValue",
        rule: "sheets.lastVisible",
        value: "",
        detail: { name: KEPT.join(",") },
      },
    ]);
    // Every kept sheet already very hidden (another sheet is shown somewhere Excel keeps), only unprotected: protected.
    const open = all(
      { visibility: "VeryHidden", protected: false },
      { 设置: { visibility: "Hidden", protected: false } },
    );
    const { writes, problems } = hideWrites(await book(open));
    assert.deepEqual(problems, []);
    assert.equal(writes.length, KEPT.length);
    // A sheet the read said nothing of counts as shown and open: hidden and protected.
    const unsaid = all(hidden);
    delete unsaid["销毁记录"];
    const unsaidBook = await book(unsaid);
    unsaidBook.sheetNames.push("销毁记录");
    assert.deepEqual(
      hideWrites(unsaidBook).writes.map((w) => `${w.kind} ${w.sheet}`),
      ["protect 销毁记录", "visibility 销毁记录"],
    );
  });

  it("Validate's problems exactly; a row of another action naming the sheet is no show; a sheet the read did not state is skipped", async () => {
    const states = all(hidden);
    states["客户原簿"] = { visibility: "Visible", protected: false };
    states["交易中止"] = { visibility: "Hidden", protected: true };
    delete states["人员"];
    const list: ChangeEntry = {
      time: "2026-12-04T12:05",
      person: "钱会计",
      action: "lookList",
      customerId: "",
      field: "customers",
      oldValue: "交易中止",
      newValue: "1+2",
      reason: "",
    };
    const snapshot = await book(states, [show("交易中止", "2026-12-04T12:30"), list]);
    snapshot.sheetNames.push("人员");
    assert.deepEqual(keptSheetProblems(snapshot, true, "2026-12-04T12:10"), [
      {
        sheet: "register",
        row: 1,
        column: "",
        rule: "sheets.unprotected",
        value: "客户原簿",
        detail: { name: "客户原簿" },
      },
      {
        sheet: "register",
        row: 1,
        column: "",
        rule: "sheets.shown",
        value: "客户原簿",
        detail: { name: "客户原簿" },
      },
    ]);
    assert.deepEqual(keptSheetProblems(snapshot, true, "2026-12-04T12:31").at(-1), {
      sheet: "archiveSuspended",
      row: 1,
      column: "",
      rule: "sheets.shownLate",
      value: "交易中止",
      detail: { name: "交易中止", person: "孙经理", until: "2026-12-04 12:30" },
    });
  });

  it("a writing action leaves to it the sheets it protects or unprotects itself, not those it only writes to", async () => {
    const states = all(hidden);
    states["客户原簿"] = { visibility: "VeryHidden", protected: false };
    states["交易过去"] = { visibility: "VeryHidden", protected: false };
    delete states["人员"];
    const snapshot = await book(states);
    snapshot.sheetNames.push("人员");
    assert.deepEqual(
      reprotectWrites(snapshot, true, [
        { kind: "unprotect", sheet: "交易过去" },
        { kind: "values", sheet: "客户原簿", row: 1, col: 0, values: [["x"]] },
      ]).map((w) => w.sheet),
      ["客户原簿"],
    );
  });

  it("a show of a sheet the read said nothing of takes it as in sight and open: protected, then there", async () => {
    const states = all(hidden);
    delete states["客户原簿"];
    const snapshot = await book(states);
    snapshot.sheetNames.push("客户原簿");
    const shown = planShow(snapshot, defaultSettings, trust, "孙经理", undefined, "register", 5, "查", at);
    assert.deepEqual(shown.writes, [
      { kind: "protect", sheet: "客户原簿" },
      { kind: "activate", sheet: "客户原簿" },
    ]);
  });

  it("a show's end from a date alone is from midnight", () => {
    assert.equal(minutesAfter("2026-12-04", 90), "2026-12-04T01:30:00");
  });
});
