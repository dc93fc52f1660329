/**
 * A read spans several syncs and Excel has no read transaction: a sheet a co-author deletes
 * between two of them is gone for the next, which then fails with ItemNotFound. The read
 * starts again from the sheet list (Book.steady) instead of failing the person's action;
 * only a workbook that keeps changing under it ends in a clear "try again" (SheetGone).
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { Book, SheetGone } from "../../src/excel/book";
import { readNeeds } from "../../src/excel/partial";
import { contacts, register } from "../../src/domain/schema/sheets";
import { text } from "../../src/domain/records";
import { ReadShifted } from "../../src/excel/book";
import { envOf } from "./fixtures";
import { postRequests } from "../../src/excel/actions/post-requests";
import { now, staffOf, world } from "./integrity/world";

/** A workbook of three sheets: the Register and two printed cards. */
function workbook(platform: "web" | "desktop" = "web") {
  const host = new MemoryExcelHost({ platform, sheets: ["客户原簿", "卡片-C000001", "卡片-C000002"] });
  host.seedSheet("客户原簿", [["客户编号"], ["C000001"], ["C000002"]]);
  host.seedSheet("卡片-C000001", [["客户卡片"], ["C000001"]]);
  host.seedSheet("卡片-C000002", [["客户卡片"], ["C000002"]]);
  host.resetCounters();
  return host;
}

const cards = (names: string[]) => names.filter((n) => n.startsWith("卡片-"));

for (const platform of ["web", "desktop"] as const)
  describe(`a read while a co-author deletes a sheet it listed (${platform})`, () => {
    it("starts again from the sheet list and reads what is there then", async () => {
      const host = workbook(platform);
      // Sync 1 lists the sheets; the card goes before sync 2 reads them.
      host.gate = (n) => {
        if (n === 2) host.store.remove("卡片-C000002");
      };
      const snapshot = await host.run({}, (excel) =>
        new Book(excel as never, platform).read((names) => ["客户原簿", ...cards(names)]),
      );
      assert.deepEqual(snapshot.sheetNames, ["客户原簿", "卡片-C000001"]);
      assert.deepEqual(Object.keys(snapshot.sheets).sort(), ["卡片-C000001", "客户原簿"]);
      assert.deepEqual(snapshot.sheets["卡片-C000001"]!.values, [["客户卡片"], ["C000001"]]);
    });

    it("says which sheet went and that nothing was written when it keeps going", async () => {
      const host = workbook(platform);
      // Each attempt lists the sheets, then one of them is gone by its next sync.
      host.gate = (n) => {
        if (n < 2) return;
        host.store.remove(cards(host.sheetNames())[0]!);
        host.store.add(`卡片-C0001${String(n).padStart(2, "0")}`);
      };
      const reading = host.run({}, (excel) =>
        new Book(excel as never, platform, "en").read((names) => ["客户原簿", ...cards(names)]),
      );
      await assert.rejects(reading, (error: unknown) => {
        assert.ok(error instanceof SheetGone);
        assert.match(
          (error as Error).message,
          /卡片-C0001\d+ was deleted or renamed .* nothing of yours was written/,
        );
        return true;
      });
    });

    it("passes any other missing thing on as Excel said it", async () => {
      const host = workbook(platform);
      const reading = host.run({}, async (excel) => {
        const book = new Book(excel as never, platform);
        return book.steady(async () => {
          await book.read(() => ["客户原簿"]);
          excel.workbook.worksheets.getItem("没有这张表").load("name");
          await excel.sync();
        });
      });
      await assert.rejects(reading, { code: "ItemNotFound" });
    });

    it("a partial read starts again when a sheet goes between its batches", async () => {
      const host = workbook(platform);
      // Sync 1 lists, 2 reads headers and sizes, 3 reads the columns: the Register is renamed before 3.
      host.gate = (n) => {
        if (n === 3) host.store.get("客户原簿").name = "客户原簿(旧)";
      };
      const snapshot = await host.run({}, (excel) =>
        readNeeds(new Book(excel as never, platform), [{ schema: register, whole: true }]),
      );
      assert.ok(!snapshot.sheets["客户原簿"], "the renamed sheet is no longer the Register");
      assert.ok(snapshot.sheetNames.includes("客户原簿(旧)"));
    });
  });

describe("a partial read while a co-author deletes rows above the ones it picked", () => {
  /** Contacts LX000001…LX000003; the read picks LX000002's row by its number. */
  function book() {
    const host = new MemoryExcelHost({ platform: "web", sheets: ["联系记录"] });
    const header = contacts.columns.map((c) => c.header.zh);
    host.seedSheet("联系记录", [
      header,
      ...[1, 2, 3].map((n) => header.map((_, i) => (i === 0 ? `LX00000${n}` : i === 5 ? `摘要${n}` : ""))),
    ]);
    host.resetCounters();
    return host;
  }
  const need = {
    schema: contacts,
    columns: ["contactNo"],
    pick: (cells: Record<string, unknown>) => text(cells.contactNo as string) === "LX000002",
  };
  const summaryOf = (values: unknown[][] | undefined) =>
    (values ?? []).filter((r) => r[0] === "LX000002").map((r) => r[5]);

  it("reads again when the rows moved between its column read and its row read: the row it gets is the one it picked", async () => {
    const host = book();
    // Syncs 1–2 list the sheets and read headers, 3 the column, 4 the rows: LX000001 goes before 4.
    host.gate = (n) => {
      if (n === 4) host.store.get("联系记录").deleteCells({ row: 1, col: 0, rows: 1, cols: 16384 }, "Up");
    };
    const snapshot = await host.run({}, (excel) => readNeeds(new Book(excel as never, "web"), [need]));
    assert.deepEqual(summaryOf(snapshot.sheets["联系记录"]?.values), ["摘要2"]);
  });

  it("says the rows keep moving when they move under every attempt: nothing is planned on another row", async () => {
    const host = new MemoryExcelHost({ platform: "web", sheets: ["联系记录"] });
    const header = contacts.columns.map((c) => c.header.zh);
    const no = (n: number) => `LX${String(n).padStart(6, "0")}`;
    host.seedSheet("联系记录", [
      header,
      ...Array.from({ length: 25 }, (_, i) => header.map((_, k) => (k === 0 ? no(i + 1) : ""))),
    ]);
    host.resetCounters();
    // From the first row read on, a row above the picked one goes before every batch.
    host.gate = (n) => {
      if (n >= 4) host.store.get("联系记录").deleteCells({ row: 1, col: 0, rows: 1, cols: 16384 }, "Up");
    };
    const last = {
      ...need,
      pick: (cells: Record<string, unknown>) => text(cells.contactNo as string) === no(25),
    };
    const reading = host.run({}, (excel) => readNeeds(new Book(excel as never, "web", "en"), [last]));
    await assert.rejects(reading, (error: unknown) => {
      assert.ok(error instanceof ReadShifted, String(error));
      assert.match((error as Error).message, /Rows of 联系记录 were moved .* nothing of yours was written/);
      return true;
    });
  });
});

describe("posting while a destruction deletes a printed card (co-authoring)", () => {
  it("posts whole, reading the workbook as it is after the card went", async () => {
    const people = await staffOf();
    const host = await world(people);
    // C000014's printed card (a destruction clears it) goes just after the post lists the sheets.
    assert.ok(host.sheetNames().includes("卡片-C000014"));
    host.resetCounters();
    host.gate = (n) => {
      if (n === 2) host.store.remove("卡片-C000014");
    };
    const posted = await postRequests(envOf(host), { name: "陈会计" }, people.admin.fp, ["R000003"], now);
    assert.ok(posted.ok && posted.problems.length === 0, JSON.stringify(posted));
    assert.equal(posted.posted[0]?.requestNo, "R000003");
    assert.ok(!host.sheetNames().includes("卡片-C000014"));
  });
});
