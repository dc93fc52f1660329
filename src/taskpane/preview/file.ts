/**
 * The preview's stand-in for Office's document API, for the pane's backup: with
 * `?preview&file=<url>` the pane's getFileAsync hands out the bytes at that URL (an .xlsx
 * served from the pane's origin; in the browser tests, by the test) in slices, as Office
 * hands out the workbook's file. Without it the preview has no file, and the pane says a
 * backup cannot be made here.
 */
import type { OfficeDocumentLike } from "../../excel/backup";

export function previewDocument(url: string): OfficeDocumentLike {
  return {
    getFileAsync(_type, { sliceSize }, callback) {
      fetch(url)
        .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${url}: ${r.status}`))))
        .then((buffer) => {
          const bytes = new Uint8Array(buffer);
          callback({
            status: "succeeded",
            value: {
              size: bytes.length,
              sliceCount: Math.ceil(bytes.length / sliceSize),
              getSliceAsync: (i, cb) =>
                cb({
                  status: "succeeded",
                  value: { data: bytes.subarray(i * sliceSize, (i + 1) * sliceSize) },
                }),
              closeAsync: (cb) => cb?.({ status: "succeeded", value: undefined }),
            },
          });
        })
        .catch((error: Error) =>
          callback({
            status: "failed",
            value: undefined as never,
            error: { code: 0, message: error.message },
          }),
        );
    },
  };
}
