/** What the host's own tests share: a run, the code a failed run ends with, a book of named sheets. */
import { MemoryExcelHost } from "../../src/host/memory-host";

type Ctx = Excel.RequestContext;

export const run = <T>(host: MemoryExcelHost, batch: (c: Ctx) => Promise<T>) => host.run(batch);

/** The error code a run ended with, or "no error". */
export const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return "no error";
};

export const book = (...sheets: string[]) => new MemoryExcelHost({ sheets });
