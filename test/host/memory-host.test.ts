/**
 * The in-memory host behaves like Excel where the adapter can tell: each behaviour the
 * adapter relies on is pinned here, so a test passing against the host means something.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";

type Ctx = Excel.RequestContext;
const run = <T>(host: MemoryExcelHost, batch: (c: Ctx) => Promise<T>) => host.run(batch);
const code = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return "no error";
};

describe("in-memory Excel host", () => {
  describe("load and sync", () => {
    it("throws PropertyNotLoaded when a property is read without load, and before the sync", async () => {
      const host = new MemoryExcelHost();
      await run(host, async (c) => {
        const range = c.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
        assert.throws(() => range.values, { code: "PropertyNotLoaded" });
        range.load("values, rowCount");
        assert.throws(() => range.rowCount, { code: "PropertyNotLoaded" });
        await c.sync();
        assert.equal(range.rowCount, 2);
        assert.deepEqual(range.values, [
          ["", ""],
          ["", ""],
        ]);
        assert.throws(() => range.columnCount, { code: "PropertyNotLoaded" });
      });
    });

    it("answers as Office.js does when asked (freshAnswers): the same values, texts, numbers and logicals", async () => {
      // What differs is not to be seen from JavaScript: strings made afresh, as Office.js
      // parses them from Excel's response, instead of the very strings the host stores.
      for (const fresh of [false, true]) {
        const host = new MemoryExcelHost();
        host.seedSheet("Sheet1", [["营业执照\u0000", 12.5, true, ""]], { raw: true });
        host.freshAnswers = fresh;
        const values = await run(host, async (c) => {
          const range = c.workbook.worksheets.getItem("Sheet1").getRange("A1:D1").load("values, rowCount");
          await c.sync();
          return [range.values, range.rowCount] as const;
        });
        assert.deepEqual(values, [[["营业执照\u0000", 12.5, true, ""]], 1], `fresh ${fresh}`);
      }
    });

    it("reads back a value set on the proxy, but the grid only changes at sync", async () => {
      const host = new MemoryExcelHost();
      await run(host, async (c) => {
        const range = c.workbook.worksheets.getItem("Sheet1").getRange("A1");
        range.values = [["x"]];
        assert.deepEqual(range.values, [["x"]]);
        assert.deepEqual(host.sheet("Sheet1").values, []);
        await c.sync();
        assert.deepEqual(host.sheet("Sheet1").values, [["x"]]);
      });
    });

    it("answers a load after the writes queued before it in the same batch", async () => {
      const host = new MemoryExcelHost();
      await run(host, async (c) => {
        const sheet = c.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("B2").values = [[7]];
        const used = sheet.getUsedRange(true).load("address");
        await c.sync();
        assert.equal(used.address, "Sheet1!B2");
      });
    });

    it("syncs what is still queued when the batch ends, like Excel.run", async () => {
      const host = new MemoryExcelHost();
      await run(host, async (c) => {
        c.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      });
      assert.equal(host.syncs, 1);
      assert.deepEqual(host.sheet("Sheet1").values, [[1]]);
    });

    it("counts syncs and the bytes of each request and answer", async () => {
      const host = new MemoryExcelHost();
      await run(host, async (c) => {
        c.workbook.worksheets.getItem("Sheet1").getRange("A1:A2").values = [["a"], ["b"]];
        await c.sync();
        c.workbook.worksheets.getItem("Sheet1").getRange("A1:A2").load("values");
        await c.sync();
      });
      assert.equal(host.syncs, 2);
      assert.ok(host.syncLog[0]!.requestBytes > host.syncLog[1]!.requestBytes - 100);
      assert.equal(host.syncLog[0]!.responseBytes, 0);
      assert.ok(host.syncLog[1]!.responseBytes >= JSON.stringify([["a"], ["b"]]).length);
    });
  });

  describe("failures", () => {
    it("is not transactional: writes before a failing one stay, later ones are dropped", async () => {
      const host = new MemoryExcelHost();
      const err = await code(
        run(host, async (c) => {
          const sheets = c.workbook.worksheets;
          sheets.getItem("Sheet1").getRange("A1").values = [["before"]];
          sheets.getItem("Missing").getRange("A1").values = [["lost"]];
          sheets.getItem("Sheet1").getRange("A2").values = [["after"]];
          await c.sync();
        }),
      );
      assert.equal(err, "ItemNotFound");
      assert.deepEqual(host.sheet("Sheet1").values, [["before"]]);
    });

    it("gives null objects that say so, and fail when read further", async () => {
      const host = new MemoryExcelHost();
      await run(host, async (c) => {
        const missing = c.workbook.worksheets.getItemOrNullObject("Missing");
        const empty = c.workbook.worksheets.getItem("Sheet1").getUsedRangeOrNullObject(true);
        missing.load("name");
        empty.load("values");
        await c.sync();
        assert.equal(missing.isNullObject, true);
        assert.equal(empty.isNullObject, true);
        assert.throws(() => missing.name, { code: "PropertyNotLoaded" });
      });
    });

    const modes: ["before" | "partial" | "after", string[][]][] = [
      ["before", []],
      ["partial", [["1"], ["2"]]],
      ["after", [["1"], ["2"], ["3"], ["4"]]],
    ];
    for (const [mode, left] of modes) {
      it(`injects a failure at the k-th sync: ${mode}`, async () => {
        const host = new MemoryExcelHost();
        host.failAtSync(1, { mode, code: "EditConflict" });
        const err = await code(
          run(host, async (c) => {
            for (let i = 1; i <= 4; i++) {
              const cell = c.workbook.worksheets.getItem("Sheet1").getRange(`A${i}`);
              cell.numberFormat = [["@"]];
              cell.values = [[String(i)]];
            }
            await c.sync();
          }),
        );
        assert.equal(err, "EditConflict");
        assert.deepEqual(host.sheet("Sheet1").values, left);
        assert.equal(host.syncs, 1);
      });
    }
    it("cuts a sync after any single operation, in every mode, and counts the operations", async () => {
      for (const mode of ["before", "partial", "after"] as const) {
        for (let n = 0; n <= 4; n++) {
          const host = new MemoryExcelHost();
          host.failAtSync(1, { mode, operations: n });
          const err = await code(
            run(host, async (c) => {
              const sheet = c.workbook.worksheets.getItem("Sheet1");
              for (let i = 1; i <= 4; i++) sheet.getRange(`A${i}`).values = [[`v${i}`]];
              await c.sync();
            }),
          );
          assert.equal(err, "GeneralException", `${mode} n=${n}`);
          const landed = Array.from({ length: n }, (_, i) => [`v${i + 1}`]);
          assert.deepEqual(host.sheet("Sheet1").values, landed, `${mode} n=${n}`);
          assert.equal(host.syncLog[0]!.operations, 4);
          assert.equal(host.syncLog[0]!.ok, false);
        }
      }
    });

    it("gives no answer to a load queued before the cut", async () => {
      const host = new MemoryExcelHost();
      host.seedSheet("Sheet1", [["a"]]);
      host.failAtSync(1, { operations: 1 });
      await run(host, async (c) => {
        const sheet = c.workbook.worksheets.getItem("Sheet1");
        const cell = sheet.getRange("A1").load("values");
        sheet.getRange("B1").values = [["b"]];
        await assert.rejects(c.sync());
        assert.throws(() => cell.values, { code: "PropertyNotLoaded" });
      });
      assert.deepEqual(host.sheet("Sheet1").values, [["a"]]);
    });
  });

  describe("payload limits", () => {
    const big = () => Array.from({ length: 60_000 }, (_, i) => [`row ${i} `.padEnd(100, "x")]);

    it("refuses a request over 5 MB on the web and applies none of it", async () => {
      const host = new MemoryExcelHost({ platform: "web" });
      const err = await code(
        run(host, async (c) => {
          const sheet = c.workbook.worksheets.getItem("Sheet1");
          sheet.getRange("B1").values = [["small"]];
          sheet.getRange("A1:A60000").values = big();
          await c.sync();
        }),
      );
      assert.equal(err, "RequestPayloadSizeLimitExceeded");
      assert.deepEqual(host.sheet("Sheet1").values, []);
    });

    it("refuses an answer over 5 MB on the web", async () => {
      const host = new MemoryExcelHost({ platform: "web" });
      host.seedSheet("Sheet1", big());
      const err = await code(
        run(host, async (c) => {
          c.workbook.worksheets.getItem("Sheet1").getRange("A1:A60000").load("values");
          await c.sync();
        }),
      );
      assert.equal(err, "ResponsePayloadSizeLimitExceeded");
    });

    it("has no payload limit on desktop", async () => {
      const host = new MemoryExcelHost({ platform: "desktop" });
      await run(host, async (c) => {
        c.workbook.worksheets.getItem("Sheet1").getRange("A1:A60000").values = big();
        await c.sync();
      });
      assert.equal(host.sheet("Sheet1").values.length, 60_000);
      assert.ok(host.syncLog[0]!.requestBytes > 5 * 1024 * 1024);
    });
  });

  describe("values as Excel stores them", () => {
    const cases: [string | number, string, string, string | number | boolean][] = [
      // typed, number format, stored
      ["010020", "General", "number", 10020],
      ["010020", "@", "text", "010020"],
      ["1.5", "General", "number", 1.5],
      ["2024-03-05", "yyyy-mm-dd", "date serial", 45356],
      ["TRUE", "General", "boolean", true],
      ["北京", "General", "text", "北京"],
      [42, "@", "number stays number", 42],
    ];
    for (const [typed, format, what, stored] of cases) {
      it(`${JSON.stringify(typed)} in a ${format} cell is stored as ${what}`, async () => {
        const host = new MemoryExcelHost();
        await run(host, async (c) => {
          const cell = c.workbook.worksheets.getItem("Sheet1").getRange("C3");
          cell.numberFormat = [[format]];
          cell.values = [[typed]];
          await c.sync();
        });
        assert.equal(host.sheet("Sheet1").values[2]![2], stored);
      });
    }

    it("fills a range from one value, and refuses an array of the wrong shape", async () => {
      const host = new MemoryExcelHost();
      await run(host, async (c) => {
        c.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = "z" as unknown as string[][];
        await c.sync();
      });
      assert.deepEqual(host.sheet("Sheet1").values, [
        ["z", "z"],
        ["z", "z"],
      ]);
      const err = await code(
        run(host, async (c) => {
          c.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [["only one row", "x"]];
          await c.sync();
        }),
      );
      assert.equal(err, "InvalidArgument");
    });

    it("formats a date serial as text the way its number format says", async () => {
      const host = new MemoryExcelHost();
      await run(host, async (c) => {
        const cell = c.workbook.worksheets.getItem("Sheet1").getRange("A1");
        cell.numberFormat = [["yyyy-mm-dd"]];
        cell.values = [[45356]];
        cell.load("text");
        await c.sync();
        assert.deepEqual(cell.text, [["2024-03-05"]]);
      });
    });
  });

  describe("sheets", () => {
    const names: [string, string][] = [
      ["客户原簿", "ok"],
      ["Sheet1", "ItemAlreadyExists"],
      ["sheet1", "ItemAlreadyExists"],
      ["a/b", "InvalidArgument"],
      ["x".repeat(32), "InvalidArgument"],
      ["", "InvalidArgument"],
    ];
    for (const [name, expected] of names) {
      it(`add(${JSON.stringify(name)}) → ${expected}`, async () => {
        const host = new MemoryExcelHost();
        const err = await code(
          run(host, async (c) => {
            c.workbook.worksheets.add(name);
            await c.sync();
          }),
        );
        assert.equal(err === "no error" ? "ok" : err, expected);
      });
    }

    for (const [name, expected] of [...names, ["Sheet2", "ok"]] as [string, string][])
      it(`renaming Sheet2 to ${JSON.stringify(name)} → ${expected}; its id stays`, async () => {
        const host = new MemoryExcelHost({ sheets: ["Sheet1", "Sheet2"] });
        const ids = await run(host, async (c) => {
          const sheet = c.workbook.worksheets.getItem("Sheet2").load("id");
          await c.sync();
          return sheet.id;
        });
        const err = await code(
          run(host, async (c) => {
            c.workbook.worksheets.getItem("Sheet2").name = name;
            await c.sync();
          }),
        );
        assert.equal(err === "no error" ? "ok" : err, expected);
        const after = expected === "ok" ? name : "Sheet2";
        assert.deepEqual(host.sheetNames(), ["Sheet1", after]);
        await run(host, async (c) => {
          const sheet = c.workbook.worksheets.getItem(after).load("id");
          await c.sync();
          assert.equal(sheet.id, ids);
        });
      });

    it("lists sheets with their names after load('items/name')", async () => {
      const host = new MemoryExcelHost({ sheets: ["B", "A"] });
      await run(host, async (c) => {
        const sheets = c.workbook.worksheets.load("items/name");
        assert.throws(() => sheets.items, { code: "PropertyNotLoaded" });
        await c.sync();
        assert.deepEqual(
          sheets.items.map((s) => s.name),
          ["B", "A"],
        );
      });
    });

    it("refuses writes to a protected sheet until it is unprotected", async () => {
      const host = new MemoryExcelHost();
      await run(host, async (c) => {
        c.workbook.worksheets.getItem("Sheet1").protection.protect({ allowFormatColumns: true });
        await c.sync();
      });
      assert.equal(host.sheet("Sheet1").isProtected, true);
      const err = await code(
        run(host, async (c) => {
          c.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["no"]];
          await c.sync();
        }),
      );
      assert.equal(err, "AccessDenied");
      await run(host, async (c) => {
        const sheet = c.workbook.worksheets.getItem("Sheet1");
        sheet.protection.unprotect();
        sheet.getRange("A1").values = [["yes"]];
        await c.sync();
      });
      assert.deepEqual(host.sheet("Sheet1").values, [["yes"]]);
    });

    it("records page layout at sync, not before", async () => {
      const host = new MemoryExcelHost();
      await run(host, async (c) => {
        const layout = c.workbook.worksheets.getItem("Sheet1").pageLayout;
        layout.paperSize = "A4";
        layout.setPrintTitleRows("$1:$2");
        layout.headersFooters.defaultForAllPages.centerFooter = "&P / &N";
        assert.deepEqual(host.sheet("Sheet1").pageLayout, {});
        await c.sync();
      });
      assert.deepEqual(host.sheet("Sheet1").pageLayout, {
        paperSize: "A4",
        printTitleRows: "$1:$2",
        centerFooter: "&P / &N",
      });
    });

    it("freezes header rows and keeps column widths and data validation for inspection", async () => {
      const host = new MemoryExcelHost();
      await run(host, async (c) => {
        const sheet = c.workbook.worksheets.getItem("Sheet1");
        sheet.freezePanes.freezeRows(1);
        sheet.getRange("B:B").format.columnWidth = 80;
        const cells = sheet.getRange("B2:B100");
        cells.dataValidation.rule = { list: { inCellDropDown: true, source: "A,B,C" } };
        await c.sync();
        cells.dataValidation.load("type");
        await c.sync();
        assert.equal(cells.dataValidation.type, "list");
        cells.dataValidation.clear();
        await c.sync();
      });
      const view = host.sheet("Sheet1");
      assert.equal(view.frozenRows, 1);
      assert.equal(view.columnWidths.get(1), 80);
      assert.deepEqual(view.validations, []);
    });
  });

  describe("ranges and addresses", () => {
    const addresses: [string, string][] = [
      ["A1", "Sheet1!A1"],
      ["b2:d10", "Sheet1!B2:D10"],
      ["D10:B2", "Sheet1!B2:D10"],
      ["A:C", "Sheet1!A:C"],
      ["3:5", "Sheet1!3:5"],
      ["$A$1:$B$2", "Sheet1!A1:B2"],
    ];
    for (const [input, expected] of addresses) {
      it(`getRange(${input}).address → ${expected}`, async () => {
        const host = new MemoryExcelHost();
        await run(host, async (c) => {
          const r = c.workbook.worksheets.getItem("Sheet1").getRange(input).load("address");
          await c.sync();
          assert.equal(r.address, expected);
        });
      });
    }

    it("quotes a sheet name with spaces in an address", async () => {
      const host = new MemoryExcelHost({ sheets: ["Loan log"] });
      await run(host, async (c) => {
        const r = c.workbook.worksheets.getItem("Loan log").getRangeByIndexes(1, 1, 2, 2).load("address");
        await c.sync();
        assert.equal(r.address, "'Loan log'!B2:C3");
      });
    });

    it("refuses an invalid address at sync", async () => {
      const host = new MemoryExcelHost();
      const err = await code(
        run(host, async (c) => {
          c.workbook.worksheets.getItem("Sheet1").getRange("A0").load("values");
          await c.sync();
        }),
      );
      assert.equal(err, "InvalidArgument");
    });

    it("finds the used range from values only, wherever they start", async () => {
      const host = new MemoryExcelHost();
      host.seedSheet("Sheet1", [["a"]], { at: "C5" });
      host.seedSheet("Sheet1", [["b"]], { at: "E9" });
      await run(host, async (c) => {
        const used = c.workbook.worksheets.getItem("Sheet1").getUsedRangeOrNullObject(true);
        used.load("address, rowIndex, columnIndex");
        await c.sync();
        assert.equal(used.address, "Sheet1!C5:E9");
        assert.deepEqual([used.rowIndex, used.columnIndex], [4, 2]);
      });
    });

    it("deletes whole rows and moves the rows below up", async () => {
      const host = new MemoryExcelHost();
      host.seedSheet("Sheet1", [["h"], ["a"], ["b"], ["c"], ["d"]]);
      await run(host, async (c) => {
        const sheet = c.workbook.worksheets.getItem("Sheet1");
        // Bottom-up, so the earlier indexes still point at the same rows.
        sheet.getRange("5:5").delete("Up");
        sheet.getRange("3:3").delete("Up");
        await c.sync();
      });
      assert.deepEqual(host.sheet("Sheet1").values, [["h"], ["a"], ["c"]]);
    });

    it("inserts cells shifting down the cells of their columns only, blank and with no format of their own; refuses Right and a protected sheet", async () => {
      const host = new MemoryExcelHost();
      host.seedSheet("Sheet1", [
        ["h1", "h2", "x"],
        ["a1", "a2", "y"],
        ["b1", "b2", "z"],
      ]);
      await run(host, async (c) => {
        const sheet = c.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1:B20").numberFormat = "@" as unknown as string[][];
        await c.sync();
        sheet.getRangeByIndexes(2, 0, 2, 2).insert("Down");
        await c.sync();
      });
      assert.deepEqual(host.sheet("Sheet1").values, [
        ["h1", "h2", "x"],
        ["a1", "a2", "y"],
        ["", "", "z"],
        ["", "", ""],
        ["b1", "b2", ""],
      ]);
      const at = (row: number) => host.sheet("Sheet1").numberFormatAt(row, 0);
      // The moved cell keeps its format; the inserted ones have none of their own (the host gives the least).
      assert.deepEqual([at(1), at(2), at(3), at(4), at(21)], ["@", "General", "General", "@", "@"]);
      const refused = async (body: (sheet: Excel.Worksheet) => void) => {
        try {
          await run(host, async (c) => {
            body(c.workbook.worksheets.getItem("Sheet1"));
            await c.sync();
          });
          return "";
        } catch (e) {
          return (e as { code?: string }).code ?? String(e);
        }
      };
      assert.equal(await refused((sheet) => sheet.getRange("A2").insert("Right")), "InvalidArgument");
      assert.equal(
        await refused((sheet) => {
          sheet.protection.protect();
          sheet.getRange("A2").insert("Down");
        }),
        "AccessDenied",
      );
    });

    it("hides columns and says so when asked: all, some (null) or none (Range.columnHidden)", async () => {
      const host = new MemoryExcelHost();
      const hidden = await run(host, async (c) => {
        const sheet = c.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("C1:D1").columnHidden = true;
        const both = sheet.getRange("C5:D5");
        const some = sheet.getRange("B1:C1");
        const none = sheet.getRange("E1:F1");
        both.load("columnHidden");
        some.load("columnHidden");
        none.load("columnHidden");
        await c.sync();
        return [both.columnHidden, some.columnHidden, none.columnHidden];
      });
      // Some hidden and some not: null, as Range.columnHidden documents.
      assert.deepEqual(hidden, [true, null, false]);
    });

    it("number formats move with their rows when rows above are deleted, and keep the rest of the column", async () => {
      const host = new MemoryExcelHost();
      host.seedSheet("Sheet1", [["h"], ["a"], ["b"], ["c"], ["d"]]);
      await run(host, async (c) => {
        const sheet = c.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1:A20000").numberFormat = "@" as unknown as string[][];
        sheet.getRange("A4:A5").numberFormat = [["0.00"], ["yyyy-mm-dd"]];
        await c.sync();
        sheet.getRange("2:3").delete("Up");
        await c.sync();
      });
      const at = (row: number) => host.sheet("Sheet1").numberFormatAt(row, 0);
      assert.deepEqual(
        [at(0), at(1), at(2), at(3), at(19_997), at(19_998)],
        ["@", "0.00", "yyyy-mm-dd", "@", "@", "General"],
      );
      // Formatted rows count in the used range, as in Excel, but not in the values-only one.
      const used = await run(host, async (c) => {
        const all = c.workbook.worksheets.getItem("Sheet1").getUsedRange();
        const values = c.workbook.worksheets.getItem("Sheet1").getUsedRange(true);
        all.load("address");
        values.load("address");
        await c.sync();
        return [all.address, values.address];
      });
      assert.deepEqual(used, ["Sheet1!A1:A19998", "Sheet1!A1:A3"]);
    });

    it("deletes part of a column, shifting only those cells up", async () => {
      const host = new MemoryExcelHost();
      host.seedSheet("Sheet1", [
        ["a1", "b1"],
        ["a2", "b2"],
        ["a3", "b3"],
      ]);
      await run(host, async (c) => {
        c.workbook.worksheets.getItem("Sheet1").getRange("A1").delete("Up");
        await c.sync();
      });
      assert.deepEqual(host.sheet("Sheet1").values, [
        ["a2", "b1"],
        ["a3", "b2"],
        ["", "b3"],
      ]);
    });

    it("selects a cell and activates its sheet", async () => {
      const host = new MemoryExcelHost({ sheets: ["A", "B"] });
      await run(host, async (c) => {
        c.workbook.worksheets.getItem("B").getRange("C7").select();
        await c.sync();
      });
      assert.deepEqual(host.selection, { sheet: "B", address: "B!C7" });
      assert.equal(host.activeSheet, "B");
    });
  });
});
