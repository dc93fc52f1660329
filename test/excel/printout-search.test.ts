/**
 * Issue 15: a destruction finds its customers' lines on the printouts (review list, a month's
 * lists, labels, cards) by Excel's search (Worksheet.findAll) rather than by reading every
 * printout whole — a review list or labels of 100,000 customers are 8–12 MB a read. The lines
 * it clears are those a whole read clears; a printout Excel's search cannot be relied on for
 * (hidden, a hidden column) is read whole.
 */
import assert from "node:assert/strict";
import type { MemoryExcelHost } from "../../src/host/memory-host";
import type { AreaSplit } from "../../src/host/range-areas";
import { buildReviewList, destroyRecords } from "../../src/excel/actions/lifecycle";
import { isPrintoutSheet } from "../../src/domain/journal/erase";
import { planDestruction } from "../../src/domain/destruction";
import { bookContext } from "../../src/domain/book-context";
import { FindWords } from "../../src/domain/partial-read";
import type { Snapshot } from "../../src/domain/workbook";
import { envOf } from "./fixtures";
import { now, stamper, staffOf, world, type People } from "./integrity/world";
import { difference } from "./support/same-book";

const PAD = "章".repeat(20_000);
const readBytes = (host: MemoryExcelHost) => host.syncLog.reduce((sum, s) => sum + s.responseBytes, 0);
/** Every printout cell's text, joined: what a reader of the printouts could still see. */
const printed = (host: MemoryExcelHost) =>
  host
    .sheetNames()
    .filter(isPrintoutSheet)
    .flatMap((n) => host.sheet(n).values.flat().map(String))
    .join("\n");

describe("a destruction finds its customers' lines on the printouts by Excel's search (issue 15)", function () {
  this.timeout(240_000);
  let people: People;
  let book: MemoryExcelHost;
  /** C000014's and C000004's names and addresses, as archived. */
  let words: Record<string, string[]>;
  before(async () => {
    people = await staffOf();
    book = await world(people);
    // A review list printed while C000014 was still on the Register (its line typed in, as the
    // list then had it), and a padding cell on each printout far from any customer's words:
    // what a search that reads only the rows found never reads.
    const manager = {
      ...envOf(book),
      signer: () => ({ fingerprint: people.manager.fp, privateKey: people.manager.privateKey }),
    };
    const review = await buildReviewList(manager, people.manager.entry.name, now);
    assert.ok(review.ok && review.listed > 0, JSON.stringify(review));
    const archive = book.sheet("交易过去").values;
    const at = (header: string) => archive[0]!.indexOf(header);
    words = {};
    for (const id of ["C000014", "C000004"]) {
      const row = archive.find((r) => r[0] === id)!;
      words[id] = [id, String(row[at("企业名称")]), String(row[at("地址")])];
    }
    const list = book.sheet("复核清单").values;
    book.seedSheet(
      "复核清单",
      [["C000014", words.C000014![1]!, "业务一部", "王主管", "2026-02-10", "逾期"]],
      {
        at: `A${list.length + 1}`,
        raw: true,
      },
    );
    for (const sheet of book.sheetNames().filter(isPrintoutSheet))
      book.seedSheet(sheet, [[PAD]], { at: "Z40", raw: true });
    for (const id of ["C000014", "C000004"])
      assert.ok(
        words[id]!.some((w) => printed(book).includes(w)),
        `${id} has lines on the printouts: ${words[id]}`,
      );
  });

  const destroy = (host: MemoryExcelHost, ids: string[], readWhole = false) =>
    destroyRecords(
      { ...envOf(host), ...(readWhole && { readWhole: true }) },
      people.admin.fp,
      ids,
      "保存期满",
      stamper(people.manager),
      now,
    );

  /** Destroys `ids` both ways on copies of `from`: the same outcome and workbook; the bytes the search read. */
  async function bothWays(from: MemoryExcelHost, ids: string[]) {
    const whole = from.clone();
    const partial = from.clone();
    const a = await destroy(whole, ids, true);
    partial.loadTrace = [];
    const b = await destroy(partial, ids);
    assert.ok(b.ok && b.problems.length === 0 && b.destroyed.length === ids.length, JSON.stringify(b));
    assert.deepEqual(b, a);
    assert.equal(difference(partial, whole), "");
    for (const id of ids)
      for (const w of words[id]!) assert.ok(!printed(partial).includes(w), `${w} is gone from the printouts`);
    // The printouts' search (the log's rows found by Excel's search come as whole rows: not these).
    const searches = new Set(
      partial.loadTrace
        .map((l) => ({ sync: l.sync, describe: JSON.stringify(l.describe) }))
        .filter((l) => l.describe.includes("findAll") && !l.describe.includes("getEntireRow"))
        .map((l) => l.sync),
    );
    return { bytes: readBytes(partial), wholeBytes: readBytes(whole), searches: searches.size };
  }

  it("clears what a whole read clears, reading none of the printouts' other rows", async () => {
    const { bytes, wholeBytes, searches } = await bothWays(book, ["C000014"]);
    const printouts = book.sheetNames().filter(isPrintoutSheet).length;
    assert.ok(printouts >= 4, "a review list, a month's list, labels, a card");
    assert.ok(wholeBytes > PAD.length * 3 * (printouts - 1), "the whole read reads every padded printout");
    assert.ok(bytes < PAD.length * 3, `${bytes} bytes: not one padded cell`);
    assert.equal(searches, 1);
  });

  it("finds the same rows however Excel cuts what it found into areas", async () => {
    for (const split of ["rowRuns", "cells"] as AreaSplit[]) {
      const cut = book.clone();
      (cut as { findAllAreas: AreaSplit }).findAllAreas = split;
      const { bytes } = await bothWays(cut, ["C000014"]);
      assert.ok(bytes < PAD.length * 3, `${split}: ${bytes} bytes`);
    }
  });

  it("two customers at once: their words searched for in one sync", async () => {
    const { bytes, searches } = await bothWays(book, ["C000014", "C000004"]);
    assert.equal(searches, 1);
    assert.ok(bytes < PAD.length * 3, `${bytes} bytes`);
  });

  it("a plan searches a printout again for words it was not searched for, never clears from rows found for others", async () => {
    const snapshotWith = (searchedFor: string[]): Snapshot => {
      const names = book.sheetNames();
      const sheets = Object.fromEntries(names.map((n) => [n, { name: n, values: book.sheet(n).values }]));
      // The labels as a search for `searchedFor` left them: no row found.
      sheets["邮寄标签"] = { name: "邮寄标签", values: book.sheet("邮寄标签").values.map(() => []) };
      return { sheetNames: names, sheets, searched: { sheets: ["邮寄标签"], words: searchedFor } };
    };
    const plan = async (snapshot: Snapshot) => {
      const { settings, trust } = await bookContext(snapshot, people.admin.fp);
      return planDestruction(
        snapshot,
        trust,
        ["C000014"],
        "保存期满",
        stamper(people.manager),
        now,
        "zh",
        settings,
      );
    };
    // Searched for another customer's words, or for some of its own only: searched again.
    for (const before of [["C000004"], ["C000014"]])
      await assert.rejects(plan(snapshotWith(before)), (e: unknown) => {
        assert.ok(e instanceof FindWords);
        assert.deepEqual(e.sheets, ["邮寄标签"]);
        for (const w of words.C000014!) assert.ok(e.words.includes(w), `${w} asked for`);
        return true;
      });
    // Searched for every word it names, and none there: planned, nothing cleared on the labels.
    const asked = await plan(snapshotWith([])).then(
      () => assert.fail("a search for nothing is not enough"),
      (e: FindWords) => e.words,
    );
    const searched = snapshotWith([...asked]);
    const planned = await plan(searched);
    assert.ok(planned.destroyed.includes("C000014"), JSON.stringify(planned.problems));
    assert.ok(!planned.writes.some((w) => w.sheet === "邮寄标签" && w.kind === "clear"));
  });

  it("reads a printout whole where Excel's search cannot be relied on: hidden, or a column of it hidden", async () => {
    // The labels stand in columns A and C: hiding B hides none of C000014's words, hiding A
    // hides some (the host then refuses the search itself: the read falls back to the sheet).
    const hide = async (host: MemoryExcelHost, how: "sheet" | "an empty column" | "a column of words") =>
      host.run(async (c: Excel.RequestContext) => {
        const sheet = c.workbook.worksheets.getItem("邮寄标签");
        sheet.protection.unprotect();
        if (how === "sheet") sheet.visibility = "Hidden";
        else sheet.getRange(how === "an empty column" ? "B:B" : "A:C").columnHidden = true;
        await c.sync();
      });
    for (const how of ["sheet", "an empty column", "a column of words"] as const) {
      const hidden = book.clone();
      await hide(hidden, how);
      const { bytes } = await bothWays(hidden, ["C000014"]);
      // The labels read whole (their padded cell with them); where the search itself was
      // refused, every printout, and otherwise no other.
      assert.ok(bytes > PAD.length * 3, `${how}: ${bytes} bytes`);
      if (how !== "a column of words") assert.ok(bytes < PAD.length * 3 * 2, `${how}: ${bytes} bytes`);
    }
  });
});
