/**
 * The stamping policy — the chain of roles per customer class and the fields a stamp
 * covers — takes effect only as a record the register administrator signed. Settings
 * shows it in plain cells (盖章顺序-A/B/C类, 盖章覆盖字段) with its version (盖章规则版本)
 * and the administrator's signature (盖章规则签名); each signing is also logged, with the
 * whole policy, in the Change log. What applies:
 *
 * - the signed policy of the highest version found, on the Settings sheet or in the log
 *   (when the log is read: Validate and every action over the journal);
 * - before any policy is signed, the rules' own defaults (class A: department head then
 *   chairman; B and C: department head);
 * - a Settings cell that differs from the policy in force is reported and ignored, so
 *   cutting a chain or the covered fields in a cell changes nothing.
 *
 * Each stamp names the version it was made under.
 *
 * Since session 7 a signed version also carries every other rule Settings holds — the
 * departments and their kinds, regions, credit ratings, review months, the monthly target
 * and the close of business (`rules`, message v2); since session 14 also who may look up
 * customers (查询权限, `rules.lookRoles`, message v3; under an earlier version the built-in
 * roles apply). Once such a version is in force those
 * come from it too, and a cell that differs is reported and ignored. Before the
 * administrator first signs them, the cells apply: with no administrator there is nothing
 * to trust yet, and an office sets up its departments before it enrols anyone.
 */
import { canonicalJson } from "./stamps/encoding";
import { sign, verify } from "./stamps/keys";
import type { StaffTrust } from "./stamps/staff";
import { appendToLog } from "./log-writes";
import type { Problem } from "./problem";
import { readSheet, text } from "./records";
import { staffRoles } from "./schema/choices";
import { changeLog, register, settings as settingsSheet } from "./schema/sheets";
import { findSheet, headerIndex } from "./layout";
import { defaultSettings, readSettings, settingDefs, settingWrite, yesNo, type Settings } from "./settings";
import { cellText } from "./validate/text";
import type { Lang } from "./schema/model";
import type { Cell, Snapshot, Write } from "./workbook";

/** The rules Settings holds besides the stamping policy: signed with it from message v2 on. */
export type OfficeRules = Pick<
  Settings,
  | "departments"
  | "regions"
  | "creditRatings"
  | "reviewMonths"
  | "monthlyTarget"
  | "closeOfBusiness"
  | "everyoneSeals"
> & {
  /** Who may look up any customer (looking.ts): signed from message v3 on; absent in earlier versions. */
  lookRoles?: string[];
  /**
   * The register's sheets kept very hidden and protected (kept-sheets.ts): in message v3,
   * present only when true, so a v3 signature made before the rule existed still verifies.
   */
  keepHidden?: boolean;
};

export const rulesOf = (s: OfficeRules): OfficeRules => ({
  departments: s.departments.map((d) => ({ name: d.name, kind: d.kind })),
  regions: [...s.regions],
  creditRatings: [...s.creditRatings],
  reviewMonths: [...s.reviewMonths],
  monthlyTarget: s.monthlyTarget,
  closeOfBusiness: s.closeOfBusiness,
  everyoneSeals: s.everyoneSeals,
  ...(s.lookRoles ? { lookRoles: [...s.lookRoles] } : {}),
  ...(s.lookRoles && s.keepHidden ? { keepHidden: true } : {}),
});

/** The rules as a version signed before they covered who may look (message v2). */
const withoutLookRoles = (r: OfficeRules): OfficeRules => {
  const { lookRoles: _gone, keepHidden: _hidden, ...rest } = r;
  void _gone;
  void _hidden;
  return rest;
};

/** Who may look up any customer under signed rules: theirs, or the built-in default before v3 covered it. */
export const lookRolesOf = (rules: OfficeRules): string[] =>
  rules.lookRoles ?? [...defaultSettings.lookRoles];

export interface StampPolicy {
  /** 0: the built-in defaults, never signed. */
  version: number;
  stampChain: Record<string, string[]>;
  stampedFields: string[];
  /** The office's other rules, in versions signed since they were covered (message v2). */
  rules?: OfficeRules;
}

export interface SignedPolicy extends StampPolicy {
  /** The administrator's key fingerprint and signature over the policy. */
  key: string;
  signature: string;
}

export const builtInPolicy: StampPolicy = {
  version: 0,
  stampChain: defaultSettings.stampChain,
  stampedFields: defaultSettings.stampedFields,
};

export function policyMessage(p: StampPolicy): string {
  return canonicalJson({
    v: p.rules ? (p.rules.lookRoles ? 3 : 2) : 1,
    kind: "stamp-policy",
    version: p.version,
    stampChain: p.stampChain,
    stampedFields: p.stampedFields,
    ...(p.rules ? { rules: rulesOf(p.rules) } : {}),
  });
}

/** The administrators whose signature makes a policy: the trust root and the second administrators it countersigned. */
function policySigners(trust: StaffTrust): Map<string, string> {
  const out = new Map<string, string>();
  for (const [fp, s] of trust.byFingerprint)
    if (s.status === "trusted" && s.entry.role === "admin") out.set(fp, s.entry.publicKey);
  return out;
}

async function valid(p: SignedPolicy, trust: StaffTrust): Promise<boolean> {
  const key = policySigners(trust).get(p.key);
  return !!key && (await verify(key, policyMessage(p), p.signature));
}

/** The policy as the Settings cells state it, with the version and signature cells. */
function cellPolicy(snapshot: Snapshot): SignedPolicy {
  const name = findSheet(settingsSheet, snapshot.sheetNames)?.name;
  const s = readSettings(name ? snapshot.sheets[name]?.values : undefined);
  const [compact = "", signature = ""] = s.policySignature.split(/\s+/);
  const key = (compact.match(/.{1,4}/g) ?? []).join(" ");
  return {
    version: s.policyVersion,
    stampChain: s.stampChain,
    stampedFields: s.stampedFields,
    rules: rulesOf(s),
    key,
    signature,
  };
}

/** Signed policies the Change log holds (each signing logs the whole policy). */
function loggedPolicies(snapshot: Snapshot): (SignedPolicy & { index: number })[] {
  if (!findSheet(changeLog, snapshot.sheetNames)) return [];
  const out: (SignedPolicy & { index: number })[] = [];
  for (const [index, r] of readSheet(changeLog, snapshot).records.entries()) {
    if (text(r.values.action) !== "policy") continue;
    try {
      const p = JSON.parse(String(r.values.newValue ?? "")) as SignedPolicy;
      if (typeof p.version === "number" && p.stampChain && Array.isArray(p.stampedFields))
        out.push({ ...p, index });
    } catch {
      // A mangled policy row is the chain's business (log.chainBroken); it signs nothing.
    }
  }
  return out;
}

export interface PolicyInForce {
  policy: StampPolicy;
  /** Settings rows that differ from the policy in force (reported, ignored). */
  problems: Problem[];
  /** The fields a stamp covers under each validly signed version found (and the built-in 0), by version. */
  fields: Record<string, string[]>;
  /**
   * Whether every Change log row at this place (a record index) must be sealed: the highest
   * signed version logged up to it says so (a clerk's rows too). False before any such version.
   */
  everyoneSealsAt(index: number): boolean;
}

/** The stamping policy that applies, and the Settings cells that do not agree with it. */
export async function policyInForce(snapshot: Snapshot, trust: StaffTrust): Promise<PolicyInForce> {
  const cells = cellPolicy(snapshot);
  const logged = loggedPolicies(snapshot);
  let policy: StampPolicy = builtInPolicy;
  const fields: Record<string, string[]> = { [String(builtInPolicy.version)]: builtInPolicy.stampedFields };
  // The cells' policy as signed before who may look was covered (v2), or before any rules
  // were (v1), verifies without them.
  const cellsV2: SignedPolicy = { ...cells, rules: withoutLookRoles(cells.rules!) };
  const cellsV1: SignedPolicy = { ...cells, rules: undefined };
  // Where in the log each validly signed version was logged, and whether it asks every row's seal.
  const sealsFrom: { index: number; version: number; on: boolean }[] = [];
  const candidates: (SignedPolicy & { index?: number })[] = [cells, cellsV2, cellsV1, ...logged];
  for (const candidate of candidates)
    if (candidate.version > 0 && (await valid(candidate, trust))) {
      fields[String(candidate.version)] = candidate.stampedFields;
      if (candidate.version > policy.version) policy = candidate;
      if (candidate.index !== undefined)
        sealsFrom.push({
          index: candidate.index,
          version: candidate.version,
          on: candidate.rules?.everyoneSeals === true,
        });
    }
  /** Whether the version in force at this place in the log (the last one logged before it) asks every row's seal. */
  // The highest version logged up to that row: an older signed row logged again later (a
  // replay) changes nothing.
  const everyoneSealsAt = (index: number) => {
    let inForce: { version: number; on: boolean } | undefined;
    for (const s of sealsFrom) if (s.index <= index && (!inForce || s.version > inForce.version)) inForce = s;
    return inForce?.on ?? false;
  };
  const problems: Problem[] = [];
  const name = findSheet(settingsSheet, snapshot.sheetNames)?.name;
  const values = name ? snapshot.sheets[name]?.values : undefined;
  if (values) {
    const at = headerIndex(settingsSheet, values[0]);
    const rowOf = (key: string) => {
      const def = settingDefs.find((d) => d.key === key);
      // A class the sheet has no row for (a policy signed elsewhere): reported on row 1.
      if (!def) return 1;
      const i = values.findIndex(
        (r, k) => k > 0 && [def.label.zh, def.label.en, def.key].includes(cellText(r[at.settingKey!]).trim()),
      );
      return i > 0 ? i + 1 : 1;
    };
    const differs = (key: string, stated: string[], inForce: string[] | undefined) => {
      if ((inForce ?? []).join(",") !== stated.join(","))
        problems.push({
          sheet: "settings",
          row: rowOf(key),
          column: "settingValue",
          rule: "settings.unsigned",
          value: (inForce ?? []).join(","),
          detail: { version: policy.version },
        });
    };
    for (const cls of new Set([...Object.keys(cells.stampChain), ...Object.keys(policy.stampChain)]))
      differs(`stampChain.${cls}`, cells.stampChain[cls] ?? [], policy.stampChain[cls]);
    differs("stampedFields", cells.stampedFields, policy.stampedFields);
    if (policy.rules)
      problems.push(
        ...rulesDiffer(
          values,
          cells.rules!,
          policy.rules,
          policy.version,
          rowOf,
          findSheet(settingsSheet, snapshot.sheetNames)?.lang ?? "zh",
        ),
      );
    if (cells.version !== policy.version && policy.version > 0)
      problems.push({
        sheet: "settings",
        row: rowOf("policyVersion"),
        column: "settingValue",
        rule: "settings.unsigned",
        value: String(policy.version),
        detail: { version: policy.version },
      });
  }
  return {
    policy,
    problems,
    fields,
    everyoneSealsAt,
  };
}

/** The Settings cells of the office's rules that differ from the signed ones: each reported once, where it stands. */
function rulesDiffer(
  values: Cell[][],
  cells: OfficeRules,
  signed: OfficeRules,
  version: number,
  rowOf: (key: string) => number,
  lang: Lang,
): Problem[] {
  const problems: Problem[] = [];
  const at = headerIndex(settingsSheet, values[0]);
  const report = (row: number, column: string, value: string) =>
    problems.push({ sheet: "settings", row, column, rule: "settings.unsigned", value, detail: { version } });
  // The lists: the first row where the cells part from the signed list.
  const lists: [keyof typeof at & string, string[], string[]][] = [
    [
      "departments",
      cells.departments.map((d) => `${d.name}/${d.kind}`),
      signed.departments.map((d) => `${d.name}/${d.kind}`),
    ],
    ["regions", cells.regions, signed.regions],
    ["creditRatings", cells.creditRatings, signed.creditRatings],
  ];
  for (const [column, stated, inForce] of lists) {
    if (stated.join("\n") === inForce.join("\n")) continue;
    const col = at[column];
    let row = 2;
    if (col !== undefined) {
      const first = stated.findIndex((v, i) => v !== inForce[i]);
      // The sheet row of the list's first differing entry (blank cells are not entries).
      let seen = -1;
      for (let r = 1; r < values.length; r++)
        if (cellText(values[r]![col]).trim() !== "" && ++seen === (first < 0 ? stated.length - 1 : first)) {
          row = r + 1;
          break;
        }
    }
    const shown = column === "departments" ? signed.departments.map((d) => d.name) : inForce;
    report(row, column, shown.join(","));
  }
  for (const key of ["reviewMonths", "monthlyTarget", "closeOfBusiness"] as const) {
    const stated = String(cells[key]);
    const inForce = String(signed[key]);
    if (stated !== inForce) report(rowOf(key), "settingValue", inForce);
  }
  if (cells.everyoneSeals !== signed.everyoneSeals)
    report(rowOf("everyoneSeals"), "settingValue", yesNo(signed.everyoneSeals, lang));
  // Before a version covered it, the built-in roles apply, whatever the cell says.
  const looking = lookRolesOf(signed);
  if ((cells.lookRoles ?? []).join(",") !== looking.join(","))
    report(rowOf("lookRoles"), "settingValue", looking.join(","));
  if (!!cells.keepHidden !== !!signed.keepHidden)
    report(rowOf("keepHidden"), "settingValue", yesNo(!!signed.keepHidden, lang));
  return problems;
}

/** Settings with the stamping policy in force in place of whatever the cells say. */
export function withPolicy(
  settings: Settings,
  policy: StampPolicy,
  fields?: Record<string, string[]>,
): Settings {
  return {
    ...settings,
    ...(policy.rules
      ? {
          ...rulesOf(policy.rules),
          lookRoles: lookRolesOf(policy.rules),
          keepHidden: !!policy.rules.keepHidden,
        }
      : {}),
    ...(fields ? { policyFields: fields } : {}),
    stampChain: policy.stampChain,
    stampedFields: policy.stampedFields,
    policyVersion: policy.version,
  };
}

/**
 * The administrator signs the stamping policy as the Settings cells now state it, as the
 * next version: the version and signature cells are written and the whole policy logged.
 */
export async function planPolicySigning(
  snapshot: Snapshot,
  trust: StaffTrust,
  admin: { name: string; fingerprint: string; privateKey: CryptoKey },
  current: StampPolicy,
  now: { date: string; time: string },
  lang: Lang,
): Promise<{ version: number; problems: Problem[]; writes: Write[] }> {
  const cells = cellPolicy(snapshot);
  const problems: Problem[] = [];
  const me = trust.asOf(admin.fingerprint, `${now.date}T${now.time}`);
  if (!me || me.status !== "trusted" || me.entry.role !== "admin")
    problems.push({
      sheet: "settings",
      row: 1,
      column: "settingValue",
      rule: "policy.notAdmin",
      value: admin.name,
    });
  const roles = new Set(staffRoles.map((r) => r.code));
  for (const [cls, chain] of Object.entries(cells.stampChain))
    if (chain.length === 0 || chain.some((r) => !roles.has(r)))
      problems.push({
        sheet: "settings",
        row: 1,
        column: "settingValue",
        rule: "policy.badChain",
        value: `${cls}: ${chain.join(",")}`,
      });
  const fields = new Set(register.columns.filter((c) => !c.hidden).map((c) => c.key));
  const unknown = cells.stampedFields.filter((f) => !fields.has(f));
  if (cells.stampedFields.length === 0 || unknown.length)
    problems.push({
      sheet: "settings",
      row: 1,
      column: "settingValue",
      rule: "policy.badFields",
      value: unknown.join(","),
    });
  if (problems.length) return { version: current.version, problems, writes: [] };
  const policy: StampPolicy = {
    version: current.version + 1,
    stampChain: cells.stampChain,
    stampedFields: cells.stampedFields,
    rules: cells.rules!,
  };
  const signature = await sign(admin.privateKey, policyMessage(policy));
  const signed: SignedPolicy = { ...policy, key: admin.fingerprint, signature };
  const log = readSheet(changeLog, snapshot);
  const sheetLang = findSheet(settingsSheet, snapshot.sheetNames)?.lang ?? lang;
  const writes: Write[] = [
    ...(await appendToLog(log, [
      {
        time: `${now.date}T${now.time}`,
        person: admin.name,
        action: "policy",
        customerId: "",
        field: "settings",
        oldValue: String(current.version),
        newValue: canonicalJson(signed),
        reason: `v${policy.version}`,
      },
    ])),
    ...[
      settingWrite(snapshot, "policyVersion", String(policy.version), sheetLang),
      settingWrite(
        snapshot,
        "policySignature",
        `${admin.fingerprint.replace(/\s+/g, "")} ${signature}`,
        sheetLang,
      ),
    ].filter((w): w is Write => !!w),
  ];
  return { version: policy.version, problems, writes };
}
