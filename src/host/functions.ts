/**
 * context.workbook.functions (Excel.Functions, ExcelApi 1.2) and what its methods return, an
 * Excel.FunctionResult: worksheet functions evaluated by Excel where the call stands in the
 * batch, their `value` and `error` read after load + sync. The host models COUNTIF, MATCH
 * (match type 0) and VLOOKUP (exact match) over plain text, and refuses the rest; the
 * contract, with Microsoft's pages, is in docs/excel-host.md ("Worksheet functions").
 */
import type { Box } from "./address";
import { ClientObject, type HostContext } from "./context";
import { RichApiError } from "./errors";
import { HostRange, asTyped } from "./range";
import type { CellValue, SheetStore } from "./store";

/** What a function answered: a value, or an error value such as "#N/A" ("always in the English locale"). */
interface Outcome {
  value: CellValue | null;
  error: string | null;
}

/** An argument as Office.js takes it: a plain value, a Range, or another function's result. */
type Argument = unknown;

const refuse = (label: string, why: string): never => {
  throw new RichApiError("InvalidArgument", `${label}: ${why}`);
};

/**
 * Excel.FunctionResult (ExcelApi 1.2): "An object containing the result of a
 * function-evaluation operation". `error`: "Error value (such as "#DIV/0") representing the
 * error. If the error string is not set, then the function succeeded"; `value`: "populated
 * only if no error has occurred". The host answers `error` as null when the function
 * succeeded, and refuses reading `value` of a result whose function failed (what Excel puts
 * there is not documented).
 */
export class HostFunctionResult extends ClientObject {
  private outcome: Outcome | undefined;
  private batch = 0;

  constructor(
    ctx: HostContext,
    /** The call, as the request describes it. */
    readonly label: string,
  ) {
    super(ctx, "FunctionResult");
  }

  /** @internal The function's answer, at the point of the batch where it was called. */
  settle(outcome: Outcome): void {
    this.outcome = outcome;
    this.batch = this.ctx.batch;
  }

  /**
   * @internal This result as an argument of another function (nesting, as Microsoft's
   * "Call built-in Excel worksheet functions" shows): it must have been evaluated earlier in
   * the same batch of the same request context, and must not be an error value.
   */
  use(ctx: HostContext, by: string): CellValue {
    if (ctx !== this.ctx)
      throw new RichApiError("InvalidOperation", `${by}: ${this.label} belongs to another request context.`);
    const outcome = this.current(by);
    if (outcome.error !== null)
      throw new RichApiError(
        "InvalidOperation",
        `${by}: its argument ${this.label} is the error value ${outcome.error}; how Excel.Functions passes an error on is not modelled by the host.`,
      );
    return outcome.value!;
  }

  private current(by: string): Outcome {
    if (this.outcome === undefined)
      throw new RichApiError(
        "InvalidOperation",
        `${by}: ${this.label} was never evaluated (the batch that carried it stopped before reaching it).`,
      );
    if (this.batch !== this.ctx.batch)
      throw new RichApiError(
        "InvalidOperation",
        `${by}: ${this.label} was evaluated in an earlier batch; whether Excel evaluates it again or keeps that answer is not documented, so the host does not guess.`,
      );
    return this.outcome;
  }

  protected path(): string {
    return this.label;
  }

  protected scalars(): string[] {
    return ["value", "error"];
  }

  protected answer(names: string[]): Record<string, unknown> {
    const outcome = this.current(`${this.label}.load`);
    const out: Record<string, unknown> = {};
    for (const name of names) {
      if (name === "value") out.value = outcome.value;
      else if (name === "error") out.error = outcome.error;
      else
        throw new RichApiError(
          "InvalidArgument",
          `FunctionResult has no property '${name}': it has value and error.`,
        );
    }
    return out;
  }

  get value(): CellValue {
    const value = this.prop<CellValue | null>("value");
    if (this.outcome?.error)
      throw new RichApiError(
        "InvalidOperation",
        `${this.label} failed with ${this.outcome.error}: Microsoft documents that "value" is populated only if no error has occurred, not what it holds then; read "error" first.`,
      );
    return value!;
  }

  get error(): string | null {
    return this.prop("error");
  }

  override get isNullObject(): boolean {
    throw new RichApiError("InvalidOperation", "Excel.FunctionResult has no isNullObject.");
  }
}

/** What every text a lookup or a criterion takes must be for the host: plain text Excel keeps as text. */
function plainText(label: string, what: string, text: unknown, wildcards = false): string {
  if (typeof text !== "string")
    return refuse(
      label,
      `the host models ${what} as text only, not ${text === null ? "null" : typeof text}.`,
    );
  if (text === "")
    return refuse(label, `${what} is empty; what Excel matches with empty text is not modelled.`);
  // COUNTIF: "If the specified criteria argument is a text string longer than 255 characters,
  // COUNTIF returns the #VALUE! error"; the host refuses long text for every function here.
  if (text.length > 255) return refuse(label, `${what} is longer than 255 characters.`);
  if (!wildcards && /[*?~]/.test(text))
    return refuse(label, `the host does not model Excel's wildcard characters (* ? ~) in ${what}.`);
  let typed: CellValue | undefined;
  try {
    typed = asTyped(text, "General");
  } catch {
    typed = undefined;
  }
  if (typed !== text)
    return refuse(
      label,
      `${JSON.stringify(text)} reads as a number, date, logical value or formula in Excel; how ${what} of that kind matches cells is not modelled.`,
    );
  return text;
}

/** The cells of a range at sync time, as (sheet, box); only a Range the host made is taken. */
function cells(label: string, what: string, arg: Argument): { sheet: SheetStore; box: Box } {
  if (arg instanceof HostFunctionResult)
    return refuse(label, `${what} from another function (${arg.label}) is not modelled: a Range is.`);
  if (!(arg instanceof HostRange))
    return refuse(label, `${what} must be a Range; the host models no other kind.`);
  return arg.where();
}

/** A value argument: itself, or what a nested function answered earlier in the batch. */
function valueOf(ctx: HostContext, label: string, arg: Argument): unknown {
  if (arg instanceof HostFunctionResult) return arg.use(ctx, label);
  if (arg instanceof HostRange)
    return refuse(label, "a cell reference as a value is not modelled: pass the value.");
  return arg;
}

/** Rows of the sheet a box covers that can hold values (the rest are empty). */
const lastRow = (sheet: SheetStore, box: Box) => Math.min(box.row + box.rows, sheet.rows.length);

/**
 * COUNTIF's wildcards ("A question mark matches any single character, and an asterisk matches
 * any sequence of characters. If you want to find an actual question mark or asterisk, type a
 * tilde (~) preceding the character"): the criterion as a whole-text pattern, ignoring case.
 * A wildcard matches text only, so a number or a logical value never counts. A tilde before
 * anything but `*`, `?` or `~` is refused: Microsoft documents it only before those.
 */
export function wildcardText(label: string, criterion: string): (v: CellValue) => boolean {
  let pattern = "";
  for (let i = 0; i < criterion.length; i++) {
    const c = criterion[i]!;
    if (c === "~") {
      const next = criterion[++i];
      if (next === undefined || !"*?~".includes(next))
        refuse(label, "a tilde not before * ? or ~ in a COUNTIF criterion is not modelled.");
      pattern += next === "~" ? "~" : `\\${next}`;
    } else if (c === "*") pattern += "[\\s\\S]*";
    else if (c === "?") pattern += "[\\s\\S]";
    else pattern += c.replace(/[.+^${}()|[\]\\/]/g, "\\$&");
  }
  const whole = new RegExp(`^${pattern}$`, "iu");
  // A blank cell holds no text (the host keeps it as ""): `"*"` "counts the number of cells
  // containing any text" (COUNTIF's examples), never a blank one.
  return (v) => typeof v === "string" && v !== "" && whole.test(v);
}

/** Excel's text comparison in these functions: "Match does not distinguish between uppercase and lowercase letters". */
const sameText = (wanted: string) => {
  const folded = wanted.toLowerCase();
  return (v: CellValue) => typeof v === "string" && v.toLowerCase() === folded;
};

const describe = (arg: Argument): unknown =>
  arg instanceof HostRange || arg instanceof HostFunctionResult ? { ref: arg.label } : arg;

/**
 * context.workbook.functions. Only countIf, match and vlookup are modelled; `index` is not a
 * member of Excel.Functions (INDEX is not among the functions the Excel JavaScript API can
 * call), so, as in Office.js, there is no such method. Any other member is refused at once.
 */
export class HostFunctions {
  constructor(private readonly ctx: HostContext) {}

  /** Queues the function where the call stands; a refusal stops the batch there. */
  private evaluate(name: string, args: Argument[], run: (label: string) => Outcome): HostFunctionResult {
    const label = `workbook.functions.${name}`;
    const result = new HostFunctionResult(this.ctx, label);
    this.ctx.instantiate({ call: label, args: args.map(describe) }, () => result.settle(run(label)));
    return result;
  }

  /**
   * COUNTIF with a plain text criterion: the cells of `range` whose text equals it, ignoring
   * case, `*` `?` and `~` read as COUNTIF's wildcards. Cells holding numbers or logical values
   * never equal such text.
   */
  countIf(range: Argument, criteria: Argument): HostFunctionResult {
    return this.evaluate("countIf", [range, criteria], (label) => {
      const raw = valueOf(this.ctx, label, criteria);
      if (typeof raw === "string" && /^[<>=]/.test(raw))
        refuse(label, "comparison operators (< > =) in a COUNTIF criterion are not modelled.");
      const text = plainText(label, "the criterion", raw, true);
      const { sheet, box } = cells(label, "the range", range);
      const equal = /[*?~]/.test(text) ? wildcardText(label, text) : sameText(text);
      let count = 0;
      for (let r = box.row; r < lastRow(sheet, box); r++)
        for (let c = box.col; c < box.col + box.cols; c++) if (equal(sheet.get(r, c))) count++;
      return { value: count, error: null };
    });
  }

  /**
   * COUNT of one range: its cells holding numbers — "If an argument is an array or
   * reference, only numbers in that array or reference are counted. Empty cells, logical
   * values, text, or error values in the array or reference are ignored" (COUNT's worksheet
   * page). The host models one argument, a Range, and refuses anything else.
   */
  count(...values: Argument[]): HostFunctionResult {
    return this.evaluate("count", values, (label) => {
      if (values.length !== 1)
        refuse(label, `the host models COUNT of one range, not ${values.length} arguments.`);
      const { sheet, box } = cells(label, "the range", values[0]);
      let count = 0;
      for (let r = box.row; r < lastRow(sheet, box); r++)
        for (let c = box.col; c < box.col + box.cols; c++) if (typeof sheet.get(r, c) === "number") count++;
      return { value: count, error: null };
    });
  }

  /**
   * MATCH with match type 0 over one row or one column: the position (from 1) of the first
   * cell whose text equals `lookupValue`, ignoring case; "#N/A" when none does.
   */
  match(lookupValue: Argument, lookupArray: Argument, matchType?: Argument): HostFunctionResult {
    return this.evaluate("match", [lookupValue, lookupArray, matchType], (label) => {
      const type = valueOf(this.ctx, label, matchType);
      if (type !== 0)
        refuse(
          label,
          `the host models match type 0 (exact) only, not ${type === undefined ? "the default 1" : JSON.stringify(type)}.`,
        );
      const text = plainText(label, "the lookup value", valueOf(this.ctx, label, lookupValue));
      const { sheet, box } = cells(label, "the lookup array", lookupArray);
      if (box.rows !== 1 && box.cols !== 1)
        refuse(label, `the lookup array must be one row or one column, not ${box.rows}×${box.cols} cells.`);
      const equal = sameText(text);
      if (box.cols === 1) {
        for (let r = box.row; r < lastRow(sheet, box); r++)
          if (equal(sheet.get(r, box.col))) return { value: r - box.row + 1, error: null };
      } else {
        for (let c = box.col; c < box.col + box.cols; c++)
          if (equal(sheet.get(box.row, c))) return { value: c - box.col + 1, error: null };
      }
      return { value: null, error: "#N/A" };
    });
  }

  /**
   * VLOOKUP with range_lookup false: the cell in column `colIndexNum` (from 1) of the first row
   * of `tableArray` whose first cell equals `lookupValue` ("Uppercase and lowercase text are
   * equivalent"); "#N/A" when none does ("If an exact match is not found, an error is
   * generated", the error MATCH documents).
   */
  vlookup(
    lookupValue: Argument,
    tableArray: Argument,
    colIndexNum: Argument,
    rangeLookup?: Argument,
  ): HostFunctionResult {
    return this.evaluate("vlookup", [lookupValue, tableArray, colIndexNum, rangeLookup], (label) => {
      const exact = valueOf(this.ctx, label, rangeLookup);
      if (exact !== false)
        refuse(
          label,
          `the host models range_lookup false (exact match) only, not ${exact === undefined ? "the default TRUE" : JSON.stringify(exact)}.`,
        );
      const text = plainText(label, "the lookup value", valueOf(this.ctx, label, lookupValue));
      const { sheet, box } = cells(label, "the table array", tableArray);
      const column = valueOf(this.ctx, label, colIndexNum);
      if (typeof column !== "number" || !Number.isInteger(column) || column < 1 || column > box.cols)
        refuse(
          label,
          `col_index_num ${JSON.stringify(column)} is not a column of the ${box.cols}-column table; Microsoft documents only that VLOOKUP "generates an error", so the host refuses.`,
        );
      const equal = sameText(text);
      for (let r = box.row; r < lastRow(sheet, box); r++) {
        if (!equal(sheet.get(r, box.col))) continue;
        const found = sheet.get(r, box.col + (column as number) - 1);
        if (found === "")
          throw new RichApiError(
            "InvalidOperation",
            `${label}: the cell found is empty; what Excel.Functions answers for it (a worksheet formula shows 0) is not documented.`,
          );
        return { value: found, error: null };
      }
      return { value: null, error: "#N/A" };
    });
  }
}

/** JavaScript's own and Office.js's object members, which are not worksheet functions. */
const PASS = new Set(["then", "toJSON", "constructor", "context", "index"]);

/**
 * The functions object the request context hands out: the modelled methods; `index`
 * undefined, as in Office.js (calling it is a TypeError there too); any other worksheet
 * function refused at once, naming it, rather than pretending.
 */
export function functionsFor(ctx: HostContext): HostFunctions {
  return new Proxy(new HostFunctions(ctx), {
    get(target, name, receiver) {
      if (typeof name !== "string" || name in target || PASS.has(name))
        return Reflect.get(target, name, receiver);
      throw new RichApiError("InvalidOperation", `The host does not model Excel.Functions.${name}.`);
    },
  });
}
