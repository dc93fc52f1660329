/**
 * A workbook missing one of the sheets an action needs (deleted, renamed by hand): the
 * action names the sheet and writes nothing of its own.
 */
import assert from "node:assert/strict";
import { bookContext } from "../../../src/domain/book-context";
import { planPosting } from "../../../src/domain/posting";
import { planTermination } from "../../../src/domain/termination";
import { planDestruction } from "../../../src/domain/destruction";
import { planMarkInvalid } from "../../../src/domain/invalid";
import { planHandOver } from "../../../src/domain/hand-over";
import { planCorrection } from "../../../src/domain/correction";
import { planReviewConfirmation } from "../../../src/domain/review";
import { planStamping } from "../../../src/domain/stamping";
import { planReinstatementRequests } from "../../../src/domain/reinstatement";
import { planIntake } from "../../../src/domain/intake";
import type { Snapshot } from "../../../src/domain/workbook";
import {
  entryFor,
  leaver,
  now,
  snapshotOf,
  staffOf,
  stamper,
  world,
  type People,
} from "../../excel/integrity/world";

describe("an action on a workbook missing a sheet it needs names the sheet and writes nothing", function () {
  this.timeout(60_000);
  let people: People;
  let base: Snapshot;
  before(async () => {
    people = await staffOf();
    base = snapshotOf(await world(people));
  });
  const without = (name: string): Snapshot => {
    const copy = structuredClone(base);
    copy.sheetNames = copy.sheetNames.filter((n) => n !== name);
    delete copy.sheets[name];
    return copy;
  };
  const lang = "zh" as const;

  type Case = [
    string,
    string,
    (
      s: Snapshot,
    ) => Promise<{ problems: { sheet: string; column: string; rule: string }[]; writes: unknown[] }>,
    string[],
  ];
  const cases: Case[] = [
    [
      "post",
      "客户原簿",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planPosting(s, c.settings, c.trust, "all", { name: "x" }, now, lang);
      },
      ["register", "", "header.missing"],
    ],
    [
      "post",
      "交易开始调查书",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planPosting(s, c.settings, c.trust, "all", { name: "x" }, now, lang);
      },
      ["intake", "", "header.missing"],
    ],
    [
      "post",
      "变更记录",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planPosting(s, c.settings, c.trust, "all", { name: "x" }, now, lang);
      },
      ["changeLog", "", "header.missing"],
    ],
    [
      "terminate",
      "交易过去",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planTermination(
          s,
          c.settings,
          c.trust,
          ["C000007"],
          "past",
          "r",
          stamper(people.head),
          now,
          lang,
        );
      },
      ["archivePast", "", "header.missing"],
    ],
    [
      "terminate",
      "客户原簿",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planTermination(
          s,
          c.settings,
          c.trust,
          ["C000007"],
          "past",
          "r",
          stamper(people.head),
          now,
          lang,
        );
      },
      ["register", "", "header.missing"],
    ],
    [
      "destroy",
      "销毁记录",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planDestruction(s, c.trust, ["C000004"], "r", stamper(people.manager), now, lang, c.settings);
      },
      ["destructionLog", "", "header.missing"],
    ],
    [
      "mark invalid",
      "客户原簿",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planMarkInvalid(s, c.settings, c.trust, ["C000007"], "other", "", "x", now, lang);
      },
      ["register", "status", "header.missing"],
    ],
    [
      "hand-over",
      "客户原簿",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planHandOver(s, c.settings, c.trust, leaver, "周新", "", "x", now, lang);
      },
      ["register", "responsible", "header.missing"],
    ],
    [
      "correct",
      "客户原簿",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planCorrection(
          s,
          c.settings,
          c.trust,
          "C000008",
          { phone: "010-62999999" },
          "r",
          "x",
          now,
          lang,
        );
      },
      ["register", "id", "id.unknown"],
    ],
    [
      "review",
      "客户原簿",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planReviewConfirmation(s, c.settings, c.trust, ["C000009"], "x", now, lang);
      },
      ["register", "lastReviewDate", "header.missing"],
    ],
    [
      "stamp",
      "交易开始调查书",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planStamping(
          s,
          c.settings,
          c.trust,
          ["R000005"],
          stamper(people.head),
          "approve",
          "",
          now,
          lang,
        );
      },
      ["intake", "", "header.missing"],
    ],
    [
      "stamp",
      "变更记录",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planStamping(
          s,
          c.settings,
          c.trust,
          ["R000005"],
          stamper(people.head),
          "approve",
          "",
          now,
          lang,
        );
      },
      ["intake", "", "header.missing"],
    ],
    [
      "reinstatement request",
      "交易开始调查书",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planReinstatementRequests(s, c.settings, c.trust, ["C000003"], "x", now, lang);
      },
      ["intake", "", "header.missing"],
    ],
    [
      "file",
      "变更记录",
      async (s) => {
        const c = await bookContext(s, people.admin.fp);
        return planIntake(s, c.settings, c.trust, entryFor(300), "x", now, lang);
      },
      ["intake", "", "header.missing"],
    ],
  ];
  for (const [action, sheet, plan, expected] of cases) {
    it(`${action} without ${sheet}`, async () => {
      const result = await plan(without(sheet));
      assert.deepEqual(
        result.problems.map((p) => [p.sheet, p.column, p.rule]),
        [expected],
      );
      assert.deepEqual(result.writes, []);
    });
  }
});
