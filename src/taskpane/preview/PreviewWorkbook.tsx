import * as React from "react";
import type { MemoryExcelHost } from "../../host/memory-host";

const MAX_ROWS = 200;
const MAX_COLS = 40;

function letter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The in-memory workbook drawn as Excel would show it: a grid per sheet, tabs below, the
 * selected cell outlined, dates through their cells' number formats (2026-11-01, not the
 * serial 46327); a click selects a cell, as in Excel. Otherwise read-only: the preview
 * is about what the pane does to a workbook.
 */
export function PreviewWorkbook({ host, version }: { host: MemoryExcelHost; version: number }) {
  // As Excel: a hidden or very hidden sheet has no tab (kept-sheets.ts).
  const names = host.sheetNames().filter((n) => host.store.get(n).visibility === "Visible");
  const selection = host.selection;
  const [active, setActive] = React.useState<string | undefined>(undefined);
  const [, setClicks] = React.useState(0);
  // Follow Excel's active sheet after every action; the tabs below switch it by hand.
  const excelActive = host.activeSheet;
  React.useEffect(() => setActive(excelActive), [version, excelActive]);
  const shown = active && names.includes(active) ? active : excelActive || names[0];
  if (!shown) return null;
  const sheet = host.sheet(shown);
  const values = sheet.values;
  const rows = values.slice(0, MAX_ROWS);
  const width = Math.min(MAX_COLS, Math.max(0, ...rows.map((r) => r.length)));
  // As Excel: a hidden column is not drawn, its letter skipped (the Register's duplicate index).
  const hidden = host.store.get(shown).hiddenColumns;
  const columns = Array.from({ length: width }, (_, c) => c).filter((c) => !hidden.has(c));
  const selected =
    selection && selection.sheet === shown ? selection.address.replace(/^.*!/, "").split(":")[0] : "";
  return (
    <div className="preview-book" data-testid="preview-book">
      <div className="preview-grid" data-testid="preview-grid" data-sheet={shown}>
        <table>
          <thead>
            <tr>
              <th />
              {columns.map((c) => (
                <th key={c}>{letter(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={r} className={r < sheet.frozenRows ? "frozen" : undefined}>
                <th>{r + 1}</th>
                {columns.map((c) => {
                  const address = `${letter(c)}${r + 1}`;
                  return (
                    <td
                      key={c}
                      data-address={address}
                      className={address === selected ? "selected" : undefined}
                      onClick={() => {
                        host.userSelects(shown, address);
                        setClicks((n) => n + 1);
                      }}
                    >
                      {sheet.shownAt(r, c)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        {values.length > MAX_ROWS && (
          <div className="preview-more">… {values.length - MAX_ROWS} more rows</div>
        )}
      </div>
      <div className="preview-tabs" role="tablist">
        {names.map((name) => (
          <button
            key={name}
            role="tab"
            aria-selected={name === shown}
            className={name === shown ? "active" : undefined}
            onClick={() => setActive(name)}
          >
            {name}
          </button>
        ))}
      </div>
    </div>
  );
}
