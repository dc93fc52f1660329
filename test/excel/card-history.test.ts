/**
 * The card's history in words (issue 17: "nothing raw reaches a person"): every row the
 * life cycle logs about a customer reads as the person's language, with no action code,
 * field key or state code in it.
 */
import assert from "node:assert/strict";
import { historyLine } from "../../src/domain/history-words";
import { loadCard } from "../../src/excel/actions/card";
import { envOf } from "./fixtures";
import { now, staffOf, world } from "./integrity/world";
import { setUpSheets } from "../../src/domain/schema/sheets";
import { customerStatuses, staffRoles } from "../../src/domain/schema/choices";

describe("the card's history, as a person reads it", function () {
  this.timeout(60_000);

  it("every logged row of every customer of a workbook in use reads in Chinese and in English, no code left", async () => {
    const people = await staffOf();
    const host = await world(people);
    const ids = host
      .sheet("客户原簿")
      .values.slice(1)
      .concat(host.sheet("交易中止").values.slice(1), host.sheet("交易过去").values.slice(1))
      .map((r) => String(r[0]));
    // Every code the log writes: field keys, state and role codes, and the action codes.
    const codes = new Set([
      ...setUpSheets.flatMap((s) => s.columns.map((c) => c.key)),
      ...customerStatuses.map((c) => c.code),
      ...staffRoles.map((c) => c.code),
      "place",
    ]);
    const actions = new Set<string>();
    let lines = 0;
    for (const id of ids) {
      const card = await loadCard(envOf(host), id, people.admin.fp, now);
      assert.ok(card.ok, JSON.stringify(card));
      for (const h of card.card.history) {
        actions.add(h.action);
        for (const lang of ["zh", "en"] as const) {
          const line = historyLine(h, lang);
          lines++;
          const words = line.split(/[\s:：()（）→·,]+/);
          // In English a code may be a plain word ("invalid" in "Marked invalid"): only the
          // camel-cased ones are surely codes there.
          for (const code of [...codes, ...actions])
            if (code.length > 2 && (lang === "zh" || /[a-z][A-Z]/.test(code)))
              assert.ok(!words.includes(code), `${code} in ${lang}: ${line}`);
          assert.ok(!/其他记录|Other entry/.test(line), `an action with no name: ${h.action}`);
        }
      }
    }
    // The world logs takeovers, posts, corrections, contacts, results, a printed card,
    // terminations, a reinstatement request and invalid marks about its customers.
    for (const a of [
      "adopt",
      "post",
      "correct",
      "contact",
      "annualResult",
      "printCard",
      "terminate",
      "reinstateRequest",
      "markInvalid",
    ])
      assert.ok(actions.has(a), `${a} among ${[...actions].join(" ")}`);
    assert.ok(lines > 40, `${lines} lines`);
  });

  it("reads a correction, a move and a takeover as a clerk would say them", () => {
    const row = { time: "2026-11-24 16:00", person: "陈会计", reason: "" };
    assert.equal(
      historyLine(
        { ...row, action: "correct", field: "phone", from: "021-1", to: "0571-2", reason: "客户来函" },
        "zh",
      ),
      "2026-11-24 16:00 陈会计 订正 电话:021-1 → 0571-2(客户来函)",
    );
    assert.equal(
      historyLine({ ...row, action: "post", field: "place", from: "", to: "客户原簿" }, "en"),
      "2026-11-24 16:00 陈会计 Posted to the Register Place: 客户原簿",
    );
    assert.equal(
      historyLine(
        { ...row, action: "adopt", field: "place", from: "", to: "Register", reason: "active" },
        "en",
      ),
      "2026-11-24 16:00 陈会计 Taken over Place: Register (Active)",
    );
    assert.equal(
      historyLine({ ...row, action: "somethingNew", field: "", from: "", to: "x" }, "zh"),
      "2026-11-24 16:00 陈会计 其他记录 x",
    );
  });
});
