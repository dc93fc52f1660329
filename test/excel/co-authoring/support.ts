/**
 * Two or three co-authors in one shared workbook on virtual time (issue 14): the timeline,
 * each co-author's pane with its write lease, and one action held back at a sync while
 * another runs whole. Shared by the co-authoring tests.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { CoAuthoring } from "../../../src/host/co-authoring";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import type { ExcelEnv } from "../../../src/excel/env";
import type { ActionResult } from "../../../src/excel/actions/result";
import { envOf } from "../fixtures";

export const SETTLE = 1000;

/**
 * Virtual time for several co-authors: a sleep waits until every co-author still at work is
 * asleep too, then time jumps to the earliest wake-up. What a co-author does between sleeps
 * takes no time — as it takes little next to the delays — however the others' sleeps fall.
 */
export class Timeline {
  private awake = 0;
  private sleepers: { until: number; wake: () => void }[] = [];
  constructor(readonly session: CoAuthoring) {}
  /** A co-author starts, or resumes, working. */
  enter(): void {
    this.awake++;
  }
  /** A co-author stops working: done, or held back by the test. */
  leave(): void {
    this.awake--;
    this.step();
  }
  sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      this.sleepers.push({ until: this.session.now + ms, wake });
      this.leave();
    });
  }
  /** A co-author's action, at work until it ends. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.enter();
    try {
      return await work();
    } finally {
      this.leave();
    }
  }
  private step(): void {
    if (this.awake > 0 || this.sleepers.length === 0) return;
    const next = Math.min(...this.sleepers.map((s) => s.until));
    if (next > this.session.now) this.session.advance(next - this.session.now);
    const due = this.sleepers.filter((s) => s.until <= this.session.now);
    this.sleepers = this.sleepers.filter((s) => s.until > this.session.now);
    for (const s of due) {
      this.awake++;
      s.wake();
    }
  }
}

/** A co-author's pane: their own host, the write lease on the timeline's virtual time. */
export function paneOf(timeline: Timeline, host: MemoryExcelHost): ExcelEnv {
  return {
    ...envOf(host),
    lease: {
      settleMs: SETTLE,
      holdMs: 60_000,
      now: () => timeline.session.now,
      sleep: (ms) => timeline.sleep(ms),
      token: () => randomUUID(),
    },
  };
}

export type Act = (env: ExcelEnv) => Promise<ActionResult<{ problems: unknown[] }>>;

/** How many syncs an action takes alone, from this workbook. */
export async function syncsOf(base: MemoryExcelHost, act: Act): Promise<number> {
  const timeline = new Timeline(new CoAuthoring(base));
  const host = timeline.session.author("alone");
  const done = await timeline.run(() => act(paneOf(timeline, host)));
  assert.ok(done.ok && done.problems.length === 0, JSON.stringify(done));
  return host.syncs;
}

/**
 * Runs `first` held back before its k-th sync while `second` runs whole (then time passes
 * by the delay), and returns both results and the workbook as the service holds it.
 */
export async function interleaved(base: MemoryExcelHost, delay: number, k: number, first: Act, second: Act) {
  const session = new CoAuthoring(base, { delay });
  const timeline = new Timeline(session);
  const a = session.author("王");
  const b = session.author("李");
  let resume!: () => void;
  let heldBack!: () => void;
  const held = new Promise<void>((r) => (heldBack = r));
  a.gate = (n) => {
    if (n !== k) return;
    heldBack();
    timeline.leave();
    return new Promise<void>(
      (r) =>
        (resume = () => {
          timeline.enter();
          r();
        }),
    );
  };
  const runA = timeline.run(() => first(paneOf(timeline, a)));
  const stopped = await Promise.race([held.then(() => true), runA.then(() => false)]);
  const resultB = await timeline.run(() => second(paneOf(timeline, b)));
  session.advance(delay);
  if (stopped) resume();
  const resultA = await runA;
  session.advance(delay + SETTLE);
  return { resultA, resultB, service: session.service() };
}

/**
 * How an action runs alone, from this workbook: its syncs, and which of them write — under
 * the lease, its claim first, its release last, its plan's writes between.
 */
export async function shapeOf(
  base: MemoryExcelHost,
  act: Act,
): Promise<{ syncs: number; writing: number[] }> {
  const timeline = new Timeline(new CoAuthoring(base));
  const host = timeline.session.author("alone");
  const done = await timeline.run(() => act(paneOf(timeline, host)));
  assert.ok(done.ok && done.problems.length === 0, JSON.stringify(done));
  const writing = host.syncLog.flatMap((sync, i) => (sync.writes > 0 ? [i + 1] : []));
  return { syncs: host.syncs, writing };
}
