/**
 * One co-author at a time on the co-authoring host's clock: a pane's lease waits move the
 * session's time forward, so what others wrote arrives while it waits, as in Excel.
 */
import { randomUUID } from "node:crypto";
import type { CoAuthoring } from "../../../src/host/co-authoring";
import type { MemoryExcelHost } from "../../../src/host/memory-host";
import type { ExcelEnv } from "../../../src/excel/env";
import { envOf } from "../fixtures";

export function paneOnClock(session: CoAuthoring, host: MemoryExcelHost, settleMs: number): ExcelEnv {
  return {
    ...envOf(host),
    lease: {
      settleMs,
      holdMs: 60_000,
      now: () => session.now,
      sleep: async (ms) => session.advance(ms),
      token: () => randomUUID(),
    },
  };
}
