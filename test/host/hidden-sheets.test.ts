/**
 * Hidden and protected sheets in the in-memory host, as strict as Excel (kept-sheets.ts
 * relies on them): what the worksheets collection loads of each sheet, what a hidden sheet
 * refuses, and a password's hold on protection.
 */
import assert from "node:assert/strict";

import { book, failure, run } from "./support";

describe("host: hidden and protected sheets", () => {
  it("loads each sheet's visibility and protection with the collection, in one sync, only as asked", async () => {
    const host = book("A", "B", "C");
    host.store.get("B").visibility = "VeryHidden";
    host.store.get("C").isProtected = true;
    await run(host, async (c) => {
      const sheets = c.workbook.worksheets.load("items/name,items/visibility,items/protection/protected");
      await c.sync();
      assert.deepEqual(
        sheets.items.map((s) => `${s.name} ${s.visibility} ${s.protection.protected}`),
        ["A Visible false", "B VeryHidden false", "C Visible true"],
      );
      const names = c.workbook.worksheets.load("items/name");
      await c.sync();
      assert.throws(() => names.items[1]!.visibility, { code: "PropertyNotLoaded" });
      assert.throws(() => names.items[2]!.protection.protected, { code: "PropertyNotLoaded" });
    });
  });

  it("refuses at sync a property the worksheets do not have", async () => {
    const host = book("A");
    const err = await failure(
      run(host, async (c) => {
        c.workbook.worksheets.load("items/name,items/protection/password");
        await c.sync();
      }),
    );
    assert.equal(err, "InvalidArgument");
  });

  it("refuses to activate a hidden or very hidden sheet, leaving the active sheet where it was", async () => {
    for (const visibility of ["Hidden", "VeryHidden"] as const) {
      const host = book("A", "B");
      host.store.get("B").visibility = visibility;
      const err = await failure(
        run(host, async (c) => {
          c.workbook.worksheets.getItem("B").activate();
          await c.sync();
        }),
      );
      assert.equal(err, "InvalidOperation", visibility);
      assert.equal(host.activeSheet, "A");
    }
  });

  it("hiding the active sheet activates the next visible one to its right, else to its left", async () => {
    const host = book("A", "B", "C", "D");
    host.store.get("C").visibility = "Hidden";
    host.store.activeSheet = "B";
    await run(host, async (c) => {
      c.workbook.worksheets.getItem("B").visibility = "VeryHidden";
      await c.sync();
    });
    assert.equal(host.activeSheet, "D", "C is hidden: D, the next visible to the right");
    await run(host, async (c) => {
      c.workbook.worksheets.getItem("D").visibility = "Hidden";
      await c.sync();
    });
    assert.equal(host.activeSheet, "A", "none to the right: the nearest visible to the left");
  });

  it("a sheet protected with a password stays protected without it; with it, opens", async () => {
    const host = book("A");
    await run(host, async (c) => {
      c.workbook.worksheets.getItem("A").protection.protect({ allowFormatColumns: true }, "s3cret");
      await c.sync();
    });
    const err = await failure(
      run(host, async (c) => {
        c.workbook.worksheets.getItem("A").protection.unprotect();
        c.workbook.worksheets.getItem("A").getRange("A1").values = [["x"]];
        await c.sync();
      }),
    );
    assert.equal(err, "InvalidArgument");
    assert.equal(host.sheet("A").isProtected, true);
    assert.equal(host.sheet("A").values.length, 0, "nothing written");
    await run(host, async (c) => {
      c.workbook.worksheets.getItem("A").protection.unprotect("s3cret");
      await c.sync();
    });
    assert.equal(host.sheet("A").isProtected, false);
  });

  it("refuses to protect a sheet already protected (WorksheetProtection.protect: fails if already protected)", async () => {
    const host = book("A");
    host.store.get("A").isProtected = true;
    const err = await failure(
      run(host, async (c) => {
        c.workbook.worksheets.getItem("A").protection.protect();
        await c.sync();
      }),
    );
    assert.equal(err, "InvalidOperation");
  });
});
