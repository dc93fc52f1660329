/** Worksheet, the worksheets collection, freeze panes, protection, workbook and application. */
import { type Box, checkBox, parseAddress } from "./address";
import { ClientObject, type HostContext } from "./context";
import { RichApiError } from "./errors";
import { HostRange } from "./range";
import { type HostRangeAreas, searchSheet, type WorksheetSearchCriteria } from "./range-areas";
import type { SheetStore } from "./store";

export class HostWorksheet extends ClientObject {
  readonly freezePanes: FreezePanes;
  readonly protection: WorksheetProtection;
  readonly pageLayout: PageLayout;

  constructor(
    ctx: HostContext,
    /** Finds the sheet at sync time; null only for a null object. */
    readonly find: () => SheetStore | null,
    private readonly label: string,
  ) {
    super(ctx, "Worksheet");
    this.freezePanes = new FreezePanes(ctx, this);
    this.protection = new WorksheetProtection(ctx, this);
    this.pageLayout = new PageLayout(ctx, this);
  }

  sheet(): SheetStore {
    const s = this.find();
    if (!s) throw new RichApiError("ItemNotFound", `The requested resource doesn't exist: ${this.label}.`);
    return s;
  }

  protected path(): string {
    return this.label;
  }
  protected scalars(): string[] {
    return ["name", "position", "visibility", "tabColor", "id"];
  }
  protected answer(names: string[]): Record<string, unknown> {
    const s = this.find();
    if (!s) return { isNullObject: true };
    const book = this.ctx.host.store;
    const all: Record<string, unknown> = {
      name: s.name,
      position: book.sheets.indexOf(s),
      visibility: s.visibility,
      tabColor: s.tabColor,
      id: s.id,
    };
    return { isNullObject: false, ...Object.fromEntries(names.map((n) => [n, all[n]])) };
  }

  get name(): string {
    return this.prop("name");
  }
  /** Worksheet.name (ExcelApi 1.1): renames the sheet (store.ts `rename`). */
  set name(value: string) {
    this.assign("name", value, () => this.ctx.host.store.rename(this.sheet(), value));
  }
  get position(): number {
    return this.prop("position");
  }
  get id(): string {
    return this.prop("id");
  }
  get visibility(): string {
    return this.prop("visibility");
  }
  /**
   * Worksheet.visibility (ExcelApi 1.1). A workbook keeps at least one visible sheet: Excel
   * will not hide the last one (the UI's "A workbook must contain at least one visible
   * worksheet"); how Office.js words its refusal is not documented, so the host refuses
   * with InvalidOperation, as it does a deletion of the last visible sheet.
   */
  set visibility(value: "Visible" | "Hidden" | "VeryHidden") {
    this.assign("visibility", value, () => {
      const sheet = this.sheet();
      if (
        value !== "Visible" &&
        sheet.visibility === "Visible" &&
        !this.ctx.host.store.sheets.some((s) => s !== sheet && s.visibility === "Visible")
      )
        throw new RichApiError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      sheet.visibility = value;
      // Hiding the active sheet activates the next visible one to its right, else the
      // nearest to its left, as Excel's UI does (the same move as a deletion, store.ts).
      const store = this.ctx.host.store;
      if (value !== "Visible" && store.activeSheet.toLowerCase() === sheet.name.toLowerCase()) {
        const at = store.sheets.indexOf(sheet);
        const visible = (s: SheetStore) => s.visibility === "Visible";
        store.activeSheet = (
          store.sheets.slice(at + 1).find(visible) ?? store.sheets.slice(0, at).reverse().find(visible)!
        ).name;
      }
    });
  }
  get tabColor(): string {
    return this.prop("tabColor");
  }
  set tabColor(value: string) {
    this.assign("tabColor", value, () => {
      this.sheet().tabColor = value;
    });
  }

  private range(label: string, box: () => Box): HostRange {
    return new HostRange(this.ctx, () => ({ sheet: this.sheet(), box: box() }), `${this.label}.${label}`);
  }

  getRange(address = ""): HostRange {
    return this.range(`getRange(${address})`, () => parseAddress(address || "A1:XFD1048576"));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): HostRange {
    return this.range(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      const box = { row: startRow, col: startColumn, rows: rowCount, cols: columnCount };
      checkBox(box, "getRangeByIndexes");
      return box;
    });
  }

  getCell(row: number, column: number): HostRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  /** The used range; an empty sheet gives A1 here, and a null object from the OrNullObject form. */
  getUsedRange(valuesOnly = false): HostRange {
    return new HostRange(
      this.ctx,
      () => {
        const sheet = this.sheet();
        return { sheet, box: sheet.usedBox(valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 } };
      },
      `${this.label}.getUsedRange(${valuesOnly})`,
    );
  }

  getUsedRangeOrNullObject(valuesOnly = false): HostRange {
    return new HostRange(
      this.ctx,
      () => {
        const sheet = this.find();
        const box = sheet?.usedBox(valuesOnly);
        return sheet && box ? { sheet, box } : null;
      },
      `${this.label}.getUsedRangeOrNullObject(${valuesOnly})`,
    );
  }

  /**
   * Worksheet.findAll (ExcelApi 1.9): "Finds all occurrences of the given string based on the
   * criteria specified and returns them as a RangeAreas object, comprising one or more
   * rectangular ranges"; ItemNotFound when no cell matches. "Content in hidden worksheets is
   * not returned." What the host models and refuses: range-areas.ts, docs/excel-host.md.
   */
  findAll(text: string, criteria: WorksheetSearchCriteria): HostRangeAreas {
    return searchSheet(this.ctx, () => this.sheet(), this.label, "findAll", text, criteria);
  }

  /** Worksheet.findAllOrNullObject (ExcelApi 1.9): as findAll, a null object when nothing matches. */
  findAllOrNullObject(text: string, criteria: WorksheetSearchCriteria): HostRangeAreas {
    return searchSheet(this.ctx, () => this.sheet(), this.label, "findAllOrNullObject", text, criteria);
  }

  /**
   * Worksheet.activate (ExcelApi 1.1) "activate the worksheet in the Excel UI". What Excel
   * does with a hidden or very hidden sheet here is not documented: the host refuses, so
   * the add-in never relies on it (it shows a sheet before it goes there).
   */
  activate(): void {
    this.call("activate", [], () => {
      const sheet = this.sheet();
      if (sheet.visibility !== "Visible")
        throw new RichApiError(
          "InvalidOperation",
          `The worksheet '${sheet.name}' is hidden and cannot be activated.`,
        );
      this.ctx.host.store.activeSheet = sheet.name;
    });
  }

  delete(): void {
    this.call("delete", [], () => this.ctx.host.store.remove(this.sheet().name));
  }
}

export class FreezePanes extends ClientObject {
  constructor(
    ctx: HostContext,
    private readonly worksheet: HostWorksheet,
  ) {
    super(ctx, "WorksheetFreezePanes");
  }
  protected path(): string {
    return "freezePanes";
  }
  protected scalars(): string[] {
    return [];
  }
  protected answer(): Record<string, unknown> {
    return {};
  }
  freezeRows(count = 1): void {
    this.call("freezeRows", [count], () => {
      const s = this.worksheet.sheet();
      s.frozenRows = count;
      s.frozenColumns = 0;
    });
  }
  freezeColumns(count = 1): void {
    this.call("freezeColumns", [count], () => {
      const s = this.worksheet.sheet();
      s.frozenColumns = count;
      s.frozenRows = 0;
    });
  }
  unfreeze(): void {
    this.call("unfreeze", [], () => {
      const s = this.worksheet.sheet();
      s.frozenRows = s.frozenColumns = 0;
    });
  }
  getLocationOrNullObject(): HostRange {
    return new HostRange(
      this.ctx,
      () => {
        const s = this.worksheet.sheet();
        if (!s.frozenRows && !s.frozenColumns) return null;
        return {
          sheet: s,
          box: s.frozenRows
            ? { row: 0, col: 0, rows: s.frozenRows, cols: 16_384 }
            : { row: 0, col: 0, rows: 1_048_576, cols: s.frozenColumns },
        };
      },
      "freezePanes.getLocationOrNullObject()",
    );
  }
}

export class WorksheetProtection extends ClientObject {
  constructor(
    ctx: HostContext,
    private readonly worksheet: HostWorksheet,
  ) {
    super(ctx, "WorksheetProtection");
  }
  protected path(): string {
    return "protection";
  }
  protected scalars(): string[] {
    return ["protected", "options"];
  }
  protected answer(names: string[]): Record<string, unknown> {
    const s = this.worksheet.sheet();
    const all: Record<string, unknown> = { protected: s.isProtected, options: s.protectionOptions ?? {} };
    return Object.fromEntries(names.map((n) => [n, all[n]]));
  }
  get protected(): boolean {
    return this.prop("protected");
  }
  /** WorksheetProtection.protect (ExcelApi 1.2): "fails if the worksheet has already been protected". */
  protect(options?: unknown, password?: string): void {
    this.call("protect", [options ?? null, password ? "***" : null], () => {
      const s = this.worksheet.sheet();
      if (s.isProtected) throw new RichApiError("InvalidOperation", "The worksheet is already protected.");
      s.isProtected = true;
      s.protectionOptions = options;
      s.protectionPassword = password ?? "";
    });
  }
  /**
   * WorksheetProtection.unprotect(password) (ExcelApi 1.7 for the password): a sheet
   * protected with a password stays protected without it. Excel's error for a wrong
   * password is not documented: the host refuses with InvalidArgument.
   */
  unprotect(password?: string): void {
    this.call("unprotect", [password ? "***" : null], () => {
      const s = this.worksheet.sheet();
      if (s.isProtected && s.protectionPassword && s.protectionPassword !== password)
        throw new RichApiError(
          "InvalidArgument",
          `The password for the protected worksheet '${s.name}' is wrong.`,
        );
      s.isProtected = false;
      s.protectionPassword = "";
    });
  }
}

export class HostWorksheets extends ClientObject {
  private itemList: HostWorksheet[] | undefined;
  /**
   * worksheets.onChanged (ExcelApi 1.9): a handler added here hears of changes to any sheet
   * from the next sync on; in this host only changes from other co-authors (source
   * "Remote", co-authoring.ts) are announced.
   */
  readonly onChanged: {
    add(handler: (args: Excel.WorksheetChangedEventArgs) => Promise<unknown> | void): { remove(): void };
  };

  /**
   * worksheets.onCalculated (ExcelApi 1.8): "Occurs when any worksheet in the workbook is
   * calculated." The host holds no formulas (a write Excel would take as one is refused),
   * so nothing is ever calculated and the host never calls a handler added here; it keeps
   * them (`host.calculationHandlers`) for a test to say what Excel would.
   */
  readonly onCalculated: {
    add(handler: (args: Excel.WorksheetCalculatedEventArgs) => Promise<unknown> | void): { remove(): void };
  };

  constructor(ctx: HostContext) {
    super(ctx, "WorksheetCollection");
    const host = ctx.host;
    this.onCalculated = {
      add: (handler) => {
        ctx.write({ call: "worksheets.onCalculated.add" }, () => host.calculationHandlers.add(handler));
        return {
          remove: () =>
            ctx.write({ call: "onCalculated.remove" }, () => host.calculationHandlers.delete(handler)),
        };
      },
    };
    this.onChanged = {
      add: (handler) => {
        ctx.write({ call: "worksheets.onChanged.add" }, () => host.changeHandlers.add(handler));
        return {
          remove: () => ctx.write({ call: "onChanged.remove" }, () => host.changeHandlers.delete(handler)),
        };
      },
    };
  }
  protected path(): string {
    return "worksheets";
  }
  protected scalars(): string[] {
    return ["items"];
  }
  protected answer(): Record<string, unknown> {
    return {
      items: this.ctx.host.store.sheets.map((s) => ({
        name: s.name,
        position: this.ctx.host.store.sheets.indexOf(s),
      })),
    };
  }

  /**
   * load("items/name") and friends: the items arrive with the properties asked for — a
   * worksheet's scalars and protection/protected ("items/name,items/visibility,
   * items/protection/protected"). Any other path is refused at sync, as Excel refuses a
   * property it does not have (InvalidArgument), rather than answered kindly.
   */
  override load(option?: string | string[] | { select?: string | string[] }): this {
    let pending: Record<string, unknown>[] = [];
    // Which sheet each item is: the proxy's identity, not a property the caller loaded.
    let order: string[] = [];
    const raw =
      typeof option === "string" ? option : Array.isArray(option) ? option : (option?.select ?? "items/name");
    const paths = (Array.isArray(raw) ? raw : raw.split(",")).map((p) => p.trim()).filter(Boolean);
    const names = typeof option === "string" ? option : JSON.stringify(option ?? "items");
    const scalars = ["name", "position", "visibility", "tabColor", "id"];
    this.ctx.load(
      { load: "worksheets", names },
      () => {
        const store = this.ctx.host.store;
        const wanted = paths.map((p) => {
          const rest = p.startsWith("items/") ? p.slice("items/".length) : p === "items" ? "name" : "";
          if (!scalars.includes(rest) && rest !== "protection/protected")
            throw new RichApiError(
              "InvalidArgument",
              `The property '${p}' cannot be loaded from worksheets.`,
            );
          return rest;
        });
        order = store.sheets.map((s) => s.name);
        pending = store.sheets.map((s) => {
          const all: Record<string, unknown> = {
            name: s.name,
            position: store.sheets.indexOf(s),
            visibility: s.visibility,
            tabColor: s.tabColor,
            id: s.id,
            "protection/protected": s.isProtected,
          };
          return Object.fromEntries(wanted.map((w) => [w, all[w]]));
        });
        return pending;
      },
      () => {
        this.itemList = pending.map((p, i) => {
          const ws = this.byName(order[i]!, false);
          for (const [k, v] of Object.entries(p)) {
            const [owner, key] = k.startsWith("protection/")
              ? [ws.protection, k.slice("protection/".length)]
              : [ws, k];
            (owner as unknown as { loaded: Map<string, unknown> }).loaded.set(key, v);
          }
          return ws;
        });
      },
    );
    return this;
  }

  get items(): HostWorksheet[] {
    if (!this.itemList) return this.prop("items");
    return this.itemList;
  }

  private byName(name: string, nullable: boolean): HostWorksheet {
    const store = this.ctx.host.store;
    return new HostWorksheet(
      this.ctx,
      () => (nullable ? (store.find(name) ?? null) : store.get(name)),
      `worksheets.getItem(${JSON.stringify(name)})`,
    );
  }

  getItem(key: string): HostWorksheet {
    return this.byName(key, false);
  }
  getItemOrNullObject(key: string): HostWorksheet {
    return this.byName(key, true);
  }
  getActiveWorksheet(): HostWorksheet {
    const store = this.ctx.host.store;
    return new HostWorksheet(
      this.ctx,
      () => store.get(store.activeSheet || store.sheets[0]!.name),
      "worksheets.getActiveWorksheet()",
    );
  }
  add(name?: string): HostWorksheet {
    const store = this.ctx.host.store;
    const chosen = name ?? `Sheet${store.sheets.length + 1}`;
    this.call("add", [chosen], () => store.add(chosen));
    return this.byName(chosen, false);
  }
}

/** Worksheet.pageLayout: what a printed page looks like, recorded for inspection. */
export class PageLayout extends ClientObject {
  readonly headersFooters: { defaultForAllPages: Record<string, string> };

  constructor(
    ctx: HostContext,
    private readonly worksheet: HostWorksheet,
  ) {
    super(ctx, "PageLayout");
    const record = (name: string, value: unknown) =>
      this.call(`set ${name}`, [value], () => {
        const layout = this.worksheet.sheet().pageLayout;
        // A header (or footer) holds at most 255 characters, its three parts together with
        // their section codes (&L, &C, &R): Excel refuses a longer one ("The text string
        // you entered is too long"). Office.js documents no other answer, so the host refuses.
        const part = /^(left|center|right)(Header|Footer)$/.exec(name);
        if (part) {
          const parts = ["left", "center", "right"].map((p) =>
            String((p === part[1] ? value : layout[`${p}${part[2]}`]) ?? ""),
          );
          const length = parts.reduce((n, t) => n + (t ? 2 + t.length : 0), 0);
          if (length > 255)
            throw new RichApiError(
              "InvalidArgument",
              `The argument is invalid or missing or has an incorrect format (a ${part[2]!.toLowerCase()} holds at most 255 characters).`,
            );
        }
        layout[name] = value;
      });
    const slots = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"];
    const defaultForAllPages = {} as Record<string, string>;
    for (const slot of slots) {
      Object.defineProperty(defaultForAllPages, slot, {
        set: (v: string) => {
          record(slot, v);
        },
        get: () => this.prop(slot),
      });
    }
    this.headersFooters = { defaultForAllPages };
    for (const name of ["orientation", "paperSize", "zoom", "printGridlines", "centerHorizontally"]) {
      Object.defineProperty(this, name, {
        set: (v: unknown) => {
          record(name, v);
        },
        get: () => this.prop(name),
      });
    }
  }
  protected path(): string {
    return "pageLayout";
  }
  protected scalars(): string[] {
    return ["orientation", "paperSize", "zoom"];
  }
  protected answer(names: string[]): Record<string, unknown> {
    const layout = this.worksheet.sheet().pageLayout;
    return Object.fromEntries(names.map((n) => [n, layout[n] ?? null]));
  }
  setPrintTitleRows(rows: string): void {
    this.call("setPrintTitleRows", [rows], () => {
      this.worksheet.sheet().pageLayout.printTitleRows = rows;
    });
  }
  setPrintArea(area: string): void {
    this.call("setPrintArea", [area], () => {
      this.worksheet.sheet().pageLayout.printArea = area;
    });
  }
}
