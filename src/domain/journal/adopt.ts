/**
 * Taking over a register kept by hand before the add-in. The first time the workbook is
 * set up, every customer already on the Register, in an archive or tombstoned is adopted
 * into the journal where it stands ("adopt"), so the journal knows it from then on. After
 * that, customers come only through intake, stamps and posting: adoption is refused once
 * the journal holds any customer, and a row typed in later is reported by Validate.
 */
import type { Problem } from "../problem";
import { readSheet, text } from "../records";
import { customerStatuses } from "../schema/choices";
import { choiceCode, type Lang } from "../schema/model";
import { archivePast, archiveSuspended, destructionLog, register } from "../schema/sheets";
import type { ChangeEntry } from "../change-log";
import { appendToLog } from "../log-writes";
import type { Snapshot, Write } from "../workbook";
import { damagedValues, type DamagedValue } from "../cell-formats";
import { placeLabels, readJournal, type Place } from "./journal";
import { newOpNumber } from "./run";
import { indexWrites } from "../register-index";

const ID = /^[A-Za-z0-9-]+$/;

export async function planAdoption(
  snapshot: Snapshot,
  person: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<{ adopted: number; problems: Problem[]; damaged: DamagedValue[]; writes: Write[] }> {
  // What Excel changed in General cells before set-up formatted them: told whether or not anything is adopted.
  const damaged = damagedValues(snapshot, [register, archiveSuspended, archivePast]);
  const planned = await adoption(snapshot, person, now, lang);
  return { ...planned, damaged };
}

async function adoption(
  snapshot: Snapshot,
  person: string,
  now: { date: string; time: string },
  lang: Lang,
): Promise<{ adopted: number; problems: Problem[]; writes: Write[] }> {
  const journal = readJournal(snapshot);
  const log = journal.log;
  if (!log.name)
    return {
      adopted: 0,
      problems: [{ sheet: "changeLog", row: 1, column: "", rule: "header.missing", value: "" }],
      writes: [],
    };
  const logLang = log.lang ?? lang;
  const op = newOpNumber();
  const entries: ChangeEntry[] = [];
  const taken = new Set(journal.states.keys());
  for (const [schema, place, key] of [
    [register, "register", "id"],
    [archiveSuspended, "suspended", "id"],
    [archivePast, "past", "id"],
    [destructionLog, "destroyed", "customerId"],
  ] as const) {
    for (const record of readSheet(schema, snapshot).records) {
      const id = text(record.values[key]);
      if (!ID.test(id) || taken.has(id)) continue;
      taken.add(id);
      const status =
        place === "register" ? choiceCode(customerStatuses, text(record.values.status)) : undefined;
      entries.push({
        time: `${now.date}T${now.time}`,
        person,
        action: "adopt",
        op,
        customerId: id,
        requestNo: place === "destroyed" ? "" : text(record.values.requestNo),
        field: "place",
        oldValue: "",
        newValue: placeLabels[place as Place][logLang],
        reason: status ?? "",
      });
    }
  }
  if (entries.length === 0) return { adopted: 0, problems: [], writes: [] };
  if (journal.states.size > 0)
    return {
      adopted: 0,
      problems: [
        {
          sheet: "register",
          row: 1,
          column: "id",
          rule: "journal.adoptRefused",
          value: String(entries.length),
        },
      ],
      writes: [],
    };
  // The rows kept by hand get the duplicate index filing searches (register-index.ts).
  return {
    adopted: entries.length,
    problems: [],
    writes: [...indexWrites(snapshot), ...(await appendToLog(log, entries))],
  };
}
