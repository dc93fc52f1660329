/**
 * Co-authoring over the in-memory Excel host (issue 14; contract in docs/excel-host.md).
 *
 * Several co-authors share one workbook the way Excel co-authoring does: each has a host of
 * its own (its own view, its own requests and syncs); what one writes reaches the others
 * only after a propagation delay; the same cell written by two keeps the last writer's value
 * (in the order the writes reached the service); rows one deletes shift the others' rows
 * when the deletion arrives, and a write into a row someone else deleted is lost. Remote
 * changes are announced to each co-author's `onChanged` listeners with source "Remote".
 *
 * How: the service keeps the workbook as it was when the session began and an ordered log
 * of every co-author's changes, addressed by row identity rather than row number: each row
 * has an identity that follows it when rows above are deleted, so a change made against a
 * view that did not yet know of a deletion still lands in the row its author meant. A
 * co-author's view is the base workbook with every change it can see replayed in the
 * service's order: its own at once, others' once the delay has passed. Time is virtual
 * (`advance`), so tests choose exactly what each co-author has seen.
 *
 * Approximations (documented in docs/excel-host.md): cell values and whole-row deletions
 * are merged cell by cell and row by row; a sheet's other properties (formats, data
 * validation, protection, widths, page layout, visibility) travel as a whole per sheet,
 * last writer wins; sheets added or deleted travel by name.
 */
import { changedEvent, MemoryExcelHost, type HostOptions } from "./memory-host";
import { SheetStore, type BookStore, type CellValue } from "./store";

/** A row's identity: an original row keeps its number at the start; rows are never inserted. */
type RowId = number;

/** Which row identity stands at each row number of a sheet (a prefix, then original rows in order). */
class RowOrder {
  constructor(
    private ids: RowId[] = [],
    /** The identity of the first row past `ids`: the rows after it follow in order. */
    private tail = 0,
  ) {}
  copy(): RowOrder {
    return new RowOrder([...this.ids], this.tail);
  }
  idAt(row: number): RowId {
    return row < this.ids.length ? this.ids[row]! : this.tail + (row - this.ids.length);
  }
  rowOf(id: RowId): number {
    const i = this.ids.indexOf(id);
    if (i >= 0) return i;
    return id >= this.tail ? this.ids.length + (id - this.tail) : -1;
  }
  /** Removes `count` rows at `row`; returns their identities. */
  remove(row: number, count: number): RowId[] {
    while (this.ids.length < row + count) this.ids.push(this.tail++);
    return this.ids.splice(row, count);
  }
}

/** A change as the service keeps it. */
type Change =
  | { kind: "set"; sheet: string; row: RowId; col: number; value: CellValue }
  | { kind: "deleteRows"; sheet: string; rows: RowId[] }
  | { kind: "addSheet"; sheet: string }
  | { kind: "removeSheet"; sheet: string }
  | { kind: "props"; sheet: string; props: SheetProps };

interface Logged {
  seq: number;
  author: string;
  /** Virtual time at which the service received it. */
  at: number;
  change: Change;
}

/** A sheet's properties other than its cells, as they travel between co-authors. */
type SheetProps = Omit<SheetStore, "rows" | "name" | "unannounced" | keyof SheetMethods>;
type SheetMethods = Pick<
  SheetStore,
  | "get"
  | "set"
  | "numberFormat"
  | "setNumberFormat"
  | "deleteCells"
  | "read"
  | "usedBox"
  | "assertWritable"
  | "clearValidation"
  | "validationFor"
  | "recorder"
>;

/** The properties that travel as a whole: everything of the sheet but its cells, name and recorder. */
const propsOf = (s: SheetStore): SheetProps => {
  const props: Record<string, unknown> = { ...s };
  // The changes not yet announced are this co-author's own events, not the sheet's properties.
  for (const own of ["rows", "name", "recorder", "unannounced", "shifting"]) delete props[own];
  return structuredClone(props) as SheetProps;
};
const sameProps = (a: SheetProps, b: SheetProps) =>
  JSON.stringify(a, mapsAsArrays) === JSON.stringify(b, mapsAsArrays);
function mapsAsArrays(_key: string, value: unknown) {
  return value instanceof Map ? [...value.entries()] : value;
}

/** What a sheet store tells its co-author as a sync changes it (see SheetStore.recorder). */
export type Recorded =
  | { kind: "set"; row: number; col: number; value: CellValue }
  | { kind: "deleteRows"; row: number; count: number };

/** A remote change as a co-author's `onChanged` listeners hear of it. */
export interface RemoteChange {
  sheet: string;
  /** Rows (1-based, in the listener's view) whose cells changed, or that were deleted. */
  rows: number[];
  source: "Remote";
}

class CoAuthor {
  readonly host: MemoryExcelHost;
  /** Row identities of this co-author's view, by sheet name (lower case). */
  orders = new Map<string, RowOrder>();
  /** The last service change this co-author's view holds from others. */
  seen = 0;
  private pending: Change[] = [];
  private before = new Map<string, SheetProps>();
  readonly listeners: ((change: RemoteChange) => void)[] = [];

  constructor(
    readonly name: string,
    readonly session: CoAuthoring,
    options: HostOptions,
  ) {
    this.host = new MemoryExcelHost({ ...options, sheets: [] });
    this.host.coAuthoring = {
      beforeSync: () => this.session.refresh(this),
      afterSync: () => this.flush(),
    };
  }

  order(sheet: string): RowOrder {
    const key = sheet.toLowerCase();
    let o = this.orders.get(key);
    if (!o) this.orders.set(key, (o = new RowOrder()));
    return o;
  }

  /** Replaces the view (between syncs), recording every change made to it from now on. */
  show(book: BookStore, orders: Map<string, RowOrder>): void {
    // The view was rebuilt by replaying the service's changes: those are not this co-author's
    // edits (the others' reach it as Remote events, refresh).
    for (const sheet of book.sheets) sheet.unannounced = [];
    this.host.store.sheets = book.sheets;
    this.host.store.activeSheet ||= book.sheets[0]?.name ?? "";
    if (!book.sheets.some((s) => s.name === this.host.store.activeSheet))
      this.host.store.activeSheet = book.sheets[0]?.name ?? "";
    this.orders = orders;
    this.watch();
  }

  private watch(): void {
    const store = this.host.store;
    this.before = new Map(store.sheets.map((s) => [s.name.toLowerCase(), propsOf(s)]));
    for (const sheet of store.sheets) sheet.recorder = (r) => this.record(sheet.name, r);
    store.recorder = (r) => {
      this.pending.push({ kind: r.kind, sheet: r.sheet });
      if (r.kind === "addSheet") {
        const added = store.find(r.sheet)!;
        added.recorder = (x) => this.record(added.name, x);
        this.orders.set(r.sheet.toLowerCase(), new RowOrder());
      }
    };
  }

  private record(sheet: string, r: Recorded): void {
    const order = this.order(sheet);
    if (r.kind === "set")
      this.pending.push({ kind: "set", sheet, row: order.idAt(r.row), col: r.col, value: r.value });
    else this.pending.push({ kind: "deleteRows", sheet, rows: order.remove(r.row, r.count) });
  }

  /** After a sync (whole or cut): what landed goes to the service. */
  private flush(): void {
    for (const sheet of this.host.store.sheets) {
      const props = propsOf(sheet);
      const before = this.before.get(sheet.name.toLowerCase());
      if (!before || !sameProps(before, props))
        this.pending.push({ kind: "props", sheet: sheet.name, props });
    }
    const changes = this.pending;
    this.pending = [];
    this.session.receive(this, changes);
    this.before = new Map(this.host.store.sheets.map((s) => [s.name.toLowerCase(), propsOf(s)]));
  }
}

export interface CoAuthoringOptions {
  /** How long a change takes to reach the other co-authors, in virtual milliseconds. */
  delay?: number;
}

/** One shared workbook and its co-authors. */
export class CoAuthoring {
  private readonly base: MemoryExcelHost;
  private readonly log: Logged[] = [];
  private readonly authors = new Map<string, CoAuthor>();
  /** Virtual time, in milliseconds. */
  now = 0;
  delay: number;

  constructor(workbook: MemoryExcelHost, options: CoAuthoringOptions = {}) {
    this.base = workbook.clone();
    this.delay = options.delay ?? 0;
  }

  /** The host a co-author works in (made on first use, showing what they can see now). */
  author(name: string): MemoryExcelHost {
    let a = this.authors.get(name);
    if (!a) {
      a = new CoAuthor(name, this, {
        platform: this.base.platform,
        displayLanguage: this.base.displayLanguage,
        findAllAreas: this.base.findAllAreas,
      });
      this.authors.set(name, a);
      this.refresh(a, true);
    }
    return a.host;
  }

  /** A co-author's `onChanged` listener for changes arriving from the others. */
  onRemoteChange(name: string, listener: (change: RemoteChange) => void): void {
    this.author(name);
    this.authors.get(name)!.listeners.push(listener);
  }

  /** Lets virtual time pass: changes older than the delay reach every co-author. */
  advance(ms: number): void {
    this.now += ms;
    for (const a of this.authors.values()) this.refresh(a);
  }

  /** The workbook as the service holds it: every change, in the order it arrived. */
  service(): MemoryExcelHost {
    const out = this.base.clone();
    const { book } = this.fold(() => true);
    out.store.sheets = book.sheets;
    for (const s of out.store.sheets) s.recorder = undefined;
    return out;
  }

  /** @internal A co-author's changes reach the service in the order they were made. */
  receive(from: CoAuthor, changes: Change[]): void {
    for (const change of changes)
      this.log.push({ seq: this.log.length + 1, author: from.name, at: this.now, change });
  }

  /** @internal Rebuilds a co-author's view from what they can see now; tells them what others changed. */
  refresh(a: CoAuthor, first = false): void {
    const visible = (l: Logged) => l.author === a.name || l.at + this.delay <= this.now;
    const newlySeen = this.log.filter((l) => l.seq > a.seen && l.author !== a.name && visible(l));
    if (!first && newlySeen.length === 0) return;
    const { book, orders } = this.fold(visible);
    a.show(book, orders);
    // Everything up to the last change seen from others is now in the view.
    a.seen = Math.max(a.seen, ...newlySeen.map((l) => l.seq));
    if (first) return;
    const bySheet = new Map<string, Set<number>>();
    /** Sheets another co-author deleted rows of: announced as a deletion, not an edit. */
    const rowsDeleted = new Set<string>();
    for (const { change } of newlySeen) {
      const rows = bySheet.get(change.sheet) ?? new Set<number>();
      bySheet.set(change.sheet, rows);
      const order = orders.get(change.sheet.toLowerCase());
      if (change.kind === "deleteRows") rowsDeleted.add(change.sheet);
      if (change.kind === "set" && order) {
        const row = order.rowOf(change.row);
        if (row >= 0) rows.add(row + 1);
      }
    }
    for (const [sheet, rows] of bySheet) {
      const sorted = [...rows].sort((x, y) => x - y);
      for (const listener of a.listeners) listener({ sheet, rows: sorted, source: "Remote" });
      // The co-author's add-in hears of it through worksheets.onChanged, as in Excel: the
      // rows written as one edit, rows deleted as a deletion (where they stood is no longer
      // in this view: the whole sheet is named).
      const events = [
        ...(sorted.length
          ? [{ changeType: "RangeEdited", address: `A${sorted[0]}:XFD${sorted.at(-1)}` }]
          : []),
        ...(rowsDeleted.has(sheet) ? [{ changeType: "RowDeleted", address: "1:1048576" }] : []),
      ];
      for (const e of events) {
        const args = changedEvent({
          type: "WorksheetChanged",
          source: "Remote",
          worksheetId: `{${sheet}}`,
          triggerSource: "Unknown",
          ...e,
        });
        for (const handler of a.host.changeHandlers) void handler(args);
      }
    }
  }

  /** The base workbook with the changes `visible` lets through, in the service's order. */
  private fold(visible: (l: Logged) => boolean): { book: BookStore; orders: Map<string, RowOrder> } {
    const copy = this.base.clone();
    const book = copy.store;
    const orders = new Map<string, RowOrder>();
    const orderOf = (sheet: string) => {
      const key = sheet.toLowerCase();
      let o = orders.get(key);
      if (!o) orders.set(key, (o = new RowOrder()));
      return o;
    };
    for (const l of this.log) {
      if (!visible(l)) continue;
      const c = l.change;
      const sheet = book.find(c.sheet);
      switch (c.kind) {
        case "set": {
          const row = orderOf(c.sheet).rowOf(c.row);
          // A write into a row someone else deleted is lost with the row.
          if (sheet && row >= 0) sheet.set(row, c.col, c.value);
          break;
        }
        case "deleteRows": {
          if (!sheet) break;
          const order = orderOf(c.sheet);
          const rows = c.rows
            .map((id) => order.rowOf(id))
            .filter((r) => r >= 0)
            .sort((x, y) => y - x);
          for (const row of rows) {
            sheet.deleteCells({ row, col: 0, rows: 1, cols: 16_384 }, "Up");
            order.remove(row, 1);
          }
          break;
        }
        case "addSheet":
          if (!sheet) {
            book.add(c.sheet);
            orders.set(c.sheet.toLowerCase(), new RowOrder());
          }
          break;
        case "removeSheet":
          if (sheet && book.sheets.length > 1) book.remove(c.sheet);
          break;
        case "props":
          if (sheet) Object.assign(sheet, structuredClone(c.props));
          break;
      }
    }
    for (const s of book.sheets) s.recorder = undefined;
    return { book, orders };
  }
}
