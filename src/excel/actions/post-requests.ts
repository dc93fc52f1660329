import { findSheet, langOf } from "../../domain/layout";
import { planPosting, type Actor } from "../../domain/posting";
import type { Problem } from "../../domain/problem";
import { readSheet } from "../../domain/records";
import {
  archivePast,
  archiveSuspended,
  changeLog,
  departmentList,
  destructionLog,
  intake,
  register,
  settings as settingsSchema,
  staff,
} from "../../domain/schema/sheets";
import { readSettings } from "../../domain/settings";
import { staffEntries, trustStaff } from "../../domain/stamps/staff";
import { Book } from "../book";
import type { ExcelEnv } from "../env";
import { guarded } from "./result";

export interface PostingOutcome {
  posted: { requestNo: string; id: string; name: string; resumed: boolean }[];
  problems: Problem[];
  /** The administrator whose countersignatures were trusted; the pane pins it on first use. */
  adminFingerprint?: string;
  adminChanged: boolean;
}

const read = [
  register,
  intake,
  changeLog,
  archiveSuspended,
  archivePast,
  destructionLog,
  staff,
  settingsSchema,
];
const isList = (name: string) =>
  name.startsWith(`${departmentList.name.zh}-`) || name.startsWith(`${departmentList.name.en}-`);

/**
 * "Post": fully stamped requests become Register rows and their departments' lists are
 * rebuilt. One batch to read, one (chunked) to write; an earlier interrupted post is
 * finished first. Nothing is posted while the administrator's key differs from the one
 * this device pinned.
 */
export function postRequests(
  env: ExcelEnv,
  actor: Actor,
  pinnedAdmin: string | undefined,
  requestNos: string[] | "all",
  now: { date: string; time: string },
) {
  return guarded<PostingOutcome>(() =>
    env.run(async (context) => {
      const book = new Book(context, env.platform);
      const snapshot = await book.read(
        (names) => read.map((s) => findSheet(s, names)?.name).filter((n): n is string => !!n),
        (names) => names.filter(isList),
      );
      const settingsName = findSheet(settingsSchema, snapshot.sheetNames)?.name;
      const settings = readSettings(settingsName ? snapshot.sheets[settingsName]?.values : undefined);
      const trust = await trustStaff(staffEntries(readSheet(staff, snapshot).records), pinnedAdmin);
      if (trust.adminChanged) {
        return { posted: [], problems: [], adminFingerprint: trust.adminFingerprint, adminChanged: true };
      }
      const plan = await planPosting(
        snapshot,
        settings,
        trust,
        requestNos,
        actor,
        now,
        langOf(env.displayLanguage),
      );
      if (plan.writes.length) await book.apply(plan.writes);
      return {
        posted: plan.posted,
        problems: plan.problems,
        adminFingerprint: trust.adminFingerprint,
        adminChanged: false,
      };
    }),
  );
}
