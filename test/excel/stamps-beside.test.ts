/**
 * Validate as the pane runs it (issue 15): after the log's chain, the pane's thread works
 * out each customer row's stamp digests from the last row up and sends them a block at a
 * time (domain/stamps-beside.ts); the worker takes a row's when they came and works them
 * out itself when not. Its check reports what a check on one thread reports, a typed-over
 * customer row included; it stands on the digests it is given; and the pane stops when the
 * worker has gone through the customers. The workbook is the integrity tests' world: a
 * customer on the Register and one in Archive-Past, their stamps made by the stamping act
 * and vouched for by the log (vouching.test.ts).
 */
import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { validateWorkbook, type Checker } from "../../src/excel/actions/validate-workbook";
import { checkInput } from "../../src/domain/workbook-check";
import { archivePast, register } from "../../src/domain/schema/sheets";
import { readSheet, recordsBetween, text } from "../../src/domain/records";
import { intakeSubject } from "../../src/domain/journal/approvals";
import { readJournal } from "../../src/domain/journal/journal";
import { requestApproval } from "../../src/domain/journal/finish";
import { sha256Sync } from "../../src/domain/digest";
import { parseStamps, stampMessage } from "../../src/domain/stamps/stamps";
import {
  CUSTOMER_SHEETS,
  DIGEST_BLOCK_ROWS,
  DigestsBeside,
  rowDigests,
  stampDigestsBeside,
  type DigestBlock,
} from "../../src/domain/stamps-beside";
import { ArrivingChecks, CheckSender, sendCheck, type CheckRequest } from "../../src/taskpane/check-message";
import type { Snapshot } from "../../src/domain/workbook";
import { envOf } from "./fixtures";
import { located, wholeRead } from "./validate-support";
import { typeInto } from "./integrity/insider";
import { now, staffOf, world, type People } from "./integrity/world";

const REGISTER = "客户原簿";

/**
 * The pane's worker in this thread, given every message once the pane has sent them all
 * (so every digest has come before the check goes through the customers), each copied as
 * postMessage copies it. `digests`: what the blocks become on their way.
 */
function paneChecker(digests: (blocks: DigestBlock[]) => DigestBlock[] = (blocks) => blocks) {
  const sent: CheckRequest[] = [];
  const check: Checker = async (input, progress) => {
    sent.length = 0;
    await sendCheck(
      (request) => void sent.push(structuredClone(request)),
      input,
      async () => {},
    );
    const blocks = digests(sent.flatMap((m) => (m.kind === "digests" ? [m.block] : [])));
    const arriving = new ArrivingChecks();
    let running: ReturnType<typeof checkInput> | undefined;
    for (const message of sent.filter((m) => m.kind !== "digests")) {
      if (message.kind === "forget") continue;
      const taken = arriving.take(message);
      if (message.kind === "check")
        for (const block of blocks) arriving.take({ kind: "digests", check: message.check, block });
      if (taken && message.kind === "check")
        running = checkInput(
          taken,
          progress,
          arriving.chainFor(message.check),
          arriving.digestsFor(message.check),
        );
    }
    return running!;
  };
  return { check, sent };
}

/** Every block the pane's thread works out of a snapshot. */
async function sentBlocks(snapshot: Snapshot): Promise<DigestBlock[]> {
  const blocks: DigestBlock[] = [];
  await stampDigestsBeside(
    snapshot,
    async () => {},
    (b) => blocks.push(b),
    () => false,
  );
  return blocks;
}

describe("Validate with the customers' stamp digests worked out on the pane's thread (adapter through the in-memory host)", function () {
  this.timeout(180_000);
  let people: People;
  let base: MemoryExcelHost;
  let host: MemoryExcelHost;
  before(async () => {
    people = await staffOf();
    base = await world(people);
  });
  beforeEach(() => {
    host = base.clone();
  });
  /** C000013's name typed over on the Register after it was posted: its Excel row. */
  const typeOver = () => {
    const row = host.sheet(REGISTER).values.findIndex((r) => r[0] === "C000013") + 1;
    typeInto(host, REGISTER, row, "企业名称", "改过名字的公司");
    return row;
  };

  const validate = async (check?: Checker) => {
    const result = await validateWorkbook(envOf(host), now.date, people.admin.fp, [], "15:00", { check });
    assert.ok(result.ok, JSON.stringify(result));
    return located(result.problems);
  };

  it("reports what a check on one thread reports, the typed-over customer included, every customer's digests sent", async () => {
    const row = typeOver();
    const { check, sent } = paneChecker();
    const own = await validate();
    const beside = await validate(check);
    assert.ok(
      own.some((p) => p.startsWith(`${REGISTER}!`) && p.includes(`${row} stamp.contentChanged`)),
      own.join("\n"),
    );
    assert.deepEqual(beside, own);
    const blocks = sent.flatMap((m) => (m.kind === "digests" ? [m.block] : []));
    // The customers with stamps, the last sheet first, each row with its number of intake
    // stamps: archived customers kept by hand before the add-in have their termination's alone.
    assert.deepEqual(
      blocks.map((b) => `${b.sheet} ${[...b.rows].join(",")} ${[...b.counts].join(",")}`),
      ["archivePast 2,3 0,1", "archiveSuspended 2 0", `register ${row} 1`],
    );
    assert.equal(
      sent.findIndex((m) => m.kind === "digests"),
      sent.findIndex((m) => m.kind === "chain") + 1,
    );
  });

  it("the worker's check stands on the pane's digests: given the typed-over row's as they were, it finds no change", async () => {
    const { check: before, sent } = paneChecker();
    await validate(before);
    const asPosted = sent.flatMap((m) => (m.kind === "digests" ? [m.block] : []));
    const row = typeOver();
    assert.ok(
      (await validate()).some(
        (p) => p.startsWith(`${REGISTER}!`) && p.includes(`${row} stamp.contentChanged`),
      ),
    );
    const { check } = paneChecker(() => asPosted);
    assert.deepEqual(
      (await validate(check)).filter((p) => p.includes(" stamp.contentChanged")),
      [],
      "told the row is as posted, the worker takes it so",
    );
  });

  it("a Stamps cell changed after the post is reported not as posted, the digests beside or not", async () => {
    const row = host.sheet(REGISTER).values.findIndex((r) => r[0] === "C000013") + 1;
    const cell = host.sheet(REGISTER).values[row - 1]![host.sheet(REGISTER).values[0]!.indexOf("盖章")];
    typeInto(host, REGISTER, row, "盖章", `${String(cell)}\n${String(cell)}`);
    const own = await validate();
    assert.ok(
      own.some((p) => p.startsWith(`${REGISTER}!`) && p.includes(" stamp.notAsPosted")),
      own.join("\n"),
    );
    const { check, sent } = paneChecker();
    assert.deepEqual(await validate(check), own);
    assert.ok(
      sent.some((m) => m.kind === "digests" && m.block.rows.includes(row)),
      "its digests were sent",
    );
  });

  it("digests that did not come are worked out by the worker itself", async () => {
    typeOver();
    const own = await validate();
    const { check } = paneChecker(() => []);
    assert.deepEqual(await validate(check), own);
  });

  it("digests that are not the row's only make the worker work the row's out itself: never a finding", async () => {
    typeOver();
    const own = await validate();
    // Each block's digests told as another row's, and every digest turned around.
    const { check } = paneChecker((blocks) =>
      blocks.map((b) => ({ ...b, rows: b.rows.map((r) => r + 1), hex: [...b.hex].reverse().join("") })),
    );
    assert.deepEqual(await validate(check), own);
    const { check: moved } = paneChecker((blocks) =>
      blocks.map((b) => ({ ...b, hex: [...b.hex].reverse().join("") })),
    );
    assert.deepEqual(await validate(moved), own);
  });

  it("a row's digests are those of its intake stamps' messages and of the text its approval is taken over", async () => {
    const snapshot = await wholeRead(host);
    const journal = readJournal(snapshot);
    const rows = CUSTOMER_SHEETS.flatMap(([schema, where]) =>
      readSheet(schema, snapshot).records.map((r) => [where, r] as const),
    ).filter(([, r]) => text(r.values.stamps));
    assert.deepEqual(
      rows.map(([where, r]) => `${where} ${text(r.values.id)}`),
      ["register C000013", "suspended C000003", "past C000004", "past C000014"],
    );
    for (const [where, record] of rows) {
      const cell = text(record.values.stamps);
      const lines = cell.split("\n");
      // In an archive the last line is the termination stamp: the intake part is all before it.
      const intake = where === "register" ? cell : lines.slice(0, -1).join("\n");
      const { stamps } = parseStamps(intake);
      const subject = intakeSubject(journal, record.values);
      const digests = rowDigests(record.values, where);
      assert.deepEqual(
        digests?.stamps,
        stamps.map((s, i) => sha256Sync(stampMessage(subject, stamps.slice(0, i), s))),
        where,
      );
      assert.equal(`sha256:${digests?.approval}`, await requestApproval(intake));
    }
    assert.equal(
      rowDigests({ ...rows[0]![1].values, stamps: "" }, "register"),
      undefined,
      "a row without stamps has none",
    );
    // An archived row of two intake stamps: its intake text is both lines as they stand.
    const line = text(rows[0]![1].values.stamps);
    const two = rowDigests({ ...rows[0]![1].values, stamps: `${line}\n${line}\n${line}` }, "past");
    assert.equal(two?.stamps.length, 2);
    assert.equal(`sha256:${two?.approval}`, await requestApproval(`${line}\n${line}`));
  });

  it("goes from the last customer row up, a block at a time, and stops when there is enough", async () => {
    const snapshot = await wholeRead(host);
    const sheet = snapshot.sheets[REGISTER]!;
    const stamped = sheet.values.find((r) => r[0] === "C000013")!;
    const name = sheet.values[0]!.indexOf("企业名称");
    const stamps = sheet.values[0]!.indexOf("盖章");
    // The Register grown to three blocks and a bit: its stamped customer again and again,
    // each a name of its own (digests of their own), every other one stamped twice over.
    const many = Array.from({ length: 3 * DIGEST_BLOCK_ROWS + 10 }, (_, i) => {
      const row = [...stamped];
      row[name] = `公司${i}`;
      if (i % 2) row[stamps] = `${String(stamped[stamps])}\n${String(stamped[stamps])}`;
      return row;
    });
    const grown: Snapshot = {
      ...snapshot,
      sheets: { ...snapshot.sheets, [REGISTER]: { ...sheet, values: [sheet.values[0]!, ...many] } },
    };
    const blocks: DigestBlock[] = [];
    let pauses = 0;
    await stampDigestsBeside(
      grown,
      async () => void pauses++,
      (b) => blocks.push(b),
      () => blocks.length === 4,
    );
    // The archives' blocks first (the last sheet first), then the Register's from its last row up.
    assert.deepEqual(
      blocks.map((b) => b.sheet),
      ["archivePast", "archiveSuspended", "register", "register"],
      "stopped once told there is enough",
    );
    blocks.splice(0, 2);
    const last = many.length + 1;
    assert.deepEqual(
      [...blocks[0]!.rows],
      Array.from({ length: DIGEST_BLOCK_ROWS }, (_, i) => last - DIGEST_BLOCK_ROWS + 1 + i),
    );
    assert.equal(blocks[1]!.rows[DIGEST_BLOCK_ROWS - 1], last - DIGEST_BLOCK_ROWS);
    assert.equal(pauses, 4, "the thread let go after each block");
    // What a block carries is each row's digests, read back where the check takes them.
    const taken = new DigestsBeside();
    for (const block of blocks) taken.take(block);
    const archivedBlock = (await sentBlocks(grown)).find((b) => b.sheet === "archivePast")!;
    taken.take(archivedBlock);
    // Rows of both blocks, once and twice stamped, each given its own.
    for (const row of [blocks[0]!.rows[0]!, blocks[0]!.rows[1]!, blocks[1]!.rows[5]!, blocks[1]!.rows[6]!]) {
      const [record] = recordsBetween(register, grown, row - 1, row);
      assert.equal(record?.row, row);
      const own = rowDigests(record!.values, "register");
      assert.deepEqual(taken.of("register", row), own);
      assert.ok(own!.stamps.length === 1 || own!.stamps.length === 2);
    }
    assert.deepEqual(
      new Set(blocks.flatMap((b) => [...b.counts])),
      new Set([1, 2]),
      "once and twice stamped rows",
    );
    assert.equal(taken.of("register", 2), undefined, "a row not sent has none");
    assert.equal(taken.of("archivePast", blocks[1]!.rows[5]!), undefined);
    const [archived] = readSheet(archivePast, grown).records;
    assert.deepEqual(taken.of("archivePast", archived!.row), rowDigests(archived!.values, "past"));
    // A sheet read in part is not the check's whole sheet: none of its rows are worked out.
    const part: Snapshot = {
      ...grown,
      sheets: { ...grown.sheets, [REGISTER]: { ...grown.sheets[REGISTER]!, partial: ["A"] } },
    };
    const none: DigestBlock[] = [];
    await stampDigestsBeside(
      part,
      async () => {},
      (b) => none.push(b),
      () => false,
    );
    assert.deepEqual(
      none.map((b) => b.sheet),
      ["archivePast", "archiveSuspended"],
    );
  });

  it("a check's digests are let go when it is over, and those still coming for it are dropped", async () => {
    const snapshot = await wholeRead(host);
    const [block] = await sentBlocks(snapshot);
    const arriving = new ArrivingChecks();
    const row = block!.rows[0]!;
    arriving.take({ kind: "digests", check: 1, block: block! });
    assert.ok(arriving.digestsFor(1).of(block!.sheet, row), "taken while check 1 runs");
    arriving.doneWithDigests(1);
    arriving.take({ kind: "digests", check: 1, block: block! });
    assert.equal(
      arriving.digestsFor(1).of(block!.sheet, row),
      undefined,
      "let go, and the late block dropped",
    );
    arriving.take({ kind: "digests", check: 2, block: block! });
    assert.ok(arriving.digestsFor(2).of(block!.sheet, row), "the next check's are taken");
  });

  it("the worker says when it has gone through the customers, and the pane stops working their digests out", async () => {
    const snapshot = await wholeRead(host);
    const input = {
      snapshot,
      today: now.date,
      pinnedAdmin: people.admin.fp,
      seenHeads: [],
      now: `${now.date}T15:00`,
    };
    const steps: string[] = [];
    const beside = new DigestsBeside(undefined, () => steps.push("enough"));
    await checkInput(input, (step) => steps.push(step), undefined, beside);
    // Told once, after the customers' stamps, before the log's chain.
    assert.deepEqual(
      steps.filter((s) => s !== "stamps"),
      ["cells", "signatures", "enough", "chain"],
    );
    // Told before the chain is sent, the pane sends no digests at all; told so of another
    // check (one left behind), it goes on.
    const sent: string[] = [];
    const sender = new CheckSender(
      (m) => {
        sent.push(m.kind);
        if (m.kind === "chain") sender.stop(m.check + 1);
        if (m.kind === "digests") sender.stop(m.check);
      },
      { pinnedAdmin: people.admin.fp },
      async () => {},
    );
    await sender.send(input);
    assert.deepEqual(sent.slice(sent.indexOf("chain")), ["chain", "digests"], "one block, then told enough");
    const stopped: string[] = [];
    const early = new CheckSender(
      (m) => {
        stopped.push(m.kind);
        if (m.kind === "chain") early.stop(m.check);
      },
      { pinnedAdmin: people.admin.fp },
      async () => {},
    );
    await early.send(input);
    assert.equal(stopped.at(-1), "chain");
    assert.ok(!stopped.includes("digests"));
  });
});
