import assert from "node:assert/strict";
import { PIN_MIN_BITS, pinBits, pinProblem } from "../../../src/domain/stamps/pin";

describe("PIN policy: strong enough to hold out against offline guessing", () => {
  it("refuses PINs shorter than eight characters, whatever they are", () => {
    for (const pin of ["", "246810", "Xw4k-P7"]) assert.equal(pinProblem(pin), "pin.short", pin);
  });

  it("refuses the PINs guessers try first: digits only, dates, repeats and runs", () => {
    for (const pin of [
      "12345678",
      "20261125",
      "88888888",
      "abcdefgh",
      "abcd1234",
      "aaaa1111",
      "135792468024",
    ])
      assert.equal(pinProblem(pin), "pin.weak", `${pin}: ${pinBits(pin).toFixed(1)} bits`);
  });

  it("accepts a PIN that mixes classes without runs, and a long passphrase", () => {
    for (const pin of ["Xw4k-Pr7d", "a7kp2m9x", "qzwrtmvkplhs", "我的客户名簿印章"])
      assert.equal(pinProblem(pin), undefined, `${pin}: ${pinBits(pin).toFixed(1)} bits`);
  });

  it("counts a repeated or one-step character as one bit, any other as the alphabet's width", () => {
    assert.equal(pinBits("a"), Math.log2(26));
    assert.equal(pinBits("ab"), Math.log2(26) + 1);
    assert.equal(pinBits("aa"), Math.log2(26) + 1);
    assert.equal(pinBits("ac"), 2 * Math.log2(26));
    assert.equal(pinBits("a1"), 2 * Math.log2(36));
    assert.equal(pinBits("A1a!"), 4 * Math.log2(95));
  });

  it("asks for at least 2^40 guesses: thirteen random digits are enough, twelve are not", () => {
    assert.equal(PIN_MIN_BITS, 40);
    assert.equal(pinProblem("9173620485917"), undefined);
    assert.equal(pinProblem("917362048591"), "pin.weak");
  });
});
