/** What the host's own tests share: a run, the code a failed run ends with, a book of named sheets. */
import assert from "node:assert/strict";
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

/** The error a batch that must fail ended with (its code and message). */
export const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => assert.fail("expected the batch to fail"),
    (e: { code: string; message: string }) => e,
  );

/** One batch of `work`, then a sync, on `host`: the error it must end with. */
export const refusedBatch = (host: MemoryExcelHost, work: (c: Ctx) => void) =>
  refusal(
    host.run(async (c: Ctx) => {
      work(c);
      await c.sync();
    }),
  );

/** The error a read (of a property not loaded, say) throws at once. */
export const thrown = (read: () => unknown) => {
  try {
    read();
  } catch (e) {
    return e as { code: string; message: string };
  }
  return assert.fail("expected the read to throw");
};
