import type { Cell, Snapshot, Write } from "./workbook";
import { departmentKinds, staffRoles } from "./schema/choices";
import { choiceCode, type Lang, type Words } from "./schema/model";
import { settings as settingsSheet } from "./schema/sheets";
import { cellText } from "./validate/text";
import { defaultStampedFields } from "./stamps/stamps";
import { findSheet, headerIndex } from "./layout";

/** 设置 — the workbook's configuration as the domain uses it. */
export interface Settings {
  departments: { name: string; kind: "business" | "other" }[];
  regions: string[];
  creditRatings: string[];
  /** Months (1–12) of the twice-yearly review; the rules say February and August. */
  reviewMonths: number[];
  /** New names wanted per month; the rules ask for at least 300. */
  monthlyTarget: number;
  /** Close of business, "HH:MM": non-business departments return list loans by then. */
  closeOfBusiness: string;
  /** Roles that must stamp an intake request, in order, per source class. */
  stampChain: Record<string, string[]>;
  /**
   * Register fields a stamp covers: changing one of them afterwards needs re-approval.
   * Changing another (a new phone number) does not.
   */
  stampedFields: string[];
  /** The register administrator's key fingerprint, as enrolment wrote it; shown for people to compare. */
  adminFingerprint: string;
  /**
   * Every Change log row must be sealed by a trusted key, a clerk's too (log-signing.ts):
   * in force only as the administrator signed it (policy.ts), never from the cell alone.
   */
  everyoneSeals: boolean;
  /** Date of the last "Back up workbook" ("2026-11-24"), for the monthly reminder. */
  lastBackup: string;
  /** The version of the signed stamping policy (policy.ts); 0 before any was signed. */
  policyVersion: number;
  /** The administrator's key (fingerprint without spaces) and signature over that policy. */
  policySignature: string;
  /** Who is writing to the register now (lease.ts): token, until when, who; "" when nobody. */
  writeLease: string;
  /** The fields a stamp covers under each signed policy version known (policy.ts), by version. */
  policyFields?: Record<string, string[]>;
  /**
   * Roles that may look up any customer (查询权限, looking.ts): a card, an extract, a mailing.
   * Anyone else enrolled may look only at customers they are responsible for.
   */
  lookRoles: string[];
  /**
   * 保密工作表隐藏: the Register, archives, Change log and Staff kept very hidden and
   * protected (kept-sheets.ts). In force as the administrator signed it (policy.ts).
   */
  keepHidden: boolean;
}

interface SettingDef {
  key:
    | keyof Omit<
        Settings,
        "departments" | "regions" | "creditRatings" | "stampChain" | "stampedFields" | "policyVersion"
      >
    | "policyVersion"
    | "stampedFields"
    | `stampChain.${string}`;
  label: Words;
  value: string;
}

/** Single settings as they stand on the sheet, with their default values. */
export const settingDefs: SettingDef[] = [
  { key: "reviewMonths", label: { zh: "复核月份", en: "Review months" }, value: "2,8" },
  { key: "monthlyTarget", label: { zh: "每月新增目标", en: "Monthly new-name target" }, value: "300" },
  { key: "closeOfBusiness", label: { zh: "下班时间", en: "Close of business" }, value: "17:30" },
  {
    key: "stampChain.A",
    label: { zh: "盖章顺序-A类", en: "Stamp chain class A" },
    value: "deptHead,chairman",
  },
  { key: "stampChain.B", label: { zh: "盖章顺序-B类", en: "Stamp chain class B" }, value: "deptHead" },
  { key: "stampChain.C", label: { zh: "盖章顺序-C类", en: "Stamp chain class C" }, value: "deptHead" },
  {
    key: "stampedFields",
    label: { zh: "盖章覆盖字段", en: "Fields stamps cover" },
    value: defaultStampedFields.join(","),
  },
  {
    key: "adminFingerprint",
    label: { zh: "管理员密钥指纹", en: "Administrator key fingerprint" },
    value: "",
  },
  { key: "lastBackup", label: { zh: "最近备份日期", en: "Last backup" }, value: "" },
  {
    key: "everyoneSeals",
    label: { zh: "变更记录须全员签名", en: "Every log row sealed" },
    value: "是",
  },
  { key: "policyVersion", label: { zh: "盖章规则版本", en: "Stamp rules version" }, value: "0" },
  { key: "writeLease", label: { zh: "写入租约", en: "Write lease" }, value: "" },
  { key: "policySignature", label: { zh: "盖章规则签名", en: "Stamp rules signature" }, value: "" },
  {
    key: "lookRoles",
    label: { zh: "查询权限", en: "Who may look up customers" },
    value: "admin,clerk,chairman,manager,adminHead,deptHead",
  },
  {
    key: "keepHidden",
    label: { zh: "保密工作表隐藏", en: "Keep register sheets hidden" },
    value: "否",
  },
];

export const defaultSettings: Settings = {
  departments: [
    { name: "业务一部", kind: "business" },
    { name: "业务二部", kind: "business" },
    { name: "海外业务部", kind: "business" },
    { name: "总务部", kind: "other" },
    { name: "财务科", kind: "other" },
  ],
  regions: ["华北", "东北", "华东", "华中", "华南", "西南", "西北", "港澳台", "海外"],
  creditRatings: ["AAA", "AA", "A", "B", "C"],
  reviewMonths: [2, 8],
  monthlyTarget: 300,
  closeOfBusiness: "17:30",
  stampChain: { A: ["deptHead", "chairman"], B: ["deptHead"], C: ["deptHead"] },
  stampedFields: defaultStampedFields,
  adminFingerprint: "",
  everyoneSeals: true,
  writeLease: "",
  lastBackup: "",
  policyVersion: 0,
  policySignature: "",
  lookRoles: ["admin", "clerk", "chairman", "manager", "adminHead", "deptHead"],
  keepHidden: false,
};

/** The Settings sheet's rows (below the header) for a new workbook, in a language. */
export function defaultSettingsRows(lang: Lang): Cell[][] {
  const d = defaultSettings;
  const height = Math.max(d.departments.length, d.regions.length, d.creditRatings.length, settingDefs.length);
  const rows: Cell[][] = [];
  for (let i = 0; i < height; i++) {
    const dept = d.departments[i];
    const kind = dept ? departmentKinds.find((k) => k.code === dept.kind)![lang] : "";
    const def = settingDefs[i];
    rows.push([
      dept?.name ?? "",
      kind,
      d.regions[i] ?? "",
      d.creditRatings[i] ?? "",
      def ? def.label[lang] : "",
      def
        ? def.key === "everyoneSeals" || def.key === "keepHidden"
          ? yesNo(d[def.key], lang)
          : def.value
        : "",
    ]);
  }
  return rows;
}

/** Reads the Settings sheet (header row first); missing or blank entries fall back to defaults. */
export function readSettings(values: Cell[][] | undefined): Settings {
  if (!values || values.length < 2) return structuredClone(defaultSettings);
  const at = headerIndex(settingsSheet, values[0]);
  const column = (key: string) =>
    at[key] === undefined ? [] : values.slice(1).map((r) => cellText(r[at[key]!]).trim());
  const nonEmpty = (xs: string[]) => xs.filter((x) => x !== "");

  const names = column("departments");
  const kinds = column("departmentKind");
  const departments = names
    .map((name, i) => ({
      name,
      kind: (choiceCode(departmentKinds, kinds[i] ?? "") ?? "business") as "business" | "other",
    }))
    .filter((d) => d.name !== "");

  const pairs = new Map<string, string>();
  const keys = column("settingKey");
  const vals = column("settingValue");
  keys.forEach((k, i) => {
    const def = settingDefs.find((d) => d.label.zh === k || d.label.en === k || d.key === k);
    if (def && vals[i]) pairs.set(def.key, vals[i]!);
  });
  const get = (key: string) => pairs.get(key) ?? settingDefs.find((d) => d.key === key)!.value;

  const months = get("reviewMonths")
    .split(/[,，、\s]+/)
    .map(Number)
    .filter((m) => Number.isInteger(m) && m >= 1 && m <= 12);
  const target = Number(get("monthlyTarget"));
  const stampChain: Record<string, string[]> = {};
  for (const def of settingDefs.filter((d) => d.key.startsWith("stampChain."))) {
    stampChain[def.key.slice("stampChain.".length)] = get(def.key)
      .split(/[,，、\s]+/)
      .filter(Boolean);
  }
  return {
    departments: departments.length ? departments : structuredClone(defaultSettings.departments),
    regions: nonEmpty(column("regions")).length ? nonEmpty(column("regions")) : [...defaultSettings.regions],
    creditRatings: nonEmpty(column("creditRatings")).length
      ? nonEmpty(column("creditRatings"))
      : [...defaultSettings.creditRatings],
    reviewMonths: months.length ? months : [...defaultSettings.reviewMonths],
    monthlyTarget: Number.isFinite(target) && target > 0 ? target : defaultSettings.monthlyTarget,
    closeOfBusiness: /^\d{1,2}:\d{2}$/.test(get("closeOfBusiness"))
      ? get("closeOfBusiness")
      : defaultSettings.closeOfBusiness,
    stampChain,
    stampedFields: get("stampedFields")
      .split(/[,，、\s]+/)
      .filter(Boolean),
    adminFingerprint: get("adminFingerprint"),
    everyoneSeals: readYesNo(get("everyoneSeals"), defaultSettings.everyoneSeals),
    writeLease: get("writeLease"),
    lastBackup: /^\d{4}-\d{2}-\d{2}$/.test(get("lastBackup")) ? get("lastBackup") : "",
    policyVersion: /^\d+$/.test(get("policyVersion")) ? Number(get("policyVersion")) : 0,
    policySignature: get("policySignature"),
    lookRoles: roleCodes(get("lookRoles")),
    keepHidden: readYesNo(get("keepHidden"), defaultSettings.keepHidden),
  };
}

/** Roles as typed: codes or their names in either language, separated by commas; unknown ones dropped. */
function roleCodes(cell: string): string[] {
  const out: string[] = [];
  for (const word of cell
    .split(/[,，、;；]+/)
    .map((w) => w.trim())
    .filter(Boolean)) {
    const role = staffRoles.find(
      (r) => r.code === word || r.zh === word || r.en.toLowerCase() === word.toLowerCase(),
    );
    if (role && !out.includes(role.code)) out.push(role.code);
  }
  return out;
}

/** A yes-or-no setting as the sheet shows it. */
export const yesNo = (value: boolean, lang: Lang) =>
  (value ? { zh: "是", en: "yes" } : { zh: "否", en: "no" })[lang];

/** A yes-or-no setting as typed: 是/否, yes/no, true/false, 1/0; anything else is the default. */
function readYesNo(cell: string, fallback: boolean): boolean {
  if (/^(是|yes|y|true|1)$/i.test(cell)) return true;
  if (/^(否|no|n|false|0)$/i.test(cell)) return false;
  return fallback;
}

export function settingsList(s: Settings, list: "departments" | "regions" | "creditRatings"): string[] {
  return list === "departments" ? s.departments.map((d) => d.name) : s[list];
}

/** The write that sets one single setting on the Settings sheet, adding its row when missing. */
export function settingWrite(snapshot: Snapshot, key: string, value: string, lang: Lang): Write | undefined {
  const found = findSheet(settingsSheet, snapshot.sheetNames);
  const values = found && snapshot.sheets[found.name]?.values;
  const def = settingDefs.find((d) => d.key === key);
  if (!found || !values || !def) return undefined;
  const at = headerIndex(settingsSheet, values[0]);
  const keyCol = at.settingKey;
  const valueCol = at.settingValue;
  if (keyCol === undefined || valueCol === undefined) return undefined;
  const row = values.findIndex(
    (r, i) => i > 0 && [def.label.zh, def.label.en, def.key].includes(cellText(r[keyCol]).trim()),
  );
  if (row > 0) return { kind: "values", sheet: found.name, row, col: valueCol, values: [[value]] };
  let free = values.findIndex((r, i) => i > 0 && cellText(r[keyCol]).trim() === "");
  if (free < 0) free = values.length;
  const cells: Cell[] = new Array(valueCol - keyCol + 1).fill("");
  cells[0] = def.label[found.lang ?? lang];
  cells[cells.length - 1] = value;
  return valueCol > keyCol
    ? { kind: "values", sheet: found.name, row: free, col: keyCol, values: [cells] }
    : { kind: "values", sheet: found.name, row: free, col: valueCol, values: [[value]] };
}

/** The version of the stamping policy a stamp is made under (policy.ts), as the stamp names it. */
export function policyVersion(s: Pick<Settings, "policyVersion">): string {
  return String(s.policyVersion);
}
