/**
 * The whole workbook as a file, through Office's document API: getFileAsync(Compressed)
 * hands the .xlsx over in slices (at most 4 MB each), which are joined and the file closed.
 * The file is encrypted under the password the administrator types (domain/backup-crypto.ts,
 * run by the pane in a worker), and only the encrypted file is handed over. Then the backup
 * is recorded on the workbook (date on Settings, Change log entry); the password is not.
 */
import { backupFileName, planBackupRecord } from "../domain/backup";
import { langOf } from "../domain/layout";
import { logSkeleton } from "../domain/partial-read";
import type { ExcelEnv } from "./env";
import { readPlanApply } from "./actions/read-plan-apply";
import { guarded } from "./actions/result";
import type { Now } from "./actions/workflow";

type AsyncResult<T> = { status: "succeeded" | "failed"; value: T; error?: { code: number; message: string } };

/** The part of Office.File the backup uses. */
export interface OfficeFileLike {
  size: number;
  sliceCount: number;
  getSliceAsync(index: number, callback: (r: AsyncResult<{ data: ArrayLike<number> }>) => void): void;
  closeAsync(callback?: (r: AsyncResult<void>) => void): void;
}

/** The part of Office.context.document the backup uses. */
export interface OfficeDocumentLike {
  getFileAsync(
    fileType: "compressed",
    options: { sliceSize: number },
    callback: (r: AsyncResult<OfficeFileLike>) => void,
  ): void;
}

const SLICE = 4 * 1024 * 1024;

function promised<T>(start: (cb: (r: AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    start((r) =>
      r.status === "succeeded"
        ? resolve(r.value)
        : reject(
            Object.assign(new Error(r.error?.message ?? "failed"), { code: String(r.error?.code ?? "") }),
          ),
    ),
  );
}

/** Reads the whole .xlsx; the file is closed again whatever happens (Office allows only two open). */
export async function readWholeFile(doc: OfficeDocumentLike): Promise<Uint8Array> {
  const file = await promised<OfficeFileLike>((cb) =>
    doc.getFileAsync("compressed", { sliceSize: SLICE }, cb),
  );
  try {
    const out = new Uint8Array(file.size);
    let at = 0;
    for (let i = 0; i < file.sliceCount; i++) {
      const slice = await promised<{ data: ArrayLike<number> }>((cb) => file.getSliceAsync(i, cb));
      out.set(slice.data, at);
      at += slice.data.length;
    }
    if (at !== file.size) throw new Error(`the file came back short: ${at} of ${file.size} bytes`);
    return out;
  } finally {
    file.closeAsync();
  }
}

/** The size of the whole .xlsx as Office hands it out, without reading it; the file is closed again. */
export async function readWholeFileSize(doc: OfficeDocumentLike): Promise<number> {
  const file = await promised<OfficeFileLike>((cb) =>
    doc.getFileAsync("compressed", { sliceSize: SLICE }, cb),
  );
  try {
    return file.size;
  } finally {
    file.closeAsync();
  }
}

/**
 * What became of the bytes handed to the pane's saver: written to a file the person chose
 * ("saved", the browser's file picker), given to the browser as a download ("offered"), or
 * the person cancelled the picker ("cancelled", nothing recorded).
 */
export type Saved = "saved" | "offered" | "cancelled";

/**
 * Why a backup cannot be taken from the pane here, if it cannot: no Office document (the
 * preview), no CompressedFile requirement set (Excel on iPad, older builds), or a Mac or
 * iPad, whose webview reads the file but cannot hand it to the person (a download link does
 * nothing there). Then the person uses File › Save a Copy and confirms it.
 */
export type BackupBlocked = "preview" | "noFileApi" | "noDownload";

export function backupBlocked(env: ExcelEnv): BackupBlocked | undefined {
  if (!env.document) return env.officePlatform ? "noFileApi" : "preview";
  if (env.officePlatform === "Mac" || env.officePlatform === "iOS") return "noDownload";
  return undefined;
}

/**
 * "Back up workbook": the file's bytes go through `encrypt` (the password is in that
 * function alone, never here nor in the workbook), and the encrypted file goes to `save`
 * (the pane offers it as a download named 客户名簿-备份-YYYY-MM-DD.xlsx); only once it was
 * handed over is the backup recorded in the workbook. Where the pane cannot hand a file
 * over, nothing is read or recorded and the result says why.
 */
export function backUpWorkbook(
  env: ExcelEnv,
  save: (bytes: Uint8Array, fileName: string) => Saved | Promise<Saved>,
  person: string,
  now: Now,
  encrypt: (bytes: Uint8Array) => Promise<Uint8Array>,
) {
  return guarded(async () => {
    const lang = langOf(env.displayLanguage);
    const blocked = backupBlocked(env);
    if (blocked) return { fileName: "", bytes: 0, saved: "cancelled" as Saved, unavailable: blocked };
    const bytes = await encrypt(await readWholeFile(env.document!));
    const fileName = backupFileName(now.date, lang);
    const saved = await save(bytes, fileName);
    if (saved !== "cancelled")
      await readPlanApply(env, { needs: [logSkeleton()] }, undefined, ({ snapshot }) =>
        planBackupRecord(snapshot, fileName, bytes.length, person, now, lang, saved),
      );
    return { fileName, bytes: bytes.length, saved, unavailable: undefined };
  });
}

/**
 * Where the pane cannot hand the file over (a Mac): the person made a copy with File ›
 * Save a Copy and says so; the backup is recorded as their statement, not as bytes seen.
 */
export function confirmCopySaved(env: ExcelEnv, person: string, now: Now) {
  return guarded(async () => {
    const lang = langOf(env.displayLanguage);
    await readPlanApply(env, { needs: [logSkeleton()] }, undefined, ({ snapshot }) =>
      planBackupRecord(snapshot, "", 0, person, now, lang, "confirmed"),
    );
    return { recorded: true };
  });
}

/** The date of the last backup, from Settings; reads only. */
export function loadBackupStatus(env: ExcelEnv) {
  return guarded(() =>
    readPlanApply(env, [], undefined, async ({ settings }) => ({
      lastBackup: settings.lastBackup,
      writes: [],
    })),
  );
}
