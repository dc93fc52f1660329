/**
 * context.workbook.functions (Excel.Functions, ExcelApi 1.2) in the in-memory host: COUNTIF,
 * COUNT (numbers only), MATCH (match type 0) and VLOOKUP (exact) over plain text, each an Excel.FunctionResult whose
 * `value` and `error` are read after load + sync. What Microsoft documents: the functions
 * ignore case ("Match does not distinguish between uppercase and lowercase letters",
 * VLOOKUP: "Uppercase and lowercase text are equivalent"); MATCH "returns the #N/A error
 * value" when nothing matches, and FunctionResult.error holds it; a function's result may be
 * an argument of another, evaluated in the same request ("Call built-in Excel worksheet
 * functions"). INDEX is not among the functions Excel.Functions has. Where Excel's answer is
 * not documented, the host refuses (docs/excel-host.md, "Worksheet functions").
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { refusal, refusedBatch, thrown } from "./support";

type Ctx = Excel.RequestContext;
const LOG = "变更记录";
const LIST = "客户";

/**
 * A Change log whose customer-ID column (C) holds C000123 three times, once in lower case,
 * once with a longer ID, once as a number-like neighbour; and a customer list with a header
 * row (编号, 名称, 提示) where C000123's hint is in row 3.
 */
function book() {
  const host = new MemoryExcelHost({ sheets: [LIST, LOG] });
  host.seedSheet(LOG, [
    ["时间", "操作", "客户编号"],
    ["t1", "intent", "C000123"],
    ["t2", "done", "C000123"],
    ["t3", "intent", "c000123"],
    ["t4", "intent", "C0001234"],
    ["t5", "intent", 123],
    ["t6", "intent", "C000200"],
  ]);
  host.seedSheet(LIST, [
    ["编号", "名称", "提示"],
    ["C000100", "甲公司", "先打电话"],
    ["C000123", "乙公司", "只收现金"],
    ["c000123", "丙公司", "小写的另一家"],
  ]);
  return host;
}
const log = (c: Ctx) => c.workbook.worksheets.getItem(LOG);
const list = (c: Ctx) => c.workbook.worksheets.getItem(LIST);

/** One function, loaded and read in one run: its value and error. */
const evaluate = (host: MemoryExcelHost, call: (c: Ctx) => Excel.FunctionResult<unknown>) =>
  host.run(async (c: Ctx) => {
    const result = call(c).load("value, error");
    await c.sync();
    return result.error ? { error: result.error } : { value: result.value };
  });

describe("Excel.Functions in the in-memory host", () => {
  it("countIf counts the cells whose text equals the criterion, ignoring case, never a longer text or a number", async () => {
    const host = book();
    const count = (criterion: string) =>
      evaluate(host, (c) => c.workbook.functions.countIf(log(c).getRange("C:C"), criterion));
    // C2, C3 and the lower-case C4; not C5 (longer) nor C6 (a number).
    assert.deepEqual(await count("C000123"), { value: 3 });
    assert.deepEqual(await count("c000123"), { value: 3 });
    assert.deepEqual(await count("C000200"), { value: 1 });
    assert.deepEqual(await count("C000999"), { value: 0 });
  });

  it("count counts the cells holding numbers in one range, never text (digits included), logical values or blanks; more arguments refused", async () => {
    const host = book();
    // As held (a number typed as text stays text: written through `values`, Excel would read it as a number).
    host.seedSheet(LOG, [["数"], [2026], ["2026"], [46000.5], [true], [""], [-1]], { at: "E1", raw: true });
    const count = (address: string) =>
      evaluate(host, (c) => c.workbook.functions.count(log(c).getRange(address)));
    // E2, E4 and E7; not the text "2026", the logical value, the blank or the header.
    assert.deepEqual(await count("E:E"), { value: 3 });
    assert.deepEqual(await count("E3:E3"), { value: 0 });
    // C6 holds the number 123 among the IDs.
    assert.deepEqual(await count("C2:C7"), { value: 1 });
    const refused = await refusal(
      host.run(async (c: Ctx) => {
        c.workbook.functions.count(log(c).getRange("C:C"), log(c).getRange("E:E")).load("value");
        await c.sync();
      }),
    );
    assert.equal(refused.code, "InvalidArgument");
  });

  it("countIf reads * and ? as COUNTIF's wildcards, ~ as their escape, and matches text only", async () => {
    const host = book();
    await host.run(async (c: Ctx) => {
      log(c).getRange("D1:D9").values = [
        ["备注"],
        [" C000123"],
        ["C000123\u3000"],
        ["x*y"],
        ["x?y"],
        ["xzy"],
        ["a~b"],
        [12345],
        [true],
      ];
      await c.sync();
    });
    const count = (range: string, criterion: string) =>
      evaluate(host, (c) => c.workbook.functions.countIf(log(c).getRange(range), criterion));
    // C2, C3, the lower-case C4, the longer C5; never the number in C6.
    assert.deepEqual(await count("C:C", "*C000123*"), { value: 4 });
    assert.deepEqual(await count("C:C", "C00012?"), { value: 3 });
    assert.deepEqual(await count("C:C", "?000123"), { value: 3 });
    // A typed space before, an ideographic one after: counted by * and not by the plain text.
    assert.deepEqual(await count("D:D", "*C000123*"), { value: 2 });
    assert.deepEqual(await count("D:D", "C000123"), { value: 0 });
    assert.deepEqual(await count("D:D", "x*y"), { value: 3 });
    assert.deepEqual(await count("D:D", "x~*y"), { value: 1 });
    assert.deepEqual(await count("D:D", "x~?y"), { value: 1 });
    assert.deepEqual(await count("D:D", "a~~b"), { value: 1 });
    // "*" is any text: the header and six texts, not the number nor the logical value.
    assert.deepEqual(await count("D:D", "*"), { value: 7 });
    assert.deepEqual(await count("D:D", "*345*"), { value: 0 });
    // A blank cell among text is no text: "*" and "?*" pass it by.
    await host.run(async (c: Ctx) => {
      log(c).getRange("E1:E3").values = [["a"], [""], ["b"]];
      await c.sync();
    });
    assert.deepEqual(await count("E1:E3", "*"), { value: 2 });
    assert.deepEqual(await count("E1:E3", "*~**"), { value: 0 });
  });

  it("countIf counts on a very hidden sheet as on a visible one: a worksheet function is not a search", async () => {
    for (const visibility of ["Hidden", "VeryHidden"] as const) {
      const host = book();
      const value = await host.run(async (c: Ctx) => {
        log(c).visibility = visibility;
        const n = c.workbook.functions.countIf(log(c).getRange("C2:C7"), "C000123").load("value");
        await c.sync();
        return n.value;
      });
      assert.equal(value, 3, visibility);
      assert.equal(host.sheet(LOG).visibility, visibility);
    }
  });

  it("match gives the position of the first cell that equals the value, ignoring case, in a column or a row; #N/A in `error` when none does", async () => {
    const host = book();
    const ids = (c: Ctx) => list(c).getRange("A2:A4");
    assert.deepEqual(await evaluate(host, (c) => c.workbook.functions.match("C000123", ids(c), 0)), {
      value: 2,
    });
    // Lower case finds the first of the two that differ only in case: row 3, not row 4.
    assert.deepEqual(await evaluate(host, (c) => c.workbook.functions.match("c000123", ids(c), 0)), {
      value: 2,
    });
    assert.deepEqual(
      await evaluate(host, (c) => c.workbook.functions.match("提示", list(c).getRange("A1:C1"), 0)),
      { value: 3 },
    );
    assert.deepEqual(await evaluate(host, (c) => c.workbook.functions.match("C000999", ids(c), 0)), {
      error: "#N/A",
    });
    // A whole column: positions count from its first row.
    assert.deepEqual(
      await evaluate(host, (c) => c.workbook.functions.match("C000200", log(c).getRange("C:C"), 0)),
      { value: 7 },
    );
  });

  it("a failed function's `value` is refused (not documented), its `error` reads #N/A; a succeeded one's error is null", async () => {
    const host = book();
    await host.run(async (c: Ctx) => {
      const none = c.workbook.functions.match("C000999", list(c).getRange("A2:A4"), 0).load("value, error");
      const one = c.workbook.functions.match("C000100", list(c).getRange("A2:A4"), 0).load();
      await c.sync();
      assert.equal(none.error, "#N/A");
      assert.equal(thrown(() => none.value).code, "InvalidOperation");
      assert.equal(one.value, 1);
      assert.equal(one.error, null);
    });
  });

  it("the hint of a customer in ONE sync: vlookup whose column comes from a nested match, evaluated in the same batch", async () => {
    const host = book();
    host.resetCounters();
    const hint = await host.run(async (c: Ctx) => {
      const f = c.workbook.functions;
      const column = f.match("提示", list(c).getRange("A1:C1"), 0);
      const result = f.vlookup("C000123", list(c).getRange("A2:C4"), column, false).load("value, error");
      await c.sync();
      return result.value;
    });
    assert.equal(hint, "只收现金");
    assert.equal(host.syncs, 1);
    assert.equal(host.syncLog[0]!.ok, true);
    // Not found: #N/A, in the same single sync.
    host.resetCounters();
    const missing = await evaluate(host, (c) =>
      c.workbook.functions.vlookup(
        "C000999",
        list(c).getRange("A2:C4"),
        c.workbook.functions.match("提示", list(c).getRange("A1:C1"), 0),
        false,
      ),
    );
    assert.deepEqual(missing, { error: "#N/A" });
    assert.equal(host.syncs, 1);
  });

  it("has no `index`, as Excel.Functions has none (INDEX is not among the functions the API can call): calling it is a TypeError", async () => {
    const host = book();
    const e = await refusal(
      host.run(async (c: Ctx) => {
        const f = c.workbook.functions as unknown as Record<string, unknown>;
        assert.equal(f.index, undefined);
        (f as unknown as { index: (...a: unknown[]) => unknown }).index(list(c).getRange("C2:C4"), 2);
        await c.sync();
      }),
    );
    assert.ok(e instanceof TypeError);
  });

  it("reading before the sync, or a property not loaded: PropertyNotLoaded", async () => {
    const host = book();
    await host.run(async (c: Ctx) => {
      const n = c.workbook.functions.countIf(log(c).getRange("C:C"), "C000123");
      assert.equal(thrown(() => n.value).code, "PropertyNotLoaded");
      n.load("value");
      assert.equal(thrown(() => n.value).code, "PropertyNotLoaded");
      await c.sync();
      assert.equal(n.value, 3);
      assert.equal(thrown(() => n.error).code, "PropertyNotLoaded");
    });
  });

  it("a loaded result's answer counts in the sync's response bytes; a function not loaded brings none", async () => {
    const host = book();
    host.resetCounters();
    await host.run(async (c: Ctx) => {
      c.workbook.functions.countIf(log(c).getRange("C:C"), "C000123");
      await c.sync();
      c.workbook.functions.countIf(log(c).getRange("C:C"), "C000123").load("value, error");
      await c.sync();
    });
    assert.equal(host.syncLog[0]!.responseBytes, 0);
    assert.equal(host.syncLog[1]!.responseBytes, JSON.stringify({ value: 3, error: null }).length);
    assert.equal(host.syncLog[1]!.writes, 0);
  });

  it("a result is an argument only in the batch that evaluated it; loading it in a later batch is refused too", async () => {
    const host = book();
    const e = await refusal(
      host.run(async (c: Ctx) => {
        const column = c.workbook.functions.match("提示", list(c).getRange("A1:C1"), 0).load("value");
        await c.sync();
        assert.equal(column.value, 3);
        c.workbook.functions.vlookup("C000123", list(c).getRange("A2:C4"), column, false).load("value");
        await c.sync();
      }),
    );
    assert.equal(e.code, "InvalidOperation");
    assert.match(e.message, /earlier batch/);
    const again = await refusal(
      host.run(async (c: Ctx) => {
        const n = c.workbook.functions.countIf(log(c).getRange("C:C"), "C000123");
        await c.sync();
        n.load("value");
        await c.sync();
      }),
    );
    assert.equal(again.code, "InvalidOperation");
    // Made in a batch that stopped before reaching it: never evaluated, so never an argument.
    let orphan: Excel.FunctionResult<number> | undefined;
    await refusal(
      host.run(async (c: Ctx) => {
        c.workbook.functions.countIf(log(c).getRange("C:C"), "C~1");
        orphan = c.workbook.functions.match("提示", list(c).getRange("A1:C1"), 0);
        await c.sync().catch(() => undefined);
        c.workbook.functions.vlookup("C000123", list(c).getRange("A2:C4"), orphan, false).load("value");
        await c.sync();
      }),
    ).then((e) => {
      assert.equal(e.code, "InvalidOperation");
      assert.match(e.message, /never evaluated/);
    });
  });

  it("refuses what it does not model, failing the batch at that point: writes before it land, those after do not", async () => {
    const host = book();
    const e = await refusal(
      host.run(async (c: Ctx) => {
        log(c).getRange("E1").values = [["before"]];
        c.workbook.functions.match("C00012*", log(c).getRange("C:C"), 0).load("value");
        log(c).getRange("E2").values = [["after"]];
        await c.sync();
      }),
    );
    assert.equal(e.code, "InvalidArgument");
    assert.match(e.message, /wildcard/);
    assert.equal(host.sheet(LOG).values[0]![4], "before");
    assert.equal(host.sheet(LOG).values[1]?.[4] ?? "", "");
  });

  it("refuses wildcards, operators, text Excel reads as a number, non-text criteria, match types other than 0, 2-D ranges, approximate vlookup", async () => {
    const host = book();
    const refused = async (call: (c: Ctx) => Excel.FunctionResult<unknown>, pattern: RegExp) => {
      const e = await refusedBatch(host, (c) => call(c).load("value"));
      assert.equal(e.code, "InvalidArgument", String(pattern));
      assert.match(e.message, pattern);
    };
    const ids = (c: Ctx) => log(c).getRange("C:C");
    const f = (c: Ctx) => c.workbook.functions;
    for (const w of ["C*", "C00012?", "C~1"]) await refused((c) => f(c).match(w, ids(c), 0), /wildcard/);
    // A tilde is documented only before * ? and ~.
    for (const w of ["C~1", "C000123~"]) await refused((c) => f(c).countIf(ids(c), w), /tilde/);
    for (const op of [">5", "<C", "=C000123", "<>C000123"])
      await refused((c) => f(c).countIf(ids(c), op), /operators/);
    for (const n of ["123", "2024-01-02", "TRUE"]) {
      await refused((c) => f(c).countIf(ids(c), n), /number, date, logical/);
      await refused((c) => f(c).match(n, ids(c), 0), /number, date, logical/);
    }
    await refused((c) => f(c).countIf(ids(c), 123), /text only/);
    await refused((c) => f(c).countIf(ids(c), ""), /empty/);
    await refused((c) => f(c).countIf(ids(c), "x".repeat(256)), /255/);
    await refused((c) => f(c).match("C000123", ids(c), 1), /match type 0/);
    await refused((c) => f(c).match("C000123", ids(c)), /match type 0/);
    await refused((c) => f(c).match("C000123", log(c).getRange("B2:C7"), 0), /one row or one column/);
    await refused((c) => f(c).match("C000123", "C:C" as unknown as Excel.Range, 0), /must be a Range/);
    await refused((c) => f(c).vlookup("C000123", list(c).getRange("A2:C4"), 3, true), /range_lookup false/);
    await refused((c) => f(c).vlookup("C000123", list(c).getRange("A2:C4"), 3), /range_lookup false/);
    await refused((c) => f(c).vlookup("C000123", list(c).getRange("A2:C4"), 4, false), /col_index_num/);
    // A nested result that is an error value is not passed on.
    const nested = await refusedBatch(host, (c) =>
      f(c).vlookup(
        "C000123",
        list(c).getRange("A2:C4"),
        f(c).match("无此列", list(c).getRange("A1:C1"), 0),
        false,
      ),
    );
    assert.equal(nested.code, "InvalidOperation");
    assert.match(nested.message, /#N\/A/);
  });

  it("refuses other worksheet functions at once, naming them", async () => {
    const host = book();
    await host.run(async (c: Ctx) => {
      const e = thrown(() => c.workbook.functions.sum(1, 2));
      assert.equal(e.code, "InvalidOperation");
      assert.match(e.message, /Excel\.Functions\.sum/);
      await c.sync();
    });
  });
});
