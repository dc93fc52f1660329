/**
 * The Register's duplicate index cell, as the reads see it (validate/duplicates.ts makes
 * it): its column and what marks a cell the add-in wrote. Apart from duplicates.ts so a
 * read that only looks for the column carries none of the normal forms (the pane Excel
 * loads at start stays small: test/manifest/bundle.test.ts).
 */

/** The Register's hidden column the add-in keeps each row's keys in. */
export const DUP_INDEX = "dupKeys";

/** Whether an index cell is one the add-in wrote (else its row is searched by reading it). */
export const isIndex = (cell: string) => cell.startsWith("|");
