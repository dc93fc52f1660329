import type { MemoryExcelHost } from "../../src/host/memory-host";
import type { ExcelEnv, Platform } from "../../src/excel/env";

/** The adapter's environment over an in-memory host, as the preview builds it. */
export function envOf(
  host: MemoryExcelHost,
  platform: Platform = "web",
  displayLanguage = "zh-CN",
): ExcelEnv {
  return { run: (batch) => host.run(batch), platform, displayLanguage };
}
