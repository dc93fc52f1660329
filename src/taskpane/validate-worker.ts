/**
 * Validate's check off the pane's thread (validate-in-pane.ts starts it): the workbook as
 * read goes in, progress and the outcome come out. The worker lives as long as the pane,
 * so the signatures it verified (stamps/keys.ts), the rows it checked (validation.ts) and the
 * workbook as last read (snapshot-patch.ts: a later Validate sends only the rows changed
 * since) are remembered and a second Validate verifies and checks again only what changed; "check everything" forgets them first. Webpack makes this
 * file and the checks it imports a chunk of its own, fetched at the first Validate.
 */
import {
  checkInput,
  forgetKeptSnapshot,
  type CheckStep,
  type ValidationOutcome,
} from "../domain/workbook-check";
import { forgetVerified } from "../domain/stamps/keys";
import { hashReady } from "../domain/digest";
import { forgetCheckedRows } from "../domain/validation";
import { ArrivingChecks, type CheckRequest } from "./check-message";
import type { AheadDone } from "../domain/check-ahead";

export type CheckReply =
  | { kind: "progress"; step: CheckStep; done: number; total: number }
  /** `ahead`: when what is worked out while the workbook comes was done (check-ahead.ts), for the bench to say. */
  /** `digestsTaken`: customer rows whose stamp digests came from the pane's thread (stamps-beside.ts), for the bench to say. */
  | { kind: "done"; outcome: ValidationOutcome; ahead?: AheadDone; digestsTaken?: number }
  /** The check has gone through every customer row: the pane works out no more of their digests (stamps-beside.ts). */
  | { kind: "enough"; check: number }
  | { kind: "failed"; message: string; name?: string };

const scope = self as unknown as {
  onmessage: ((event: { data: CheckRequest }) => void) | null;
  postMessage(reply: CheckReply): void;
};

/** A workbook read whole comes in messages of rows, then its check (check-message.ts). */
const arriving = new ArrivingChecks(nextTask, (check) => scope.postMessage({ kind: "enough", check }));

/**
 * A task of its own, after the messages that wait: the digests that came while the check
 * ran are taken then. A channel's message, not a timer (held back to 4 ms once nested).
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

scope.onmessage = async ({ data }) => {
  if (data.kind === "forget") {
    arriving.forget();
    forgetVerified();
    forgetCheckedRows();
    forgetKeptSnapshot();
    return;
  }
  try {
    const input = arriving.take(data);
    if (!input) return;
    // What was worked out while the workbook came, done before the check takes it (check-ahead.ts).
    const ahead = await arriving.settled();
    // The WebAssembly hash compiled before the first check (digest.ts): js-sha256 until then.
    await hashReady();
    // A workbook read whole: the pane's thread works its log's chain out meanwhile.
    const whole = data.kind === "check" && data.rows;
    const chain = whole ? arriving.chainFor(data.check) : undefined;
    // And the customers' stamp digests, as they come (stamps-beside.ts).
    const digests = whole ? arriving.digestsFor(data.check) : undefined;
    const outcome = await checkInput(
      input,
      (step, done, total) => scope.postMessage({ kind: "progress", step, done, total }),
      chain,
      digests,
    ).finally(() => {
      if (whole) arriving.doneWithDigests(data.check);
    });
    scope.postMessage({ kind: "done", outcome, ahead, digestsTaken: digests?.taken });
  } catch (error) {
    scope.postMessage({
      kind: "failed",
      message: error instanceof Error ? error.message : String(error),
      // BaseLost: the adapter reads the workbook whole and asks again.
      name: error instanceof Error ? error.name : undefined,
    });
  }
};
