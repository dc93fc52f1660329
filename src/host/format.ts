/** Range.format (widths, fonts, fills, protection) and Range.dataValidation, over the store. */
import type { Box } from "./address";
import { ClientObject, type HostContext } from "./context";
import { RichApiError } from "./errors";
import type { HostRange } from "./range";
import type { SheetStore } from "./store";

/** Range.format: widths and looks. Each setting is recorded for inspection. */
export class RangeFormat extends ClientObject {
  readonly font: FormatPart;
  readonly fill: FormatPart;
  readonly protection: FormatPart;

  constructor(
    ctx: HostContext,
    private readonly range: HostRange,
  ) {
    super(ctx, "RangeFormat");
    this.font = new FormatPart(ctx, range, "font", ["bold", "italic", "color", "size", "name", "underline"]);
    this.fill = new FormatPart(ctx, range, "fill", ["color"]);
    this.protection = new FormatPart(ctx, range, "protection", ["locked", "formulaHidden"]);
  }

  protected path(): string {
    return "format";
  }
  protected scalars(): string[] {
    return ["columnWidth", "wrapText", "horizontalAlignment", "verticalAlignment", "rowHeight"];
  }
  protected answer(names: string[]): Record<string, unknown> {
    const { sheet, box } = this.range.where();
    const out: Record<string, unknown> = {};
    for (const n of names) {
      out[n] = n === "columnWidth" ? (sheet.columnWidths.get(box.col) ?? 48) : latest(sheet, box, n);
    }
    return out;
  }

  private setting(name: string, value: unknown, extra?: (sheet: SheetStore, box: Box) => void): void {
    this.assign(name, value, () => {
      const { sheet, box } = this.range.where();
      sheet.assertWritable(`format.${name}`);
      sheet.formats.push({ box, property: name, value });
      extra?.(sheet, box);
    });
  }

  get columnWidth(): number {
    return this.prop("columnWidth");
  }
  set columnWidth(points: number) {
    this.setting("columnWidth", points, (sheet, box) => {
      for (let c = box.col; c < box.col + box.cols; c++) sheet.columnWidths.set(c, points);
    });
  }
  set rowHeight(points: number) {
    this.setting("rowHeight", points);
  }
  set wrapText(on: boolean) {
    this.setting("wrapText", on);
  }
  set horizontalAlignment(value: string) {
    this.setting("horizontalAlignment", value);
  }
  set verticalAlignment(value: string) {
    this.setting("verticalAlignment", value);
  }
}

function latest(sheet: SheetStore, box: Box, property: string, reset?: string): unknown {
  for (let i = sheet.formats.length - 1; i >= 0; i--) {
    const f = sheet.formats[i]!;
    if (
      (f.property === property || f.property === reset) &&
      f.box.row <= box.row &&
      f.box.col <= box.col &&
      f.box.row + f.box.rows > box.row &&
      f.box.col + f.box.cols > box.col
    ) {
      return f.property === reset ? null : f.value;
    }
  }
  return null;
}

/** format.font / format.fill / format.protection: settable properties, recorded as "font.bold" etc. */
export class FormatPart extends ClientObject {
  constructor(
    ctx: HostContext,
    private readonly range: HostRange,
    private readonly part: string,
    private readonly names: string[],
  ) {
    super(ctx, part);
    for (const name of names) {
      Object.defineProperty(this, name, {
        get: () => this.prop(name),
        set: (value: unknown) => {
          this.assign(name, value, () => {
            const { sheet, box } = this.range.where();
            if (part !== "protection") sheet.assertWritable(`${part}.${name}`);
            sheet.formats.push({ box, property: `${part}.${name}`, value });
          });
        },
      });
    }
  }
  protected path(): string {
    return `format.${this.part}`;
  }
  protected scalars(): string[] {
    return this.names;
  }
  protected answer(names: string[]): Record<string, unknown> {
    const { sheet, box } = this.range.where();
    return Object.fromEntries(
      names.map((n) => [n, latest(sheet, box, `${this.part}.${n}`, `${this.part}.cleared`)]),
    );
  }
  clear(): void {
    this.call("clear", [], () => {
      const { sheet, box } = this.range.where();
      sheet.formats.push({ box, property: `${this.part}.cleared`, value: true });
    });
  }
}

/** Range.dataValidation: one rule per range, kept for inspection; it never blocks API writes. */
export class DataValidation extends ClientObject {
  constructor(
    ctx: HostContext,
    private readonly range: HostRange,
  ) {
    super(ctx, "DataValidation");
  }
  protected path(): string {
    return "dataValidation";
  }
  protected scalars(): string[] {
    return ["rule", "type", "errorAlert", "prompt", "ignoreBlanks"];
  }
  protected answer(names: string[]): Record<string, unknown> {
    const { sheet, box } = this.range.where();
    const found = sheet.validations.find(
      (v) =>
        v.box.row <= box.row &&
        v.box.col <= box.col &&
        v.box.row + v.box.rows > box.row &&
        v.box.col + v.box.cols > box.col,
    );
    const type = found?.rule ? Object.keys(found.rule as object)[0] : "None";
    const all: Record<string, unknown> = {
      rule: found?.rule ?? {},
      type,
      errorAlert: found?.errorAlert,
      prompt: found?.prompt,
      ignoreBlanks: found?.ignoreBlanks ?? true,
    };
    return Object.fromEntries(names.map((n) => [n, all[n]]));
  }
  private setting(name: "rule" | "errorAlert" | "prompt" | "ignoreBlanks", value: unknown): void {
    this.assign(name, value, () => {
      const { sheet, box } = this.range.where();
      sheet.assertWritable(`dataValidation.${name}`);
      if (name === "rule" && (!value || typeof value !== "object" || Object.keys(value).length !== 1)) {
        throw new RichApiError("InvalidArgument", "A data-validation rule names exactly one kind of rule.");
      }
      (sheet.validationFor(box) as unknown as Record<string, unknown>)[name] = value;
    });
  }
  get rule(): unknown {
    return this.prop("rule");
  }
  set rule(value: unknown) {
    this.setting("rule", value);
  }
  get type(): string {
    return this.prop("type");
  }
  set errorAlert(value: unknown) {
    this.setting("errorAlert", value);
  }
  set prompt(value: unknown) {
    this.setting("prompt", value);
  }
  set ignoreBlanks(value: boolean) {
    this.setting("ignoreBlanks", value);
  }
  clear(): void {
    this.call("clear", [], () => {
      const { sheet, box } = this.range.where();
      sheet.assertWritable("dataValidation.clear");
      sheet.clearValidation(box);
    });
  }
}
