import assert from "node:assert/strict";
import { MemoryExcelHost } from "../../src/host/memory-host";
import { setUpWorkbook } from "../../src/excel/actions/set-up-workbook";
import { fileRequest, stampRequests } from "../../src/excel/actions/workflow";
import { postRequests } from "../../src/excel/actions/post-requests";
import { intake, register } from "../../src/domain/schema/sheets";
import { sampleCustomer } from "../../src/domain/sample";
import { parseStamps } from "../../src/domain/stamps/stamps";
import { office } from "../domain/support/people";
import { envOf, seedStaff } from "./fixtures";

const now = { date: "2026-11-24", time: "16:40" };

describe("a failure at any sync of stamping (in-memory host)", function () {
  this.timeout(120_000);

  for (const mode of ["before", "partial", "after"] as const) {
    it(`never leaves half a stamp (${mode}): a retry stamps once, and the request posts once`, async () => {
      const people = await office();
      for (let k = 1; k <= 4; k++) {
        const host = new MemoryExcelHost();
        const env = envOf(host);
        await setUpWorkbook(env);
        seedStaff(host, people.entries);
        const customer = sampleCustomer(0, "zh");
        const entry: Record<string, string> = {
          class: "B",
          department: "业务一部",
          responsible: "王建国",
          firstTradeDate: "",
        };
        register.columns.forEach((c, i) => {
          if (
            intake.columns.some((x) => x.key === c.key) &&
            !(c.key in entry) &&
            !["stamps", "notes", "requestNo"].includes(c.key)
          ) {
            entry[c.key] = String(customer[i]);
          }
        });
        assert.ok((await fileRequest(env, entry, "王建国", now)).ok);
        const head = {
          entry: people.head.entry,
          privateKey: people.head.privateKey,
          fingerprint: people.head.fp,
        };
        host.failAtSync(k, { mode });
        await stampRequests(env, people.admin.fp, ["R000001"], head, "approve", "", now);
        const stampsCol = intake.columns.findIndex((c) => c.key === "stamps");
        const stamped = () =>
          parseStamps(String(host.sheet("交易开始调查书").values[1]![stampsCol] ?? "")).stamps.length;
        if (stamped() === 0) {
          const retry = await stampRequests(env, people.admin.fp, ["R000001"], head, "approve", "", now);
          // The retry stamps, or, where the cut left the stamp logged but not yet on the
          // request, finishes the logged stamp (the journal's recovery) instead of stamping twice.
          assert.ok(
            retry.ok && (retry.stamped.length === 1 || retry.finished.includes("R000001")),
            `k=${k} ${JSON.stringify(retry)}`,
          );
        }
        assert.equal(stamped(), 1, `k=${k}: exactly one stamp`);
        const posted = await postRequests(env, { name: "陈会计" }, people.admin.fp, "all", now);
        assert.ok(posted.ok);
        assert.deepEqual(
          posted.posted.map((p) => p.id),
          ["C000001"],
          `k=${k}`,
        );
      }
    });
  }
});
