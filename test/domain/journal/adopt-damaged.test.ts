/**
 * Adoption (the first set-up of a register kept by hand) tells the person which values
 * Excel already changed in General cells — on the Register and on both archives — whether
 * or not anything is adopted (journal/adopt.ts; a survivor of mutation testing's journal part).
 */
import assert from "node:assert/strict";
import { planAdoption } from "../../../src/domain/journal/adopt";
import { sampleRegister } from "../../../src/domain/sample";
import { archivePast, archiveSuspended, register } from "../../../src/domain/schema/sheets";
import type { Cell, Snapshot } from "../../../src/domain/workbook";

describe("adoption names the values Excel changed before set-up", () => {
  it("a postcode and a credit code typed as numbers, on the Register and on an archive", async () => {
    const rows = sampleRegister(3, "zh");
    const postcode = register.columns.findIndex((c) => c.key === "postcode");
    rows[1]![postcode] = 20120; // 020120 typed into a General cell
    const uscc = archivePast.columns.findIndex((c) => c.key === "uscc");
    const archived: Cell[] = archivePast.columns.map((c, i) =>
      i < rows[2]!.length ? rows[2]![i]! : c.key === "archiveReason" ? "关系解除" : "",
    );
    archived[uscc] = 913101150000031000;
    const sheet = (schema: typeof register, values: Cell[][]) => ({
      name: schema.name.zh,
      values: [schema.columns.map((c) => c.header.zh), ...values],
    });
    const snapshot: Snapshot = {
      sheetNames: [register.name.zh, archiveSuspended.name.zh, archivePast.name.zh],
      sheets: {
        [register.name.zh]: sheet(register, rows.slice(0, 2)),
        [archiveSuspended.name.zh]: sheet(archiveSuspended, []),
        [archivePast.name.zh]: sheet(archivePast, [archived]),
      },
    };
    const planned = await planAdoption(snapshot, "陈会计", { date: "2026-01-05", time: "09:00" }, "zh");
    assert.deepEqual(
      planned.damaged.map((d) => [d.sheetName, d.row, d.column, d.rule, d.fix]),
      [
        [register.name.zh, 3, "postcode", "text.storedAsNumber", "020120"],
        [archivePast.name.zh, 2, "uscc", "uscc.number", undefined],
      ],
    );
  });
});
