import assert from "node:assert/strict";
import { backupPasswordProblem } from "../../src/domain/backup-password";
import { t } from "../../src/taskpane/i18n";

describe("the backup password rule (issue 19)", () => {
  it("refuses fewer than eight characters, whatever they are", () => {
    for (const p of ["", "Kp7w", "Kp7w-Rz"])
      assert.equal(backupPasswordProblem(p), "backupPassword.short", p);
  });

  it("wants letters and digits both", () => {
    for (const p of ["Kplmqrtzxw", "83920571", "客户名簿备份密码", "!#%&*(@^"])
      assert.equal(backupPasswordProblem(p), "backupPassword.mixed", p);
  });

  it("refuses the runs and repeats a guesser tries first, as the PIN rule does", () => {
    for (const p of ["abcd1234", "aaaa1111", "abcdefg1"])
      assert.equal(backupPasswordProblem(p), "backupPassword.weak", p);
  });

  it("takes at most 255 characters, Excel's limit", () => {
    const long = "Kp7w".repeat(64);
    assert.equal(backupPasswordProblem(long), "backupPassword.long");
    assert.equal(backupPasswordProblem(long.slice(0, 255)), undefined);
  });

  it("names each rule in both languages", () => {
    for (const [rule, zh, en] of [
      ["backupPassword.short", "至少8个字符", "8 characters or more"],
      ["backupPassword.long", "最多255个字符", "at most 255 characters"],
      ["backupPassword.mixed", "字母和数字", "letters and digits"],
      ["backupPassword.weak", "太容易猜", "too easy to guess"],
    ] as const) {
      assert.match(t("zh", rule), new RegExp(`备份密码.*${zh}`));
      assert.match(t("en", rule), new RegExp(`backup password.*${en}`));
    }
  });

  it("accepts letters and digits mixed without runs, in any script", () => {
    for (const p of ["Kp7w-Rz4q9", "a7kp2m9x", "客户名簿2026备份"])
      assert.equal(backupPasswordProblem(p), undefined, p);
  });
});
