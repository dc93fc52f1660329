/**
 * What a workbook file holds that the tool did not make, kept through a rewrite (issue 18).
 *
 * ExcelJS reads data validations by expanding each rule to every cell it covers (a rule on
 * A2:A1048576 becomes a million entries, minutes and a gigabyte), so the tool reads files
 * without them — and a file written back used to lose every rule a person had added. Now
 * each sheet's `<dataValidations>` block is taken out of the file as text before ExcelJS
 * reads it, and put back into the sheet as ExcelJS writes it: the person's rules
 * unchanged, the product's own (on the columns the tool writes rules for again) replaced
 * by the new ones.
 */
import JSZip from "jszip";

/** The `<dataValidation>` elements of each sheet, by sheet name, as the file held them. */
export type KeptValidations = Map<string, string[]>;

const BLOCK = /<dataValidations\b[^>]*?(?:\/>|>([\s\S]*?)<\/dataValidations>)/;
const RULE = /<dataValidation\b[\s\S]*?(?:\/>|<\/dataValidation>)/g;

/** Sheet name → path of its part in the zip ("xl/worksheets/sheet1.xml"). */
export async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const to = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && to) target.set(id, to.startsWith("/") ? to.slice(1) : `xl/${to}`);
  }
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    const path = id && target.get(id);
    if (name !== undefined && path) out.set(unescapeXml(name), path);
  }
  return out;
}

/** Each sheet's visibility as workbook.xml states it (`state="hidden"` / `"veryHidden"`; none: visible). */
export async function sheetVisibility(zip: JSZip): Promise<Map<string, "Visible" | "Hidden" | "VeryHidden">> {
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const out = new Map<string, "Visible" | "Hidden" | "VeryHidden">();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const state = /\bstate="([^"]*)"/.exec(m[0])?.[1];
    if (name !== undefined)
      out.set(
        unescapeXml(name),
        state === "veryHidden" ? "VeryHidden" : state === "hidden" ? "Hidden" : "Visible",
      );
  }
  return out;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** The file without its data validations, for ExcelJS to read quickly, and the rules taken out. */
export async function takeOutValidations(file: Buffer): Promise<{ file: Buffer; kept: KeptValidations }> {
  const kept: KeptValidations = new Map();
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(file);
  } catch {
    // Not a zip: ExcelJS will say so, and the tool that it is not a workbook.
    return { file, kept };
  }
  let changed = false;
  for (const [name, path] of await sheetParts(zip)) {
    const xml = await zip.file(path)?.async("string");
    const block = xml && BLOCK.exec(xml);
    if (!xml || !block) continue;
    kept.set(
      name,
      [...(block[1] ?? "").matchAll(RULE)].map((m) => m[0]),
    );
    zip.file(path, xml.replace(BLOCK, ""));
    changed = true;
  }
  if (!changed) return { file, kept };
  return { file: await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }), kept };
}

/** The columns (letters) a rule's ranges cover, e.g. "B2:B1048576 D5" → B, D. */
function columnsOf(rule: string): string[] {
  const sqref = /\bsqref="([^"]*)"/.exec(rule)?.[1] ?? "";
  const out = new Set<string>();
  for (const range of sqref.split(/\s+/).filter(Boolean)) {
    const [a, b = a] = range.split(":").map((r) => /^\$?([A-Z]+)/.exec(r)?.[1] ?? "");
    if (!a || !b) continue;
    for (let n = toNumber(a); n <= toNumber(b); n++) out.add(toLetters(n));
  }
  return [...out];
}
const toNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
function toLetters(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Where `<dataValidations>` goes in a worksheet part: before the first of these (ECMA-376 order). */
const AFTER_VALIDATIONS = [
  "<hyperlinks",
  "<printOptions",
  "<pageMargins",
  "<pageSetup",
  "<headerFooter",
  "<rowBreaks",
  "<colBreaks",
  "<customProperties",
  "<cellWatches",
  "<ignoredErrors",
  "<smartTags",
  "<drawing",
  "<legacyDrawing",
  "<legacyDrawingHF",
  "<picture",
  "<oleObjects",
  "<controls",
  "<webPublishItems",
  "<tableParts",
  "<extLst",
  "</worksheet>",
];

/**
 * The written file with the kept rules put back: on each sheet, every kept rule except
 * those on a column the written file has a rule of its own for (the product wrote its rule
 * for that column again).
 */
export async function putBackValidations(file: Buffer, kept: KeptValidations): Promise<Buffer> {
  if (kept.size === 0) return file;
  const zip = await JSZip.loadAsync(file);
  let changed = false;
  for (const [name, path] of await sheetParts(zip)) {
    const rules = kept.get(name);
    const xml = rules?.length ? await zip.file(path)?.async("string") : undefined;
    if (!rules || !xml) continue;
    const block = BLOCK.exec(xml);
    const written = block ? [...(block[1] ?? "").matchAll(RULE)].map((m) => m[0]) : [];
    const rewritten = new Set(written.flatMap(columnsOf));
    const theirs = rules.filter((r) => !columnsOf(r).some((c) => rewritten.has(c)));
    if (theirs.length === 0) continue;
    const all = [...written, ...theirs];
    const replacement = `<dataValidations count="${all.length}">${all.join("")}</dataValidations>`;
    let next: string;
    if (block) next = xml.replace(BLOCK, replacement);
    else {
      const at = Math.min(...AFTER_VALIDATIONS.map((tag) => xml.indexOf(tag)).filter((i) => i >= 0));
      next = xml.slice(0, at) + replacement + xml.slice(at);
    }
    zip.file(path, next);
    changed = true;
  }
  return changed ? zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }) : file;
}
