/**
 * The request context: queued writes and loads, applied in order at sync() with Excel's
 * rules — payload limits, no transactions, answers visible only after the sync returns.
 */
import { RichApiError, propertyNotLoaded } from "./errors";
import type { MemoryExcelHost } from "./memory-host";
import { weigh } from "./weigh";

/**
 * A task after those already waiting, as Excel's answer comes: Office.js cannot talk to
 * Excel synchronously, and on the web the pane runs in an iframe of Excel's page, so each
 * sync's answer reaches the pane as a message event, a task of its own ("Application-specific
 * API model", docs/excel-host.md). Answered in a microtask instead, a read of many syncs ran
 * to its end before any of the pane's own waiting work (a timer, a message) could run.
 */
function laterTask(): Promise<void> {
  if (typeof setImmediate === "function") return new Promise((resolve) => setImmediate(resolve));
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

interface Action {
  /** What goes over the wire, for the request's byte count. */
  describe: unknown;
  /** Applies a write, or computes a load's answer (returned for the response's byte count). */
  run: () => unknown;
  /** For loads: make the answer readable; only after the whole sync succeeded. */
  commit?: () => void;
  /** Makes an object a method returned; neither a write nor a load. */
  instantiate?: boolean;
}

/** What a value weighs as JSON in UTF-8, exactly, a range's values counted in place (weigh.ts). */
export const byteLength = (value: unknown) => weigh(value);

export class HostContext {
  private queue: Action[] = [];
  /**
   * How many batches of this context have gone to Excel: the one a sync sends is numbered
   * from 1. What an operation made is known to belong to the batch it ran in.
   */
  batch = 0;

  constructor(
    readonly host: MemoryExcelHost,
    /** Excel.RunOptions.delayForCellEdit of the run this context belongs to. */
    private readonly delayForCellEdit = false,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  write(describe: unknown, run: () => void): void {
    this.queue.push({ describe, run });
  }

  /**
   * An object a method returns (`find`), made where it is called in the batch: Office.js
   * queues an Instantiate action for it there (ClientObject's constructor), and a failure
   * to make it (ItemNotFound) stops the batch at that point.
   */
  instantiate(describe: unknown, run: () => void): void {
    this.queue.push({ describe, run, instantiate: true });
  }

  load(describe: unknown, run: () => unknown, commit: () => void): void {
    this.queue.push({ describe, run, commit });
  }

  async sync(): Promise<void> {
    const host = this.host;
    // A test may hold this co-author's request back here, to run another's in between.
    await host.gate?.(host.syncs + 1);
    const actions = this.queue;
    this.queue = [];
    this.batch++;
    const entry = {
      requestBytes: byteLength(actions.map((a) => a.describe)),
      responseBytes: 0,
      ok: false,
      operations: actions.length,
      writes: actions.filter((a) => !a.commit && !a.instantiate).length,
    };
    host.recordSync(entry);
    // An answer never arrives in the same tick, in Excel or here: it comes as a task of its
    // own, after what waits meanwhile (timers, messages, the pane's own work between answers).
    await laterTask();
    // While the person types in a cell, the request fails or waits (RunOptions.delayForCellEdit).
    await host.cellEditGate(this.delayForCellEdit);
    // A co-author's request meets their view as it is now, with what has reached them.
    host.coAuthoring?.beforeSync();
    try {
      await this.apply(actions, entry);
    } finally {
      // What landed (all of it, or the part before a cut) goes to the other co-authors.
      host.coAuthoring?.afterSync();
      // And is announced to this add-in's worksheets.onChanged handlers, after the answer.
      host.announceChanges("ThisLocalAddin");
    }
  }

  private async apply(
    actions: Action[],
    entry: { requestBytes: number; responseBytes: number; ok: boolean },
  ) {
    const host = this.host;
    const limited = host.platform === "web";
    if (limited && entry.requestBytes > PAYLOAD_LIMIT) {
      throw new RichApiError(
        "RequestPayloadSizeLimitExceeded",
        "The request payload size has exceeded the limit.",
      );
    }
    const failure = host.takeInjectedFailure();
    // Excel applies a batch's operations in order and has no transactions: a cut leaves
    // the operations before it applied (see docs/excel-host.md).
    const stopAt = !failure
      ? actions.length
      : failure.operations !== undefined
        ? Math.min(failure.operations, actions.length)
        : failure.mode === "before"
          ? 0
          : failure.mode === "partial"
            ? Math.floor(actions.length / 2)
            : actions.length;
    if (failure && stopAt === 0)
      throw new RichApiError(failure.code, "Injected failure before the request arrived.");
    const answered: Action[] = [];
    for (let i = 0; i < stopAt; i++) {
      const action = actions[i]!;
      const answer = action.run();
      if (action.commit) {
        const bytes = byteLength(answer);
        entry.responseBytes += bytes;
        host.loadTrace?.push({ sync: host.syncs, describe: action.describe, bytes });
        answered.push(action);
      }
    }
    if (failure) throw new RichApiError(failure.code, `Injected failure (${failure.mode}).`);
    if (limited && entry.responseBytes > PAYLOAD_LIMIT) {
      throw new RichApiError(
        host.oversizedAnswer,
        host.oversizedAnswer === "GeneralException"
          ? "There was an internal error while processing the request."
          : "The response payload size has exceeded the limit.",
      );
    }
    for (const action of answered) action.commit!();
    entry.ok = true;
  }
}

type LoadOption = string | string[] | { select?: string | string[] } | undefined;

export function loadNames(option: LoadOption, all: string[]): string[] {
  if (option === undefined) return all;
  const raw = typeof option === "string" || Array.isArray(option) ? option : (option.select ?? all);
  const list = (Array.isArray(raw) ? raw : raw.split(",")).map((s) => s.trim()).filter(Boolean);
  return list;
}

/**
 * What every proxy shares: properties read only after load + sync (or after being set),
 * and null objects that say so once loaded.
 */
export abstract class ClientObject {
  protected loaded = new Map<string, unknown>();
  protected assigned = new Map<string, unknown>();

  constructor(
    protected readonly ctx: HostContext,
    protected readonly typeName: string,
  ) {}

  protected prop<T>(name: string): T {
    if (this.assigned.has(name)) return this.assigned.get(name) as T;
    if (this.loaded.has(name)) return this.loaded.get(name) as T;
    throw propertyNotLoaded(name, this.typeName);
  }

  get isNullObject(): boolean {
    return this.prop<boolean>("isNullObject");
  }

  /** Names of the scalar properties a plain load() brings. */
  protected abstract scalars(): string[];
  /** Computes the answer to a load of these properties, at sync time. */
  protected abstract answer(names: string[]): Record<string, unknown>;
  /** Where this object is, for the request description. */
  protected abstract path(): string;

  load(option?: LoadOption): this {
    const names = loadNames(option, this.scalars()).filter((n) => !n.includes("/"));
    let pending: Record<string, unknown> = {};
    this.ctx.load(
      { load: this.path(), names },
      () => (pending = this.ctx.host.answered(this.answer(names))),
      () => {
        for (const [k, v] of Object.entries(pending)) {
          this.loaded.set(k, v);
          this.assigned.delete(k);
        }
      },
    );
    return this;
  }

  /** @internal The answer to a load of these properties, computed now: a collection loading its items. */
  answerNow(names: string[]): Record<string, unknown> {
    return this.answer(names);
  }

  /** @internal Properties arriving with a collection's load, readable from now on. */
  receive(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) {
      this.loaded.set(k, v);
      this.assigned.delete(k);
    }
  }

  protected assign(name: string, value: unknown, apply: () => void): void {
    this.assigned.set(name, value);
    this.ctx.write({ set: `${this.path()}.${name}`, value }, apply);
  }

  protected call(method: string, args: unknown[], apply: () => void): void {
    this.ctx.write({ call: `${this.path()}.${method}`, args }, apply);
  }
}
