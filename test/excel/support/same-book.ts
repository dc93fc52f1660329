import type { MemoryExcelHost } from "../../../src/host/memory-host";
import { isListSheet } from "../../../src/domain/department-lists";
import { LIST_WIDTH } from "../../../src/domain/list-pages";
import { CHECKPOINT, claimsOf } from "../../../src/domain/journal/checkpoints";

const LOG = "变更记录";

/** A stamp's data without its signature, which is random too (the rest of the stamp is compared). */
function unsigned(cell: unknown): unknown {
  if (typeof cell !== "string" || !cell.includes("⟦")) return cell;
  return cell.replace(/⟦([^⟧]*)⟧/g, (token, data: string) => {
    try {
      const stamp = JSON.parse(Buffer.from(data, "base64").toString("utf8")) as Record<string, unknown>;
      delete stamp.s;
      return `⟦${JSON.stringify(stamp)}⟧`;
    } catch {
      return token;
    }
  });
}

/**
 * Where two workbooks first differ, in words (empty when they do not). A Change log row's
 * salt is random, so its salt, digest and chain hash differ between any two runs, and so does
 * an op number (random, in a checkpoint's claims too) and a signature (ECDSA signs with a fresh random number each time): they are left out here,
 * and the chain and the signatures are checked by Validate instead. So is a stamp's
 * signature: the stamp is compared without it. A department list's directory (the hidden
 * cells of its header row) is left out too: a list updated page by page and one rebuilt
 * whole cut the same rows into pages differently (list-pages.ts); their printed cells are compared.
 */
export function difference(a: MemoryExcelHost, b: MemoryExcelHost): string {
  if (a.sheetNames().join() !== b.sheetNames().join()) return `sheets ${a.sheetNames()} / ${b.sheetNames()}`;
  const unsalted = (values: unknown[][], name: string) => {
    values = values.map((row) => row.map(unsigned));
    if (isListSheet(name)) values = values.map((row, r) => (r === 0 ? row.slice(0, LIST_WIDTH) : row));
    if (name !== LOG) return values;
    const random = ["操作编号", "盐值", "内容摘要", "校验值", "签名"].map((h) => values[0]!.indexOf(h));
    // A checkpoint names the ops unfinished above it: their numbers are random, how many is not.
    const [action, newValue] = ["操作", "新值"].map((h) => values[0]!.indexOf(h));
    const opsLeftOut = (row: unknown[], v: unknown, c: number) => {
      if (c !== newValue || row[action!] !== CHECKPOINT || typeof v !== "string") return v;
      const claims = claimsOf(v);
      return claims ? JSON.stringify({ ...claims, unfinished: claims.unfinished.map(() => "op") }) : v;
    };
    return values.map((row) => row.map((v, c) => (random.includes(c) ? "" : opsLeftOut(row, v, c))));
  };
  for (const name of a.sheetNames()) {
    const x = unsalted(a.sheet(name).values, name);
    const y = unsalted(b.sheet(name).values, name);
    for (let r = 0; r < Math.max(x.length, y.length); r++)
      if (JSON.stringify(x[r]) !== JSON.stringify(y[r]))
        return `${name} row ${r + 1}: ${JSON.stringify(x[r])} / ${JSON.stringify(y[r])}`;
  }
  return "";
}
