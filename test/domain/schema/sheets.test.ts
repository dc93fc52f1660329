import assert from "node:assert/strict";
import { setUpSheets } from "../../../src/domain/schema/sheets";
import { LANGS } from "../../../src/domain/schema/model";

describe("sheet schemas", () => {
  it("name every sheet within Excel's rules (31 characters, no : \\ / ? * [ ])", () => {
    for (const s of setUpSheets) for (const lang of LANGS) assert.match(s.name[lang], /^[^:\\/?*[\]]{1,31}$/);
  });
  it("give every column a distinct header in each language, so either can be read back", () => {
    for (const s of setUpSheets) {
      for (const lang of LANGS) {
        const headers = s.columns.map((c) => c.header[lang]);
        assert.equal(new Set(headers).size, headers.length, `${s.key} ${lang}`);
      }
      const zh = new Set(s.columns.map((c) => c.header.zh));
      assert.ok(
        s.columns.every((c) => !zh.has(c.header.en)),
        `${s.key}: an English header equals a Chinese one`,
      );
    }
  });
  it("keep sheet names distinct across both languages", () => {
    const all = setUpSheets.flatMap((s) => LANGS.map((l) => s.name[l].toLowerCase()));
    assert.equal(new Set(all).size, all.length);
  });
});
