/**
 * Runs Validate's check in a Web Worker (validate-worker.ts) that stays while the pane is
 * open: the pane keeps answering clicks during a long check and shows its progress, and the
 * signatures verified once are not verified again by the next Validate (issue 15). One check
 * at a time: the Validate page runs one and waits for it.
 */
import type { CheckInput, CheckProgress, ValidationOutcome } from "../domain/workbook-check";
import { CheckSender, type Ahead, type CheckRequest } from "./check-message";
import type { StreamedCheck } from "../excel/actions/validate-workbook";
import type { CheckReply } from "./validate-worker";

let worker: Worker | undefined;
/** When the worker began remembering what it verified ("HH:MM"), for the page to say. */
let since: string | undefined;

export function rememberingSince(): string | undefined {
  return since;
}

function started(): Worker {
  worker ??= new Worker(
    /* webpackChunkName: "validate-check" */ new URL("./validate-worker.ts", import.meta.url),
  );
  return worker;
}

/** A check in the worker: a patch, or a workbook read before, sent whole. */
export function checkInWorker(input: CheckInput, progress: CheckProgress): Promise<ValidationOutcome> {
  const w = started();
  const sender = new CheckSender((request) => w.postMessage(request), { pinnedAdmin: input.pinnedAdmin });
  return checked(w, input, progress, sender);
}

/**
 * A check whose read whole goes to the worker as it comes (check-message.ts CheckSender):
 * the worker takes in each answer while the pane waits for the next, and works out ahead
 * what the sheets come allow.
 */
export function streamToWorker(ahead: Ahead): StreamedCheck {
  const w = started();
  // What goes wrong there while the read still comes (the worker's chunk not loaded, rows
  // it could not take) is kept, and the check fails with it instead of waiting for ever
  // or checking rows that did not all arrive.
  let failed: Error | undefined;
  w.onmessage = ({ data }: MessageEvent<CheckReply>) => {
    if (data.kind === "failed") failed ??= failure(data);
  };
  w.onerror = (event) => {
    failed ??= new Error(event.message || "the check could not run");
    lost(w);
  };
  const sender = new CheckSender((request) => w.postMessage(request), ahead);
  return {
    sink: sender.sink,
    check: (input, progress) => (failed ? Promise.reject(failed) : checked(w, input, progress, sender)),
  };
}

function failure(data: Extract<CheckReply, { kind: "failed" }>): Error {
  return Object.assign(new Error(data.message), data.name ? { name: data.name } : {});
}

/** A worker that failed to start or died: the next Validate starts another. */
function lost(w: Worker): void {
  w.terminate();
  if (worker === w) worker = undefined;
  since = undefined;
}

function checked(
  w: Worker,
  input: CheckInput,
  progress: CheckProgress,
  sender: CheckSender,
): Promise<ValidationOutcome> {
  const at = input.now.slice(11, 16);
  return new Promise<ValidationOutcome>((resolve, reject) => {
    w.onmessage = ({ data }: MessageEvent<CheckReply>) => {
      if (data.kind === "progress") return progress(data.step, data.done, data.total);
      if (data.kind === "enough") return sender.stop(data.check);
      w.onmessage = null;
      w.onerror = null;
      if (data.kind === "done") {
        since ??= at;
        resolve(data.outcome);
      } else reject(failure(data));
    };
    w.onerror = (event) => {
      lost(w);
      reject(new Error(event.message || "the check could not run"));
    };
    sender.send(input).catch(reject);
  }).finally(() => sender.stop());
}

/** "Check everything": the next check verifies every signature again, remembering nothing. */
export function forgetChecks(): void {
  since = undefined;
  if (!worker) return;
  const request: CheckRequest = { kind: "forget" };
  worker.postMessage(request);
}
