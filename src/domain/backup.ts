/**
 * 加设密码并备份 — the monthly backup. The rules keep a copy updated at each month's end;
 * the pane reminds the clerk until this month's copy is taken, and each backup is logged
 * and dated on the Settings sheet so every clerk's pane knows.
 */
import { appendToLog } from "./log-writes";
import { readSheet } from "./records";
import type { Lang } from "./schema/model";
import { changeLog } from "./schema/sheets";
import { settingWrite } from "./settings";
import type { Snapshot, Write } from "./workbook";

/** Whether this month's backup is still to be taken. */
export function backupDue(lastBackup: string, today: string): boolean {
  return !lastBackup || lastBackup.slice(0, 7) < today.slice(0, 7);
}

/** 客户名簿-备份-2026-11-24.xlsx */
export function backupFileName(today: string, lang: Lang): string {
  return `${lang === "zh" ? "客户名簿-备份" : "customer-register-backup"}-${today}.xlsx`;
}

/** How a copy made by the pane left it: always encrypted under a password (backup-crypto.ts). */
const howWords = {
  saved: { zh: ",已设密码", en: ", password-protected" },
  offered: {
    zh: ",已设密码,已交给浏览器下载",
    en: ", password-protected, handed to the browser as a download",
  },
  confirmed: {
    zh: "经办人确认已用“另存副本”保存",
    en: "a copy saved with Save a Copy, as the person confirmed",
  },
};

/** Records a backup just taken: the date on Settings, an entry in the Change log. */
export async function planBackupRecord(
  snapshot: Snapshot,
  fileName: string,
  bytes: number,
  person: string,
  now: { date: string; time: string },
  lang: Lang,
  /** How the copy left: written to a chosen file, given to the browser as a download, or made by the person (Save a Copy) and confirmed. */
  how: "saved" | "offered" | "confirmed" = "saved",
): Promise<{ writes: Write[] }> {
  const setting = settingWrite(snapshot, "lastBackup", now.date, lang);
  const log = await appendToLog(readSheet(changeLog, snapshot), [
    {
      time: `${now.date}T${now.time}`,
      person,
      action: "backup",
      customerId: "",
      field: "",
      oldValue: "",
      newValue:
        how === "confirmed" ? howWords.confirmed[lang] : `${fileName} (${bytes} bytes${howWords[how][lang]})`,
      reason: "",
    },
  ]);
  return { writes: [...(setting ? [setting] : []), ...log] };
}
