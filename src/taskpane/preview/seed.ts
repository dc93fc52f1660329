/**
 * The preview's workbook: a register a clerk has kept by hand so far — the right headers
 * but not all of them, thirty customers, and the kind of mistakes Validate exists for.
 */
import { register } from "../../domain/schema/sheets";
import { sampleRegister } from "../../domain/sample";
import type { Cell } from "../../domain/workbook";
import type { MemoryExcelHost } from "../../host/memory-host";

/** Columns the hand-kept register does not have yet; Set up adds them. */
const notYetThere = new Set(["stamps", "lastReviewDate", "lastReviewer", "dupKeys"]);

export function seedPreviewWorkbook(host: MemoryExcelHost): void {
  const columns = register.columns.filter((c) => !notYetThere.has(c.key));
  const keep = register.columns.map((c, i) => (notYetThere.has(c.key) ? -1 : i)).filter((i) => i >= 0);
  const rows = sampleRegister(30, "zh").map((row) => keep.map((i) => row[i]!));
  const at = (key: string) => columns.findIndex((c) => c.key === key);
  const plant = (row: number, key: string, value: Cell) => {
    rows[row]![at(key)] = value;
  };
  // A check character typed wrong (the last one of the code).
  const code = String(rows[2]![at("uscc")]);
  plant(2, "uscc", code.slice(0, 17) + (code[17] === "0" ? "1" : "0"));
  // Full-width digits from a Chinese input method: offered a fix.
  plant(5, "postcode", "１００１２０");
  // The same company entered twice, once with the long suffix and a space.
  plant(9, "name", String(rows[4]![at("name")]).replace(/(股份)?有限(责任)?公司$/, " 股份有限公司"));
  // A landline without its area code.
  plant(12, "phone", "6512345");
  // A full-width @.
  plant(17, "email", "sales＠example.cn");
  // As typed by hand in a sheet with text-formatted columns: strings stay strings.
  host.seedSheet(register.name.zh, [columns.map((c) => c.header.zh), ...rows], { raw: true });
}
