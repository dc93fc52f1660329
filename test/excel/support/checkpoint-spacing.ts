import { checkpointEvery, setCheckpointEvery } from "../../../src/domain/journal/checkpoints";

/**
 * The checkpoint spacings a suite runs at: the product's (1,000 rows: the tests' logs reach
 * no checkpoint), and one short enough that their logs hold several, so every action
 * reads from a checkpoint and writes them (domain/journal/checkpoints.ts).
 */
export const SPACINGS = [undefined, 5] as const;

/** Sets the spacing for the suite it is called in (before its own hooks run), and puts it back after. */
export function atSpacing(spacing: number | undefined): void {
  let was = 0;
  before(() => {
    was = checkpointEvery();
    if (spacing) setCheckpointEvery(spacing);
  });
  after(() => setCheckpointEvery(was));
}

export const spacingLabel = (spacing: number | undefined) =>
  spacing ? ` — with a checkpoint every ${spacing} log rows` : "";
