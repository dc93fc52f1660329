/**
 * Sealing what an action appends to the Change log: which write gets the signature, where,
 * and what Validate makes of it.
 */
import assert from "node:assert/strict";
import { logSignatureMessage, signLogWrites } from "../../src/domain/log-signing";
import { changeLog } from "../../src/domain/schema/sheets";
import { verify } from "../../src/domain/stamps/keys";
import type { Snapshot, Write } from "../../src/domain/workbook";
import { person } from "./support/people";

const header = changeLog.columns.map((c) => c.header.zh);
const at = (key: string) => changeLog.columns.findIndex((c) => c.key === key);
const book: Snapshot = {
  sheetNames: ["变更记录"],
  sheets: { 变更记录: { name: "变更记录", values: [header] } },
};
/** A log row as a plan writes it, with this hash. */
const row = (hash: string) =>
  header.map((_, i) => (i === at("hash") ? hash : i === at("person") ? "陈会计" : ""));

describe("sealing what an action appends to the Change log", function () {
  this.timeout(20_000);

  it("signs the last row of each block written to the log over its hash, in the same write, and leaves other writes alone", async () => {
    const me = await person(3, "王主管", "deptHead");
    const writes: Write[] = [
      { kind: "values", sheet: "变更记录", row: 1, col: 0, values: [row("h1"), row("h2")] },
      { kind: "values", sheet: "客户原簿", row: 5, col: 0, values: [["C000001"]] },
      { kind: "values", sheet: "变更记录", row: 3, col: 0, values: [row("h3")] },
      // A destruction blanking the words of an old row: no hash written, nothing to seal.
      { kind: "values", sheet: "变更记录", row: 2, col: at("oldValue"), values: [["", ""]] },
    ];
    const sealed = await signLogWrites(book, writes, { fingerprint: me.fp, privateKey: me.privateKey });
    assert.equal(sealed.length, writes.length, "no write added, none lost");
    const cell = (w: Write, r: number) =>
      w.kind === "values" ? String(w.values[r]![at("signature")] ?? "") : "";
    assert.equal(cell(sealed[0]!, 0), "", "only the block's last row");
    const [fp, signature] = cell(sealed[0]!, 1).split(" ");
    assert.equal(fp, me.fp.replace(/ /g, ""));
    assert.ok(
      await verify(me.entry.publicKey, logSignatureMessage("h2"), signature!),
      "over that row's hash",
    );
    assert.deepEqual(sealed[1], writes[1]);
    assert.ok(
      await verify(me.entry.publicKey, logSignatureMessage("h3"), cell(sealed[2]!, 0).split(" ")[1]!),
    );
    assert.deepEqual(sealed[3], writes[3]);
    assert.equal(cell(writes[0]!, 1), "", "the plan's own writes are not changed in place");
  });

  it("puts the signature in a write of its own when the block stops before the signature column", async () => {
    const me = await person(3, "王主管", "deptHead");
    const narrow = row("h9").slice(0, at("hash") + 1);
    const sealed = await signLogWrites(
      book,
      [{ kind: "values", sheet: "变更记录", row: 7, col: 0, values: [narrow, narrow] }],
      { fingerprint: me.fp, privateKey: me.privateKey },
    );
    assert.equal(sealed.length, 2);
    const extra = sealed[1]!;
    assert.ok(extra.kind === "values");
    assert.deepEqual([extra.sheet, extra.row, extra.col], ["变更记录", 8, at("signature")]);
    assert.ok(
      await verify(me.entry.publicKey, logSignatureMessage("h9"), String(extra.values[0]![0]).split(" ")[1]!),
    );
  });

  it("signs nothing in a workbook whose log has no signature column yet", async () => {
    const me = await person(3, "王主管", "deptHead");
    const old: Snapshot = {
      sheetNames: ["变更记录"],
      sheets: { 变更记录: { name: "变更记录", values: [header.slice(0, at("signature"))] } },
    };
    const writes: Write[] = [{ kind: "values", sheet: "变更记录", row: 1, col: 0, values: [row("h1")] }];
    assert.deepEqual(
      await signLogWrites(old, writes, { fingerprint: me.fp, privateKey: me.privateKey }),
      writes,
    );
  });
});
