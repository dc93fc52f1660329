/**
 * customer-register — the workbook as a file. The same domain core as the add-in, over
 * .xlsx files (ExcelJS), for batch use and so tests can print what the product writes.
 *
 *   sample <out.xlsx> [--rows N] [--month YYYY-MM] [--lang zh|en] [--force]
 *   validate <book.xlsx> [--admin FINGERPRINT] [--today YYYY-MM-DD] [--lang zh|en] [--json]
 *     (FINGERPRINT: the register administrator's key fingerprint; or a book.xlsx.trust
 *     file beside the workbook holding it. Without either, every stamp is UNVERIFIED.)
 *   build-month <book.xlsx> <YYYY-MM> [--twelve] [--out out.xlsx]
 *   dept-lists <book.xlsx> [--out out.xlsx]
 *   card <book.xlsx> <customer ID> [--admin FINGERPRINT] [--person NAME] [--purpose TEXT] [--out out.xlsx]
 *   mail <book.xlsx> --purpose TEXT [--envelopes] [--class C] [--region R] [--type T] [--department D] [--key] [--person NAME] [--release LOAN --admin FINGERPRINT] [--out out.xlsx]
 *   backup <book.xlsx> [--out backup.xlsx] [--password-file FILE] [--force] [--lang zh|en]
 *     (the monthly backup: the workbook's file, byte for byte, encrypted with Excel's own file
 *     encryption under a password read from FILE's first line or from the environment
 *     variable REGISTER_BACKUP_PASSWORD — never from the command line, where shell history
 *     and the process list would keep it. The password is stored nowhere.)
 *
 * Exit status: 0 done (validate: no problems), 1 problems found, 2 the command could not do
 * its job — a bad command line, a file that is missing, not an .xlsx workbook or not a
 * register, an existing file `sample` would overwrite — with one line saying why, in the
 * language of `--lang`.
 */
import { bookContext } from "../domain/book-context";
import ExcelJS from "exceljs";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { userInfo } from "node:os";
import { backupFileName, planBackupRecord } from "../domain/backup";
import { outsideRelease } from "../domain/loans";
import { encryptWorkbook } from "../domain/backup-crypto";
import { backupPasswordProblem } from "../domain/backup-password";
import { applyToSnapshot } from "../domain/apply";
import { rebuildDepartmentLists } from "../domain/department-lists";
import { workbookLang } from "../domain/layout";
import { lastTwelveMonths } from "../domain/lists/monthly";
import { planMonthlyBuild } from "../domain/lists/monthly-sheets";
import { buildCard } from "../domain/card";
import { planCardSheet } from "../domain/card-sheet";
import { planMailing } from "../domain/mailing";
import type { Problem } from "../domain/problem";
import { readSheet, text } from "../domain/records";
import { sampleRegister } from "../domain/sample";
import { planAdoption } from "../domain/journal/adopt";
import type { Lang } from "../domain/schema/model";
import { changeLog, register, setUpSheets } from "../domain/schema/sheets";
import { tracedSheets } from "../domain/trace";
import { appendToLog } from "../domain/log-writes";
import { planSetup, validationWrites } from "../domain/setup";
import { isoToSerial } from "../domain/validate/date";
import { checkWorkbook } from "../domain/workbook-check";
import type { Snapshot, Write } from "../domain/workbook";
import { t } from "../taskpane/i18n";
import { ruleText } from "../taskpane/rule-text";
import { applyWrites, openBook, snapshotOf, writeBook } from "./xlsx";
import { streamSnapshot } from "./stream-read";

interface Args {
  positional: string[];
  flags: Record<string, string | true>;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { positional: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) {
      args.positional.push(a);
      continue;
    }
    const next = argv[i + 1];
    if (
      next !== undefined &&
      !next.startsWith("--") &&
      !["--twelve", "--envelopes", "--key", "--force", "--json"].includes(a)
    ) {
      args.flags[a.slice(2)] = next;
      i++;
    } else args.flags[a.slice(2)] = true;
  }
  return args;
}

/** Where `backup` reads its password when no --password-file is given. */
export const BACKUP_PASSWORD_ENV = "REGISTER_BACKUP_PASSWORD";

const USAGE = `usage:
  customer-register sample <out.xlsx> [--rows N] [--month YYYY-MM] [--lang zh|en] [--force]
  customer-register validate <book.xlsx> [--admin FINGERPRINT] [--today YYYY-MM-DD] [--lang zh|en] [--json]
  customer-register build-month <book.xlsx> <YYYY-MM> [--twelve] [--out out.xlsx]
  customer-register dept-lists <book.xlsx> [--out out.xlsx]
  customer-register card <book.xlsx> <customer ID> [--admin FINGERPRINT] [--person NAME] [--purpose TEXT] [--out out.xlsx]
  customer-register mail <book.xlsx> --purpose TEXT [--envelopes] [--class C] [--region R] [--type T] [--department D] [--key] [--person NAME] [--release LOAN --admin FINGERPRINT] [--out out.xlsx]
  customer-register backup <book.xlsx> [--out backup.xlsx] [--password-file FILE] [--force] [--lang zh|en]

backup writes the workbook encrypted with Excel's own file encryption (AES-256). Its password
is read from FILE's first line, or from the environment variable ${BACKUP_PASSWORD_ENV};
never give it on the command line: shell history and the process list would keep it. The
password is stored nowhere: without it the backup cannot be opened.`;

type Out = { log: (s: string) => void; error: (s: string) => void };

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The time now, as the log writes it ("HH:MM"). */
function timeNow(): string {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/**
 * Who the log names for what the command makes (looking.ts): --person, else the account
 * running it. A claim, not a proof: the command holds nobody's key, so Validate judges the
 * name against the Staff sheet (docs/confidentiality.md).
 */
function personOf(flags: Record<string, string | boolean>): string {
  if (typeof flags.person === "string" && flags.person.trim()) return flags.person.trim();
  try {
    return userInfo().username || "cli";
  } catch {
    return "cli";
  }
}

function problemLine(lang: Lang, p: Problem & { sheetName?: string; address?: string }): string {
  const where = p.sheetName ? `${p.sheetName}!${p.address}` : `${p.sheet} row ${p.row} ${p.column}`;
  return `${where}  ${ruleText(lang, p)}${p.value ? `  [${p.value}]` : ""}${p.fix ? `  → ${p.fix}` : ""}`;
}

async function save(
  wb: ExcelJS.Workbook,
  snapshot: Snapshot,
  writes: Write[],
  path: string,
  lang: Lang,
  /** The language the person is told things in (`--lang`), not the workbook's. */
  messages: Lang = lang,
) {
  await applyWrites(wb, writes);
  // The set-up sheets' rules are written again (bounded); the file's other rules are kept (writeBook).
  await applyWrites(wb, validationWrites(applyToSnapshot(snapshot, writes), lang));
  await written(wb, path, messages);
}

/** The command cannot do its job: exit status 2, and one line saying why. */
export class CannotDo extends Error {}

const why = {
  missing: { zh: "找不到文件:{file}", en: "No such file: {file}" },
  notXlsx: {
    zh: "无法读取 {file}:它不是 Excel 工作簿(.xlsx),或文件已损坏。",
    en: "Cannot read {file}: it is not an Excel workbook (.xlsx), or the file is damaged.",
  },
  notRegister: {
    zh: "{file} 不是客户名簿工作簿:没有带表头的“客户原簿”工作表。请先在加载项中“设置工作簿”,或检查文件是否选对。",
    en: "{file} is not a customer register workbook: it has no Register sheet with its header row. Set it up from the add-in first, or check that this is the right file.",
  },
  exists: {
    zh: "{file} 已存在,未覆盖。要替换它,请加上 --force。",
    en: "{file} already exists and was not overwritten. Add --force to replace it.",
  },
  noPassword: {
    zh: "没有备份密码:请用 --password-file <文件>(文件第一行即密码),或设置环境变量 REGISTER_BACKUP_PASSWORD。",
    en: "No backup password: give --password-file <file> (its first line is the password), or set the environment variable REGISTER_BACKUP_PASSWORD.",
  },
  passwordOnCommandLine: {
    zh: "命令行上的密码不予接受(会留在命令历史和进程列表中):请改用 --password-file <文件> 或环境变量 REGISTER_BACKUP_PASSWORD。未写入任何文件。",
    en: "A password on the command line is refused (shell history and the process list would keep it): use --password-file <file> or the environment variable REGISTER_BACKUP_PASSWORD. Nothing was written.",
  },
  sameFile: {
    zh: "备份不能写在工作簿本身 {file} 上:请用 --out 指定另一个文件。",
    en: "The backup cannot be written over the workbook {file} itself: give another file with --out.",
  },
  cannotWrite: {
    zh: "无法写入 {file}:文件被占用(是否在 Excel 中打开着?)、没有写入权限,或路径不对。原文件未改动。",
    en: "Cannot write {file}: it is in use (open in Excel?), not writable, or the path is wrong. The original file is unchanged.",
  },
} as const;

const cannot = (lang: Lang, reason: keyof typeof why, file: string) =>
  new CannotDo(why[reason][lang].replace("{file}", file));

/** Writes the workbook, or says in one line why it cannot (a file open in Excel is locked on Windows). */
async function written(wb: ExcelJS.Workbook, path: string, lang: Lang): Promise<void> {
  try {
    await writeBook(wb, path);
  } catch (error) {
    if (typeof (error as { code?: unknown }).code === "string") throw cannot(lang, "cannotWrite", path);
    throw error;
  }
}

/** Opens a register workbook, or says in one line why it cannot. */
async function openRegister(file: string, lang: Lang): Promise<{ wb: ExcelJS.Workbook; snapshot: Snapshot }> {
  if (!existsSync(file)) throw cannot(lang, "missing", file);
  let wb: ExcelJS.Workbook;
  try {
    wb = await openBook(file);
  } catch {
    throw cannot(lang, "notXlsx", file);
  }
  const snapshot = snapshotOf(wb);
  if (!readSheet(register, snapshot).name) throw cannot(lang, "notRegister", file);
  return { wb, snapshot };
}

/**
 * A register read for looking only (`validate`): streamed, without ExcelJS's model of the
 * whole file (stream-read.ts); read whole when the stream cannot name every sheet.
 */
async function readRegister(file: string, lang: Lang): Promise<Snapshot> {
  if (!existsSync(file)) throw cannot(lang, "missing", file);
  let snapshot: Snapshot | undefined;
  try {
    snapshot = await streamSnapshot(file);
  } catch {
    snapshot = undefined;
  }
  if (!snapshot) return (await openRegister(file, lang)).snapshot;
  if (!readSheet(register, snapshot).name) throw cannot(lang, "notRegister", file);
  return snapshot;
}

/**
 * The administrator fingerprint stamps are verified against: `--admin <fingerprint>`, or
 * the first line of a trust file beside the workbook (`book.xlsx.trust`). Without one the
 * tool trusts nobody: it never takes the workbook's word for its own administrator.
 */
export function trustRoot(file: string, flags: Args["flags"]): string | undefined {
  const given =
    typeof flags.admin === "string"
      ? flags.admin
      : existsSync(`${file}.trust`)
        ? (readFileSync(`${file}.trust`, "utf8").split(/\r?\n/)[0] ?? "")
        : "";
  const hexDigits = given.replace(/[\s:-]/g, "").toUpperCase();
  if (!/^[0-9A-F]{32}$/.test(hexDigits)) return undefined;
  return hexDigits.match(/.{4}/g)!.join(" ");
}

function unverifiedLine(lang: Lang, root: string | undefined): string {
  if (lang === "zh")
    return root
      ? `未核验(UNVERIFIED):工作簿中没有指纹为 ${root} 的名簿管理员,所有盖章均未核验。`
      : "未核验(UNVERIFIED):未指定名簿管理员指纹(--admin 或工作簿旁的 .trust 文件),所有盖章均未核验。";
  return root
    ? `UNVERIFIED: the workbook has no register administrator with fingerprint ${root}; no stamp is verified.`
    : "UNVERIFIED: no administrator fingerprint given (--admin, or a .trust file beside the workbook); no stamp is verified.";
}

/** Runs one command; returns the exit status (see the top of this file). */
export async function main(argv: string[], out: Out = console): Promise<number> {
  try {
    return await run(argv, out);
  } catch (error) {
    if (!(error instanceof CannotDo)) throw error;
    out.error(error.message);
    return 2;
  }
}

async function run(argv: string[], out: Out): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  const [command, file, extra] = positional;
  const lang: Lang = flags.lang === "en" ? "en" : "zh";
  if (!command || !file) {
    out.error(USAGE);
    return 2;
  }
  switch (command) {
    case "sample": {
      const rows = Number(flags.rows ?? 400);
      const month = typeof flags.month === "string" ? flags.month : today().slice(0, 7);
      if (!Number.isInteger(rows) || rows < 0 || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
        out.error(USAGE);
        return 2;
      }
      if (existsSync(file) && flags.force !== true) throw cannot(lang, "exists", file);
      const wb = new ExcelJS.Workbook();
      const empty: Snapshot = { sheetNames: [], sheets: {} };
      const setup = planSetup(empty, lang);
      await applyWrites(wb, setup.writes);
      const set = applyToSnapshot(empty, setup.writes);
      // Posted over the twelve months up to `month`, most in the latest: a register in use.
      const months = lastTwelveMonths(month);
      const posted = register.columns.findIndex((c) => c.key === "postedDate");
      const data = sampleRegister(rows, lang).map((r, i) => {
        const m = i % 4 === 0 ? months[i % 12]! : month;
        r[posted] = isoToSerial(`${m}-${String(1 + (i % 20)).padStart(2, "0")}`);
        return r;
      });
      const reg = register.name[lang];
      const writes: Write[] = [{ kind: "values", sheet: reg, row: 1, col: 0, values: data }];
      const filled = applyToSnapshot(set, writes);
      const departments = readSheet(register, filled).records.map((r) => text(r.values.department));
      writes.push(...rebuildDepartmentLists(readSheet(register, filled), departments, filled, lang));
      // A register kept before the add-in: taken into the Change log as the first set-up does.
      const adoption = await planAdoption(filled, "sample", { date: `${month}-01`, time: "09:00" }, lang);
      writes.push(...adoption.writes);
      await applyWrites(wb, writes);
      await written(wb, file, lang);
      out.log(`${file}: ${rows} customers, ${new Set(departments).size} department lists`);
      return 0;
    }
    case "validate": {
      const snapshot = await readRegister(file, lang);
      const day = typeof flags.today === "string" ? flags.today : today();
      const root = trustRoot(file, flags);
      // A day given (--today) is judged from its start; else the clock's time.
      const at = typeof flags.today === "string" ? `${day}T00:00` : `${day}T${timeNow()}`;
      const outcome = await checkWorkbook(snapshot, day, root, false, [], at);
      if (flags.json === true) {
        // For machines: one JSON document, problems with where, rule, the rule's words and the fix.
        out.log(
          JSON.stringify({
            unverified: outcome.unverified,
            checked: outcome.checked,
            problems: outcome.problems.map((p) => ({ ...p, message: ruleText(lang, p) })),
          }),
        );
        return outcome.problems.some((p) => !p.tidy) ? 1 : 0;
      }
      // A warning about the run, not a finding: on stderr, so stdout holds the problems and the summary.
      if (outcome.unverified) out.error(unverifiedLine(lang, root));
      for (const p of outcome.problems) out.log(problemLine(lang, p));
      const rows = Object.values(outcome.checked).reduce((a, b) => a + b, 0);
      // Tidy-ups (a valid phone written another way) are listed, but are not problems.
      const tidy = outcome.problems.filter((p) => p.tidy).length;
      const found = outcome.problems.length - tidy;
      out.log(
        (lang === "zh"
          ? `共检查 ${rows} 行,发现 ${found} 个问题。`
          : `Checked ${rows} rows; found ${found} problem${found === 1 ? "" : "s"}.`) +
          (tidy
            ? lang === "zh"
              ? `另有 ${tidy} 处写法可整理。`
              : ` ${tidy} value${tidy === 1 ? "" : "s"} could be tidied.`
            : ""),
      );
      return found ? 1 : 0;
    }
    case "build-month": {
      if (!extra) {
        out.error(USAGE);
        return 2;
      }
      const { wb, snapshot } = await openRegister(file, lang);
      const sheetLang = workbookLang(setUpSheets, snapshot, lang);
      const months = flags.twelve ? lastTwelveMonths(extra) : [extra];
      const now = { date: today(), time: timeNow() };
      const plan = await planMonthlyBuild(
        snapshot,
        months,
        ["new", "invalid"],
        personOf(flags),
        now,
        sheetLang,
      );
      if (plan.problems.length) {
        for (const p of plan.problems) out.error(problemLine(lang, p));
        return 1;
      }
      await save(wb, snapshot, plan.writes, String(flags.out ?? file), sheetLang, lang);
      for (const l of plan.lists) out.log(`${l.sheetName}: ${l.count}`);
      return 0;
    }
    case "dept-lists": {
      const { wb, snapshot } = await openRegister(file, lang);
      const sheetLang = workbookLang(setUpSheets, snapshot, lang);
      const reg = readSheet(register, snapshot);
      const departments = reg.records.map((r) => text(r.values.department));
      // Sheets for paper: each traced, its code in the footer and its row in the log (trace.ts).
      const lists = tracedSheets(
        rebuildDepartmentLists(reg, departments, snapshot, sheetLang),
        "buildDeptList",
        personOf(flags),
        `${today()}T${timeNow()}`,
        sheetLang,
      );
      const logged = await appendToLog(readSheet(changeLog, snapshot), lists.entries);
      await save(wb, snapshot, [...lists.writes, ...logged], String(flags.out ?? file), sheetLang, lang);
      out.log(`${new Set(departments.filter(Boolean)).size} department lists`);
      return 0;
    }
    case "card": {
      if (!extra) {
        out.error(USAGE);
        return 2;
      }
      const { wb, snapshot } = await openRegister(file, lang);
      const sheetLang = workbookLang(setUpSheets, snapshot, lang);
      const root = trustRoot(file, flags);
      const { settings, trust } = await bookContext(snapshot, root, false);
      const now = { date: today(), time: timeNow() };
      const card = await buildCard(snapshot, settings, trust, extra, now, sheetLang);
      // A card with stamps says they are unverified when no administrator was given.
      if (trust.unverified && card.stamps.length) out.log(unverifiedLine(lang, root));
      if (card.where === "unknown") {
        out.error(
          problemLine(lang, { sheet: "register", row: 1, column: "id", rule: "id.unknown", value: extra }),
        );
        return 1;
      }
      const plan = await planCardSheet(
        snapshot,
        card,
        personOf(flags),
        now,
        sheetLang,
        (issue) => ruleText(lang, { sheet: "register", row: 0, column: "stamps", rule: issue, value: "" }),
        typeof flags.purpose === "string" ? flags.purpose : "",
      );
      await save(wb, snapshot, plan.writes, String(flags.out ?? file), sheetLang, lang);
      out.log(plan.sheetName);
      return 0;
    }
    case "mail": {
      const { wb, snapshot } = await openRegister(file, lang);
      const sheetLang = workbookLang(setUpSheets, snapshot, lang);
      const word = (k: string) => (typeof flags[k] === "string" ? (flags[k] as string) : undefined);
      const filter = {
        class: word("class"),
        region: word("region"),
        type: word("type"),
        department: word("department"),
        keyOnly: flags.key === true,
      };
      const form = flags.envelopes ? "envelopes" : "labels";
      // For a party outside the company: the chairman-approved loan naming it (--release L…),
      // judged against the administrator given (--admin or the trust file).
      let outside: { loanNo: string; recipient: string } | undefined;
      if (typeof flags.release === "string") {
        const { settings, trust } = await bookContext(snapshot, trustRoot(file, flags), false);
        const release = await outsideRelease(snapshot, settings, trust, flags.release);
        if ("problem" in release) {
          out.error(problemLine(lang, release.problem));
          return 1;
        }
        outside = { loanNo: flags.release.trim(), recipient: release.recipient };
      }
      const plan = await planMailing(
        snapshot,
        filter,
        form,
        personOf(flags),
        { date: today(), time: timeNow() },
        sheetLang,
        typeof flags.purpose === "string" ? flags.purpose : "",
        outside,
      );
      if (plan.problems.length) {
        for (const p of plan.problems) out.error(problemLine(lang, p));
        return 1;
      }
      await save(wb, snapshot, plan.writes, String(flags.out ?? file), sheetLang, lang);
      out.log(`${plan.sheetName}: ${plan.count}`);
      return 0;
    }
    case "backup": {
      if (flags.password !== undefined) throw cannot(lang, "passwordOnCommandLine", "");
      const password = backupPassword(flags, lang);
      await readRegister(file, lang);
      const target =
        typeof flags.out === "string" ? flags.out : join(dirname(file), backupFileName(today(), lang));
      if (resolve(target) === resolve(file)) throw cannot(lang, "sameFile", file);
      if (existsSync(target) && flags.force !== true) throw cannot(lang, "exists", target);
      const weak = backupPasswordProblem(password);
      if (weak) throw new CannotDo(t(lang, weak));
      const encrypted = await encryptWorkbook(new Uint8Array(readFileSync(file)), password);
      try {
        writeFileSync(target, encrypted);
      } catch {
        throw cannot(lang, "cannotWrite", target);
      }
      const kb = Math.ceil(encrypted.length / 1024);
      // Recorded in the workbook as the pane records it (date on Settings, a Change log row
      // naming the file and its size; never the password): after the copy, so the copy is
      // the workbook as it stood.
      const { wb, snapshot } = await openRegister(file, lang);
      const sheetLang = workbookLang(setUpSheets, snapshot, lang);
      const record = await planBackupRecord(
        snapshot,
        basename(target),
        encrypted.length,
        personOf(flags),
        { date: today(), time: timeNow() },
        sheetLang,
      );
      await save(wb, snapshot, record.writes, file, sheetLang, lang);
      out.log(
        lang === "zh"
          ? `${target}:${kb} KB,已用密码加密(AES-256)。密码未保存在任何地方:请另行妥善保管,没有它备份无法打开。`
          : `${target}: ${kb} KB, encrypted under the password (AES-256). The password is stored nowhere: keep it safe apart, without it the backup cannot be opened.`,
      );
      return 0;
    }
    default:
      out.error(USAGE);
      return 2;
  }
}

/**
 * The backup password: the first line of --password-file, else the environment variable.
 * Never an argument: a command line shows in shell history and in every process listing.
 */
function backupPassword(flags: Args["flags"], lang: Lang): string {
  const from = flags["password-file"];
  if (typeof from === "string") {
    if (!existsSync(from)) throw cannot(lang, "missing", from);
    const password = readFileSync(from, "utf8").split(/\r?\n/)[0] ?? "";
    if (!password) throw cannot(lang, "noPassword", "");
    return password;
  }
  const password = process.env[BACKUP_PASSWORD_ENV];
  if (!password) throw cannot(lang, "noPassword", "");
  return password;
}

if (process.argv[1] && /main\.[tj]s$/.test(process.argv[1])) {
  // exitCode, not exit(): Node then ends only once everything written to a pipe has drained
  // (`validate … | tail` gets every line and the summary).
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 2;
    },
  );
}
