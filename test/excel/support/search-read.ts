/**
 * A partial read on a copy of the workbook, with Excel's search asked (as the adapter asks
 * it) or never asked (`setFindMax(0)`): what it read, its syncs and bytes, whether a search
 * was in it, and how many syncs Excel refused. `tamper` changes what the searches found
 * after each read, as a search that missed rows would (closure-search and keyed-search tests).
 */
import { MemoryExcelHost } from "../../../src/host/memory-host";
import { readNeeds, setFindMax, FIND_MAX } from "../../../src/excel/partial";
import { Book, type RowFind } from "../../../src/excel/book";
import type { Need } from "../../../src/domain/partial-read";

export async function readSearched(
  host: MemoryExcelHost,
  needs: Need[],
  options: { search: boolean; tamper?: (finds: RowFind[]) => void },
) {
  const copy = host.clone();
  copy.resetCounters();
  copy.loadTrace = [];
  setFindMax(options.search ? FIND_MAX : 0);
  try {
    const snapshot = await copy.run({}, (excel) => {
      const book = new Book(excel as never, "web");
      if (options.tamper) {
        const readBlocks = book.readBlocks.bind(book);
        book.readBlocks = async (blocks, counts, finds = []) => {
          const grids = await readBlocks(blocks, counts, finds);
          options.tamper!(finds);
          return grids;
        };
      }
      return readNeeds(book, needs);
    });
    return {
      snapshot,
      syncs: copy.syncs,
      searched: copy.loadTrace.some((l) => JSON.stringify(l.describe).includes("getEntireRow")),
      bytes: copy.syncLog.reduce((sum, s) => sum + s.responseBytes, 0),
      refused: copy.syncLog.filter((s) => !s.ok).length,
    };
  } finally {
    setFindMax(FIND_MAX);
  }
}
