/**
 * Posts a check to Validate's worker (validate-worker.ts), each long text of a workbook read
 * whole written once (domain/shared-texts.ts): the pane's snapshot is blanked only while
 * `post` copies it. The pane (validate-in-pane.ts) and the bench's worker thread both send
 * through this. Apart from the worker's module, which must not run on the pane's thread.
 */
import { shareTexts } from "../domain/shared-texts";
import type { CheckInput } from "../domain/workbook-check";
import type { CheckRequest } from "./validate-worker";

export function postCheck(post: (request: CheckRequest) => void, input: CheckInput): void {
  const sharing = input.snapshot ? shareTexts(input.snapshot) : undefined;
  try {
    post({ kind: "check", input, ...(sharing && { shared: sharing.shared }) });
  } finally {
    sharing?.restore();
  }
}
