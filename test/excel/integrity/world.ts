/**
 * A workbook in use, built through the pane's own actions, with something waiting for
 * every writing action of the life cycle — and those actions as a catalogue the
 * integrity tests run in every order and cut at every operation.
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../../src/host/memory-host";
import type { ExcelEnv } from "../../../src/excel/env";
import { register, intake } from "../../../src/domain/schema/sheets";
import { sampleCustomer, sampleRegister } from "../../../src/domain/sample";
import { countersign } from "../../../src/domain/stamps/staff";
import {
  confirmReviews,
  destroyRecords,
  handOver,
  markInvalid,
  requestReinstatement,
  terminateCustomers,
} from "../../../src/excel/actions/lifecycle";
import { correctCustomer, fileRequest, stampRequests } from "../../../src/excel/actions/workflow";
import { postRequests } from "../../../src/excel/actions/post-requests";
import { approveInvalidList, buildMonthlyLists } from "../../../src/excel/actions/lists";
import { addAnnualResult, addContact } from "../../../src/excel/actions/contacts";
import { printCard } from "../../../src/excel/actions/card";
import { buildMailing } from "../../../src/excel/actions/mailing";
import type { Stamper } from "../../../src/domain/stamping";
import type { Snapshot } from "../../../src/domain/workbook";
import { office, person, type Person } from "../../domain/support/people";
import { bookOf, envOf, seedStaff } from "../fixtures";

export const now = { date: "2026-11-24", time: "16:00" };
export type People = Awaited<ReturnType<typeof office>> & { manager: Person };

export async function staffOf(): Promise<People> {
  const people = await office();
  const manager = await person(5, "孙经理", "manager", "总务部");
  manager.entry.countersign = await countersign(people.admin.privateKey, manager.entry);
  return { ...people, manager };
}

export const stamper = (p: Person): Stamper => ({
  entry: p.entry,
  privateKey: p.privateKey,
  fingerprint: p.fp,
});

/** An intake entry for sample customer i, in 业务一部, class as given. */
export function entryFor(i: number, cls = "B"): Record<string, string> {
  const c = sampleCustomer(i, "zh");
  const out: Record<string, string> = {};
  register.columns.forEach((col, k) => {
    if (intake.columns.some((x) => x.key === col.key) && !["stamps", "notes", "requestNo"].includes(col.key))
      out[col.key] = String(c[k]);
  });
  return { ...out, class: cls, department: "业务一部", responsible: "王建国", firstTradeDate: "" };
}

const ok = <T extends { ok: boolean }>(r: T, what: string): T => {
  assert.ok(
    r.ok && !("problems" in r && (r as { problems: unknown[] }).problems.length),
    `${what}: ${JSON.stringify(r)}`,
  );
  return r;
};

/**
 * Twelve customers taken over at set-up (C000001…C000012, all 业务一部), two posted through
 * the add-in (C000013, C000014); C000003 suspended with a stamped reinstatement request
 * waiting (R000004); C000004 past, and C000014 past after a correction, a contact, an
 * annual result, a printed card, labels and a monthly list named it; C000005 and C000006
 * marked invalid this month;
 * R000003 approved and waiting to be posted; R000005 filed and waiting for the head's stamp.
 */
export async function world(people: People): Promise<MemoryExcelHost> {
  const host = await bookOf(12, people);
  seedStaff(host, [...people.entries, people.manager.entry]);
  const env = envOf(host);
  const head = stamper(people.head);
  for (const i of [100, 101, 102]) ok(await fileRequest(env, entryFor(i), "王建国", now), `file ${i}`);
  ok(
    await stampRequests(env, people.admin.fp, ["R000001", "R000002", "R000003"], head, "approve", "", now),
    "stamp",
  );
  ok(await postRequests(env, { name: "陈会计" }, people.admin.fp, ["R000001", "R000002"], now), "post");
  // C000014 leaves traces everywhere the add-in writes before it is archived (and later destroyed).
  ok(await correctCustomer(env, "C000014", { phone: "0571-88886666" }, "客户来函", "陈会计", now), "correct");
  const contact = {
    customerId: "C000014",
    date: now.date,
    staff: "王建国",
    channel: "电话",
    summary: "洽谈年度合同",
    major: false,
  };
  ok(await addContact(env, contact, "陈会计", now), "contact");
  const result = { customerId: "C000014", year: "2025", revenue: "880", financialNotes: "稳健" };
  ok(await addAnnualResult(env, result, "陈会计", now), "result");
  // Looking up customers needs a role of 查询权限 (looking.ts): the manager prints, under their seal.
  const manager = people.manager;
  const looking = { ...env, signer: () => ({ fingerprint: manager.fp, privateKey: manager.privateKey }) };
  ok(await printCard(looking, "C000014", manager.entry.name, people.admin.fp, now), "card");
  ok(
    await buildMailing(
      looking,
      { department: "业务一部" },
      "labels",
      manager.entry.name,
      now,
      "年末客户回访",
    ),
    "labels",
  );
  ok(await buildMonthlyLists(looking, ["2026-11"], ["new"], manager.entry.name, now), "monthly list");
  ok(await terminateCustomers(env, people.admin.fp, ["C000003"], "suspended", "暂停", head, now), "suspend");
  ok(
    await terminateCustomers(env, people.admin.fp, ["C000004", "C000014"], "past", "关系解除", head, now),
    "past",
  );
  ok(await requestReinstatement(env, ["C000003"], "陈会计", now), "reinstatement request");
  ok(await stampRequests(env, people.admin.fp, ["R000004"], head, "approve", "", now), "stamp R000004");
  const cls = String(
    host.sheet("交易开始调查书").values[4]![intake.columns.findIndex((c) => c.key === "class")],
  );
  if (cls === "A")
    ok(
      await stampRequests(env, people.admin.fp, ["R000004"], stamper(people.chairman), "approve", "", now),
      "chair",
    );
  ok(await markInvalid(env, ["C000005", "C000006"], "returnedMail", "", "陈会计", now), "invalid");
  ok(await fileRequest(env, entryFor(103), "王建国", now), "file R000005");
  host.resetCounters();
  return host;
}

/**
 * An ordinary act after the one a case is about (a contact with C000001): that one's log
 * row is then not the last, which every run reads anyway.
 */
export async function logRowAfter(host: MemoryExcelHost): Promise<void> {
  const contact = {
    customerId: "C000001",
    date: now.date,
    staff: "王建国",
    channel: "电话",
    summary: "回访",
    major: false,
  };
  assert.ok((await addContact(envOf(host), contact, "陈会计", now)).ok);
}

/** The hand-over's leaver: whoever the sample register makes responsible for C000010. */
export const leaver = String(
  sampleRegister(12, "zh")[9]![register.columns.findIndex((c) => c.key === "responsible")],
);

export interface Action {
  name: string;
  /** Runs it in this host, through `env` when given (a co-author's pane), else the host's own. */
  run(host: MemoryExcelHost, people: People, env?: ExcelEnv): Promise<{ ok: boolean }>;
  /** What must hold once the action has done its work, whatever ran before or after it. */
  expect(host: MemoryExcelHost, before: MemoryExcelHost): void;
}

const rowsOf = (host: MemoryExcelHost, sheet: string) => host.sheet(sheet).values.slice(1);
const idsOn = (host: MemoryExcelHost, sheet: string) => rowsOf(host, sheet).map((r) => String(r[0]));
const cell = (host: MemoryExcelHost, sheet: string, id: string, header: string) => {
  const [head, ...rows] = host.sheet(sheet).values;
  const row = rows.find((r) => String(r[0]) === id);
  return row && String(row[head!.indexOf(header)]);
};
const requestCell = (host: MemoryExcelHost, requestNo: string, header: string) =>
  cell(host, "交易开始调查书", requestNo, header);

export const actions: Action[] = [
  {
    name: "post",
    run: (host, people, env = envOf(host)) =>
      postRequests(env, { name: "陈会计" }, people.admin.fp, ["R000003"], now),
    expect(host) {
      const id = requestCell(host, "R000003", "登记客户编号")!;
      assert.match(id, /^C\d{6}$/, "R000003 posted");
      assert.deepEqual(
        idsOn(host, "客户原簿").filter((x) => x === id),
        [id],
      );
      assert.equal(requestCell(host, "R000003", "申请状态"), "已登记");
    },
  },
  {
    name: "terminate",
    run: (host, people, env = envOf(host)) =>
      terminateCustomers(
        env,
        people.admin.fp,
        ["C000007", "C000013"],
        "past",
        "关系解除",
        stamper(people.head),
        now,
      ),
    expect(host) {
      for (const id of ["C000007", "C000013"]) {
        assert.ok(idsOn(host, "交易过去").includes(id), `${id} in 交易过去`);
        assert.ok(!idsOn(host, "客户原簿").includes(id), `${id} left the Register`);
      }
    },
  },
  {
    name: "reinstate",
    run: (host, people, env = envOf(host)) =>
      postRequests(env, { name: "陈会计" }, people.admin.fp, ["R000004"], now),
    expect(host) {
      assert.deepEqual(
        idsOn(host, "客户原簿").filter((x) => x === "C000003"),
        ["C000003"],
      );
      assert.ok(!idsOn(host, "交易中止").includes("C000003"));
      assert.equal(requestCell(host, "R000004", "申请状态"), "已登记");
    },
  },
  {
    name: "destroy",
    run: (host, people, env = envOf(host)) =>
      destroyRecords(env, people.admin.fp, ["C000004", "C000014"], "无法恢复", stamper(people.manager), now),
    expect(host, before) {
      for (const id of ["C000004", "C000014"]) {
        assert.ok(idsOn(host, "销毁记录").includes(id));
        for (const sheet of ["客户原簿", "交易中止", "交易过去"]) assert.ok(!idsOn(host, sheet).includes(id));
      }
      assertErased(host, wordsOf(before, ["C000004", "C000014"]));
    },
  },
  {
    name: "invalid-list stamp",
    run: (host, people, env = envOf(host)) =>
      approveInvalidList(env, people.admin.fp, "2026-11", stamper(people.head), now),
    expect(host) {
      for (const id of ["C000005", "C000006"])
        assert.ok(idsOn(host, "交易过去").includes(id), `${id} in 交易过去`);
    },
  },
  {
    name: "hand-over",
    run: (host, _people, env = envOf(host)) => handOver(env, leaver, "周新", "调离", "陈会计", now),
    expect(host) {
      const [head, ...rows] = host.sheet("客户原簿").values;
      assert.ok(!rows.some((r) => r[head!.indexOf("负责人")] === leaver), `nobody left with ${leaver}`);
    },
  },
  {
    name: "stamp",
    run: (host, people, env = envOf(host)) =>
      stampRequests(env, people.admin.fp, ["R000005"], stamper(people.head), "approve", "", now),
    expect(host) {
      assert.match(requestCell(host, "R000005", "盖章") ?? "", /王主管/);
      assert.equal(requestCell(host, "R000005", "申请状态"), "已批准");
    },
  },
  {
    name: "correct",
    run: (host, _people, env = envOf(host)) =>
      correctCustomer(env, "C000008", { phone: "010-62999999" }, "客户来函", "陈会计", now),
    expect(host) {
      assert.equal(cell(host, "客户原簿", "C000008", "电话"), "010-62999999");
    },
  },
  {
    name: "review",
    run: (host, _people, env = envOf(host)) => confirmReviews(env, ["C000009"], "陈会计", now),
    expect(host) {
      assert.equal(cell(host, "客户原簿", "C000009", "复核人"), "陈会计");
    },
  },
];

/** Every distinctive word of these customers as they stand in the archives: names, codes, addresses, phones. */
export function wordsOf(host: MemoryExcelHost, ids: string[]): string[] {
  const words: string[] = [];
  for (const sheet of ["客户原簿", "交易中止", "交易过去"]) {
    const [head, ...rows] = host.sheet(sheet).values;
    for (const row of rows.filter((r) => ids.includes(String(r[0]))))
      for (const h of ["企业名称", "统一社会信用代码", "地址", "电话"])
        words.push(String(row[head!.indexOf(h)]));
  }
  // Its earlier phone number too, which only the Change log's correction row kept.
  words.push("0571-88886666");
  return [...new Set(words)].filter((w) => w.length > 3);
}

/** No cell of any sheet holds any of these words, alone or inside a longer text. */
export function assertErased(host: MemoryExcelHost, words: string[]): void {
  for (const sheet of host.sheetNames())
    host.sheet(sheet).values.forEach((row, r) =>
      row.forEach((v, c) => {
        const text = String(v);
        const found = words.find((w) => text.includes(w));
        assert.ok(!found, `${sheet}!R${r + 1}C${c + 1} still holds "${found}"`);
      }),
    );
}

/** The host's workbook as the domain reads it, every sheet whole. */
export function snapshotOf(host: MemoryExcelHost): Snapshot {
  const sheetNames = host.sheetNames();
  return {
    sheetNames,
    sheets: Object.fromEntries(sheetNames.map((name) => [name, { name, values: host.sheet(name).values }])),
  };
}
