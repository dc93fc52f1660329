import assert from "node:assert/strict";
import { intakeRule } from "../../../src/domain/journal/approvals";
import { readJournal } from "../../../src/domain/journal/journal";
import { defaultSettings } from "../../../src/domain/settings";
import { logBook } from "./log-book";

describe("who must stamp an intake request, and who may not", () => {
  const filedBy = async (person: string) =>
    readJournal(
      await logBook([{ action: "intake", requestNo: "R1", person, field: "name", newValue: "甲公司" }]),
    );

  it("a class Settings gives no chain for needs its department head alone", async () => {
    const rule = intakeRule(defaultSettings, await filedBy("陈会计"), {
      requestNo: "R1",
      class: "Z",
      department: "业务一部",
      responsible: "刘业务",
    });
    assert.deepEqual(rule.chain, ["deptHead"]);
    assert.equal(rule.department, "业务一部");
  });

  it("neither the person responsible nor the clerk who filed it may approve", async () => {
    const rule = intakeRule(defaultSettings, await filedBy("陈会计"), {
      requestNo: "R1",
      class: "A",
      responsible: "刘业务",
    });
    assert.deepEqual(rule.notBy, ["刘业务", "陈会计"]);
  });

  it("a request with nobody responsible bars only its filer, and a blank name bars nobody", async () => {
    const journal = await filedBy("陈会计");
    assert.deepEqual(
      intakeRule(defaultSettings, journal, { requestNo: "R1", class: "A", responsible: "" }).notBy,
      ["陈会计"],
    );
    assert.deepEqual(
      intakeRule(defaultSettings, journal, { requestNo: "R9", class: "A", responsible: "  " }).notBy,
      [],
    );
  });
});
