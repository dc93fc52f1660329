import { chainEntries, GENESIS, type ChangeEntry } from "../../../src/domain/change-log";
import { readSheet, rowOf } from "../../../src/domain/records";
import { changeLog } from "../../../src/domain/schema/sheets";
import type { Snapshot } from "../../../src/domain/workbook";

export type Event = Partial<ChangeEntry> & { action: string };

/** An event as the add-in logs it: the fields it leaves out blank, at a fixed time, by 陈会计. */
export const entryOf = (e: Event): ChangeEntry => ({
  time: "2026-11-24T10:00",
  person: "陈会计",
  customerId: "",
  field: "",
  oldValue: "",
  newValue: "",
  reason: "",
  ...e,
});

/** A workbook holding only a Change log of these events, chained as the add-in writes them. */
export async function logBook(events: Event[]): Promise<Snapshot> {
  const header = changeLog.columns.map((c) => c.header.zh);
  const empty: Snapshot = {
    sheetNames: ["变更记录"],
    sheets: { 变更记录: { name: "变更记录", values: [header] } },
  };
  const entries = events.map(entryOf);
  const log = readSheet(changeLog, empty);
  const rows = (await chainEntries(GENESIS, entries)).map((e) => rowOf(log, { ...e }));
  return { ...empty, sheets: { 变更记录: { name: "变更记录", values: [header, ...rows] } } };
}

export const adopt = (id: string, where = "客户原簿", reason = "active", requestNo = ""): Event => ({
  action: "adopt",
  customerId: id,
  requestNo,
  field: "place",
  newValue: where,
  reason,
});

export const move = (
  action: string,
  id: string,
  from: string,
  to: string,
  op = "OP1",
  requestNo = "",
  reason = "",
): Event => ({ action, customerId: id, requestNo, field: "place", oldValue: from, newValue: to, op, reason });

export const done = (op: string): Event => ({ action: "done", op });
