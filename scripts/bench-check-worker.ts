/**
 * The bench's stand-in for the pane's Web Worker (scripts/bench.ts `checkThread`): a worker
 * thread running the pane's own validate-worker.ts, its `self` the thread's port — messages
 * in as a Worker's `onmessage` hears them, replies out as its `postMessage` sends them.
 */
// Hashes as the pane's worker does: before anything loads digest.ts.
import "./bench-pane-hash";
import { parentPort } from "node:worker_threads";

const port = parentPort!;
(globalThis as unknown as { self: unknown }).self = {
  set onmessage(heard: (event: { data: unknown }) => void) {
    // When the check's last message is readable here: the bench says how long the copy took.
    port.on("message", (data: { kind?: string }) => {
      if (data.kind === "check")
        port.postMessage({ kind: "received", at: performance.timeOrigin + performance.now() });
      heard({ data });
    });
  },
  postMessage: (reply: unknown) => port.postMessage(reply),
};
require("../src/taskpane/validate-worker");
port.postMessage({ kind: "ready" });
