import { checkpointEvery, setCheckpointEvery } from "../../../src/domain/journal/checkpoints";
import { highestGuess, keyedBlock, setHighestGuess, setKeyedBlock } from "../../../src/domain/partial-read";

/**
 * The checkpoint spacings a suite runs at: the product's (1,000 rows: the tests' logs reach
 * no checkpoint), and one short enough that their logs hold several, so every action
 * reads from a checkpoint and writes them (domain/journal/checkpoints.ts). At the short
 * spacing Excel also counts IDs over blocks of 3 rows (partial-read.ts `keyedBlock`), so a
 * small sheet's rows are found one by one, as a large one's are, not by reading a block, and
 * the highest ID is guessed from a column's last 2 rows (partial-read.ts `highestGuess`).
 */
export const SPACINGS = [undefined, 5] as const;

/** Sets the spacing for the suite it is called in (before its own hooks run), and puts it back after. */
export function atSpacing(spacing: number | undefined): void {
  let was = 0;
  let block = 0;
  let guess = 0;
  before(() => {
    was = checkpointEvery();
    block = keyedBlock();
    guess = highestGuess();
    if (spacing) {
      setCheckpointEvery(spacing);
      setKeyedBlock(3);
      setHighestGuess(2);
    }
  });
  after(() => {
    setCheckpointEvery(was);
    setKeyedBlock(block);
    setHighestGuess(guess);
  });
}

export const spacingLabel = (spacing: number | undefined) =>
  spacing
    ? ` — with a checkpoint every ${spacing} log rows, IDs counted over 3 rows, the highest guessed from 2`
    : "";
