/** The pane's words (issue 17): English counts agree with their number; Chinese is left as written. */
import assert from "node:assert/strict";
import { t } from "../../src/taskpane/i18n";
import { shellMessages, t as frameT, type ShellKey } from "../../src/taskpane/i18n-shell";
import { ruleText } from "../../src/taskpane/rule-text";

describe("the pane's words", () => {
  it("says '1 customer', '2 customers', '1 record', '1 request' in English", () => {
    assert.equal(t("en", "archivedN", { n: 1 }), "Archived 1 customer.");
    assert.equal(t("en", "archivedN", { n: 2 }), "Archived 2 customers.");
    assert.equal(t("en", "archivedN", { n: 11 }), "Archived 11 customers.");
    assert.equal(t("en", "destroyedN", { n: 1 }), "Destroyed 1 record; tombstones kept.");
    assert.equal(t("en", "stampedN", { n: 1 }), "Stamped 1 request.");
    assert.equal(t("zh", "archivedN", { n: 1 }), "已归档 1 位客户。");
  });

  it("names whose turn it is to stamp, in the person's words", () => {
    const p = {
      sheet: "intake",
      row: 2,
      column: "stamps",
      rule: "stamp.notYourTurn" as const,
      value: "R000001",
      detail: { role: "chairman" },
    };
    assert.equal(ruleText("zh", p), "按盖章顺序,现在应由董事长盖章,不是您的角色。");
    assert.equal(ruleText("en", p), "By the stamp chain, it is the Chairman's turn, not your role's.");
  });

  it("names the sheet a duplicate stands on, wherever the problem is shown (the filing form's summary said “”)", () => {
    const p = {
      sheet: "intake",
      row: 12,
      column: "name",
      rule: "duplicate.name" as const,
      value: "杭州华华科技 股份有限公司",
      detail: { otherSheet: "register", otherRow: 3 },
    };
    assert.equal(ruleText("zh", p), "企业名称与“客户原簿”第 3 行实质相同。");
    assert.equal(ruleText("en", p), "Same company name as row 3 of “Register”.");
  });

  it("says the frame's words (menu, 首页, PIN prompt) the same from the frame as from the pages", () => {
    const keys = Object.keys(shellMessages) as ShellKey[];
    assert.ok(keys.length > 50);
    for (const key of keys)
      for (const lang of ["zh", "en"] as const)
        assert.equal(t(lang, key, { n: 1, name: "王" }), frameT(lang, key, { n: 1, name: "王" }), key);
    assert.equal(frameT("en", "homeStamp", { n: 3 }), "Requests waiting for your stamp: 3");
  });
});
