/**
 * The in-memory Excel host: the subset of the Excel JavaScript API the adapter uses, with
 * Excel's semantics (see docs/excel-host.md). Tests and the browser preview run the same
 * adapter code against it that runs against real Excel.
 */
import { type Box, formatBox, parseAddress, qualify } from "./address";
import { HostContext } from "./context";
import { RichApiError } from "./errors";
import { type HostFunctions, functionsFor } from "./functions";
import { dateText, isDateFormat } from "./number-format";
import { HostRange, LARGE_RANGE_CELLS, asTyped } from "./range";
import type { AreaSplit } from "./range-areas";
import { BookStore, SheetStore, type CellValue } from "./store";
import { HostWorksheets } from "./worksheet";

export type FailureMode = "before" | "partial" | "after";

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  ok: boolean;
  /** Operations the request carried (writes and loads, in the order they were queued). */
  operations: number;
  /** How many of them change the workbook: a sync without writes reads only. */
  writes: number;
}

/** A failure planned for one sync; `operations` is how many of its operations land first. */
export interface InjectedFailure {
  mode: FailureMode;
  code: string;
  operations?: number;
}

export interface HostOptions {
  /** "web" enforces Excel on the web's 5 MB request and response limits; "desktop" does not. */
  platform?: "web" | "desktop";
  displayLanguage?: string;
  /** Sheets a new workbook starts with. */
  sheets?: string[];
  /**
   * The code an answer over the web's 5 MB limit fails with: ResponsePayloadSizeLimitExceeded
   * as documented, or GeneralException, which Excel on the web has been seen to give for the
   * same (issue 16). The adapter must survive both.
   */
  oversizedAnswer?: "ResponsePayloadSizeLimitExceeded" | "GeneralException";
  /** Cells above which a range's values read as null (default LARGE_RANGE_CELLS, 5 million); lower in tests. */
  largeRangeCells?: number;
  /**
   * How Worksheet.findAll cuts the cells it found into areas (default "columnRuns"): Microsoft
   * does not document it, so adapter tests can run under every cut (range-areas.ts).
   */
  findAllAreas?: AreaSplit;
}

/** What a test may look at directly, without a sync. */
export interface SheetView {
  name: string;
  /** Values from A1 to the last used cell. */
  values: CellValue[][];
  numberFormatAt(row: number, col: number): string;
  /**
   * The cell as the grid shows it (for the preview; not an Office API): a number in a
   * date/time cell through its format (number-format.ts: 46000 in a "yyyy-mm-dd" cell reads
   * 2025-12-09), anything else as stored. Where the host does not model the format or the
   * serial, the stored value.
   */
  shownAt(row: number, col: number): string;
  columnWidths: Map<number, number>;
  frozenRows: number;
  isProtected: boolean;
  protectionOptions: unknown;
  tabColor: string;
  visibility: string;
  pageLayout: Record<string, unknown>;
  validations: { address: string; box: Box; rule?: unknown; errorAlert?: unknown }[];
  formats: { address: string; property: string; value: unknown }[];
}

export class MemoryExcelHost {
  readonly store = new BookStore();
  readonly platform: "web" | "desktop";
  readonly displayLanguage: string;
  readonly oversizedAnswer: "ResponsePayloadSizeLimitExceeded" | "GeneralException";
  /**
   * Loads answered as Office.js gives them to the pane: each answer written as JSON and
   * parsed again, so the pane gets fresh strings and arrays and pays the parsing, as it does
   * of Excel's response. Off by default: a measure for now (the bench's `--fresh-answers`,
   * issue 15). `servingMs` counts the writing, which is Excel's work, not the pane's.
   */
  freshAnswers = false;
  servingMs = 0;
  readonly largeRangeCells: number;
  readonly findAllAreas: AreaSplit;
  syncs = 0;
  syncLog: SyncRecord[] = [];
  /** When set, every load's answer is noted here (the bench's `--trace`): what a read cost, load by load. */
  loadTrace?: { sync: number; describe: unknown; bytes: number }[];
  screenUpdatingSuspended = 0;
  private failures = new Map<number, InjectedFailure>();
  /** Handlers of worksheets.onCalculated added through this host's requests: never called by the host (it holds no formulas). */
  readonly calculationHandlers = new Set<
    (args: Excel.WorksheetCalculatedEventArgs) => Promise<unknown> | void
  >();
  /** Handlers of worksheets.onChanged added through this host's requests. */
  readonly changeHandlers = new Set<(args: Excel.WorksheetChangedEventArgs) => Promise<unknown> | void>();
  /**
   * Handlers of workbook.onSelectionChanged added through this host's requests: called,
   * after the change, whenever the selection moves (userSelects, range.select()).
   */
  readonly selectionHandlers = new Set<(args: Excel.SelectionChangedEventArgs) => Promise<unknown> | void>();
  /** Awaited before each sync is sent (its number, from 1): lets a test interleave co-authors at any sync. */
  gate?: (sync: number) => Promise<void> | void;
  /** Set when this host is one co-author's view of a shared workbook (co-authoring.ts). */
  coAuthoring?: { beforeSync(): void; afterSync(): void };

  /** @internal A load's answer as the pane receives it (`freshAnswers`). */
  answered<T>(answer: T): T {
    if (!this.freshAnswers) return answer;
    const from = performance.now();
    const text = JSON.stringify(answer);
    this.servingMs += performance.now() - from;
    return JSON.parse(text) as T;
  }

  constructor(options: HostOptions = {}) {
    this.platform = options.platform ?? "web";
    this.displayLanguage = options.displayLanguage ?? "zh-CN";
    this.oversizedAnswer = options.oversizedAnswer ?? "ResponsePayloadSizeLimitExceeded";
    this.largeRangeCells = options.largeRangeCells ?? LARGE_RANGE_CELLS;
    this.findAllAreas = options.findAllAreas ?? "columnRuns";
    for (const name of options.sheets ?? ["Sheet1"]) this.store.add(name);
    this.store.activeSheet = this.store.sheets[0]?.name ?? "";
  }

  /**
   * The person is typing in a cell (Excel's cell edit mode): a batch then fails with
   * InvalidOperationInCellEditMode, unless its run asked to wait (`delayForCellEdit`), in
   * which case it runs once editing ends — Excel.RunOptions.delayForCellEdit.
   */
  private editing: (() => void)[] | undefined;

  get inCellEdit(): boolean {
    return this.editing !== undefined;
  }
  enterCellEdit(): void {
    this.editing ??= [];
  }
  leaveCellEdit(): void {
    const waiting = this.editing ?? [];
    this.editing = undefined;
    for (const go of waiting) go();
  }
  /** Called at each sync: fails, or waits, while a cell is being edited. */
  async cellEditGate(delay: boolean): Promise<void> {
    if (!this.editing) return;
    if (!delay)
      throw new RichApiError(
        "InvalidOperationInCellEditMode",
        "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
      );
    await new Promise<void>((go) => this.editing!.push(go));
  }

  /** Like Excel.run, with or without RunOptions: a fresh context; work still queued when the batch returns is synced. */
  async run<T>(
    optionsOrBatch: Excel.RunOptions | ((context: Excel.RequestContext) => Promise<T>),
    maybeBatch?: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    const [options, batch] =
      typeof optionsOrBatch === "function" ? [{}, optionsOrBatch] : [optionsOrBatch, maybeBatch!];
    const context = new HostRequestContext(this, options.delayForCellEdit === true);
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.pendingActions > 0) await context.sync();
    return result;
  }

  /**
   * A copy of this workbook in a new host (counters at zero): for running many cases from
   * one prepared state.
   */
  clone(): MemoryExcelHost {
    const copy = new MemoryExcelHost({
      platform: this.platform,
      displayLanguage: this.displayLanguage,
      findAllAreas: this.findAllAreas,
      sheets: [],
    });
    copy.store.sheets = this.store.sheets.map((s) => {
      // A co-author's recorder stays with its view.
      const state: Partial<SheetStore> = { ...s };
      delete state.recorder;
      // What the original has not announced yet is its handlers' news, not the copy's.
      state.unannounced = [];
      return Object.assign(new SheetStore(s.name), structuredClone(state));
    });
    copy.store.activeSheet = this.store.activeSheet;
    copy.store.selection = structuredClone(this.store.selection);
    return copy;
  }

  /**
   * Makes the k-th sync from now (1 = the next) fail the given way. With `operations: n`
   * the cut falls after the n-th operation of that sync in any mode (0 = before the first),
   * so a test can stop a batch between any two of its operations.
   */
  failAtSync(k: number, options: { mode?: FailureMode; code?: string; operations?: number } = {}): void {
    this.failures.set(this.syncs + k, {
      mode: options.mode ?? (options.operations === undefined ? "before" : "partial"),
      code: options.code ?? "GeneralException",
      ...(options.operations === undefined ? {} : { operations: options.operations }),
    });
  }

  /** @internal Called by a context at each sync. */
  recordSync(entry: SyncRecord): void {
    this.syncs++;
    this.syncLog.push(entry);
  }

  /** @internal The failure planned for the sync being made, if any. */
  takeInjectedFailure(): InjectedFailure | undefined {
    const failure = this.failures.get(this.syncs);
    this.failures.delete(this.syncs);
    return failure;
  }

  resetCounters(): void {
    this.syncs = 0;
    this.syncLog = [];
    this.failures.clear();
  }

  sheetNames(): string[] {
    return this.store.sheets.map((s) => s.name);
  }

  get selection(): { sheet: string; address: string } | undefined {
    const s = this.store.selection;
    return s && { sheet: s.sheet, address: s.address };
  }

  get activeSheet(): string {
    return this.store.activeSheet;
  }

  /**
   * The user clicks a cell (no add-in request, no sync): the sheet becomes active, the cell
   * selected, and workbook.onSelectionChanged handlers hear of it after the click.
   */
  userSelects(sheetName: string, address: string): void {
    this.moveSelection(this.store.get(sheetName), parseAddress(address));
  }

  /**
   * @internal The selection moves — a click, or an add-in's range.select() as its sync
   * applies it. Excel raises workbook.onSelectionChanged (ExcelApi 1.2, "Occurs when the
   * selection in the document is changed",
   * https://learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-onselectionchanged-member)
   * for changes made through the UI and by add-in code alike ("Event triggers", Work with
   * events using the Excel JavaScript API,
   * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events), so the pane
   * hears of its own selects too. Handlers are called asynchronously, after the change (never
   * inside the batch that made it), only those whose registering sync ran before it, and only
   * when the selection changed: "when the active cell or selected range is changed". The
   * arguments carry `workbook` alone, as Excel.SelectionChangedEventArgs documents; the host
   * does not model using that object (a handler reads the selection in a new run, as
   * Microsoft's samples do), so any use of it throws.
   */
  moveSelection(sheet: SheetStore, box: Box): void {
    const before = this.store.selection;
    this.store.activeSheet = sheet.name;
    this.store.selection = { sheet: sheet.name, address: qualify(sheet.name, box), box };
    const same =
      before?.sheet === sheet.name &&
      before.box.row === box.row &&
      before.box.col === box.col &&
      before.box.rows === box.rows &&
      before.box.cols === box.cols;
    const handlers = [...this.selectionHandlers];
    if (same || handlers.length === 0) return;
    const args = { workbook: unmodelledWorkbook } as unknown as Excel.SelectionChangedEventArgs;
    setTimeout(() => {
      for (const handler of handlers) void handler(args);
    }, 0);
  }

  sheet(name: string): SheetView {
    const s: SheetStore = this.store.get(name);
    const used = s.usedBox(true);
    const values = used
      ? s.read({ row: 0, col: 0, rows: used.row + used.rows, cols: used.col + used.cols })
      : [];
    return {
      name: s.name,
      values,
      numberFormatAt: (row, col) => s.numberFormat(row, col),
      shownAt: (row, col) => {
        const value = s.get(row, col);
        const format = s.numberFormat(row, col);
        const shown = typeof value === "number" && isDateFormat(format) ? dateText(value, format) : undefined;
        return shown ?? String(value);
      },
      columnWidths: s.columnWidths,
      frozenRows: s.frozenRows,
      isProtected: s.isProtected,
      protectionOptions: s.protectionOptions,
      tabColor: s.tabColor,
      visibility: s.visibility,
      pageLayout: { ...s.pageLayout },
      validations: s.validations.map((v) => ({
        address: qualify(s.name, v.box),
        box: v.box,
        rule: v.rule,
        errorAlert: v.errorAlert,
      })),
      formats: s.formats.map((f) => ({
        address: qualify(s.name, f.box),
        property: f.property,
        value: f.value,
      })),
    };
  }

  /**
   * Puts values in at A1 (or `at`) without a sync, for setting up a test or the preview.
   * Values are typed as Excel would type them unless `raw` keeps them exactly as given.
   */
  seedSheet(name: string, values: CellValue[][], options: { raw?: boolean; at?: string } = {}): void {
    const sheet = this.store.find(name) ?? this.store.add(name);
    this.store.activeSheet ||= sheet.name;
    const origin = parseAddress(options.at ?? "A1");
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        const [rr, cc] = [origin.row + r, origin.col + c];
        sheet.set(rr, cc, options.raw ? v : asTyped(v, sheet.numberFormat(rr, cc)));
      }),
    );
    this.announceChanges("Unknown");
  }

  /**
   * Holds worksheets.onChanged announcements back until `releaseEvents` (a test's slow
   * event channel: Excel gives no time within which an event arrives).
   */
  holdEvents(): void {
    this.held ??= [];
  }
  releaseEvents(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const deliver of held) deliver();
  }
  private held: (() => void)[] | undefined;

  /** Resolves once every change announced so far has reached the handlers (events not held). */
  eventsDelivered(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  /**
   * @internal Announces the changes to cells made since the last announcement — by a sync
   * (`ThisLocalAddin`) or by the person (`Unknown`) — to worksheets.onChanged handlers, one
   * event per change: "Occurs when any worksheet in the workbook is changed" (ExcelApi 1.9,
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-onchanged-member),
   * with the change's type (Excel.DataChangeType), the sheet's id, the range's address
   * (Excel.WorksheetChangedEventArgs) and `triggerSource` (ExcelApi 1.14, "whether the
   * change was made by this add-in"). Events arrive later, never before the sync's answer
   * or within the person's edit: each is delivered in a task of its own. Only the members
   * named are modelled; reading any other (`details`, `getRange`) is refused.
   */
  announceChanges(triggerSource: "ThisLocalAddin" | "Unknown"): void {
    const events: Excel.WorksheetChangedEventArgs[] = [];
    for (const sheet of this.store.sheets) {
      if (!sheet.unannounced.length) continue;
      for (const change of sheet.unannounced)
        events.push(
          changedEvent({
            type: "WorksheetChanged",
            source: "Local",
            changeType: change.changeType,
            worksheetId: `{${sheet.name}}`,
            address: formatBox(change.box),
            triggerSource,
          }),
        );
      sheet.unannounced = [];
    }
    const handlers = [...this.changeHandlers];
    if (!events.length || !handlers.length) return;
    const deliver = () =>
      setTimeout(() => {
        for (const args of events) for (const handler of handlers) void handler(args);
      }, 0);
    if (this.held) this.held.push(deliver);
    else deliver();
  }
}

/** A worksheets.onChanged event's arguments: the members given, any other refused. */
export function changedEvent(members: Record<string, string>): Excel.WorksheetChangedEventArgs {
  return new Proxy(members, {
    get(target, name) {
      if (typeof name === "symbol" || name === "then" || name === "toJSON") return undefined;
      if (name in target) return target[name];
      throw new RichApiError(
        "InvalidOperation",
        `The host does not model WorksheetChangedEventArgs.${name}: read the range in a new Excel.run.`,
      );
    },
  }) as unknown as Excel.WorksheetChangedEventArgs;
}

/** SelectionChangedEventArgs.workbook: there, but any use of it is refused (see moveSelection). */
const unmodelledWorkbook = new Proxy(
  {},
  {
    get(_, name) {
      if (typeof name === "symbol" || name === "then" || name === "toJSON") return undefined;
      throw new RichApiError(
        "InvalidOperation",
        `The host does not model SelectionChangedEventArgs.workbook.${name}: read the selection in a new Excel.run.`,
      );
    },
  },
);

type SelectionHandler = (args: Excel.SelectionChangedEventArgs) => Promise<unknown> | void;

/** context.workbook, context.application and sync(). */
class HostRequestContext {
  private readonly inner: HostContext;
  readonly workbook: {
    worksheets: HostWorksheets;
    /** Excel.Functions (ExcelApi 1.2): countIf, match, vlookup (functions.ts). */
    functions: HostFunctions;
    getSelectedRange(): HostRange;
    application: HostApplication;
    onSelectionChanged: { add(handler: SelectionHandler): { remove(): void } };
  };
  readonly application: HostApplication;

  constructor(host: MemoryExcelHost, delayForCellEdit = false) {
    this.inner = new HostContext(host, delayForCellEdit);
    const inner = this.inner;
    this.application = new HostApplication(host);
    this.workbook = {
      worksheets: new HostWorksheets(inner),
      functions: functionsFor(inner),
      application: this.application,
      // Takes effect at the sync that carries it, like worksheets.onChanged (worksheet.ts).
      onSelectionChanged: {
        add: (handler) => {
          inner.write({ call: "workbook.onSelectionChanged.add" }, () => host.selectionHandlers.add(handler));
          return {
            remove: () =>
              inner.write({ call: "onSelectionChanged.remove" }, () =>
                host.selectionHandlers.delete(handler),
              ),
          };
        },
      },
      getSelectedRange: () =>
        new HostRange(
          inner,
          () => {
            const sel = host.store.selection;
            if (!sel) throw new RichApiError("ItemNotFound", "Nothing is selected.");
            return { sheet: host.store.get(sel.sheet), box: sel.box };
          },
          "workbook.getSelectedRange()",
        ),
    };
  }

  get pendingActions(): number {
    return this.inner.pending;
  }

  sync(): Promise<void> {
    return this.inner.sync();
  }
}

class HostApplication {
  constructor(private readonly host: MemoryExcelHost) {}
  suspendScreenUpdatingUntilNextSync(): void {
    this.host.screenUpdatingSuspended++;
  }
}
